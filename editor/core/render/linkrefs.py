"""Link reference definitions (`[label]: dest "title"`) at the start of a paragraph, and label normalisation."""
from __future__ import annotations

import re

Refs = dict[str, tuple[str, str | None]]   # link reference definitions: label → (destination, title)

_WS = re.compile(r"\s+")
_ESCAPABLE = r"""[!"#$%&'()*+,./:;<=>?@\[\\\]^_`{|}~-]"""
_ESC_RE = re.compile(r"\\(" + _ESCAPABLE + ")")
_SP = re.compile(r"[ \t]*\n?[ \t]*")


def normalize_label(label: str) -> str:
    """CommonMark label matching: trim, collapse whitespace, case-fold."""
    return _WS.sub(" ", label.strip()).casefold()


def unescape(s: str) -> str:
    return _ESC_RE.sub(r"\1", s)


def _label_end(s: str, i: int) -> int:
    """Index just past `]` of a link label starting at s[i] == '[' or -1."""
    j = i + 1
    n = len(s)
    while j < n and j - i <= 1000:
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            return -1
        if c == "]":
            return j + 1 if s[i + 1:j].strip() else -1
        j += 1
    return -1


def parse_destination(s: str, i: int) -> tuple[str, int] | None:
    n = len(s)
    if i < n and s[i] == "<":
        j = i + 1
        while j < n:
            c = s[j]
            if c == "\\":
                j += 2
                continue
            if c == "\n" or c == "<":
                return None
            if c == ">":
                return s[i + 1:j], j + 1
            j += 1
        return None
    j, depth = i, 0
    while j < n:
        c = s[j]
        if c == "\\" and j + 1 < n:
            j += 2
            continue
        if c <= " ":
            break
        if c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                break
            depth -= 1
        j += 1
    if j == i or depth:
        return None
    return s[i:j], j


def parse_title(s: str, i: int) -> tuple[str, int] | None:
    if i >= len(s) or s[i] not in "\"'(":
        return None
    close = ")" if s[i] == "(" else s[i]
    j = i + 1
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c == close:
            return s[i + 1:j], j + 1
        if close == ")" and c == "(":
            return None
        j += 1
    return None


def _skip_sp(text: str, i: int) -> int:
    m = _SP.match(text, i)
    return m.end() if m else i   # _SP matches the empty string too


def parse_reference_defs(text: str, refs: dict[str, tuple[str, str | None]]) -> str | None:
    """Consume definitions at the start of a paragraph into refs; return the remaining text."""
    while text.startswith("["):
        end = _label_end(text, 0)
        if end < 0 or end >= len(text) or text[end] != ":":
            break
        label = text[1:end - 1]
        i = end + 1
        i = _skip_sp(text, i)
        d = parse_destination(text, i)
        if d is None:
            break
        dest, i = d
        before_title = i
        after_sp = _skip_sp(text, i)
        title = None
        t = parse_title(text, after_sp) if after_sp > i else None
        if t is not None:
            title_s, j = t
            m2 = re.compile(r"[ \t]*(?:\n|$)").match(text, j)
            if m2:
                title, i = title_s, m2.end()
        if title is None:
            m2 = re.compile(r"[ \t]*(?:\n|$)").match(text, before_title)
            if not m2:
                break
            i = m2.end()
        key = normalize_label(label)
        if key not in refs:
            refs[key] = (unescape(dest), unescape(title) if title is not None else None)
        text = text[i:]
    return text
