"""The export dialog: where a post goes in a site. It collects values; the window acts on them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget)


def _named(widget, name: str, accessible: str):
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


@dataclass
class ExportChoice:
    folder: str      # a site root or a content folder
    section: str
    slug: str
    bundle: bool


class ExportDialog(QDialog):
    """Choose the site (or content folder), section, file name and single file vs. leaf bundle."""

    def __init__(self, folder: str, section: str, slug: str, images: int, parent: QWidget | None = None,
                 preview: Callable[[str, str, str, bool], tuple[str, str]] | None = None) -> None:
        super().__init__(parent)
        self._preview = preview   # (folder, section, name, bundle) -> (URL or "", problem or "")
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export to Site")
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        row = QHBoxLayout()
        self.folder_edit = _named(QLineEdit(folder, self), "exportFolderEdit", "Site or content folder")
        self.folder_edit.setPlaceholderText("Choose the Hugo site to export to (its root or content folder)")
        browse = _named(QPushButton("Browse…", self), "exportBrowse", "Choose the site folder")
        browse.clicked.connect(self._browse)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(browse)
        form.addRow("Site", row)
        self.section_edit = _named(QLineEdit(section, self), "exportSectionEdit", "Section")
        self.slug_edit = _named(QLineEdit(slug, self), "exportSlugEdit", "File name (slug)")
        form.addRow("Section", self.section_edit)
        form.addRow("Name", self.slug_edit)
        self.single = _named(QRadioButton("Single file  <section>/<name>.md", self), "exportSingle", "Single file")
        self.bundle = _named(QRadioButton("Leaf bundle  <section>/<name>/index.md with its images", self),
                             "exportBundle", "Leaf bundle")
        (self.bundle if images else self.single).setChecked(True)
        form.addRow("Layout", self.single)
        form.addRow("", self.bundle)
        note = "No local images found." if not images else \
            f"{images} local image{'s' if images != 1 else ''} found: a leaf bundle keeps their links working."
        form.addRow("", QLabel(note, self))
        self.url_label = _named(QLabel(self), "exportUrlLabel", "URL after export")
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_warning = _named(QLabel(self), "exportUrlWarning", "URL warning")
        self.url_warning.setWordWrap(True)
        self.url_warning.setStyleSheet("color: #b35900;")
        form.addRow("URL", self.url_label)
        form.addRow("", self.url_warning)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = ok = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("exportOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        for edit in (self.folder_edit, self.section_edit, self.slug_edit):
            edit.textChanged.connect(self.update_url)
        self.bundle.toggled.connect(self.update_url)
        self.update_url()
        self.resize(560, self.sizeHint().height())

    def update_url(self) -> None:
        """Show the URL the export gives before anything is written; no site chosen: no Export."""
        c = self.choice()
        if not c.folder:
            url, problem = "", "Choose the site to export to."
        elif self._preview is None:
            url, problem = "", ""
        else:
            url, problem = self._preview(c.folder, c.section, c.slug, c.bundle)
        self.url_label.setText(url or "—")
        self.url_warning.setText(problem)
        self.url_warning.setVisible(bool(problem))
        self.ok.setEnabled(bool(c.folder) and (bool(url) or self._preview is None))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a Hugo site or content folder",
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def choice(self) -> ExportChoice:
        return ExportChoice(self.folder_edit.text().strip(), self.section_edit.text().strip(),
                            self.slug_edit.text().strip(), self.bundle.isChecked())
