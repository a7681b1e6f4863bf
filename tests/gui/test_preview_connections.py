"""The previews open no connection of any kind (resource hints, requests, popups) unless remote content is allowed."""

from __future__ import annotations

import socket
import threading
from contextlib import contextmanager

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtTest import QTest

from tests.gui.helpers import js, make_window, wait_preview_contains

HINTS = ("preconnect", "dns-prefetch", "prefetch", "preload", "modulepreload", "prerender", "PreConnect")


@contextmanager
def tcp_counter():
    """A 127.0.0.1 listener that counts TCP connections (a preconnect sends no request, so an HTTP
    request counter would miss it); each connection gets a tiny PNG-less HTTP answer."""
    accepted: list[tuple] = []
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    srv.settimeout(0.1)
    stop = threading.Event()

    def run():
        while not stop.is_set():
            try:
                conn, addr = srv.accept()
            except OSError:
                continue
            accepted.append(addr)
            try:
                conn.settimeout(0.5)
                conn.recv(4096)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nok")
            except OSError:
                pass
            conn.close()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield srv.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join(5)
        srv.close()


def leaky_post(tmp_path, port: int):
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text("[markup.goldmark.renderer]\nunsafe = true\n")
    links = "\n".join(f'<link rel="{rel}" href="//127.0.0.1:{port}/{rel}" as="image">' for rel in HINTS)
    post = site / "content" / "posts" / "leak.md"
    post.write_text("---\ntitle: Leak\n---\nSafe text here.\n\n" + links + "\n\n"
                    f'<link rel="preconnect dns-prefetch" href="http://localhost:{port}">\n\n'
                    f'<img src="http://127.0.0.1:{port}/img.png">\n\n'
                    f'<a id="blank" href="http://127.0.0.1:{port}/popup" target="_blank">pop</a>\n\n'
                    f'<base href="http://127.0.0.1:{port}/">\n\n'
                    f'<meta http-equiv="refresh" content="0; url=http://127.0.0.1:{port}/refresh">\n\n'
                    f'<form action="http://127.0.0.1:{port}/form"><button id="send">go</button></form>\n\n'
                    "Last line.\n")
    return post


def test_no_connection_from_hints_or_requests_with_remote_off(qtbot, tmp_path):
    with tcp_counter() as (port, accepted):
        window = make_window(qtbot, leaky_post(tmp_path, port), render=None)   # the real renderer
        opened: list[QUrl] = []
        window.preview.preview_page.externalLink.disconnect()
        window.preview.preview_page.externalLink.connect(opened.append)
        wait_preview_contains(qtbot, window, "Last line.")
        # Positive signal that the page processed the post's markup: the CSP reported the blocked image.
        qtbot.waitUntil(lambda: any(b["directive"] == "img-src" for b in js(qtbot, window, "window.hpeBlocked")),
                        timeout=15000)
        # A target=_blank click and a form submission: handed to the system browser / refused, not loaded.
        window.show()
        qtbot.waitExposed(window)
        js(qtbot, window, "document.getElementById('blank').scrollIntoView() || 1")
        rect = js(qtbot, window, "(function(){var r = document.getElementById('blank').getBoundingClientRect();"
                                 "return [r.left + 3, r.top + r.height / 2];})()")
        QTest.mouseClick(window.preview.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         QPoint(int(rect[0]), int(rect[1])))   # a real click: a script's click opens no window
        qtbot.waitUntil(lambda: bool(opened), timeout=10000)
        assert opened == [QUrl(f"http://127.0.0.1:{port}/popup")]
        js(qtbot, window, "document.getElementById('send').click() || 1")
        window.editor.appendPlainText("\nOne more line.")    # a second full round trip through the page
        wait_preview_contains(qtbot, window, "One more line.")
        assert accepted == [], f"the preview connected {len(accepted)} time(s)"
        # The first wall: the hints were found and removed from the inert copy before it joined the page.
        assert js(qtbot, window, "window.hpeStripped") >= len(HINTS) + 2
        assert js(qtbot, window, "document.querySelectorAll('#content link, #content meta, #content base').length") == 0
        assert window.preview.url().scheme() == "file" and window.preview.loads == 1


def test_refused_navigations_do_not_freeze_the_preview(qtbot, tmp_path):
    """A submitted form or a clicked link to another page is refused; the preview keeps updating."""
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text("[markup.goldmark.renderer]\nunsafe = true\n")
    post = site / "content" / "posts" / "p.md"
    post.write_text('---\ntitle: P\n---\nStart.\n\n<form action="other.html"><button id="send">go</button></form>\n\n'
                    '[other](../other/)\n\nLast line.\n')
    window = make_window(qtbot, post, render=None)
    wait_preview_contains(qtbot, window, "Last line.")
    js(qtbot, window, "document.getElementById('send').click() || 1")
    window.editor.appendPlainText("\nAfter the form.")
    wait_preview_contains(qtbot, window, "After the form.")
    js(qtbot, window, "document.querySelector('#content a[href^=\"..\"]').click() || 1")
    window.editor.appendPlainText("\nAfter the link.")
    wait_preview_contains(qtbot, window, "After the link.")
    assert window.preview.url().scheme() == "file" and window.preview.loads == 1


