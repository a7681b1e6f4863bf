"""The New Post dialog: title, section, layout (file or bundle), language if multilingual; shows the file it makes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QRadioButton, QVBoxLayout, QWidget)


@dataclass
class NewPostChoice:
    section: str
    title: str
    bundle: bool = False
    lang: str = ""   # "" on a one-language site


def _named(widget, name: str, accessible: str):
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class NewPostDialog(QDialog):
    """`plan(section, title, bundle)` → (path, problem) comes from the new-post service; the dialog
    only shows it (the file name is the title's Hugo-safe slug) and refuses OK while there is a problem."""

    def __init__(self, folder: str, sections: list[str], plan: Callable[..., tuple[str, str]],
                 parent: QWidget | None = None, languages: list[str] | None = None) -> None:
        """`languages` (a multilingual site's, default first) adds the language combo; `plan`
        then takes the language as a fourth argument."""
        super().__init__(parent)
        self.setObjectName("newPostDialog")
        self.setAccessibleName("New post")
        self.setWindowTitle("New Post")
        self._plan = plan
        self._folder = folder
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        self.title_edit = _named(QLineEdit(self), "newTitleEdit", "Title")
        self.title_edit.setPlaceholderText("The post's title")
        self.section_edit = _named(QComboBox(self), "newSectionEdit", "Section")
        self.section_edit.setEditable(True)
        self.section_edit.addItems([s for s in sections if s] or ["posts"])
        if "posts" in sections:
            self.section_edit.setCurrentText("posts")
        self.single = _named(QRadioButton("Single file   <section>/<slug>.md", self), "newSingle", "Single file")
        self.bundle = _named(QRadioButton("Leaf bundle   <section>/<slug>/index.md (for images)", self),
                             "newBundle", "Leaf bundle")
        self.single.setChecked(True)
        self.languages = list(languages or [])
        self.language_combo = _named(QComboBox(self), "newLanguageCombo", "Language")
        self.language_combo.addItems(self.languages)
        self.target = _named(QLabel(self), "newTarget", "File that will be created")
        self.target.setWordWrap(True)
        form.addRow("&Title", self.title_edit)
        form.addRow("&Section", self.section_edit)
        if len(self.languages) > 1:
            form.addRow("L&anguage", self.language_combo)
        else:
            self.language_combo.hide()
        form.addRow("Layout", self.single)
        form.addRow("", self.bundle)
        form.addRow("File", self.target)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = self.buttons.addButton("Create", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("newPostCreate")
        self.ok.setAccessibleName("Create the post")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.title_edit.textChanged.connect(self._update)
        self.section_edit.currentTextChanged.connect(self._update)
        self.bundle.toggled.connect(self._update)
        self.language_combo.currentTextChanged.connect(self._update)
        self._update()
        self.resize(520, self.sizeHint().height())

    def choice(self) -> NewPostChoice:
        return NewPostChoice(self.section_edit.currentText().strip().strip("/") or "posts",
                             self.title_edit.text().strip(), self.bundle.isChecked(),
                             self.language_combo.currentText() if len(self.languages) > 1 else "")

    def _update(self, *_args) -> None:
        c = self.choice()
        path, problem = self._plan(c.section, c.title, c.bundle, c.lang) if self.languages \
            else self._plan(c.section, c.title, c.bundle)
        # Relative to the open folder; another language's own folder shows as ../de/posts/….
        shown = os.path.relpath(path, self._folder) if path else path
        self.target.setText(f"{shown}\n{problem}" if problem and c.title else shown)
        self.ok.setEnabled(not problem)
