"""Prints the live preview's figures: render time per corpus post, 50k-word render and edit times, and, in
the real window (offscreen), typing-to-preview latency, worst event-loop stall, CPU and memory while typing.

    .venv/bin/python tests/bench/bench_preview.py [--keys 40] [--interval 100]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from editor.core.render import render_html  # noqa: E402
from editor.core.render.incremental import IncrementalRenderer  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def _body(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    for delim in ("---", "+++"):
        if text.startswith(delim + "\n"):
            end = text.find("\n" + delim, len(delim))
            if end >= 0:
                nl = text.find("\n", end + 1)
                return text[nl + 1:] if nl >= 0 else ""
    return text


def _bodies() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return [_body(p.read_text(encoding="utf-8", errors="replace"))
            for p in sorted(CORPUS.rglob("*")) if p.suffix in (".md", ".markdown")]


def _synthetic(words: int) -> str:
    para = ("The quick brown fox jumps over the lazy dog, and *then* it reads a [link](https://example.com) "
            "with `code` in it. ")
    out, n, i = [], 0, 0
    while n < words:
        if i % 6 == 0:
            out.append(f"## Section {i // 6}")
        out.append(para * 3)
        n += len(para.split()) * 3
        i += 1
    return "\n\n".join(out) + "\n"


def documents(bodies: list[str]) -> dict[str, str]:
    """About 2,000 and 50,000 words of real posts (shortcode-free), else synthetic text."""
    plain = [b for b in bodies if "{{" not in b]
    if not plain:
        return {"2k": _synthetic(2000), "50k": _synthetic(50000)}
    two = min(plain, key=lambda b: abs(len(b.split()) - 2000))
    parts, words = [], 0
    for b in plain:
        parts.append(b)
        words += len(b.split())
        if words >= 50000:
            break
    return {"2k": two, "50k": "\n\n".join(parts)}


# ---------------------------------------------------------------------------------------- renderer
def bench_renderer(bodies: list[str], docs: dict[str, str]) -> None:
    if bodies:
        for b in bodies[:20]:
            render_html(b)
        times = []
        for b in bodies:
            t0 = time.perf_counter()
            render_html(b)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print("corpus: %d posts, render_html p50 %.2f ms, p95 %.2f ms" % (
            len(times), statistics.median(times), times[int(len(times) * 0.95) - 1]))
    for name, doc in docs.items():
        full = min(_timed(lambda: render_html(doc)) for _ in range(3))
        inc = IncrementalRenderer()
        cold = _timed(lambda: inc.render(doc))
        mid = doc.find("\n\n", len(doc) // 2)
        edits = []
        for k in range(5):
            edited = doc[:mid] + " typed" * (k + 1) + doc[mid:]
            edits.append(_timed(lambda: inc.render(edited)))
        print("%s document: %d words: full render %.0f ms; incremental: first %.0f ms, one-word edit median %.1f ms"
              " (%d chunks)" % (name, len(doc.split()), full * 1000, cold * 1000, statistics.median(edits) * 1000,
                                len(inc.render(doc).chunks)))


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


# ---------------------------------------------------------------------------------------- processes
def _tree(pid: int) -> list[int]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _cpu_and_rss(pids: list[int]) -> tuple[float, dict[int, int]]:
    cpu, rss = 0.0, {}
    for p in pids:
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            cpu += (int(fields[11]) + int(fields[12])) / TICK
            with open(f"/proc/{p}/statm") as f:
                rss[p] = int(f.read().split()[1]) * PAGE
        except (OSError, ValueError, IndexError):
            pass
    return cpu, rss


# ---------------------------------------------------------------------------------------- window
def _bare_window(doc: str):
    """Only the preview's path: editor -> PreviewService (worker) -> PreviewView, wired by PreviewGlue."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPlainTextEdit, QSplitter

    from editor.gui import application
    from editor.gui.preview.glue import PreviewGlue
    from editor.gui.preview.view import PreviewView
    from editor.services.preview.service import PreviewRequest, PreviewService
    from editor.services.settings import Settings

    application()
    win = QSplitter(Qt.Orientation.Horizontal)
    win.editor = QPlainTextEdit()
    win.preview = PreviewView()
    win.addWidget(win.editor)
    win.addWidget(win.preview)
    win.preview_service = PreviewService(parent=win)
    win.preview_glue = PreviewGlue(win.preview_service, win.preview, win.editor, Settings(), win)
    win.editor.setPlainText(doc)
    win.editor.textChanged.connect(lambda: win.preview_service.request(
        PreviewRequest("Bench", None, win.editor.toPlainText())))
    win.preview_service.request(PreviewRequest("Bench", None, doc), immediate=True)
    win.document = type("Doc", (), {"dirty": False})()
    win.show()
    return win


