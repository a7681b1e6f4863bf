"""Reading a post's bytes: the whole file, up to the limit, without setting aside the limit's 64 MiB."""

from __future__ import annotations

import os
import tracemalloc

import pytest

from editor.core.files import io
from editor.core.post import PostError


def test_a_read_sets_aside_about_the_files_size(tmp_path):
    post = tmp_path / "long.md"
    post.write_bytes(b"word " * 80_000)    # 400 KB
    tracemalloc.start()
    try:
        data = io.read_bytes(post)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data == post.read_bytes()
    assert peak < 2 * len(data)      # it was MAX_BYTES + 1 (64 MiB) for every read


def test_a_file_that_grew_since_its_stat_is_read_whole(tmp_path, monkeypatch):
    post = tmp_path / "growing.md"
    post.write_bytes(b"x" * 10_000)
    real = os.fstat

    def stale(fd):   # the size seen before another program appended to the file
        info = real(fd)
        return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink, info.st_uid, info.st_gid,
                               100, info.st_atime, info.st_mtime, info.st_ctime))
    monkeypatch.setattr(io.os, "fstat", stale)
    assert io.read_bytes(post) == b"x" * 10_000


def test_the_limit_still_holds(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "MAX_BYTES", 1000)
    post = tmp_path / "huge.md"
    post.write_bytes(b"y" * 5000)
    with pytest.raises(PostError, match="too large"):
        io.read_bytes(post)
    real_stat, real_fstat = os.stat, os.fstat

    def small(info: os.stat_result) -> os.stat_result:   # the size seen before it grew
        return os.stat_result(tuple(info[:6]) + (100,) + tuple(info[7:10]))
    monkeypatch.setattr(io.os, "stat", lambda p, *a, **k: small(real_stat(p, *a, **k)))
    monkeypatch.setattr(io.os, "fstat", lambda fd: small(real_fstat(fd)))
    assert len(io.read_bytes(post)) == 1001    # grown past the limit since its stat: one byte over, never all
