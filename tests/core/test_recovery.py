"""Recovery journal: atomic, in the user data folder, never the post file; cleared on demand."""

from __future__ import annotations

import os

import pytest

from editor.core.files import recovery


def test_journal_round_trip_in_xdg_data_home(tmp_path):
    post = tmp_path / "p.md"
    post.write_bytes(b"---\ntitle: a\n---\nbody\n")
    base = recovery.content_hash(post.read_bytes())
    key = recovery.write(post, "---\ntitle: a\n---\nbody typed\n", base)
    assert (recovery.recovery_dir() / f"{key}.json").is_file()
    assert str(recovery.recovery_dir()).startswith(os.environ["XDG_DATA_HOME"])
    journal = recovery.read(post)
    assert journal.text.endswith("body typed\n") and journal.post_path == str(post)
    assert not journal.file_changed_since()
    assert post.read_bytes() == b"---\ntitle: a\n---\nbody\n"
    post.write_bytes(b"changed elsewhere")
    assert recovery.read(post).file_changed_since()
    recovery.clear(post)
    assert recovery.read(post) is None and recovery.entries() == []


def test_entries_newest_first_and_torn_files_ignored(tmp_path):
    recovery.write(tmp_path / "a.md", "a", None)
    recovery.write(tmp_path / "b.md", "b", None)
    (recovery.recovery_dir() / "torn.json").write_text("{not json")
    assert [j.text for j in recovery.entries()] == ["b", "a"]


def test_untitled_posts_get_their_own_key():
    k1 = recovery.write(None, "one", None)
    k2 = recovery.write(None, "two", None)
    assert k1 != k2 and {j.text for j in recovery.entries()} == {"one", "two"}
    recovery.clear(key=k1)
    assert [j.text for j in recovery.entries()] == ["two"]


def test_failed_journal_write_raises_and_leaves_no_temp(tmp_path, monkeypatch):
    def broken_fsync(fd):
        raise OSError(28, "No space left on device")
    recovery.write(tmp_path / "p.md", "old", None)
    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        recovery.write(tmp_path / "p.md", "new", None)
    assert recovery.read(tmp_path / "p.md").text == "old"
    assert [p.name for p in recovery.recovery_dir().iterdir()] == [f"{recovery.journal_key(tmp_path / 'p.md')}.json"]


def test_text_with_an_undecodable_byte_is_still_journaled(tmp_path):
    """A pasted lone surrogate made the journal write raise (in a timer: the unsaved text was never
    journaled); every other word must be kept, the stray character as U+FFFD."""
    post = tmp_path / "p.md"
    post.write_bytes(b"---\ntitle: a\n---\nbody\n")
    recovery.write(post, "---\ntitle: a\n---\npasted \udcff garbage and more words\n", None)
    assert recovery.read(post).text.endswith("pasted \ufffd garbage and more words\n")
