"""Wires the preview service to pane and editor: updates, scroll sync, visibility, site markup, remote content."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QTimer, QUrl

from editor.gui.preview.view import PreviewView
from editor.services import resources
from editor.services.preview.service import PreviewService, preview_page


def home_url() -> QUrl:
    return QUrl.fromLocalFile(str(resources.resources_dir() / "preview") + "/")


class PreviewGlue(QObject):
    """Owns no widget and no file: connects what the window already has (main_window stays layout + wiring)."""

    def __init__(self, service: PreviewService, view: PreviewView, editor, settings, parent=None) -> None:
        super().__init__(parent)
        self.service, self.view, self.editor, self.settings = service, view, editor, settings
        self._remote = bool(settings.remote_content())
        service.updated.connect(view.show_update)
        view.visibilityChanged.connect(self._visibility)
        # Scroll sync: the preview follows the editor's top line (coalesced to one call per event loop turn).
        self._synced_line = 0
        self._follow_cursor = False   # typing: the preview also keeps the cursor's block in view
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(0)
        self._scroll_timer.timeout.connect(self.sync_scroll)
        editor.verticalScrollBar().valueChanged.connect(lambda *_: self._scroll_timer.start())
        # The preview follows the writing: the block at the cursor stays in view after each edit.
        editor.document().contentsChange.connect(self._typed)
        view.load_page(preview_page(self._remote), home_url(), self._remote)

    @property
    def remote_content(self) -> bool:
        return self._remote

    def set_remote_content(self, on: bool) -> None:
        """Let the preview load remote images, media and frames (or stop it); the page reloads with its new CSP."""
        on = bool(on)
        self.settings.set_remote_content(on)
        if on != self._remote:
            self._remote = on
            self.view.load_page(preview_page(on), home_url(), on)

    def top_line(self) -> int:
        return self.editor.cursorForPosition(QPoint(0, 0)).blockNumber() + 1

    def sync_scroll(self) -> None:
        line = self.top_line()
        if line != self._synced_line:    # edits re-set the scroll bar without moving it: not a scroll
            self._synced_line = line
            self.view.scroll_to_line(line, again_after_update=self.service.pending, follow=self.cursor_line())

    def _typed(self, _position: int, removed: int, added: int) -> None:
        # An opened post (setPlainText) leaves no undo step: only the author's own edits start following.
        if (removed or added) and self.editor.document().availableUndoSteps() > 0:
            self._follow_cursor = True
            self.view.keep_visible(self.editor.textCursor().blockNumber() + 1)

    def cursor_line(self) -> int:
        """The body line being written, while the author writes and the cursor is on screen; else 0."""
        if not self._follow_cursor:
            return 0
        rect = self.editor.cursorRect()
        if not self.editor.viewport().rect().intersects(rect):
            self._follow_cursor = False   # the author scrolled away to read: plain scroll sync again
            return 0
        return self.editor.textCursor().blockNumber() + 1

    def _visibility(self, visible: bool) -> None:
        window = self.view.window()
        self.service.set_active(visible and not (window is not None and window.isMinimized()))
