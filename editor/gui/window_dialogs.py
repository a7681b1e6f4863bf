"""The window's conversations with the author: questions, file choosers, new post and export flows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from editor.gui.dialogs import ExportDialog
from editor.gui.new_post_dialog import NewPostDialog
from editor.services.new_post import create_post, planned_path

APP_NAME = "Hugo Post Editor"
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class DialogFlows:
    """Mixed into MainWindow. Every question is a method, so tests answer it without a modal box."""

    def ask_unsaved(self) -> str:
        name = Path(self.document.path or "the post").name
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, f"Save the changes to {name}?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText("Your changes are lost if you don't save them.")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: SAVE,
                QMessageBox.StandardButton.Discard: DISCARD}.get(box.exec(), CANCEL)

    def ask_revert(self) -> str:
        answer = QMessageBox.question(self, APP_NAME, "Drop your unsaved changes and read the file again?",
                                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel)
        return DISCARD if answer == QMessageBox.StandardButton.Discard else CANCEL

    def ask_overwrite(self, paths: list) -> bool:
        names = "\n".join(str(p) for p in paths)
        answer = QMessageBox.warning(self, APP_NAME, f"A different file already exists:\n{names}\n\nReplace it?",
                                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                     QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------------ dialogs
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Post", self.folder or "",
                                              "Markdown (*.md *.markdown *.mdown);;All files (*)")
        if path:
            self.open_path(path)

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Open Content Folder or Hugo Site", self.folder or "")
        if path:
            self.open_path(path)

    def new_post_choice(self, folder: str) -> tuple[str, str, bool, str] | None:
        """Ask for (section, title, leaf bundle?, language) of a new post (a method so tests can
        answer); the language combo shows on multilingual sites only."""
        site = self.site
        langs = [lang.code for lang in site.languages] if site is not None and site.multilingual else []
        if langs and site.default_language in langs:   # the default language first
            langs.insert(0, langs.pop(langs.index(site.default_language)))
        dialog = NewPostDialog(folder, self.post_model.sections(),
                               lambda section, title, bundle, lang="":
                               planned_path(folder, section, title, bundle, lang, site), self, langs)
        if not dialog.exec():
            return None
        c = dialog.choice()
        return (c.section, c.title, c.bundle, c.lang) if c.title else None

    def new_post(self) -> str | None:
        folder = self.folder
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, "Content folder for the new post")
            if not folder:
                return None
        choice = self.new_post_choice(folder)
        if choice is None or not self.maybe_save():
            return None
        section, title, *rest = choice
        try:
            path = create_post(folder, section, title, site=self.site, bundle=bool(rest and rest[0]),
                               lang=rest[1] if len(rest) > 1 else "")
        except ValueError as exc:
            self.show_error(str(exc))
            return None
        self.open_post(path)
        self.reload_list()
        self.form.title_edit.setFocus()      # the first words go into the title
        self.form.title_edit.selectAll()
        return path

    def export_choice(self):
        """Ask where to export; returns an ExportChoice or None (a method so tests can answer)."""
        section, slug, images = self.document.export_defaults()
        # The last site exported to; else the author chooses (never the folder the post is in).
        folder = self.settings.export_folder() or ""
        dialog = ExportDialog(folder, section, slug, images, self, preview=self.document.export_preview)
        return dialog.choice() if dialog.exec() else None

    def export_post(self) -> str | None:
        if not self.document.is_open:
            return None
        choice = self.export_choice()
        if choice is None:
            return None
        plan = self.document.plan_export(choice.folder, choice.section, choice.slug, choice.bundle)
        if plan is None:
            return None
        if plan.conflicts and not self.ask_overwrite(plan.conflicts):
            return None
        written = self.document.export(plan, force=bool(plan.conflicts))
        if written:
            self.settings.set_export_folder(choice.folder)
            note = ""
            if plan.copied:
                note = f"; copied {len(plan.copied)} file(s): " + ", ".join(
                    str(d.relative_to(Path(written).parent)) for d in plan.copied)
            if plan.skipped:
                # A skipped link that led out of the post's folder is a warning the author must see.
                self.show_error("Exported, but not everything was copied:\n" + "\n".join(plan.warnings()))
            self.statusBar().showMessage(f"Exported to {written}{note}", 8000)
        return written

    def about(self) -> None:
        QMessageBox.about(self, APP_NAME, f"<b>{APP_NAME}</b><p>Write Hugo posts: a lossless front-matter "
                          "form, a Markdown editor and a live preview.</p>")

