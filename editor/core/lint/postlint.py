"""Problems in a post, with line and column: what Hugo refuses, misreads or silently changes."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from editor.core.lint import bodylint, mojibake
from editor.core.hugo import fields
from editor.core.hugo.dates import DateError, parse_date
from editor.core.hugo.site import Site
from editor.core.errors import PostError
from editor.core.files.io import load
from editor.core.lint.problem import ERROR, WARNING, Problem
from editor.core.post import Post

_RELATIVE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
POST_SUFFIXES = (".md", ".markdown", ".mdown", ".html", ".htm")


def check_post(post: Post, site: Site | None = None) -> list[Problem]:
    """The problems of a loaded post (with its site, refs and absolute images are checked too)."""
    path = post.path or "<text>"
    problems: list[Problem] = []

    def add(line: int | None, severity: str, message: str, column: int = 1) -> None:
        problems.append(Problem(path, line or post.front_matter_line, column, severity, message))

    for key, first, line, column in post.duplicate_keys:
        add(line, ERROR, f'"{key}" is defined twice (first on line {first}); Hugo refuses the file', column)
    by_field = _keys_by_field(post)
    _check_aliases(post, by_field, add)
    _check_dates(post, by_field, add)
    _check_draft(post, by_field, add)
    _check_mojibake(post.content, post.body_line, add)
    _check_body(post, site, add)
    _check_relative_images(post, add)
    _check_mojibake(post.raw_front_matter.replace("\r\n", "\n"), post.front_matter_line, add)
    return sorted(problems, key=lambda p: (p.line, p.column))


_Add = Callable[..., None]


def _keys_by_field(post: Post) -> dict[str, list[str]]:
    """The keys of the front matter grouped by the field they set (aliases such as date/publishDate)."""
    by_field: dict[str, list[str]] = {}
    for key in post.keys():
        canonical = fields.canonical(key) if isinstance(key, str) else None
        if canonical:
            by_field.setdefault(canonical, []).append(key)
    return by_field


def _check_aliases(post: Post, by_field: dict[str, list[str]], add: _Add) -> None:
    for name, keys in by_field.items():
        if len(keys) > 1:
            add(post.key_line(keys[-1]), WARNING,
                f"{' and '.join(keys)} all set {name}; Hugo uses only one of them — keep one")


def _check_dates(post: Post, by_field: dict[str, list[str]], add: _Add) -> None:
    for name in fields.DATE_FIELDS:
        for key in by_field.get(name, []):
            raw = post.raw(key)  # as written, before making it aware
            try:
                parse_date(raw, post.timezone) if not isinstance(raw, (list, dict, bool)) else _raise(raw)
            except DateError:
                add(post.key_line(key), ERROR,
                    f'the "{key}" front matter field is not a parsable date: {raw!r} '
                    "(use RFC 3339, e.g. 2026-12-01T09:00:00+01:00)")


def _check_draft(post: Post, by_field: dict[str, list[str]], add: _Add) -> None:
    for key in by_field.get("draft", []):
        raw = post.raw(key)
        if isinstance(raw, str) and raw.strip().lower() in ("yes", "no", "on", "off", "y", "n"):
            add(post.key_line(key), WARNING,
                f"draft: {raw} is read as a string by Hugo 0.168, so the post is NOT a draft "
                "(Hugo 0.111 read it as true); write draft: true or draft: false")
        elif not isinstance(raw, bool) and raw is not None:
            add(post.key_line(key), WARNING, f"draft should be true or false, not {raw!r}")


def _check_mojibake(text: str, offset: int, add: _Add) -> None:
    """Mojibake in `text`, whose first line is line `offset` of the file."""
    for number, line in enumerate(text.split("\n")):
        for m in mojibake.find(line):
            add(offset + number, WARNING,
                f"mojibake {m.text!r} (UTF-8 read as Windows-1252); meant {m.fixed!r}", m.start + 1)


def _check_body(post: Post, site: Site | None, add: _Add) -> None:
    content_dirs = list(site.content_dirs) if site is not None else None
    static_dirs = [site.root / "static"] if site is not None else None
    for bp in bodylint.check_body(post.content, post.path, content_dirs, static_dirs):
        add(post.body_line + bp.line - 1, bp.severity, bp.message, bp.column)


def _check_relative_images(post: Post, add: _Add) -> None:
    if not post.path or os.path.basename(post.path) in ("index.md", "_index.md"):
        return
    for number, line in enumerate(post.content.split("\n")):
        for m in _RELATIVE_IMAGE.finditer(line):
            if "://" not in m.group(1) and not m.group(1).startswith(("/", "#")):
                add(post.body_line + number, WARNING,
                    f"relative image {m.group(1)} in a single-file post: Hugo publishes it beside the "
                    "section, not the page, so the link breaks; make the post a leaf bundle "
                    "(folder/index.md with the image beside it)", m.start() + 1)


def _raise(value: object) -> NoReturn:
    raise DateError(repr(value))


def check_file(path: str | os.PathLike[str], site: Site | None = None) -> list[Problem]:
    """Problems of one file; a file that cannot be loaded is one error at its line."""
    try:
        post = load(path)
    except PostError as exc:
        return [Problem(str(path), exc.line or 1, exc.column or 1, ERROR, exc.reason)]
    if site is not None:
        post.timezone = site.timezone
    return check_post(post, site)


def iter_posts(paths: list[str]) -> list[Path]:
    """The post files named by `paths` (folders are searched recursively)."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in POST_SUFFIXES and f.is_file()))
        else:
            found.append(p)
    return found
