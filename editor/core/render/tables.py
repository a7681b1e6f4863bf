"""GFM tables as goldmark finds them: a paragraph whose lines hold a header row and a delimiter row."""
from __future__ import annotations

import re

from .blocknodes import Block

_DELIM_CHARS = re.compile(r"^[-:| \t]*$")
_ALIGN = re.compile(r"^[ \t]*(:?)-+(:?)[ \t]*$")


def _parse_delimiter(line: str) -> list[str | None] | None:
    if "-" not in line or not _DELIM_CHARS.match(line):
        return None
    cols = line.split("|")
    if cols and not cols[0].strip():
        cols = cols[1:]
    if cols and not cols[-1].strip():
        cols = cols[:-1]
    if not cols:
        return None
    out: list[str | None] = []
    for col in cols:
        m = _ALIGN.match(col)
        if not m:
            return None
        left, right = m.group(1), m.group(2)
        out.append("center" if left and right else "left" if left else "right" if right else None)
    return out


def parse_row(line: str, aligns: list[str | None], header: bool) -> list[tuple[str, str | None]] | None:
    """Cells of one row as (inline text, alignment); None when a header has too many cells."""
    s = line.strip()
    pos, limit = 0, len(s)
    if s[:1] == "|":
        pos = 1
    if limit > pos and s[limit - 1] == "|" and (limit < 2 or s[limit - 2] != "\\"):
        limit -= 1
    cells: list[tuple[str, str | None]] = []
    i = 0
    while pos < limit:
        if i >= len(aligns) and not header:
            break
        j = pos
        while j < limit:
            if s[j] == "|" and (j == 0 or s[j - 1] != "\\"):
                break
            j += 1
        cells.append((s[pos:j].strip().replace("\\|", "|"), aligns[i] if i < len(aligns) else None))
        pos = j + 1
        i += 1
    while i < len(aligns):
        cells.append(("", None))  # goldmark pads short rows with unaligned empty cells
        i += 1
    return cells


def find_table(lines: list[str]) -> tuple[int, list[str | None]] | None:
    """(index of the delimiter row, alignments) when the lines hold a table."""
    for i in range(1, len(lines)):
        aligns = _parse_delimiter(lines[i])
        if aligns is None:
            continue
        head = parse_row(lines[i - 1], aligns, True)
        if head is None or len(head) != len(aligns):
            return None
        return i, aligns
    return None


def split_table(para: Block) -> None:
    """Turn the table part of a closed paragraph into a following `table` block (goldmark's transformer)."""
    lines = para.lines
    if len(lines) < 2 or "|" not in lines[1] and not any("|" in ln for ln in lines[1:]):
        return
    found = find_table(lines)
    if found is None:
        return
    i, aligns = found
    table = Block("table", para.start + i - 1)
    table.open = False
    table.end = para.end
    table.data["aligns"] = aligns
    table.data["head"] = parse_row(lines[i - 1], aligns, True)
    table.data["rows"] = [parse_row(ln, aligns, False) for ln in lines[i + 1:]]
    parent = para.parent
    assert parent is not None   # a paragraph is always inside a container
    idx = parent.children.index(para)
    table.parent = parent
    parent.children.insert(idx + 1, table)
    para.lines = lines[:i - 1]
    if not para.lines:
        parent.children.pop(idx)
    else:
        para.end = para.start + i - 2
