"""Every shortcut is on a menu and works from the keyboard: real key events sent to the window."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from tests.gui.helpers import copy_seed, make_window


def press(qtbot, window, seq: QKeySequence) -> None:
    QTest.keySequence(window.windowHandle(), seq)


def focus_editor(qtbot, window) -> None:
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.editor, timeout=3000)


def shortcut_actions(window) -> list[QAction]:
    found = [a for a in window.findChildren(QAction) if any(not k.isEmpty() for k in a.shortcuts())]
    # Undo before Redo (Redo needs something undone); Quit last (it is refused, but still).
    order = {"actionUndo": 0, "actionRedo": 1, "actionQuit": 3}
    return sorted(found, key=lambda a: order.get(a.objectName(), 2))


def test_every_shortcut_is_on_a_menu_and_fires_from_the_keyboard(qtbot, tmp_path, monkeypatch):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.document.is_open, timeout=5000)
    # Nothing may block: every question answered "no", every file chooser cancelled.
    window.prompts.script(open_file="", save_as_path="", open_folder="", new_post_folder="", about=None,
                          new_post=None, export=None, revert=False, preferences=None)
    window.commands.maybe_save = lambda: False       # Close Post and Quit are refused, so the window stays

    actions = shortcut_actions(window)
    names = {a.objectName() for a in actions}
    for wanted in ("actionFind", "actionReplace", "actionFindNext", "actionFindPrevious", "actionUndo",
                   "actionRedo", "actionCut", "actionCopy", "actionPaste", "actionSelectAll",
                   "actionNextPane", "actionPreviousPane", "actionFocusPostList", "actionFocusPreview"):
        assert wanted in names
    for action in actions:
        menus = [o for o in action.associatedObjects() if isinstance(o, QMenu)]
        assert menus, f"{action.objectName()} ({action.shortcut().toString()}) is on no menu"
    owners: dict[str, str] = {}
    for action in actions:
        for key in action.shortcuts():
            assert key.toString() not in owners, \
                f"{key.toString()}: {owners.get(key.toString())} and {action.objectName()}"
            owners[key.toString()] = action.objectName()
    edit_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Edit")
    on_edit = {a.objectName() for a in edit_menu.actions()}
    assert {"actionFind", "actionReplace", "actionFindNext", "actionFindPrevious", "actionUndo", "actionRedo",
            "actionCut", "actionCopy", "actionPaste", "actionSelectAll"} <= on_edit

    fired: dict[str, int] = {}
    for action in actions:
        action.triggered.connect(lambda _c=False, n=action.objectName(): fired.__setitem__(n, fired.get(n, 0) + 1))
    silent = []
    for action in actions:
        name = action.objectName()
        for seq in action.shortcuts():
            focus_editor(qtbot, window)
            if name == "actionUndo":
                QTest.keyClicks(window.editor, "x")
            if name == "actionRedo" and not window.editor.document().isRedoAvailable():
                QTest.keyClicks(window.editor, "y")
                window.editor.undo()
            checked = action.isChecked()
            before = fired.get(name, 0)
            press(qtbot, window, seq)
            if fired.get(name, 0) != before + 1:
                silent.append(f"{name} {seq.toString()}")
            if action.isCheckable() and action.isChecked() != checked:
                action.trigger()   # put toggles back (focus mode, site preview, docks)
    assert not silent, f"shortcuts that did nothing: {silent}"
    assert window.isVisible()


def test_edit_actions_work_in_the_editor_and_in_a_field(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    qtbot.waitExposed(window)
    focus_editor(qtbot, window)
    QTest.keySequence(window.windowHandle(), QKeySequence(QKeySequence.StandardKey.SelectAll))
    assert window.editor.textCursor().selectedText().replace("\u2029", "\n") == window.editor.toPlainText()
    QTest.keySequence(window.windowHandle(), QKeySequence(QKeySequence.StandardKey.Copy))
    assert QApplication.clipboard().text() == window.editor.toPlainText()
    QTest.keySequence(window.windowHandle(), QKeySequence(QKeySequence.StandardKey.Cut))
    assert window.editor.toPlainText() == ""
    QTest.keySequence(window.windowHandle(), QKeySequence(QKeySequence.StandardKey.Undo))
    assert window.editor.toPlainText() == QApplication.clipboard().text()
    # In the title the same keys act on the title, not on the body.
    title = window.form.title_edit
    title.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is title, timeout=3000)
    body = window.editor.toPlainText()
    QTest.keySequence(window.windowHandle(), QKeySequence(QKeySequence.StandardKey.SelectAll))
    QTest.keyClicks(title, "New title")
    assert title.text() == "New title" and window.editor.toPlainText() == body
    window.actions.undo.trigger()   # from the menu: undoes in the focused field
    assert title.text() != "New title"


def test_undo_follows_the_focused_field_also_one_made_after_the_window(qtbot, tmp_path):
    """Undo/Redo say what the focused line edit can undo, for the form's fields and for one added later."""
    from PySide6.QtWidgets import QLineEdit
    window = make_window(qtbot, path=copy_seed(tmp_path))
    qtbot.waitExposed(window)
    late = QLineEdit(window.form)
    late.setObjectName("lateField")
    late.show()
    for field in (window.form.title_edit, late):
        window.activateWindow()
        field.setFocus()
        qtbot.waitUntil(lambda f=field: QApplication.focusWidget() is f, timeout=3000)
        field.setText("")
        field.setModified(False)
        qtbot.waitUntil(lambda f=field: window.actions.undo.isEnabled() == f.isUndoAvailable(), timeout=3000)
        QTest.keyClicks(field, "abc")
        qtbot.waitUntil(lambda: window.actions.undo.isEnabled(), timeout=3000)
        field.undo()
        field.undo()
        field.undo()
        qtbot.waitUntil(lambda f=field: window.actions.redo.isEnabled() == f.isRedoAvailable(), timeout=3000)
