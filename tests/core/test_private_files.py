"""What the app writes for itself (journals, index cache, preview scratch, settings) is the author's alone."""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path

import pytest

from editor.core.files import recovery
from editor.core.files.private import private_dir, write_private

UMASKS = [0o022, 0o000]


@pytest.fixture(params=UMASKS, ids=["umask022", "umask000"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def assert_private_tree(top: Path) -> None:
    """Every folder under `top` (itself included) is 0700, every file 0600 or tighter."""
    assert top.is_dir()
    for p in [top, *top.rglob("*")]:
        if p.is_dir():
            assert mode(p) == 0o700, f"{p} is {oct(mode(p))}"
        else:
            assert mode(p) & 0o077 == 0, f"{p} is {oct(mode(p))}"


def test_journal_folder_and_files_are_private_whatever_the_umask(tmp_path, umask):
    post = tmp_path / "p.md"
    post.write_bytes(b"---\ntitle: secret\n---\n")
    os.chmod(post, 0o600)
    key = recovery.write(post, "---\ntitle: secret\n---\nunsaved words\n", None)
    assert mode(recovery.recovery_dir()) == 0o700
    assert mode(recovery.data_dir()) == 0o700
    assert mode(recovery.recovery_dir() / f"{key}.json") == 0o600
    recovery.write(post, "---\ntitle: secret\n---\nmore unsaved words\n", None)   # rewrite too
    assert mode(recovery.recovery_dir() / f"{key}.json") == 0o600
    assert_private_tree(recovery.data_dir())


def test_an_existing_open_journal_folder_is_tightened(tmp_path):
    old = recovery.recovery_dir()
    old.mkdir(parents=True)
    os.chmod(old, 0o755)
    os.chmod(old.parent, 0o755)
    recovery.write(tmp_path / "p.md", "text", None)
    assert mode(old) == 0o700 and mode(old.parent) == 0o700
    # The author's own XDG folder above ours is not ours to change.
    assert (mode(Path(os.environ["XDG_DATA_HOME"])) != 0
            and recovery.data_dir().parent == Path(os.environ["XDG_DATA_HOME"]))


CORRUPT = {
    "truncated": None,   # filled in from a real journal cut in half
    "not-json": b"{not json",
    "list": b"[1, 2, 3]",
    "wrong-types": json.dumps({"post_path": 5, "text": ["a"], "base_hash": None}).encode(),
    "lone-surrogate": b'{"post_path": "", "text": "\\ud800", "base_hash": null, "saved_at": 1}',
    "bad-utf8": b'{"post_path": "", "text": "\xff\xfe", "base_hash": null}',
    "huge-number": b'{"post_path": "", "text": "a", "base_hash": null, "saved_at": 1e999999}',
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "empty": b"",
}


@pytest.mark.parametrize("kind", sorted(CORRUPT))
def test_corrupt_or_truncated_journal_is_skipped_with_a_warning(tmp_path, kind, caplog):
    good = recovery.write(tmp_path / "good.md", "kept", None)
    data = CORRUPT[kind]
    if data is None:
        whole = (recovery.recovery_dir() / f"{good}.json").read_bytes()
        data = whole[:len(whole) // 2]
    bad = recovery.recovery_dir() / f"{kind}.json"
    bad.write_bytes(data)
    with caplog.at_level(logging.WARNING, logger="editor.core.files.recovery"):
        found = recovery.entries()
    assert [j.text for j in found] == ["kept"]
    assert any(str(bad) in r.getMessage() for r in caplog.records), caplog.text
    assert bad.exists()     # skipped, not deleted: it may be the only copy of something


def test_a_fifo_in_the_journal_folder_does_not_block(tmp_path, caplog):
    recovery.write(tmp_path / "good.md", "kept", None)
    os.mkfifo(recovery.recovery_dir() / "fifo.json")
    with caplog.at_level(logging.WARNING, logger="editor.core.files.recovery"):
        assert [j.text for j in recovery.entries()] == ["kept"]
    assert "fifo.json" in caplog.text


def test_write_private_replaces_a_symlink_instead_of_writing_through_it(tmp_path, umask):
    victim = tmp_path / "victim"
    victim.write_bytes(b"precious")
    folder = private_dir(tmp_path / "app" / "sub", top=tmp_path / "app")
    (folder / "f").symlink_to(victim)
    write_private(folder / "f", b"new")
    assert victim.read_bytes() == b"precious"
    assert not (folder / "f").is_symlink() and mode(folder / "f") == 0o600
    assert_private_tree(tmp_path / "app")


def test_index_cache_is_private(tmp_path, umask):
    from editor.core.index.site_index import SiteIndex, cache_path
    from editor.core.hugo.site import open_site
    from tests.sitegen import make_site
    root = make_site(tmp_path, {"posts/draft.md": "---\ntitle: Secret draft title\ndraft: true\n---\n"})
    SiteIndex(open_site(root)).refresh(start="in-process")
    assert cache_path().is_file()
    assert_private_tree(cache_path().parent)


def test_site_preview_scratch_copies_of_the_buffer_are_private(tmp_path, umask):
    from editor.core.hugo.site import open_site
    from editor.core.site_preview import cache_root, plan_for
    from tests.sitegen import make_site
    root = make_site(tmp_path, {"posts/one.md": "---\ntitle: One\n---\nsaved\n"})
    plan = plan_for(open_site(root))      # the real cache folder under $XDG_CACHE_HOME
    plan.prepare()
    try:
        written = plan.write(root / "content" / "posts" / "one.md", "---\ntitle: One\n---\nunsaved secret\n")
        assert written is not None and written.read_text().endswith("unsaved secret\n")
        app = cache_root().parent
        assert app.name == "hugo-post-editor"
        assert_private_tree(app)
    finally:
        plan.cleanup()


def test_settings_and_personal_dictionary_folders_are_private(tmp_path, umask, qapp):
    from editor.services.settings import Settings, settings_file
    from editor.services.checks.spelling import SpellService, personal_dictionary_path
    s = Settings()
    s.set_last_paths(str(tmp_path), None)
    s.sync()
    assert settings_file().is_file()
    assert mode(settings_file().parent) == 0o700
    service = SpellService()
    service.add_word("Zyxwvutsrq")
    assert personal_dictionary_path().read_text().count("Zyxwvutsrq") == 1
    assert_private_tree(personal_dictionary_path().parent)


def test_relative_xdg_folders_are_ignored_not_used_from_the_current_folder(tmp_path, monkeypatch):
    from editor.core.index.site_index import cache_path
    home = tmp_path / "home"
    work = tmp_path / "site-repo"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_DATA_HOME", "relative-data")
    monkeypatch.setenv("XDG_CACHE_HOME", "relative-cache")
    recovery.write(tmp_path / "p.md", "unsaved", None)
    assert recovery.recovery_dir().is_relative_to(home / ".local" / "share")
    assert cache_path().is_relative_to(home / ".cache")
    assert list(work.iterdir()) == []


def test_journal_that_cannot_be_moved_or_removed_is_still_offered_not_a_crash(tmp_path, monkeypatch, caplog):
    post = tmp_path / "p.md"
    recovery.write(post, "unsaved", None)
    journal = recovery.read(post)

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(Path, "unlink", refuse)
    with caplog.at_level(logging.WARNING, logger="editor.core.files.recovery"):
        assert recovery.set_aside(journal).text == "unsaved"
        recovery.clear(post)
    assert "could not be set aside" in caplog.text and "could not be removed" in caplog.text
