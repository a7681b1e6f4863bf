"""Block starts: how each kind of block (quote, heading, fence, HTML, list, footnote…) begins on a line."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .blocknodes import (
    _ATX,
    _FENCE_OPEN,
    _SETEXT,
    _HR,
    _BULLET,
    _ORDERED,
    _FOOTNOTE,
    _TRAIL_ATX,
    _ONLY_ATX,
    _is_space_or_tab,
    Block,
    _lists_match,
)
from .htmlblocks import HTML_BLOCK_OPEN
from .linkrefs import parse_reference_defs


class BlockStarts:
    """Mixin of BlockParser: the `_start_*` methods tried in order on each line."""

    # The parser's state on the current line, kept by BlockParser (blocks.py).
    line: str
    line_no: int
    offset: int
    column: int
    next_nonspace: int
    next_nonspace_column: int
    indent: int
    indented: bool
    blank: bool
    prev_blank: bool
    partial_tab: bool
    all_closed: bool
    doc: Block
    tip: Block
    oldtip: Block
    last_matched: Block
    refs: dict[str, tuple[str, str | None]]
    footnotes: dict[str, Block]

    if TYPE_CHECKING:   # BlockParser's moves along the line, which the starts make
        def _peek(self, pos: int) -> str: ...
        def _advance_offset(self, count: int, columns: bool) -> None: ...
        def _advance_next_nonspace(self) -> None: ...
        def _close_unmatched(self) -> None: ...
        def _add_child(self, type_: str) -> Block: ...
        def _finalize(self, blk: Block, line_no: int) -> None: ...

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
            opener = HTML_BLOCK_OPEN[ht]
            assert opener is not None   # entry 0 is a placeholder: kinds count from 1
            if opener.match(s) and (ht < 7 or (container.type != "paragraph" and not (
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
        assert parent is not None   # a paragraph is always inside a container
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

    def _parse_list_marker(self, container: Block) -> dict[str, Any] | None:
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
        if w < 1:   # goldmark needs a space or tab after the colon, even at the line end
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
