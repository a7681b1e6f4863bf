"""What a feature module gets of the window: a small typed context instead of the whole window."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QSplitter, QWidget

if TYPE_CHECKING:
    from editor.core.hugo.site import Site
    from editor.gui.window.actions import Actions
    from editor.gui.form.front_matter_form import FrontMatterForm
    from editor.gui.writer.markdown_editor import MarkdownEditor
    from editor.gui.window.menus import Menus
    from editor.gui.window.message_bar import MessageBar
    from editor.gui.post_list import PostBrowser
    from editor.gui.preview.view import PreviewView
    from editor.gui.dialogs.prompts import Prompts
    from editor.services.document.document import Document
    from editor.services.posts.model import PostListModel
    from editor.services.preview.service import PreviewService
    from editor.services.settings import Settings


class WindowCommands(Protocol):
    """The window's own operations a feature may call (`Commands` in gui/window/commands.py, as `window.commands`)."""

    folder: str | None
    site: Site | None

    def open_path(self, path: str, auto_open: bool = True) -> bool: ...
    def open_post(self, path: str) -> bool: ...
    def maybe_save(self) -> bool: ...
    def save(self) -> bool: ...
    def save_as(self) -> bool: ...
    def revert(self) -> None: ...
    def reload_list(self) -> None: ...
    def show_error(self, message: str) -> None: ...
    def open_external(self, url: QUrl) -> None: ...


@dataclass(frozen=True)
class PaneLayout:
    """The window's panes as laid out: the post list's dock, the form's scroll area, and the splitter
    holding form | editor | preview (features that move between panes or swap the preview need them)."""

    post_dock: QDockWidget
    form_scroll: QScrollArea
    splitter: QSplitter


@dataclass(frozen=True)
class FeatureContext:
    """Built once by the window; `parent` is only the parent of a feature's widgets, docks and status-bar items."""

    document: Document
    editor: MarkdownEditor
    form: FrontMatterForm
    actions: Actions
    settings: Settings
    prompts: Prompts
    menus: Menus
    commands: WindowCommands
    message_bar: MessageBar
    post_model: PostListModel
    post_browser: PostBrowser
    parent: QMainWindow
    preview: PreviewView
    preview_service: PreviewService
    panes: PaneLayout

    def status(self, message: str, timeout_ms: int = 4000) -> None:
        """A passing note in the window's status bar."""
        self.parent.statusBar().showMessage(message, timeout_ms)

    def insert_bars(self, *bars: QWidget) -> None:
        """Notice bars under the window's message bar, in this order."""
        layout = self.parent.centralWidget().layout()
        at = layout.indexOf(self.message_bar) + 1
        for i, bar in enumerate(bars):
            layout.insertWidget(at + i, bar)

    def add_dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """A dock of the window named `name` (object name) and `title` (shown and accessible), holding `widget`."""
        dock = QDockWidget(title, self.parent)
        dock.setObjectName(name)
        dock.setAccessibleName(title)
        dock.setWidget(widget)
        self.parent.addDockWidget(area, dock)
        return dock
