"""Start-up markers for tests/bench/bench_startup.py: seconds from exec to the first window paint and first preview."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject

ENV_T0 = "HPE_STARTUP_T0"   # set by the benchmark to time.time() just before it starts the process


def _mark(name: str) -> None:
    print(f"{name} {time.time() - float(os.environ[ENV_T0]):.3f}", file=sys.stdout, flush=True)


class _FirstPaint(QObject):
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            _mark("mapped")
        return False


def install(window) -> None:
    """Print `mapped T` at the window's first paint and `painted T` when the first preview is applied."""
    if ENV_T0 not in os.environ:
        return
    window.installEventFilter(_FirstPaint(window))   # the window owns the filter (its parent) and keeps it
    done = []

    def applied(*_args) -> None:
        if not done:
            done.append(True)
            _mark("painted")
    window.preview.applied.connect(applied)
    # What the preview waits for (stderr-free diagnostics; the benchmark reads only the two above).
    once: set[str] = set()

    def mark_once(name: str) -> None:
        if name not in once:
            once.add(name)
            _mark(name)
    window.preview.viewCreated.connect(lambda: mark_once("view"))
    window.preview.loadFinished.connect(lambda _ok: mark_once("loaded"))
    window.preview_service.updated.connect(lambda _u: mark_once("rendered"))
