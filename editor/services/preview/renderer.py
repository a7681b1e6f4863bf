"""The preview's renderer seam: `convert(text, config)` in the app (a thread) or in a worker process."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal, Slot

from editor.core.render_config import WIRE_FIELDS, RenderConfig  # not editor.core.render: rendering is the worker's

RenderFn = Callable[[str], str]


@dataclass
class Rendered:
    """One finished render: chunks as (key, first body line, html), their blocks' lines, timings."""

    chunks: list[tuple[str, int, str]]
    blocks: dict = field(default_factory=dict)
    timing: dict = field(default_factory=dict)

    @property
    def html(self) -> str:
        return "\n".join(c[2] for c in self.chunks if c[2])


class Renderer(QObject):
    """Renders one text at a time, like pymarkups' AbstractMarkup.convert, but without blocking the
    window: `convert` starts it and `done` brings a Rendered, or an error message (str)."""

    done = Signal(object)     # Rendered | str
    gaveUp = Signal(str)      # this renderer cannot go on (why); the service falls back to another

    def convert(self, text: str, config: RenderConfig) -> None:
        raise NotImplementedError

    def shutdown(self) -> None:
        """Stop whatever runs (a worker process); a render in flight is dropped."""


def render_in_app(text: str, config: RenderConfig) -> str:
    """The renderer itself, in this process (the worker runs the same code, incrementally)."""
    from editor.core import render_html
    return render_html(text, config=config)


class ThreadRenderer(Renderer):
    """Renders in a thread of the app: with `render(text)` given (tests, fallbacks), else the real renderer."""

    _finished = Signal(object)   # from the thread: the html, or the exception

    def __init__(self, render: RenderFn | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._render = render
        self._finished.connect(self._deliver)

    def convert(self, text: str, config: RenderConfig) -> None:
        threading.Thread(target=self._work, args=(text, config), name="preview-render", daemon=True).start()

    def _work(self, text: str, config: RenderConfig) -> None:
        try:
            result: object = self._render(text) if self._render is not None else render_in_app(text, config)
        except Exception as exc:  # a renderer bug must not take the window down
            result = exc
        try:
            self._finished.emit(result)
        except RuntimeError:
            pass  # the renderer was deleted while rendering

    @Slot(object)
    def _deliver(self, result: object) -> None:
        if isinstance(result, Exception):
            self.done.emit(str(result))
            return
        body = str(result)
        key = hashlib.blake2b(body.encode("utf-8"), digest_size=8).hexdigest()
        self.done.emit(Rendered([(key, 1, body)]))


def config_dict(config: RenderConfig) -> dict:
    """The settings as the worker's protocol carries them."""
    return {name: getattr(config, name) for name in WIRE_FIELDS}


class WorkerRenderer(Renderer):
    """Renders in a `python -m editor.core.render.worker` process: incremental, warm, no GIL shared
    with the window; it sends only the chunks that changed (services.preview.render_worker fills the rest)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from editor.services.preview.render_worker import RenderWorker
        self.worker = RenderWorker(self)
        self.worker.replied.connect(self._reply)
        self.worker.failed.connect(self.gaveUp)
        self._id = 0

    def convert(self, text: str, config: RenderConfig) -> None:
        self._id += 1
        self.worker.submit({"id": self._id, "text": text, "config": config_dict(config)})

    @Slot(dict)
    def _reply(self, reply: dict) -> None:
        if "error" in reply:
            self.done.emit(reply["error"])
            return
        chunks = [(c[0], c[1], c[2]) for c in reply["chunks"]]
        blocks = {c[0]: c[3] for c in reply["chunks"] if len(c) > 3 and c[3] is not None}
        self.done.emit(Rendered(chunks, blocks, {"worker_ms": reply.get("ms", 0.0),
                                                 "rendered": reply.get("rendered", 0)}))

    def shutdown(self) -> None:
        self.worker.shutdown()
