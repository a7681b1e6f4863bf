"""Reading and writing post files: load/loads/dumps/save, with atomic writes that keep permissions."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from editor.core.errors import PostError
from editor.core.post import Post
from editor.core.text import decode, encode


def loads(text: str, path: str | None = None) -> Post:
    """Parse a post from text (a leading BOM is remembered and written back)."""
    bom = text.startswith("\ufeff")
    return Post(text[1:] if bom else text, path=path, bom=bom)


MAX_BYTES = 64 * 1024 * 1024   # no post is this large; reading it would only freeze the window


def read_bytes(path: str | os.PathLike) -> bytes:
    """The file's bytes; folders, pipes, devices and absurdly large files raise PostError (never block)."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block the reader forever, a device could be endless.
            raise PostError("is not a regular file (a pipe, socket or device)", path=str(path))
        if info.st_size > MAX_BYTES:
            raise PostError(f"is {info.st_size / 2**20:.0f} MB, too large for a post "
                            f"(the limit is {MAX_BYTES // 2**20} MB)", path=str(path))
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise PostError("is a folder, not a post file", path=str(path)) from None
    except OSError as exc:
        raise PostError(f"cannot read the file: {exc.strerror or exc}", path=str(path)) from None


def load(path: str | os.PathLike) -> Post:
    """Read and parse a post file; anything unreadable raises PostError naming file and line."""
    path = os.fspath(path)
    decoded = decode(read_bytes(path), path)
    return Post(decoded.text, path=path, bom=decoded.bom, newline=decoded.newline)


def dumps(post: Post) -> str:
    """The post's text exactly as it would be saved (BOM included when the file had one)."""
    return ("\ufeff" if post.bom else "") + post.text


def to_bytes(post: Post) -> bytes:
    return encode(post.text, post.bom)


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write `data` to `path` atomically: temp file in the same folder, fsync, os.replace, fsync folder.

    The file keeps its permissions; on any failure the original is untouched and OSError propagates.
    A symlink is written through (its target is replaced), so the link stays a link.
    """
    path = os.fspath(path)
    if os.path.islink(path):
        path = os.path.realpath(path)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
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


def save(post: Post, path: str | os.PathLike | None = None) -> Path:
    """Write the post (to the path it was loaded from by default); returns the path written."""
    target = os.fspath(path) if path is not None else post.path
    if not target:
        raise PostError("the post has no file name; give a path to save it")
    try:
        refuse_read_only(target)
        atomic_write(target, to_bytes(post))
    except OSError as exc:
        raise PostError(f"cannot save: {describe_os_error(exc)}; the file on disk is unchanged",
                        path=target) from exc
    if path is None or os.path.abspath(target) == os.path.abspath(post.path or ""):
        post.mark_saved()
    return Path(target)


_CAUSES = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is exceeded",
           errno.EACCES: "permission denied", errno.EPERM: "permission denied",
           errno.EROFS: "the file system is read-only", errno.ENOENT: "the folder does not exist",
           errno.EIO: "an input/output error (failing disk or lost network share)"}


def describe_os_error(exc: OSError) -> str:
    """The cause of an OSError in words an author understands, with the system's own text."""
    cause = _CAUSES.get(exc.errno or 0)
    detail = exc.strerror or str(exc)
    return f"{cause} ({detail})" if cause and cause.lower() != detail.lower() else detail


def refuse_read_only(path: str | os.PathLike) -> None:
    """Raise EACCES for an existing file without any write permission bit (even when we could
    replace it, e.g. as root or in a writable folder: the author marked it read-only)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode) and not mode & 0o222:
        raise PermissionError(errno.EACCES, "the file is read-only", os.fspath(path))
