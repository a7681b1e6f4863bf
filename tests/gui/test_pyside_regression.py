"""PySide6 6.12.0 aborts (`Fatal Python error: none_dealloc`) after a few thousand void calls; 6.11.3 must not."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit
    app = QApplication([])
    label = QLabel()
    edit = QPlainTextEdit("some text")
    for i in range(30_000):
        label.setText(str(i))          # returns None: 6.12.0 over-releases None here
        if i % 10 == 0:
            app.processEvents()
            edit.toPlainText()
    assert label.text() == "29999"
    print("ok")
""")


def test_many_void_calls_do_not_abort():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().endswith("ok")


def test_pinned_version():
    import PySide6
    assert PySide6.__version__ == "6.11.3"
