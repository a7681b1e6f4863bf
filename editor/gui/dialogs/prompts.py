"""Every question the app asks the author: the `Prompts` protocol and its real dialogs (`DialogPrompts`)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Protocol

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

if TYPE_CHECKING:   # the dialogs (and git's publish plan) are imported when first asked, not at start-up
    from editor.gui.dialogs.export import ExportChoice
    from editor.gui.publishing.dialog import PublishChoice

APP_NAME = "Hugo Post Editor"
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
MARKDOWN_FILTER = "Markdown (*.md *.markdown *.mdown);;All files (*)"

NewPostAnswer = tuple[str, str, bool, str]          # section, title, leaf bundle?, language ("" none)
ExportPreview = Callable[[str, str, str, bool], tuple[str, str]]   # folder, section, slug, bundle -> URL, problem
PathPlanner = Callable[..., tuple[str, str]]        # section, title, bundle, lang -> (path, problem)


class Prompts(Protocol):
    """One method per question; the window and its features ask only through this (tests script it)."""

    def unsaved(self, name: str) -> str: ...                       # SAVE, DISCARD or CANCEL
    def revert(self) -> bool: ...                                  # drop the unsaved changes?
    def overwrite_export(self, paths: list) -> bool: ...           # replace these different files?
    def overwrite_outside(self, path: str, what: str) -> bool: ...  # save over a file changed on disk?
    def make_bundle(self, old: str, new: str) -> bool: ...         # move the post into a leaf bundle?
    def fix_mojibake(self, lines: list[str]) -> bool: ...          # apply these repairs?
    def open_file(self, folder: str) -> str: ...                   # a post to open, "" cancelled
    def open_folder(self, folder: str) -> str: ...                 # a content folder or site, ""
    def save_as_path(self, start: str) -> str: ...                 # where to save, ""
    def new_post_folder(self) -> str: ...                          # where new posts go, ""
    def new_post(self, folder: str, sections: list[str], plan: PathPlanner,
                 langs: list[str]) -> NewPostAnswer | None: ...
    def export(self, folder: str, section: str, slug: str, images: int,
               preview: ExportPreview) -> ExportChoice | None: ...
    def translation_language(self, codes: list[str]) -> str | None: ...
    def publish(self, plan: Any, unsaved: str | None, save_first: Callable[[], Any]) -> PublishChoice | None: ...
    def preferences(self, current: dict) -> dict | None: ...
    def about(self) -> None: ...


class DialogPrompts:
    """The real, modal dialogs, parented to `parent` (the window sets itself when none was given)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def unsaved(self, name: str) -> str:
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, f"Save the changes to {name}?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.parent)
        box.setInformativeText("Your changes are lost if you don't save them.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: SAVE,
                QMessageBox.StandardButton.Discard: DISCARD}.get(box.exec(), CANCEL)

    def revert(self) -> bool:
        answer = QMessageBox.question(self.parent, APP_NAME, "Drop your unsaved changes and read the file again?",
                                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def overwrite_export(self, paths: list) -> bool:
        names = "\n".join(str(p) for p in paths)
        answer = QMessageBox.warning(self.parent, APP_NAME,
                                     f"A different file already exists:\n{names}\n\nReplace it?",
                                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                     QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def overwrite_outside(self, path: str, what: str) -> bool:
        question = "Create it again with your text?" if "deleted" in what else "Save your text over it?"
        name = os.path.basename(path or "") or "the post"
        answer = QMessageBox.warning(self.parent, APP_NAME, f"{name} {what} since you opened it.\n\n{question}",
                                     QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                                     QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    def make_bundle(self, old: str, new: str) -> bool:
        answer = QMessageBox.question(
            self.parent, "Make the post a page bundle?",
            f"Images live beside the post in a leaf bundle.\n\nMove\n  {old}\nto\n  {new}\n"
            "and save it there? The post keeps its URL.",
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Ok

    def fix_mojibake(self, lines: list[str]) -> bool:
        from editor.gui.writer.problems_panel import MojibakeDialog
        return MojibakeDialog(lines, self.parent).exec() == QDialog.DialogCode.Accepted

    def open_file(self, folder: str) -> str:
        return QFileDialog.getOpenFileName(self.parent, "Open Post", folder, MARKDOWN_FILTER)[0]

    def open_folder(self, folder: str) -> str:
        return QFileDialog.getExistingDirectory(self.parent, "Open Content Folder or Hugo Site", folder)

    def save_as_path(self, start: str) -> str:
        return QFileDialog.getSaveFileName(self.parent, "Save Post As", start,
                                           "Markdown (*.md *.markdown);;All files (*)")[0]

    def new_post_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self.parent, "Content folder for the new post")

    def new_post(self, folder: str, sections: list[str], plan: PathPlanner,
                 langs: list[str]) -> NewPostAnswer | None:
        from editor.gui.dialogs.new_post import NewPostDialog
        dialog = NewPostDialog(folder, sections, plan, self.parent, langs)
        if not dialog.exec():
            return None
        c = dialog.choice()
        return (c.section, c.title, c.bundle, c.lang) if c.title else None

    def export(self, folder: str, section: str, slug: str, images: int,
               preview: ExportPreview) -> ExportChoice | None:
        from editor.gui.dialogs.export import ExportDialog
        dialog = ExportDialog(folder, section, slug, images, self.parent, preview=preview)
        return dialog.choice() if dialog.exec() else None

    def translation_language(self, codes: list[str]) -> str | None:
        code, ok = QInputDialog.getItem(self.parent, "New Translation", "Language of the translation:",
                                        codes, 0, False)
        return code if ok and code else None

    def publish(self, plan: Any, unsaved: str | None, save_first: Callable[[], Any]) -> PublishChoice | None:
        from editor.gui.publishing.dialog import PublishDialog
        dialog = PublishDialog(plan, os.path.basename(unsaved) if unsaved else None, save_first, self.parent)
        return dialog.choice() if dialog.exec() else None

    def preferences(self, current: dict) -> dict | None:
        from editor.gui.dialogs.preferences import PreferencesDialog
        dialog = PreferencesDialog(current, self.parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def about(self) -> None:
        QMessageBox.about(self.parent, APP_NAME, f"<b>{APP_NAME}</b><p>Write Hugo posts: a lossless front-matter "
                          "form, a Markdown editor and a live preview.</p>")
