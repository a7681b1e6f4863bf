"""After inline parsing: typographer, linkify, heading ids and the footnote list, in one document-order walk."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from typing import TYPE_CHECKING

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .inline import FN_LABEL_ATTR
from .typographer import MARK, PH, Counter, typograph

if TYPE_CHECKING:   # the extension builds this processor: no import cycle at run time
    from .extension import RenderState

Piece = str | tuple[str, str, str]   # linkify(): text, or ("a", href, text)
Stash = list[str | etree.Element]   # Python-Markdown's raw HTML stash

_URL = re.compile(r"(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::\d+)?"
                  r"(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'\">^{}\[\]`]*)?")
_WWW = re.compile(r"www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_+.~#!?&/=();,'\">^{}\[\]`]*)?")
_EMAIL = re.compile(r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+")
# goldmark tries linkify after a space, * _ ~ ( or where an inline node ended: raw HTML here, or a
# quote the typographer replaced
_CAND = re.compile(r"(?:(?<=[ *_~(\n\x03\"'])|^)(?:https?://|ftp://|www\.|[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@)")
_ESC_PH = re.compile(r"\x02(\d+)\x03")
_ANY_PH = re.compile(r"\x02[^\x03]*\x03")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

INLINE = {"a", "em", "strong", "code", "del", "sup", "sub", "img", "br", "input", "span", "b", "i", "mark", "kbd"}
_CLOSE_SOURCE = {"code": "`", "del": "~"}
OPEN_CH = {"a": "[", "img": "[", "em": "*", "strong": "*", "del": "~"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LOOK = 4   # how far the typographer looks ahead (goldmark reads up to line[4])
AUTO_ID = "\x01%s\x01"   # chunk mode: an auto heading id before document-wide de-duplication


def _trim_url(s: str) -> str:
    if s.endswith("."):
        return s[:-1]
    if s.endswith(")"):
        closing = s.count(")") - s.count("(")
        if closing > 0:
            return s[:-closing]
    elif s.endswith(";"):
        m = re.search(r"&[a-zA-Z0-9]+;$", s)
        if m:
            return s[:m.start()]
    return s


_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _in_label(s: str, st: int) -> bool:
    """Whether position st of s is after a '[' not yet closed by ']'."""
    depth = 0
    for c in s[:st]:
        if c == "[":
            depth += 1
        elif c == "]" and depth:
            depth -= 1
    return depth > 0


def _node_before(s: str, st: int, stash: Stash | None) -> bool:
    """Whether the placeholder ending at st stands for raw HTML (an inline node in goldmark)."""
    m = _HTML_PH.match(s, s.rfind("\x02", 0, st))
    if m is None:
        return False
    k = int(m.group(1))
    return stash is None or not (k < len(stash) and str(stash[k]).startswith("&"))


def linkify(s: str, stash: Stash | None = None) -> list[Piece]:
    """Split s into text pieces and ('a', href, text) links, goldmark linkify style.

    stash: the raw HTML stash, to tell an entity's placeholder (text) from a tag's (a node)."""
    if "://" not in s and "www." not in s and "@" not in s:
        return [s]
    out: list[Piece] = []
    pos = 0
    for m in _CAND.finditer(s):
        st = m.start()
        if st < pos:
            continue
        if st and s[st - 1] == "\x03" and not _node_before(s, st, stash):
            continue   # after an escaped character or an entity (text in goldmark), not after a node
        if st > 1 and s[st - 1] in "\"'" and s[st - 2].isalnum():
            continue   # a quote between word characters stays straight: no node ends there
        if "[" in s[:st] and _in_label(s, st):
            continue   # goldmark does not linkify inside an open link label
        word = m.group(0)
        if word.endswith("@"):
            em = _EMAIL.match(s, st)
            if not em or s[st] in _ASCII_PUNCT:   # an address never starts with punctuation
                continue
            text = em.group(0)
            at = text.index("@")
            if "." not in text[at:]:
                continue
            if text.endswith("."):
                text = text[:-1]
            nxt = s[st + len(text):st + len(text) + 1]
            if nxt in ("-", "_"):
                continue
            text = text.rstrip("?!.,:*_~")
            href = "mailto:" + text
        else:
            um = (_WWW if word.startswith("www.") else _URL).match(s, st)
            if not um:
                continue
            text = um.group(0)
            while True:   # trailing punctuation and unbalanced ')' go, in turn, until neither is left
                trimmed = _trim_url(text.rstrip("?!.,:*_~"))
                if trimmed == text:
                    break
                text = trimmed
            href = ("https://" + text) if word.startswith("www.") else text
        out.append(s[pos:st])
        out.append(("a", href, text))
        pos = st + len(text)
    if not out:
        return [s]
    out.append(s[pos:])
    return out


# goldmark's util.URLEscape keeps these bytes and a '%' that starts an escape; the rest is encoded
_UNSAFE_URL = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]|%(?![0-9A-Fa-f].)")
_DATA_IMAGE_OK = ("png;", "gif;", "jpeg;", "webp;")


def is_dangerous_url(url: str) -> bool:
    """goldmark's IsDangerousURL: javascript:, vbscript:, file: and data: (except a few image types)."""
    low = url[:20].lower()
    if low.startswith("data:image/") and len(url) >= 11:
        return not low[11:].startswith(_DATA_IMAGE_OK)
    return low.startswith(("javascript:", "vbscript:", "file:", "data:"))


