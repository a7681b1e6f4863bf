"""The render worker process: replies with chunks, sends only new HTML, restarts when killed, never outlives the app."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from editor.core.render import RenderConfig, render_html
from editor.core.render.worker import Server
from editor.services.preview.service import PreviewRequest, PreviewService
from editor.services.preview.render_worker import RenderWorker
from tests.conftest import ROOT

DOC = "\n\n".join(f"## Part {i}\n\nParagraph {i} with *emphasis* and a [link](https://example.com/{i})."
                  for i in range(30))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:   # a zombie is dead too
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except OSError:
        return True


def test_server_sends_only_chunks_the_client_lacks():
    server = Server()
    first = server.handle({"id": 1, "text": DOC})
    assert all(c[2] is not None for c in first["chunks"]) and len(first["chunks"]) > 5
    assert "".join(c[2] for c in first["chunks"]).count("<h2") == 30
    edited = DOC.replace("Paragraph 12 ", "Paragraph 12 edited ", 1)
    second = server.handle({"id": 2, "text": edited})
    sent = [c for c in second["chunks"] if c[2] is not None]
    assert len(sent) == 1 and "edited" in sent[0][2]
    assert second["rendered"] == 1
    unsafe = server.handle({"id": 3, "text": "<b>x</b>", "config": {"unsafe": True}})
    assert unsafe["chunks"][0][2] == render_html("<b>x</b>", unsafe=True)


def test_worker_replies_and_fills_in_unchanged_chunks(qtbot):
    worker = RenderWorker()
    try:
        qtbot.waitUntil(lambda: worker.is_ready, timeout=20000)
        replies = []
        worker.replied.connect(replies.append)
        worker.submit({"id": 1, "text": DOC})
        qtbot.waitUntil(lambda: len(replies) == 1, timeout=20000)
        worker.submit({"id": 2, "text": DOC + "\n\nOne more."})
        qtbot.waitUntil(lambda: len(replies) == 2, timeout=20000)
        html = "\n".join(c[2] for c in replies[1]["chunks"])
        assert html == render_html(DOC + "\n\nOne more.")
    finally:
        worker.shutdown()


def test_worker_restarts_after_being_killed_and_resends(qtbot):
    worker = RenderWorker()
    try:
        qtbot.waitUntil(lambda: worker.is_ready, timeout=20000)
        first_pid = worker.pid
        replies = []
        worker.replied.connect(replies.append)
        worker.submit({"id": 7, "text": DOC * 20})   # long enough to be in flight when killed
        os.kill(first_pid, signal.SIGKILL)
        qtbot.waitUntil(lambda: bool(replies), timeout=30000)
        assert worker.restarts == 1 and worker.pid != first_pid and not _alive(first_pid)
        assert replies[0]["id"] == 7 and "<h2" in replies[0]["chunks"][0][2]
    finally:
        worker.shutdown()
    assert not _alive(worker.pid)


def test_service_with_worker_drops_stale_results_and_honours_config(qtbot):
    svc = PreviewService()
    try:
        shown = []
        svc.updated.connect(shown.append)
        svc.request(PreviewRequest("t", None, DOC * 30), immediate=True)   # in flight ...
        svc.request(PreviewRequest("u", None, "Newest *text*."), immediate=True)   # ... another post
        qtbot.waitUntil(lambda: bool(shown), timeout=30000)
        qtbot.waitUntil(lambda: svc.dropped == 1, timeout=30000)
        assert [u.body for u in shown] == ["<p>Newest <em>text</em>.</p>"]
        svc.set_config(RenderConfig(unsafe=True))      # re-renders the newest request
        svc.request(PreviewRequest("t", None, "<b>raw</b>"))
        qtbot.waitUntil(lambda: shown[-1].body == "<p><b>raw</b></p>", timeout=30000)
    finally:
        svc.shutdown()


def test_a_hidden_preview_renders_once_typing_pauses_and_at_once_when_shown(qtbot):
    """Hidden (focus mode, the site preview), the newest text is rendered after a pause in typing,
    not keystroke by keystroke (the word count follows it); shown again, at once."""
    calls = []
    svc = PreviewService(lambda text: calls.append(text) or text, delay_ms=0)
    svc.set_active(False)
    with qtbot.waitSignal(svc.updated, timeout=5000) as blocker:
        for i in range(5):
            svc.request(PreviewRequest("t", None, f"v{i}"))
            qtbot.wait(20)
        assert calls == [] and svc.renders == 0
    assert calls == ["v4"] and blocker.args[0].body == "v4"
    svc.request(PreviewRequest("t", None, "v5"))
    with qtbot.waitSignal(svc.updated, timeout=500) as blocker:
        svc.set_active(True)
    assert calls == ["v4", "v5"] and blocker.args[0].body == "v5"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks /proc")
def test_worker_does_not_outlive_a_killed_app(tmp_path):
    script = textwrap.dedent("""
        import sys, time
        from PySide6.QtCore import QCoreApplication
        from editor.services.preview.render_worker import RenderWorker
        app = QCoreApplication([])
        w = RenderWorker()
        deadline = time.monotonic() + 30
        while not w.is_ready and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        print(w.pid, flush=True)
        time.sleep(60)
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    try:
        pid = int(app.stdout.readline())
        assert _alive(pid)
        app.kill()                      # no clean-up at all: SIGKILL
        app.wait(10)
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(pid)
    finally:
        if app.poll() is None:
            app.kill()


def test_a_worker_that_keeps_dying_gives_way_to_a_thread(qtbot, monkeypatch):
    import editor.services.preview.render_worker as rw
    monkeypatch.setattr(rw, "MAX_RESTARTS", 0)
    svc = PreviewService()
    try:
        worker = svc.worker
        qtbot.waitUntil(lambda: worker.is_ready, timeout=20000)
        shown = []
        svc.updated.connect(shown.append)
        with qtbot.waitSignal(svc.failed, timeout=20000) as blocker:
            os.kill(worker.pid, signal.SIGKILL)
        assert "rendering in the app" in blocker.args[0] and svc.worker is None
        svc.request(PreviewRequest("t", None, "After *death*."))
        qtbot.waitUntil(lambda: bool(shown) and shown[-1].body == "<p>After <em>death</em>.</p>", timeout=20000)
    finally:
        svc.shutdown()
