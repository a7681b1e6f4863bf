"""Export keeps the post's URL (its own file name), names the URL before writing, and goes where Hugo looks."""

from __future__ import annotations

import pytest

from editor.cli import main
from editor.core import load
from editor.core.hugo import binary as hugo
from editor.core.files.export import ExportError, default_slug, resolve_content_dir
from tests.sitegen import make_site

TOML_POST = "+++\ntitle = 'Writing front matter in TOML'\n+++\nBody\n"


def _listing(root) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_a_post_without_slug_keeps_its_file_name_and_so_its_url(tmp_path, capsys):
    src = make_site(tmp_path / "a", {"posts/toml-front-matter.md": TOML_POST})
    dest = make_site(tmp_path / "b", {})
    post = src / "content" / "posts" / "toml-front-matter.md"
    assert default_slug(load(post)) == "toml-front-matter"
    assert main(["export", str(post), "--to", str(dest / "content")]) == 0
    captured = capsys.readouterr()
    target = dest / "content" / "posts" / "toml-front-matter.md"
    assert captured.out.splitlines() == ["URL: /posts/toml-front-matter/", str(target)]
    assert captured.err == ""
    assert target.read_text() == TOML_POST


def test_a_bundle_keeps_its_folder_name(tmp_path, capsys):
    src = make_site(tmp_path / "a", {"posts/my-trip/index.md": "---\ntitle: A Trip To Rome\n---\nx\n"})
    dest = make_site(tmp_path / "b", {})
    assert main(["export", str(src / "content/posts/my-trip/index.md"), "--to", str(dest), "--bundle"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "URL: /posts/my-trip/"
    assert (dest / "content/posts/my-trip/index.md").is_file()


def test_the_cli_warns_when_the_url_changes(tmp_path, capsys):
    src = make_site(tmp_path / "a", {"posts/old-name.md": "---\ntitle: T\n---\nx\n"})
    dest = make_site(tmp_path / "b", {})
    assert main(["export", str(src / "content/posts/old-name.md"), "--to", str(dest),
                 "--slug", "new-name"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == "URL: /posts/new-name/"
    assert "URL changes from /posts/old-name/ to /posts/new-name/" in captured.err
    assert len(captured.err.strip().splitlines()) == 1


@pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
def test_export_to_a_site_root_lands_in_its_content_dir_where_hugo_finds_it(tmp_path, capsys):
    src = make_site(tmp_path / "a", {"posts/toml-front-matter.md": TOML_POST})
    dest = make_site(tmp_path / "b", {}, config="baseURL = 'https://example.org/'\ncontentDir = 'words'\n")
    (dest / "words").mkdir()
    assert main(["export", str(src / "content/posts/toml-front-matter.md"), "--to", str(dest)]) == 0
    printed = capsys.readouterr().out.splitlines()[0]
    assert (dest / "words/posts/toml-front-matter.md").is_file()
    assert not (dest / "posts").exists()
    pages = [p for p in hugo.list_pages(dest) if p.kind == "page"]
    assert [p.permalink for p in pages] == ["https://example.org/posts/toml-front-matter/"]
    assert printed == "URL: /posts/toml-front-matter/"


def test_a_folder_that_is_neither_a_site_nor_content_is_refused_in_one_line(tmp_path, capsys):
    src = make_site(tmp_path / "a", {"posts/x.md": TOML_POST})
    stray = tmp_path / "Downloads"
    stray.mkdir()
    before = _listing(tmp_path)
    assert main(["export", str(src / "content/posts/x.md"), "--to", str(stray)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "neither a Hugo site" in err
    assert _listing(tmp_path) == before
    with pytest.raises(ExportError):
        resolve_content_dir(stray)


def test_content_folders_are_accepted(tmp_path):
    site = make_site(tmp_path, {})
    assert resolve_content_dir(site) == site / "content"
    assert resolve_content_dir(site / "content") == site / "content"
