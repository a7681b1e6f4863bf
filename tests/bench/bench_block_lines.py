"""Prints how many blocks the preview page can mark with their source line (data-line), over the shared corpus,
and what finding those lines costs in the incremental renderer (50,000 words: cold render and a one-word edit).

    .venv/bin/python tests/bench/bench_block_lines.py
"""
from __future__ import annotations

import statistics
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from editor.core.render.incremental import IncrementalRenderer  # noqa: E402
from tests.bench.bench_preview import _body  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TopLevel(HTMLParser):
    """Counts top-level elements (what the page's chunk div holds as children)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = self.count = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.count += self.depth == 0
        self.depth += tag not in VOID

    def handle_startendtag(self, tag, attrs) -> None:
        self.count += self.depth == 0

    def handle_endtag(self, tag) -> None:
        if tag not in VOID:
            self.depth = max(0, self.depth - 1)


def coverage() -> None:
    posts = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".md", ".markdown") and p.is_file())
    if not posts:
        print("corpus absent: coverage skipped")
        return
    marked = total = whole = 0
    for path in posts:
        every = True
        for chunk in IncrementalRenderer().render(_body(path.read_text("utf-8", "replace"))).chunks:
            if chunk.line == 0:
                continue
            top = _TopLevel()
            top.feed(chunk.html)
            total += len(chunk.blocks)
            if top.count == len(chunk.blocks):
                marked += len(chunk.blocks)
            else:
                every = False
        whole += every
    print(f"blocks with their own data-line: {marked:,}/{total:,} ({marked / total:.1%}); "
          f"posts with every block marked: {whole}/{len(posts)} ({whole / len(posts):.1%})")


def cost() -> None:
    text = "\n\n".join(f"## Part {i}\n\n" + "\n\n".join(
        f"Paragraph {i}.{k} with *some* words and a [link](https://example.org/{k}) to render." for k in range(8))
        for i in range(500))
    for label, lines in (("with block lines", None), ("without", lambda self, piece: ())):
        if lines is not None:
            IncrementalRenderer.block_lines = lines
        cold, edit = [], []
        for _ in range(3):
            r = IncrementalRenderer()
            t0 = time.perf_counter()
            r.render(text)
            cold.append((time.perf_counter() - t0) * 1000)
            changed = text.replace("Paragraph 250.3 with", "Paragraph 250.3 now with", 1)
            t0 = time.perf_counter()
            r.render(changed)
            edit.append((time.perf_counter() - t0) * 1000)
        print(f"{label}: {len(text.split()):,} words, cold {statistics.median(cold):.0f} ms, "
              f"one edit {statistics.median(edit):.1f} ms (median of 3)")


if __name__ == "__main__":
    coverage()
    cost()
