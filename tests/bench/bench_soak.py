"""Memory over a stretch of writing: types 3,000 characters in bursts (saving now and then) into a
50,000-word post and prints PSS per process (main, Chromium's processes, render worker) before and after.

    .venv/bin/python tests/bench/bench_soak.py [--words 50000] [--chars 3000] [--burst 60]

Offscreen unless QT_QPA_PLATFORM says otherwise (QT_QPA_PLATFORM=xcb under an X server).
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
    os.environ[var] = tempfile.mkdtemp(prefix="bench-")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from editor.gui import open_window  # noqa: E402
from tests.bench.bench_startup import descendants, pss_mib  # noqa: E402
from tests.bench.bench_typing import body_of, wait  # noqa: E402


def kind(pid: int) -> str:
    if pid == os.getpid():
        return "main"
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "?"
    if b"QtWebEngineProcess" in cmd:
        return "webengine"   # the zygotes, and the renderer forked from one of them
    return "render-worker" if b"render" in cmd else "other"


def snapshot() -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    for pid in descendants(os.getpid()):
        out.setdefault(kind(pid), []).append(pss_mib(pid))
    return out


def line(label: str, snap: dict[str, list[float]]) -> float:
    total = sum(sum(v) for v in snap.values())
    print(f"{label:<7} PSS total {total:5.0f} MiB  ("
          + ", ".join(f"{k} {'+'.join(f'{x:.0f}' for x in v)}" for k, v in sorted(snap.items())) + ")")
    return total


def page_figures(app: QApplication, window) -> str:
    """The preview page's JS heap (used/total) and element count: V8 garbage or DOM nodes kept?"""
    result: list = []
    window.preview.page().runJavaScript(
        "JSON.stringify([performance.memory ? performance.memory.usedJSHeapSize : -1,"
        " performance.memory ? performance.memory.totalJSHeapSize : -1,"
        " document.getElementsByTagName('*').length, (window.hpeBlocked || []).length])", 0, result.append)
    wait(app, lambda: bool(result), 10)
    if not result:
        return "page: no answer"
    import json
    used, total, nodes, blocked = json.loads(result[0])
    return f"page: JS heap {used / 2**20:.1f}/{total / 2**20:.1f} MiB, {nodes} elements, {blocked} CSP reports"


def settle(app: QApplication, window, seconds: float) -> None:
    wait(app, lambda: False, seconds)
    wait(app, lambda: not window.preview_service.pending, 30)
    wait(app, lambda: False, 1.0)
    gc.collect()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=50_000)
    ap.add_argument("--chars", type=int, default=3000)
    ap.add_argument("--burst", type=int, default=60, help="characters per burst (a pause follows each)")
    ap.add_argument("--save-every", type=int, default=5, help="bursts between saves")
    ap.add_argument("--every", type=int, default=1000, help="also print PSS after every N characters")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp()) / "content" / "posts"
    folder.mkdir(parents=True)
    post = folder / "long.md"
    post.write_text("---\ntitle: Long\ndate: 2024-01-01T00:00:00Z\n---\n" + body_of(args.words), encoding="utf-8")
    window = open_window(str(post))
    window.prompts.unsaved = lambda _name: "discard"   # closing never asks
    app = QApplication.instance()
    window.resize(1400, 900)
    wait(app, lambda: window.document.is_open and window.spell.service.is_ready, 60)
    wait(app, lambda: not window.editor.highlighter._chunk.isActive(), 120)
    editor = window.editor
    block = editor.document().findBlockByNumber(editor.document().blockCount() // 2)
    cursor = editor.textCursor()
    cursor.setPosition(block.position())
    editor.setTextCursor(cursor)
    editor.setFocus()
    settle(app, window, 3.0)
    before = line("before", snapshot())
    print("       ", page_figures(app, window))
    text = "The quick brown fox jumps over the lazy dog and mispeled wrods appear. "
    t0, bursts = time.monotonic(), 0
    for i in range(args.chars):
        ch = text[i % len(text)]
        if ch == " " and i % 97 == 0:
            QTest.keyClick(editor, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(editor, ch)
        app.processEvents()
        if (i + 1) % args.burst == 0:
            bursts += 1
            if bursts % args.save_every == 0:
                window.commands.save()
            wait(app, lambda: False, 0.4)   # a pause: the preview catches up
        if args.every and (i + 1) % args.every == 0 and i + 1 < args.chars:
            line(f"{i + 1}", snapshot())
    window.commands.save()
    typed = time.monotonic() - t0
    settle(app, window, 3.0)
    after = line("after", snapshot())
    print("       ", page_figures(app, window))
    print(f"typed {args.chars} characters in {bursts} bursts in {typed:.0f} s; growth {after - before:+.0f} MiB")
    window.document.close()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
