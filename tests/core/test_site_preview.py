"""Site preview core: overlay mounts, scratch copies, command line, server-output events (real Hugo where claimed)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from editor.core import loads
from editor.core.hugo import binary as hugo
from editor.core.hugo.site import load_site, open_site
from editor.core.site_preview import (ServerOutput, free_port, next_write_time, plan_for,
                                      remove_stale_runs)
from tests.sitegen import make_site

ROOT = Path(__file__).resolve().parents[2]
requires_hugo = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
POST = "---\ntitle: Original\nslug: first post\n---\nsaved body\n"
SINGLE = {"layouts/_default/single.html": "{{ .Content }}"}   # a site with layouts: no skeleton mount


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path, {"posts/one.md": POST, "posts/two.md": "---\ntitle: Two\n---\ntwo\n"},
                     files=SINGLE)


def _plan(root, tmp_path):
    return plan_for(open_site(root), cache=tmp_path / "cache")


def test_overlay_puts_scratch_first_then_the_default_content_mount(site, tmp_path):
    plan = _plan(site, tmp_path)
    overlay = tomllib.loads(plan.overlay_text())
    mounts = overlay["module"]["mounts"]
    assert mounts[0] == {"source": str(plan.scratch / "_all"), "target": "content"}
    assert mounts[1:] == [{"source": "content", "target": "content"}]
    # Nothing of Hugo's own output may land in the site.
    assert overlay["resourceDir"] == str(plan.resource_dir)
    assert not plan.resource_dir.is_relative_to(site)
    assert overlay["build"]["buildStats"]["enable"] is False
    assert json.loads(plan.env()["HUGO_MODULE_MOUNTS"]) == mounts
    assert plan.env()["HUGO_BUILD_BUILDSTATS_ENABLE"] == "false"


def test_overlay_repeats_the_sites_own_mounts(tmp_path):
    config = ("baseURL = 'https://example.org/blog/'\ntitle = 'M'\n"
              "[[module.mounts]]\nsource = 'content'\ntarget = 'content'\n"
              "[[module.mounts]]\nsource = 'notes'\ntarget = 'content/notes'\nexcludeFiles = ['*.tmp']\n"
              "[[module.mounts]]\nsource = 'static'\ntarget = 'static'\n")
    root = make_site(tmp_path, {"posts/a.md": POST}, config=config,
                     files={"notes/n.md": "---\ntitle: N\n---\n", "static/x.txt": "x", **SINGLE})
    plan = _plan(root, tmp_path)
    mounts = tomllib.loads(plan.overlay_text())["module"]["mounts"]
    assert [m["source"] for m in mounts] == [str(plan.scratch / "_all"), "content", "notes", "static"]
    assert mounts[2] == {"source": "notes", "target": "content/notes", "excludeFiles": ["*.tmp"]}
    assert plan.scratch_path(root / "notes" / "n.md") == plan.scratch / "_all" / "notes" / "n.md"
    assert plan.scratch_path(root / "content" / "posts" / "a.md") == plan.scratch / "_all/posts/a.md"
    assert plan.scratch_path(root / "static" / "x.txt") is None
    assert plan.scratch_path(tmp_path / "elsewhere.md") is None
    assert plan.base_path == "/blog"
    assert plan.page_url(root / "content/posts/a.md", loads(POST)) == "/blog/posts/first-post/"


def test_command_line(site, tmp_path):
    plan = _plan(site, tmp_path)
    cmd = plan.command("/bin/hugo", 4321)
    assert cmd[:2] == ["/bin/hugo", "server"]
    for flag in ("--renderToMemory", "-D", "-F", "--noBuildLock"):
        assert flag in cmd
    assert cmd[cmd.index("--bind") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--port") + 1] == "4321"
    assert cmd[cmd.index("--baseURL") + 1] == "http://127.0.0.1/"
    assert cmd[cmd.index("--config") + 1] == f"hugo.toml,{plan.overlay}"
    assert plan.cwd == site and not plan.bare


def test_config_dir_site_has_no_root_file_in_config(tmp_path):
    root = make_site(tmp_path, {"posts/a.md": POST}, config=None,
                     files={"config/_default/hugo.toml": "title = 'D'\n"})
    plan = plan_for(load_site(root, environment="development"), cache=tmp_path / "c")
    assert plan.config_args == [str(plan.overlay)]
    assert not plan.bare


def test_bare_folder_uses_the_skeleton(tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "p.md").write_text(POST, encoding="utf-8")
    plan = _plan(folder, tmp_path)
    assert plan.bare and plan.cwd == plan.work_dir
    skeleton = ROOT / "resources" / "preview-site"
    assert plan.config_args[0] == str(skeleton / "hugo.toml")
    assert (skeleton / "layouts" / "_default" / "single.html").is_file()
    mounts = plan.mounts
    assert mounts[1] == {"source": str(folder), "target": "content"}
    assert mounts[2] == {"source": str(skeleton / "layouts"), "target": "layouts"}
    assert plan.scratch_path(folder / "p.md") == plan.scratch / "_all" / "p.md"


def test_languages_with_their_own_content_folders(tmp_path):
    config = ("title = 'L'\ndefaultContentLanguage = 'en'\n"
              "[languages.en]\ncontentDir = 'content/en'\nweight = 1\n"
              "[languages.fr]\ncontentDir = 'content/fr'\nweight = 2\n")
    root = make_site(tmp_path, {"en/a.md": POST, "fr/a.md": POST}, config=config, files=SINGLE)
    plan = _plan(root, tmp_path)
    # Hugo 0.153 removed a mount's `lang`: a one-language sites matrix says the same.
    en, fr = ({"sites": {"matrix": {"languages": [code]}}} for code in ("en", "fr"))
    assert plan.mounts == [
        {"source": str(plan.scratch / "en"), "target": "content", **en},
        {"source": str(plan.scratch / "fr"), "target": "content", **fr},
        {"source": "content/en", "target": "content", **en},
        {"source": "content/fr", "target": "content", **fr},
    ]
    assert plan.scratch_path(root / "content/fr/a.md") == plan.scratch / "fr" / "a.md"


def test_write_replaces_atomically_skips_unchanged_and_removes(site, tmp_path):
    plan = _plan(site, tmp_path)
    plan.prepare()
    post = site / "content" / "posts" / "one.md"
    target = plan.write(post, POST + "edit\n")
    assert target == plan.scratch / "_all" / "posts" / "one.md"
    assert target.read_text(encoding="utf-8") == POST + "edit\n"
    assert plan.write(post, POST + "edit\n") is None          # unchanged: no event for Hugo
    assert plan.write(post, POST + "again\n") == target
    assert list(plan.tmp.iterdir()) == []                      # no temp file left behind
    assert plan.written(post) == POST + "again\n"
    msg = f'"{target}:5:1": failed to extract shortcode'
    assert plan.to_author_path(msg) == f'"{post}:5:1": failed to extract shortcode'
    assert plan.remove(post) and not target.exists() and not plan.remove(post)
    assert post.read_text(encoding="utf-8") == POST             # the author's file untouched
    plan.cleanup()
    assert not plan.work_dir.exists()


def test_stale_run_folders_are_removed(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / f"run-{dead.pid}-1").mkdir()
    (tmp_path / f"run-{os.getpid()}-1").mkdir()
    remove_stale_runs(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [f"run-{os.getpid()}-1"]


def test_next_write_time_lands_just_before_a_tick():
    assert next_write_time(100.0, None) == 100.0
    assert next_write_time(100.1, 99.0, margin=0.04) == pytest.approx(100.46)
    assert next_write_time(100.47, 99.0, margin=0.04) == pytest.approx(100.47)   # too late: now
    assert next_write_time(100.0, 100.0, margin=0.04) == pytest.approx(100.46)


def test_free_port_is_bindable():
    import socket
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


# Output captured from Hugo 0.168 `hugo server` (stdout and stderr merged).
STARTUP = """Watching for changes in /x/scratch, /x/site/content/posts
Watching for config changes in /x/site/hugo.toml, /x/overlay.toml
Start building sites …
hugo v0.168.0-e27a6760c5547237f87d353aebe0580feadb20f4+extended+withdeploy linux/amd64

