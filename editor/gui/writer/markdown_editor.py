"""The Markdown body editor: highlighting, smart Enter/Tab, spelling, image paste/drop, centring, typewriter mode."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFont, QFontDatabase, QImage, QKeyEvent, QResizeEvent, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.gui.writer import formatting
from editor.gui.window.edit_actions import leaves_to_window
from editor.gui.writer.highlighter import MarkdownHighlighter

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff")


class MarkdownEditor(QPlainTextEdit):
    """Holds the post's body (post.content); gui.writer.body_link pushes each change into the Document.

    Images pasted or dropped are not written here (widgets never touch files): the editor emits
    `imagePasted` / `imageFilesDropped` and the window's image service saves and links them.
    """

    imagePasted = Signal(QImage)
    imageFilesDropped = Signal(list)   # local paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdownEditor")
        self.setAccessibleName("Markdown body")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.set_editor_font(font)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setUndoRedoEnabled(True)
        self.document().setDocumentMargin(10)
        self.setPlaceholderText("Write the post in Markdown…")
        self.highlighter = MarkdownHighlighter(self.document())
        self.spell_menu = None          # set by editor.gui.writer.spell.install_spell
        self.column_width = 0           # text column in pixels; 0 = the whole width
        self.typewriter = False
        self.cursorPositionChanged.connect(self._typewriter_scroll)

    def set_body(self, text: str) -> None:
        """Replace the text for a newly opened post (undo history starts fresh)."""
        self.setPlainText(text)
        self.document().setModified(False)
        self.moveCursor(self.textCursor().MoveOperation.Start)

    # ------------------------------------------------------------------ appearance
    def set_editor_font(self, font: QFont) -> None:
        self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)

    def set_column_width(self, pixels: int) -> None:
        """Centre a text column of at most `pixels` (0: use the whole width)."""
        self.column_width = max(0, int(pixels))
        self._apply_margins()

    def set_typewriter(self, on: bool) -> None:
        """Keep the cursor's line in the middle of the view while typing."""
        self.typewriter = on
        self.setCenterOnScroll(on)
        if on:
            self.centerCursor()

    def _typewriter_scroll(self) -> None:
        if self.typewriter:
            self.centerCursor()

    def _apply_margins(self) -> None:
        side = 0
        if self.column_width:
            side = max(0, (self.width() - self.column_width) // 2)
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._apply_margins()

    # ------------------------------------------------------------------ keys
    def event(self, event: QEvent) -> bool:
        if leaves_to_window(event):
            event.ignore()   # Undo, Cut, Paste…: the window's Edit actions do it (menu and keys alike)
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        plain = not (mods & ~Qt.KeyboardModifier.KeypadModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if formatting.continue_block(self):
                self.ensureCursorVisible()
                return
        elif key == Qt.Key.Key_Tab and plain:
            if formatting.indent_list_item(self, back=False):
                return
        elif key == Qt.Key.Key_Backtab:
            if formatting.indent_list_item(self, back=True):
                return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ context menu
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        menu = self.createStandardContextMenu(event.pos())
        menu.setObjectName("editorContextMenu")
        if self.spell_menu is not None:
            self.spell_menu(menu, self.cursorForPosition(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    def context_menu_at(self, pos: QPoint):
        """The context menu a right-click at `pos` would show (tests inspect it without exec)."""
        menu = self.createStandardContextMenu(pos)
        if self.spell_menu is not None:
            self.spell_menu(menu, self.cursorForPosition(pos))
        return menu

    # ------------------------------------------------------------------ images
    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return bool(source.hasImage() or _image_paths(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        paths = _image_paths(source)
        if paths:
            self.imageFilesDropped.emit(paths)
            return
        if source.hasImage() and not source.hasText():
            image = QImage(source.imageData())
            if not image.isNull():
                self.imagePasted.emit(image)
                return
        super().insertFromMimeData(source)


def _image_paths(source: QMimeData) -> list[str]:
    if not source.hasUrls():
        return []
    paths = [u.toLocalFile() for u in source.urls() if u.isLocalFile()]
    return [p for p in paths if p.lower().endswith(IMAGE_SUFFIXES)]
