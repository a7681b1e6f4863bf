"""Block tree -> ElementTree for Python-Markdown (inline text left for its inline processor)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.util import AtomicString

from .blocknodes import Block
from .highlight import fence_language, render_code, render_indented

# goldmark's attribute syntax: #id and .class (any non-space, non-punctuation bytes but _-:.),
# name=value with a "string", a number or a bare word; a list must be the heading's last thing.
_ATTR_NAME_CHARS = r"[^\s!\"#$%&'()*+,/;<=>?@\[\\\]^`{|}~]*"
_ATTR_TOKEN_SRC = (r"(?:#(%s)|\.(%s)|([A-Za-z_:][A-Za-z0-9_:.-]*)[ \t]*=[ \t]*"
                   r"(\"(?:\\.|[^\"\\])*\"|[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[A-Za-z_:][A-Za-z0-9_:.-]*))"
                   % (_ATTR_NAME_CHARS, _ATTR_NAME_CHARS))
_HEADING_ATTRS = re.compile(r"[ \t]*\{[ \t]*((?:%s[ \t]*)*)\}[ \t]*$" % _ATTR_TOKEN_SRC)
_ATTR_TOKEN = re.compile(_ATTR_TOKEN_SRC)
_STR_ESC = re.compile(r"\\(.)")
_STR_ESC_MAP = {'"': '"', "/": "/", "\\": "\\", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
# goldmark's GlobalAttributeFilter (HeadingAttributeFilter): any other name is dropped unless data-*
ALLOWED_ATTRS = frozenset((
    "accesskey autocapitalize autofocus class contenteditable dir draggable enterkeyhint hidden id inert "
    "inputmode is itemid itemprop itemref itemscope itemtype lang part role slot spellcheck style tabindex "
    "title translate").split())


def attr_value(raw: str) -> str:
    """The rendered value of a goldmark attribute: strings unescaped, numbers and words as goldmark writes them."""
    if raw.startswith('"'):
        return _STR_ESC.sub(lambda m: _STR_ESC_MAP.get(m.group(1), "\\" + m.group(1)), raw[1:-1])
    if raw[0] in "+-0123456789" or raw in ("true", "false", "null"):
        return ""   # a number or a boolean is not a []byte/string value: RenderAttributes writes it empty
    return raw


_TASK = re.compile(r"\[([ xX])\][ \t]")
_LINE_LEAD = re.compile(r"\n[ \t]+")

RAW_TAG = "hpe-raw"  # placeholder element, replaced by stored HTML in a postprocessor


class TreeBuilder:
    """Builds elements for one document; raw HTML strings are kept in `self.raw`."""

    def __init__(self, unsafe: bool, style: str, no_classes: bool) -> None:
        self.unsafe = unsafe
        self.style = style
        self.no_classes = no_classes
        self.raw: list[str] = []

    def raw_el(self, parent: etree.Element, html: str) -> etree.Element:
        el = etree.SubElement(parent, RAW_TAG)
        el.text = AtomicString(str(len(self.raw)))
        self.raw.append(html)
        return el

    # -------------------------------------------------------------- blocks
    def build(self, parent: etree.Element, blk: Block, tight: bool = False) -> None:
        for child in blk.children:
            getattr(self, "_" + child.type)(parent, child, tight)

    def _paragraph(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        text = inline_text(blk.lines)
        if tight:
            _append_text(parent, text)
        else:
            etree.SubElement(parent, "p").text = text

    def _heading(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        h = etree.SubElement(parent, "h%d" % blk.data["level"])
        text = blk.lines[0].strip() if blk.lines else ""
        m = _HEADING_ATTRS.search(text)
        if m:
            classes = []
            for t in _ATTR_TOKEN.finditer(m.group(1)):
                if t.group(1) is not None:
                    h.set("id", t.group(1))
                elif t.group(2) is not None:
                    classes.append(t.group(2))
                elif t.group(3) in ALLOWED_ATTRS or t.group(3).startswith("data-"):
                    if t.group(3) == "class":
                        classes.append(attr_value(t.group(4)))
                    else:
                        h.set(t.group(3), attr_value(t.group(4)))
            if classes:
                h.set("class", " ".join(classes))
            text = text[:m.start()].rstrip()
        h.text = text

    def _hr(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        etree.SubElement(parent, "hr")

    def _code(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        code = "\n".join(blk.lines) + ("\n" if blk.lines else "")
        if blk.data["fenced"]:
            info = unescape_info(blk.data.get("info", ""))
            self.raw_el(parent, render_code(code, fence_language(info), self.style, self.no_classes, info))
        else:
            self.raw_el(parent, render_indented(code))

    def _html(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        text = "\n".join(blk.lines)
        if self.unsafe:
            self.raw_el(parent, text + "\n")
        elif blk.data["html_type"] != 2:  # Hugo drops comment blocks (and the <!--more--> divider)
            # goldmark marks the block, and again its closing line when the end condition came later
            self.raw_el(parent, "<!-- raw HTML omitted -->\n" * (2 if blk.data.get("closure") else 1))

    def _block_quote(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        self.build(etree.SubElement(parent, "blockquote"), blk)

    def _list(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        d = blk.data
        el = etree.SubElement(parent, "ol" if d["ordered"] else "ul")
        if d["ordered"] and d["start"] != 1:
            el.set("start", str(d["start"]))
        item_tight = d["tight"]
        for item in blk.children:
            li = etree.SubElement(el, "li")
            first = item.children[0] if item.children else None
            if first is not None and first.type == "paragraph" and first.lines:
                m = _TASK.match(first.lines[0].lstrip())
                if m and (len(first.lines[0].lstrip()) > 4 or len(first.lines) > 1):
                    lines = [first.lines[0].lstrip()[4:]] + first.lines[1:]
                    target = li if item_tight else etree.SubElement(li, "p")
                    box = etree.SubElement(target, "input")
                    if m.group(1) != " ":
                        box.set("checked", "")
                    box.set("disabled", "")
                    box.set("type", "checkbox")
                    box.tail = " " + inline_text(lines)
                    rest = Block("item", item.start)
                    rest.children = item.children[1:]
                    self.build(li, rest, item_tight)
                    continue
            self.build(li, item, item_tight)

    def _table(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        table = etree.SubElement(parent, "table")
        thead = etree.SubElement(table, "thead")
        self._row(etree.SubElement(thead, "tr"), blk.data["head"], "th")
        tbody = etree.SubElement(table, "tbody")
        for row in blk.data["rows"]:
            self._row(etree.SubElement(tbody, "tr"), row, "td")

    @staticmethod
    def _row(tr: etree.Element, cells: list[tuple[str, str | None]], tag: str) -> None:
        for text, align in cells:
            c = etree.SubElement(tr, tag)
            if align:
                c.set("style", "text-align: " + align)
            c.text = text

    def _deflist(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        dl = etree.SubElement(parent, "dl")
        for child in blk.children:
            if child.type == "dt":
                etree.SubElement(dl, "dt").text = inline_text(child.lines)
            elif child.type == "dd":
                dd = etree.SubElement(dl, "dd")
                kids = child.children
                if child.data.get("tight", True) and kids and kids[0].type == "paragraph":
                    self._paragraph(dd, kids[0], True)
                    kids = kids[1:]
                rest = Block("dd", child.start)
                rest.children = kids
                self.build(dd, rest)
            else:
                self.build(dl, _wrap(child))

    def _dt(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        etree.SubElement(parent, "dt").text = inline_text(blk.lines)

    def _dd(self, parent: etree.Element, blk: Block, tight: bool) -> None:
        self.build(etree.SubElement(parent, "dd"), blk)


def _wrap(child: Block) -> Block:
    w = Block("x", child.start)
    w.children = [child]
    return w


def _append_text(parent: etree.Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + ("\n" if last.tail else "") + text
    else:
        parent.text = (parent.text + "\n" + text) if parent.text else text


def inline_text(lines: list[str]) -> str:
    """Paragraph source for the inline parser: leading spaces of each line and trailing spaces removed."""
    text = "\n".join(lines).strip(" \t\n")
    if "\n" in text:
        text = _LINE_LEAD.sub("\n", text)
    return text


_INFO_ESC = re.compile(r"\\([!\"#$%&'()*+,./:;<=>?@\[\\\]^_`{|}~-])")


def unescape_info(info: str) -> str:
    return _INFO_ESC.sub(r"\1", info)
