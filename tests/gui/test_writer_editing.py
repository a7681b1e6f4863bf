"""Writer's tools in the window: find/replace, formatting shortcuts, smart Enter/Tab, outline."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QPlainTextEdit, QToolButton, QTreeWidget

from tests.gui.helpers import copy_seed, find, make_window

BODY = """Intro line with Cat and cat and concat.

## First section

- apple
- banana

Text in the first section.

## Second section

### Deeper

```
## not a heading
```

Last words about cat.
"""


def open_with(qtbot, tmp_path, body: str = BODY):
    path = copy_seed(tmp_path)
    path.write_text("---\ntitle: Tools\n---\n" + body)
    window = make_window(qtbot, path)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    qtbot.waitUntil(lambda: editor.toPlainText() == body, timeout=10000)
    return window, editor


def place(editor, line: int, column: int | None = None) -> None:
    block = editor.document().findBlockByNumber(line)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + (block.length() - 1 if column is None else column))
    editor.setTextCursor(cursor)


def select_first_word(editor) -> None:
    place(editor, 0, 0)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_find_and_replace(qtbot, tmp_path):
    window, editor = open_with(qtbot, tmp_path)
    find(window, QAction, "actionFind").trigger()
    bar = window.findChild(object, "findReplaceBar")
    assert bar.isVisible() and not find(window, QLineEdit, "replaceEdit").isVisible()
    needle = find(window, QLineEdit, "findEdit")
    for name in ("findEdit", "replaceEdit", "caseCheck", "wholeWordCheck", "regexCheck", "replaceAllButton"):
        assert window.findChild(object, name).accessibleName(), name
    qtbot.keyClicks(needle, "cat")
    assert editor.textCursor().selectedText().lower() == "cat"
    assert find(window, QCheckBox, "caseCheck").isChecked() is False
    assert bar.status.text() == "1 of 4"            # Cat, cat, con-cat, cat
    find(window, QCheckBox, "wholeWordCheck").setChecked(True)
    assert bar.status.text().endswith("of 3")
    find(window, QCheckBox, "caseCheck").setChecked(True)
    assert bar.status.text().endswith("of 2")
    find(window, QAction, "actionFindNext").trigger()
    assert editor.textCursor().selectedText() == "cat"

    find(window, QAction, "actionReplace").trigger()
    assert find(window, QLineEdit, "replaceEdit").isVisible()
    find(window, QCheckBox, "regexCheck").setChecked(True)
    needle.setText(r"(\w+) section")
    find(window, QLineEdit, "replaceEdit").setText(r"section \1")
    before = editor.toPlainText()
    find(window, QToolButton, "replaceAllButton").click()
    after = editor.toPlainText()
    assert "## section First" in after and "## section Second" in after and "the section first" in after
    # One undo step takes every replacement back.
    editor.undo()
    assert editor.toPlainText() == before
    needle.setText("([")
    assert "bad expression" in bar.status.text()


def test_formatting_shortcuts_and_smart_enter(qtbot, tmp_path):
    window, editor = open_with(qtbot, tmp_path)
    editor.setFocus()
    # Bold/italic/code around a selection.
    select_first_word(editor)
    find(window, QAction, "actionBold").trigger()
    assert editor.document().firstBlock().text().startswith("**Intro** line")
    find(window, QAction, "actionBold").trigger()    # again: removed
    assert editor.document().firstBlock().text().startswith("Intro line")
    find(window, QAction, "actionItalic").trigger()
    assert editor.document().firstBlock().text().startswith("*Intro* line")
    editor.undo()
    select_first_word(editor)
    find(window, QAction, "actionCode").trigger()
    assert editor.document().firstBlock().text().startswith("`Intro` line")
    editor.undo()
    select_first_word(editor)
    # Link with the URL from the clipboard.
    QApplication.clipboard().setText("https://gohugo.io/")
    find(window, QAction, "actionLink").trigger()
    assert editor.document().firstBlock().text().startswith("[Intro](https://gohugo.io/) line")
    editor.undo()
    # Headings and quotes, lists.
    place(editor, 7)
    find(window, QAction, "actionHeading2").trigger()
    assert editor.document().findBlockByNumber(7).text() == "## Text in the first section."
    find(window, QAction, "actionParagraph").trigger()
    assert editor.document().findBlockByNumber(7).text() == "Text in the first section."
    find(window, QAction, "actionQuote").trigger()
    assert editor.document().findBlockByNumber(7).text() == "> Text in the first section."
    find(window, QAction, "actionNumberedList").trigger()
    assert editor.document().findBlockByNumber(7).text() == "1. > Text in the first section."
    editor.undo()
    editor.undo()
    assert editor.document().findBlockByNumber(7).text() == "Text in the first section."

    # Smart Enter continues a list; an empty item ends it; Tab nests.
    place(editor, 5)      # end of "- banana"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.textCursor().block().text() == "- "
    qtbot.keyClicks(editor, "cherry")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.textCursor().block().text() == "  - cherry"
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    assert editor.textCursor().block().text() == "- cherry"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.textCursor().block().text() == ""
    assert editor.textCursor().block().previous().text() == "- cherry"
    # Numbered lists count up; quotes continue.
    qtbot.keyClicks(editor, "1. one")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.textCursor().block().text() == "2. "
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "> quoted")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.textCursor().block().text() == "> "
    # Inside a code fence Enter is a plain newline.
    place(editor, editor.document().toPlainText().split("\n").index("## not a heading"))
    qtbot.keyClicks(editor, " - x")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.textCursor().block().text() == ""


def test_outline_lists_headings_jumps_and_follows_cursor(qtbot, tmp_path):
    window, editor = open_with(qtbot, tmp_path)
    tree = find(window, QTreeWidget, "outlineTree")
    assert tree.accessibleName()
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2, timeout=10000)
    first, second = tree.topLevelItem(0), tree.topLevelItem(1)
    assert (first.text(0), second.text(0), second.child(0).text(0)) == ("First section", "Second section", "Deeper")
    assert tree.findItems("not a heading", Qt.MatchFlag.MatchRecursive) == []
    tree.itemClicked.emit(second.child(0), 0)
    assert editor.textCursor().block().text() == "### Deeper"
    place(editor, 6)
    assert tree.currentItem() is first
    place(editor, 0)
    assert tree.currentItem() is None
    # Typing a new heading shows up after the debounce.
    place(editor, len(BODY.split("\n")) - 1)
    qtbot.keyClicks(editor, "## Third one")
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 3, timeout=10000)
    assert tree.topLevelItem(2).text(0) == "Third one"
    assert tree.currentItem() is tree.topLevelItem(2)
