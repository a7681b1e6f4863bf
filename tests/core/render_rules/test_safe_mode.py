"""Safe mode drops what goldmark drops: dangerous URL schemes and on* attributes."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("safe_mode"))
def test_matches_hugo(golden):
    check(golden)
