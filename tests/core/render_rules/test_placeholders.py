"""No internal stash marker of the inline parser leaks into the HTML (comments, escaped titles)."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("placeholders"))
def test_matches_hugo(golden):
    check(golden)
