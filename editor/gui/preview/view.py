"""The preview pane: one page loaded once, changed chunks patched in by script; links go to the system browser."""

from __future__ import annotations

import hashlib
import json
import time
from types import SimpleNamespace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

if TYPE_CHECKING:   # QtWebEngine loads with the web view (editor/gui/__init__.py)
    from editor.gui.preview.web_view import PreviewPage, WebView


class _Bridge(QObject):
    """The page's end of the update channel. Updates travel as JSON messages: sent as script source
    (runJavaScript), every update's source stayed in the renderer's V8 memory, tens of MB an hour."""

    patch = Signal(str)          # {"serial", "args" (hpePatch's), "scroll", "follow"} as JSON

    def __init__(self, pane: PreviewView) -> None:
        super().__init__(pane)
        self._pane = pane

    @Slot()
    def ready(self) -> None:     # the page's script has connected
        self._pane._channel_ready()

    @Slot(int)
    def done(self, serial: int) -> None:
        self._pane._patched(serial)


class PreviewView(QWidget):
    """`show_update(update)` patches the page in place: only chunks it lacks are sent; scroll survives.

    The web view itself is made right after the window's first paint (it costs a tenth of a second
    and the author sees the editor sooner), or at once when something asks for its page. Until
    then the pane keeps the latest update, colours and page and replays them into the new view."""

    updated = Signal()
    applied = Signal(int)              # the generation of the update now on the page
    visibilityChanged = Signal(bool)   # noqa: N815 (Qt naming)
    loadFinished = Signal(bool)        # noqa: N815 (forwarded from the web view)
    externalLink = Signal(QUrl)        # noqa: N815 (forwarded from the page: a link the author clicked)
    viewCreated = Signal()             # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setAccessibleName("Preview")
        self.setAutoFillBackground(True)   # the page's colour until the web view exists
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)   # a Tab stop before the view exists, too
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._view: WebView | None = None
        self._creating = False
        self._page_args: tuple[str, QUrl, bool] | None = None
        self._ready = False              # the page is loaded and its update channel connected
        self._bridge = _Bridge(self)
        self._serial = 0
        self._in_flight: dict[int, tuple[int, float]] = {}   # serial -> (generation, sent)
        self._current = None             # the last update shown (re-sent whole after a reload)
        self._page_keys: set[str] = set()
        self._colours: dict | None = None
        self._background: QColor | None = None
        self._scroll_line: int | None = None
        self._follow_line = 0   # the line being typed (0: none): kept in view after every update
        self._sync_dirty = False
        self._page_keys_before = False
        self.updates = 0
        self.apply_ms: list[float] = []  # page-side time of the last updates (benchmarks read it)
        self.loads = 0                   # page loads (the page is loaded once; tests check this)

    # ------------------------------------------------------------------ the web view, made late
    @property
    def has_view(self) -> bool:
        return self._view is not None

    def ensure_view(self) -> WebView:
        """The web view, made now if it is not there yet (with the page, colours and update replayed)."""
        if self._view is None:
            from editor.gui.preview.web_view import WebView   # QtWebEngine loads here
            view = WebView(self, self._bridge)
            self._view = view
            if self._background is not None:
                view.page().setBackgroundColor(self._background)
            view.preview_page.externalLink.connect(self.externalLink)
            view.loadFinished.connect(self._on_loaded)
            view.loadFinished.connect(self.loadFinished)
            # Hidden until its page has loaded: the pane (painted in the page's colour) stays the
            # focus stop meanwhile, as the view swaps its inner widget while the page loads.
            view.hide()
            self._layout.addWidget(view)
            if self._page_args is not None:
                self._load(*self._page_args)
            self.viewCreated.emit()
        return self._view

    def focusInEvent(self, event) -> None:  # noqa: N802
        # The pane is the Tab stop (also before its view is made): the focus goes on to the page.
        # Not a Qt focus proxy: that would put the pane and its view twice in the window's tab chain.
        super().focusInEvent(event)
        if self._view is not None and self._view.isVisible():
            self._view.setFocus(event.reason())
        else:
            self.ensure_view()

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        self._create_soon(0)   # after this paint reaches the screen (the backing store is flushed first)

    def _create_soon(self, delay_ms: int) -> None:
        if self._view is None and not self._creating:
            self._creating = True
            QTimer.singleShot(delay_ms, self, self.ensure_view)

    @property
    def preview_page(self) -> PreviewPage:
        return self.ensure_view().preview_page

    def page(self) -> PreviewPage:
        return self.ensure_view().preview_page

    def url(self) -> QUrl:
        return self.ensure_view().url()

    def focusProxy(self) -> QWidget | None:  # noqa: N802
        """The page's inner widget (made when the page first loads), None before the view exists."""
        if self._view is None:
            return None
        return self._view.focusProxy() or self._view

    # ------------------------------------------------------------------ the page
    def load_page(self, html: str, home: QUrl, remote: bool = False) -> None:
        """Load the preview page under base URL `home` (again: a new CSP); `remote` lets it fetch http(s)."""
        self._page_args = (html, home, bool(remote))
        self._ready = False
        self._page_keys = set()
        if self._view is not None:
            self._load(html, home, bool(remote))

    def _load(self, html: str, home: QUrl, remote: bool) -> None:
        page = self._view.preview_page
        page.allow_remote(remote)
        page.set_home(home)
        self._view.setHtml(html, home)

    def _on_loaded(self, ok: bool) -> None:
        if not ok:
            # A navigation we refused (a form submitted, a relative link clicked) ends as a failed
            # load, but our page is still there and must keep taking updates. Only load_page()
            # makes the page not ready.
            return
        self._view.show()
        if self.hasFocus():
            self._view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.loads += 1

    def _channel_ready(self) -> None:
        """The loaded page's script reached us over the channel: it takes updates now."""
        self._ready = True
        self._in_flight.clear()
        if self._colours:
            self._run(f"hpeColors({json.dumps(self._colours)})")
        if self._current is not None:
            self.show_update(self._current)

    def show_html(self, header: str, body: str, base: str = "") -> None:
        """Show one piece of HTML (a placeholder, a test's fixed page)."""
        key = hashlib.blake2b(body.encode("utf-8"), digest_size=8).hexdigest()
        self.show_update(SimpleNamespace(header=header, chunks=[(key, 1, body)], base_url=base,
                                         generation=-1, lines=1))

    def show_update(self, update) -> None:
        self._current = update
        if not self._ready:
            return
        order = [c[0] for c in update.chunks]
        end = max(update.lines, 1) + 1
        lines = [c[1] or end for c in update.chunks]     # the footnote list (line 0) sits at the end
        add = {key: html for key, _, html in update.chunks if key not in self._page_keys}
        self._page_keys_before = bool(self._page_keys & set(order))   # False: a new page or document
        self._page_keys = set(order)
        blocks = {key: rel for key, rel in getattr(update, "blocks", {}).items() if key in add}
        scroll = None
        if self._scroll_line is not None and (self._sync_dirty or not self._page_keys_before):
            # A fresh page, or the editor scrolled since the last update: place the new content
            # where the editor is. Otherwise the page keeps its own scroll position.
            scroll = int(self._scroll_line)
        self._sync_dirty = False
        self._serial += 1
        self._in_flight[self._serial] = (update.generation, time.perf_counter())
        self._bridge.patch.emit(json.dumps({
            "serial": self._serial, "scroll": scroll, "follow": int(self._follow_line or 0),
            "args": [update.header, update.base_url, order, lines, add, end, blocks]}, ensure_ascii=False))

    def _patched(self, serial: int) -> None:
        if serial in self._in_flight:
            self._applied(*self._in_flight.pop(serial))

    def _applied(self, generation: int, sent: float = 0.0) -> None:
        self.apply_ms.append((time.perf_counter() - sent) * 1000)
        del self.apply_ms[:-50]
        self.updates += 1
        self.applied.emit(generation)
        self.updated.emit()

    def scroll_to_line(self, line: int, again_after_update: bool = False, follow: int = 0) -> None:
        """Scroll so that body line `line` (1-based, the editor's top line) is at the top;
        `again_after_update`: a render is on its way, so place the new content there too;
        `follow`: the line being typed, kept in view as well (now and after that render)."""
        self._scroll_line = line
        self._sync_dirty = self._sync_dirty or again_after_update
        self._follow_line = follow
        if self._ready:
            self._run(f"hpeScrollToLine({int(line)})")
            if follow:
                self._run(f"hpeKeepVisible({int(follow)})")

    def keep_visible(self, line: int) -> None:
        """After each update, scroll (only if needed) so the block holding body line `line` is in view (0: stop)."""
        self._follow_line = line

    def follow_palette(self, palette: QPalette) -> None:
        """Colour the page like the application (dark or light)."""
        role = QPalette.ColorRole
        dark = palette.color(role.Base).lightness() < 128
        self._colours = {
            "bg": palette.color(role.Base).name(), "fg": palette.color(role.Text).name(),
            "muted": palette.color(role.PlaceholderText).name(),
            "link": "#58a6ff" if dark else palette.color(role.Link).name(),
            "border": palette.color(role.Mid).name(),
            "code-bg": palette.color(role.AlternateBase).name(),
            "quote": palette.color(role.PlaceholderText).name(),
            "scheme": "dark" if dark else "light",
        }
        self._background = palette.color(role.Base)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, self._background)
        self.setPalette(pal)
        if self._view is not None:
            self._view.page().setBackgroundColor(self._background)
        if self._ready:
            self._run(f"hpeColors({json.dumps(self._colours)})")

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002
        """Tab past the page's last link: on to the widget after the view in the window's tab order
        (Qt's default starts from the page's inner widget, which sits elsewhere in the chain)."""
        widget = self.nextInFocusChain() if next else self.previousInFocusChain()
        for _ in range(500):
            if widget is None or widget is self:
                break
            if (not self.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None
                    and not widget.visibleRegion().isEmpty()):   # not a dock behind another dock's tab
                widget.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
                return True
            widget = widget.nextInFocusChain() if next else widget.previousInFocusChain()
        return super().focusNextPrevChild(next)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        # Shown but never painted (a platform that sends no paint to an empty widget): made anyway.
        QTimer.singleShot(500, self, lambda: self._create_soon(0) if self.isVisible() else None)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event) -> None:  # noqa: N802
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def _run(self, script: str, callback=None) -> None:
        page = self._view.page()   # only called once the page is ready, so the view exists
        if callback is None:
            page.runJavaScript(script, 0)
        else:
            page.runJavaScript(script, 0, callback)

