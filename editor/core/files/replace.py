"""The app's one temp-file-and-rename: bytes written beside a path, fsynced, renamed over it, the folder fsynced."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import BinaryIO


def replace_file(path: str | os.PathLike[str], write: Callable[[BinaryIO], object], *, mode: int | None = None,
                 before_rename: Callable[[int, str], object] | None = None,
                 temp_dir: str | os.PathLike[str] | None = None, durable: bool = True) -> None:
    """Create a temp file beside `path` (or in `temp_dir`, on the same file system), let `write` fill
    it, run `before_rename(fd, temp_path)` (owner, xattrs, times), fsync, give it `mode` (else
    mkstemp's 0600), rename it over `path`, fsync the folder. A crash leaves the old file or the new
    one, never a mix; on failure the temp file goes and the exception propagates. `path` itself is
    replaced: a symlink there is not followed. `durable=False` skips both fsyncs, for scratch copies
    that a crash may lose (the site preview's buffer, where latency counts)."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp",
                               dir=temp_dir if temp_dir is not None else folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            if before_rename is not None:
                before_rename(fh.fileno(), tmp)
            if durable:
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)   # after before_rename: a chown clears set-id bits
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        fsync_folder(folder)


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Make a rename in `folder` durable (best effort: some file systems refuse to fsync a folder)."""
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
