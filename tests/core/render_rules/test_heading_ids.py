"""Hugo's auto heading ids (github style), including where a curly quote inside a span ends them."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("heading_ids"))
def test_matches_hugo(golden):
    check(golden)
