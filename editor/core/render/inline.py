"""Inline patterns added to or replacing Python-Markdown's: raw HTML policy, strikethrough, footnote refs, breaks, refs."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import inlinepatterns as ip
from markdown.inlinepatterns import InlineProcessor

from .htmlblocks import CLOSE_TAG, OPEN_TAG
from .linkrefs import normalize_label

RAW_INLINE_RE = (r"(" + OPEN_TAG + "|" + CLOSE_TAG + r"|<!---->|<!--(?:-?[^>-])(?:-?[^-])*-->"
                 r"|<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>)")
OMITTED = "<!-- raw HTML omitted -->"


class RawHtmlProcessor(InlineProcessor):
    """Inline raw HTML: kept when unsafe, else goldmark's `<!-- raw HTML omitted -->`; comments dropped (Hugo)."""

    def __init__(self, pattern: str, md, state) -> None:
        super().__init__(pattern, md)
        self.state = state

    def handleMatch(self, m, data):
        html = m.group(1)
        if html.startswith("<!--"):
            return "", m.start(0), m.end(0)
        if not self.state.unsafe:
            html = OMITTED
        return self.md.htmlStash.store(html), m.start(0), m.end(0)


class FootnoteRefProcessor(InlineProcessor):
    """`[^label]` -> goldmark's footnote reference markup, numbered in order of first use."""

    def __init__(self, pattern: str, md, state) -> None:
        super().__init__(pattern, md)
        self.state = state

    def handleMatch(self, m, data):
        label = m.group(1)
        fns = self.state.footnotes
        if label not in fns:
            return None, None, None
        order = self.state.fn_order
        if label not in order:
            order.append(label)
            self.state.fn_refs[label] = 0
        n = order.index(label) + 1
        k = self.state.fn_refs[label]
        self.state.fn_refs[label] = k + 1
        sup = etree.Element("sup")
        sup.set("id", "fnref%s:%d" % (k or "", n))
        a = etree.SubElement(sup, "a")
        a.set("href", "#fn:%d" % n)
        a.set("class", "footnote-ref")
        a.set("role", "doc-noteref")
        a.text = str(n)
        return sup, m.start(0), m.end(0)


class _NormalizedRef:
    def evalId(self, data, index, text):  # noqa: N802 (Python-Markdown API)
        id_, end, handled = super().evalId(data, index, text)
        if id_ is not None:
            id_ = normalize_label(id_)
        return id_, end, handled


class ReferenceProcessor(_NormalizedRef, ip.ReferenceInlineProcessor):
    pass


class ImageReferenceProcessor(_NormalizedRef, ip.ImageReferenceInlineProcessor):
    pass


class ShortReferenceProcessor(_NormalizedRef, ip.ShortReferenceInlineProcessor):
    pass


class ShortImageReferenceProcessor(_NormalizedRef, ip.ShortImageReferenceInlineProcessor):
    pass


def install(md, state) -> None:
    """Register the Hugo inline patterns on md."""
    md.ESCAPED_CHARS = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    reg = md.inlinePatterns
    reg.register(ip.SubstituteTagInlineProcessor(r"\\\n", "br"), "hpe_backslash_break", 185)
    reg.register(FootnoteRefProcessor(r"\[\^([^\]\s]+)\]", md, state), "hpe_footnote", 175)
    ref = ip.NOIMG + ip.REFERENCE_RE
    reg.register(ReferenceProcessor(ref, md), "reference", 170)
    reg.register(ImageReferenceProcessor(ip.IMAGE_REFERENCE_RE, md), "image_reference", 140)
    reg.register(ShortReferenceProcessor(ref, md), "short_reference", 130)
    reg.register(ShortImageReferenceProcessor(ip.IMAGE_REFERENCE_RE, md), "short_image_ref", 125)
    reg.register(RawHtmlProcessor(RAW_INLINE_RE, md, state), "html", 90)
    reg.register(ip.SimpleTagInlineProcessor(r"(?<!~)(~{2})(?!~)(?=\S)(.+?)(?<=\S)(?<!~)~~(?!~)", "del"),
                 "hpe_del2", 66)
    reg.register(ip.SimpleTagInlineProcessor(r"(?<!~)(~)(?![~\s])(.+?)(?<![~\s])~(?!~)", "del"), "hpe_del1", 65)