Built in 6 ms
Environment: "development"
Serving pages from memory
Web Server is available at http://127.0.0.1:18313/blog/ (bind address 127.0.0.1)
Press Ctrl+C to stop
"""
REBUILD_FAIL = """
Change detected, rebuilding site (#1).
2026-11-26 02:48:56.845 +0000
Source changed /bad.md
ERROR Rebuild failed: assemble: "/x/scratch/bad.md:2:8": [1:8] sequence end token ']' not found
>  1 | title: [bad
              ^
Web Server is available at http://127.0.0.1:18313/blog/ (bind address 127.0.0.1)
Total in 0 ms
"""
REBUILD_OK = """
Change detected, rebuilding site (#2).
2026-11-26 02:48:57.846 -0500
Source changed /bad.md
Web Server is available at http://127.0.0.1:18313/blog/ (bind address 127.0.0.1)
Total in 12 ms
"""


def test_server_output_events_across_chunks():
    out = ServerOutput()
    text = STARTUP + REBUILD_FAIL + REBUILD_OK
    events = []
    for i in range(0, len(text), 7):   # arbitrary chunking, lines split anywhere
        events += out.feed(text[i:i + 7])
    events += out.finish()
    kinds = [e.kind for e in events]
    assert kinds == ["watching", "ready", "rebuilding", "error", "rebuilt", "rebuilding", "rebuilt"]
    assert events[1].url == "http://127.0.0.1:18313/blog/"
    stamp = dt.datetime(2026, 11, 26, 2, 48, 56, 845000, tzinfo=dt.timezone.utc).timestamp()
    assert events[2].time == pytest.approx(stamp)
    assert events[3].message.startswith("Rebuild failed: assemble:")
    assert "title: [bad" in events[3].message and "Web Server" not in events[3].message
    assert events[4].failed and events[4].ms == 0
    assert events[5].time == pytest.approx(stamp + 1.001 + 5 * 3600)
    assert not events[6].failed and events[6].ms == 12
    assert out.is_ready


def test_server_output_startup_failures():
    busy = ServerOutput()
    ev = busy.feed("ERROR command error: server startup failed: listen tcp 127.0.0.1:1: bind: "
                   "address already in use\n") + busy.finish()
    assert [e.kind for e in ev] == ["port_busy"] and not busy.is_ready
    broken = ServerOutput()
    ev = broken.feed('Start building sites … \n\nBuilt in 0 ms\nERROR error building site: "/x/a.md:4:1":'
                     ' template for shortcode "nosuch" not found') + broken.finish()
    assert [e.kind for e in ev] == ["error"] and "nosuch" in broken.errors[0]


def _list(root, plan):
    env = {**os.environ, **plan.env()}
    out = subprocess.run([str(hugo.hugo_binary()), "list", "all", "--noBuildLock",
                          "--config", ",".join(plan.config_args)],
                         cwd=plan.cwd, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return {row.title: row.path for row in hugo.parse_list(out.stdout)}


@requires_hugo
@pytest.mark.parametrize("layout", ["root-file", "config-dir"])
def test_real_hugo_reads_the_scratch_copy_first(tmp_path, layout):
    """The scratch copy shadows the same path in content/, the site's own mounts still work,
    also when config/_default/module.toml sets mounts (which a --config file cannot replace)."""
    mounts = "[[mounts]]\nsource = 'content'\ntarget = 'content'\n[[mounts]]\nsource = 'extra'\ntarget = 'content'\n"
    if layout == "root-file":
        root = make_site(tmp_path, {"posts/a.md": POST}, config="title = 'S'\n[module]\n" +
                         mounts.replace("[[mounts]]", "[[module.mounts]]"),
                         files={"extra/notes/n.md": "---\ntitle: Note\n---\n"})
    else:
        root = make_site(tmp_path, {"posts/a.md": POST}, config=None,
                         files={"config/_default/hugo.toml": "title = 'S'\n",
                                "config/_default/module.toml": mounts,
                                "extra/notes/n.md": "---\ntitle: Note\n---\n"})
    plan = plan_for(load_site(root, environment="development"), cache=tmp_path / "cache")
    plan.prepare()
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    plan.write(root / "content/posts/a.md", POST.replace("Original", "Buffer"))
    plan.write(root / "extra/notes/n.md", "---\ntitle: Note buffer\n---\n")
    plan.write(root / "content/posts/new.md", "---\ntitle: Unsaved new\n---\n")
    listed = _list(root, plan)
    assert "Original" not in listed and "Note" not in listed
    assert listed["Buffer"].startswith(str(plan.scratch))
    assert listed["Note buffer"].startswith(str(plan.scratch))
    assert listed["Unsaved new"].startswith(str(plan.scratch))
    plan.remove(root / "content/posts/a.md")
    assert _list(root, plan)["Original"] == "content/posts/a.md"
    plan.cleanup()
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_a_scratch_copy_is_rewritten_in_place_after_the_first_write(site, tmp_path):
    """Hugo takes a file renamed into place for a page removed and added (a slower rebuild than a
    change): only the first copy is renamed in, later texts go into the same file."""
    plan = _plan(site, tmp_path)
    plan.prepare()
    post = site / "content" / "posts" / "one.md"
    target = plan.write(post, POST + "first\n")
    inode = target.stat().st_ino
    plan.write(post, POST + "a longer second text\n")
    assert target.read_text(encoding="utf-8") == POST + "a longer second text\n"
    plan.write(post, POST)   # shorter: the old tail is cut
    assert target.read_text(encoding="utf-8") == POST and target.stat().st_ino == inode
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)


def test_a_link_put_in_place_of_a_scratch_copy_is_replaced_not_followed(site, tmp_path):
    plan = _plan(site, tmp_path)
    plan.prepare()
    post = site / "content" / "posts" / "one.md"
    target = plan.write(post, POST + "first\n")
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched")
    target.unlink()
    target.symlink_to(outside)
    plan.write(post, POST + "second\n")
    assert outside.read_text() == "untouched"
    assert not target.is_symlink() and target.read_text(encoding="utf-8") == POST + "second\n"
