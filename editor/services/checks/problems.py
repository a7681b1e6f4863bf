"""Live lint and text statistics off the UI thread: debounced, one job in flight, stale results dropped."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from editor.core.errors import PostError
from editor.core.lint.postlint import ERROR, Problem, check_post
from editor.core.post import Post


class Coalescer(QObject):
    """Runs `fn(*args)` in a worker thread `delay_ms` after the last request; only the newest
    request's result is delivered (`finished`), and at most one job runs at a time."""

    finished = Signal(object)
    _done = Signal(int, object)

    def __init__(self, fn: Callable, delay_ms: int = 400, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._start)
        self._generation = 0
        self._args: tuple | None = None
        self._busy = False
        self.runs = 0
        self._done.connect(self._finish)

    def request(self, *args, immediate: bool = False) -> None:
        self._generation += 1
        self._args = args
        if immediate:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    def cancel(self) -> None:
        self._generation += 1
        self._args = None
        self._timer.stop()

    @Slot()
    def _start(self) -> None:
        if self._args is None or self._busy:
            return
        self._busy = True
        gen, args = self._generation, self._args
        threading.Thread(target=self._work, args=(gen, args), daemon=True, name="coalescer").start()

    def _work(self, gen: int, args: tuple) -> None:
        try:
            result = self._fn(*args)
        except Exception as exc:  # a lint bug must not take the window down
            result = exc
        try:
            self._done.emit(gen, result)
        except RuntimeError:
            pass   # deleted meanwhile

    @Slot(int, object)
    def _finish(self, gen: int, result: object) -> None:
        self._busy = False
        if gen == self._generation:
            self.runs += 1
            self._args = None
            self.finished.emit(result)
        elif not self._timer.isActive():
            self._start()


def lint_text(text: str, path: str | None, timezone, site) -> tuple[list[Problem], int]:
    """(problems, the body's first line) of a post's whole text, as `check` reports them."""
    try:
        post = Post(text, path=path)
    except PostError as exc:
        return [Problem(path or "<text>", exc.line or 1, exc.column or 1, ERROR, exc.reason)], 1
    post.timezone = timezone
    return check_post(post, site), post.body_line


class ProblemsService(QObject):
    """Lints the open post's current text in the background; `updated(problems, body_line)`."""

    updated = Signal(list, int)

    def __init__(self, delay_ms: int = 500, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = Coalescer(lint_text, delay_ms, self)
        self._job.finished.connect(self._deliver)
        self.problems: list[Problem] = []
        self.body_line = 1

    def request(self, post: Post | None, site=None, immediate: bool = False) -> None:
        if post is None:
            self._job.cancel()
            self._deliver(([], 1))
            return
        self._job.request(post.text, post.path, post.timezone, site, immediate=immediate)

    def _deliver(self, result) -> None:
        if isinstance(result, Exception):
            result = ([Problem("<lint>", 1, 1, ERROR, f"lint failed: {result}")], 1)
        self.problems, self.body_line = result
        self.updated.emit(self.problems, self.body_line)
