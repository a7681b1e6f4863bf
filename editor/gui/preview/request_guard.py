"""The previews' second wall: every request that is not local is blocked unless the author allows remote content."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

LOCAL_SCHEMES = frozenset({"data", "blob", "qrc", "about"})
REMOTE_SCHEMES = frozenset({"http", "https", "ws", "wss"})


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Installed on a preview page: allows our own page (`file:` when `files`), data:, blob:, the
    one `server` origin (the site preview's 127.0.0.1 hugo server, http and its livereload socket),
    and http(s) only while `remote` is on. Everything else is blocked before it leaves the process.

    The page's CSP is the first wall; this one also covers what a CSP does not (fetches of a
    site-preview page's own scripts, redirects, ws:). Resource hints (preconnect, dns-prefetch)
    never reach an interceptor: the preview page strips them (resources/preview/preview.js).
    """

    def __init__(self, parent=None, *, files: bool = True) -> None:
        super().__init__(parent)
        self.files = files
        self.remote = False
        self.remote_from: Callable[[], bool] | None = None   # read at each request when set
        self.server: tuple[str, int] | None = None     # (host, port) of the site preview's server
        self.blocked: list[str] = []                     # what was stopped (tests and diagnostics)

    def set_server(self, url: QUrl | None) -> None:
        self.server = (url.host(), url.port()) if url is not None and not url.isEmpty() else None

    def allows(self, url: QUrl) -> bool:
        scheme = url.scheme().lower()
        if scheme in LOCAL_SCHEMES or (scheme == "file" and self.files):
            return True
        if scheme in REMOTE_SCHEMES:
            if self.server is not None and scheme in ("http", "ws") \
                    and (url.host(), url.port()) == self.server:
                return True
            return bool(self.remote_from()) if self.remote_from is not None else self.remote
        return False

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802
        url = info.requestUrl()
        try:
            allowed = self.allows(url)
        except Exception:   # noqa: BLE001 - fail closed: an error here must not let a request out
            allowed = False
        if not allowed:
            info.block(True)
            self.blocked.append(url.toString())
            del self.blocked[:-200]
