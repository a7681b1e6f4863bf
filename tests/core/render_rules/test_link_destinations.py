"""Link destinations: percent-encoding, backticks, titles with escaped quotes, linkify inside raw <a>."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("link_destinations"))
def test_matches_hugo(golden):
    check(golden)
