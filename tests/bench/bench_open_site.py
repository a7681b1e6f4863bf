"""Benchmark: open a generated 10,000-post site in the window; time until the list is full, worst UI stall.

Run: .venv/bin/python tests/bench/bench_open_site.py [--posts 10000] [--words 600]
Goal: the list shows in under a second warm; the window never freezes (the worst gap
between 10 ms timer ticks is printed, cold = no index cache, warm = cache from the cold run).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

from tests.sitegen import generate_posts, make_site  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--posts", type=int, default=10000)
    ap.add_argument("--words", type=int, default=600)
    args = ap.parse_args()
    from PySide6.QtCore import QElapsedTimer, QTimer
    from editor.gui import application, open_window
    from editor.services import resources

    with tempfile.TemporaryDirectory() as tmp:
        for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            os.environ[var] = os.path.join(tmp, var.lower())
        site = make_site(tmp, generate_posts(args.posts, words=args.words))
        app = application()
        for label in ("cold", "warm"):
            clock = QElapsedTimer()
            ticks = {"last": 0, "worst": 0, "progress": 0}

            def tick() -> None:
                now = clock.elapsed()
                ticks["worst"] = max(ticks["worst"], now - ticks["last"])
                ticks["last"] = now

            window = open_window(str(resources.bundled_content()), render=lambda text: "<p>bench</p>")
            settle = time.perf_counter() + 2
            while time.perf_counter() < settle:
                app.processEvents()
                time.sleep(0.005)
            window.post_model.progress.connect(lambda *_: ticks.__setitem__("progress", ticks["progress"] + 1))
            timer = QTimer()
            timer.setInterval(10)
            timer.timeout.connect(tick)
            clock.start()
            timer.start()
            start = time.perf_counter()
            window.commands.open_path(str(site))
            while window.post_model.rowCount() < args.posts and time.perf_counter() - start < 120:
                app.processEvents()
                time.sleep(0.001)
            filled = time.perf_counter() - start
            end = time.perf_counter() + 0.5   # keep ticking a moment: opening the newest post follows
            while time.perf_counter() < end:
                app.processEvents()
                time.sleep(0.001)
            timer.stop()
            print(f"{label}: {window.post_model.rowCount()} posts listed in {filled:.2f} s "
                  f"; worst event-loop stall {ticks['worst']} ms; "
                  f"{ticks['progress']} progress reports")
            window.settings.sync()
            window.close()
            window.deleteLater()
            app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
