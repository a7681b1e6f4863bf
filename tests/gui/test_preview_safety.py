"""Preview safety: post scripts never run, remote loads blocked unless enabled, no navigation away."""

from __future__ import annotations

import base64
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PySide6.QtCore import QUrl

from tests.gui.helpers import js, make_window, wait_preview_contains

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8Dw"
                       "HwAFBQIAX8jx0gAAAABJRU5ErkJggg==")


@contextmanager
def local_server():
    """A 127.0.0.1-only HTTP server in a thread that counts the requests it gets."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            body, kind = (PNG, "image/png") if self.path.endswith(".png") else (b"<p>frame</p>", "text/html")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _evil_site(tmp_path, url: str):
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text("[markup.goldmark.renderer]\nunsafe = true\n")
    post = site / "content" / "posts" / "evil.md"
    post.write_text("---\ntitle: Evil\n---\nSafe text here.\n\n"
                    "<script>document.title = 'pwned'; window.ran = 1;</script>\n\n"
                    f'<img id="remote" src="{url}/img.png" onerror="document.title=\'pwned2\'">\n\n'
                    f'<iframe id="frame" src="{url}/frame.html"></iframe>\n\n'
                    '<meta http-equiv="refresh" content="0; url=https://example.com/">\n\n'
                    "[out](https://example.org/page)\n")
    return post


def test_post_scripts_and_remote_loads_are_blocked_even_with_unsafe(qtbot, tmp_path):
    with local_server() as (url, hits):
        window = make_window(qtbot, _evil_site(tmp_path, url), render=None)   # the real renderer
        opened: list[QUrl] = []
        window.commands.open_external = opened.append
        window.preview.preview_page.externalLink.disconnect()
        window.preview.preview_page.externalLink.connect(opened.append)
        wait_preview_contains(qtbot, window, "Safe text here.")
        # unsafe = true: the raw HTML really is in the page ...
        assert js(qtbot, window, "document.querySelectorAll('#content script, #remote, #frame').length") == 3
        # ... and the CSP blocked the image and the frame (reported by the page itself).
        def blocked() -> set:   # (directive, URL) pairs; Chromium reports a frame by its origin only
            return {(b["directive"], b["uri"]) for b in js(qtbot, window, "window.hpeBlocked")}
        qtbot.waitUntil(lambda: {("img-src", f"{url}/img.png"), ("frame-src", url)} <= blocked(), timeout=15000)
        assert ("script-src-attr", "inline") in blocked()      # the onerror handler
        assert js(qtbot, window, "document.getElementById('remote').complete") is True
        assert js(qtbot, window, "document.getElementById('remote').naturalWidth") == 0
        assert hits == []
        assert js(qtbot, window, "document.title") == "Preview"
        assert js(qtbot, window, "window.ran === undefined") is True
        assert window.preview.url().scheme() == "file" and not opened   # no meta-refresh navigation
        # A click on a link goes to the system browser; the page stays.
        js(qtbot, window, "document.querySelector('#content a[href^=\"https\"]').click() || 1")
        qtbot.waitUntil(lambda: bool(opened), timeout=10000)
        assert opened[0] == QUrl("https://example.org/page")
        assert window.preview.url().scheme() == "file" and js(qtbot, window, "document.title") == "Preview"
        assert window.preview.loads == 1


def test_remote_content_setting_lets_the_image_load(qtbot, tmp_path):
    with local_server() as (url, hits):
        window = make_window(qtbot, _evil_site(tmp_path, url), render=None)
        wait_preview_contains(qtbot, window, "Safe text here.")
        assert not window.settings.remote_content()
        window.preview_glue.set_remote_content(True)
        assert window.settings.remote_content()
        qtbot.waitUntil(lambda: window.preview.loads == 2, timeout=15000)
        wait_preview_contains(qtbot, window, "Safe text here.")
        qtbot.waitUntil(lambda: js(qtbot, window, "(document.getElementById('remote') || {}).naturalWidth") == 1,
                        timeout=15000)
        qtbot.waitUntil(lambda: "/frame.html" in hits, timeout=15000)
        assert "/img.png" in hits
        # Remote content on still never runs the post's script.
        assert js(qtbot, window, "document.title") == "Preview"
        assert js(qtbot, window, "window.ran === undefined") is True
        window.preview_glue.set_remote_content(False)
        assert not window.settings.remote_content()
        qtbot.waitUntil(lambda: window.preview.loads == 3, timeout=15000)
