"""The first `<!--more-->` ends the paragraph or list it stands in (Hugo splits the source there)."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("summary_divider"))
def test_matches_hugo(golden):
    check(golden)
