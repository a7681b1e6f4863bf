"""Incremental rendering: a body split into independent chunks, each cached, joined by a document-wide pass."""
from __future__ import annotations

import bisect
import hashlib
import itertools
import re
import zlib
from dataclasses import dataclass, field

from . import SUMMARY_DIVIDER, ChunkInput, RenderConfig, render_html, split_at_divider, without_controls
from .blocks import BlockParser
from .linkrefs import Refs
from .postinline import AUTO_ID, unique_id
from .shortcodes import TAG, Shortcodes

_AUTO_RE = re.compile(AUTO_ID % "([^\x01]*)")
_FN_REF = re.compile(r'<sup id="fnref(\d*):(\d+)"><a class="footnote-ref" href="#fn:(\d+)" role="doc-noteref">'
                     r'(\d+)</a></sup>')
_NOTE_NUMBER = re.compile("\x04(\\d+)\x05")    # a footnote number inside a heading's id (chunk-local)
_FN_DIV = '<div class="footnotes" role="doc-endnotes">'
# A link definition holding a shortcode (`[x]: {{% eturl x %}}`, `[y]: {{< ref "y.md" >}}`): the whole
# render sees it expanded. Its placeholders become sentinels in the refs, put back after each chunk.
_DEF_WITH_SHORTCODE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*\{\{[^\n]*$", re.M)
_SENTINEL_RE = re.compile(r"HPEREF(\d+)Z")
SPLIT_EVERY = 6     # besides headings, about one block boundary in SPLIT_EVERY starts a chunk
GROWTH_SLACK = 4096  # characters a chunk may grow by, past twice its size, before the body is split again

ChunkKey = tuple[str, str]   # (chunk source, digest of the document's refs and footnote labels)
# What a chunk defines for the rest of the document: link refs, footnote labels, footnote sources.
Signature = tuple[tuple[tuple[str, tuple[str, str | None]], ...], tuple[str, ...], tuple[str, ...]]


@dataclass
class Chunk:
    """One piece of the rendered document: the body line it starts at (1-based) and its final HTML."""

    line: int
    html: str
    key: str = ""
    tail: str = "\n"     # what separates it from the next chunk in the whole document
    blocks: tuple[int, ...] = ()   # first line (relative to the chunk, 1-based) of each top-level block that makes HTML


@dataclass
class Rendered:
    """A whole render: the chunks in order (the footnote list last, at line 0) and whether it was split."""

    chunks: list[Chunk] = field(default_factory=list)
    incremental: bool = True
    rendered_chunks: int = 0     # chunks that were not in the cache

    @property
    def html(self) -> str:
        out: list[str] = []
        tail = ""
        for c in self.chunks:
            if c.html:
                if out and not out[-1].endswith("\n"):
                    out.append(tail or "\n")   # a restored block shortcode already ends its line
                out.append(c.html)
                tail = c.tail
        return "".join(out)


def _key(html: str, seen: dict[str, int]) -> str:
    digest = hashlib.blake2b(html.encode("utf-8"), digest_size=8).hexdigest()
    n = seen.get(digest, 0)
    seen[digest] = n + 1
    return digest if n == 0 else f"{digest}-{n}"


def _shortcode_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of paired shortcodes (`{{< x >}}…{{< /x >}}`) and of multi-line tags."""
    if "{{" not in text:
        return []
    matches = [m for m in TAG.finditer(text) if not m.group("esc")]
    spans = []
    for i, m in enumerate(matches):
        spans.append((m.start(), m.end()))
        if m.group("close") or m.group("self"):
            continue
        depth = 0
        for mk in matches[i + 1:]:
            if mk.group("name") != m.group("name"):
                continue
            if mk.group("close"):
                if depth == 0:
                    spans.append((m.start(), mk.end()))
                    break
                depth -= 1
            elif not mk.group("self"):
                depth += 1
    return spans


@dataclass
class Layout:
    """A body split into chunks, with what every chunk needs from the whole document."""

    text: str
    pieces: list[tuple[int, str]]          # (first line, chunk source)
    refs: Refs
    labels: tuple[str, ...]                # footnote labels defined anywhere
    notes: list[str]                       # footnote definitions' sources, in document order
    subst: dict[str, str] = field(default_factory=dict)   # sentinel in refs -> the shortcode's HTML
    _offsets: list[int] = field(default_factory=list)

    def piece_at(self, pos: int) -> tuple[int, int]:
        """(index, start offset) of the chunk holding character `pos`."""
        if not self._offsets:
            off = 0
            for _, t in self.pieces:
                self._offsets.append(off)
                off += len(t) + 1
        i = bisect.bisect_right(self._offsets, pos) - 1
        return i, self._offsets[i]


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:                      # binary search: slices compare at memcmp speed
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, max(0, limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _signature(piece: str) -> tuple[Signature, str, str] | None:
    """What a chunk tells the rest of the document (its definitions) and the types of its first and
    last blocks ("" when no block starts on its first line), or None when it does not end cleanly (an
    open fence or HTML block)."""
    probe = piece + "\n\n# hpe-end\n"
    bp = BlockParser()
    doc = bp.parse(probe)
    kids = doc.children
    last = probe.count("\n")
    if not kids or kids[-1].type != "heading" or kids[-1].start != last:
        return None
    lines = probe.split("\n")
    notes = tuple("\n".join(lines[b.start - 1:b.end]) for b in bp.footnotes.values())
    head = kids[0].type if kids[0].start == 1 and kids[0] is not kids[-1] else ""
    tail = kids[-2].type if len(kids) > 1 else ""
    return (tuple(sorted(bp.refs.items())), tuple(bp.footnotes), notes), head, tail


def _tags(piece: str) -> tuple[tuple[str, ...], ...] | None:
    """The shortcode tags of a chunk in order (name and kind), or None when a `{{` or `}}` belongs to
    no whole tag (a tag being typed could close far beyond the chunk)."""
    if "{{" not in piece and "}}" not in piece:
        return ()
    found = [m for m in TAG.finditer(piece)]
    if piece.count("{{") != len(found) or piece.count("}}") != len(found):
        return None
    return tuple(("esc",) if m.group("esc") else (m.group("name"), m.group("close") or "", m.group("self") or "")
                 for m in found)


_LEAVES = ("paragraph", "heading", "code", "hr", "html", "table")   # blocks nothing after a blank line joins


def _opens_alone(piece: str, head: str) -> bool:
    """True when the chunk's first line cannot belong to the chunk before it, whatever that one ends
    with: a paragraph or heading starting with a letter, digit or `#` in the first column (after the blank
    line before it, no list, quote, footnote or definition (`: …`) of the previous chunk reaches it)."""
    return head in ("paragraph", "heading") and bool(piece) and (piece[0].isalnum() or piece[0] == "#")


class IncrementalRenderer:
    """`render(text)` equals `render_html(text, config=config)`; unchanged chunks come from a cache."""

    def __init__(self, config: RenderConfig | None = None) -> None:
        self.config = config or RenderConfig()
        self._cache: dict[ChunkKey, ChunkInput] = {}
        self._html: dict[ChunkKey, str] = {}
        self._layout: Layout | None = None
        self._blocks: dict[str, tuple[int, ...]] = {}

    def block_lines(self, piece: str) -> tuple[int, ...]:
        """Where each top-level block of `piece` starts (the preview page marks them with data-line, so it can
        keep the block being edited in view). Raw HTML is left out when it is omitted (nothing on the page)."""
        got = self._blocks.get(piece)
        if got is None:
            kids = BlockParser().parse(piece).children
            got = tuple(b.start for b in kids if self.config.unsafe or b.type != "html")
        return got

    def set_config(self, config: RenderConfig) -> None:
        if config != self.config:
            self.config = config
            self._cache.clear()
            self._html.clear()
            self._layout = None

    # ------------------------------------------------------------------ splitting
    def split(self, text: str) -> "Layout | None":
        """The chunks of `text` and the document-wide facts they need; None when splitting is unsafe."""
        if "\x01" in text:
            return None
        lines = text.split("\n")
        expanded = self._expand_definitions(text)
        if expanded is None:
            return None
        parsed, subst = expanded
        bp = BlockParser()
        doc = bp.parse(parsed)
        blocked: set[int] = set()    # line numbers (1-based) a chunk may not start at
        spans = _shortcode_spans(text)
        if spans:
            line_starts = list(itertools.accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
            divider = text.find(SUMMARY_DIVIDER)
        for a, b in spans:
            first = bisect.bisect_right(line_starts, a)   # 1-based line of offset a
            last = bisect.bisect_right(line_starts, b)    # a's line + the newlines in text[a:b]
            if a <= divider < b:
                return None     # the divider Hugo removes sits inside a shortcode's inner text
            blocked.update(range(first + 1, last + 1))
        starts = [1]
        for blk in doc.children[1:]:
            n = blk.start
            if n <= starts[-1] or n in blocked or n < 2 or lines[n - 2].strip():
                continue
            if blk.type == "heading" or zlib.crc32(lines[n - 1].encode("utf-8")) % SPLIT_EVERY == 0:
                starts.append(n)
        bounds = starts + [len(lines) + 1]
        pieces = [(bounds[i], "\n".join(lines[bounds[i] - 1:bounds[i + 1] - 1])) for i in range(len(starts))]
        notes = ["\n".join(lines[blk.start - 1:blk.end]) for blk in bp.footnotes.values()]
        return Layout(text, pieces, bp.refs, tuple(bp.footnotes), notes, subst)

    def _expand_definitions(self, text: str) -> "tuple[str, dict[str, str]] | None":
        """`text` with its link definitions' shortcodes expanded as the whole render expands them (the
        line count kept), and the sentinels standing for their HTML; None when that is not exact."""
        if not self.config.shortcodes or "{{" not in text:
            return text, {}
        found = list(_DEF_WITH_SHORTCODE.finditer(text))
        if not found:
            return text, {}
        if "HPEREF" in text:
            return None
        spans = _shortcode_spans(text)
        sc = Shortcodes(lambda inner: render_html(inner, config=self.config), self.config)
        parts, pos = [], 0
        for m in found:
            if any(a < m.end() and b > m.start() and (a < m.start() or b > m.end()) for a, b in spans):
                return None     # a shortcode reaching beyond the definition's line
            line = sc.expand(without_controls(m.group(0)))
            if "\n" in line:
                return None
            parts += [text[pos:m.start()], re.sub(r"HPESC(\d+)Z", r"HPEREF\1Z", line)]
            pos = m.end()
        parts.append(text[pos:])
        subst = {"HPEREF%dZ" % i: sc.restore("HPESC%dZ" % i) for i in range(len(sc.out))}
        return "".join(parts), subst

    def _put_back(self, html: str, layout: "Layout") -> str:
        if layout.subst and "HPEREF" in html:
            return _SENTINEL_RE.sub(lambda m: layout.subst.get(m.group(0), m.group(0)), html)
        return html

    def _local(self, text: str) -> "Layout | None":
        """The previous layout with one chunk replaced, when the edit stays inside that chunk and
        cannot change anything outside it (checked by parsing the chunk alone); else None."""
        old = self._layout
        if old is None:
            return None
        ot = old.text
        p = _common_prefix(ot, text)
        sfx = _common_suffix(ot, text, min(len(ot), len(text)) - p)
        o_end = len(ot) - sfx
        i, off = old.piece_at(p)
        line, piece = old.pieces[i]
        first_nl = piece.find("\n")
        core = len(piece.rstrip("\n"))
        if o_end > off + core:
            return None      # the edit reaches the blank lines after the chunk (or the next chunk)
        new_piece = text[off:off + len(piece) + len(text) - len(ot)]
        if len(new_piece) > 2 * len(piece) + GROWTH_SLACK:
            return None      # a paste (or a new document) splits afresh: chunks stay small
        if "\x01" in new_piece or SUMMARY_DIVIDER in piece or SUMMARY_DIVIDER in new_piece:
            return None
        tags = _tags(new_piece)
        if tags is None or tags != _tags(piece):
            return None      # a shortcode opened, closed or renamed: its span may reach other chunks
        got, had = _signature(new_piece), _signature(piece)
        if got is None or had is None or got[0] != had[0]:
            return None
        on_first_line = first_nl < 0 or p <= off + first_nl
        if on_first_line and i > 0 and not (_opens_alone(piece, had[1]) and _opens_alone(new_piece, got[1])):
            return None      # the line might join the chunk before (a list item, a quote, a definition)
        if "deflist" in (got[1], had[1]) and got[1] != had[1]:
            return None      # a definition list begun or ended at the chunk's start
        following = old.pieces[i + 1][1] if i + 1 < len(old.pieces) else "#"
        if "deflist" in (got[2], had[2]) and got[2] != had[2]:
            return None      # a definition list begun or ended at the chunk's end
        if not (following[:1].isalpha() or following[:1] == "#") and (got[2] != had[2] or got[2] not in _LEAVES):
            return None      # the next chunk's indented or marked first line could join this one's end
        delta = new_piece.count("\n") - piece.count("\n")
        pieces = list(old.pieces)
        pieces[i] = (line, new_piece)
        if delta:
            pieces[i + 1:] = [(n + delta, t) for n, t in pieces[i + 1:]]
        return Layout(text, pieces, old.refs, old.labels, old.notes, old.subst)

    # ------------------------------------------------------------------ rendering
    def render(self, text: str) -> Rendered:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        layout = self._local(text) or self.split(text)
        self._layout = layout
        if layout is None or any("{{" in d or "{{" in (t or "") for d, t in layout.refs.values()):
            # Unsafe to split, or shortcodes in link definitions (a whole render expands them first).
            self._layout = None
            html = render_html(text, config=self.config)
            return Rendered([Chunk(1, html, _key(html, {}), blocks=self.block_lines(text))], incremental=False,
                            rendered_chunks=1)
        pieces = list(layout.pieces)
        if SUMMARY_DIVIDER in text:   # replaced once in the whole source, as Hugo's lexer does
            first = next(i for i, (_, t) in enumerate(pieces) if SUMMARY_DIVIDER in t)
            pieces[first] = (pieces[first][0], split_at_divider(pieces[first][1]))
        refs, labels = layout.refs, layout.labels
        context = hashlib.blake2b(repr((sorted(refs.items()), labels, sorted(layout.subst.items())))
                                  .encode("utf-8")).hexdigest()
        cache: dict[ChunkKey, ChunkInput] = {}
        html_of: dict[ChunkKey, str] = {}
        fresh = 0
        outs = []
        for line, piece in pieces:
            k = (piece, context)
            got = self._cache.get(k)
            if got is None:
                got = ChunkInput(refs, labels)
                html_of[k] = self._put_back(render_html(piece, config=self.config, chunk=got), layout)
                fresh += 1
            else:
                html_of[k] = self._html[k]
            cache[k] = got
            outs.append((line, html_of[k], got))
        old_html = self._html
        self._cache, self._html = cache, html_of     # only this document's chunks: memory stays flat
        result = Rendered(self._join(outs), rendered_chunks=fresh)
        blocks = {piece: self.block_lines(piece) for _, piece in pieces}
        self._blocks = blocks     # this document's chunks only, like the caches above
        for chunk, (_, piece) in zip(result.chunks, pieces):
            chunk.blocks = blocks[piece]
        notes = self._footnotes(layout, old_html)
        if notes:
            result.chunks.append(Chunk(0, notes))
        seen: dict[str, int] = {}
        for c in result.chunks:
            c.key = _key(c.html, seen)
        return result

    def _join(self, outs: list[tuple[int, str, ChunkInput]]) -> list[Chunk]:
        """Document-wide pass: repeated heading ids numbered, footnote references numbered."""
        ids: set[str] = set()
        for _, _, got in outs:
            ids.update(got.explicit_ids)
        order: list[str] = []
        for _, _, got in outs:
            order.extend(label for label in got.fn_order if label not in order)
        number = {label: i + 1 for i, label in enumerate(order)}
        used: dict[str, int] = {}
        chunks = []
        for line, html, got in outs:
            if "\x01" in html:
                def auto_id(m: re.Match[str], got: ChunkInput = got) -> str:
                    base = m.group(1)
                    if "\x04" in base:   # a heading's id includes its note's number
                        base = _NOTE_NUMBER.sub(lambda n: str(number[got.fn_order[int(n.group(1)) - 1]]), base)
                    return unique_id(base, ids)
                html = _AUTO_RE.sub(auto_id, html)
            if got.fn_order:
                local_used: dict[str, int] = {}

                def renumber(m: re.Match[str], got: ChunkInput = got, local_used: dict[str, int] = local_used) -> str:
                    label = got.fn_order[int(m.group(2)) - 1]
                    k = used.get(label, 0) + local_used.get(label, 0)
                    local_used[label] = local_used.get(label, 0) + 1
                    n = number[label]
                    return ('<sup id="fnref%s:%d"><a class="footnote-ref" href="#fn:%d" role="doc-noteref">%d</a></sup>'
                            % (k or "", n, n, n))
                html = _FN_REF.sub(renumber, html)
                for label, count in got.fn_refs.items():
                    used[label] = used.get(label, 0) + count
            chunks.append(Chunk(line, html, tail=got.tail))
        self._fn_counts = [(label, used.get(label, 0)) for label in order]
        return chunks

    def _footnotes(self, layout: "Layout", old_html: dict[ChunkKey, str]) -> str:
        """The footnote list, rendered from a small document: the references in order, then the notes."""
        if not self._fn_counts and not any("[^" in note for note in layout.notes):
            return ""    # no note is referenced (a note referenced only by a note still shows)
        refs = " ".join("[^%s]" % label for label, count in self._fn_counts for _ in range(max(count, 1)))
        source = refs + "\n\n" + "\n\n".join(layout.notes) + "\n"
        k = (source, repr((sorted(layout.refs.items()), sorted(layout.subst.items()))))
        html = old_html.get(k)
        if html is None:   # a whole document, but with the link definitions of the real one
            html = self._put_back(render_html(source, config=self.config, chunk=ChunkInput(layout.refs, whole=True)),
                                  layout)
        self._html[k] = html
        i = html.find(_FN_DIV)
        return html[i:] if i >= 0 else ""
