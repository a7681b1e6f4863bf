"""The Markdown body editor: monospace, soft-wrapped plain text with undo/redo and light highlighting."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.gui.highlighter import MarkdownHighlighter


class MarkdownEditor(QPlainTextEdit):
    """Holds the post's body (post.content); the window pushes it to the document on every change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdownEditor")
        self.setAccessibleName("Markdown body")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self.setUndoRedoEnabled(True)
        self.document().setDocumentMargin(10)
        self.setPlaceholderText("Write the post in Markdown…")
        self.highlighter = MarkdownHighlighter(self.document())

    def set_body(self, text: str) -> None:
        """Replace the text for a newly opened post (undo history starts fresh)."""
        self.setPlainText(text)
        self.document().setModified(False)
        self.moveCursor(self.textCursor().MoveOperation.Start)
