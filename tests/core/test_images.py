"""Images for page bundles: resized to a width, metadata stripped, safe unique names."""

from __future__ import annotations

import io

from PIL import Image

from editor.core.files import images


def jpeg_with_exif(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"      # Make
    exif[0x0112] = 6                   # Orientation: rotate 90° when shown
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"secret comment")
    return out.getvalue()


def test_large_jpeg_is_resized_oriented_and_stripped():
    data = jpeg_with_exif(3000, 1000)
    assert b"CameraMaker" in data
    payload, suffix, size = images.prepare(data, 1200)
    assert suffix == ".jpg"
    # EXIF orientation 6 turns the 3000x1000 picture upright (1000x3000), under the width limit.
    assert size == (1000, 3000)
    with Image.open(io.BytesIO(payload)) as out:
        assert out.size == (1000, 3000)
        assert not out.getexif()
        assert "comment" not in out.info and "exif" not in out.info
    assert b"CameraMaker" not in payload and b"secret comment" not in payload


def test_wide_png_keeps_aspect_and_transparency():
    image = Image.new("RGBA", (2400, 600), (0, 0, 0, 0))
    out = io.BytesIO()
    from PIL import PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone private")
    image.save(out, "PNG", pnginfo=info)
    payload, suffix, size = images.prepare(out.getvalue(), 1600)
    assert (suffix, size) == (".png", (1600, 400))
    with Image.open(io.BytesIO(payload)) as result:
        assert result.mode == "RGBA" and result.getpixel((5, 5))[3] == 0
        assert "Author" not in result.info
    small, _, small_size = images.prepare(out.getvalue(), 0)
    assert small_size == (2400, 600)


def test_names_are_safe_and_unique(tmp_path):
    assert images.safe_stem("Mon Été — photo (1)") == "mon-ete-photo-1"
    assert images.safe_stem("???") == "image"
    assert images.alt_text("my_photo-2") == "my photo 2"
    (tmp_path / "photo.png").write_bytes(b"one")
    assert images.unique_name(tmp_path, "photo", ".png", b"two") == "photo-2.png"
    assert images.unique_name(tmp_path, "photo", ".png", b"one") == "photo.png"   # same bytes: reused
    assert images.is_bundle("posts/x/index.md") and not images.is_bundle("posts/x.md")
    assert images.bundle_path("posts/my-post.md").as_posix() == "posts/my-post/index.md"
