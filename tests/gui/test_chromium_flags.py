"""The previews share one Chromium renderer process (a flag added before QtWebEngine starts); never --single-process."""
from __future__ import annotations

import os
import subprocess
import sys


def _flags_after_import(flags: str | None) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "QTWEBENGINE_CHROMIUM_FLAGS"}
    if flags is not None:
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = flags
    code = "import os, editor.gui; print(os.environ['QTWEBENGINE_CHROMIUM_FLAGS'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_one_renderer_process_for_both_previews():
    flags = _flags_after_import(None)
    assert "--renderer-process-limit=1" in flags
    assert "--single-process" not in flags


def test_the_users_own_limit_and_flags_are_kept():
    flags = _flags_after_import("--renderer-process-limit=3 --enable-foo")
    assert "--renderer-process-limit=3" in flags and "--enable-foo" in flags
    assert "--renderer-process-limit=1" not in flags


def test_the_preview_page_may_collect_its_garbage():
    assert "--js-flags=--expose-gc" in _flags_after_import(None)
    assert "--js-flags=--expose-gc" not in _flags_after_import("--js-flags=--max-old-space-size=64")
