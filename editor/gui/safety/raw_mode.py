"""Raw-text repair: the bar for files that cannot be opened as posts, and the error-line mark in the editor."""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from editor.gui.safety.notice_bar import NoticeBar


class RawBar(NoticeBar):
    """Offers a repair for a file that did not open, and explains raw mode while it is on."""

    def __init__(self, repair, convert, save_anyway, revert, parent: QWidget | None = None) -> None:
        super().__init__("rawBar", "Repair", "error", parent)
        self.add_button("rawRepair", "Repair in Editor", "Open the raw text in the editor to repair it", repair)
        self.add_button("rawConvert", "Reopen as Windows-1252 and Convert",
                        "Reopen the file as Windows-1252 and convert it to UTF-8", convert)
        self.add_button("rawSaveAnyway", "Save Anyway", "Save the text even though it does not parse", save_anyway)
        self.add_button("rawRevert", "Revert", "Read the file from disk again", revert)


def mark_error(editor: QPlainTextEdit, line: int | None, column: int | None = None) -> None:
    """Highlight line `line` (1-based) of the editor and put the cursor there; None clears the mark."""
    if line is None:
        editor.setExtraSelections([])
        return
    block = editor.document().findBlockByNumber(max(0, line - 1))
    if not block.isValid():
        block = editor.document().lastBlock()
    selection = QTextEdit.ExtraSelection()
    selection.format.setBackground(QColor("#f8c9cf"))
    selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
    selection.format.setUnderlineStyle(selection.format.UnderlineStyle.WaveUnderline)
    selection.format.setUnderlineColor(QColor("#c0392b"))
    cursor = QTextCursor(block)
    selection.cursor = cursor
    editor.setExtraSelections([selection])
    pos = block.position() + min(max(0, (column or 1) - 1), max(0, block.length() - 1))
    caret = editor.textCursor()
    caret.setPosition(pos)
    editor.setTextCursor(caret)
    editor.centerCursor()


def marked_lines(editor: QPlainTextEdit) -> list[int]:
    """The 1-based lines carrying an error mark (for tests and accessibility checks)."""
    return [s.cursor.blockNumber() + 1 for s in editor.extraSelections()]
