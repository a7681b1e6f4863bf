"""The preview's web view is made after the window's first paint; what was sent before is shown in it."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QMainWindow

from editor.gui.preview.view import PreviewView
from tests.gui.helpers import copy_seed, make_window, wait_preview_contains


class _FirstPaint(QObject):
    """Records whether the preview pane had a web view when the window first painted."""

    def __init__(self, preview: PreviewView) -> None:
        super().__init__()
        self.preview = preview
        self.view_at_paint: list[bool] = []

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and not self.view_at_paint:
            self.view_at_paint.append(self.preview.findChild(QWebEngineView) is not None)
        return False


def test_window_paints_before_the_web_view_exists(qtbot, tmp_path, monkeypatch):
    from editor.gui import main_window
    seen: list[_FirstPaint] = []
    real_show = main_window.MainWindow.show

    def show(self):
        probe = _FirstPaint(self.preview)
        self.installEventFilter(probe)
        seen.append(probe)
        real_show(self)
    monkeypatch.setattr(main_window.MainWindow, "show", show)
    window = make_window(qtbot, copy_seed(tmp_path))
    assert window.preview.findChild(QWebEngineView) is None   # shown, not yet painted: no web view
    qtbot.waitUntil(lambda: bool(seen[0].view_at_paint), timeout=10000)
    assert seen[0].view_at_paint == [False]
    qtbot.waitUntil(lambda: window.preview.has_view, timeout=10000)   # made right after, unasked
    with qtbot.waitSignal(window.preview.applied, timeout=20000):
        pass


def test_an_update_sent_before_the_view_exists_is_shown_in_it(qtbot):
    host = QMainWindow()
    qtbot.addWidget(host)
    pane = PreviewView()
    host.setCentralWidget(pane)
    from editor.gui.preview.glue import home_url
    from editor.services.preview.service import preview_page
    pane.load_page(preview_page(False), home_url(), False)
    pane.show_html("", "<p>Written before the view</p>")
    loaded: list[bool] = []
    pane.loadFinished.connect(loaded.append)   # connected to the pane: forwarded from the view
    assert not pane.has_view
    with qtbot.waitSignal(pane.applied, timeout=20000):
        host.show()
    assert pane.has_view
    qtbot.waitUntil(lambda: loaded == [True], timeout=10000)   # the page's load, forwarded

    class W:   # the helpers read the page through `window.preview`
        preview = pane
    wait_preview_contains(qtbot, W, "Written before the view")
