"""The one QtWebEngine profile both previews use: off the record, no HTTP cache, made on first use."""

from __future__ import annotations

from PySide6.QtWebEngineCore import QWebEngineProfile


def shared_profile() -> QWebEngineProfile:
    """Qt's default profile (off the record in Qt 6, owned by Qt so it outlives every page), set up once.

    One profile means one browser context, so the instant and the site preview can share a renderer
    process. Making it starts the web engine (a fifth of a second): the window asks only after its
    first paint. No HTTP cache: the local page needs none, and hugo server's pages change within the
    same second, where a revalidated cached copy ("304 Not Modified") would show the old text.
    """
    profile = QWebEngineProfile.defaultProfile()
    if not profile.property("hpeShared"):
        profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
        profile.setProperty("hpeShared", True)
    return profile
