"""Hugo run on the author's behalf leaves nothing in the author's folder but what was asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.cli import main
from editor.core.hugo import binary as hugo
from tests.sitegen import make_site

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")


def _listing(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def test_new_in_a_bare_content_folder_adds_only_the_post(tmp_path, capsys):
    author = tmp_path / "blog"
    (author / "content" / "posts").mkdir(parents=True)
    (author / "content" / "posts" / "old.md").write_text("---\ntitle: Old\n---\nx\n")
    before = _listing(author)
    assert main(["new", str(author / "content"), "--title", "Hello there"]) == 0
    assert capsys.readouterr().out.strip().endswith("content/posts/hello-there.md")
    assert _listing(author) - before == {"content/posts/hello-there.md"}
    assert before - _listing(author) == set()


def test_new_in_a_site_adds_only_the_post(tmp_path, capsys):
    root = make_site(tmp_path, {"posts/old.md": "---\ntitle: Old\n---\nx\n"},
                     files={"archetypes/default.md": "---\ntitle: x\ndraft: true\n---\n"})
    before = _listing(root)
    assert main(["new", str(root), "--title", "Hello", "--bundle"]) == 0
    assert _listing(root) - before == {"content/posts/hello", "content/posts/hello/index.md"}


def test_list_leaves_no_lock(tmp_path):
    root = make_site(tmp_path, {"posts/a.md": "---\ntitle: A\n---\nx\n"})
    before = _listing(root)
    assert [p.title for p in hugo.list_pages(root) if p.kind == "page"] == ["A"]
    assert _listing(root) == before


def test_new_in_a_plain_folder_of_posts_needs_no_content_folder(tmp_path, capsys):
    folder = tmp_path / "notes"
    folder.mkdir()
    assert main(["new", str(folder), "--title", "Привет мир"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == str(folder / "posts" / "привет-мир.md")
    assert captured.err == ""          # Hugo was not asked: it has no project here
    assert _listing(folder) == {"posts", "posts/привет-мир.md"}
    assert (folder / "posts" / "привет-мир.md").read_text().startswith('---\ntitle: "Привет мир"\ndate: ')
