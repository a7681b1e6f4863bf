"""The previews draw with the CPU unless the author asks for the GPU (--gpu, HPE_GPU)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from editor import cli
from tests.conftest import ROOT

PROBE = ("import os, json, editor.gui; print(json.dumps({k: os.environ.get(k) for k in "
         "('QT_QUICK_BACKEND', 'QT_XCB_GL_INTEGRATION', 'QTWEBENGINE_CHROMIUM_FLAGS')}))")


def _env_after_import(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("HPE_GPU", "QT_QUICK_BACKEND", "QT_XCB_GL_INTEGRATION", "QTWEBENGINE_CHROMIUM_FLAGS")}
    env.update(extra)
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                         cwd=ROOT, timeout=60, check=True).stdout
    return json.loads(out)


def test_by_default_nothing_draws_with_opengl():
    env = _env_after_import()
    assert env["QT_QUICK_BACKEND"] == "software"
    assert env["QT_XCB_GL_INTEGRATION"] == "none"
    assert "--disable-gpu" in env["QTWEBENGINE_CHROMIUM_FLAGS"].split()


def test_hpe_gpu_leaves_the_gpu_on():
    env = _env_after_import(HPE_GPU="1")
    assert env["QT_QUICK_BACKEND"] is None and env["QT_XCB_GL_INTEGRATION"] is None
    assert "--disable-gpu" not in env["QTWEBENGINE_CHROMIUM_FLAGS"].split()


def test_the_authors_own_qt_settings_are_kept():
    env = _env_after_import(QT_QUICK_BACKEND="rhi", QTWEBENGINE_CHROMIUM_FLAGS="--disable-gpu --foo")
    assert env["QT_QUICK_BACKEND"] == "rhi"
    assert env["QTWEBENGINE_CHROMIUM_FLAGS"].split().count("--disable-gpu") == 1
    assert "--foo" in env["QTWEBENGINE_CHROMIUM_FLAGS"].split()


def test_gpu_on_the_command_line_asks_for_it(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("HPE_GPU", "")   # recorded, so the test's "1" is undone afterwards
    monkeypatch.delenv("HPE_GPU")
    assert cli.main(["--gpu", str(tmp_path / "no such post.md")]) == 2   # stops before Qt loads
    assert os.environ.get("HPE_GPU") == "1"
    assert "--gpu" not in capsys.readouterr().err   # taken as the flag, not as a path


def test_a_browser_opened_for_a_link_gets_the_authors_qt_settings(qtbot, tmp_path, monkeypatch):
    """The variables the window sets for its own Qt and Chromium (CPU drawing, Chromium flags) are
    not handed to the program that opens an external link; the window keeps them afterwards."""
    import editor.gui as gui
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from tests.gui.helpers import copy_seed, make_window
    window = make_window(qtbot, copy_seed(tmp_path))
    ours = {name: os.environ.get(name) for name in gui._OURS}
    assert ours["QT_QUICK_BACKEND"] == "software" and gui._AUTHORS["QT_QUICK_BACKEND"] is None
    seen: list[dict] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: seen.append({name: os.environ.get(name) for name in gui._OURS}))
    window.commands.open_external(QUrl("https://example.org/"))
    assert seen == [gui._AUTHORS]
    assert {name: os.environ.get(name) for name in gui._OURS} == ours
