"""`list --json` from the cache (warm) prints exactly what a cold run prints, and loads only what it needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT
from tests.sitegen import generate_posts, make_site

Y = "---\n{}\n---\nbody words\n"
EXTRA = {
    "posts/a.md": Y.format("title: A\nslug: same"),          # two pages, one URL: collision problems
    "posts/b.md": Y.format("title: B\nslug: same"),
    "posts/_index.md": Y.format("title: Posts"),            # a section without dates: its pages' latest
    "posts/draft.md": Y.format("title: D\ndraft: true\ndate: 2099-01-01"),
    "posts/bad.md": "---\ntitle: [unclosed\n---\n",          # a parse problem
    "about.md": Y.format("title: About\nurl: /about-us/"),
}


def _list(root, cache, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    return subprocess.run([sys.executable, "-m", "editor", "list", str(root), "--json", *extra], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=True)


def _site(tmp_path, n: int = 600):
    posts = generate_posts(n, words=20, seed=3)
    posts.update(EXTRA)
    return make_site(tmp_path / "site", posts)


def test_warm_list_prints_what_a_cold_one_prints(tmp_path):
    root = _site(tmp_path)
    cache = tmp_path / "cache"
    cold = _list(root, cache).stdout
    warm = _list(root, cache).stdout
    uncached = _list(root, cache, "--no-cache").stdout
    assert warm == cold == uncached
    entries = json.loads(warm)
    assert len(entries) == 600 + len(EXTRA)
    by_path = {e["path"]: e for e in entries}
    assert any(p.get("code") == "url-collision" for p in by_path["content/posts/a.md"]["problems"])
    assert by_path["content/posts/_index.md"]["date"] is not None
    assert by_path["content/posts/bad.md"]["problems"]


def test_warm_list_sees_a_changed_and_a_removed_file(tmp_path):
    root = _site(tmp_path, n=20)
    cache = tmp_path / "cache"
    _list(root, cache)
    post = root / "content" / "posts" / "a.md"
    post.write_text(Y.format("title: Changed"), encoding="utf-8")
    os.utime(post, ns=(1, 1))
    (root / "content" / "posts" / "b.md").unlink()
    warm = _list(root, cache).stdout
    assert warm == _list(root, tmp_path / "other-cache").stdout
    by_path = {e["path"]: e for e in json.loads(warm)}
    assert by_path["content/posts/a.md"]["title"] == "Changed"
    assert "content/posts/b.md" not in by_path


def test_warm_list_does_not_load_the_post_parser(tmp_path):
    """Nothing to read again: the front-matter parsers (YAML, TOML writers, the per-file reader)
    stay unloaded, as they cost start-up time."""
    root = make_site(tmp_path / "site", generate_posts(20, words=20, seed=3))
    cache = tmp_path / "cache"
    _list(root, cache)
    probe = ("import sys, io, contextlib\n"
             "from editor.cli import main\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             f"    code = main(['list', {str(root)!r}, '--json'])\n"
             "print(code, sorted(m for m in ('editor.core.index.entry', 'editor.core.frontmatter.fast', 'yaml',\n"
             "      'editor.core.hugo.collisions') if m in sys.modules))\n")
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "0 []"


def test_json_written_in_pieces_is_one_array_with_an_object_per_line(tmp_path, monkeypatch, capsys):
    """The answer is written a few hundred objects at a time: pieces join with ",\\n" as one array."""
    from editor.cli import main
    from editor.commands import list_
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    root = make_site(tmp_path, generate_posts(7, words=5))
    for batch in (1000, 3, 1):
        monkeypatch.setattr(list_, "_BATCH", batch)
        assert main(["list", str(root), "--json"]) == 0
        text = capsys.readouterr().out
        lines = text.split("\n")
        assert lines[0] == "[" and lines[-2:] == ["]", ""] and len(lines) == 7 + 3
        assert all(line.startswith("{") and line.endswith("},") for line in lines[1:7]) and lines[7].endswith("}")
        assert len(json.loads(text)) == 7
        if batch == 1000:
            whole = text
        assert text == whole


def test_the_cache_written_aside_is_complete_when_waited_for(tmp_path, monkeypatch):
    """save_aside writes the cache in a forked copy; once waited for, the next index reads nothing.
    Without a copy (fork fails) the wait writes it here."""
    import pytest

    from editor.core.hugo.site import load_site
    from editor.core.index.site_index import SiteIndex
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this system")
    root = make_site(tmp_path, generate_posts(12, words=5))
    for name, fork_fails in (("a", False), ("b", True)):
        cache = tmp_path / f"{name}.sqlite3"
        if fork_fails:
            monkeypatch.setattr(os, "fork", lambda: (_ for _ in ()).throw(OSError("no more processes")))
        first = SiteIndex(load_site(root), cache=cache).refresh(save=False)
        wait = first.save_aside()
        wait()
        again = SiteIndex(load_site(root), cache=cache).refresh(save=False)
        assert first.reindexed == 12 and again.reindexed == 0 and again.entries() == first.entries()
