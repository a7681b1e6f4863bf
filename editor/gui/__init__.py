"""The authoring window: `open_window(path)` builds and shows it (tests and the command line use it)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

from editor.core import heap

# What the window sets for Qt and Chromium below, as the author had it: programs the window starts
# for the author (the browser for an external link) get these back (author_environment).
_OURS = ("QTWEBENGINE_CHROMIUM_FLAGS", "QT_QUICK_BACKEND", "QT_XCB_GL_INTEGRATION", "QT_LOGGING_RULES")
_AUTHORS = {name: os.environ.get(name) for name in _OURS}


@contextlib.contextmanager
def author_environment() -> Iterator[None]:
    """The author's own values of the variables set for Qt and Chromium, for the time of a launch."""
    ours = {name: os.environ.get(name) for name in _OURS}
    try:
        for name, value in _AUTHORS.items():
            _put(name, value)
        yield
    finally:
        for name, value in ours.items():
            _put(name, value)


def _put(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _add_flag(flag: str) -> None:
    """Add a Chromium flag for QtWebEngine unless one of that name is set already (the author's wins)."""
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    name = flag.split("=")[0]
    if not any(f.split("=")[0] == name for f in flags):
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([*flags, flag])


def _chromium_flags() -> None:
    """Chromium refuses to start as root with its sandbox on; the preview then needs --no-sandbox.

    The preview page runs no post scripts (CSP) and loads nothing remote by default, so running
    it unsandboxed as root (containers, CI) is the lesser evil compared with no preview at all.
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        _add_flag("--no-sandbox")


def _quiet() -> None:
    """Qt and Chromium print pages of GPU, Vulkan and D-Bus warnings on every start, none of
    them the author's business: keep stderr for our own messages unless HPE_VERBOSE is set
    (`hugo-post-editor --verbose`). A QT_LOGGING_RULES of the user's own is respected."""
    if os.environ.get("HPE_VERBOSE"):
        return
    os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;*.info=false;*.warning=false")
    _add_flag("--log-level=3")
    _add_flag("--disable-logging")


def _one_renderer() -> None:
    """The instant and the site preview share one renderer process (one profile, one process: each
    further renderer costs ~45 MB). Not --single-process, which puts the renderer inside the app."""
    _add_flag("--renderer-process-limit=1")


def _software_drawing() -> None:
    """The previews draw with the CPU unless HPE_GPU is set (`hugo-post-editor --gpu`): a blog page
    needs no GPU, and leaving OpenGL out of the process (Mesa and its LLVM, the GPU thread's
    contexts) saves ~75 MB of the tree and ~0.15 s before the preview paints (tests/bench/bench_startup.py).
    Settings of the author's own (QT_QUICK_BACKEND, QT_XCB_GL_INTEGRATION) are kept."""
    if os.environ.get("HPE_GPU"):
        return
    os.environ.setdefault("QT_QUICK_BACKEND", "software")   # QWebEngineView draws through Qt Quick
    os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")   # no GLX context shared with Chromium
    _add_flag("--disable-gpu")


def _collectable() -> None:
    """The preview page collects its garbage when the author pauses (resources/preview/preview.js):
    V8's `gc` is exposed for it. Left to its own schedule, the renderer grew by ~25 MB over 3,000
    typed characters (tests/bench/bench_soak.py). Post scripts never run in the preview (CSP).
    An author's own --js-flags is kept (then the page does without collecting)."""
    _add_flag("--js-flags=--expose-gc")


_chromium_flags()
_quiet()
_collectable()
_software_drawing()
_one_renderer()
heap.limit_arenas()   # before Qt's threads start: each would keep a heap of its own (core/heap.py)


def _gl_drawing() -> bool:
    """Whether Qt Quick (and so the web views) may draw with OpenGL: not with our CPU drawing."""
    return os.environ.get("QT_QUICK_BACKEND") != "software"


if _gl_drawing():
    # Drawing with OpenGL, QtWebEngine shares its contexts with the window's: it must load before
    # the QApplication exists. Drawn with the CPU there is nothing to share, and QtWebEngine (its
    # library alone ~35 ms) loads with the first web view, after the window's first paint.
    import PySide6.QtWebEngineWidgets  # noqa: E402,F401
import PySide6.QtCore  # noqa: E402,F401 (loads PySide6's import scan, replaced below)

from editor.gui import import_scan  # noqa: E402

import_scan.install()   # before the window's modules load: each would be scanned the slow way
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402

from editor.services import resources  # noqa: E402
from editor.services.preview.service import RenderFn  # noqa: E402


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


def open_window(path: str | None = None, *, render: RenderFn | None = None, prompts=None) -> QMainWindow:
    """Create the QApplication if needed, open `path` (post, content folder or site; None: last
    session, else the bundled content), show the window and return it without running the loop.
    `prompts` answers the window's questions (default: real dialogs; gui.dialogs.prompts.Prompts)."""
    application()
    from editor.gui.main_window import MainWindow

    window = MainWindow(render=render, prompts=prompts)
    window.commands.open_initial(path)
    window.show()
    return window


__all__ = ["open_window", "application"]
