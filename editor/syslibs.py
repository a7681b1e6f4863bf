"""The system libraries Qt's plugins need: found missing before Qt loads, named with the install command.

Qt's xcb plugin aborts with a misleading message when a library is missing ("xcb-cursor0 is
needed" while the gap is libxcb-icccm4), so the window checks first: `ldd` on the platform
plugin and the WebEngine files of the installed PySide6, its "not found" lines mapped to the
package names of Debian/Ubuntu, Fedora and Arch. Plain Python; it never imports Qt.
`python -m editor.syslibs debian|fedora|arch` prints the whole package list (CI installs it).
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

# soname -> (Debian/Ubuntu, Fedora, Arch) package. Derived from `ldd` on PySide6 6.11's
# plugins/platforms/libqxcb.so, plugins/xcbglintegrations, lib/libQt6{Gui,Widgets,WebEngineCore,
# WebEngineWidgets}.so.6 and libexec/QtWebEngineProcess (glibc and libstdc++ left out).
PACKAGES: dict[str, tuple[str, str, str]] = {
    "libEGL.so.1": ("libegl1", "libglvnd-egl", "libglvnd"),
    "libGL.so.1": ("libgl1", "libglvnd-glx", "libglvnd"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx", "libglvnd"),
    "libGLdispatch.so.0": ("libglvnd0", "libglvnd", "libglvnd"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11"),
    "libXau.so.6": ("libxau6", "libXau", "libxau"),
    "libXcomposite.so.1": ("libxcomposite1", "libXcomposite", "libxcomposite"),
    "libXdamage.so.1": ("libxdamage1", "libXdamage", "libxdamage"),
    "libXdmcp.so.6": ("libxdmcp6", "libXdmcp", "libxdmcp"),
    "libXext.so.6": ("libxext6", "libXext", "libxext"),
    "libXfixes.so.3": ("libxfixes3", "libXfixes", "libxfixes"),
    "libXrandr.so.2": ("libxrandr2", "libXrandr", "libxrandr"),
    "libXrender.so.1": ("libxrender1", "libXrender", "libxrender"),
    "libXtst.so.6": ("libxtst6", "libXtst", "libxtst"),
    "libasound.so.2": ("libasound2", "alsa-lib", "alsa-lib"),
    "libbrotlicommon.so.1": ("libbrotli1", "libbrotli", "brotli"),
    "libbrotlidec.so.1": ("libbrotli1", "libbrotli", "brotli"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs", "dbus"),
    "libdrm.so.2": ("libdrm2", "libdrm", "libdrm"),
    "libexpat.so.1": ("libexpat1", "expat", "expat"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype", "freetype2"),
    "libgbm.so.1": ("libgbm1", "mesa-libgbm", "mesa"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2", "glib2"),
    "libgssapi_krb5.so.2": ("libgssapi-krb5-2", "krb5-libs", "krb5"),
    "libkrb5.so.3": ("libkrb5-3", "krb5-libs", "krb5"),
    "libk5crypto.so.3": ("libk5crypto3", "krb5-libs", "krb5"),
    "libnspr4.so": ("libnspr4", "nspr", "nspr"),
    "libplc4.so": ("libnspr4", "nspr", "nspr"),
    "libplds4.so": ("libnspr4", "nspr", "nspr"),
    "libnss3.so": ("libnss3", "nss", "nss"),
    "libnssutil3.so": ("libnss3", "nss-util", "nss"),
    "libsmime3.so": ("libnss3", "nss", "nss"),
    "libpng16.so.16": ("libpng16-16", "libpng", "libpng"),
    "libudev.so.1": ("libudev1", "systemd-libs", "systemd-libs"),
    "libwayland-server.so.0": ("libwayland-server0", "libwayland-server", "wayland"),
    "libxcb.so.1": ("libxcb1", "libxcb", "libxcb"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-dri3.so.0": ("libxcb-dri3-0", "libxcb", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb", "libxcb"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb", "libxcb"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil", "xcb-util-renderutil"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb", "libxcb"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
    "libxkbfile.so.1": ("libxkbfile1", "libxkbfile", "libxkbfile"),
    # Needed by the libraries above (present wherever those are, but named when they are not).
    "libbsd.so.0": ("libbsd0", "libbsd", "libbsd"),
    "libcap.so.2": ("libcap2", "libcap", "libcap"),
    "libcom_err.so.2": ("libcom-err2", "libcom_err", "e2fsprogs"),
    "libffi.so.8": ("libffi8", "libffi", "libffi"),
    "libgcrypt.so.20": ("libgcrypt20", "libgcrypt", "libgcrypt"),
    "libgpg-error.so.0": ("libgpg-error0", "libgpg-error", "libgpg-error"),
    "libkeyutils.so.1": ("libkeyutils1", "keyutils-libs", "keyutils"),
    "libkrb5support.so.0": ("libkrb5support0", "krb5-libs", "krb5"),
    "liblz4.so.1": ("liblz4-1", "lz4-libs", "lz4"),
    "liblzma.so.5": ("liblzma5", "xz-libs", "xz"),
    "libmd.so.0": ("libmd0", "libmd", "libmd"),
    "libpcre2-8.so.0": ("libpcre2-8-0", "pcre2", "pcre2"),
    "libsystemd.so.0": ("libsystemd0", "systemd-libs", "systemd-libs"),
    "libz.so.1": ("zlib1g", "zlib", "zlib"),
    "libzstd.so.1": ("libzstd1", "libzstd", "zstd"),
}
SYSTEMS = ("debian", "fedora", "arch")
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.M)


def qt_root() -> Path | None:
    """The installed PySide6's Qt folder (found without importing PySide6)."""
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if (Path(folder) / "Qt").is_dir():
            return Path(folder) / "Qt"
    return None


