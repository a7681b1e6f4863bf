"""The window's saves use the core's checked, locked write: a write landing after the window's own
check (a race) is still refused, in post and in raw-text mode; a confirmed overwrite still writes."""

from __future__ import annotations

from editor.core import load
from editor.services.document.document import Document

POST = "---\ntitle: Mine\ndraft: true\n---\nbody\n"
THEIRS = "---\ntitle: Theirs\n---\ntheir body\n"


def _race(doc: Document, path) -> None:
    """Another program writes right after the document's own check, before the write."""
    check = doc.may_overwrite

    def racing(p):
        answer = check(p)
        path.write_text(THEIRS)
        return answer
    doc.may_overwrite = racing


def test_a_write_between_check_and_save_is_not_overwritten(qtbot, tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST)
    doc = Document()
    assert doc.open(str(path))
    assert doc.set_field("draft", False)
    _race(doc, path)
    with qtbot.waitSignal(doc.failed) as failed:
        assert not doc.save()
    assert "changed on disk since it was read" in failed.args[0]
    assert path.read_text() == THEIRS and doc.dirty


def test_raw_mode_save_is_checked_the_same_way(qtbot, tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: [broken\n---\nbody\n")
    doc = Document()
    assert doc.safety.open_raw(str(path))
    doc.set_body("---\ntitle: fixed\n---\nbody\n")
    _race(doc, path)
    with qtbot.waitSignal(doc.failed) as failed:
        assert not doc.save()
    assert "changed on disk since it was read" in failed.args[0]
    assert path.read_text() == THEIRS


def test_confirmed_overwrite_still_writes(qtbot, tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST)
    doc = Document(confirm_overwrite=lambda p, what: True)
    assert doc.open(str(path))
    assert doc.set_field("draft", False)
    path.write_text(THEIRS)
    assert doc.save()
    assert load(path)["title"] == "Mine" and load(path)["draft"] is False
    doc.set_field("title", "Mine again")      # and the next save checks against what we wrote
    assert doc.save() and load(path)["title"] == "Mine again"


def test_text_that_is_not_unicode_is_not_saved_and_says_why(qtbot, tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST)
    doc = Document()
    assert doc.open(str(path))
    doc.set_body("pasted \udcff garbage\n")
    with qtbot.waitSignal(doc.failed) as failed:
        assert not doc.save()
    assert "not Unicode text" in failed.args[0] and str(path) in failed.args[0]
    assert path.read_text() == POST and doc.dirty
