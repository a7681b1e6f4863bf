"""Outside changes while editing: silent reload when clean, a bar when dirty, no silent overwrite or recreate."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QPlainTextEdit

from tests.gui.helpers import copy_seed, find, make_window


def _replace_atomically(path, text: str) -> None:
    """What many editors and git do: write a new file and rename it over the old one."""
    tmp = path.with_name(path.name + ".other-editor")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_clean_post_reloads_silently_and_keeps_the_cursor(qtbot, tmp_path):
    post = copy_seed(tmp_path)
    window = make_window(qtbot, post)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    cursor = editor.textCursor()
    cursor.setPosition(120)
    editor.setTextCursor(cursor)
    _replace_atomically(post, post.read_text().replace("Arvind Krishna", "A. Krishna (edited elsewhere)"))
    qtbot.waitUntil(lambda: "edited elsewhere" in editor.toPlainText(), timeout=10000)
    assert editor.textCursor().position() == 120
    assert not window.document.dirty and not window.safety.change_bar.isVisible()
    # Again, in place this time (the watch survived the replace).
    post.write_text(post.read_text().replace("edited elsewhere", "edited twice"), encoding="utf-8")
    qtbot.waitUntil(lambda: "edited twice" in editor.toPlainText(), timeout=10000)


def test_own_saves_are_ignored(qtbot, tmp_path):
    post = copy_seed(tmp_path)
    window = make_window(qtbot, post)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "mine")
    assert window.commands.save()
    qtbot.keyClicks(editor, " more")
    reloaded = []
    window.document.reloaded.connect(lambda: reloaded.append(1))
    window.document.changedOnDisk.connect(lambda p: reloaded.append(p))
    # An outside write afterwards is a marker: once it is reported, the watcher has seen our own
    # save's events too, and they must have caused nothing.
    post.write_text(post.read_text() + "outside\n", encoding="utf-8")
    qtbot.waitUntil(lambda: bool(reloaded), timeout=10000)
    assert reloaded == [str(post)] and editor.toPlainText().endswith("mine more")


def test_dirty_post_gets_a_bar_and_save_asks_first(qtbot, tmp_path):
    post = copy_seed(tmp_path)
    window = make_window(qtbot, post)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "my unsaved words")
    outside = post.read_text().replace("draft: false", "draft: true")
    _replace_atomically(post, outside)
    bar = window.safety.change_bar
    qtbot.waitUntil(bar.isVisible, timeout=10000)
    assert post.name in bar.label.text() and "changed on disk" in bar.label.text()
    assert editor.toPlainText().endswith("my unsaved words") and window.document.dirty
    bar.buttons["changeCompare"].click()
    diff = window.safety.compare.text.toPlainText()
    assert "-draft: true" in diff and "+draft: false" in diff and "+my unsaved words" in diff
    bar.buttons["changeKeep"].click()
    assert not bar.isVisible()
    # Save asks; "no" keeps the outside version on disk and our text dirty.
    asked = []
    window.prompts.script(overwrite_outside=lambda path, what: asked.append(what) or False)
    assert not window.commands.save()
    assert asked == ["was changed by another program"]
    assert post.read_text() == outside and window.document.dirty
    window.prompts.script(overwrite_outside=lambda path, what: True)
    assert window.commands.save()
    assert post.read_text().endswith("my unsaved words") and not window.document.dirty


def test_dirty_post_reload_discards_ours(qtbot, tmp_path):
    post = copy_seed(tmp_path)
    window = make_window(qtbot, post)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    qtbot.keyClicks(editor, "doomed ")
    post.write_text(post.read_text() + "\nappended by sync\n", encoding="utf-8")
    qtbot.waitUntil(window.safety.change_bar.isVisible, timeout=10000)
    window.safety.change_bar.buttons["changeReload"].click()
    assert editor.toPlainText().endswith("appended by sync\n") and "doomed" not in editor.toPlainText()
    assert not window.document.dirty and not window.safety.change_bar.isVisible()


def test_deleted_and_renamed_files_are_reported_never_recreated_silently(qtbot, tmp_path):
    post = copy_seed(tmp_path)
    window = make_window(qtbot, post)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    qtbot.keyClicks(editor, "still mine ")
    os.rename(post, post.with_name("renamed.md"))
    bar = window.safety.change_bar
    qtbot.waitUntil(bar.isVisible, timeout=10000)
    assert "deleted or renamed" in bar.label.text() and bar.buttons["changeSaveAs"].isVisible()
    window.prompts.script(overwrite_outside=lambda path, what: False)
    assert not window.commands.save()
    assert not post.exists() and "still mine" in editor.toPlainText()
    assert "deleted or renamed" in window.message_bar.label.text()
    window.prompts.script(overwrite_outside=lambda path, what: "deleted" in what)
    assert window.commands.save() and "still mine" in post.read_text()


def test_clean_post_deleted_keeps_text_and_reports(qtbot, tmp_path):
    post = copy_seed(tmp_path)
    window = make_window(qtbot, post)
    text = window.editor.toPlainText()
    post.unlink()
    qtbot.waitUntil(window.safety.change_bar.isVisible, timeout=10000)
    assert window.editor.toPlainText() == text and window.document.is_open
    assert not post.exists()
