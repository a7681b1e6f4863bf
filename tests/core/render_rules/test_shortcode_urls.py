"""Built-in shortcodes write URLs as Go's html/template does: script and data schemes become #ZgotmplZ."""
from __future__ import annotations

import pytest

from editor.core.render import render_html

from .golden import cases, norm


@pytest.mark.parametrize("golden", cases("shortcode_urls"))
@pytest.mark.parametrize("unsafe", [False, True])
def test_matches_hugo(golden, unsafe):
    # Go's template escaping applies whatever markup.goldmark.renderer.unsafe says
    assert norm(render_html(golden["markdown"], unsafe=unsafe)) == norm(golden["html"])
