"""Images for page bundles (plain Python + Pillow): safe names, resize to a width, metadata stripped."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}
_SAVE_AS = {"BMP": "PNG", "TIFF": "PNG", "MPO": "JPEG"}   # formats a browser may not show


def safe_stem(name: str) -> str:
    """A file stem Hugo and every web server take as is: lower-case ASCII, digits and dashes."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60].strip("-") or "image"


def alt_text(stem: str) -> str:
    """`my_photo-2` → `my photo 2` (a starting point the author replaces)."""
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return words or "image"


def prepare(data: bytes, max_width: int) -> tuple[bytes, str, tuple[int, int]]:
    """(bytes to write, suffix, (width, height)): EXIF orientation applied, metadata (EXIF, GPS,
    XMP, ICC text chunks, comments) dropped, scaled down to `max_width`. Animated images are
    kept as they are (re-encoding would drop frames)."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as src:
        fmt = src.format or "PNG"
        if getattr(src, "is_animated", False) and getattr(src, "n_frames", 1) > 1:
            return data, _FORMATS.get(fmt, ".gif"), src.size
        image = ImageOps.exif_transpose(src)
        fmt = _SAVE_AS.get(fmt, fmt if fmt in _FORMATS else "PNG")
        if image.width > max_width > 0:
            height = max(1, round(image.height * max_width / image.width))
            image = image.resize((max_width, height), Image.Resampling.LANCZOS)
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        # Nothing of the source's info (EXIF, GPS, XMP, ICC profile, text chunks, comments) is
        # written: only transparency, which is pixels, not metadata.
        keep: dict[str, Any] = {k: image.info[k] for k in ("transparency",) if k in image.info}
        image.info = {k: v for k, v in keep.items()}
        if hasattr(image, "_exif"):
            image._exif = None
        out = io.BytesIO()
        options: dict[str, Any] = {"quality": 90, "optimize": True} if fmt == "JPEG" else dict(keep)
        image.save(out, fmt, **options)
        clean = image
        return out.getvalue(), _FORMATS[fmt], clean.size


def unique_name(folder: Path, stem: str, suffix: str, data: bytes | None = None) -> str:
    """`stem.suffix`, or `stem-2.suffix`… when taken (a file with the same bytes is reused)."""
    for n in range(1, 10_000):
        name = f"{stem}{'' if n == 1 else f'-{n}'}{suffix}"
        path = folder / name
        if not os.path.lexists(path):   # a dangling link is taken too: writing would follow it
            return name
        if data is not None and not path.is_symlink() and path.is_file() \
                and path.stat().st_size == len(data) and path.read_bytes() == data:
            return name
    raise FileExistsError(f"no free name for {stem}{suffix} in {folder}")


def is_bundle(post_path: str | Path) -> bool:
    """Leaf (index.md) or branch (_index.md) bundle: images beside it are the page's resources."""
    return Path(post_path).stem in ("index", "_index")


def bundle_path(post_path: str | Path) -> Path:
    """Where a single-file post goes as a leaf bundle: posts/slug.md → posts/slug/index.md."""
    p = Path(post_path)
    return p.parent / p.stem / f"index{p.suffix}"
