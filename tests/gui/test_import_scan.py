"""PySide6's per-import scan, made a file read, answers as PySide6's own scan does."""

from __future__ import annotations

import sys

import editor.gui.main_window  # noqa: F401 - installs the scan (editor.gui), then loads the window
from editor.gui import import_scan


def test_the_fast_scan_is_installed_once():
    feature = sys.modules["shibokensupport.feature"]
    assert hasattr(feature._mod_uses_pyside, "original")
    assert import_scan.install() is False    # already there: not wrapped twice


def test_it_gives_pysides_answer_for_every_loaded_module():
    scan = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    modules = [m for m in list(sys.modules.values()) if getattr(m, "__file__", None)]
    assert len(modules) > 200
    answers = {m.__name__: scan(m) for m in modules}
    assert answers == {m.__name__: scan.original(m) for m in modules}
    assert answers["editor.gui.main_window"] is True and answers["editor.core.post"] is False
