"""Markdown formatting on the editor's cursor: emphasis, code, link, headings, lists, quotes, smart Enter and Tab."""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit

from editor.gui.feature_context import FeatureContext
from editor.gui.window.menus import FORMAT

_ITEM = re.compile(r"^(\s*)([-*+]|(\d{1,9})([.)]))(\s+)(\[[ xX]\]\s+)?")
_QUOTE = re.compile(r"^(\s*(?:>\s?)+)")
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_URL = re.compile(r"^(?:https?://|mailto:|/|\.{0,2}/)\S*$")

Editor = QPlainTextEdit


# ------------------------------------------------------------------ inline
def wrap_selection(editor: Editor, marker: str, placeholder: str = "text") -> None:
    """Surround the selection with `marker` (or remove it when already there); one undo step."""
    cursor = editor.textCursor()
    text = cursor.selectedText()
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    whole = editor.document().toPlainText() if text else ""
    n = len(marker)
    cursor.beginEditBlock()
    if text and whole[max(0, start - n):start] == marker and whole[end:end + n] == marker:
        # The selection is already wrapped (as this command leaves it): unwrap.
        cursor.setPosition(start - n)
        cursor.setPosition(end + n, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)
        cursor.setPosition(start - n)
        cursor.setPosition(end - n, QTextCursor.MoveMode.KeepAnchor)
    elif text.startswith(marker) and text.endswith(marker) and len(text) >= 2 * n:
        cursor.insertText(text[n:-n])
    elif text:
        start = cursor.selectionStart()
        cursor.insertText(f"{marker}{text}{marker}")
        cursor.setPosition(start + len(marker))
        cursor.setPosition(start + len(marker) + len(text), QTextCursor.MoveMode.KeepAnchor)
    else:
        start = cursor.position()
        cursor.insertText(f"{marker}{placeholder}{marker}")
        cursor.setPosition(start + len(marker))
        cursor.setPosition(start + len(marker) + len(placeholder), QTextCursor.MoveMode.KeepAnchor)
    cursor.endEditBlock()
    editor.setTextCursor(cursor)


