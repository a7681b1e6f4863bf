"""Shared helpers for window tests: open a window, wait for the preview, run script in the page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from PySide6.QtWidgets import QWidget

from editor.gui import open_window
from tests.conftest import SEED


def fake_render(text: str) -> str:
    """A deterministic stand-in for the renderer: the body as paragraphs, escaped."""
    import html
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n") if p.strip())


def copy_seed(tmp_path: Path, name: str | None = None) -> Path:
    path = tmp_path / "site" / "content" / "posts" / (name or SEED.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED, path)
    path.chmod(0o644)
    return path


def make_window(qtbot, path, render=fake_render):
    window = open_window(str(path) if path is not None else None, render=render)
    qtbot.addWidget(window)
    window.ask_unsaved = lambda: "discard"   # never block on a modal box; tests override this
    return window


def find(window, cls, name: str):
    widget = window.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def js(qtbot, window, script: str, timeout: int = 5000):
    """The value of a script in the preview page (passed through JSON, so arrays come back intact)."""
    result: list = []
    window.preview.page().runJavaScript(f"JSON.stringify(({script}))", 0, lambda r: result.append(r))
    qtbot.waitUntil(lambda: bool(result), timeout=timeout)
    return json.loads(result[0]) if isinstance(result[0], str) else None


def preview_text(qtbot, window) -> str:
    return js(qtbot, window, "(document.getElementById('page') || {innerText: ''}).innerText") or ""


def wait_preview_contains(qtbot, window, text: str, timeout: int = 8000) -> None:
    qtbot.waitUntil(lambda: text in preview_text(qtbot, window), timeout=timeout)


def label_text(widget: QWidget) -> str:
    return widget.text()


def widen_post_list(qtbot, window, width: int = 700) -> None:
    """Give the post browser room beside the title, so optional columns (language, git) show."""
    from PySide6.QtCore import Qt
    window.resize(max(window.width(), 3 * width), window.height())
    qtbot.waitUntil(lambda: window.width() >= 3 * width, timeout=5000)
    window.resizeDocks([window.post_dock], [width], Qt.Orientation.Horizontal)


def page_text(qtbot, view) -> str:
    """The visible text of any web view's page (the site preview's, say)."""
    result: list = []
    view.page().runJavaScript("JSON.stringify(document.body ? document.body.innerText : '')", 0,
                              lambda r: result.append(r))
    qtbot.waitUntil(lambda: bool(result), timeout=10000)
    return json.loads(result[0]) if isinstance(result[0], str) else ""
