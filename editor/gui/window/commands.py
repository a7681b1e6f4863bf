"""The window's commands: open a path, folder or post, save, save as, revert, close, and the session and recent list."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from editor.gui.window.empty_state import recent_label
from editor.gui.dialogs.prompts import DISCARD, SAVE
from editor.services import resources, workspace

if TYPE_CHECKING:
    from editor.core.hugo.site import Site
    from editor.gui.form.front_matter_form import FrontMatterForm
    from editor.gui.window.message_bar import MessageBar
    from editor.gui.post_list import PostBrowser
    from editor.gui.dialogs.prompts import Prompts
    from editor.services.document.document import Document
    from editor.services.posts.model import PostListModel
    from editor.services.settings import Settings


class Commands:
    """Owned by the main window (`window.commands`); what features see of it is `feature_context.WindowCommands`.
    `window` is only where passing notes go (its status bar)."""

    def __init__(self, document: Document, settings: Settings, prompts: Prompts, post_model: PostListModel,
                 post_browser: PostBrowser, post_dock: QDockWidget, form: FrontMatterForm,
                 message_bar: MessageBar, window: QMainWindow) -> None:
        self.document, self.settings, self.prompts = document, settings, prompts
        self.post_model, self.post_list, self.post_dock = post_model, post_browser.view, post_dock
        self.form, self.message_bar, self.window = form, message_bar, window
        self.folder: str | None = None
        self.site: Site | None = None
        self._auto_open = False   # a folder was opened: open its newest post once the list is read
        post_model.scanFinished.connect(self._list_ready)
        document.saved.connect(self._saved)

    # ------------------------------------------------------------------ opening
    def open_initial(self, path: str | None) -> None:
        """PATH as given; else the last folder and post; else the bundled content (the seed post)."""
        if path:
            self.open_path(path)
            return
        folder, post = self.settings.last_paths()
        if folder and self.open_path(folder, auto_open=post is None):
            if post:
                self.open_post(post)
            return
        self.open_path(str(resources.bundled_content()))

    def open_path(self, path: str, auto_open: bool = True) -> bool:
        """A post, a content folder or a site root. Opening a folder opens its newest post."""
        try:
            ws = workspace.resolve(path)
        except FileNotFoundError:
            self.show_error(f"{path}: no such file or folder")
            return False
        if ws.post is not None:
            if not self.open_post(ws.post):
                return False
        elif not self.maybe_save():
            return False
        if ws.warning:
            self.show_error(ws.warning)
        self.set_folder(ws.folder, ws.site)
        if ws.post is None:
            self.settings.add_recent(str(Path(path).expanduser().resolve()))   # the folder or site as opened
        if ws.post is None:
            self.document.close()
            self._auto_open = auto_open
        self.remember_session()
        return True

    def set_folder(self, folder: str, site: Site | None = None) -> None:
        self.folder, self.site = folder, site
        self.post_model.load_folder(folder, site)
        self.post_dock.setWindowTitle(f"Posts — {Path(folder).name}")

    def reload_list(self) -> None:
        if self.folder:
            self.post_model.load_folder(self.folder, self.site)

    def open_post(self, path: str) -> bool:
        if self.document.path and os.path.abspath(path) == os.path.abspath(self.document.path):
            return True
        if not self.maybe_save() or not self.document.open(path):
            self.post_list.select_path(self.document.path)   # the list shows the post still open
            return False
        self.message_bar.hide()
        self.settings.add_recent(path)
        self.remember_session()
        return True

    def _list_ready(self, count: int) -> None:
        # One section only (the usual blog): the column says nothing, give the room to titles.
        self.post_list.fit_column(3, self.post_model.sections())
        self.post_list.set_section_wanted(len(self.post_model.sections()) > 1)
        for key in ("tags", "categories"):
            self.form.set_completions(key, self.post_model.terms(key))
        if self._auto_open and not self.document.is_open and count:
            self._auto_open = False
            self.open_post(self.post_list.path_at(0))
        self.post_list.select_path(self.document.path)

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        paths = self.settings.recent()
        for i, path in enumerate(paths):
            number = f"&{i + 1} " if i < 9 else "1&0 "
            action = menu.addAction(number + recent_label(path).replace("&", "&&"))
            action.setObjectName(f"actionRecent{i}")
            action.setToolTip(path)
            action.setData(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not paths:
            menu.addAction("No recent posts").setEnabled(False)

    # ------------------------------------------------------------------ editing
    def generate_slug(self) -> None:
        slug = self.document.suggest_slug()
        if slug:
            self.form.set_slug(slug)
        elif str(self.document.post.get("title") or "").strip() if self.document.post else False:
            self.show_error("The title has no letters or digits a URL keeps: type a slug instead.")
        else:
            self.show_error("Give the post a title first: the slug is made from it.")

    def show_error(self, message: str) -> None:
        self.message_bar.show_message(message)
        self.window.statusBar().showMessage(message.splitlines()[0] if message else "", 8000)

    def open_external(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):   # never file:, smb:, or a custom handler
            from editor.gui import author_environment
            with author_environment():   # the browser starts with the author's Qt settings, not ours
                QDesktopServices.openUrl(url)

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        if not self.document.is_open and self.document.raw is None:   # raw: a file being repaired
            return False
        return self.document.save()

    def save_as(self) -> bool:
        if not self.document.is_open:
            return False
        path = self.prompts.save_as_path(self.document.path or self.folder or "")
        if not path:
            return False
        ok = self.document.save_as(path)
        if ok:
            self.reload_list()
        return ok

    def _saved(self, path: str) -> None:
        self.window.statusBar().showMessage(f"Saved {path}", 4000)
        self.message_bar.hide()
        self.reload_list()

    def revert(self) -> None:
        if self.document.dirty and not self.prompts.revert():
            return
        self.document.revert()

    def close_post(self) -> bool:
        if not self.maybe_save():
            return False
        self.document.close()
        self.remember_session()
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current post (saved, discarded or unchanged)."""
        if not self.document.dirty:
            return True
        answer = self.prompts.unsaved(Path(self.document.path or "the post").name)
        if answer == SAVE:
            return self.save()
        if answer == DISCARD:
            self.document.discard_recovery()   # discarded on purpose: nothing to recover next start
        return answer == DISCARD

    # ------------------------------------------------------------------ session
    def remember_session(self) -> None:
        self.settings.set_last_paths(self.folder, self.document.path)
