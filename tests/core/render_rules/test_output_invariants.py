"""Output invariants over generated Markdown and the shared corpus: no control characters, safe mode stays safe."""
from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.render import render_html
from editor.core.render.incremental import IncrementalRenderer
from tests.conftest import corpus_posts, requires_corpus

CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")   # U+0000-U+001F except tab and newline (CR counts too)
SETTINGS = settings(max_examples=int(os.environ.get("HPE_EXAMPLES", 300)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Markdown-rich fragments: every construct the inline and block parsers stash or mark internally
PIECES = st.sampled_from([
    "*", "**", "_", "`", "``", "~~", "[", "]", "(", ")", "<", ">", "!", "\\", "\"", "'", "&amp;", "&#1;", "#",
    "\n", "\n\n", "  \n", "> ", "- ", "1. ", "| a | b |\n|---|---|\n", "```\n", "    ", "{#id}", "{.c}",
    "[^1]", "[^1]: note\n", "[r]: /u \"t\"\n", "[a](/u \"t \\\" q\")", "<!-- c -->", "<b>", "</b>",
    "<a href=\"x\">", "https://ex.org/a_b", "www.ex.org", "a@b.org", "{{< figure src=\"x\" >}}",
    "{{% note %}}", "{{% /note %}}", "javascript:alert(1)", "word", " ", "...", "--", "<<", "é", "\t",
])
CONTROLS = st.sampled_from([chr(c) for c in range(32) if chr(c) not in "\t\n"])
MARKDOWN = st.lists(st.one_of(PIECES, PIECES, PIECES, CONTROLS, st.text(max_size=3)), max_size=40).map("".join)


def _assert_clean(html: str) -> None:
    m = CONTROL.search(html)
    assert m is None, "control character %r in the output near %r" % (
        m.group(0), html[max(0, m.start() - 40):m.end() + 40])


@SETTINGS
@given(MARKDOWN, st.booleans())
def test_generated_markdown_never_yields_a_control_character(text, unsafe):
    _assert_clean(render_html(text, unsafe=unsafe))


@SETTINGS
@given(st.lists(MARKDOWN, min_size=2, max_size=6))
def test_incremental_render_never_yields_a_control_character(parts):
    text = "\n\n## Part\n\n".join(parts)
    r = IncrementalRenderer().render(text)
    _assert_clean(r.html)


@requires_corpus
@pytest.mark.parametrize("unsafe", [False, True])
def test_corpus_never_yields_a_control_character(unsafe):
    for path in corpus_posts():
        html = render_html(path.read_text(encoding="utf-8", errors="replace"), unsafe=unsafe)
        m = CONTROL.search(html)
        assert m is None, (path.name, html[max(0, m.start() - 60):m.end() + 60])


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.attrs.extend((tag, k, v or "") for k, v in attrs)

    handle_startendtag = handle_starttag


DANGEROUS = re.compile(r"\s*(?:javascript|vbscript|file|data):", re.I)
LINKS = st.tuples(
    st.sampled_from(["javascript:alert(1)", "JavaScript:x", "vbscript:x", "file:///etc/passwd", "data:text/html,x",
                     "&#106;avascript:x", "java\\script:x", "javascript&#58;x", "data:image/svg+xml,x",
                     "data:image/png;base64,AA", "https://ok.example/", "/rel", "<javascript:x>", "javascript\\:x"]),
    st.sampled_from(["[t](%s)", "![t](%s)", "<%s>", "[t][r]\n\n[r]: %s", "[t](<%s> \"x\")",
                     "{{< figure src=\"%s\" link=\"%s\" >}}"]),
    st.sampled_from(["", "## H {onclick=\"x\" onload=\"y\" data-ok=\"1\" .c #i}\n\n", "## H {onerror=\"x\"}\n\n"]),
)


@SETTINGS
@given(LINKS)
def test_safe_mode_never_keeps_a_script_url_or_an_event_attribute(case):
    url, form, heading = case
    html = render_html(heading + form.replace("%s", url))
    p = _Attrs()
    p.feed(html)
    for tag, name, value in p.attrs:
        assert not name.startswith("on"), (tag, name, html)
        if name in ("href", "src"):
            ok_image = value.lower().startswith(("data:image/png;", "data:image/gif;", "data:image/jpeg;",
                                                 "data:image/webp;"))
            assert ok_image or not DANGEROUS.match(value), (tag, name, value, html)


@settings(max_examples=int(os.environ.get("HPE_EXAMPLES", 100)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN, min_size=3, max_size=6), st.integers(0, 5), MARKDOWN,
       st.sampled_from(["\n\n## Part\n\n", "\n\n", "\n\nText[^1] <!--more-->\n\n"]))
def test_incremental_render_after_an_edit_equals_the_full_render(parts, k, new, sep):
    inc = IncrementalRenderer()
    inc.render(sep.join(parts))
    parts[k % len(parts)] = new
    text = sep.join(parts)
    assert inc.render(text).html == render_html(text)
