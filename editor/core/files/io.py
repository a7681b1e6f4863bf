"""Reading and writing post files: load/loads/dumps/save, with atomic writes that keep the file's identity.

How a save writes (and why):
- Checked: `save` refuses when the bytes on disk are not the bytes the post was read from (another
  program or a second `set` wrote meanwhile), unless `force`. The check and the write happen under an
  advisory lock (`flock`) on the file's *folder*: the file itself cannot be locked, because the
  atomic replace gives the path a new inode, so a second writer waiting on the old inode's lock
  would then run beside a third that locked the new one. The folder's inode never changes.
- Only regular files are written: a path that resolves (through symlinks) to a FIFO, device or socket
  is refused, never replaced by a regular file.
- Atomic: a temporary file in the same folder, fsync, `os.replace`, fsync of the folder. The new
  file gets the old one's permissions, owner and group (when we may chown: as root, or to our own
  groups) and extended attributes (so POSIX ACLs, SELinux labels and `user.*` tags survive).
- Except for hard links: a file with more than one link is written in place, so all its names keep
  showing the same file; atomicity is then replaced by a fsynced backup copy beside it, written
  before the file is touched and used to put the old bytes back if the write fails (it is kept,
  and named in the error, if even that fails).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.errors import PostError
from editor.core.post import Post
from editor.core.files.replace import fsync_folder, replace_file
from editor.core.files.text import decode, encode


def loads(text: str, path: str | None = None) -> Post:
    """Parse a post from text (a leading BOM is remembered and written back)."""
    bom = text.startswith("\ufeff")
    return Post(text[1:] if bom else text, path=path, bom=bom)


MAX_BYTES = 64 * 1024 * 1024   # no post is this large; reading it would only freeze the window


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes; folders, pipes, devices and absurdly large files raise PostError (never block)."""
    try:
        _check_readable(os.stat(path), path)   # devices are never even opened (a tape rewinds)
        # Then look again at what was opened: a FIFO swapped in since the stat would block the
        # reader forever (O_NONBLOCK makes opening one return at once; regular files ignore it).
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            info = os.fstat(fh.fileno())
            _check_readable(info, path)
            # read(n) sets aside n bytes first: ask for the file's size (+1), not for the 64 MiB limit.
            want = min(info.st_size, MAX_BYTES) + 1
            data = fh.read(want)
            if len(data) == want and want <= MAX_BYTES:   # it grew since its stat: read on to the limit
                data += fh.read(MAX_BYTES + 1 - want)
            return data
    except IsADirectoryError:
        raise PostError("is a folder, not a post file", path=str(path)) from None
    except OSError as exc:
        raise PostError(f"cannot read the file: {exc.strerror or exc}", path=str(path)) from None


def _check_readable(info: os.stat_result, path: str | os.PathLike[str]) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError
    if not stat.S_ISREG(info.st_mode):
        # A FIFO would block the reader forever, a device could be endless.
        raise PostError("is not a regular file (a pipe, socket or device)", path=str(path))
    if info.st_size > MAX_BYTES:
        raise PostError(f"is {info.st_size / 2**20:.0f} MB, too large for a post "
                        f"(the limit is {MAX_BYTES // 2**20} MB)", path=str(path))


def load(path: str | os.PathLike[str]) -> Post:
    """Read and parse a post file; anything unreadable raises PostError naming file and line."""
    path = os.fspath(path)
    data = read_bytes(path)
    decoded = decode(data, path)
    post = Post(decoded.text, path=path, bom=decoded.bom, newline=decoded.newline)
    post.disk_hash = bytes_hash(data)
    return post


def bytes_hash(data: bytes) -> str:
    """The fingerprint `save` compares to tell whether a file changed since it was read (sha256)."""
    return hashlib.sha256(data).hexdigest()


def disk_hash(path: str | os.PathLike[str]) -> str | None:
    """bytes_hash of the file now; None when it does not exist (unreadable files raise PostError)."""
    if not os.path.lexists(path):
        return None
    return bytes_hash(read_bytes(path))


def dumps(post: Post) -> str:
    """The post's text exactly as it would be saved (BOM included when the file had one)."""
    return ("\ufeff" if post.bom else "") + post.text


