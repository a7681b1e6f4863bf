"""Typographer edge cases: quotes at the end of emphasis/link text, none inside autolinks, CJK."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("typographer_edges"))
def test_matches_hugo(golden):
    check(golden)