def insert_link(editor: Editor, clipboard_text: str | None = None) -> None:
    """`[selection](url)`: the URL comes from the clipboard when it holds one, else `url` is selected."""
    if clipboard_text is None:
        clipboard_text = QApplication.clipboard().text() if QApplication.instance() else ""
    url = clipboard_text.strip()
    has_url = bool(url) and "\n" not in url and bool(_URL.match(url))
    cursor = editor.textCursor()
    text = cursor.selectedText() or "link text"
    target = url if has_url else "url"
    start = cursor.selectionStart()
    cursor.beginEditBlock()
    cursor.insertText(f"[{text}]({target})")
    cursor.endEditBlock()
    if not has_url:
        at = start + len(text) + 3
        cursor.setPosition(at)
        cursor.setPosition(at + len(target), QTextCursor.MoveMode.KeepAnchor)
    elif text == "link text":
        cursor.setPosition(start + 1)
        cursor.setPosition(start + 1 + len(text), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


# ------------------------------------------------------------------ lines
def _selected_blocks(editor: Editor):
    cursor = editor.textCursor()
    doc = editor.document()
    first = doc.findBlock(cursor.selectionStart())
    last = doc.findBlock(cursor.selectionEnd())
    if cursor.hasSelection() and last.position() == cursor.selectionEnd() and last != first:
        last = last.previous()
    block = first
    while block.isValid():
        yield block
        if block == last:
            break
        block = block.next()


def _edit_lines(editor: Editor, change) -> None:
    """Apply `change(text, index) -> new text` to every selected line, as one undo step."""
    blocks = list(_selected_blocks(editor))
    cursor = editor.textCursor()
    cursor.beginEditBlock()
    for index, block in enumerate(blocks):
        new = change(block.text(), index)
        if new != block.text():
            c = QTextCursor(block)
            c.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            c.insertText(new)
    cursor.endEditBlock()


def set_heading(editor: Editor, level: int) -> None:
    """Make the line(s) a heading of `level` (0: a paragraph); the same level again removes it."""
    def change(text: str, _index: int) -> str:
        m = _HEADING.match(text)
        rest = text[m.end():] if m else text.lstrip()
        if m and len(m.group(1)) == level or level == 0:
            return rest
        return "#" * level + " " + rest
    _edit_lines(editor, change)


def toggle_list(editor: Editor, numbered: bool = False) -> None:
    lines = [b.text() for b in _selected_blocks(editor)]
    all_items = all(_ITEM.match(t) for t in lines if t.strip())

    def change(text: str, index: int) -> str:
        m = _ITEM.match(text)
        if all_items and m:
            return m.group(1) + text[m.end():]
        if m:
            text = m.group(1) + text[m.end():]
        if not text.strip():
            return text
        indent = text[:len(text) - len(text.lstrip())]
        return indent + (f"{index + 1}. " if numbered else "- ") + text.lstrip()
    _edit_lines(editor, change)


def toggle_quote(editor: Editor) -> None:
    lines = [b.text() for b in _selected_blocks(editor)]
    quoted = all(t.lstrip().startswith(">") for t in lines if t.strip())

    def change(text: str, _index: int) -> str:
        if quoted:
            return re.sub(r"^(\s*)>\s?", r"\1", text, count=1)
        return "> " + text if text.strip() else ">"
    _edit_lines(editor, change)


# ------------------------------------------------------------------ smart Enter and Tab
def continue_block(editor: Editor) -> bool:
    """Enter in a list item or quote: start the next item (numbers count up); on an empty item,
    end the list instead. False when the line is neither (the editor inserts a plain newline)."""
    cursor = editor.textCursor()
    block = cursor.block()
    highlighter = getattr(editor, "highlighter", None)
    if cursor.hasSelection() or (highlighter is not None and not highlighter.is_prose(block)):
        return False
    text = block.text()
    column = cursor.positionInBlock()
    m = _ITEM.match(text)
    if m and column >= m.end() - len(m.group(6) or ""):
        if not text[m.end():].strip() and column >= len(text.rstrip()):
            _replace_line(cursor, m.group(1) if m.group(1) else "")
            return True
        if m.group(3):
            marker = f"{int(m.group(3)) + 1}{m.group(4)}"
        else:
            marker = m.group(2)
        task = "[ ] " if m.group(6) else ""
        cursor.insertText("\n" + m.group(1) + marker + m.group(5) + task)
        editor.setTextCursor(cursor)
        return True
    q = _QUOTE.match(text)
    if q and column >= q.end():
        if not text[q.end():].strip():
            _replace_line(cursor, "")
            return True
        cursor.insertText("\n" + q.group(1))
        editor.setTextCursor(cursor)
        return True
    return False


def _replace_line(cursor: QTextCursor, text: str) -> None:
    cursor.beginEditBlock()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text)
    cursor.endEditBlock()


def indent_list_item(editor: Editor, back: bool) -> bool:
    """Tab / Shift+Tab on list items: nest or un-nest them by the width of their marker."""
    blocks = list(_selected_blocks(editor))
    if not all(_ITEM.match(b.text()) for b in blocks):
        return False

    def change(text: str, _index: int) -> str:
        m = _ITEM.match(text)
        width = len(m.group(2)) + len(m.group(5))
        if back:
            remove = min(width, len(m.group(1)))
            return text[remove:]
        return " " * width + text
    _edit_lines(editor, change)
    return True


# ------------------------------------------------------------------ wiring
def install_formatting(ctx: FeatureContext) -> QMenu:
    """Connect the formatting actions to the editor and fill the Format menu."""
    a, editor = ctx.actions, ctx.editor
    bindings = {
        a.bold: lambda: wrap_selection(editor, "**"),
        a.italic: lambda: wrap_selection(editor, "*"),
        a.code: lambda: wrap_selection(editor, "`", "code"),
        a.link: lambda: insert_link(editor),
        a.heading1: lambda: set_heading(editor, 1),
        a.heading2: lambda: set_heading(editor, 2),
        a.heading3: lambda: set_heading(editor, 3),
        a.paragraph: lambda: set_heading(editor, 0),
        a.bullet_list: lambda: toggle_list(editor, numbered=False),
        a.numbered_list: lambda: toggle_list(editor, numbered=True),
        a.quote: lambda: toggle_quote(editor),
    }
    menu = ctx.menus[FORMAT]
    for action, slot in bindings.items():
        action.triggered.connect(slot)
        menu.addAction(action)
        if action in (a.link, a.paragraph):
            menu.addSeparator()
    return menu