def qt_files(root: Path | None, platform: str) -> list[Path]:
    """The files whose libraries the window needs: the platform plugin and WebEngine."""
    if root is None:
        return []
    names = [f"plugins/platforms/libq{platform}.so", "lib/libQt6WebEngineCore.so.6",
             "libexec/QtWebEngineProcess"]
    if platform == "xcb":
        names.append("plugins/xcbglintegrations/libqxcb-glx-integration.so")
    return [root / n for n in names if (root / n).is_file()]


def run_ldd(files: list[Path]) -> str | None:
    """`ldd` of the files (None when there is no ldd)."""
    ldd = shutil.which("ldd")
    if ldd is None or not files:
        return None
    try:
        return subprocess.run([ldd, *map(str, files)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None


def _find_library(soname: str) -> bool:
    import ctypes.util   # here, not at start-up: it costs ~10 ms (tempfile, subprocess…) before Qt loads
    stem = re.sub(r"^lib|\.so.*$", "", soname)
    return ctypes.util.find_library(stem) is not None


def missing(ldd_output: str | None, finder: Callable[[str], bool] = _find_library) -> list[str]:
    """The sonames `ldd` did not find; without ldd output, those of PACKAGES the finder lacks."""
    if ldd_output is not None:
        return sorted(set(_NOT_FOUND.findall(ldd_output)))
    return sorted(s for s in PACKAGES if not finder(s))


def install_commands(sonames: list[str]) -> dict[str, str]:
    """system -> the command that installs the packages of `sonames` (known ones only)."""
    verbs = {"debian": "sudo apt-get install", "fedora": "sudo dnf install", "arch": "sudo pacman -S"}
    out = {}
    for i, system in enumerate(SYSTEMS):
        pkgs = list(dict.fromkeys(PACKAGES[s][i] for s in sonames if s in PACKAGES))
        if pkgs:
            out[system] = f"{verbs[system]} {' '.join(pkgs)}"
    return out


def message(sonames: list[str]) -> str:
    """One line: what is missing and the exact command to install it."""
    cmds = install_commands(sonames)
    text = f"the window needs system libraries that are missing: {', '.join(sonames)}."
    if cmds:
        text += f" Install them with: {cmds['debian']} (Fedora: {cmds['fedora']}; Arch: {cmds['arch']})"
    unknown = [s for s in sonames if s not in PACKAGES]
    if unknown:
        text += f" (install the package that provides {', '.join(unknown)})"
    return text


def platform_name() -> str:
    """The Qt platform plugin the window will load (QT_QPA_PLATFORM, else xcb on X11)."""
    name = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip()
    if name:
        return name
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return "wayland"
    return "xcb"


def _ok_marker(files: list[Path]) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    basis = [str(f) for f in files] + [os.environ.get("LD_LIBRARY_PATH", "")]
    for f in [*files, Path("/etc/ld.so.cache")]:
        try:
            basis.append(str(f.stat().st_mtime_ns))
        except OSError:
            basis.append("-")
    return Path(base) / "hugo-post-editor" / f"syslibs-ok-{hashlib.sha1('|'.join(basis).encode()).hexdigest()[:16]}"


def check(platform: str | None = None) -> list[str]:
    """The missing sonames for the window on `platform` ([] when all are there; a success is
    remembered until PySide6, the library cache or LD_LIBRARY_PATH change, so starts stay fast)."""
    if not sys.platform.startswith("linux"):
        return []   # the table and ldd are Linux's; elsewhere Qt's own message stands
    files = qt_files(qt_root(), platform or platform_name())
    if not files:
        return []
    marker = _ok_marker(files)
    if marker.exists():
        return []
    found = missing(run_ldd(files))
    if not found:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass
    return found


def main(argv: list[str]) -> int:
    system = argv[0] if argv else "debian"
    if system not in SYSTEMS:
        print(f"usage: python -m editor.syslibs [{'|'.join(SYSTEMS)}]", file=sys.stderr)
        return 2
    i = SYSTEMS.index(system)
    print(" ".join(sorted({p[i] for p in PACKAGES.values()})))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
