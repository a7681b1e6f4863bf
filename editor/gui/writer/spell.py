"""Spell checking in the editor: the highlighter underlines, the context menu suggests and adds to the dictionary."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu

from editor.gui.feature_context import FeatureContext
from editor.gui.window.menus import EDIT
from editor.services.checks.spelling import SpellService, language_for, post_language, prose_words, site_language


def word_at(editor, cursor: QTextCursor) -> tuple[int, int, str] | None:
    """(start in document, length, word) of the prose word under `cursor`, if it is one."""
    block = cursor.block()
    if not editor.highlighter.is_prose(block):
        return None
    column = cursor.positionInBlock()
    for start, length, word in prose_words(block.text()):
        if start <= column <= start + length:
            return block.position() + start, length, word
    return None


FALLBACK_MS = 3000   # start-up without a preview paint: load the dictionary after this


class SpellController:
    """Connects a SpellService to the editor's highlighter, context menu and the window's settings."""

    def __init__(self, ctx: FeatureContext, service: SpellService | None = None) -> None:
        self.window = ctx.parent
        self.settings = ctx.settings
        self.document = ctx.document
        self.preview = ctx.preview
        self.editor = editor = ctx.editor
        settings = ctx.settings
        self.preferred = settings.value("spell/language", "", str)
        # the window's own service loads its dictionary only after the first preview paint
        self.service = service or SpellService(self.preferred or "en", parent=ctx.parent, active=False)
        self.painted = False     # the first preview has painted (or start-up is over without one)
        highlighter = editor.highlighter
        highlighter.spell = self.service
        enabled = settings.value("spell/enabled", True, bool)
        highlighter.spell_enabled = enabled
        action = ctx.actions.spell_check
        action.setChecked(enabled)
        action.toggled.connect(self.set_enabled)
        self.service.ready.connect(highlighter.rehighlight_soon)
        self.service.dictionaryChanged.connect(lambda _w: highlighter.rehighlight_soon())
        editor.spell_menu = self.add_menu_items
        ctx.document.loaded.connect(self.follow_site)
        ctx.document.fieldsChanged.connect(self.follow_site)   # `lang` edited in the front matter
        self.preview.applied.connect(self._first_paint)
        # a hidden preview or no post never paints: the dictionary still comes, later
        QTimer.singleShot(FALLBACK_MS, self._start_up_over)

    def _first_paint(self, *_args) -> None:
        self.preview.applied.disconnect(self._first_paint)
        QTimer.singleShot(0, self._start_up_over)     # after this paint reaches the screen

    def _start_up_over(self) -> None:
        # A window closed (or deleted) by then needs no dictionary.
        if self.painted or not shiboken6.isValid(self.window) or not self.window.isVisible():
            return
        self.painted = True
        if self.editor.highlighter.spell_enabled:
            self.service.activate()

    def set_enabled(self, on: bool) -> None:
        self.editor.highlighter.spell_enabled = on
        if on and self.painted:
            self.service.activate()
        self.settings.set_value("spell/enabled", on)
        self.editor.highlighter.rehighlight_soon()

    def follow_site(self) -> None:
        """The post's language decides the dictionary unless the author chose one in Preferences:
        its `lang` front matter, else the locale/languageCode of the language Hugo gives it (no
        dictionary for that language: nothing is underlined)."""
        if self.preferred:
            return
        doc = self.document
        post = doc.post
        code = post_language(doc.site, doc.path, post.get("lang") if post is not None else None) \
            if doc.site is not None or post is not None else None
        self.service.set_language(language_for(code or site_language(doc.site)))

    def set_language(self, language: str) -> None:
        """From Preferences: "" means "the site's language"."""
        self.preferred = language
        if language:
            self.service.set_language(language)
        else:
            self.follow_site()

    def add_menu_items(self, menu: QMenu, cursor: QTextCursor) -> None:
        """Suggestions and "Add to Dictionary" on top of the standard menu, for a misspelled word."""
        if not self.editor.highlighter.spell_enabled or not self.service.is_ready:
            return
        found = word_at(self.editor, cursor)
        if found is None or self.service.is_known(found[2]):
            return
        start, length, word = found
        first = menu.actions()[0] if menu.actions() else None
        suggestions = self.service.suggestions(word)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.setObjectName("spellSuggestion")
            action.triggered.connect(lambda _=False, s=suggestion: self.replace(start, length, s))
            menu.insertAction(first, action)
        if not suggestions:
            none = QAction("(no suggestions)", menu)
            none.setEnabled(False)
            menu.insertAction(first, none)
        add = QAction(f"Add “{word}” to Dictionary", menu)
        add.setObjectName("actionAddToDictionary")
        add.triggered.connect(lambda: self.service.add_word(word))
        menu.insertAction(first, add)
        menu.insertSeparator(first)

    def replace(self, start: int, length: int, text: str) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        self.editor.setTextCursor(cursor)


def install_spell(ctx: FeatureContext) -> SpellController:
    controller = SpellController(ctx)
    ctx.menus[EDIT].addAction(ctx.actions.spell_check)
    return controller
