"""A post's changes against HEAD as a unified diff whose lines say whether they are front matter or body."""

from __future__ import annotations

import difflib
import os

from editor.core.errors import PostError
from editor.core.frontmatter.split import split
from editor.core.git.repo import Repo

FRONT, BODY, FILE = "front matter", "body", ""


def _fm_lines(text: str) -> range:
    """0-based line numbers of the front matter, delimiters included (empty when there is none)."""
    try:
        parts = split(text)
    except PostError:
        return range(0)
    if parts.format == "none":
        return range(0)
    head_fm = parts.head + parts.fm + parts.tail
    return range(0, len(head_fm.splitlines()))


def _decode(data: bytes | None) -> str | None:
    if data is None:
        return ""
    if b"\0" in data[:8000]:
        return None
    return data.decode("utf-8-sig", "replace")


def labelled_diff(old: str, new: str, context: int = 3) -> list[tuple[str, str]]:
    """(label, line) pairs of a unified diff: label is "front matter" or "body" for changed and
    context lines, "" for hunk headers."""
    a, b = old.splitlines(), new.splitlines()
    fm_a, fm_b = _fm_lines(old), _fm_lines(new)
    out: list[tuple[str, str]] = []
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        out.append((FILE, f"@@ -{first[1] + 1},{last[2] - first[1]} +{first[3] + 1},{last[4] - first[3]} @@"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend((FRONT if j in fm_b else BODY, " " + b[j]) for j in range(j1, j2))
                continue
            out.extend((FRONT if i in fm_a else BODY, "-" + a[i]) for i in range(i1, i2))
            out.extend((FRONT if j in fm_b else BODY, "+" + b[j]) for j in range(j1, j2))
    return out


def file_diff(repo: Repo, rel: str) -> list[tuple[str, str]]:
    """One file against HEAD: a labelled diff, or a one-line note for binary, new or deleted files."""
    old_bytes = repo.show_head(rel)
    path = repo.top / rel
    new_bytes = path.read_bytes() if os.path.isfile(path) else None
    header = [(FILE, f"--- {'a/' + rel if old_bytes is not None else '/dev/null'}"),
              (FILE, f"+++ {'b/' + rel if new_bytes is not None else '/dev/null'}")]
    old, new = _decode(old_bytes), _decode(new_bytes)
    if old is None or new is None:
        size = len(new_bytes) if new_bytes is not None else 0
        what = "deleted" if new_bytes is None else "added" if old_bytes is None else "changed"
        return header + [(FILE, f"binary file {what} ({size:,} bytes)")]
    return header + labelled_diff(old, new)


def render(lines: list[tuple[str, str]]) -> str:
    """Plain text with the label in a left column, so the form's lines stand out from the body's."""
    width = len(FRONT)
    return "\n".join(f"{label:<{width}} │ {line}" if label else line for label, line in lines)
