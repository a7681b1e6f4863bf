"""The site preview updates the shown page in place after a rebuild; a page with scripts is reloaded."""

from __future__ import annotations

import json

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWebEngineWidgets import QWebEngineView

from editor.core.hugo import binary as hugo
from tests.gui.helpers import find, make_window, page_text
from tests.sitegen import make_site

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

BASE = ("<!DOCTYPE html><html><head><title>{{ .Title }}</title>"
        "<style>body { margin: 1em }</style></head><body>{{ block \"main\" . }}{{ end }}%s</body></html>")
SINGLE = "{{ define \"main\" }}<h1>{{ .Title }}</h1><main>{{ .Content }}</main>{{ end }}"
POST = "---\ntitle: Patched\n---\nThe saved first paragraph.\n\nThe saved second paragraph.\n"


def _site(tmp_path, script: str = ""):
    files = {"layouts/_default/baseof.html": BASE % script, "layouts/_default/single.html": SINGLE,
             "layouts/_default/list.html": "{{ define \"main\" }}list{{ end }}"}
    root = make_site(tmp_path, {"posts/one.md": POST}, files=files)
    return root / "content" / "posts" / "one.md"


def _js(qtbot, view, script: str):
    result: list = []
    view.page().runJavaScript(f"JSON.stringify({script})", 0, lambda r: result.append(r))
    qtbot.waitUntil(lambda: bool(result), timeout=10000)
    return json.loads(result[0]) if isinstance(result[0], str) else None


def _open(qtbot, post):
    window = make_window(qtbot, post)
    qtbot.waitUntil(lambda: window.document.is_open, timeout=10000)
    window.actions.site_preview.setChecked(True)
    view = find(window, QWebEngineView, "sitePreview")   # made when the site preview is turned on
    qtbot.waitUntil(lambda: "saved second paragraph" in page_text(qtbot, view), timeout=45000)
    # The page's scripts (livereload, the patch script) have run once it is loaded.
    qtbot.waitUntil(lambda: _js(qtbot, view, "typeof window.__hpeSitePatch") == "function", timeout=10000)
    return window, view


def _type_at_end(window, text: str) -> None:
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    window.editor.insertPlainText(text)


def test_a_rebuild_updates_the_page_without_reloading_it(qtbot, tmp_path):
    window, view = _open(qtbot, _site(tmp_path))
    _js(qtbot, view, "(window.__marker = 42)")   # lost if the page is loaded again
    loads: list = []
    view.loadStarted.connect(lambda: loads.append(1))
    _type_at_end(window, "\nA third paragraph typed into the buffer.\n")
    qtbot.waitUntil(lambda: "third paragraph typed" in page_text(qtbot, view), timeout=45000)
    assert _js(qtbot, view, "window.__marker") == 42
    assert loads == []
    # The title (in the head) follows too, and the page is still the post's, with its style.
    title = window.form.title_edit
    title.selectAll()
    QTest.keyClicks(title, "Renamed")
    qtbot.waitUntil(lambda: _js(qtbot, view, "document.title") == "Renamed", timeout=45000)
    assert _js(qtbot, view, "document.querySelector('h1').textContent") == "Renamed"
    assert _js(qtbot, view, "window.__marker") == 42 and loads == []


def test_a_page_with_its_own_scripts_is_reloaded(qtbot, tmp_path):
    window, view = _open(qtbot, _site(tmp_path, "<script>document.body.dataset.ran = '1'</script>"))
    _js(qtbot, view, "(window.__marker = 42)")
    _type_at_end(window, "\nA third paragraph typed into the buffer.\n")
    qtbot.waitUntil(lambda: "third paragraph typed" in page_text(qtbot, view), timeout=45000)
    assert _js(qtbot, view, "window.__marker === undefined") is True   # a fresh page
    assert _js(qtbot, view, "document.body.dataset.ran") == "1"         # whose script ran
