"""Run the authoring window (no subcommand): `hugo-post-editor [PATH]`."""

from __future__ import annotations

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
    from editor.gui import startup_trace
    startup_trace.install(window)
    code = app.exec()
    del window
    return int(code)
