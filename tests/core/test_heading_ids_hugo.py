"""Heading ids are Hugo's: the real binary's ids against the instant preview's and the body lint's."""

from __future__ import annotations

import html
import re

from editor.core import render_html
from editor.core.hugo import binary as hugo
from editor.core.lint.bodylint import check_body
from tests.sitegen import make_site

# Each heading stands alone (no two share an id), so every id is its text's own, not a numbered repeat.
HEADINGS = [
    "snake_case_name", "a_b_ c", "`code_span()` here", "a\\_escaped\\_b", "émoji_🎉_under",   # underscores
    "Ünïcode Heading: Café & 日本", "İstanbul", "Ελληνικά ΣΊΣΥΦΟΣ", "ǅemal Titlecase",       # letters, case
    "x² and ½ and Ⅻ", "١٢٣ arabic digits",                                                  # digits: Nd only
    "C++ & C#", "what's new?", "a.b/c", "--dashes--", "foo—bar – baz", "&amp; entity &copy;",  # punctuation
    "tab\there", "two  spaces", "`  spaced code  `", "<b></b> lead", "trail <b></b>", "x &nbsp;",  # white space
    "&eacute;t&eacute;", "&#233;t&#233; numeric", "&#x41;hex",          # entities: named decoded, numeric as written
    "[link text](http://example.com/x_y)", "*star* and **bold**", "![img alt](x.png) pic",    # inline markup
    "[ref link][r]", "Custom id {#my_Own-id}",
]
REFS = "[r]: http://example.org/x\n"


def _ids(page_html: str) -> list[str]:
    return [html.unescape(i) for i in re.findall(r'<h2 id="([^"]*)"', page_html)]


def _hugo_ids(tmp_path, body: str) -> list[str]:
    root = make_site(tmp_path, {"posts/a.md": "---\ntitle: A\n---\n" + body},
                     files={"layouts/_default/single.html": "{{ .Content }}", "layouts/_default/list.html": ""})
    result = hugo.run(["--quiet", "-d", str(tmp_path / "public")], cwd=root)
    assert result.returncode == 0, result.stderr
    return _ids((tmp_path / "public/posts/a/index.html").read_text(encoding="utf-8"))


def test_the_preview_gives_headings_hugos_ids(tmp_path):
    body = "".join(f"## {h}\n\n" for h in HEADINGS) + REFS
    expected = _hugo_ids(tmp_path, body)
    assert len(expected) == len(HEADINGS) == len(set(expected))
    assert _ids(render_html(body)) == expected


def test_the_lint_names_the_ids_hugo_gives(tmp_path):
    """Each heading twice: the lint reports every repeat under the id Hugo gives the first one, and
    the id Hugo gives the repeat (numbered, or the same for an id written as {#id})."""
    body = "".join(f"## {h}\n\n## {h}\n\n" for h in HEADINGS) + REFS
    ids = _hugo_ids(tmp_path, body)
    assert len(ids) == 2 * len(HEADINGS)
    reported = [re.match(r"heading id #(\S*) repeats line \d+; (?:Hugo renames this one #(\S*),|Hugo gives both)",
                         p.message) for p in check_body(body)]
    assert all(reported)
    assert [m.group(1) for m in reported if m] == ids[::2]
    assert [m.group(2) or m.group(1) for m in reported if m] == ids[1::2]
