"""The site preview's web page: navigation stays on the local hugo server, other links go to the system."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

from editor.gui.preview import site_patch
from editor.gui.preview.web_view import EXTERNAL_SCHEMES


class SitePage(QWebEnginePage):
    """Navigation stays inside the local hugo server; any other link goes to the system browser."""

    externalLink = Signal(QUrl)
    patched = Signal()   # the page updated itself in place after a rebuild (site_patch)

    def __init__(self, profile: QWebEngineProfile, parent=None) -> None:
        super().__init__(profile, parent)
        self.root = QUrl()

    def javaScriptConsoleMessage(self, level, message: str, line: int, source: str) -> None:  # noqa: N802
        if message == site_patch.DONE:
            self.patched.emit()

    def acceptNavigationRequest(self, url, nav_type, is_main_frame: bool) -> bool:  # noqa: N802
        if not is_main_frame or (url.host() == self.root.host() and url.port() == self.root.port()):
            return True
        if nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked \
                and url.scheme() in EXTERNAL_SCHEMES:
            # Only web and mail links leave for the system: file:, smb:, or a desktop file's
            # scheme handed to the desktop could mount a share or run something.
            self.externalLink.emit(url)
        return False
