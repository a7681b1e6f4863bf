"""A list item whose paragraph is followed by a blank line and a table stays tight."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("list_table"))
def test_matches_hugo(golden):
    check(golden)
