"""Private app files: journals, caches and scratch copies readable by the author alone (0700/0600)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from editor.core.files.replace import replace_file

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: str | os.PathLike[str], *, top: str | os.PathLike[str] | None = None) -> Path:
    """Create `path` (and missing parents) as 0700 whatever the umask, and return it.

    Existing folders from `top` (the app's own folder) down to `path` are tightened to 0700 too:
    an older version (or another tool) may have left them 0755. Folders above `top` that exist
    are the author's and are left alone; missing ones are created 0700, as the XDG spec asks.
    """
    p = Path(path)
    missing: list[Path] = []
    q = p
    while not os.path.lexists(q) and q != q.parent:
        missing.append(q)
        q = q.parent
    for d in reversed(missing):
        try:
            os.mkdir(d, DIR_MODE)
        except FileExistsError:
            pass
        os.chmod(d, DIR_MODE)   # mkdir's mode is cut by the umask; chmod's is not
    if not p.is_dir():
        raise NotADirectoryError(20, "not a folder", str(p))
    if top is not None:
        t = Path(top)
        chain = [p, *p.parents]
        for d in chain[:chain.index(t) + 1] if t in chain else [p]:
            _tighten(d, DIR_MODE)
    else:
        _tighten(p, DIR_MODE)
    return p


def _tighten(path: Path, mode: int) -> None:
    st = os.stat(path)
    if stat.S_IMODE(st.st_mode) != mode and st.st_uid == os.getuid():
        os.chmod(path, mode)


def private_file(path: str | os.PathLike[str]) -> Path:
    """Make sure the file exists and is 0600 (for files another library writes, e.g. sqlite)."""
    p = Path(path)
    fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return p


def write_private(path: str | os.PathLike[str], data: bytes, mode: int = FILE_MODE) -> None:
    """Write `data` to `path` atomically as `mode` (0600 unless told): temp file beside it, fsync,
    rename, fsync folder.

    A symlink at `path` is replaced, never written through. On failure the old file is untouched
    and OSError propagates.
    """
    replace_file(path, lambda fh: fh.write(data), mode=mode)


def is_private(path: str | os.PathLike[str]) -> bool:
    """True when neither group nor others can read, write or enter `path` (a link is not followed)."""
    return not stat.S_IMODE(os.lstat(path).st_mode) & 0o077
