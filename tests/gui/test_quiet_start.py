"""Start-up is quiet: no Qt/Chromium/Vulkan/D-Bus noise on stderr unless --verbose asks for it."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def _start(tmp_path, *extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_LOGGING_RULES", "QTWEBENGINE_CHROMIUM_FLAGS", "HPE_VERBOSE")}
    for var in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[var] = str(tmp_path / var.lower())
    env.update(QT_QPA_PLATFORM="offscreen", HPE_QUIT_AFTER_SHOWN="1")
    return subprocess.run([sys.executable, "-m", "editor", *extra, str(ROOT / "content")],
                          capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)


def test_the_window_starts_with_an_empty_stderr(tmp_path):
    proc = _start(tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_verbose_shows_what_qt_and_chromium_say(tmp_path):
    proc = _start(tmp_path, "--verbose")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() != ""   # offscreen Qt always has something to say
