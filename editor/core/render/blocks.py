"""CommonMark block structure as goldmark parses it: text -> a tree of `Block` nodes (inline text left raw)."""
from __future__ import annotations

import re

from .htmlblocks import HTML_BLOCK_CLOSE, HTML_BLOCK_OPEN
from .linkrefs import parse_reference_defs

_ATX = re.compile(r"#{1,6}(?:[ \t]+|$)")
_FENCE_OPEN = re.compile(r"`{3,}(?!.*`)|~{3,}")
_FENCE_CLOSE = re.compile(r"(?:`{3,}|~{3,})(?=[ \t]*$)")
_SETEXT = re.compile(r"(?:=+|-+)[ \t]*$")
_HR = re.compile(r"(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$")
_BULLET = re.compile(r"[*+-]")
_ORDERED = re.compile(r"(\d{1,9})([.)])")
_MAYBE_SPECIAL = re.compile(r"[#`~*+_=<>0-9:\[|-]")
_FOOTNOTE = re.compile(r"\[\^([^\]]+)\]:")
_TRAIL_ATX = re.compile(r"[ \t]+#+[ \t]*$")
_ONLY_ATX = re.compile(r"^[ \t]*#+[ \t]*$")

CONTAINERS = {"document", "block_quote", "list", "item", "footnote", "deflist", "dd"}


class Block:
    """One block node; `lines` holds raw text for leaves, `children` for containers."""

    __slots__ = ("type", "parent", "children", "open", "start", "end", "lines", "data", "blank_before")

    def __init__(self, type_: str, start: int) -> None:
        self.type = type_
        self.parent: Block | None = None
        self.children: list[Block] = []
        self.open = True
        self.start = start
        self.end = start
        self.lines: list[str] = []
        self.data: dict = {}
        self.blank_before = False

    def add(self, child: "Block") -> "Block":
        child.parent = self
        self.children.append(child)
        return child

    def __repr__(self) -> str:  # debugging aid
        return f"<{self.type} {self.start}-{self.end} {self.data or ''} {self.children or self.lines}>"


def _is_space_or_tab(c: str) -> bool:
    return c == " " or c == "\t"


