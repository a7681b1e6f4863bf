"""Export --bundle and image drop copy only regular files living in the post's folder; Windows device names refused."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest
from PIL import Image

from editor.cli import main
from editor.core.files.export import ExportError, check_slug, plan_export, target_path, write_export
from editor.services.document import images as image_service

SECRET = b"-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n"


@pytest.fixture
def home(tmp_path) -> Path:
    """A fake home with a private key outside the post's folder."""
    ssh = tmp_path / "home" / ".ssh"
    ssh.mkdir(parents=True)
    (ssh / "id_rsa").write_bytes(SECRET)
    return tmp_path / "home"


@pytest.fixture
def bundle_post(tmp_path, home) -> Path:
    src = tmp_path / "drafts" / "walk"
    src.mkdir(parents=True)
    (src / "cover.png").write_bytes(b"PNG-cover")
    (src / "photo.png").symlink_to(home / ".ssh" / "id_rsa")        # a link that leads out
    (src / "alias.png").symlink_to("cover.png")                     # a link that stays inside
    (src / "linked").symlink_to(home / ".ssh")                      # a linked folder leading out
    (src / "notes.txt").write_bytes(b"private notes")                # not an image
    post = src / "index.md"
    post.write_text("---\ntitle: Walk\n---\n![c](cover.png)\n![p](photo.png)\n![a](alias.png)\n"
                    "<img src=\"linked/id_rsa\">\n![n](notes.txt)\n", encoding="utf-8")
    return post


@pytest.fixture
def content(tmp_path) -> Path:
    d = tmp_path / "site" / "content"
    d.mkdir(parents=True)
    return d


def _tree_bytes(folder: Path) -> list[bytes]:
    return [p.read_bytes() for p in folder.rglob("*") if p.is_file()]


def test_bundle_export_copies_only_files_living_in_the_post_folder(bundle_post, content, capsys):
    code = main(["export", str(bundle_post), "--to", str(content), "--slug", "walk", "--bundle"])
    out, err = capsys.readouterr()
    assert code == 0, err
    bundle = content / "posts" / "walk"
    assert not any(SECRET in b for b in _tree_bytes(content)), "a private key went into the site"
    assert sorted(p.name for p in bundle.iterdir()) == ["alias.png", "cover.png", "index.md"]
    assert not any(p.is_symlink() for p in bundle.iterdir())
    assert (bundle / "alias.png").read_bytes() == b"PNG-cover"
    # Every skipped file is named on stderr with why; every copied file on stdout.
    assert "photo.png" in err and "leads outside" in err
    assert "linked/id_rsa" in err and "notes.txt" in err and "not an image" in err
    assert out.splitlines() == ["URL: /posts/walk/", str(bundle / "index.md"), f"copied {bundle / 'cover.png'}",
                                f"copied {bundle / 'alias.png'}"]


def test_a_file_swapped_for_a_link_after_planning_is_not_copied(bundle_post, content, home):
    post_dir = bundle_post.parent
    plan = plan_export(bundle_post.read_bytes(), "![c](cover.png)\n", str(bundle_post), content,
                       "posts", "walk", True)
    assert [s.name for s, _ in plan.images] == ["cover.png"]
    (post_dir / "cover.png").unlink()
    (post_dir / "cover.png").symlink_to(home / ".ssh" / "id_rsa")
    with pytest.raises(ExportError, match="leads outside"):
        write_export(plan)
    assert not any(SECRET in b for b in _tree_bytes(content))


def test_a_fifo_referenced_as_an_image_is_skipped_not_read(tmp_path, content):
    src = tmp_path / "p"
    src.mkdir()
    os.mkfifo(src / "pipe.png")
    post = src / "index.md"
    post.write_text("![x](pipe.png)\n")
    done = threading.Event()
    result = {}

    def run():
        result["plan"] = plan_export(post.read_bytes(), post.read_text(), str(post), content, "posts", "p", True)
        write_export(result["plan"])
        done.set()
    t = threading.Thread(target=run, daemon=True)
    t.start()
    if not done.wait(20):
        with open(src / "pipe.png", "wb"):   # unblock the reader so the thread can end
            pass
        pytest.fail("export blocked on a FIFO")
    assert result["plan"].copied == []
    assert [p.name for p in (content / "posts" / "p").iterdir()] == ["index.md"]


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (20, 10), (0, 128, 0)).save(buf, "JPEG")
    return buf.getvalue()


def test_dropped_link_leading_out_is_refused(tmp_path):
    private = tmp_path / "private"
    private.mkdir()
    (private / "passport.jpg").write_bytes(_jpeg())
    desktop = tmp_path / "desktop"
    desktop.mkdir()
    (desktop / "cat.jpg").symlink_to(private / "passport.jpg")
    (desktop / "dog.jpg").write_bytes(_jpeg())
    (desktop / "same.jpg").symlink_to("dog.jpg")
    with pytest.raises(image_service.ImageError, match="leads outside"):
        image_service.read_image_file(str(desktop / "cat.jpg"))
    assert image_service.read_image_file(str(desktop / "dog.jpg")) == _jpeg()
    assert image_service.read_image_file(str(desktop / "same.jpg")) == _jpeg()
    os.mkfifo(desktop / "pipe.jpg")
    with pytest.raises(image_service.ImageError, match="not a regular file"):
        image_service.read_image_file(str(desktop / "pipe.jpg"))


def test_pasted_image_never_writes_through_a_link_planted_in_the_bundle(tmp_path):
    bundle = tmp_path / "content" / "posts" / "p"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text("---\ntitle: p\n---\n")
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    (bundle / "image.png").symlink_to(victim)            # dangling: exists() says False
    (bundle / "image-2.png").symlink_to(bundle / "index.md")
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "PNG")
    name, _alt = image_service.add_image(str(bundle / "index.md"), buf.getvalue(), "image.png", 100)
    assert name == "image-3.png"
    assert not victim.exists()
    assert (bundle / "index.md").read_text() == "---\ntitle: p\n---\n"


@pytest.mark.parametrize("name", ["CONIN$", "conout$", "clock$", "CLOCK$.md", "COM¹", "lpt³.txt", "com0",
                                  "COM\u00b2", "nul.tar.gz", "Con "])
def test_windows_device_names_are_refused(name, content):
    with pytest.raises(ExportError):
        check_slug(name)
    with pytest.raises(ExportError):
        target_path(content, name, "x", False)
