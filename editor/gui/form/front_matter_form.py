"""The front-matter form: Hugo's common fields as widgets, the status badge, the URL hint, other keys read-only."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QCheckBox, QCompleter, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QSizePolicy, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from editor.gui.form.date_field import DateField


STATUS_COLOURS = {"draft": "#8a6d00", "scheduled": "#1f5fa8", "published": "#1e7b34", "expired": "#9b2c2c"}


class CommaCompleter(QCompleter):
    """Completes the last item of a comma-separated list (tags, categories)."""

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index) -> str:
        # The prefix is what the author typed; the line edit may already show a highlighted completion.
        done = [p.strip() for p in self.completionPrefix().split(",")[:-1] if p.strip()]
        return ", ".join(done + [str(index.data())]) + ", "


def list_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def split_list(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


def display_value(value) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class FrontMatterForm(QWidget):
    """Emits `fieldEdited(key, value)` for every user edit (value None removes the key)."""

    fieldEdited = Signal(str, object)
    slugRequested = Signal()      # the author asked for a slug made from the title
    translationActivated = Signal(str)   # the path of a translation the author clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frontMatterForm")
        self.setAccessibleName("Front matter")
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)   # labels above: fits a narrow pane
        form.setVerticalSpacing(4)
        outer.addLayout(form)

        # Status first: it is what the author checks most.
        status_row = QHBoxLayout()
        self.status_badge = _named(QLabel(self), "statusBadge", "Publishing status")
        self.status_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_badge.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.draft_check = _named(QCheckBox("D&raft", self), "draftCheck", "Draft")
        self.draft_check.setToolTip("Drafts are not built unless hugo runs with --buildDrafts")
        status_row.addWidget(self.status_badge)
        status_row.addStretch(1)
        status_row.addWidget(self.draft_check)
        form.addRow(_label("Status", self), status_row)

        self.title_edit = _named(QLineEdit(self), "titleEdit", "Title")
        form.addRow(_label("&Title", self, self.title_edit), self.title_edit)

        slug_row = QHBoxLayout()
        self.slug_edit = _named(QLineEdit(self), "slugEdit", "Slug")
        self.slug_edit.setPlaceholderText("from the file name")
        self.slug_button = _named(QToolButton(self), "slugGenerate", "Generate slug from title")
        self.slug_button.setText("From title")
        self.slug_button.setToolTip("Make a Hugo-safe slug ([a-z0-9-]) from the title")
        slug_row.addWidget(self.slug_edit, 1)
        slug_row.addWidget(self.slug_button)
        form.addRow(_label("S&lug", self, self.slug_edit), slug_row)
        self.url_hint = _named(QLabel(self), "urlHint", "URL of the post")
        self.url_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.url_hint.setWordWrap(True)
        self.url_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = self.url_hint.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.url_hint.setFont(font)
        self.url_row = QVBoxLayout()   # the hint, and the URL warning badge (gui/form/url_warning.py) under it
        self.url_row.setSpacing(2)
        self.url_row.addWidget(self.url_hint, 1)
        form.addRow("", self.url_row)
        # "Translations: de, fr" on multilingual sites: each language a link that opens that version.
        self.translations_label = _named(QLabel(self), "translationsLabel", "Translations")
        self.translations_label.setTextFormat(Qt.TextFormat.RichText)
        self.translations_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                        | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.translations_label.linkActivated.connect(self._translation_clicked)
        self.translations_label.hide()
        self._translations: dict[str, str] = {}
        self.url_row.addWidget(self.translations_label)

        self.dates: dict[str, DateField] = {}
        # Mnemonics avoid the menus' Alt letters (F, E, O, V, H).
        for key, label, text in (("date", "Date", "&Date"), ("publishDate", "Publish date", "&Publish date"),
                                 ("lastmod", "Last modified", "Last &modified"),
                                 ("expiryDate", "Expiry date", "E&xpiry date")):
            field = DateField(f"{key}Edit", label, self)
            field.changed.connect(lambda value, k=key: self._emit(k, value))
            self.dates[key] = field
            form.addRow(_label(text, self, field.edit), field)

        self.tags_edit = _named(QLineEdit(self), "tagsEdit", "Tags")
        self.tags_edit.setPlaceholderText("comma-separated")
        self.categories_edit = _named(QLineEdit(self), "categoriesEdit", "Categories")
        self.categories_edit.setPlaceholderText("comma-separated")
        self._completers: dict[str, QStringListModel] = {}
        for key, edit in (("tags", self.tags_edit), ("categories", self.categories_edit)):
            model = QStringListModel(self)
            completer = CommaCompleter(model, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setObjectName(f"{key}Completer")
            edit.setCompleter(completer)
            self._completers[key] = model
        form.addRow(_label("Tag&s", self, self.tags_edit), self.tags_edit)
        form.addRow(_label("&Categories", self, self.categories_edit), self.categories_edit)
        self.description_edit = _named(QLineEdit(self), "descriptionEdit", "Description")
        form.addRow(_label("Descr&iption", self, self.description_edit), self.description_edit)

        self.other_toggle = _named(QToolButton(self), "otherFieldsToggle", "Show other fields")
        self.other_toggle.setCheckable(True)
        self.other_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.other_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.other_toggle.setAutoRaise(True)
        self.other_fields = _named(QTreeWidget(self), "otherFields", "Other front-matter fields (read-only)")
        self.other_fields.setHeaderLabels(["Key", "Value"])
        self.other_fields.setRootIsDecorated(False)
        self.other_fields.setVisible(False)
        self.other_fields.setToolTip("Kept as written; edit them in the file")
        outer.addWidget(self.other_toggle)
        outer.addWidget(self.other_fields, 1)
        outer.addStretch(0)
        self.other_toggle.toggled.connect(self._toggle_other)

        self.title_edit.textChanged.connect(lambda t: self._emit("title", t))
        self.slug_edit.textChanged.connect(lambda t: self._emit("slug", t))
        self.slug_button.clicked.connect(self.slugRequested)
        self.draft_check.toggled.connect(lambda on: self._emit("draft", on))
        self.tags_edit.textChanged.connect(lambda t: self._emit("tags", split_list(t)))
        self.categories_edit.textChanged.connect(lambda t: self._emit("categories", split_list(t)))
        self.description_edit.textChanged.connect(lambda t: self._emit("description", t))
        self.set_other_fields({})
        self.set_status("", None)

    # ------------------------------------------------------------------ in
    def populate(self, values: Mapping[str, object], other: Mapping[str, object],
                 offset: dt.timedelta | None) -> None:
        """Show a post's values (canonical keys → values; missing keys are unset) without emitting."""
        self._loading = True
        try:
            self.title_edit.setText(str(values.get("title") or ""))
            self.slug_edit.setText(str(values.get("slug") or ""))
            self.draft_check.setChecked(bool(values.get("draft")))
            for key, field in self.dates.items():
                value = values.get(key)
                field.set_value(value if isinstance(value, dt.datetime) else None, offset)
            self.tags_edit.setText(list_text(values.get("tags")))
            self.categories_edit.setText(list_text(values.get("categories")))
            self.description_edit.setText(str(values.get("description") or ""))
            for edit in (self.title_edit, self.slug_edit, self.tags_edit, self.categories_edit,
                         self.description_edit):
                edit.setCursorPosition(0)
            self.set_other_fields(other)
        finally:
            self._loading = False

    def set_slug(self, slug: str) -> None:
        self.slug_edit.setText(slug)   # emits fieldEdited like typing would

    def set_draft(self, on: bool) -> None:
        self.draft_check.setChecked(on)

    def set_completions(self, key: str, words: list[str]) -> None:
        self._completers[key].setStringList(list(dict.fromkeys(words)))   # the caller's order (most used first)

    def set_url(self, url: str) -> None:
        self.url_hint.setText(f"URL: {url}" if url else "")

    def set_translations(self, translations: dict[str, str]) -> None:
        """{language: path} of the post's other-language versions (hidden when there are none)."""
        self._translations = dict(translations)
        links = ", ".join(f'<a href="{code}">{code}</a>' for code in translations)
        self.translations_label.setText(f"Translations: {links}" if links else "")
        self.translations_label.setAccessibleDescription(
            "Translations: " + ", ".join(translations) if translations else "No translations")
        self.translations_label.setVisible(bool(translations))

    def translations(self) -> dict[str, str]:
        return dict(self._translations)

    def _translation_clicked(self, code: str) -> None:
        path = self._translations.get(code)
        if path:
            self.translationActivated.emit(path)

    def set_status(self, status: str, when: dt.datetime | None) -> None:
        text = status or "no post"
        if status == "scheduled" and when is not None:
            text = f"scheduled · {when:%Y-%m-%d %H:%M}"
        colour = STATUS_COLOURS.get(status, "#6e7781")
        self.status_badge.setText(text)
        self.status_badge.setAccessibleDescription(text)
        self.status_badge.setStyleSheet(
            f"QLabel#statusBadge {{ color: white; background: {colour}; border-radius: 9px;"
            " padding: 2px 10px; font-weight: 600; }")

    def set_other_fields(self, other: Mapping[str, object]) -> None:
        self.other_fields.clear()
        for key, value in other.items():
            item = QTreeWidgetItem([str(key), display_value(value)])
            item.setToolTip(1, display_value(value))
            self.other_fields.addTopLevelItem(item)
        self.other_fields.resizeColumnToContents(0)
        self.other_toggle.setText(f"Other fields ({len(other)})")
        self.other_toggle.setEnabled(bool(other) or self.other_toggle.isChecked())

    def _toggle_other(self, on: bool) -> None:
        self.other_fields.setVisible(on)
        self.other_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    # ------------------------------------------------------------------ out
    def _emit(self, key: str, value) -> None:
        if not self._loading:
            self.fieldEdited.emit(key, value)


def _label(text: str, parent: QWidget, buddy: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    if buddy is not None:
        label.setBuddy(buddy)
    return label
