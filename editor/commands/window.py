"""Run the authoring window (no subcommand): `hugo-post-editor [PATH]`."""

from __future__ import annotations

import os
import sys


def run_window(path: str | None) -> int:
    from editor import syslibs
    lacking = syslibs.check()
    if lacking:   # before Qt loads: its xcb plugin would abort with a misleading message
        print(f"hugo-post-editor: {syslibs.message(lacking)}", file=sys.stderr)
        return 3
    try:
        from editor.gui import application, open_window
    except ImportError as exc:   # Qt (or its WebEngine add-on) missing
        print(f"hugo-post-editor: the window needs PySide6 with QtWebEngine: {exc}", file=sys.stderr)
        return 3
    app = application()
    window = open_window(path)
    if os.environ.get("HPE_QUIT_AFTER_SHOWN"):
        _quit_when_shown(app, window)
    code = app.exec()
    del window
    return int(code)


def _quit_when_shown(app, window) -> None:
    """Test hook (HPE_QUIT_AFTER_SHOWN=1): leave once the window is up and the preview page has
    loaded (Chromium's own processes have started and said whatever they say by then)."""
    from PySide6.QtCore import QTimer
    window.preview.loadFinished.connect(lambda _ok: QTimer.singleShot(1000, app.quit))
    QTimer.singleShot(60_000, app.quit)   # never hang a test run
