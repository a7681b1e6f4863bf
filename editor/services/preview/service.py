"""Instant preview: one render in flight and one queued, stale results dropped, paused while hidden.

As in ghostwriter, a finished render is shown even when a newer request waits (it is newer than
what the page shows, so typing never starves the preview); a result is stale, and dropped, when
it predates an `immediate` request (another post opened, new markup settings) or a `cancel`.

Renders go through a Renderer (editor.services.preview.renderer): by default a worker process (incremental,
warm, no GIL shared with the UI); a plain `render(text) -> html` function (tests) runs in a thread.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from editor.core.render_config import RenderConfig  # not editor.core.render: rendering is the worker's
from editor.services import resources
from editor.services.preview.renderer import Rendered, Renderer, RenderFn, ThreadRenderer, render_in_app

__all__ = ["PreviewRequest", "PreviewService", "PreviewUpdate", "RefSource", "RenderFn", "default_render",
           "header_html", "preview_page", "render_config"]
REMOTE_CSP = ("img-src file: data: http: https:; media-src file: http: https:; "
              "frame-src http: https:; font-src file: data: http: https:")
STRICT_CSP = "img-src file: data:; media-src file:; font-src file: data:"
HIDDEN_PAUSE_MS = 1000   # a hidden preview renders after this pause in typing (the word count's pause)


def default_render(text: str) -> str:
    return render_in_app(text, RenderConfig())


def preview_page(remote_content: bool = False) -> str:
    """The preview page; with `remote_content` its CSP also lets images, media and frames load over http(s)."""
    page = resources.preview_page()
    if remote_content:
        if STRICT_CSP not in page:
            raise ValueError("the preview page's CSP is not the one expected")
        page = page.replace(STRICT_CSP, REMOTE_CSP, 1)
    return page


def render_config(site) -> RenderConfig:
    """The open site's markup settings (Hugo's defaults without a site)."""
    if site is None:
        return RenderConfig()
    m = site.markup
    return RenderConfig(unsafe=m["unsafe"], typographer=m["typographer"],
                        highlight_style=m["highlight_style"], highlight_no_classes=m["no_classes"])


@dataclass(frozen=True)
class PreviewRequest:
    title: str
    date: dt.datetime | None
    body: str
    base_url: str = ""     # the post's folder, so relative images resolve


@dataclass
class PreviewUpdate:
    """A finished render: chunks as (key, first body line, html); the footnote list has line 0."""

    header: str
    chunks: list[tuple[str, int, str]]
    base_url: str
    generation: int
    lines: int = 0                       # body lines (scroll sync maps the last chunk to the end)
    timing: dict = field(default_factory=dict)
    blocks: dict = field(default_factory=dict)   # chunk key -> its blocks' first lines, relative to the chunk

    @property
    def body(self) -> str:
        return "\n".join(c[2] for c in self.chunks if c[2])


def header_html(title: str, date: dt.datetime | None, extra: str = "") -> str:
    """The title/date header a post page shows (`.Title` is not typographer-processed by Hugo)."""
    meta = []
    if date is not None:
        meta.append(f'<span><time datetime="{date.isoformat()}">{date:%B} {date.day}, {date:%Y}</time></span>')
    if extra:
        meta.append(f"<span>{html.escape(extra)}</span>")
    return f"<h1>{html.escape(title)}</h1><div class=\"meta\">{''.join(meta)}</div>"


class RefSource:
    """The URLs of a body's ref/relref targets in the open site (editor.core.hugo.refs), worked out
    again only when the set of targets changes (a lookup may walk the content folder)."""

    def __init__(self, site, post_path: str | None) -> None:
        self.site, self.post_path = site, post_path
        self._last: tuple[tuple, dict] | None = None

    def __call__(self, text: str) -> dict:
        from editor.core.hugo import refs
        found = tuple(refs.targets(text)) if "ref" in text else ()
        if self._last is None or self._last[0] != found:
            self._last = (found, refs.resolve_all(text, self.post_path, self.site) if found else {})
        return self._last[1]


class PreviewService(QObject):
    """Coalesces requests: at most one render running and one waiting; only the newest is shown."""

    rendered = Signal(str, str, str)    # header html, body html, base url (whole document)
    updated = Signal(object)            # PreviewUpdate (what the preview pane applies)
    failed = Signal(str)

    def __init__(self, render: RenderFn | None = None, delay_ms: int | None = None,
                 parent: QObject | None = None, renderer: Renderer | None = None) -> None:
        """`renderer` renders; without one, `render(text)` in a thread, else the worker process."""
        super().__init__(parent)
        if renderer is None:
            if render is None:
                from editor.services.preview.renderer import WorkerRenderer
                renderer = WorkerRenderer()
            else:
                renderer = ThreadRenderer(render)
        self._use(renderer)
        # With the worker there is no debounce: coalescing alone limits the work (ghostwriter's way).
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms if delay_ms is not None else (0 if render is None else 150))
        self._timer.timeout.connect(self._start)
        # Hidden (focus mode, the site preview shown instead): no page to keep up with, but what counts
        # the rendered text (the word count) still follows: one render once the typing pauses.
        self._hidden_timer = QTimer(self)
        self._hidden_timer.setSingleShot(True)
        self._hidden_timer.setInterval(HIDDEN_PAUSE_MS)
        self._hidden_timer.timeout.connect(self._start)
        self._generation = 0
        self._latest: PreviewRequest | None = None     # waiting to be rendered
        self._last: PreviewRequest | None = None       # the newest request (for re-renders)
        self._latest_gen = 0
        self._barrier = 0           # results older than this generation are dropped
        self._shown_gen = 0
        self._in_flight: tuple[int, PreviewRequest, float] | None = None
        self._active = True
        self._config = RenderConfig()
        self._ref_source: RefSource | None = None
        self.renders = 0            # completed renders shown (tests and benchmarks read it)
        self.dropped = 0            # results that arrived after a newer request (never shown)

    def _use(self, renderer: Renderer) -> None:
        renderer.setParent(self)
        renderer.done.connect(self._rendered)
        renderer.gaveUp.connect(self._gave_up)
        self._renderer = renderer

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def pending(self) -> bool:
        """A render is running or waiting (its result is still to come)."""
        return self._in_flight is not None or self._latest is not None

    @property
    def renderer(self) -> Renderer:
        return self._renderer

    @property
    def worker(self):
        """The render worker process's client, while rendering there (else None)."""
        return getattr(self._renderer, "worker", None)

    def set_config(self, config: RenderConfig) -> None:
        """Markup settings (from the open site); a change re-renders the latest request."""
        if config != self._config:
            self._config = config
            if self._last is not None:
                self.request(self._latest or self._last, immediate=True)

    def set_ref_source(self, source: "RefSource | None") -> None:
        """Where ref/relref URLs come from (the open post in its site); None: left unresolved."""
        if source is None or self._ref_source is None or (source.site, source.post_path) != \
                (self._ref_source.site, self._ref_source.post_path):
            self._ref_source = source

    def _request_config(self, text: str) -> RenderConfig:
        refs = self._ref_source(text) if self._ref_source is not None else {}
        return replace(self._config, refs=refs) if refs else self._config

    def set_active(self, active: bool) -> None:
        """A hidden preview is rendered only once typing pauses; showing it again renders the newest request."""
        self._active = active
        if active:
            self._hidden_timer.stop()
            if self._latest is not None:
                self._schedule(True)

    def request(self, req: PreviewRequest, immediate: bool = False) -> None:
        """Ask for a render of `req`; older requests not yet shown are superseded."""
        if req == self._last and not immediate:
            return      # the same text again (format-only changes emit textChanged too)
        self._generation += 1
        self._latest, self._latest_gen, self._last = req, self._generation, req
        if immediate:
            self._barrier = self._generation     # whatever is in flight now is for something else
        self._schedule(immediate)

    def cancel(self) -> None:
        self._generation += 1
        self._latest_gen = self._barrier = self._generation    # a render in flight is now stale
        self._latest = self._last = None
        self._timer.stop()

    def shutdown(self) -> None:
        self.cancel()
        self._renderer.shutdown()

    def _schedule(self, immediate: bool) -> None:
        if not self._active:
            self._hidden_timer.start()
            return
        if immediate or self._timer.interval() == 0:
            self._timer.stop()
            self._start()
        else:
            self._timer.start()

    @Slot()
    def _start(self) -> None:
        if self._latest is None or self._in_flight is not None:
            return     # one render at a time: the newest request waits in _latest
        gen, req = self._latest_gen, self._latest
        self._latest = None
        self._in_flight = (gen, req, _now())
        self._renderer.convert(req.body, self._request_config(req.body))

    @Slot(object)
    def _rendered(self, result: object) -> None:
        if self._in_flight is None:
            return
        gen, req, _ = self._in_flight
        if isinstance(result, Rendered):
            self._complete(gen, req, result.chunks, None, result.timing, result.blocks)
        else:
            self._complete(gen, req, None, f"preview failed: {result}")

    @Slot(str)
    def _gave_up(self, why: str) -> None:
        """The worker keeps dying: render in a thread from now on (slower, but the preview lives)."""
        self._in_flight = None
        old, self._renderer = self._renderer, None
        old.done.disconnect(self._rendered)
        self._use(ThreadRenderer())
        self.failed.emit(f"preview: {why}; rendering in the app from now on")
        if self._last is not None:
            self.request(self._last, immediate=True)

    def _complete(self, gen: int, req: PreviewRequest, chunks, error: str | None, timing=None,
                  blocks: dict | None = None) -> None:
        started = self._in_flight[2] if self._in_flight else _now()
        self._in_flight = None
        if gen < self._barrier or gen <= self._shown_gen:
            self.dropped += 1          # stale: from before another post / settings / a cancel
        elif error is not None:
            self.renders += 1
            self.failed.emit(error)
        else:
            self.renders += 1
            self._shown_gen = gen
            lines = req.body.count("\n") + 1
            update = PreviewUpdate(header_html(req.title, req.date), chunks, req.base_url, gen, lines,
                                   {**(timing or {}), "round_trip_ms": (_now() - started) * 1000}, blocks or {})
            self.updated.emit(update)
            self.rendered.emit(update.header, update.body, req.base_url)
        if self._latest is not None and not self._timer.isActive():
            if self._active:
                self._start()
            else:
                self._hidden_timer.start()


def _now() -> float:
    import time
    return time.perf_counter()
