"""The preview's web view and page: our page only, every other link handed on; loaded after the first paint."""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice, QObject, Qt, QUrl, Signal
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QWidget

from editor.gui.preview.request_guard import RequestGuard
from editor.gui.preview.web_profile import shared_profile


EXTERNAL_SCHEMES = ("http", "https", "mailto")


class PreviewPage(QWebEnginePage):
    """Allows only the first load (our page); every other navigation is handed to `externalLink`."""

    externalLink = Signal(QUrl)

    def __init__(self, parent=None) -> None:
        super().__init__(shared_profile(), parent)
        self._home: QUrl | None = None
        self.remote = False
        self._popups: list[QWebEnginePage] = []
        s = self.settings()
        s.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.PluginsEnabled, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanAccessClipboard, False)
        # Loading or patching the page must not pull the keyboard out of the editor.
        s.setAttribute(QWebEngineSettings.WebAttribute.FocusOnNavigationEnabled, False)
        s.setAttribute(QWebEngineSettings.WebAttribute.DnsPrefetchEnabled, False)
        # The second wall behind the CSP: nothing but our page, data: and blob: unless remote is on.
        self.guard = RequestGuard(self)
        self.setUrlRequestInterceptor(self.guard)

    def set_home(self, url: QUrl) -> None:
        self._home = url

    def allow_remote(self, remote: bool) -> None:
        """Whether the page may fetch http(s) (the author's choice in Preferences)."""
        self.remote = remote
        self.guard.remote = remote
        self.settings().setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, remote)

    def acceptNavigationRequest(self, url, nav_type, is_main_frame: bool) -> bool:  # noqa: N802
        url = QUrl(url)
        if self._home is None:
            return True
        if not is_main_frame:   # frames: only remote embeds, and only when the author allows remote content
            return self.remote and url.scheme() in ("http", "https")
        home = self._home
        same_page = (url.scheme(), url.host(), url.path()) == (home.scheme(), home.host(), home.path())
        if url.scheme() == "data" or same_page:
            return True   # the page itself (anchor jumps are handled by the page's script)
        if url.scheme() in EXTERNAL_SCHEMES and nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            self.externalLink.emit(url)   # only what the author clicked (no meta refresh, no script)
        return False   # relative links to other pages or files: nothing to show here

    def createWindow(self, _type):  # noqa: N802
        # target="_blank": a throw-away page that loads nothing; its first navigation is handed on.
        popup = _PopupCatcher(self)
        popup.caught.connect(self._popup_url)
        self._popups.append(popup)
        return popup

    def _popup_url(self, url: QUrl) -> None:
        popup = self.sender()
        if url.scheme() in EXTERNAL_SCHEMES:
            self.externalLink.emit(url)
        if popup in self._popups:
            self._popups.remove(popup)
            popup.deleteLater()


class _PopupCatcher(QWebEnginePage):
    """A new window's page: reports the URL it was asked to open and refuses to load it (the
    system browser opens it, so the preview never connects anywhere on the link's behalf)."""

    caught = Signal(QUrl)

    def __init__(self, parent: QWebEnginePage) -> None:
        super().__init__(parent.profile(), parent)
        self.guard = RequestGuard(self)
        self.guard.files = False
        self.setUrlRequestInterceptor(self.guard)
        self._done = False

    def acceptNavigationRequest(self, url, _nav_type, _is_main_frame: bool) -> bool:  # noqa: N802
        if not self._done:
            self._done = True
            self.caught.emit(QUrl(url))
        return False


def _channel_script() -> QWebEngineScript:
    """Qt's qwebchannel.js, in the page's own world before its script runs (not subject to its CSP)."""
    source = QFile(":/qtwebchannel/qwebchannel.js")
    source.open(QIODevice.OpenModeFlag.ReadOnly)
    script = QWebEngineScript()
    script.setName("hpe-webchannel")
    script.setSourceCode(bytes(source.readAll()).decode("utf-8"))
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(False)
    return script


class WebView(QWebEngineView):
    """The web view inside the pane: our page, no context menu, Tab handed to the pane."""

    def __init__(self, parent: QWidget, bridge: QObject) -> None:
        super().__init__(parent)
        self.setAccessibleName("Preview")   # no objectName: tests and tools find the pane, "preview"
        self.preview_page = PreviewPage(self)
        self.setPage(self.preview_page)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.channel = QWebChannel(self.preview_page)
        self.channel.registerObject("hpe", bridge)
        self.preview_page.setWebChannel(self.channel, QWebEngineScript.ScriptWorldId.MainWorld)
        self.preview_page.scripts().insert(_channel_script())

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002
        return self.parentWidget().focusNextPrevChild(next)
