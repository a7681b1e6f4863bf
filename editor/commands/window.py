"""Run the authoring window (no subcommand): `hugo-post-editor [PATH]`."""

from __future__ import annotations

import os
import sys


def _no_display() -> bool:
    """On X11/Wayland systems without a display (and no QT_QPA_PLATFORM chosen), Qt aborts the
    process (exit 134) instead of raising: tell the user first."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_window(path: str | None) -> int:
    if _no_display():
        print("hugo-post-editor: no display to open the window on (set DISPLAY or WAYLAND_DISPLAY, or "
              "run it under xvfb-run); the commands (show, set, check, …) need none", file=sys.stderr)
        return 3
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
    from editor.gui.window import startup_trace
    startup_trace.install(window)
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
