"""Hostile and odd files in the window: a clear non-modal message, a way to repair or convert, never a freeze."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit

from editor.core import load
from editor.gui.safety.raw_mode import marked_lines
from tests.gui.helpers import copy_seed, find, make_window

GOOD = "---\ntitle: Good\n---\nbody\n"

# name -> (bytes, can it be repaired as raw text, words in the message)
HOSTILE = {
    "bad-yaml.md": (b"---\ntitle: ok\ntags: [a, b\ndate: 2020-01-01\n---\nbody\n", True, "yaml"),
    "colon.md": (b"---\ntitle: a: b\n---\nbody\n", True, "yaml"),
    "unclosed.md": (b"---\ntitle: never closed\nbody\n", True, "never closed"),
    "bad-toml.md": (b"+++\ntitle = \"x\nslug = 1\n+++\nbody\n", True, "toml"),
    "bad-json.md": (b"{\n  \"title\": \"x\",\n}\nbody\n", True, "json"),
    "utf16.md": ("---\ntitle: x\n---\n".encode("utf-16"), False, "utf-16"),
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", False, "binary"),
    "nul.md": (b"---\ntitle: x\n---\nbo\x00dy\n", False, "nul"),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_refused_files_get_a_message_and_maybe_a_repair(qtbot, tmp_path, name):
    data, repairable, words = HOSTILE[name]
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    window = make_window(qtbot, good)
    window.exec_modal = None
    bad = tmp_path / name
    bad.write_bytes(data)
    assert not window.commands.open_post(str(bad))
    assert window.document.path == str(good)              # the open post is untouched
    message = window.message_bar.label.text()
    assert window.message_bar.isVisible() and name in message and words in message.lower(), message
    assert not window.findChildren(QMessageBox)
    raw_bar = window.safety.raw_bar
    assert raw_bar.isVisible() == repairable
    if repairable:
        assert raw_bar.buttons["rawRepair"].isVisible()
    assert bad.read_bytes() == data


def test_repair_in_editor_marks_the_line_and_saves_once_it_parses(qtbot, tmp_path):
    bad = tmp_path / "bad.md"
    data = b"---\ntitle: fine\ntags: [a, b\ndraft: false\n---\nThe body.\n"
    bad.write_bytes(data)
    window = make_window(qtbot, tmp_path / "bad.md")
    raw_bar = window.safety.raw_bar
    qtbot.waitUntil(raw_bar.isVisible, timeout=5000)
    raw_bar.buttons["rawRepair"].click()
    editor = find(window, QPlainTextEdit, "markdownEditor")
    assert editor.isEnabled() and not window.form.isEnabled()
    assert editor.toPlainText() == data.decode()
    line = window.document.raw.error.line
    assert marked_lines(editor) == [line] and line in (3, 4)
    assert "line" in raw_bar.label.text() and raw_bar.buttons["rawSaveAnyway"].isVisible()
    # Saving while it still does not parse is refused; the file is untouched.
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "More body.")
    assert not window.commands.save() and bad.read_bytes() == data
    assert "does not parse" in window.message_bar.label.text() and window.document.dirty
    # Repair: close the bracket; the mark goes away, saving writes and reopens as a post.
    text = editor.toPlainText().replace("[a, b", "[a, b]")
    editor.setPlainText(text)
    qtbot.waitUntil(lambda: window.document.raw.error is None, timeout=5000)
    qtbot.waitUntil(lambda: marked_lines(editor) == [], timeout=5000)
    assert window.commands.save()
    assert load(bad)["tags"] == ["a", "b"] and window.document.is_open and window.form.isEnabled()
    assert window.document.post["title"] == "fine" and not window.document.dirty


def test_save_anyway_writes_unparsable_text_only_when_asked(qtbot, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"---\ntitle: a: b\n---\n")
    window = make_window(qtbot, bad)
    qtbot.waitUntil(window.safety.raw_bar.isVisible, timeout=5000)
    window.safety.raw_bar.buttons["rawRepair"].click()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.Start)
    window.editor.insertPlainText("# note\n")
    window.safety.raw_bar.buttons["rawSaveAnyway"].click()
    assert bad.read_bytes().startswith(b"# note\n---\ntitle: a: b") and not window.document.dirty


def test_latin1_file_is_offered_a_visible_conversion(qtbot, tmp_path):
    path = tmp_path / "latin.md"
    data = "---\ntitle: Café\n---\nNaïve “quotes”\n".encode("cp1252")
    path.write_bytes(data)
    window = make_window(qtbot, path)
    bar = window.safety.raw_bar
    qtbot.waitUntil(lambda: bar.isVisible() and bar.buttons["rawConvert"].isVisible(), timeout=5000)
    assert 'byte e9 → "é"' in bar.label.text() and "4 character" in bar.label.text()
    bar.buttons["rawConvert"].click()
    assert window.document.post["title"] == "Café" and window.document.dirty
    assert "\ufffd" not in window.editor.toPlainText() and "“quotes”" in window.editor.toPlainText()
    assert path.read_bytes() == data                    # nothing written until the author saves
    assert window.commands.save()
    assert path.read_bytes() == "---\ntitle: Café\n---\nNaïve “quotes”\n".encode("utf-8")


@pytest.mark.parametrize("kind", ["empty", "blank", "no-front-matter", "symlink", "huge"])
def test_odd_files_open_without_freezing(qtbot, tmp_path, kind):
    path = tmp_path / f"{kind}.md"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "blank":
        path.write_bytes(b"\n\n   \n")
    elif kind == "no-front-matter":
        path.write_text("Just a body, no front matter.\n")
    elif kind == "symlink":
        real = copy_seed(tmp_path)
        path.symlink_to(real)
    else:
        paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "\n\n"
        path.write_text("---\ntitle: Huge\n---\n" + paragraph * (5 * 2**20 // len(paragraph) + 1))
        assert path.stat().st_size >= 5 * 2**20
    window = make_window(qtbot, path)
    # Open time is a benchmark's business; here the bound only turns a freeze into a failure.
    qtbot.waitUntil(lambda: window.document.is_open, timeout=120000)
    before = path.read_bytes()
    body = window.editor.toPlainText()
    at = window.editor.textCursor().position()
    qtbot.keyClicks(window.editor, "z")
    assert window.document.dirty
    assert window.commands.save()
    # Exactly one "z" went in where the cursor was; everything before the body is byte-identical.
    typed = (body[:at] + "z" + body[at:]).encode("utf-8")
    head = before[:len(before) - len(body.encode("utf-8"))]
    assert before.endswith(body.encode("utf-8"))
    assert path.read_bytes() == head + typed
    if kind == "symlink":
        assert os.path.islink(path)
    _drain(qtbot, window)
    window.close()
    _drain(qtbot, window)


def _drain(qtbot, window) -> None:
    """Let the highlighter finish its chunked pass and every zero-delay timer it caused fire, while the
    window still exists (other modules queue QTimer.singleShot(0, ...) per textChanged without a
    context object; fired after the window is gone, they raise in whatever test runs next)."""
    highlighter = getattr(window.editor, "highlighter", None)
    qtbot.waitUntil(lambda: getattr(highlighter, "_pending", None) is None, timeout=60000)
    done = []
    QTimer.singleShot(0, lambda: done.append(1))    # zero timers fire in order: ours comes last
    qtbot.waitUntil(lambda: bool(done), timeout=20000)
