"""Typographer inside image alt text (goldmark applies it to the alt's text nodes)."""
from __future__ import annotations

import pytest

from .golden import cases, check


@pytest.mark.parametrize("golden", cases("typographer_image_alt"))
def test_matches_hugo(golden):
    check(golden)
