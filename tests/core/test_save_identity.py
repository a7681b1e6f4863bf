"""Saving keeps the file's identity (owner, group, xattrs, hard links) and never replaces special files."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from editor.core import PostError, load, loads, save
from editor.core.files import io as core_io

POST = "---\ntitle: Identity\ndraft: true\n---\nbody\n"


def _edit(path):
    post = load(path)
    post["draft"] = False
    save(post)
    return load(path)


def test_fifo_behind_a_symlink_is_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "post.md"
    link.symlink_to(fifo)
    post = loads(POST, path=str(link))
    with pytest.raises(PostError, match="not a regular file") as info:
        save(post)
    assert info.value.path == str(link)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and link.is_symlink()
    with pytest.raises(PostError, match="not a regular file"):
        save(post, fifo)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_device_is_refused(tmp_path):
    # A private copy of /dev/null's device node: replacing it would harm nothing if the test failed.
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    link = tmp_path / "post.md"
    link.symlink_to(device)
    with pytest.raises(PostError, match="not a regular file"):
        save(loads(POST, path=str(link)))
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_folder_is_refused(tmp_path):
    (tmp_path / "post.md").mkdir()
    with pytest.raises(PostError):
        save(loads(POST, path=str(tmp_path / "post.md")))
    assert (tmp_path / "post.md").is_dir()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_owner_and_group_are_kept(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST)
    os.chown(path, 12345, 23456)
    path.chmod(0o640)
    assert _edit(path)["draft"] is False
    info = os.stat(path)
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (12345, 23456, 0o640)


def test_extended_attributes_are_kept(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST)
    try:
        os.setxattr(path, "user.origin", b"camera-roll")
        os.setxattr(path, "user.empty", b"")
    except OSError as exc:
        if exc.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            pytest.skip("this file system does not support user xattrs")
        raise
    assert _edit(path)["draft"] is False
    assert os.getxattr(path, "user.origin") == b"camera-roll"
    assert os.getxattr(path, "user.empty") == b""


def test_hard_links_stay_joined(tmp_path):
    path = tmp_path / "post.md"
    path.write_text(POST)
    other = tmp_path / "elsewhere.md"
    os.link(path, other)
    inode = os.stat(path).st_ino
    assert _edit(path)["draft"] is False
    assert os.stat(path).st_ino == inode and os.stat(path).st_nlink == 2
    assert other.read_text() == path.read_text() and "draft: false" in other.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.md", "post.md"]   # no backup left


def test_hard_link_write_failure_puts_the_old_bytes_back(tmp_path, monkeypatch):
    path = tmp_path / "post.md"
    path.write_text(POST)
    os.link(path, tmp_path / "other.md")
    real = core_io._overwrite
    calls = []

    def failing(target, data):
        calls.append(data)
        if len(calls) == 1:   # the new text: half written, then the disk is full
            with open(target, "r+b") as fh:
                fh.write(data[:10])
            raise OSError(errno.ENOSPC, "No space left on device")
        real(target, data)

    monkeypatch.setattr(core_io, "_overwrite", failing)
    post = load(path)
    post["draft"] = False
    with pytest.raises(PostError, match="disk is full"):
        save(post)
    assert path.read_text() == POST and len(calls) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.md", "post.md"]


def test_hard_link_write_and_restore_failure_keeps_a_named_backup(tmp_path, monkeypatch):
    path = tmp_path / "post.md"
    path.write_text(POST)
    os.link(path, tmp_path / "other.md")

    def broken(target, data):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(core_io, "_overwrite", broken)
    post = load(path)
    post["draft"] = False
    with pytest.raises(PostError, match="previous text is kept in") as info:
        save(post)
    backups = [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert len(backups) == 1 and backups[0].read_text() == POST and str(backups[0]) in str(info.value)


def test_a_hung_writer_holding_the_lock_makes_save_fail_loudly(tmp_path, monkeypatch):
    import fcntl
    path = tmp_path / "post.md"
    path.write_text(POST)
    post = load(path)
    post["draft"] = False
    monkeypatch.setattr(core_io, "LOCK_TIMEOUT", 0.2)
    other = os.open(tmp_path, os.O_RDONLY | os.O_DIRECTORY)   # another program's lock on the folder
    try:
        fcntl.flock(other, fcntl.LOCK_EX)
        with pytest.raises(PostError, match="another program"):
            save(post)
        assert path.read_text() == POST
    finally:
        os.close(other)
    save(post)
    assert load(path)["draft"] is False


def test_hard_linked_file_swapped_for_a_symlink_is_not_written_through(tmp_path, monkeypatch):
    path = tmp_path / "post.md"
    path.write_text(POST)
    os.link(path, tmp_path / "other.md")
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    real_stat = os.stat

    def swapping_stat(p, *a, **k):
        result = real_stat(p, *a, **k)
        if os.fspath(p) == str(path) and result.st_nlink > 1 and not os.path.islink(path):
            os.unlink(path)                       # an attacker swaps the file for a link
            os.symlink(victim, path)
        return result

    post = load(path)
    post["draft"] = False
    monkeypatch.setattr(core_io.os, "stat", swapping_stat)
    with pytest.raises(PostError):
        save(post)
    assert victim.read_text() == "precious\n"
