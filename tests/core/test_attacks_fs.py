"""Hostile file-system layouts: symlink loops and links in content/ (as real Hugo treats them)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from editor.core.hugo import binary as hugo
from editor.core.index.site_index import SiteIndex
from editor.core.hugo.site import open_site
from tests.conftest import ROOT

POST = "---\ntitle: {t}\n---\nbody\n"


@pytest.fixture
def linked_site(tmp_path):
    """A site whose content folder holds a symlink loop, a link to a folder outside and a linked file."""
    root = tmp_path / "site"
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\n')
    (posts / "a.md").write_text(POST.format(t="a"))
    (outside / "b.md").write_text(POST.format(t="b"))
    (outside / "c.md").write_text(POST.format(t="c"))
    os.symlink("..", posts / "loop")                  # content/posts/loop -> content/
    os.symlink("../posts", posts / "loop2")
    os.symlink(outside, posts / "linked")
    os.symlink(outside / "c.md", posts / "c.md")
    return root


def test_index_skips_symlinks_as_hugo_does(linked_site):
    index = SiteIndex(open_site(linked_site), use_cache=False)
    index.refresh(save=False)
    paths = sorted(e["path"] for e in index.entries())
    assert paths == ["content/posts/a.md"]
    assert len(index.skipped_links) == 4


@pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
def test_real_hugo_skips_the_same_links(linked_site):
    listed = sorted(p.path for p in hugo.list_pages(linked_site))
    assert listed == ["content/posts/a.md"]


def test_list_prints_one_warning_line(linked_site):
    result = subprocess.run([sys.executable, "-m", "editor", "list", str(linked_site), "--no-cache"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("\n") == 1 and "symbolic link" in result.stderr
    assert "content/posts/a.md" in result.stdout and "1 post" in result.stdout


def test_check_and_post_browser_survive_the_loop(linked_site):
    result = subprocess.run([sys.executable, "-m", "editor", "check", str(linked_site / "content")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr and result.returncode == 0, result.stderr
    from editor.services.posts.rows import scan
    rows = scan(linked_site / "content")
    assert "a.md" in {os.path.basename(r.path) for r in rows}


def _returns_quickly(fn) -> tuple[bool, BaseException | None]:
    """Run fn in a daemon thread: (finished within 5 s, what it raised)."""
    import threading
    box: list = [None]

    def run():
        try:
            fn()
        except BaseException as exc:   # noqa: BLE001 - reported to the test
            box[0] = exc
    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(5)
    return not t.is_alive(), box[0]


def test_a_fifo_swapped_in_after_the_check_never_blocks_a_read(tmp_path, monkeypatch):
    from editor.core import PostError
    from editor.core.files import io as core_io
    from editor.core.index.entry import _read
    regular = tmp_path / "post.md"
    regular.write_text(POST.format(t="a"))
    fifo = tmp_path / "swapped.md"
    os.mkfifo(fifo)
    real_stat = os.stat
    monkeypatch.setattr(core_io.os, "stat",
                        lambda p, *a, **k: real_stat(regular if os.fspath(p) == str(fifo) else p, *a, **k))
    try:
        done, error = _returns_quickly(lambda: core_io.read_bytes(fifo))
        assert done and isinstance(error, PostError) and "not a regular file" in str(error)
        monkeypatch.undo()
        done, error = _returns_quickly(lambda: _read(str(fifo), 10))   # the index: scanned as a file
        assert done and isinstance(error, OSError)
    finally:
        fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)   # release any reader left blocked
        os.close(fd)
