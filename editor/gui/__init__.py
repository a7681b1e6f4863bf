"""The authoring window: `open_window(path)` builds and shows it (tests and the command line use it)."""

from __future__ import annotations

import sys

# QtWebEngine must be imported before the QApplication exists (it shares OpenGL contexts).
import PySide6.QtWebEngineWidgets  # noqa: F401
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow

from editor.services import resources
from editor.services.preview import RenderFn


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName(resources.APP_ID)
    app.setApplicationDisplayName("Hugo Post Editor")
    app.setOrganizationName(resources.APP_ID)
    app.setDesktopFileName(resources.APP_ID)
    app.setWindowIcon(QIcon(str(resources.icon_path())))
    return app  # type: ignore[return-value]


def open_window(path: str | None = None, *, render: RenderFn | None = None) -> QMainWindow:
    """Create the QApplication if needed, open `path` (post, content folder or site; None: last
    session, else the bundled content), show the window and return it without running the loop."""
    application()
    from editor.gui.main_window import MainWindow

    window = MainWindow(render=render)
    window.open_initial(path)
    window.show()
    return window


__all__ = ["open_window", "application"]