def bench_window(docs: dict[str, str], keys: int, interval_ms: int, profile: bool = False,
                 bare: bool = False, paused: bool = False) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from editor.gui import open_window

    tmp = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        os.environ[var] = str(tmp / var.lower())
    app = None
    for name, doc in docs.items():
        post = tmp / "content" / "posts" / f"{name}.md"
        post.parent.mkdir(parents=True, exist_ok=True)
        post.write_text(f"---\ntitle: Bench {name}\n---\n" + doc, encoding="utf-8")
        window = open_window(str(post)) if not bare else _bare_window(doc)
        app = QApplication.instance()
        window.resize(1400, 900)
        service, view, editor = window.preview_service, window.preview, window.editor
        clock = QElapsedTimer()
        clock.start()
        _wait(app, lambda: view.updates > 0 and service.worker is not None and service.worker.is_ready, 60)
        _wait(app, lambda: not service.pending, 60)
        # Type in the middle of the body, at the end of a paragraph, like an author adding a sentence.
        text = editor.toPlainText()
        pos = text.find("\n\n", len(text) // 2)
        cursor = editor.textCursor()
        cursor.setPosition(pos if pos > 0 else len(text))
        editor.setTextCursor(cursor)
        editor.centerCursor()
        _pump(app, 0.5)
        pids = _tree(os.getpid())
        cpu0, rss0 = _cpu_and_rss(pids)
        if paused:
            service.set_active(False)

        pending: list[tuple[int, float]] = []      # (generation after the key, time of the key)
        latencies: list[float] = []

        def applied(gen: int) -> None:
            now = clock.nsecsElapsed() / 1e6
            while pending and pending[0][0] <= gen:
                latencies.append(now - pending.pop(0)[1])
        view.applied.connect(applied)
        changes = {"n": 0}
        editor.textChanged.connect(lambda: changes.__setitem__("n", changes["n"] + 1))
        timings: list[dict] = []
        service.updated.connect(lambda u: timings.append(u.timing))
        stall = {"last": clock.nsecsElapsed() / 1e6, "worst": 0.0}

        def beat() -> None:
            now = clock.nsecsElapsed() / 1e6
            stall["worst"] = max(stall["worst"], now - stall["last"] - 5)
            stall["last"] = now
        heart = QTimer()
        heart.setTimerType(heart.timerType().PreciseTimer)
        heart.setInterval(5)
        heart.timeout.connect(beat)
        typed = {"n": 0}
        sentence = " Another sentence typed for the benchmark."

        def key() -> None:
            ch = sentence[typed["n"] % len(sentence)]
            t = clock.nsecsElapsed() / 1e6
            QTest.keyClick(editor, ch)
            pending.append((service.generation, t))   # the request this key made (or a later one)
            typed["n"] += 1
            if typed["n"] >= keys:
                typist.stop()
        typist = QTimer()
        typist.setInterval(interval_ms)
        typist.timeout.connect(key)
        heart.start()
        t_start = time.perf_counter()
        stall["last"] = clock.nsecsElapsed() / 1e6
        prof = None
        if profile:
            import cProfile
            prof = cProfile.Profile()
            prof.enable()
        typist.start()
        _wait(app, lambda: typed["n"] >= keys and (paused or not pending), 120)
        wall = time.perf_counter() - t_start
        heart.stop()
        if prof is not None:
            import pstats
            prof.disable()
            print(f"--- {name}: UI-thread time while typing, by function (cumulative)")
            pstats.Stats(prof).sort_stats("cumulative").print_stats(r"editor/", 25)
        pids = _tree(os.getpid())
        cpu1, rss1 = _cpu_and_rss(pids)
        worker_pid = service.worker.pid if service.worker else None
        worker_rss = (rss0.get(worker_pid, 0) / 2**20, rss1.get(worker_pid, 0) / 2**20)
        own = (rss0.get(os.getpid(), 0) / 2**20, rss1.get(os.getpid(), 0) / 2**20)
        latencies.sort()
        if paused:
            print("preview paused %s: worst event-loop stall %.0f ms while typing %d keys"
                  % (name, stall["worst"], keys))
            latencies = latencies or [0.0]
        print(("preview-only " if bare else "window ")
              + "%s words=%d keys=%d every %d ms: latency median %.0f ms, p90 %.0f ms, max %.0f ms; "
              "worst event-loop stall %.0f ms; CPU %.2f cores (all processes); renders shown %d, dropped %d"
              % (name, len(doc.split()), keys, interval_ms, statistics.median(latencies),
                 latencies[int(len(latencies) * 0.9) - 1], latencies[-1], stall["worst"],
                 (cpu1 - cpu0) / wall, service.renders, service.dropped))
        if timings:
            print("%s   render in worker median %.0f ms, request-to-result median %.0f ms, "
                  "page patch median %.0f ms, textChanged per key %.1f" % (
                      name, statistics.median(t.get("worker_ms", 0) for t in timings),
                      statistics.median(t.get("round_trip_ms", 0) for t in timings),
                      statistics.median(view.apply_ms or [0]), changes["n"] / keys))
        print("%s memory (RSS MiB) before -> after typing: app %.0f -> %.0f, render worker %.0f -> %.0f, "
              "all processes %.0f -> %.0f" % (name, own[0], own[1], worker_rss[0], worker_rss[1],
                                               sum(rss0.values()) / 2**20, sum(rss1.values()) / 2**20))
        if hasattr(window, "prompts"):   # the real window (the bare one asks nothing)
            window.prompts.unsaved = lambda _name: "discard"   # close without the modal question
        window.close()
        window.deleteLater()
        _pump(app, 0.5)


def _pump(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def _wait(app, cond, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while not cond():
        if time.perf_counter() > end:
            raise TimeoutError("benchmark condition not met")
        app.processEvents()
        time.sleep(0.001)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keys", type=int, default=40, help="keys typed per document")
    ap.add_argument("--interval", type=int, default=100, help="ms between keys (100 = a fast typist)")
    ap.add_argument("--no-window", action="store_true", help="renderer figures only")
    ap.add_argument("--profile", action="store_true", help="profile the UI thread while typing")
    ap.add_argument("--no-preview", action="store_true",
                    help="with --preview-only: the preview paused (the editor's own stall, for comparison)")
    ap.add_argument("--preview-only", action="store_true",
                    help="a bare editor + preview (the preview's own path, without the window's other tools)")
    args = ap.parse_args()
    print("load:", open("/proc/loadavg").read().split()[:3], "cores:", os.cpu_count())
    bodies = _bodies()
    docs = documents(bodies)
    bench_renderer(bodies, docs)
    if not args.no_window:
        bench_window(docs, args.keys, args.interval, args.profile, args.preview_only, args.no_preview)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
