"""Loads the Hugo-generated goldens and compares the renderer's HTML with them, normalised."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editor.core.render import render_markdown

GOLDENS = Path(__file__).resolve().parent / "goldens"
_WS = re.compile(r"\s+")
_BLOCK = ("p", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead",
          "tbody", "tr", "th", "td", "div", "hr", "pre", "dl", "dt", "dd", "section")


class _Canon(HTMLParser):
    """Sorted attributes, decoded entities, whitespace runs as one space; inside <pre> only the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.pre = 0

    def handle_starttag(self, tag, attrs):
        if self.pre:
            return
        if tag == "pre":
            self.pre = 1
            attrs = [(k, v) for k, v in attrs if k not in ("style", "tabindex", "class")]
        self.out.append("<" + tag + "".join(' %s="%s"' % (k, v or "") for k, v in sorted(attrs)) + ">")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "pre":
            self.pre = 0
        elif self.pre:
            return
        self.out.append("</%s>" % tag)

    def handle_data(self, data):
        self.out.append(data if self.pre else _WS.sub(" ", data))

    def handle_comment(self, data):
        self.out.append("<!--%s-->" % data)


def norm(html: str) -> str:
    """Hugo's HTML and the renderer's, made comparable: Chroma vs Pygments spans, spacing between blocks."""
    p = _Canon()
    p.feed(html)
    p.close()
    s = "".join(p.out).strip()
    blocks = "|".join(_BLOCK)
    s = re.sub(r"\s*(</?(?:%s)\b[^>]*>)\s*" % blocks, r"\1", s)
    return s


def load(name: str) -> list[dict]:
    return json.loads((GOLDENS / (name + ".json")).read_text(encoding="utf-8"))


def cases(name: str) -> list:
    """pytest params for one construct's goldens, each id'd by its first line of Markdown."""
    return [pytest.param(g, id="%d-%s" % (i, g["markdown"].split("\n")[0][:40])) for i, g in enumerate(load(name))]


def check(golden: dict) -> None:
    got = render_markdown(golden["markdown"], unsafe=golden["unsafe"])
    assert norm(got) == norm(golden["html"]), golden["markdown"]
