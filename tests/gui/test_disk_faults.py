"""Disk faults seen from the window: the file is intact, the buffer stays dirty, the message names file and cause."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest
from PySide6.QtWidgets import QPlainTextEdit

import editor.core.files.recovery as recovery_mod
from tests.gui.helpers import copy_seed, find, make_window


def _boom(code):
    def fail(*_a, **_k):
        raise OSError(code, os.strerror(code))
    return fail


CASES = [("fsync", os, "fsync", errno.ENOSPC, "the disk is full"),
         ("replace", os, "replace", errno.EACCES, "permission denied"),
         ("mkstemp", tempfile, "mkstemp", errno.EROFS, "read-only")]


@pytest.mark.parametrize("label,module,name,code,words", CASES, ids=[c[0] for c in CASES])
def test_failed_save_keeps_everything(qtbot, tmp_path, monkeypatch, label, module, name, code, words):
    post = copy_seed(tmp_path)
    before = post.read_bytes()
    window = make_window(qtbot, post)
    editor = find(window, QPlainTextEdit, "markdownEditor")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "words that must survive")
    with monkeypatch.context() as patch:     # (never monkeypatch.undo(): it would undo conftest's XDG dirs)
        patch.setattr(module, name, _boom(code))
        assert not window.commands.save()
    assert post.read_bytes() == before
    assert window.document.dirty and window.isWindowModified()
    assert editor.toPlainText().endswith("words that must survive")
    message = window.message_bar.label.text()
    assert window.message_bar.isVisible() and post.name in message and words in message.lower(), message
    assert window.commands.save() and post.read_text().endswith("words that must survive")


def test_read_only_file_and_missing_folder(qtbot, tmp_path):
    post = copy_seed(tmp_path)
    window = make_window(qtbot, post)
    qtbot.keyClicks(window.editor, "x")
    post.chmod(0o444)
    assert not window.commands.save()
    assert "read-only" in window.message_bar.label.text() and window.document.dirty
    post.chmod(0o644)
    assert window.commands.save()


def test_journal_failure_is_reported_once(qtbot, tmp_path, monkeypatch):
    post = copy_seed(tmp_path)
    window = make_window(qtbot, post)
    reports = []
    window.document.failed.connect(reports.append)
    with monkeypatch.context() as patch:
        patch.setattr(recovery_mod, "write", _boom(errno.ENOSPC))
        for word in ("one ", "two ", "three "):
            qtbot.keyClicks(window.editor, word)
            window.document.journal.flush()
    assert len(reports) == 1 and "the disk is full" in reports[0] and "recovery" in reports[0]
    assert window.message_bar.isVisible()
    window.document.journal.flush()            # works again: a later failure is reported anew
    assert recovery_mod.read(post) is not None
    with monkeypatch.context() as patch:
        patch.setattr(recovery_mod, "write", _boom(errno.EACCES))
        qtbot.keyClicks(window.editor, "four ")
        window.document.journal.flush()
    assert len(reports) == 2 and "permission denied" in reports[1].lower()
    assert str(recovery_mod.recovery_dir()).startswith(os.environ["XDG_DATA_HOME"])