class BlockParser:
    """A line-by-line CommonMark block parser (after commonmark.js), with goldmark's extensions."""

    def __init__(self) -> None:
        self.refs: dict[str, tuple[str, str | None]] = {}

    # ------------------------------------------------------------ line cursor
    def _find_next_nonspace(self) -> None:
        ln, i, cols = self.line, self.offset, self.column
        n = len(ln)
        while i < n:
            c = ln[i]
            if c == " ":
                cols += 1
            elif c == "\t":
                cols += 4 - cols % 4
            else:
                break
            i += 1
        self.blank = i >= n
        self.next_nonspace = i
        self.next_nonspace_column = cols
        self.indent = cols - self.column
        self.indented = self.indent >= 4

    def _advance_next_nonspace(self) -> None:
        self.offset = self.next_nonspace
        self.column = self.next_nonspace_column
        self.partial_tab = False

    def _advance_offset(self, count: int, columns: bool) -> None:
        ln = self.line
        while count > 0 and self.offset < len(ln):
            if ln[self.offset] == "\t":
                to_tab = 4 - self.column % 4
                if columns:
                    self.partial_tab = to_tab > count
                    adv = min(count, to_tab)
                    self.column += adv
                    if not self.partial_tab:
                        self.offset += 1
                    count -= adv
                else:
                    self.partial_tab = False
                    self.column += to_tab
                    self.offset += 1
                    count -= 1
            else:
                self.partial_tab = False
                self.offset += 1
                self.column += 1
                count -= 1

    def _peek(self, pos: int) -> str:
        return self.line[pos] if pos < len(self.line) else ""

    def _add_line(self) -> None:
        if self.partial_tab:
            self.offset += 1
            self.tip.lines.append(" " * (4 - self.column % 4) + self.line[self.offset:])
        else:
            self.tip.lines.append(self.line[self.offset:])

    def _add_child(self, type_: str) -> Block:
        while self.tip.type not in CONTAINERS or not self._can_contain(self.tip, type_):
            self._finalize(self.tip, self.line_no - 1)
        blk = self.tip.add(Block(type_, self.line_no))
        blk.blank_before = self.prev_blank
        self.tip = blk
        return blk

    @staticmethod
    def _can_contain(parent: Block, type_: str) -> bool:
        if parent.type == "list":
            return type_ == "item"
        if parent.type == "deflist":
            return type_ in ("dd", "paragraph", "dt")
        return type_ != "item"

    def _close_unmatched(self) -> None:
        if not self.all_closed:
            while self.oldtip is not self.last_matched:
                parent = self.oldtip.parent
                self._finalize(self.oldtip, self.line_no - 1)
                self.oldtip = parent
            self.all_closed = True

    # ------------------------------------------------------------ driver
    def parse(self, text: str) -> Block:
        self.refs = {}
        self.footnotes: dict[str, Block] = {}
        doc = Block("document", 1)
        self.doc = self.tip = self.oldtip = doc
        self.line_no = 0
        self.prev_blank = False
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for ln in lines:
            self._incorporate(ln)
        while self.tip is not None:
            self._finalize(self.tip, len(lines))
        return doc

    def _incorporate(self, ln: str) -> None:
        self.line = ln
        self.line_no += 1
        self.offset = self.column = 0
        self.blank = False
        self.partial_tab = False
        self.oldtip = self.tip
        container = self.doc
        while container.children and container.children[-1].open:
            container = container.children[-1]
            self._find_next_nonspace()
            res = self._continue(container)
            if res == 1:
                container = container.parent
                break
            if res == 2:
                self.prev_blank = False
                return
        self.all_closed = container is self.oldtip
        self.last_matched = container
        matched_leaf = container.type in ("code", "html")
        while not matched_leaf:
            self._find_next_nonspace()
            if not self.indented and not _MAYBE_SPECIAL.match(ln, self.next_nonspace):
                self._advance_next_nonspace()
                break
            res = 0
            for start in self._starts:
                res = start(self, container)
                if res:
                    break
            if res == 1:
                container = self.tip
            elif res == 2:
                container = self.tip
                matched_leaf = True
            else:
                self._advance_next_nonspace()
                break
        if not self.all_closed and not self.blank and self.tip.type == "paragraph":
            self._add_line()  # lazy continuation
        else:
            self._close_unmatched()
            t = container.type
            if t in ("code", "html"):
                self._add_line()
                if t == "html":
                    ht = container.data["html_type"]
                    if 1 <= ht <= 5 and HTML_BLOCK_CLOSE[ht].search(ln, self.offset + (
                            0 if container.start != self.line_no else 2)):
                        container.data["closure"] = container.start != self.line_no
                        self._finalize(container, self.line_no)
            elif t == "paragraph":
                self._add_line()
            elif self.offset < len(ln) and not self.blank:
                self._add_child("paragraph")
                self._advance_next_nonspace()
                self._add_line()
        self.prev_blank = not ln.strip()

    # ------------------------------------------------------------ continuation
    def _continue(self, c: Block) -> int:
        t = c.type
        if t == "paragraph":
            return 1 if self.blank else 0
        if t == "block_quote":
            if not self.indented and self._peek(self.next_nonspace) == ">":
                self._advance_next_nonspace()
                self._advance_offset(1, False)
                if _is_space_or_tab(self._peek(self.offset)):
                    self._advance_offset(1, True)
                return 0
            return 1
        if t == "item":
            if self.blank:
                if not c.children:
                    return 1
                self._advance_next_nonspace()
                return 0
            need = c.data["marker_offset"] + c.data["padding"]
            if self.indent >= need:
                self._advance_offset(need, True)
                return 0
            return 1
        if t in ("list", "document"):
            return 0
        if t == "code":
            if c.data["fenced"]:
                m = None
                if self.indent <= 3 and self._peek(self.next_nonspace) == c.data["fence_char"]:
                    m = _FENCE_CLOSE.match(self.line, self.next_nonspace)
                if m and len(m.group(0)) >= c.data["fence_len"]:
                    self._finalize(c, self.line_no)
                    return 2
                i = c.data["fence_offset"]
                while i > 0 and _is_space_or_tab(self._peek(self.offset)):
                    self._advance_offset(1, True)
                    i -= 1
                return 0
            if self.indent >= 4:
                self._advance_offset(4, True)
            elif self.blank:
                self._advance_next_nonspace()
            else:
                return 1
            return 0
        if t == "html":
            return 1 if self.blank and c.data["html_type"] in (6, 7) else 0
        if t == "footnote":
            if self.blank:
                return 0
            if self.indent >= 4:
                self._advance_offset(4, True)
                return 0
            return 1
        if t == "deflist":
            if self.blank:
                return 0
            off = c.data["offset"]
            if self.indent >= off:
                self._advance_offset(off, True)
                return 0
            return 1
        if t == "dd":
            return 0
        return 1  # heading, hr, table rows are single lines

    # ------------------------------------------------------------ finalize
    def _finalize(self, blk: Block, line_no: int) -> None:
        parent = blk.parent
        blk.open = False
        blk.end = line_no
        t = blk.type
        if t == "paragraph":
            text = "\n".join(blk.lines)
            rest = parse_reference_defs(text, self.refs)
            if rest is None or not rest.strip():
                parent.children.remove(blk)
            else:
                blk.lines = rest.split("\n")
                from .tables import split_table  # local: tables import Block
                split_table(blk)
        elif t == "code":
            if blk.data["fenced"]:
                blk.data["info"] = blk.lines[0].strip() if blk.lines else ""
                blk.lines = blk.lines[1:]
            else:
                while blk.lines and not blk.lines[-1].strip():
                    blk.lines.pop()
        elif t == "html":
            while blk.lines and not blk.lines[-1].strip():
                blk.lines.pop()
        elif t == "item":
            if blk.children:
                blk.end = blk.children[-1].end
            else:
                blk.end = blk.start
        elif t == "list":
            blk.data["tight"] = _is_tight(blk)
            blk.end = blk.children[-1].end if blk.children else blk.start
        elif t == "footnote":
            if blk.data["label"] not in self.footnotes:
                self.footnotes[blk.data["label"]] = blk
            if parent is not None:
                parent.children.remove(blk)
        elif t == "dd":
            blk.data["tight"] = not blk.blank_before
        self.tip = parent

    # ------------------------------------------------------------ block starts
    def _start_blockquote(self, container: Block) -> int:
        if not self.indented and self._peek(self.next_nonspace) == ">":
            self._advance_next_nonspace()
            self._advance_offset(1, False)
            if _is_space_or_tab(self._peek(self.offset)):
                self._advance_offset(1, True)
            self._close_unmatched()
            self._add_child("block_quote")
            return 1
        return 0

    def _start_atx(self, container: Block) -> int:
        if self.indented:
            return 0
        m = _ATX.match(self.line, self.next_nonspace)
        if not m:
            return 0
        self._advance_next_nonspace()
        self._advance_offset(len(m.group(0)), False)
        self._close_unmatched()
        h = self._add_child("heading")
        h.data["level"] = len(m.group(0).strip())
        content = self.line[self.offset:]
        content = "" if _ONLY_ATX.match(content) else _TRAIL_ATX.sub("", content)
        h.lines = [content]
        self._advance_offset(len(self.line) - self.offset, False)
        return 2

    def _start_fence(self, container: Block) -> int:
        if self.indented:
            return 0
        m = _FENCE_OPEN.match(self.line, self.next_nonspace)
        if not m:
            return 0
        n = len(m.group(0))
        self._close_unmatched()
        c = self._add_child("code")
        c.data.update(fenced=True, fence_len=n, fence_char=m.group(0)[0], fence_offset=self.indent)
        self._advance_next_nonspace()
        self._advance_offset(n, False)
        return 2

    def _start_html(self, container: Block) -> int:
        if self.indented or self._peek(self.next_nonspace) != "<":
            return 0
        s = self.line[self.next_nonspace:]
        for ht in range(1, 8):
            if HTML_BLOCK_OPEN[ht].match(s) and (ht < 7 or (container.type != "paragraph" and not (
                    not self.all_closed and not self.blank and self.tip.type == "paragraph"))):
                self._close_unmatched()
                b = self._add_child("html")
                b.data["html_type"] = ht
                return 2
        return 0

    def _start_setext(self, container: Block) -> int:
        if self.indented or container.type != "paragraph":
            return 0
        m = _SETEXT.match(self.line, self.next_nonspace)
        if not m:
            return 0
        self._close_unmatched()
        text = "\n".join(container.lines)
        rest = parse_reference_defs(text, self.refs)
        if rest is None or not rest.strip():
            container.lines = []
            return 0
        from .tables import find_table  # a table header row is not a setext heading
        if find_table(rest.split("\n")) is not None:
            container.lines = rest.split("\n")
            return 0
        h = Block("heading", container.start)
        h.data["level"] = 1 if m.group(0)[0] == "=" else 2
        h.lines = [rest.strip()]
        parent = container.parent
        idx = parent.children.index(container)
        parent.children[idx] = h
        h.parent = parent
        h.open = False
        h.end = self.line_no
        self.tip = parent
        self._advance_offset(len(self.line) - self.offset, False)
        return 2

    def _start_hr(self, container: Block) -> int:
        if not self.indented and _HR.match(self.line, self.next_nonspace):
            self._close_unmatched()
            self._add_child("hr")
            self._advance_offset(len(self.line) - self.offset, False)
            return 2
        return 0

    def _start_list(self, container: Block) -> int:
        if self.indented and container.type != "list":
            return 0
        data = self._parse_list_marker(container)
        if data is None:
            return 0
        self._close_unmatched()
        if self.tip.type != "list" or not _lists_match(self.tip.data, data):
            lst = self._add_child("list")
            lst.data.update(data)
        item = self._add_child("item")
        item.data.update(data)
        return 1

    def _parse_list_marker(self, container: Block) -> dict | None:
        ln = self.line
        if self.indent >= 4:
            return None
        pos = self.next_nonspace
        m = _BULLET.match(ln, pos)
        if m:
            data = {"ordered": False, "bullet": m.group(0), "marker_offset": self.indent}
        else:
            m = _ORDERED.match(ln, pos)
            if not m or (container.type == "paragraph" and m.group(1) != "1"):
                return None
            data = {"ordered": True, "start": int(m.group(1)), "delim": m.group(2), "marker_offset": self.indent}
        mlen = len(m.group(0))
        nextc = self._peek(pos + mlen)
        if nextc not in ("", " ", "\t"):
            return None
        if container.type == "paragraph" and not ln[pos + mlen:].strip(" \t"):
            return None
        self._advance_next_nonspace()
        self._advance_offset(mlen, True)
        start_col, start_off = self.column, self.offset
        while True:
            self._advance_offset(1, True)
            nextc = self._peek(self.offset)
            if not (self.column - start_col < 5 and _is_space_or_tab(nextc)):
                break
        blank_item = self.offset >= len(ln)
        spaces = self.column - start_col
        if spaces >= 5 or spaces < 1 or blank_item:
            data["padding"] = mlen + 1
            self.column, self.offset = start_col, start_off
            if _is_space_or_tab(self._peek(self.offset)):
                self._advance_offset(1, True)
        else:
            data["padding"] = mlen + spaces
        return data

    def _start_indented(self, container: Block) -> int:
        if self.indented and self.tip.type != "paragraph" and not self.blank:
            self._advance_offset(4, True)
            self._close_unmatched()
            c = self._add_child("code")
            c.data["fenced"] = False
            return 2
        return 0

    def _start_footnote(self, container: Block) -> int:
        if self.indented or container.type == "paragraph":
            return 0
        m = _FOOTNOTE.match(self.line, self.next_nonspace)
        if not m or not m.group(1).strip():
            return 0
        self._close_unmatched()
        fn = self._add_child("footnote")
        fn.data["label"] = m.group(1)
        self._advance_next_nonspace()
        self._advance_offset(len(m.group(0)), False)
        return 1

    def _start_dd(self, container: Block) -> int:
        """Definition description `: text` after a term paragraph (goldmark's definitionList)."""
        if self.indent != 0 or self._peek(self.next_nonspace) != ":":
            return 0
        rest = self.line[self.next_nonspace + 1:]
        w = len(rest) - len(rest.lstrip(" \t"))
        if w < 1 and rest:
            return 0
        if w >= 8:
            w = 5
        parent = container.parent if container.type == "paragraph" else container
        if parent is None or not parent.children:
            return 0
        last = parent.children[-1]
        if last.type == "paragraph":
            self._close_unmatched()
            if last.open:
                self._finalize(last, self.line_no - 1)
            if not parent.children or parent.children[-1] is not last:
                return 0
            idx = len(parent.children) - 1
            prev = parent.children[idx - 1] if idx > 0 else None
            parent.children.pop()
            if prev is not None and prev.type == "deflist":
                dl = prev
            else:
                dl = parent.add(Block("deflist", last.start))
            for line in last.lines:
                dt = dl.add(Block("dt", last.start))
                dt.lines = [line.strip()]
                dt.open = False
        elif last.type == "deflist":
            self._close_unmatched()
            dl = last
        else:
            return 0
        dl.open = True
        self.tip = dl
        dl.data["offset"] = 1 + w
        self._advance_next_nonspace()
        self._advance_offset(1 + w, True)
        dd = self._add_child("dd")
        dd.blank_before = self.prev_blank
        return 1

    _starts = (_start_blockquote, _start_atx, _start_fence, _start_html, _start_setext, _start_hr, _start_footnote,
               _start_dd, _start_list, _start_indented)


def _lists_match(a: dict, b: dict) -> bool:
    if a.get("ordered") != b.get("ordered"):
        return False
    if a.get("ordered"):
        return a.get("delim") == b.get("delim")
    return a.get("bullet") == b.get("bullet")


def _ends_with_blank(blk: Block, nxt: Block) -> bool:
    return blk.end != nxt.start - 1


def _is_tight(lst: Block) -> bool:
    items = lst.children
    for i, item in enumerate(items):
        if i + 1 < len(items) and _ends_with_blank(item, items[i + 1]):
            return False
        subs = item.children
        for j in range(len(subs) - 1):
            if _ends_with_blank(subs[j], subs[j + 1]):
                return False
    return True
