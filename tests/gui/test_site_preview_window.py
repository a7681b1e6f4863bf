"""actionSitePreview: the real hugo server page in the preview pane, updated from the unsaved buffer."""

from __future__ import annotations

import pytest
from PySide6.QtWebEngineWidgets import QWebEngineView

from editor.core.hugo import binary as hugo
from tests.gui.helpers import copy_seed, find, make_window, page_text

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")



def test_site_preview_follows_the_buffer_and_never_writes_the_file(qtbot, tmp_path):
    post = copy_seed(tmp_path)          # a bare content folder: the preview skeleton site is used
    before = post.read_bytes()
    window = make_window(qtbot, post)
    qtbot.waitUntil(lambda: window.document.is_open, timeout=10000)
    pane = window.site_preview
    action = window.actions.site_preview
    assert action.objectName() == "actionSitePreview" and action.isCheckable()
    assert pane.made_view() is None   # QtWebEngine's view waits until the site preview is wanted

    action.setChecked(True)
    view = find(window, QWebEngineView, "sitePreview")
    qtbot.waitUntil(lambda: pane.server.state == "ready", timeout=30000)
    assert pane.stack.currentIndex() == 1
    qtbot.waitUntil(lambda: "THINKPolicy Blog" in page_text(qtbot, view), timeout=20000)
    assert view.url().host() == "127.0.0.1"

    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText("\nA sentence typed for the site preview.\n")
    qtbot.waitUntil(lambda: "typed for the site preview" in page_text(qtbot, view), timeout=45000)
    assert post.read_bytes() == before          # the author's file is never written

    pid = pane.server.pid
    assert pid
    action.setChecked(False)
    qtbot.waitUntil(lambda: pane.server.state == "stopped", timeout=10000)
    assert pane.stack.currentIndex() == 0
    assert post.read_bytes() == before


def test_a_moment_after_start_up_the_window_stops_a_crashed_runs_server(qtbot, tmp_path, monkeypatch):
    """The server is made after the first paint, not at first use only: making it stops the servers
    and deletes the scratch copies (the unsaved text) that a crashed earlier run left."""
    from editor.core.site_preview import cache_root
    from editor.core import lifeline
    from editor.services.preview import server_processes
    from tests.services.test_server_lifeline import _dead_owner, _record, _sleeper
    monkeypatch.setattr(server_processes, "REAPED", set())   # this test process reaped already
    stale = _sleeper()
    try:
        run = cache_root() / "site1" / f"run-{_dead_owner()['pid']}-1"
        _record(run, lifeline.describe(stale.pid), _dead_owner())
        window = make_window(qtbot, copy_seed(tmp_path))
        assert window.site_preview._server is None
        qtbot.waitUntil(lambda: not run.exists(), timeout=5000)
        qtbot.waitUntil(lambda: stale.poll() is not None, timeout=10000)
        assert window.site_preview._server is not None and not window.actions.site_preview.isChecked()
    finally:
        stale.kill()
        stale.wait()
