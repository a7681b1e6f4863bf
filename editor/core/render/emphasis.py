"""Emphasis, strong and strikethrough by goldmark's delimiter algorithm (flanking, rule of 3, `***` nesting)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor

from .typographer import PH, is_punct_rune, is_space

_RUN = re.compile(r"\*+|_+|~+")
_PLACEHOLDER = re.compile("\x02klzzwxh:\\d+\x03")
EMPHASIS_RE = r"\*+|_+|~+"
Span = tuple[int, int, int, int, str]   # open start, open end, close start, close end, tag


@dataclass
class _Delim:
    char: str
    start: int
    end: int
    length: int        # characters not used by a match yet
    orig: int
    can_open: bool
    can_close: bool
    active: bool = True


def _neighbour(c: str) -> str:
    # a placeholder stands for code, a link, an escape or raw HTML: punctuation on its edges
    return PH if c in "\x02\x03" else c


def _delimiters(data: str) -> list[_Delim]:
    out = []
    for m in _RUN.finditer(data):
        s, e = m.start(), m.end()
        if e - s > 2 and data[s] == "~":
            continue   # goldmark's strikethrough takes runs of one or two tildes only
        before = _neighbour(data[s - 1]) if s else ""
        after = _neighbour(data[e]) if e < len(data) else ""
        b_space, a_space = is_space(before), is_space(after)
        b_punct, a_punct = is_punct_rune(before), is_punct_rune(after)
        left = not a_space and (not a_punct or b_space or b_punct)
        right = not b_space and (not b_punct or a_space or a_punct)
        if m.group(0)[0] == "_":
            can_open = left and (not right or b_punct)
            can_close = right and (not left or a_punct)
        else:
            can_open, can_close = left, right
        out.append(_Delim(m.group(0)[0], s, e, e - s, e - s, can_open, can_close))
    return out


def _consumption(opener: _Delim, closer: _Delim) -> int:
    if (opener.can_close or closer.can_open) and (opener.orig + closer.orig) % 3 == 0 and closer.orig % 3 != 0:
        return 0
    return 2 if opener.length >= 2 and closer.length >= 2 else 1


def matches(data: str) -> list[Span]:
    """(open start, open end, close start, close end, tag) for every emphasis span in data, by goldmark's rules."""
    delims = _delimiters(data)
    found: list[Span] = []
    ci = 0
    while ci < len(delims):
        closer = delims[ci]
        if not closer.active or not closer.can_close or closer.length == 0:
            ci += 1
            continue
        use, oi = 0, ci - 1
        while oi >= 0:
            opener = delims[oi]
            if opener.active and opener.length and opener.can_open and opener.char == closer.char:
                use = _consumption(opener, closer)
                if use:
                    break
            oi -= 1
        if not use:
            ci += 1
            continue
        opener = delims[oi]
        o_end = opener.start + opener.length            # an opener gives up its innermost characters
        c_start = closer.end - closer.length             # a closer its first ones
        tag = "del" if closer.char == "~" else "strong" if use == 2 else "em"
        found.append((o_end - use, o_end, c_start, c_start + use, tag))
        opener.length -= use
        closer.length -= use
        for k in range(oi + 1, ci):                      # delimiters in between become text
            delims[k].active = False
        if closer.length == 0:
            ci += 1
    return found


def build(data: str, spans: list[tuple[int, int, str, int]], start: int, end: int, tag: str,
          open_len: int) -> etree.Element:
    """The element for data[start:end] (open_len delimiters each side), with the spans inside it nested."""
    el = etree.Element(tag)
    pos = start + open_len
    stop = end - open_len
    last: etree.Element | None = None
    for s, e, tg, n in spans:
        if s < pos or e > stop:
            continue
        text = data[pos:s]
        if last is None:
            el.text = text
        else:
            last.tail = text
        last = build(data, [x for x in spans if s < x[0] and x[1] <= e], s, e, tg, n)
        el.append(last)
        pos = e
    if last is None:
        el.text = data[pos:stop]
    else:
        last.tail = data[pos:stop]
    return el


class EmphasisProcessor(InlineProcessor):
    """At each `*`/`_` run: the outermost span that opens in it, built whole (text inside parsed later).

    The matches of one text are computed once; after each replacement by a placeholder they are
    shifted, so later runs keep the flanking of the original characters.
    """

    def __init__(self, md: Markdown) -> None:
        super().__init__(EMPHASIS_RE, md)
        self._data: str | None = None
        self._spans: list[Span] = []
        self._last: tuple[int, int] | None = None   # the span last replaced by a placeholder

    def _spans_for(self, data: str) -> list[Span]:
        old = self._data
        if old is not None and old != data and self._last is not None:
            s, e = self._last
            shift = len(data) - len(old)
            if (data.startswith(old[:s]) and data.endswith(old[e:]) and e + shift >= s
                    and _PLACEHOLDER.fullmatch(data, s, e + shift)):
                self._spans = [(a + shift, b + shift, c + shift, d + shift, t) if a >= e else (a, b, c, d, t)
                               for a, b, c, d, t in self._spans if a >= e or d <= s]
                self._data, self._last = data, None
                return self._spans
        if old != data:
            self._spans = matches(data)
            self._data, self._last = data, None
        return self._spans

    # Python-Markdown's InlineProcessor changes Pattern's handleMatch signature (its stubs ignore that too).
    def handleMatch(self, m: re.Match[str], data: str  # type: ignore[override]  # noqa: N802 (Python-Markdown API)
                    ) -> tuple[etree.Element | None, int, int]:
        spans = self._spans_for(data)
        run_start, run_end = m.start(0), m.end(0)
        outer = [sp for sp in spans if run_start <= sp[0] < run_end]
        if not outer:
            return None, run_start, run_end
        s, oe, _, e, tag = min(outer, key=lambda sp: sp[0])
        inner = sorted((a, d, t, b - a) for a, b, _, d, t in spans if s < a and d <= e)
        el = build(data, inner, s, e, tag, oe - s)
        self._last = (s, e)
        return el, s, e