def url_escape(url: str) -> str:
    """Percent-encode what goldmark's URL escaping encodes (spaces, non-ASCII, quotes...)."""
    return _UNSAFE_URL.sub(lambda m: "".join("%%%02X" % b for b in m.group(0).encode("utf-8")), url)


_HTML_PH = re.compile("\x02wzxhzdk:(\\d+)\x03")


def _flatten_alt(img: etree.Element, md: Markdown) -> None:
    """An image's parsed label becomes its alt text: the text of every node, raw HTML left out (goldmark)."""
    if img.text is None and not len(img):
        return
    parts = [img.text or ""]
    for child in img:
        for node in child.iter():
            t = node.text or ""
            parts.append(html.unescape(t) if node.tag == "code" else t)
            if node is not child and node.tail:
                parts.append(node.tail)
        parts.append(child.tail or "")
    for child in list(img):
        img.remove(child)
    img.text = None
    stash = md.htmlStash.rawHtmlBlocks

    def raw(m: re.Match[str]) -> str:   # an entity stays as its character; inline HTML is not text
        s = stash[int(m.group(1))] if int(m.group(1)) < len(stash) else ""
        return html.unescape(s) if isinstance(s, str) and s.startswith("&") else ""

    alt = _HTML_PH.sub(raw, _ESC_PH.sub(lambda m: chr(int(m.group(1))), "".join(parts)))
    img.set("alt", alt.replace(MARK, ""))


# Go's unicode.IsSpace: Hugo trims these off the heading's text before making its id.
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
            "\u2028\u2029\u202f\u205f\u3000"


def heading_text(el: etree.Element, stash: Sequence[object] = ()) -> str:
    """Hugo's TextPlain of a heading: all its own text, but of each inline span only the first node.

    Hugo's textPlainTo recurses into a span's first child only, so a link or strong text is cut
    where goldmark starts a new node: at a typographer substitution (marked MARK) or a nested span.
    `stash` (the htmlStash's blocks) gives entities: a named one counts as its character, a numeric
    one as written, raw HTML not at all; then the text is trimmed (checked with Hugo 0.168).
    """
    parts = [el.text or ""]
    for child in el:
        parts.append(_first_node_text(child))
        parts.append(child.tail or "")
    text = "".join(parts).replace(MARK, "")
    text = _ESC_PH.sub(lambda m: chr(int(m.group(1))), text)
    out, pos = [], 0
    for m in _ANY_PH.finditer(text):
        out.append(html.unescape(text[pos:m.start()]))  # code span text is stored escaped
        out.append(_entity_text(m.group(0), stash))
        pos = m.end()
    out.append(html.unescape(text[pos:]))
    # A heading of several lines: Hugo takes the last line's text.
    return "".join(out).rsplit("\n", 1)[-1].strip(_GO_SPACE)


