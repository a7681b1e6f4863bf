"""Images pasted or dropped into a post: saved into its leaf bundle (converting a single-file post first)."""

from __future__ import annotations

import os
from pathlib import Path

from editor.core.files import images
from editor.core.files.contained import NotContained, read_regular
from editor.core.files.io import atomic_write


class ImageError(Exception):
    """A message for the author; nothing was written."""


def needs_bundle(post_path: str | None) -> bool:
    return bool(post_path) and not images.is_bundle(post_path)


def convert_to_bundle(document) -> str:
    """Save the open post as slug/index.md (with its unsaved edits) and remove the single file."""
    old = document.path
    if not old:
        raise ImageError("Save the post first: images go into its folder.")
    new = images.bundle_path(old)
    if new.exists():
        raise ImageError(f"{new} already exists; the post was not converted.")
    new.parent.mkdir(parents=True, exist_ok=False)
    if not document.save_as(str(new)):
        try:
            new.parent.rmdir()
        except OSError:
            pass
        raise ImageError(f"could not write {new}")
    os.remove(old)
    return str(new)


def add_image(post_path: str, data: bytes, name_hint: str, max_width: int) -> tuple[str, str]:
    """Write the image beside the bundle's index; (file name to link, alt text)."""
    folder = Path(post_path).parent
    try:
        payload, suffix, _size = images.prepare(data, max_width)
    except Exception as exc:   # Pillow raises many kinds for a file that is not an image
        raise ImageError(f"{name_hint}: not an image Pillow can read ({exc})") from None
    stem = images.safe_stem(Path(name_hint).stem)
    name = images.unique_name(folder, stem, suffix, payload)
    target = folder / name
    if not os.path.lexists(target):
        atomic_write(target, payload)
    return name, images.alt_text(Path(name_hint).stem)


def read_image_file(path: str) -> bytes:
    """The bytes of a dropped file: a regular file that lives in the folder it was dropped from.

    A dropped link that leads to another folder (cat.png → ~/private/passport.jpg), a FIFO or a
    device is refused with a message instead of being read and copied into the site.
    """
    try:
        return read_regular(path)
    except NotContained as exc:
        raise ImageError(f"not copied: {exc}") from None
    except OSError as exc:
        raise ImageError(f"{path}: {exc.strerror or exc}") from None
