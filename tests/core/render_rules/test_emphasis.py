"""Emphasis delimiter runs: flanking rules, *** nesting order, runs that stay literal."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("emphasis"))
def test_matches_hugo(golden):
    check(golden)
