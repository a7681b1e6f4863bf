"""Footnotes numbered in document order of first reference, in lists, quotes and table cells too."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("footnote_order"))
def test_matches_hugo(golden):
    check(golden)
