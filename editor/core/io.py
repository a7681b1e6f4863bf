"""Reading and writing post files: load/loads/dumps/save, with atomic writes that keep permissions."""

from __future__ import annotations

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


def read_bytes(path: str | os.PathLike) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
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
    """
    path = os.fspath(path)
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
        atomic_write(target, to_bytes(post))
    except OSError as exc:
        raise PostError(f"cannot save: {exc.strerror or exc}", path=target) from exc
    if path is None or os.path.abspath(target) == os.path.abspath(post.path or ""):
        post.mark_saved()
    return Path(target)
