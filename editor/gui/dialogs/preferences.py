"""Preferences dialog (font, editor width, theme, spelling language, image width, remote content) and applying them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFontComboBox, QFormLayout, QLineEdit, QSpinBox)

from editor.gui.feature_context import FeatureContext
from editor.gui.window.menus import EDIT
from editor.services.checks.spelling import SUPPORTED

if TYPE_CHECKING:
    from editor.gui.writer.spell import SpellController

DEFAULT_IMAGE_WIDTH = 1600
THEMES = ("system", "light", "dark")


def current(settings) -> dict:
    """The stored preferences, with defaults."""
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    return {
        "font_family": settings.value("editor/fontFamily", fixed.family(), str),
        "font_size": float(settings.value("editor/fontSize", max(fixed.pointSizeF(), 10.5), float)),
        "width": settings.value("editor/width", 0, int),
        "theme": settings.value("appearance/theme", "system", str),
        "spell_language": settings.value("spell/language", "", str),
        "image_width": settings.value("images/maxWidth", DEFAULT_IMAGE_WIDTH, int),
        "remote_content": settings.remote_content(),
        "hugo_binary": settings.value("hugo/binary", "", str),
    }


def store(settings, prefs: dict) -> None:
    settings.set_value("editor/fontFamily", prefs["font_family"])
    settings.set_value("editor/fontSize", prefs["font_size"])
    settings.set_value("editor/width", prefs["width"])
    settings.set_value("appearance/theme", prefs["theme"])
    settings.set_value("spell/language", prefs["spell_language"])
    settings.set_value("images/maxWidth", prefs["image_width"])
    settings.set_remote_content(prefs["remote_content"])
    settings.set_value("hugo/binary", prefs.get("hugo_binary", ""))   # read by editor.core.hugo.binary too
    settings.sync()


class PreferencesDialog(QDialog):
    def __init__(self, prefs: dict, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setAccessibleName("Preferences")
        self.setWindowTitle("Preferences")
        form = QFormLayout(self)
        self.font_combo = self._named(QFontComboBox(), "fontCombo", "Editor font")
        self.font_combo.setCurrentFont(QFont(prefs["font_family"]))
        self.size_spin = self._named(QDoubleSpinBox(), "fontSizeSpin", "Font size")
        self.size_spin.setRange(6, 48)
        self.size_spin.setSingleStep(0.5)
        self.size_spin.setValue(prefs["font_size"])
        self.width_spin = self._named(QSpinBox(), "editorWidthSpin", "Editor text width")
        self.width_spin.setRange(0, 4000)
        self.width_spin.setSingleStep(20)
        self.width_spin.setSpecialValueText("whole pane")
        self.width_spin.setSuffix(" px")
        self.width_spin.setValue(prefs["width"])
        self.theme_combo = self._named(QComboBox(), "themeCombo", "Theme")
        self.theme_combo.addItems([t.capitalize() for t in THEMES])
        self.theme_combo.setCurrentIndex(THEMES.index(prefs["theme"]) if prefs["theme"] in THEMES else 0)
        self.language_combo = self._named(QComboBox(), "spellLanguageCombo", "Spelling language")
        self.language_combo.addItem("The site's language", "")
        for code in SUPPORTED:
            self.language_combo.addItem(code, code)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(prefs["spell_language"])))
        self.image_spin = self._named(QSpinBox(), "imageWidthSpin", "Largest image width")
        self.image_spin.setRange(100, 10000)
        self.image_spin.setSuffix(" px")
        self.image_spin.setValue(prefs["image_width"])
        self.remote_check = self._named(QCheckBox("Load remote images and fonts in the preview"),
                                        "remoteContentCheck", "Remote content in preview")
        self.remote_check.setChecked(prefs["remote_content"])
        self.hugo_edit = self._named(QLineEdit(prefs.get("hugo_binary", "")), "hugoBinaryEdit", "Hugo binary")
        self.hugo_edit.setPlaceholderText("bundled (or 'path' for the hugo on PATH, or a file)")
        self.hugo_edit.setToolTip("Which Hugo the site preview and New Post run: empty for the bundled one, "
                                  "'path' for the hugo on your PATH, or the binary's file. HUGO_BIN overrides it.")
        for label, widget in (("&Font:", self.font_combo), ("Si&ze:", self.size_spin),
                              ("Text &width:", self.width_spin), ("&Theme:", self.theme_combo),
                              ("&Spelling:", self.language_combo), ("&Images:", self.image_spin),
                              ("&Preview:", self.remote_check), ("&Hugo:", self.hugo_edit)):
            form.addRow(label, widget)   # QFormLayout makes the label and sets its buddy
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.setObjectName("preferencesButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @staticmethod
    def _named(widget, name: str, accessible: str):
        widget.setObjectName(name)
        widget.setAccessibleName(accessible)
        return widget

    def values(self) -> dict:
        return {
            "font_family": self.font_combo.currentFont().family(),
            "font_size": self.size_spin.value(),
            "width": self.width_spin.value(),
            "theme": THEMES[self.theme_combo.currentIndex()],
            "spell_language": self.language_combo.currentData() or "",
            "image_width": self.image_spin.value(),
            "remote_content": self.remote_check.isChecked(),
            "hugo_binary": self.hugo_edit.text().strip(),
        }


def theme_palette(theme: str) -> QPalette:
    app = QApplication.instance()
    if theme != "dark":
        return app.style().standardPalette()
    p = QPalette()
    colours = {QPalette.ColorRole.Window: "#1f2328", QPalette.ColorRole.WindowText: "#e6edf3",
               QPalette.ColorRole.Base: "#0d1117", QPalette.ColorRole.AlternateBase: "#161b22",
               QPalette.ColorRole.Text: "#e6edf3", QPalette.ColorRole.Button: "#262c36",
               QPalette.ColorRole.ButtonText: "#e6edf3", QPalette.ColorRole.Highlight: "#1f6feb",
               QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#262c36",
               QPalette.ColorRole.ToolTipText: "#e6edf3", QPalette.ColorRole.PlaceholderText: "#8b949e",
               QPalette.ColorRole.Link: "#58a6ff"}
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    # Greyed-out controls must look greyed out (the defaults are light-theme greys, near the active text).
    disabled = {QPalette.ColorRole.WindowText: "#6e7681", QPalette.ColorRole.Text: "#6e7681",
                QPalette.ColorRole.ButtonText: "#6e7681", QPalette.ColorRole.Button: "#1b2028",
                QPalette.ColorRole.Base: "#161b22", QPalette.ColorRole.Highlight: "#30363d",
                QPalette.ColorRole.HighlightedText: "#8b949e", QPalette.ColorRole.PlaceholderText: "#484f58"}
    for role, colour in disabled.items():
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return p


class Preferences:
    """Applies stored preferences to the window, and asks for new ones through the window's prompts."""

    def __init__(self, ctx: FeatureContext, spell: SpellController | None = None,
                 remote_content: Callable[[bool], None] | None = None) -> None:
        self.ctx = ctx
        self.spell = spell
        self.remote_content = remote_content   # the open preview's page follows the setting at once
        ctx.actions.preferences.triggered.connect(self.edit)
        self._theme = "system"
        self.apply(current(ctx.settings))

    def edit(self) -> None:
        values = self.ctx.prompts.preferences(current(self.ctx.settings))
        if values is not None:
            store(self.ctx.settings, values)
            self.apply(values)

    def apply(self, prefs: dict) -> None:
        editor = self.ctx.editor
        font = QFont(prefs["font_family"])
        font.setPointSizeF(prefs["font_size"])
        font.setStyleHint(QFont.StyleHint.Monospace)
        editor.set_editor_font(font)
        editor.set_column_width(prefs["width"])
        if prefs["theme"] != self._theme:
            self._theme = prefs["theme"]
            palette = theme_palette(prefs["theme"])
            QApplication.instance().setPalette(palette)
            editor.highlighter.set_palette(palette)
            editor.highlighter.rehighlight_soon()
        if self.spell is not None:
            self.spell.set_language(prefs["spell_language"])
        if self.remote_content is not None:
            self.remote_content(prefs["remote_content"])


def install_preferences(ctx: FeatureContext, spell: SpellController | None = None,
                        remote_content: Callable[[bool], None] | None = None) -> Preferences:
    prefs = Preferences(ctx, spell, remote_content)
    ctx.menus[EDIT].addSeparator()
    ctx.menus[EDIT].addAction(ctx.actions.preferences)
    return prefs
