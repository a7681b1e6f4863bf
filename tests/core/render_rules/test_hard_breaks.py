"""Hard line breaks: trailing spaces (two or more) and backslash, inside quotes and after emphasis."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("hard_breaks"))
def test_matches_hugo(golden):
    check(golden)
