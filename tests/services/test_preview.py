"""The preview service: debounced, one render in flight, stale results dropped, failures reported."""

from __future__ import annotations

import datetime as dt
import threading

from editor.services.preview.service import PreviewRequest, PreviewService, header_html


def test_debounce_coalesces_requests(qtbot):
    calls = []
    svc = PreviewService(lambda text: calls.append(text) or f"<p>{text}</p>", delay_ms=30)
    got = []
    svc.rendered.connect(lambda h, b, base: got.append(b))
    for i in range(10):
        svc.request(PreviewRequest("t", None, f"v{i}"))
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    # One more request, awaited: renders run in order, so any left-over render of v0..v8 would show up
    # before it.
    svc.request(PreviewRequest("t", None, "last"))
    qtbot.waitUntil(lambda: len(got) >= 2, timeout=3000)
    assert calls == ["v9", "last"] and got == ["<p>v9</p>", "<p>last</p>"]


def _gated():
    gate = threading.Event()
    calls = []

    def slow(text: str) -> str:
        calls.append(text)
        if text == "old":
            gate.wait(5)
        return text
    return gate, calls, slow


def test_stale_results_are_dropped(qtbot):
    gate, calls, slow = _gated()
    svc = PreviewService(slow, delay_ms=0)
    got = []
    svc.rendered.connect(lambda h, b, base: got.append(b))
    svc.request(PreviewRequest("t", None, "old"), immediate=True)
    qtbot.waitUntil(lambda: calls == ["old"], timeout=3000)
    svc.request(PreviewRequest("u", None, "new"), immediate=True)   # another post: "old" is stale
    gate.set()
    qtbot.waitUntil(lambda: bool(got), timeout=3000)
    qtbot.waitUntil(lambda: svc.dropped == 1, timeout=3000)
    assert got == ["new"] and calls == ["old", "new"]


def test_one_in_flight_one_queued_newest_wins(qtbot):
    gate, calls, slow = _gated()
    svc = PreviewService(slow, delay_ms=0)
    got = []
    svc.rendered.connect(lambda h, b, base: got.append(b))
    svc.request(PreviewRequest("t", None, "old"), immediate=True)
    qtbot.waitUntil(lambda: calls == ["old"], timeout=3000)
    for i in range(5):                       # typing while "old" renders: only the newest waits
        svc.request(PreviewRequest("t", None, f"v{i}"))
    assert calls == ["old"]
    gate.set()
    qtbot.waitUntil(lambda: len(got) == 2, timeout=3000)
    # "old" is still newer than the page, so it is shown (typing never starves the preview).
    assert got == ["old", "v4"] and calls == ["old", "v4"] and svc.dropped == 0


def test_cancel_drops_the_render_in_flight(qtbot):
    gate, calls, slow = _gated()
    svc = PreviewService(slow, delay_ms=0)
    got = []
    svc.rendered.connect(lambda h, b, base: got.append(b))
    svc.request(PreviewRequest("t", None, "old"), immediate=True)
    qtbot.waitUntil(lambda: calls == ["old"], timeout=3000)
    svc.cancel()
    gate.set()
    qtbot.waitUntil(lambda: svc.dropped == 1, timeout=3000)
    assert got == []


def test_render_failure_is_reported(qtbot):
    def broken(text):
        raise RuntimeError("boom")

    svc = PreviewService(broken, delay_ms=0)
    with qtbot.waitSignal(svc.failed, timeout=3000) as blocker:
        svc.request(PreviewRequest("t", None, "x"))
    assert "boom" in blocker.args[0]


def test_header_escapes_title_and_formats_date():
    html = header_html("<b>A & B</b>", dt.datetime(2020, 6, 15, 8, tzinfo=dt.timezone(dt.timedelta(hours=-5))))
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert "June 15, 2020" in html and 'datetime="2020-06-15T08:00:00-05:00"' in html
