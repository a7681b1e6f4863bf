"""Bare URLs and addresses (goldmark's linkify): trailing punctuation, parentheses, labels, addresses."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("linkify"))
def test_matches_hugo(golden):
    check(golden)