def to_bytes(post: Post) -> bytes:
    """The bytes a save writes; PostError naming the post's file for text that is not Unicode."""
    try:
        return encode(post.text, post.bom)
    except PostError as exc:
        raise exc.with_path(post.path) from None


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves either the old or the new bytes (see the module
    docstring): permissions, owner, group and extended attributes are kept; a symlink is written
    through (its target is replaced, the link stays a link); a hard-linked file is written in place.
    Anything but a regular file is refused. On any failure the original is untouched and OSError
    propagates."""
    path = os.fspath(path)
    if os.path.islink(path):
        path = os.path.realpath(path)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "it is not a regular file (a pipe, device, socket or folder); "
                      "refusing to replace it", path)
    if info is not None and info.st_nlink > 1:
        _write_in_place(path, data, folder, info)
        fsync_folder(folder)
        return
    if info is not None:
        mode = stat.S_IMODE(info.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    keep = None if info is None else (lambda fd, _tmp: _keep_identity(fd, path, info))
    replace_file(path, lambda fh: fh.write(data), mode=mode, before_rename=keep)


def _keep_identity(fd: int, original: str, info: os.stat_result) -> None:
    """Give the new file (open as `fd`) the owner, group and extended attributes of `original`."""
    if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, info.st_uid, info.st_gid)
        except PermissionError:
            try:   # not root: we may still keep the group if we belong to it
                os.fchown(fd, -1, info.st_gid)
            except PermissionError:
                pass
    try:
        names = os.listxattr(original)
    except OSError:   # no xattr support on this file system: nothing to keep
        return
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(original, name))
        except OSError as exc:
            # trusted.* and security.* need privileges we may not have; anything else is a real failure.
            if exc.errno not in (errno.EPERM, errno.EACCES, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise


def _write_in_place(path: str, data: bytes, folder: str, info: os.stat_result) -> None:
    """Overwrite a hard-linked file's bytes without replacing its inode, with a fsynced backup first."""
    # Not through a symlink swapped in since the stat (O_NOFOLLOW), and only the very file stat'ed.
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    with os.fdopen(fd, "rb") as fh:
        now = os.fstat(fh.fileno())
        if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino) or not stat.S_ISREG(now.st_mode):
            raise OSError(errno.EAGAIN, "the file was replaced while saving; try again", path)
        old = fh.read()
    fd, backup = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".bak", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(old)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(backup)
        raise
    try:
        _overwrite(path, data)
    except BaseException as exc:
        try:
            _overwrite(path, old)
        except OSError:
            raise OSError(getattr(exc, "errno", None) or errno.EIO,
                          f"{getattr(exc, 'strerror', None) or exc}; the file may be damaged, its "
                          f"previous text is kept in {backup}", path) from exc
        os.unlink(backup)
        raise
    os.unlink(backup)


def _overwrite(path: str, data: bytes) -> None:
    with open(os.open(path, os.O_RDWR | os.O_NOFOLLOW), "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


# ------------------------------------------------------------------ two writers
LOCK_TIMEOUT = 10.0   # seconds to wait for another writer of the same folder before failing loudly
_registry = threading.Lock()


@dataclass
class _FolderLock:
    """This process's hold on a folder's flock: reentrant (depth), one thread at a time (lock)."""
    fd: int | None = None
    depth: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock)


_held: dict[str, _FolderLock] = {}    # folder -> its lock in this process


@contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the advisory write lock of `path`'s folder (reentrant within a process): `set` holds it
    from reading to writing, `save` while it checks and writes. PostError if another program keeps
    it past LOCK_TIMEOUT."""
    folder = os.path.dirname(os.path.realpath(os.fspath(path)))
    with _registry:
        entry = _held.setdefault(folder, _FolderLock())
    with entry.lock:
        if entry.depth == 0:
            entry.fd = _flock(folder)
        entry.depth += 1
        try:
            yield
        finally:
            entry.depth -= 1
            if entry.depth == 0 and entry.fd is not None:
                os.close(entry.fd)   # closing the descriptor releases the flock
                entry.fd = None


def _flock(folder: str) -> int | None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return None   # a folder we cannot open: the on-disk check below still guards the write
    deadline = time.monotonic() + LOCK_TIMEOUT
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                raise PostError(f"another program has been saving in this folder for "
                                f"{LOCK_TIMEOUT:.0f} s; not saved", path=folder) from None
            time.sleep(0.005)
        except OSError:
            os.close(fd)
            return None   # a file system without flock


class ChangedOnDisk(PostError):
    """save() refused: the file's bytes are not the ones the post was read from."""


def write_checked(path: str | os.PathLike[str], data: bytes, expected: str | None, *, force: bool = False) -> None:
    """Atomically write `data` under the folder lock, but only while the file's bytes still hash to
    `expected` (None: no check, e.g. a new file or a save under another name) or with `force`."""
    path = os.fspath(path)
    with locked(path):
        if expected is not None and not force:
            current = disk_hash(path)
            gone = current is None and not os.path.isdir(os.path.dirname(os.path.abspath(path)))
            if current != expected and not gone:   # a vanished folder: the write says so below
                what = "was deleted or renamed" if current is None else "changed on disk"
                raise ChangedOnDisk(f"not saved: the file {what} since it was read (another program or "
                                "command wrote it); read it again, or save with force to overwrite",
                                path=path)
        try:
            refuse_read_only(path)
            atomic_write(path, data)
        except OSError as exc:
            raise PostError(f"cannot save: {describe_os_error(exc)}; the file on disk is unchanged",
                            path=path) from exc


def save(post: Post, path: str | os.PathLike[str] | None = None, *, force: bool = False) -> Path:
    """Write the post (to the path it was loaded from by default); returns the path written.

    PostError when the file changed on disk since the post was read from it (unless `force`), when
    it is not a regular file, or when the write fails (the file on disk is then unchanged)."""
    target = os.fspath(path) if path is not None else post.path
    if not target:
        raise PostError("the post has no file name; give a path to save it")
    own = bool(post.path and os.path.abspath(target) == os.path.abspath(post.path))
    try:
        data = to_bytes(post)
    except PostError as exc:
        raise exc.with_path(target) from None
    write_checked(target, data, getattr(post, "disk_hash", None) if own else None, force=force)
    if path is None or own:
        post.mark_saved()
        post.disk_hash = bytes_hash(data)
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


def refuse_read_only(path: str | os.PathLike[str]) -> None:
    """Raise EACCES for an existing file without any write permission bit (even when we could
    replace it, e.g. as root or in a writable folder: the author marked it read-only)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISREG(mode) and not mode & 0o222:
        raise PermissionError(errno.EACCES, "the file is read-only", os.fspath(path))
