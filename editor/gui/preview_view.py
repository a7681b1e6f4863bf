"""The preview pane: one page loaded once, new HTML swapped in by script; links go to the system browser."""

from __future__ import annotations

import json

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget


EXTERNAL_SCHEMES = ("http", "https", "mailto")


class PreviewPage(QWebEnginePage):
    """Allows only the first load (our page); every other navigation is handed to `externalLink`."""

    externalLink = Signal(QUrl)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._home: QUrl | None = None
        self._popups: list[QWebEnginePage] = []
        s = self.settings()
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanAccessClipboard, False)

    def set_home(self, url: QUrl) -> None:
        self._home = url

    def acceptNavigationRequest(self, url, nav_type, is_main_frame: bool) -> bool:  # noqa: N802
        url = QUrl(url)
        if self._home is None:
            return True
        if not is_main_frame:
            return False
        home = self._home
        if url.scheme() == "data" or (url.scheme(), url.host(), url.path()) == (home.scheme(), home.host(), home.path()):
            return True   # the page itself (anchor jumps are handled by the page's script)
        if url.scheme() in EXTERNAL_SCHEMES:
            self.externalLink.emit(url)
        return False   # relative links to other pages or files: nothing to show here

    def createWindow(self, _type):  # noqa: N802
        # target="_blank": catch the URL in a throw-away page and hand it on.
        popup = QWebEnginePage(self)
        popup.urlChanged.connect(lambda url, p=popup: self._popup_url(p, url))
        self._popups.append(popup)
        return popup

    def _popup_url(self, popup: QWebEnginePage, url: QUrl) -> None:
        if url.scheme() in EXTERNAL_SCHEMES:
            self.externalLink.emit(url)
        if popup in self._popups:
            self._popups.remove(popup)
        popup.deleteLater()


class PreviewView(QWebEngineView):
    """`show_html(header, body, base)` updates the page in place; `updates` counts applied updates."""

    updated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setAccessibleName("Preview")
        self.preview_page = PreviewPage(self)
        self.setPage(self.preview_page)
        self.setContextMenuPolicy(self.contextMenuPolicy().NoContextMenu)
        self._ready = False
        self._pending: tuple[str, str, str] | None = None
        self._colours: dict | None = None
        self.updates = 0
        self.loadFinished.connect(self._on_loaded)

    def load_page(self, html: str, home: QUrl) -> None:
        """Load the preview page (once); `home` is the base URL it is loaded under."""
        self._ready = False
        self.preview_page.set_home(home)
        self.setHtml(html, home)

    def _on_loaded(self, ok: bool) -> None:
        self._ready = ok
        if ok:
            if self._colours:
                self._run(f"hpeColors({json.dumps(self._colours)})")
            if self._pending:
                self.show_html(*self._pending)

    def show_html(self, header: str, body: str, base: str = "") -> None:
        if not self._ready:
            self._pending = (header, body, base)
            return
        self._pending = None
        args = ", ".join(json.dumps(v) for v in (header, body, base))
        self._run(f"hpeUpdate({args})", self._applied)

    def _applied(self, _result) -> None:
        self.updates += 1
        self.updated.emit()

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
        self.page().setBackgroundColor(palette.color(role.Base))
        if self._ready:
            self._run(f"hpeColors({json.dumps(self._colours)})")

    def _run(self, script: str, callback=None) -> None:
        if callback is None:
            self.page().runJavaScript(script, 0)
        else:
            self.page().runJavaScript(script, 0, callback)
