"""Prints the instant preview's speed: p50/p95 ms per corpus post and the time for a ~50,000-word document."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from editor.core.render import render_html, render_markdown  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def _body(text: str) -> str:
    """The text after a leading YAML/TOML front matter block."""
    text = text.lstrip("\ufeff")
    for delim in ("---", "+++"):
        if text.startswith(delim + "\n"):
            end = text.find("\n" + delim, len(delim))
            if end >= 0:
                return text[text.find("\n", end + 1) + 1:] if text.find("\n", end + 1) >= 0 else ""
    return text


def main() -> int:
    if not CORPUS.exists():
        print("corpus not found at ../shared/corpus; nothing to measure")
        return 0
    bodies = [_body(p.read_text(encoding="utf-8", errors="replace"))
              for p in sorted(CORPUS.rglob("*")) if p.suffix in (".md", ".markdown")]
    for b in bodies[:20]:  # warm up lexers and caches
        render_html(b)
    times = []
    for b in bodies:
        t0 = time.perf_counter()
        render_html(b)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print("corpus: %d posts, p50 %.2f ms, p95 %.2f ms, max %.1f ms per post (render_html, shortcodes on)"
          % (len(times), statistics.median(times), p95, times[-1]))
    words, parts = 0, []
    for b in bodies:
        if "{{" in b:
            continue
        parts.append(b)
        words += len(b.split())
        if words >= 50_000:
            break
    doc = "\n\n".join(parts)
    best = min(_timed(render_markdown, doc) for _ in range(3))
    print("long document: %d words, %d chars: %.3f s (min of 3)" % (words, len(doc), best))
    return 0


def _timed(fn, doc: str) -> float:
    t0 = time.perf_counter()
    fn(doc)
    return time.perf_counter() - t0


if __name__ == "__main__":
    raise SystemExit(main())
