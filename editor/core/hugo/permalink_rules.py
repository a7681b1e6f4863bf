"""Array-form `[permalinks]` (Hugo ≥ 0.161): the first entry whose matcher (path, kind, sites) fits sets the pattern."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as Hugo reads it (gobwas/glob with "/" as separator): `*` within a path segment,
    `**` across segments, `?` one character, `{a,b}` alternatives, `[...]` classes."""
    out, i, depth = [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "*":
            if pattern.startswith("**", i):
                out.append(".*")
                i += 2
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "{":
            depth += 1
            out.append("(?:")
        elif c == "}" and depth:
            depth -= 1
            out.append(")")
        elif c == "," and depth:
            out.append("|")
        elif c == "[":
            end = pattern.find("]", i + 1)
            if end < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1:end]
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def glob_slice_matches(globs: object, value: str) -> bool:
    """A glob slice: negated globs ("! x") exclude at once; otherwise any glob matches."""
    if isinstance(globs, str):
        globs = [globs]
    if not isinstance(globs, list) or not globs:
        return True
    positive = False
    for g in (str(x) for x in globs):
        if g.startswith("!"):
            if glob_regex(g[1:].strip()).match(value):
                return False
            continue
        positive = True
        if glob_regex(g).match(value):
            return True
    return not positive


def logical_path(rel: PurePosixPath) -> str:
    """Hugo's logical path of a content file: "/posts/my-post" for posts/My Post.md, the folder
    for a bundle's index or a section's _index (language suffix already removed)."""
    parts = list(rel.parts)
    if not parts:
        return "/"
    stem = parts[-1].rsplit(".", 1)[0] if "." in parts[-1] else parts[-1]
    parts = parts[:-1] if stem in ("index", "_index") else [*parts[:-1], stem]
    return ("/" + "/".join(parts)).lower().replace(" ", "-")


def _matches(target: object, kind: str, path: str, lang: str, environment: str) -> bool:
    if not isinstance(target, dict):
        return True
    if "path" in target and not glob_regex(str(target["path"])).match(path):
        return False
    if "kind" in target and not glob_regex(str(target["kind"])).match(kind):
        return False
    if "environment" in target and not glob_regex(str(target["environment"])).match(environment):
        return False
    sites = target.get("sites")
    matrix = sites.get("matrix") if isinstance(sites, dict) else None
    if isinstance(matrix, dict) and "languages" in matrix:
        return glob_slice_matches(matrix["languages"], lang)
    if isinstance(target.get("lang"), str):   # before Hugo 0.153
        return bool(glob_regex(target["lang"]).match(lang))
    return True


def first_pattern(entries: list[Any], kind: str, rel: PurePosixPath, lang: str,
                  environment: str = "production") -> str | None:
    """The pattern of the first entry whose `target` matches the page (no target: every page)."""
    path = logical_path(rel)
    for entry in entries:
        pattern = entry.get("pattern") if isinstance(entry, dict) else None
        if isinstance(pattern, str) and _matches(entry.get("target"), kind, path, lang, environment):
            return pattern
    return None


__all__ = ["glob_regex", "glob_slice_matches", "logical_path", "first_pattern"]
