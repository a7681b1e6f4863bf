"""Disk faults injected into saving: the original stays intact, no temp file is left, the error names file and cause."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

import editor.core.files.io as io_mod
from editor.core import PostError, load, save

ORIGINAL = b"---\ntitle: Kept\n---\nThe original body.\n"


@pytest.fixture
def post_file(tmp_path):
    path = tmp_path / "posts" / "kept.md"
    path.parent.mkdir()
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    return path


def _boom(code: int):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))
    return fail


class _FailingFile:
    """A file object whose write fails (a full disk halfway through), after writing part of the data."""

    def __init__(self, fh, code):
        self._fh, self._code = fh, code

    def write(self, data):
        self._fh.write(data[: len(data) // 2])
        raise OSError(self._code, os.strerror(self._code))

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()


def _failing_fdopen(code):
    real = os.fdopen

    def fdopen(fd, *args, **kwargs):
        return _FailingFile(real(fd, *args, **kwargs), code)
    return fdopen


# (what fails, errno, the words the author reads)
FAULTS = [
    ("write", errno.ENOSPC, "the disk is full"),
    ("write", errno.EIO, "input/output error"),
    ("write", errno.EDQUOT, "quota"),
    ("fsync", errno.ENOSPC, "the disk is full"),
    ("fsync", errno.EIO, "input/output error"),
    ("replace", errno.EACCES, "permission denied"),
    ("replace", errno.EXDEV, "link"),
    ("replace", errno.EROFS, "read-only"),
    ("chmod", errno.EPERM, "permission denied"),
    ("mkstemp", errno.EACCES, "permission denied"),    # what a read-only folder gives a normal user
    ("mkstemp", errno.EROFS, "read-only"),             # a read-only mount
    ("mkstemp", errno.ENOSPC, "the disk is full"),
]


@pytest.mark.parametrize("where,code,words", FAULTS, ids=[f"{w}-{errno.errorcode[c]}" for w, c, _ in FAULTS])
def test_injected_fault_leaves_the_original_intact(post_file, monkeypatch, where, code, words):
    post = load(post_file)
    post["title"] = "Changed"
    post.content = "A new body.\n"
    target = {"write": (os, "fdopen", _failing_fdopen(code)), "fsync": (os, "fsync", _boom(code)),
              "replace": (os, "replace", _boom(code)), "chmod": (os, "chmod", _boom(code)),
              "mkstemp": (tempfile, "mkstemp", _boom(code))}[where]
    with monkeypatch.context() as patch, pytest.raises(PostError) as info:
        patch.setattr(*target)
        save(post)
    message = str(info.value)
    assert str(post_file) in message and words in message.lower(), message
    assert "unchanged" in message
    assert post_file.read_bytes() == ORIGINAL
    assert oct(post_file.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in post_file.parent.iterdir()) == ["kept.md"]   # no temp file left
    assert post.changed                  # still unsaved: a retry can write it
    save(post)
    assert load(post_file)["title"] == "Changed"
    assert oct(post_file.stat().st_mode & 0o777) == oct(0o640)


def test_read_only_file_is_refused(post_file):
    post = load(post_file)
    post.content = "edited\n"
    post_file.chmod(0o444)
    with pytest.raises(PostError, match="read-only") as info:
        save(post)
    assert str(post_file) in str(info.value) and post_file.read_bytes() == ORIGINAL


def test_read_only_folder(post_file):
    post = load(post_file)
    post.content = "edited\n"
    post_file.parent.chmod(0o555)
    try:
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders; the injected mkstemp EACCES/EROFS cases cover it")
        with pytest.raises(PostError, match="permission denied"):
            save(post)
        assert post_file.read_bytes() == ORIGINAL
    finally:
        post_file.parent.chmod(0o755)


def test_missing_folder(post_file, tmp_path):
    post = load(post_file)
    post.content = "edited\n"
    post_file.unlink()
    post_file.parent.rmdir()
    with pytest.raises(PostError, match="the folder does not exist") as info:
        save(post)
    assert str(post_file) in str(info.value) and not post_file.parent.exists()


def test_symlinked_post_is_written_through_the_link(post_file, tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(post_file)
    post = load(link)
    post.content = "through the link\n"
    save(post)
    assert link.is_symlink() and post_file.read_text().endswith("through the link\n")


def test_pipes_and_huge_files_are_refused_without_blocking(tmp_path, monkeypatch):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(PostError, match="not a regular file"):
        load(fifo)                        # a plain open() would block forever here
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 1024)
    monkeypatch.setattr(io_mod, "MAX_BYTES", 512)
    with pytest.raises(PostError, match="too large"):
        load(big)
