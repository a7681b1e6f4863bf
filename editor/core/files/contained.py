"""Copying files the author did not name one by one: only regular files that physically live under a folder."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path
from typing import BinaryIO

from editor.core.files.replace import replace_file

MAX_COPY_BYTES = 512 * 1024 * 1024   # an image or page resource, not a disk image


class NotContained(ValueError):
    """A file that must not be copied: it leads out of its folder, or is not a regular file."""


def _where(real: Path, path: Path, root: Path) -> str:
    return f"{path} leads outside {root} (to {real})"


def regular_file_under(path: str | os.PathLike[str], root: str | os.PathLike[str]) -> Path:
    """The real path of `path` when it is a regular file that physically lives under `root`.

    Symlinks are resolved first and the result must still be under the resolved `root`; a link
    to ~/.ssh/id_rsa named photo.png, or a linked folder leading out, raises NotContained, as do
    pipes, devices and folders (reading a FIFO would block, a device could be endless).
    """
    path, root = Path(path), Path(root)
    real_root = root.resolve()
    real = path.resolve()
    if not real.is_relative_to(real_root):
        raise NotContained(_where(real, path, root))
    try:
        info = os.stat(real)
    except OSError as exc:
        raise NotContained(f"{path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise NotContained(f"{path} is not a regular file")
    if info.st_size > MAX_COPY_BYTES:
        raise NotContained(f"{path} is {info.st_size // 2**20} MB, too large to copy")
    return real


def open_regular(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> BinaryIO:
    """Open `path` for reading as a binary file object, refusing what regular_file_under refuses.

    The file is opened by its real path with O_NOFOLLOW and O_NONBLOCK and checked again on the
    open descriptor, so a file swapped for a link or a FIFO after the check is still refused.
    """
    path = Path(path)
    # By default the file must live in the folder its name is in: a link there may point to a
    # neighbour, not to another folder.
    real = regular_file_under(path, root if root is not None else Path(os.path.abspath(path)).parent)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise NotContained(f"{path}: {exc.strerror or exc}") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_COPY_BYTES:
        os.close(fd)
        raise NotContained(f"{path} changed while it was being read")
    return os.fdopen(fd, "rb")


def read_regular(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> bytes:
    """The bytes of a contained regular file (see open_regular)."""
    with open_regular(path, root) as fh:
        data: bytes = fh.read(MAX_COPY_BYTES + 1)
        return data


def copy_regular(src: str | os.PathLike[str], root: str | os.PathLike[str], dest: str | os.PathLike[str]) -> None:
    """Copy a contained regular file to `dest` (a new file or a regular one; never through a link)."""
    dest = Path(dest)
    if dest.is_symlink():
        raise NotContained(f"{dest} is a symbolic link; not written through")
    with open_regular(src, root) as fh:
        replace_file(dest, lambda out: shutil.copyfileobj(fh, out),
                     # times and mode, as copy2 did
                     before_rename=lambda _fd, tmp: shutil.copystat(os.path.realpath(src), tmp))