def _entity_text(placeholder: str, stash: Sequence[object]) -> str:
    m = _HTML_PH.fullmatch(placeholder)
    s = stash[int(m.group(1))] if m and int(m.group(1)) < len(stash) else ""
    if not isinstance(s, str) or not s.startswith("&"):
        return ""   # raw HTML: not text
    return s if s.startswith("&#") else html.unescape(s)


def _first_node_text(el: etree.Element) -> str:
    if el.tag == "img":
        return el.get("alt", "")
    if el.tag == "br":
        return "\n"
    t = el.text or ""
    if t:
        if t.startswith(MARK):
            return t[1:2]
        k = t.find(MARK)
        t = t if k < 0 else t[:k]
        k = t.find("\n")     # goldmark's text nodes end at a line end (the newline is written)
        return t if k < 0 else t[:k + 1]
    return _first_node_text(el[0]) if len(el) else ""


def _unmark(el: etree.Element) -> None:
    for node in el.iter():
        if node.text and MARK in node.text:
            node.text = node.text.replace(MARK, "")
        if node is not el and node.tail and MARK in node.tail:
            node.tail = node.tail.replace(MARK, "")


def sanitize_id(text: str) -> str:
    """Hugo's github-style anchor (autoHeadingIDType "github", checked against Hugo 0.168 in
    tests/core/test_heading_ids_hugo.py): letters, decimal digits (Nd: not ² or ½) and "_"
    lower-cased, a space or "-" as "-", everything else (tabs too) dropped."""
    out = []
    for c in text:
        if c == "-" or c == " ":
            out.append("-")
        elif c == "_" or c.isalpha() or c.isdecimal():
            low = c.lower()
            out.append(low[0])   # Go's one-rune lower case: İ is "i", not Python's "i" + U+0307
    return "".join(out)


def unique_id(base: str, ids: set[str]) -> str:
    """goldmark's uniquing of heading ids: `base`, else base-1, base-2… the first not in `ids` (which
    then holds it). The one place for it: whole documents here, chunked ones in incremental.py."""
    hid = base
    k = 1
    while hid in ids:
        hid = "%s-%d" % (base, k)
        k += 1
    ids.add(hid)
    return hid


def _chunk_id_base(h: etree.Element, stash: Sequence[object]) -> str | None:
    """A heading's id base where footnote numbers (known only document-wide) stay marked \x04n\x05.

    None: the heading gets no id (Hugo gives none when its plain text is empty)."""
    notes = [a for a in h.iter("a") if a.get("class") == "footnote-ref"]
    if not notes:
        text = heading_text(h, stash)
        return (sanitize_id(text) or "heading") if text else None
    saved = [a.text for a in notes]
    for a in notes:
        a.text = "\x04%s\x05" % a.text
    parts = re.split(r"\x04(\d+)\x05", heading_text(h, stash))
    for a, label in zip(notes, saved):
        a.text = label
    return "".join(sanitize_id(p) if i % 2 == 0 else "\x04%s\x05" % p for i, p in enumerate(parts))


