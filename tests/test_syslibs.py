"""Missing system libraries are named, with the install command, before Qt loads (and aborts)."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

import pytest

from editor import syslibs
from tests.conftest import ROOT

LDD_MINIMAL_DEBIAN = """/x/PySide6/Qt/plugins/platforms/libqxcb.so:
\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
/x/PySide6/Qt/lib/libQt6WebEngineCore.so.6:
\tlibnss3.so => /lib/x86_64-linux-gnu/libnss3.so (0x00007f)
"""

_SYSTEM = {"linux-vdso.so.1", "libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libpthread.so.0",
           "libdl.so.2", "librt.so.1", "libresolv.so.2"}


def test_not_found_lines_become_one_line_with_the_install_commands():
    lacking = syslibs.missing(LDD_MINIMAL_DEBIAN)
    assert lacking == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    text = syslibs.message(lacking)
    assert "\n" not in text
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 " in text
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms;" in text
    assert "sudo pacman -S xcb-util-wm xcb-util-keysyms)" in text


def test_without_ldd_the_finder_decides():
    assert syslibs.missing(None, finder=lambda s: s != "libxcb-cursor.so.0") == ["libxcb-cursor.so.0"]


def test_an_unknown_library_is_still_named():
    text = syslibs.message(["libweird.so.9", "libxcb-icccm.so.4"])
    assert "libweird.so.9" in text and "provides libweird.so.9" in text and "libxcb-icccm4" in text


def _linked(files) -> set[str]:
    out = syslibs.run_ldd(files) or ""
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if line.startswith("\t") and parts and "PySide6" not in line and "shiboken" not in line \
                and not parts[0].startswith("/"):
            names.add(parts[0])
    return names - _SYSTEM


@pytest.mark.skipif(syslibs.qt_root() is None or syslibs.run_ldd([sys.executable]) is None,
                    reason="needs PySide6 and ldd")
@pytest.mark.parametrize("platform", ["xcb", "offscreen"])
def test_the_table_knows_every_library_the_installed_qt_links(platform):
    files = syslibs.qt_files(syslibs.qt_root(), platform)
    assert any("platforms" in str(f) for f in files) and any("WebEngine" in str(f) for f in files)
    assert _linked(files) - set(syslibs.PACKAGES) == set()


@pytest.mark.skipif(syslibs.qt_root() is None or syslibs.run_ldd([sys.executable]) is None,
                    reason="needs PySide6 and ldd")
def test_the_check_names_exactly_the_libraries_the_loader_cannot_open():
    files = syslibs.qt_files(syslibs.qt_root(), "xcb")
    truth = set()
    for soname in _linked(files):
        try:
            ctypes.CDLL(soname)
        except OSError:
            truth.add(soname)
    assert set(syslibs.missing(syslibs.run_ldd(files))) == truth


def test_the_window_stops_before_qt_with_one_line_and_exit_3(tmp_path):
    """End to end: an `ldd` that reports the gap of a minimal Debian (first on PATH)."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "ldd").write_text("#!/bin/sh\ncat <<'EOF'\n" + LDD_MINIMAL_DEBIAN + "EOF\n")
    (fake / "ldd").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", "QT_QPA_PLATFORM": "xcb",
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "editor", str(ROOT / "content")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 3
    lines = [line for line in proc.stderr.splitlines() if not line.startswith("import time:")]
    assert len(lines) == 1, proc.stderr[-2000:]
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in lines[0]
    assert "PySide6" not in proc.stderr   # Qt was never imported
    assert proc.stdout == ""


def test_debian_package_list_for_ci():
    proc = subprocess.run([sys.executable, "-m", "editor.syslibs", "debian"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    packages = proc.stdout.split()
    assert proc.returncode == 0 and "libxcb-icccm4" in packages and "libxcb-keysyms1" in packages
    assert len(packages) == len(set(packages))


def test_ci_installs_the_whole_debian_list_when_apt_get_exists():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "command -v apt-get" in ci and "python3 -m editor.syslibs debian" in ci
    assert ci.index("apt-get update") < ci.index("apt-get install")
