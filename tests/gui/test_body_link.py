"""The window's one editor → Document link: edits reach the document at once, loads do not echo back."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.helpers import copy_seed, make_window


def test_typing_then_saving_at_once_writes_what_the_editor_shows(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "typed just now")
    assert window.commands.save()   # no event loop turn in between
    assert path.read_text(encoding="utf-8").endswith(window.editor.toPlainText())
    assert path.read_text(encoding="utf-8").endswith("typed just now")


def test_each_edit_is_one_body_change_and_a_load_none(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    other = path.with_name("other.md")
    other.write_text("---\ntitle: Other\n---\nother body\n", encoding="utf-8")
    window = make_window(qtbot, path)
    changes: list[str] = []
    window.document.bodyChanged.connect(lambda: changes.append(window.document.body))
    qtbot.keyClick(window.editor, Qt.Key.Key_X)
    assert len(changes) == 1 and changes[0] == window.editor.toPlainText()
    window.editor.highlighter.rehighlight()   # formats only: no character changed
    assert len(changes) == 1
    window.prompts.script(unsaved=lambda _name: "discard")
    assert window.commands.open_post(str(other))
    assert window.editor.toPlainText() == "other body\n" and len(changes) == 1
    assert not window.document.dirty
