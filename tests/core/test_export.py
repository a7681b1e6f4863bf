"""Export into a content folder: target paths, containment, leaf bundles with images, no silent overwrite."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from editor.commands import export as export_cmd
from editor.core import load
from editor.core.files.export import (ExportError, default_slug, local_images, plan_export, target_path,
                                      write_export)
from tests.conftest import SEED

POST = "---\ntitle: Photo walk\n---\n\n![a](cover.png)\n![b](img/sub.png \"t\")\n<img src=\"inline.jpg\">\n" \
       "![remote](https://example.com/x.png)\n![abs](/images/abs.png)\n![up](../outside.png)\n"


@pytest.fixture
def content(tmp_path) -> Path:
    d = tmp_path / "site" / "content"
    d.mkdir(parents=True)
    return d


@pytest.fixture
def photo_post(tmp_path) -> Path:
    src = tmp_path / "drafts" / "walk"
    (src / "img").mkdir(parents=True)
    (src / "cover.png").write_bytes(b"PNG1")
    (src / "img" / "sub.png").write_bytes(b"PNG2")
    (src / "inline.jpg").write_bytes(b"JPG")
    (tmp_path / "drafts" / "outside.png").write_bytes(b"OUT")
    post = src / "walk.md"
    post.write_text(POST, encoding="utf-8")
    return post


def test_target_paths(content):
    assert target_path(content, "posts", "my-post", False) == content / "posts" / "my-post.md"
    assert target_path(content, "posts", "my-post", True) == content / "posts" / "my-post" / "index.md"
    assert target_path(content, "blog/2020", "x", False) == content / "blog" / "2020" / "x.md"


@pytest.mark.parametrize("section,slug", [
    ("posts", ".."), ("posts", "../evil"), ("..", "x"), ("posts/../..", "x"), ("/etc", "x"),
    ("posts", "/etc/passwd"), ("posts", "a\x00b"), ("posts", "a/b"), ("posts", "a\\b"), ("", "x"),
    ("posts", ""), ("posts", "."), ("C:/x", "y"), ("posts", " x"),
])
def test_never_outside_the_content_folder(content, section, slug):
    with pytest.raises(ExportError):
        target_path(content, section, slug, False)
    with pytest.raises(ExportError):
        plan_export(b"x", "", None, content, section, slug, True)


def test_symlinked_section_leaving_content_is_refused(content, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (content / "posts").symlink_to(outside)
    with pytest.raises(ExportError):
        target_path(content, "posts", "x", False)


def test_local_images(photo_post):
    found, skipped = local_images(photo_post.read_text(), photo_post.parent)
    assert [str(p) for p in found] == ["cover.png", "img/sub.png", "inline.jpg"]
    assert skipped == ["../outside.png"]


def test_single_file_export_writes_the_bytes(content):
    data = SEED.read_bytes()
    post = load(SEED)
    plan = plan_export(data, post.content, str(SEED), content, "posts", default_slug(post), False)
    assert plan.conflicts == [] and plan.images == []
    written = write_export(plan)
    assert written == content / "posts" / "ibm-no-longer-offers-facial-recognition-software.md"
    assert written.read_bytes() == data


def test_bundle_copies_images(photo_post, content):
    post = load(photo_post)
    plan = plan_export(photo_post.read_bytes(), post.content, str(photo_post), content, "posts", "walk", True)
    write_export(plan)
    bundle = content / "posts" / "walk"
    assert (bundle / "index.md").read_bytes() == photo_post.read_bytes()
    assert (bundle / "cover.png").read_bytes() == b"PNG1"
    assert (bundle / "img" / "sub.png").read_bytes() == b"PNG2"
    assert (bundle / "inline.jpg").read_bytes() == b"JPG"
    assert not (content / "posts" / "outside.png").exists()
    assert plan.skipped == ["../outside.png"]


def test_different_existing_file_is_not_overwritten(content):
    target = content / "posts" / "x.md"
    target.parent.mkdir()
    target.write_bytes(b"other")
    plan = plan_export(b"mine", "", None, content, "posts", "x", False)
    assert plan.conflicts == [target]
    with pytest.raises(ExportError):
        write_export(plan)
    assert target.read_bytes() == b"other"
    write_export(plan, force=True)
    assert target.read_bytes() == b"mine"


def test_identical_existing_file_is_no_conflict(content):
    target = content / "posts" / "x.md"
    target.parent.mkdir()
    target.write_bytes(b"same")
    assert plan_export(b"same", "", None, content, "posts", "x", False).conflicts == []


def test_missing_content_folder(tmp_path):
    with pytest.raises(ExportError):
        plan_export(b"x", "", None, tmp_path / "nope", "posts", "x", False)


def _run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    export_cmd.add_parser(parser)
    return export_cmd.run(parser.parse_args(list(argv)))


def test_cli_export_and_conflict(tmp_path, content, capsys):
    post = tmp_path / "p.md"
    shutil.copyfile(SEED, post)
    assert _run_cli(str(post), "--to", str(content)) == 0
    out = capsys.readouterr().out.strip()
    target = content / "posts" / "p.md"   # the source's own name; the slug gives the URL
    assert out.splitlines() == ["URL: /posts/ibm-no-longer-offers-facial-recognition-software/", str(target)]
    assert target.read_bytes() == SEED.read_bytes()
    # Same bytes again: fine. Different bytes: exit 1, target untouched; --force overwrites.
    assert _run_cli(str(post), "--to", str(content)) == 0
    post.write_bytes(SEED.read_bytes().replace(b"draft: false", b"draft: true"))
    capsys.readouterr()
    assert _run_cli(str(post), "--to", str(content)) == 1
    assert "differs" in capsys.readouterr().err
    assert target.read_bytes() == SEED.read_bytes()
    assert _run_cli(str(post), "--to", str(content), "--force") == 0
    assert target.read_bytes() == post.read_bytes()


def test_cli_bundle_and_section(photo_post, content, capsys):
    assert _run_cli(str(photo_post), "--to", str(content), "--section", "notes", "--bundle") == 0
    bundle = content / "notes" / "walk"
    # The URL, the post's path, then every other file written (the author sees what goes public).
    assert capsys.readouterr().out.splitlines() == [
        "URL: /notes/walk/", str(bundle / "index.md"),
        *(f"copied {bundle / n}" for n in ("cover.png", "img/sub.png", "inline.jpg"))]
    assert (bundle / "img" / "sub.png").is_file()


def test_cli_rejects_escaping_section(tmp_path, content, capsys):
    post = tmp_path / "p.md"
    shutil.copyfile(SEED, post)
    assert _run_cli(str(post), "--to", str(content), "--section", "../..") == 2
    assert list(tmp_path.rglob("*.md")) == [post]


def test_cli_through_main(tmp_path, content, capsys):
    from editor.cli import main
    post = tmp_path / "p.md"
    shutil.copyfile(SEED, post)
    code = main(["export", str(post), "--to", str(content), "--slug", "chosen"])
    assert code == 0
    assert (content / "posts" / "chosen.md").read_bytes() == SEED.read_bytes()