def test_request_guard_blocks_what_the_csp_would_miss(qtbot, tmp_path):
    """The second wall on its own: with the CSP opened up (remote on) the guard still decides."""
    from editor.gui.preview.request_guard import RequestGuard
    guard = RequestGuard(files=True)
    assert guard.allows(QUrl("file:///x.png")) and guard.allows(QUrl("data:image/png;base64,AA"))
    assert guard.allows(QUrl("blob:file:///1234"))
    for url in ("http://127.0.0.1:9/x", "https://example.com/", "ws://127.0.0.1:9/", "ftp://h/x", "//h/x"):
        assert not guard.allows(QUrl(url)), url
    guard.set_server(QUrl("http://127.0.0.1:4242/"))
    assert guard.allows(QUrl("http://127.0.0.1:4242/posts/")) and guard.allows(QUrl("ws://127.0.0.1:4242/livereload"))
    assert not guard.allows(QUrl("http://127.0.0.1:4243/")) and not guard.allows(QUrl("http://localhost:4242/"))
    guard.remote = True
    assert guard.allows(QUrl("https://example.com/")) and not guard.allows(QUrl("ftp://h/x"))
    site_guard = RequestGuard(files=False)
    assert not site_guard.allows(QUrl("file:///etc/passwd"))


def test_remote_on_lets_requests_through_so_the_counter_is_real(qtbot, tmp_path):
    with tcp_counter() as (port, accepted):
        window = make_window(qtbot, leaky_post(tmp_path, port), render=None)
        wait_preview_contains(qtbot, window, "Last line.")
        window.preview_glue.set_remote_content(True)
        qtbot.waitUntil(lambda: window.preview.loads == 2, timeout=15000)
        qtbot.waitUntil(lambda: len(accepted) >= 1, timeout=15000)   # the remote image


def test_hostile_markup_loads_and_runs_nothing(qtbot, tmp_path):
    """srcdoc frames, SVG scripts, object/embed, javascript: links, base, refresh: none loads or runs."""
    with tcp_counter() as (port, accepted):
        site = tmp_path / "site"
        (site / "content" / "posts").mkdir(parents=True)
        (site / "hugo.toml").write_text("[markup.goldmark.renderer]\nunsafe = true\n")
        remote = f"http://127.0.0.1:{port}"
        svg = tmp_path / "site" / "content" / "posts" / "evil.svg"
        svg.write_text(f'<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("{remote}/svgfile")</script>'
                       f'<image href="{remote}/svgimg.png"/></svg>')
        post = site / "content" / "posts" / "hostile.md"
        post.write_text(
            "---\ntitle: Hostile\n---\nStart.\n\n"
            f'<iframe srcdoc="<script>parent.document.title=\'pwned-srcdoc\';fetch(\'{remote}/srcdoc\')</script>'
            f'<img src={remote}/srcdoc.png>"></iframe>\n\n'
            f'<svg onload="document.title=\'pwned-svg\'"><script>document.title="pwned-svg2"</script>'
            f'<image href="{remote}/inline-svg.png"/></svg>\n\n'
            f'<object data="{remote}/object"></object><embed src="{remote}/embed">\n\n'
            '<object data="evil.svg" type="image/svg+xml"></object>\n\n<img src="evil.svg">\n\n'
            f'<video src="{remote}/v.mp4" autoplay></video><audio src="{remote}/a.mp3" autoplay></audio>\n\n'
            f'<div style="background:url({remote}/bg.png)">styled</div>\n\n'
            f'<style>@import url("{remote}/import.css"); p {{ background: url({remote}/style-bg.png) }}</style>\n\n'
            '<a id="js" href="javascript:document.title=\'pwned-js\'">js link</a>\n\n'
            f'<a id="file" href="file:///etc/passwd">file link</a>\n\n'
            f'<img src="x" srcset="{remote}/srcset.png 2x">\n\n'
            "Last line.\n")
        window = make_window(qtbot, post, render=None)
        opened: list[QUrl] = []
        window.preview.preview_page.externalLink.disconnect()
        window.preview.preview_page.externalLink.connect(opened.append)
        wait_preview_contains(qtbot, window, "Last line.")
        qtbot.waitUntil(lambda: len(js(qtbot, window, "window.hpeBlocked")) >= 3, timeout=15000)
        js(qtbot, window, "document.getElementById('js').click() || 1")
        js(qtbot, window, "document.getElementById('file').click() || 1")
        window.editor.appendPlainText("\nOne more line.")
        wait_preview_contains(qtbot, window, "One more line.")
        assert js(qtbot, window, "document.title") == "Preview"
        assert accepted == [], f"the preview connected {len(accepted)} time(s)"
        assert opened == [] and window.preview.url().scheme() == "file" and window.preview.loads == 1
