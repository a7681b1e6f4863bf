"""CommonMark block structure as goldmark parses it: text -> a tree of `Block` nodes (inline text left raw)."""
from __future__ import annotations

from .blocknodes import (
    _FENCE_CLOSE,
    _MAYBE_SPECIAL,
    _is_space_or_tab,
    Block,
    _is_tight,
    CONTAINERS,
)
from .blockstarts import BlockStarts
from .htmlblocks import HTML_BLOCK_CLOSE
from .linkrefs import parse_reference_defs


class BlockParser(BlockStarts):
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
                assert parent is not None   # the walk stops at last_matched, the document at most
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
                assert container.parent is not None   # a child of the document at least
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
                assert parent is not None   # a paragraph is always inside a container
                idx = parent.children.index(blk)
                if parent.type == "item" and idx > 0 and parent.children[idx - 1].end != blk.start - 1:
                    # goldmark drops definition-only paragraphs after the list decided it is loose
                    parent.data["loose"] = True
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
        # None once the document itself is finalized, which ends parse(): tip is a Block on every line.
        self.tip = parent   # type: ignore[assignment]


