"""Keystroke latency in the full window on a 50,000-word post, highlighting and spell check on.

Run from the repository root (offscreen, or under xvfb-run):
    .venv/bin/python tests/bench/bench_typing.py [--words 50000] [--keys 600]

With `--rate N` it types N characters a second instead (the event loop idles between keys, as for
an author) and prints the CPU the whole process tree used meanwhile (main, Chromium, render worker;
100 % = one core):
    .venv/bin/python tests/bench/bench_typing.py --words 2000 --keys 200 --rate 10

Each keystroke is timed from the key press to the end of the event processing it causes (the
editor's insert, the highlighter's per-block pass with spelling, the window's slots); background
work (preview render, lint, word count) runs after its debounce, in worker threads, and is left
to interleave with typing as it would for a real author. Prints p50/p90/p99/max in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
    os.environ[var] = tempfile.mkdtemp(prefix="bench-")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.gui import open_window  # noqa: E402

SEED = ROOT / "content" / "posts" / "ibm-no-longer-offers-facial-recognition-software.md"
CORPUS = ROOT.parent / "shared" / "corpus"


def body_of(words: int) -> str:
    """Real prose (corpus posts, else the seed) repeated up to `words` words, with code and shortcodes."""
    sources = sorted(CORPUS.rglob("*.md"))[:200] if CORPUS.is_dir() else []
    texts = []
    for p in sources or [SEED]:
        text = p.read_text(encoding="utf-8", errors="replace")
        parts = text.split("---", 2)
        texts.append(parts[2] if text.startswith("---") and len(parts) == 3 else text)
    out, count, i = [], 0, 0
    while count < words:
        chunk = texts[i % len(texts)]
        out.append(chunk)
        count += len(chunk.split())
        i += 1
    return "\n\n".join(out)


def wait(app: QApplication, condition, timeout: float) -> None:
    end = time.monotonic() + timeout
    while not condition() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def tree_cpu_seconds(root: int) -> dict[str, float]:
    """utime + stime of `root` and its live descendants, by kind (main, webengine, render-worker)."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[str, float] = {}
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        kind = ("main" if pid == root else "webengine" if b"QtWebEngineProcess" in cmd
                else "render-worker" if b"render" in cmd else "other")
        out[kind] = out.get(kind, 0.0) + (int(fields[11]) + int(fields[12])) / tick
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
    return out


def type_at_rate(app: QApplication, editor, keys: int, rate: float) -> None:
    """Type `keys` characters at `rate` a second from a timer; the event loop idles between them."""
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()   # not app.exec(): app.quit() would close the window (and ask to save)
    text = "The quick brown fox jumps over the lazy dog and mispeled wrods appear. "
    typed = [0]
    timer = QTimer()
    timer.setInterval(int(1000 / rate))

    def key() -> None:
        i = typed[0]
        if i >= keys:
            timer.stop()
            QTimer.singleShot(int(1000 / rate), loop.quit)   # the last key's work counts too
            return
        ch = text[i % len(text)]
        if ch == " " and i % 97 == 0:
            QTest.keyClick(editor, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(editor, ch)
        typed[0] += 1
    timer.timeout.connect(key)
    timer.start()
    loop.exec()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--keys", type=int, default=600)
    parser.add_argument("--rate", type=float, default=0, help="characters a second (0: as fast as possible)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp()) / "content" / "posts"
    folder.mkdir(parents=True)
    body = body_of(args.words)
    post = folder / "long.md"
    post.write_text("---\ntitle: Long\ndate: 2024-01-01T00:00:00Z\n---\n" + body, encoding="utf-8")
    t0 = time.perf_counter()
    window = open_window(str(post))
    app = QApplication.instance()
    window.resize(1400, 900)
    wait(app, lambda: window.document.is_open and window.spell.service.is_ready, 60)
    opened = time.perf_counter() - t0
    wait(app, lambda: not window.editor.highlighter._chunk.isActive(), 120)
    editor = window.editor
    assert editor.highlighter.spell_enabled and editor.highlighter.spell is not None
    # Type in the middle of the post, as an author revising it.
    block = editor.document().findBlockByNumber(editor.document().blockCount() // 2)
    cursor = editor.textCursor()
    cursor.setPosition(block.position())
    editor.setTextCursor(cursor)
    editor.setFocus()
    if args.rate:
        wait(app, lambda: False, 2.0)   # the first render and page load are not typing
        before, t = tree_cpu_seconds(os.getpid()), time.perf_counter()
        type_at_rate(app, editor, args.keys, args.rate)
        after, wall = tree_cpu_seconds(os.getpid()), time.perf_counter() - t
        per = {k: (after.get(k, 0.0) - before.get(k, 0.0)) / wall * 100 for k in after}
        words = len(editor.toPlainText().split())
        print(f"post: {words:,} words; {args.keys} characters at {args.rate:g}/s in {wall:.1f} s")
        print(f"CPU while typing: {sum(per.values()):.0f} % of one core  ("
              + ", ".join(f"{k} {v:.0f} %" for k, v in sorted(per.items())) + ")")
        window.prompts.unsaved = lambda _name: "discard"   # closing never asks
        window.document.close()
        window.close()
        return
    text = "The quick brown fox jumps over the lazy dog and mispeled wrods appear. "
    times = []
    for i in range(args.keys):
        ch = text[i % len(text)]
        start = time.perf_counter()
        if ch == " " and i % 97 == 0:
            QTest.keyClick(editor, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(editor, ch)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    pct = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
    words = len(editor.toPlainText().split())
    print(f"post: {words:,} words, {editor.document().blockCount():,} blocks; opened in {opened:.1f} s")
    print(f"keystrokes: {len(times)}  p50 {pct(0.50):.2f} ms  p90 {pct(0.90):.2f} ms  "
          f"p99 {pct(0.99):.2f} ms  max {times[-1]:.2f} ms  mean {statistics.mean(times):.2f} ms")
    window.document.close()
    window.close()


if __name__ == "__main__":
    main()
