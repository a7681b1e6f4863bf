"""Inline patterns added to or replacing Python-Markdown's: raw HTML policy, strikethrough, footnote refs, breaks, refs."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import inlinepatterns as ip
from markdown.inlinepatterns import InlineProcessor

from .htmlblocks import CLOSE_TAG, OPEN_TAG
from markdown import util

from .linkrefs import normalize_label, parse_destination, parse_title

_INLINE_PH = re.compile(util.INLINE_PLACEHOLDER_PREFIX + r"(\d+)" + util.ETX)
_ESC_PH = re.compile(util.STX + r"(\d+)" + util.ETX)
_SPACES = re.compile(r"[ \t\n]*")

RAW_INLINE_RE = (r"(?<!<)(" + OPEN_TAG + "|" + CLOSE_TAG + r"|<!---->|<!--(?:-?[^>-])(?:-?[^-])*-->"
                 r"|<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>)")
OMITTED = "<!-- raw HTML omitted -->"


class RawHtmlProcessor(InlineProcessor):
    """Inline raw HTML: kept when unsafe, else goldmark's `<!-- raw HTML omitted -->`; comments dropped (Hugo)."""

    def __init__(self, pattern: str, md, state) -> None:
        super().__init__(pattern, md)
        self.state = state

    def handleMatch(self, m, data):
        html = m.group(1)
        if not self.state.unsafe:
            if html.startswith("<!--"):
                return "", m.start(0), m.end(0)  # Hugo drops comments instead of marking them
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
    """Reference lookups with CommonMark label matching; code spans in labels count as their source."""

    def evalId(self, data, index, text):  # noqa: N802 (Python-Markdown API)
        id_, end, handled = super().evalId(data, index, text)
        if id_ is not None:
            id_ = normalize_label(self._source(id_))
        return id_, end, handled

    def _source(self, text: str) -> str:
        if util.STX not in text:
            return text
        stash = self.md.treeprocessors["inline"].stashed_nodes

        def node_src(m):
            node = stash.get(m.group(1))
            if isinstance(node, str):
                return node
            if node is not None and node.tag == "code":
                return "`" + html.unescape(node.text or "") + "`"
            return "".join(node.itertext()) if node is not None else ""

        text = _INLINE_PH.sub(node_src, text)
        return _ESC_PH.sub(lambda m: "\\" + chr(int(m.group(1))), text)


class CodeSpanProcessor(ip.BacktickInlineProcessor):
    """Code spans with CommonMark's space rules (line ends become spaces, one space stripped each side)."""

    def handleMatch(self, m, data):
        if m.group(1):
            return super().handleMatch(m, data)
        begin = m.start(0)
        start, end = self.find_code_spans(begin, data)
        if end is None:
            return None, begin, start
        code = data[start:end].replace("\n", " ")
        if len(code) > 1 and code[0] == " " and code[-1] == " " and code.strip(" "):
            code = code[1:-1]
        el = etree.Element("code")
        el.text = util.AtomicString(util.code_escape(code))
        return el, begin, end + (start - begin)


class _CommonMarkLink:
    """Link destinations and titles parsed by CommonMark rules (a space ends a bare destination)."""

    def getLink(self, data, index):  # noqa: N802 (Python-Markdown API)
        if index >= len(data) or data[index] != "(":
            return "", None, index, False
        i = _SPACES.match(data, index + 1).end()
        if i < len(data) and data[i] == ")":
            return "", None, i + 1, True
        d = parse_destination(data, i)
        if d is None:
            return "", None, index, False
        href, j = d
        k = _SPACES.match(data, j).end()
        title = None
        if k > j:
            t = parse_title(data, k)
            if t is not None:
                title, k = t
                k = _SPACES.match(data, k).end()
        if k >= len(data) or data[k] != ")":
            return "", None, index, False
        return href, title, k + 1, True


class LinkProcessor(_CommonMarkLink, ip.LinkInlineProcessor):
    pass


class ImageProcessor(_CommonMarkLink, ip.ImageInlineProcessor):
    pass


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
    reg.register(CodeSpanProcessor(ip.BACKTICK_RE), "backtick", 190)
    reg.register(ip.SubstituteTagInlineProcessor(r"\\\n", "br"), "hpe_backslash_break", 176)
    reg.register(LinkProcessor(ip.LINK_RE, md), "link", 160)
    reg.register(ImageProcessor(ip.IMAGE_LINK_RE, md), "image_link", 150)
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
