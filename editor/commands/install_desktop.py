"""`hugo-post-editor install-desktop`: write a .desktop entry and the icon into the user's data folder."""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from editor.core.files.private import write_private

APP_ID = "hugo-post-editor"


def resources_dir() -> Path:
    from editor.bundled import resources_dir as bundled
    return bundled()


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share as the XDG base-directory spec says."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def exec_line() -> tuple[str, str | None]:
    """The command the menu runs, and the working folder it needs (None when installed as a script)."""
    script = shutil.which(APP_ID)
    if script:
        return shlex.quote(script), None
    # Not installed as a script: run the module from the folder that holds the package.
    import editor
    return f"{shlex.quote(sys.executable)} -m editor", str(Path(editor.__file__).resolve().parent.parent)


def render_entry(template: str, exec_cmd: str, workdir: str | None) -> str:
    text = template.replace("@EXEC@", exec_cmd).replace("@ICON@", APP_ID)
    lines = [line for line in text.splitlines() if not line.startswith("Path=")]
    if workdir:
        lines.insert(lines.index("[Desktop Entry]") + 1, f"Path={workdir}")
    return "\n".join(lines) + "\n"


def install(base: Path | None = None) -> list[Path]:
    base = base or data_home()
    res = resources_dir()
    apps = base / "applications"
    icons = base / "icons" / "hicolor" / "scalable" / "apps"
    apps.mkdir(parents=True, exist_ok=True)
    icons.mkdir(parents=True, exist_ok=True)
    entry = apps / f"{APP_ID}.desktop"
    icon = icons / f"{APP_ID}.svg"
    exec_cmd, workdir = exec_line()
    template = (res / f"{APP_ID}.desktop.in").read_text(encoding="utf-8")
    # Replaced, never written through: a link planted at either name must not make us overwrite
    # (and mark executable) the file it points to.
    write_private(entry, render_entry(template, exec_cmd, workdir).encode("utf-8"), mode=0o755)
    write_private(icon, (res / "icons" / f"{APP_ID}.svg").read_bytes(), mode=0o644)
    return [entry, icon]


def add_parser(p: argparse.ArgumentParser) -> None:
    p.description = ("Write hugo-post-editor.desktop into $XDG_DATA_HOME/applications (default "
                     "~/.local/share/applications) and its icon, so the app starts from the desktop menu.")


def run(args: argparse.Namespace) -> int:
    try:
        written = install()
    except OSError as exc:
        print(f"hugo-post-editor install-desktop: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    updater = shutil.which("update-desktop-database")
    if updater:
        subprocess.run([updater, "-q", str(written[0].parent)], check=False, capture_output=True)
    return 0