class HugoTreeprocessor(Treeprocessor):
    """Runs once per document after Python-Markdown's inline processor."""

    def __init__(self, md: Markdown, state: RenderState) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        self._number_refs(root)
        self._footnotes(root)
        cfg = self.state
        self.typo = cfg.typographer
        self.mark = False
        self._block(root)
        for el in root.iter():
            attr = "href" if el.tag == "a" else "src" if el.tag == "img" else None
            if el.tag == "img":
                _flatten_alt(el, self.md)
            url = el.get(attr) if attr else None
            if not url or attr is None:
                continue
            url = _ESC_PH.sub(lambda m: chr(int(m.group(1))), url)
            if not isinstance(el.text, AtomicString):   # an autolink's URL is taken as written
                url = _ENTITY.sub(lambda m: html.unescape(m.group(0)), url)
            if not cfg.unsafe and is_dangerous_url(html.unescape(url)):
                url = ""   # goldmark writes an empty destination for these
            el.set(attr, url_escape(url) if _UNSAFE_URL.search(url) else url)
        ids: set[str] = set()
        stash = self.md.htmlStash.rawHtmlBlocks
        heads = [el for el in root.iter() if el.tag in HEADINGS]
        for h in heads:
            hid = h.get("id")
            if hid:
                ids.add(hid)
        if cfg.chunk:   # the document-wide pass (incremental.py) numbers repeated ids
            cfg.explicit_ids = sorted(ids)
            for h in heads:
                base = None if h.get("id") else _chunk_id_base(h, stash)
                if base is not None:
                    h.set("id", AUTO_ID % base)
                _unmark(h)
            return
        for h in heads:
            if h.get("id"):
                continue
            text = heading_text(h, stash)
            if not text:
                continue   # Hugo generates no id from empty text
            h.set("id", unique_id(sanitize_id(text) or "heading", ids))
        for h in heads:
            _unmark(h)

    # ------------------------------------------------------------ footnotes
    def _number_refs(self, root: etree.Element) -> None:
        """goldmark numbers footnotes by first reference in document order (lists, quotes, cells too)."""
        order, refs = self.state.fn_order, self.state.fn_refs
        number: dict[str, int] = {label: k + 1 for k, label in enumerate(order)}
        for sup in root.iter("sup"):
            label = sup.attrib.pop(FN_LABEL_ATTR, None)
            if label is None:
                continue
            if label not in number:
                order.append(label)
                number[label] = len(order)
                refs[label] = 0
            n, k = number[label], refs[label]
            refs[label] = k + 1
            sup.set("id", "fnref%s:%d" % (k or "", n))
            a = sup[0]
            a.set("href", "#fn:%d" % n)
            a.text = str(n)

    def _footnotes(self, root: etree.Element) -> None:
        holder = root.find("div[@class='footnotes']")
        if holder is None:
            return
        root.remove(holder)
        order = self.state.fn_order
        if not order:
            return
        items = {li.get("data-label"): li for li in holder}
        div = etree.SubElement(root, "div")
        div.set("class", "footnotes")
        div.set("role", "doc-endnotes")
        etree.SubElement(div, "hr")
        ol = etree.SubElement(div, "ol")
        for n, label in enumerate(order, 1):
            li = items[label]
            del li.attrib["data-label"]
            li.set("id", "fn:%d" % n)
            ol.append(li)
            target = li[-1] if len(li) and li[-1].tag == "p" else li
            for k in range(self.state.fn_refs.get(label, 1)):
                a = etree.Element("a")
                a.set("href", "#fnref%s:%d" % (k or "", n))
                a.set("class", "footnote-backref")
                a.set("role", "doc-backlink")
                a.text = "\u21a9\ufe0e"
                if len(target):
                    last = target[-1]
                    last.tail = (last.tail or "") + "\u00a0"
                else:
                    target.text = (target.text or "") + "\u00a0"
                target.append(a)

    # ------------------------------------------------------------ text walk
    def _block(self, el: etree.Element) -> None:
        self.mark = el.tag in HEADINGS   # headings: mark substitutions for the id (heading_text)
        counter = Counter()
        i = self._text(el, None, el.text, "\n", self._after(el, -1, ""), counter, True) if el.text else 0
        while i < len(el):
            child = el[i]
            if child.tag in INLINE:
                self._inline(child, counter, child.tag not in ("a", "img"), self._follow(el, i))
                before, fresh = self._close_ch(child), counter
            else:
                if child.tag != "pre" and child.tag != "hpe-raw":
                    self._block(child)
                    self.mark = el.tag in HEADINGS
                before, fresh = "\n", Counter()
            i += 1
            if child.tail and (child.tag in INLINE or child.tail.strip()):
                i += self._text(el, child, child.tail, before, self._after(el, i - 1, ""), fresh, True)

    def _inline(self, el: etree.Element, counter: Counter, link_ok: bool, follow: str) -> None:
        """Typographer and linkify inside an inline element; `follow`: the source text after its end."""
        if el.tag == "code" or isinstance(el.text, AtomicString):   # code spans, autolinks: source text
            return
        i = 0
        if el.text:
            i = self._text(el, None, el.text, OPEN_CH.get(el.tag, PH), self._after(el, -1, follow), counter, link_ok)
        while i < len(el):
            child = el[i]
            self._inline(child, counter, link_ok and child.tag not in ("a", "img"), self._follow(el, i, follow))
            i += 1
            if child.tail:
                i += self._text(el, child, child.tail, self._close_ch(child), self._after(el, i - 1, follow), counter,
                                link_ok)

    @staticmethod
    def _close_ch(el: etree.Element) -> str:
        if el.tag == "br":
            return "\n"
        if el.tag == "input":
            return " "
        if el.tag == "a" and el.get("data-hpe-end"):
            return el.attrib.pop("data-hpe-end")
        # the source's closing character where Go's unicode.IsPunct tells it from punctuation: '`' and
        # '~' are symbols, so a quote after a code span or strikethrough is not "after punctuation"
        return _CLOSE_SOURCE.get(el.tag, PH)

    @classmethod
    def _after(cls, parent: etree.Element, idx: int, follow: str) -> str:
        """The source characters (a few) after parent's text or child idx's tail, up to the line's end.

        goldmark's typographer looks past the closing delimiter of a span into the rest of the line.
        """
        if idx + 1 < len(parent):
            nxt = parent[idx + 1]
            if nxt.tag == "br":
                return " \n"
            return PH + (nxt.text or "")[:3] if nxt.tag in INLINE and nxt.tag != "code" else PH
        return "" if parent.tag not in INLINE else (PH + follow)[:_LOOK]

    @classmethod
    def _follow(cls, parent: etree.Element, idx: int, follow: str = "") -> str:
        """The source text after child idx of parent ends (its tail, then what comes after it)."""
        tail = parent[idx].tail or ""
        if len(tail) >= _LOOK:
            return tail[:_LOOK]
        return (tail + cls._after(parent, idx, follow))[:_LOOK]

    def _text(self, parent: etree.Element, prev: etree.Element | None, s: str, before: str, after: str,
              counter: Counter, link_ok: bool) -> int:
        pieces = linkify(s, self.md.htmlStash.rawHtmlBlocks) if link_ok else [s]
        out: list[Piece] = []
        b = before
        for k, p in enumerate(pieces):
            if isinstance(p, tuple):
                out.append(p)
                b = p[2][-1]
                continue
            a = pieces[k + 1][2][:_LOOK] if k + 1 < len(pieces) else after
            out.append(typograph(p, b, a, counter, self.mark) if self.typo and p else p)
        first = out[0] if isinstance(out[0], str) else ""
        if prev is None:
            parent.text = first
            pos = 0
        else:
            prev.tail = first
            pos = list(parent).index(prev) + 1
        cur: etree.Element | None = None
        inserted = 0
        for p in out[1:] if isinstance(out[0], str) else out:
            if isinstance(p, tuple):
                link = etree.Element("a")
                link.set("href", p[1])
                link.text = p[2]
                parent.insert(pos, link)
                pos += 1
                inserted += 1
                cur = link
            elif cur is not None:
                cur.tail = p
        return inserted
