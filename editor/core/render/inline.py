"""Inline patterns added to or replacing Python-Markdown's: raw HTML, strikethrough, footnote refs, breaks, refs."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown import Markdown
from markdown import inlinepatterns as ip
from markdown.inlinepatterns import InlineProcessor

from .emphasis import EmphasisProcessor
from .htmlblocks import CLOSE_TAG, OPEN_TAG
from markdown import treeprocessors, util

from .linkrefs import _ESCAPABLE, normalize_label, parse_destination, parse_title

if TYPE_CHECKING:   # the extension installs these patterns: no import cycle at run time
    from .extension import RenderState

_INLINE_PH = re.compile(util.INLINE_PLACEHOLDER_PREFIX + r"(\d+)" + util.ETX)
_ESC_PH = re.compile(util.STX + r"(\d+)" + util.ETX)
_SPACES = re.compile(r"[ \t\n]*")

RAW_INLINE_RE = (r"(?<!<)(" + OPEN_TAG + "|" + CLOSE_TAG + r"|<!---->|<!--(?:-?[^>-])(?:-?[^-])*-->"
                 r"|<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>)")
OMITTED = "<!-- raw HTML omitted -->"
FN_LABEL_ATTR = "data-hpe-fn"   # a footnote reference's label until the document-order numbering


class RawHtmlProcessor(InlineProcessor):
    """Inline raw HTML: kept when unsafe, else goldmark's `<!-- raw HTML omitted -->`; comments dropped (Hugo)."""

    def __init__(self, pattern: str, md: Markdown, state: RenderState) -> None:
        super().__init__(pattern, md)
        self.state = state

    # Python-Markdown's InlineProcessor changes Pattern's handleMatch signature (its stubs ignore that too).
    def handleMatch(self, m: re.Match[str], data: str  # type: ignore[override]  # noqa: N802
                    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        html = placeholder_source(self.md, m.group(1), self.state)   # a code span or an escape inside is raw text here
        if not self.state.unsafe:
            if html.startswith("<!--"):
                return "", m.start(0), m.end(0)  # Hugo drops comments instead of marking them
            html = OMITTED
        ph = self.md.htmlStash.store(html)
        self.state.raw_src[ph] = m.group(1)
        return ph, m.start(0), m.end(0)


class FootnoteRefProcessor(InlineProcessor):
    """`[^label]` -> goldmark's footnote reference markup; numbered later, in document order (postinline)."""

    def __init__(self, pattern: str, md: Markdown, state: RenderState) -> None:
        super().__init__(pattern, md)
        self.state = state

    # Python-Markdown's InlineProcessor changes Pattern's handleMatch signature (its stubs ignore that too).
    def handleMatch(self, m: re.Match[str], data: str  # type: ignore[override]  # noqa: N802
                    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        label = m.group(1)
        if label not in self.state.footnotes:
            return None, None, None
        sup = etree.Element("sup")
        sup.set(FN_LABEL_ATTR, label)
        a = etree.SubElement(sup, "a")
        a.set("class", "footnote-ref")
        a.set("role", "doc-noteref")
        return sup, m.start(0), m.end(0)


class _NormalizedRef(ip.ReferenceInlineProcessor):
    """Reference lookups with CommonMark label matching; code spans in labels count as their source."""

    def evalId(self, data: str, index: int, text: str) -> tuple[str | None, int, bool]:  # noqa: N802
        if index < len(data) and data[index] in " \t\n" and not isinstance(
                self, (ip.ShortReferenceInlineProcessor, ip.ShortImageReferenceInlineProcessor)):
            return None, index, False   # CommonMark: no space between a reference link's text and label
        id_, end, handled = super().evalId(data, index, text)
        if id_ is not None:
            id_ = normalize_label(self._source(id_))
        return id_, end, handled

    def _source(self, text: str) -> str:
        if util.STX not in text:
            return text
        stash = _stash(self.md)

        def node_src(m: re.Match[str]) -> str:
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

    # Python-Markdown's InlineProcessor changes Pattern's handleMatch signature (its stubs ignore that too).
    def handleMatch(self, m: re.Match[str], data: str  # type: ignore[override]  # noqa: N802
                    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        if m.group(1):
            return super().handleMatch(m, data)
        begin = m.start(0)
        # (start, None) when unclosed: Python-Markdown's own annotation; its stubs say `tuple | None`.
        spans: tuple[int, int | None] = self.find_code_spans(begin, data)  # type: ignore[assignment]
        start, end = spans
        if end is None:
            return None, begin, start
        code = data[start:end].replace("\n", " ")
        if len(code) > 1 and code[0] == " " and code[-1] == " " and code.strip(" "):
            code = code[1:-1]
        el = etree.Element("code")
        el.text = util.AtomicString(util.code_escape(code))
        return el, begin, end + (start - begin)


def _stash(md: Markdown) -> dict[str, etree.Element | str]:
    """The inline parser's stash: what each placeholder in a text stands for."""
    inline = md.treeprocessors["inline"]
    assert isinstance(inline, treeprocessors.InlineProcessor)   # FastInlineProcessor (install)
    return inline.stashed_nodes


def placeholder_source(md: Markdown, text: str, state: RenderState) -> str:
    """text with the inline parser's placeholders turned back into the source they stand for.

    Python-Markdown runs code spans and escapes over the whole paragraph before links, while in
    goldmark a link's destination and title are read as raw characters first: a backtick or an
    escaped quote there belongs to the link.
    """
    if util.STX not in text:
        return text
    stash = _stash(md)
    raw_src = state.raw_src

    def node_src(m: re.Match[str]) -> str:
        node = stash.get(m.group(1))
        if isinstance(node, str):
            if node in raw_src:        # raw HTML: its source, not the stash marker or "omitted"
                return raw_src[node]
            return _ESC_PH.sub(lambda e: "\\" + chr(int(e.group(1))), node)
        if node is not None and node.tag == "code":
            code = html.unescape(node.text or "")
            fence = "`" * (max((len(r) for r in re.findall("`+", code)), default=0) + 1)
            return fence + code + fence
        return "".join(node.itertext()) if node is not None else ""

    return _INLINE_PH.sub(node_src, text)


class _CommonMarkLink(ip.LinkInlineProcessor):
    """Link destinations and titles parsed by CommonMark rules (a space ends a bare destination)."""

    def __init__(self, pattern: str, md: Markdown, state: RenderState) -> None:
        super().__init__(pattern, md)
        self.state = state

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:  # noqa: N802
        if index >= len(data) or data[index] != "(":
            return "", None, index, False
        if util.STX in data:
            # Parse the source text; the placeholders inside the link's parentheses are used up.
            href, title, end, ok = self._parse_link(placeholder_source(self.md, data[index:], self.state), 0)
            if not ok:
                return "", None, index, False
            # map the end in the source text back to data, placeholder by placeholder
            j, k = index, 0
            while k < end:
                m = _INLINE_PH.match(data, j)
                if m:
                    k += len(placeholder_source(self.md, m.group(0), self.state))
                    j = m.end()
                else:
                    k += 1
                    j += 1
            if k != end:   # the link would end inside a placeholder's source
                return "", None, index, False
            return href, title, j, True
        return self._parse_link(data, index)

    @staticmethod
    def _parse_link(data: str, index: int) -> tuple[str, str | None, int, bool]:
        i = _skip_spaces(data, index + 1)
        if i < len(data) and data[i] == ")":
            return "", None, i + 1, True
        d = parse_destination(data, i)
        if d is None:
            return "", None, index, False
        href, j = d
        k = _skip_spaces(data, j)
        title = None
        if k > j:
            t = parse_title(data, k)
            if t is not None:
                title, k = t
                k = _skip_spaces(data, k)
        if k >= len(data) or data[k] != ")":
            return "", None, index, False
        return _unescape_src(href), None if title is None else _unescape_src(title), k + 1, True


def _skip_spaces(data: str, i: int) -> int:
    m = _SPACES.match(data, i)
    return m.end() if m else i   # _SPACES matches the empty string too


_SRC_ESC = re.compile(r"\\(" + _ESCAPABLE + ")")


def _unescape_src(s: str) -> str:
    """A destination or title from source text: backslash escapes become the escape placeholder."""
    return _SRC_ESC.sub(lambda m: util.STX + str(ord(m.group(1))) + util.ETX, s)


class LinkProcessor(_CommonMarkLink, ip.LinkInlineProcessor):
    pass


class ImageProcessor(_CommonMarkLink, ip.ImageInlineProcessor):
    """Images whose label is parsed as inline text (typographer included) and flattened into alt later."""

    # Python-Markdown's InlineProcessor changes Pattern's handleMatch signature (its stubs ignore that too).
    def handleMatch(self, m: re.Match[str], data: str  # type: ignore[override]  # noqa: N802
                    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        el, start, end = super().handleMatch(m, data)
        if isinstance(el, etree.Element):
            el.text = el.attrib.pop("alt")
        return el, start, end


class ReferenceProcessor(_NormalizedRef, ip.ReferenceInlineProcessor):
    pass


class _LabelAlt(ip.ImageReferenceInlineProcessor):
    """Reference images keep their label as inline text, flattened into alt after the typographer."""

    def makeTag(self, href: str, title: str, text: str) -> etree.Element:  # noqa: N802 (Python-Markdown API)
        el = super().makeTag(href, title, text)
        el.text = el.attrib.pop("alt")
        return el


class ImageReferenceProcessor(_LabelAlt, _NormalizedRef, ip.ImageReferenceInlineProcessor):
    pass


class ShortReferenceProcessor(_NormalizedRef, ip.ShortReferenceInlineProcessor):
    pass


class ShortImageReferenceProcessor(_LabelAlt, _NormalizedRef, ip.ShortImageReferenceInlineProcessor):
    pass


# CommonMark autolinks: any scheme of 2-32 characters, no spaces, controls or angle brackets; they are
# matched before escapes (a backslash inside is part of the URL), so an escaped '<' is checked here
AUTOLINK_RE = r"(?<!\\)<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\x00-\x20<>]*)>"
AUTOMAIL_RE = (r"(?<!\\)<([a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
               r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>")


class AutolinkProcessor(InlineProcessor):
    """`<scheme:...>`: the text is not parsed further (no typographer, no escapes)."""

    # Python-Markdown's InlineProcessor changes Pattern's handleMatch signature (its stubs ignore that too).
    def handleMatch(self, m: re.Match[str], data: str  # type: ignore[override]  # noqa: N802
                    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        el = etree.Element("a")
        url = self.unescape(m.group(1))
        el.set("href", url)
        el.text = util.AtomicString(url)
        return el, m.start(0), m.end(0)


class AutomailProcessor(InlineProcessor):
    """`<me@example.org>` -> a mailto: link (goldmark does not obfuscate the address)."""

    # Python-Markdown's InlineProcessor changes Pattern's handleMatch signature (its stubs ignore that too).
    def handleMatch(self, m: re.Match[str], data: str  # type: ignore[override]  # noqa: N802
                    ) -> tuple[etree.Element | str | None, int | None, int | None]:
        el = etree.Element("a")
        el.set("href", "mailto:" + m.group(1))
        el.text = util.AtomicString(m.group(1))
        return el, m.start(0), m.end(0)


def install(md: Markdown, state: RenderState) -> None:
    """Register the Hugo inline patterns on md."""
    md.ESCAPED_CHARS = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
    reg = md.inlinePatterns
    reg.register(CodeSpanProcessor(ip.BACKTICK_RE), "backtick", 190)
    reg.register(ip.SubstituteTagInlineProcessor(r"\\\n", "br"), "hpe_backslash_break", 176)
    # goldmark: a line ending in two spaces is a hard break; it takes up to three of the trailing spaces
    reg.register(ip.SubstituteTagInlineProcessor(r" {2,3}\n", "br"), "linebreak", 100)
    reg.register(LinkProcessor(ip.LINK_RE, md, state), "link", 160)
    reg.register(ImageProcessor(ip.IMAGE_LINK_RE, md, state), "image_link", 150)
    reg.register(FootnoteRefProcessor(r"\[\^([^\]\s]+)\]", md, state), "hpe_footnote", 175)
    ref = ip.NOIMG + ip.REFERENCE_RE
    reg.register(ReferenceProcessor(ref, md), "reference", 170)
    reg.register(ImageReferenceProcessor(ip.IMAGE_REFERENCE_RE, md), "image_reference", 140)
    reg.register(ShortReferenceProcessor(ref, md), "short_reference", 130)
    reg.register(ShortImageReferenceProcessor(ip.IMAGE_REFERENCE_RE, md), "short_image_ref", 125)
    # autolinks before escapes: a backslash inside one is a character of the URL (CommonMark)
    reg.register(AutolinkProcessor(AUTOLINK_RE, md), "autolink", 185)
    reg.register(AutomailProcessor(AUTOMAIL_RE, md), "automail", 184)
    # raw HTML before links: a tag or comment that opens first wins (CommonMark's left-to-right scan)
    reg.register(RawHtmlProcessor(RAW_INLINE_RE, md, state), "html", 178)
    reg.register(EmphasisProcessor(md), "em_strong", 60)
    if "em_strong2" in reg:
        reg.deregister("em_strong2")
    # strikethrough (~, ~~) shares emphasis's delimiter run: goldmark processes them together


# What must occur in a text for each pattern to have a chance (None: always try the pattern).
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",), "autolink": ("<",), "automail": ("<",), "escape": ("\\",), "html": ("<",),
    "hpe_backslash_break": ("\\",), "hpe_footnote": ("[^",), "reference": ("[",), "link": ("[",),
    "image_link": ("![",), "image_reference": ("![",), "short_reference": ("[",), "short_image_ref": ("![",),
    "linebreak": ("  \n",), "entity": ("&",), "em_strong": ("*", "_", "~"),
}


class FastInlineProcessor(treeprocessors.InlineProcessor):
    """Python-Markdown's inline pass with the patterns frozen in a list and skipped when their trigger is absent.

    Same results: a pattern whose regex needs a character the text lacks cannot match. A long
    post's render spends a fifth of its time trying such patterns one text at a time.
    """

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        # The registry names its patterns only in its private priority list.
        names = [item.name for item in md.inlinePatterns._priority]  # type: ignore[attr-defined]
        self.patterns = [md.inlinePatterns[n] for n in names]
        self.triggers = [_TRIGGERS.get(n) for n in names]

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
        if isinstance(data, util.AtomicString):
            return data
        start = 0
        patterns, triggers = self.patterns, self.triggers
        # The private helper of the method this one replaces (name-mangled by Python-Markdown).
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        while patternIndex < len(patterns):
            needs = triggers[patternIndex]
            if needs is not None and not any(t in data for t in needs):
                patternIndex += 1
                start = 0
                continue
            data, matched, start = apply(patterns[patternIndex], data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data
