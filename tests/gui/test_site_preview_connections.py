"""The site preview (a real page from hugo server) reaches nothing but that server unless remote content is on."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWebEngineWidgets import QWebEngineView

from editor.core.hugo import binary as hugo
from tests.gui.helpers import find, make_window
from tests.gui.test_preview_connections import tcp_counter

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")


def run(qtbot, view, script: str):
    result: list = []
    view.page().runJavaScript(f"JSON.stringify(({script}))", 0, lambda r: result.append(r))
    qtbot.waitUntil(lambda: bool(result), timeout=10000)
    return json.loads(result[0]) if isinstance(result[0], str) else None


def test_site_preview_reaches_only_its_own_server(qtbot, tmp_path):
    with tcp_counter() as (port, accepted):
        site = tmp_path / "site"
        (site / "content" / "posts").mkdir(parents=True)
        (site / "layouts" / "_default").mkdir(parents=True)
        (site / "hugo.toml").write_text("title = 'S'\n[markup.goldmark.renderer]\nunsafe = true\n")
        (site / "layouts" / "_default" / "single.html").write_text(
            "<html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>")
        (site / "layouts" / "_default" / "list.html").write_text("<html><body>list</body></html>")
        post = site / "content" / "posts" / "p.md"
        post.write_text(
            "---\ntitle: P\n---\nSafe text here.\n\n"
            f'<img src="http://127.0.0.1:{port}/img.png">\n\n'
            f'<iframe src="http://127.0.0.1:{port}/frame"></iframe>\n\n'
            # The post's own script runs in a real page: its fetch must go nowhere either. It writes
            # how the fetch ended into the page, the positive signal the test waits for.
            f'<script>fetch("http://127.0.0.1:{port}/fetch").then(function () {{ document.title = "fetched"; }},'
            ' function () { document.title = "fetch refused"; });</script>\n')
        window = make_window(qtbot, post)
        qtbot.waitUntil(lambda: window.document.is_open, timeout=10000)
        pane = window.site_preview
        window.actions.site_preview.setChecked(True)
        view = find(window, QWebEngineView, "sitePreview")   # made when the site preview is first turned on
        qtbot.waitUntil(lambda: pane.server.state == "ready", timeout=60000)
        body_js = "document.body ? document.body.innerText : ''"
        qtbot.waitUntil(lambda: "Safe text here." in (run(qtbot, view, body_js) or ""), timeout=30000)
        qtbot.waitUntil(lambda: run(qtbot, view, "document.title") in ("fetch refused", "fetched"), timeout=20000)
        assert run(qtbot, view, "document.title") == "fetch refused"
        assert run(qtbot, view, "document.querySelector('img').complete") is True
        assert accepted == [], f"the site preview connected {len(accepted)} time(s)"
        assert any(f":{port}/" in u for u in pane.guard.blocked)
        window.actions.site_preview.setChecked(False)
        qtbot.waitUntil(lambda: pane.server.state == "stopped", timeout=10000)


def test_site_preview_hands_only_web_and_mail_links_to_the_system(qtbot):
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile

    from editor.gui.preview.site_page import SitePage
    profile = QWebEngineProfile()
    page = SitePage(profile)
    page.root = QUrl("http://127.0.0.1:4242/")
    handed: list[QUrl] = []
    page.externalLink.connect(handed.append)
    clicked = QWebEnginePage.NavigationType.NavigationTypeLinkClicked
    for url in ("file:///etc/passwd", "smb://attacker/share", "sftp://h/x", "javascript:alert(1)",
                "vscode://file/etc/passwd", "file:///home/u/evil.desktop"):
        assert page.acceptNavigationRequest(QUrl(url), clicked, True) is False
    assert handed == []
    assert page.acceptNavigationRequest(QUrl("https://example.org/"), clicked, True) is False
    assert handed == [QUrl("https://example.org/")]
    assert page.acceptNavigationRequest(QUrl("http://127.0.0.1:4242/posts/"), clicked, True) is True
    page.deleteLater()
