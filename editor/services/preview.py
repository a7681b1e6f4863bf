"""Instant preview: debounced requests, one render in flight in a worker thread, stale results dropped."""

from __future__ import annotations

import datetime as dt
import html
import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal, Slot

RenderFn = Callable[[str], str]


def default_render(text: str) -> str:
    from editor.core import render_html
    return render_html(text)


@dataclass(frozen=True)
class PreviewRequest:
    title: str
    date: dt.datetime | None
    body: str
    base_url: str = ""     # the post's folder, so relative images resolve


def header_html(title: str, date: dt.datetime | None, extra: str = "") -> str:
    """The title/date header a post page shows (`.Title` is not typographer-processed by Hugo)."""
    meta = []
    if date is not None:
        meta.append(f'<span><time datetime="{date.isoformat()}">{date:%B} {date.day}, {date:%Y}</time></span>')
    if extra:
        meta.append(f"<span>{html.escape(extra)}</span>")
    return f"<h1>{html.escape(title)}</h1><div class=\"meta\">{''.join(meta)}</div>"


class PreviewService(QObject):
    """Coalesces requests: at most one render running and one waiting; only the newest is shown."""

    rendered = Signal(str, str, str)    # header html, body html, base url
    failed = Signal(str)
    _done = Signal(int, object, object)  # generation, request, html or exception (worker -> UI thread)

    def __init__(self, render: RenderFn | None = None, delay_ms: int = 150,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._render = render or default_render
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)
        self._generation = 0
        self._latest: PreviewRequest | None = None
        self._busy = False
        self._pending = False
        self.renders = 0            # completed renders (tests and benchmarks read it)
        self._done.connect(self._finish)

    @property
    def generation(self) -> int:
        return self._generation

    def request(self, req: PreviewRequest, immediate: bool = False) -> None:
        """Ask for a render of `req`; older requests not yet shown are superseded."""
        self._generation += 1
        self._latest = req
        if immediate:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def cancel(self) -> None:
        self._generation += 1
        self._latest = None
        self._timer.stop()

    @Slot()
    def _start(self) -> None:
        if self._latest is None:
            return
        if self._busy:
            self._pending = True
            return
        self._busy = True
        gen, req = self._generation, self._latest
        threading.Thread(target=self._work, args=(gen, req), name="preview-render", daemon=True).start()

    def _work(self, gen: int, req: PreviewRequest) -> None:
        try:
            result: object = self._render(req.body)
        except Exception as exc:  # a renderer bug must not take the window down
            result = exc
        try:
            self._done.emit(gen, req, result)
        except RuntimeError:
            pass  # the service was deleted while rendering

    @Slot(int, object, object)
    def _finish(self, gen: int, req: PreviewRequest, result: object) -> None:
        self._busy = False
        if gen == self._generation:
            self.renders += 1
            if isinstance(result, Exception):
                self.failed.emit(f"preview failed: {result}")
            else:
                self.rendered.emit(header_html(req.title, req.date), str(result), req.base_url)
        elif self._latest is not None and not self._timer.isActive():
            # Stale, and the newer request is past its debounce: render that one now.
            self._pending = False
            self._start()
            return
        if self._pending and not self._timer.isActive():
            self._pending = False
            self._start()
