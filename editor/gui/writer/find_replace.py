"""Find and replace bar under the editor: case, whole word, regular expression; replace all as one undo step."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QToolButton,
                               QWidget)

from editor.gui.feature_context import FeatureContext


def compile_pattern(needle: str, case: bool, whole_word: bool, regex: bool) -> re.Pattern | None:
    """The search as a Python pattern (None when empty); raises re.error for a bad expression."""
    if not needle:
        return None
    body = needle if regex else re.escape(needle)
    if whole_word:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    return re.compile(body, 0 if case else re.IGNORECASE)


def expand(match: re.Match, replacement: str, regex: bool) -> str:
    """The replacement text of one match (\\1 and \\g<name> groups when a regular expression)."""
    return match.expand(replacement) if regex else replacement


class FindReplaceBar(QWidget):
    """Searches the editor's plain text with Python's re; selections mark the current match."""

    closed = Signal()

    def __init__(self, editor: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findReplaceBar")
        self.setAccessibleName("Find and replace")
        self.editor = editor
        self.find_edit = self._line("findEdit", "Find", "Find…")
        self.replace_edit = self._line("replaceEdit", "Replace with", "Replace with…")
        self.case_check = self._check("caseCheck", "Match &case")
        self.word_check = self._check("wholeWordCheck", "&Whole word")
        self.regex_check = self._check("regexCheck", "Regular e&xpression")
        self.status = QLabel()
        self.status.setObjectName("findStatus")
        self.status.setAccessibleName("Find status")
        buttons = [self._button(n, t, s) for n, t, s in (
            ("findPreviousButton", "◀", lambda: self.find(backward=True)),
            ("findNextButton", "▶", lambda: self.find()),
            ("replaceButton", "Replace", self.replace_one),
            ("replaceAllButton", "Replace All", self.replace_all),
            ("closeFindButton", "✕", self.close_bar))]
        buttons[0].setAccessibleName("Find previous")
        buttons[1].setAccessibleName("Find next")
        buttons[4].setAccessibleName("Close find bar")
        self.replace_widgets = [self.replace_edit, buttons[2], buttons[3]]
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(buttons[0], 0, 1)
        grid.addWidget(buttons[1], 0, 2)
        grid.addWidget(self.case_check, 0, 3)
        grid.addWidget(self.word_check, 0, 4)
        grid.addWidget(self.regex_check, 0, 5)
        grid.addWidget(self.status, 0, 6)
        grid.addWidget(buttons[4], 0, 7)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(buttons[2], 1, 1, 1, 2)
        grid.addWidget(buttons[3], 1, 3)
        grid.setColumnStretch(0, 1)
        self.find_edit.textChanged.connect(lambda _: self.find(from_selection_start=True))
        self.find_edit.returnPressed.connect(self.find)
        self.replace_edit.returnPressed.connect(self.replace_one)
        self.hide()

    def _line(self, name: str, accessible: str, placeholder: str) -> QLineEdit:
        w = QLineEdit()
        w.setObjectName(name)
        w.setAccessibleName(accessible)
        w.setPlaceholderText(placeholder)
        w.setClearButtonEnabled(True)
        return w

    def _check(self, name: str, text: str) -> QCheckBox:
        w = QCheckBox(text)
        w.setObjectName(name)
        w.setAccessibleName(text.replace("&", ""))
        w.toggled.connect(lambda _: self.find(from_selection_start=True))
        return w

    def _button(self, name: str, text: str, slot) -> QToolButton:
        w = QToolButton()
        w.setObjectName(name)
        w.setText(text)
        w.setAccessibleName(text)
        w.clicked.connect(slot)
        return w

    # ------------------------------------------------------------------ showing
    def open_bar(self, replace: bool) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for w in self.replace_widgets:
            w.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ searching
    def pattern(self) -> re.Pattern | None:
        try:
            pattern = compile_pattern(self.find_edit.text(), self.case_check.isChecked(),
                                      self.word_check.isChecked(), self.regex_check.isChecked())
        except re.error as exc:
            self._say(f"bad expression: {exc}", error=True)
            return None
        return pattern

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.find_edit.setStyleSheet("QLineEdit { border: 1px solid #d1242f; }" if error else "")

    def find(self, backward: bool = False, from_selection_start: bool = False) -> bool:
        """Select the next (or previous) match after the cursor, wrapping around the end."""
        pattern = self.pattern()
        if pattern is None:
            if not self.find_edit.text():
                self._say("")
            return False
        text = self.editor.toPlainText()
        cursor = self.editor.textCursor()
        matches = [m for m in pattern.finditer(text) if m.end() > m.start()]
        if not matches:
            self._say("no matches", error=True)
            return False
        if backward:
            before = [m for m in matches if m.start() < cursor.selectionStart()]
            match = before[-1] if before else matches[-1]
        else:
            origin = cursor.selectionStart() if from_selection_start else cursor.selectionEnd()
            after = [m for m in matches if m.start() >= origin]
            match = after[0] if after else matches[0]
        self._select(match.start(), match.end())
        self._say(f"{matches.index(match) + 1} of {len(matches)}")
        return True

    def _select(self, start: int, end: int) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()

    def replace_one(self) -> None:
        """Replace the selected match (if the selection is one) and go to the next."""
        pattern = self.pattern()
        if pattern is None:
            return
        cursor = self.editor.textCursor()
        match = pattern.fullmatch(self.editor.toPlainText(), cursor.selectionStart(), cursor.selectionEnd()) \
            if cursor.hasSelection() else None
        if match is not None:
            cursor.insertText(expand(match, self.replace_edit.text(), self.regex_check.isChecked()))
            self.editor.setTextCursor(cursor)
        self.find()

    def replace_all(self) -> int:
        """Replace every match in one edit block, so one Undo takes them all back."""
        pattern = self.pattern()
        if pattern is None:
            return 0
        text = self.editor.toPlainText()
        matches = [m for m in pattern.finditer(text) if m.end() > m.start()]
        if not matches:
            self._say("no matches", error=True)
            return 0
        replacement, regex = self.replace_edit.text(), self.regex_check.isChecked()
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        for m in reversed(matches):   # from the end, so earlier offsets stay valid
            cursor.setPosition(m.start())
            cursor.setPosition(m.end(), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(expand(m, replacement, regex))
        cursor.endEditBlock()
        self._say(f"replaced {len(matches)}")
        return len(matches)


def install_find_replace(ctx: FeatureContext) -> FindReplaceBar:
    """Put the bar under the window's panes and connect Find/Replace/Next/Previous."""
    bar = FindReplaceBar(ctx.editor, ctx.parent)
    ctx.parent.centralWidget().layout().addWidget(bar)
    a = ctx.actions
    a.find.triggered.connect(lambda: bar.open_bar(replace=False))
    a.replace.triggered.connect(lambda: bar.open_bar(replace=True))
    a.find_next.triggered.connect(lambda: bar.find() if bar.find_edit.text() else bar.open_bar(False))
    a.find_previous.triggered.connect(lambda: bar.find(backward=True))
    return bar
