"""goldmark's typographer: quotes, apostrophes, dashes, ellipses and angle quotes, decided from neighbours."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

LSQUO, RSQUO, LDQUO, RDQUO = "\u2018", "\u2019", "\u201c", "\u201d"
NDASH, MDASH, HELLIP, LAQUO, RAQUO = "\u2013", "\u2014", "\u2026", "\u00ab", "\u00bb"
PH = "\ue000"  # stands for a stashed placeholder or inline element: punctuation-like
MARK = "\x0e"   # with mark=True, put before each substitution: goldmark makes it a node of its own
_TOKEN = re.compile(r"\x02[^\x03]*\x03|.", re.S)
_TRIGGER = re.compile(r"['\"]|--|\.\.\.|<<|>>")
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _cat(c: str) -> str:
    return unicodedata.category(c) if c else "Zs"


def is_punct_rune(c: str) -> bool:  # goldmark util.IsPunctRune: symbols and punctuation
    if c == PH:
        return True
    return c in _ASCII_PUNCT or _cat(c)[0] in "PS"


def u_is_punct(c: str) -> bool:  # Go unicode.IsPunct
    if c == PH:
        return True
    return _cat(c)[0] == "P"


def is_space(c: str) -> bool:
    return c == "" or c.isspace()


def a_punct(c: str) -> bool:  # goldmark util.IsPunct on one byte
    return c in _ASCII_PUNCT or c == PH


def is_letter(c: str) -> bool:
    return bool(c) and c != PH and _cat(c)[0] == "L"


def is_digit(c: str) -> bool:
    return bool(c) and c != PH and _cat(c) == "Nd"


def _byte2_ok(c1: str, c2: str, more: bool) -> bool:
    """goldmark's `len(line) == 2 || IsPunct(line[2]) || IsSpace(line[2])` on bytes: after a multi-byte
    c1, line[2] is one of its continuation bytes, neither punctuation nor space."""
    if ord(c1) >= 0x80 and c1 != PH:
        return False
    return not more or a_punct(c2) or is_space(c2)


def _left(before: str, after: str) -> bool:
    return not is_space(after) and (not is_punct_rune(after) or is_space(before) or is_punct_rune(before))


def _right(before: str, after: str) -> bool:
    return not is_space(before) and (not is_punct_rune(before) or is_space(after) or is_punct_rune(after))


class Counter:
    """Unclosed quote counts for one block (goldmark resets them when a block closes)."""

    __slots__ = ("single", "double")

    def __init__(self) -> None:
        self.single = 0
        self.double = 0


def typograph(s: str, before: str, after: str, counter: Counter, mark: bool = False) -> str:
    """Apply substitutions to s; `before` is the source character before it, `after` a few after it."""
    if not _TRIGGER.search(s):
        return s
    toks = [t if len(t) == 1 else PH for t in _TOKEN.findall(s)]
    raw = _TOKEN.findall(s)
    n = len(toks)
    out: list[str] = []
    i = 0
    m0 = MARK if mark else ""

    def ch(k: int) -> str:
        """Character k places after position i on the current line ('' past the end).

        Past s, the characters come from `after`: the source that follows s on the same line.
        """
        j = i + k
        for m in range(i + 1, min(j, n)):
            if toks[m] == "\n":
                return ""
        if j < n:
            return toks[j]
        for m in range(max(i + 1, n), j):
            if m - n >= len(after) or after[m - n] == "\n":
                return ""
        return after[j - n] if j - n < len(after) else ""

    def length_gt(k: int) -> bool:
        return ch(k) != ""

    while i < n:
        c = toks[i]
        if c == "-" and ch(1) == "-":
            if ch(2) == "-":
                out.append(m0 + MDASH)
                i += 3
            else:
                out.append(m0 + NDASH)
                i += 2
            continue
        if c == "." and ch(1) == "." and ch(2) == ".":
            out.append(m0 + HELLIP)
            i += 3
            continue
        if c == "<" and ch(1) == "<":
            out.append(m0 + LAQUO)
            i += 2
            continue
        if c == ">" and ch(1) == ">":
            out.append(m0 + RAQUO)
            i += 2
            continue
        if c == "'" or c == '"':
            b = toks[i - 1] if i > 0 else before
            k = 1
            while ch(k) == c:   # goldmark's ScanDelimiter: flanking is decided after the whole run
                k += 1
            a = ch(k) or " "
            can_open, can_close = _left(b, a), _right(b, a)
            rep = _single(ch, length_gt, b, can_open, can_close, counter) if c == "'" else _double(
                ch, b, can_open, can_close, counter)
            out.append(m0 + rep if rep is not None else raw[i])
            i += 1
            continue
        out.append(raw[i])
        i += 1
    return "".join(out)


def _single(ch: Callable[[int], str], length_gt: Callable[[int], bool], b: str, can_open: bool,
            can_close: bool, counter: Counter) -> str | None:
    c1, c2, c3 = ch(1), ch(2), ch(3)
    if can_open and not can_close and length_gt(3) and c1.isdigit() and c2.isdigit() and c3 == "s":
        a = ch(4) or " "
        if is_space(a) or is_punct_rune(a):
            return RSQUO
    if c1 and (u_is_punct(b) or is_space(b)) and c1 in "tenl":
        return RSQUO
    if c1 and (is_digit(b) or is_letter(b)) and is_letter(c1):
        return RSQUO
    if can_open and not can_close:
        nt = LSQUO
        if c1 in ("s", "m", "t", "d") and c1 and (not length_gt(2) or a_punct(c2) or is_space(c2)):
            nt = RSQUO
        if length_gt(2) and (c1 + c2) in ("ve", "ll", "re") and (not length_gt(3) or a_punct(c3) or is_space(c3)):
            nt = RSQUO
        if nt == LSQUO:
            counter.single += 1
        return nt
    # plural possessive and abbreviations: Smiths', doin'
    if length_gt(2) and not is_digit(c1):
        return RSQUO
    if counter.single > 0:
        is_close = can_close and not can_open
        maybe = can_close and can_open and u_is_punct(c1) and _byte2_ok(c1, c2, length_gt(2))
        if is_close or maybe:
            counter.single -= 1
            return RSQUO
    return None


def _double(ch: Callable[[int], str], b: str, can_open: bool, can_close: bool,
            counter: Counter) -> str | None:
    c1, c2 = ch(1), ch(2)
    if can_open and not can_close:
        counter.double += 1
        return LDQUO
    if counter.double > 0:
        is_close = can_close and not can_open
        maybe = can_close and can_open and u_is_punct(c1) and _byte2_ok(c1, c2, bool(c2))
        if is_close or maybe:
            if c1 == '"' and is_digit(b):
                return None
            counter.double -= 1
            return RDQUO
    return None
