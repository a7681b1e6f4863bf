"""SiteServer writes the scratch copy at once, and coalesces changes only while a write waits for Hugo."""

from __future__ import annotations

import time

import pytest

from editor.core.hugo.site import open_site
from editor.core.site_preview import Event, plan_for
from editor.services.preview.site_server import SiteServer
from tests.sitegen import make_site

POST = "---\ntitle: One\n---\n{}\n"


@pytest.fixture
def server(qapp, tmp_path):
    """A server whose plan is prepared but whose Hugo is a stand-in: the writes are what is checked."""
    root = make_site(tmp_path, {"posts/one.md": POST.format("saved")})
    srv = SiteServer(cache=tmp_path / "cache")
    srv._plan = plan_for(open_site(root), cache=tmp_path / "cache")
    srv._plan.prepare()
    srv._proc = object()   # "running": update() writes instead of keeping the text for start()
    srv._tick = time.time() - 0.1   # a tick 100 ms ago: the next one is 400 ms away
    yield srv, root / "content" / "posts" / "one.md"
    srv._proc = None
    srv.stop()


def _scratch(srv: SiteServer, post) -> str:
    return srv.plan.scratch_path(post).read_text(encoding="utf-8")


def test_a_change_is_written_at_once_when_no_write_waits(server):
    srv, post = server
    srv.update(post, POST.format("first"))
    # No event loop has run: nothing waited for a timer or Hugo's tick.
    assert _scratch(srv, post) == POST.format("first")
    assert not srv._write_timer.isActive()


def test_changes_while_a_write_waits_for_hugo_are_coalesced(server, qtbot):
    srv, post = server
    srv.update(post, POST.format("first"))
    srv.update(post, POST.format("second"))
    srv.update(post, POST.format("third"))
    assert _scratch(srv, post) == POST.format("first")   # Hugo has not taken "first" yet
    assert srv._write_timer.isActive()
    # Hugo starts the rebuild that took "first": the latest text is written at once, once.
    srv._handle(Event("rebuilding", time=time.time()))
    assert _scratch(srv, post) == POST.format("third")
    assert not srv._write_timer.isActive()


def test_a_coalesced_change_is_written_before_hugos_next_tick_without_hugo_reporting(server, qtbot):
    srv, post = server
    srv.update(post, POST.format("first"))
    srv.update(post, POST.format("second"))
    assert _scratch(srv, post) == POST.format("first")
    qtbot.waitUntil(lambda: _scratch(srv, post) == POST.format("second"), timeout=2000)


def test_after_hugo_took_the_write_the_next_change_goes_at_once(server):
    srv, post = server
    srv.update(post, POST.format("first"))
    srv._handle(Event("rebuilding", time=time.time()))
    srv.update(post, POST.format("second"))
    assert _scratch(srv, post) == POST.format("second")
