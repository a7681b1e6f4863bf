"""The command line without a display: a typo is a usage line (exit 2), never a Qt abort (exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def _headless(*args):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "editor", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_unknown_word_is_a_usage_error_before_qt_loads():
    result = _headless("bogus")
    assert result.returncode == 2, result
    assert result.stderr.count("\n") == 1 and "'bogus'" in result.stderr and "--help" in result.stderr


def test_missing_path_is_a_usage_error(tmp_path):
    result = _headless(str(tmp_path / "nope.md"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "nope.md" in result.stderr


def test_existing_path_without_a_display_says_so(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: x\n---\nbody\n")
    result = _headless(str(post))
    assert result.returncode == 3, result
    assert result.stderr.count("\n") == 1 and "display" in result.stderr


def test_commands_need_no_display(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: x\n---\nbody\n")
    assert _headless("show", str(post)).returncode == 0
