"""Definition lists (goldmark's extension): a colon needs a blank after it to start a description."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("definition_lists"))
def test_matches_hugo(golden):
    check(golden)
