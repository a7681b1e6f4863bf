"""The CommonMark spec's examples, with the HTML real Hugo (goldmark, Hugo's defaults, unsafe) gave for each."""
from __future__ import annotations

import pytest

from editor.core.render import render_markdown

from .golden import load, norm

# Examples where the renderer still departs from Hugo, each with the reason (see KNOWN below).
KNOWN: dict[int, str] = {}


def _params():
    out = []
    for ex in load("commonmark_spec"):
        marks = [pytest.mark.xfail(reason=KNOWN[ex["example"]], strict=True)] if ex["example"] in KNOWN else []
        out.append(pytest.param(ex, id="%d-%s" % (ex["example"], ex["section"][:30]), marks=marks))
    return out


@pytest.mark.parametrize("ex", _params())
def test_spec_example_matches_hugo(ex):
    got = render_markdown(ex["markdown"], unsafe=True)
    assert norm(got) == norm(ex["html"]), ex["markdown"]
