"""The site preview pane names the Hugo it runs and explains a theme-less site, with the built-in page shown."""

from __future__ import annotations

import pytest
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QLabel

from editor.core.hugo import binary as hugo
from editor.core.lint import site_check
from tests.gui.helpers import find, make_window, page_text
from tests.sitegen import make_site

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")



def test_theme_less_site_shows_the_built_in_page_and_says_so(qtbot, tmp_path):
    root = make_site(tmp_path, {"posts/hello.md": "---\ntitle: Plain Site Post\n---\nWords here.\n"})
    window = make_window(qtbot, root / "content/posts/hello.md")
    qtbot.waitUntil(lambda: window.document.is_open, timeout=10000)
    window.actions.site_preview.setChecked(True)
    pane = window.site_preview
    qtbot.waitUntil(lambda: pane.server.state == "ready", timeout=30000)
    view = find(window, QWebEngineView, "sitePreview")
    qtbot.waitUntil(lambda: "Plain Site Post" in page_text(qtbot, view), timeout=20000)
    notes = find(window, QLabel, "sitePreviewNotice")
    assert notes.isVisible()
    lines = notes.text().splitlines()
    version = hugo.binary_version(hugo.hugo_binary())
    assert lines[0] == f"Hugo {version} ({hugo.hugo_binary()})"
    assert site_check.NO_LAYOUTS in lines
    window.actions.site_preview.setChecked(False)
