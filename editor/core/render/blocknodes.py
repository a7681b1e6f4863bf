"""Block-parser building blocks: the Block node, line patterns and list helpers shared by the parser."""
from __future__ import annotations

import re
from typing import Any


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
        self.data: dict[str, Any] = {}   # per type: level, label, list marker, tight…
        self.blank_before = False

    def add(self, child: "Block") -> "Block":
        child.parent = self
        self.children.append(child)
        return child

    def __repr__(self) -> str:  # debugging aid
        return f"<{self.type} {self.start}-{self.end} {self.data or ''} {self.children or self.lines}>"


def _is_space_or_tab(c: str) -> bool:
    return c == " " or c == "\t"


def _lists_match(a: dict[str, Any], b: dict[str, Any]) -> bool:
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
        if item.data.get("loose"):
            return False
        if i + 1 < len(items) and _ends_with_blank(item, items[i + 1]):
            return False
        subs = item.children
        for j in range(len(subs) - 1):
            # goldmark's table is a new node made from a paragraph: it never "has blank previous lines"
            if subs[j + 1].type != "table" and _ends_with_blank(subs[j], subs[j + 1]):
                return False
    return True
