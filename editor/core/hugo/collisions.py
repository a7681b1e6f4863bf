"""Slug and URL problems Hugo is silent about: shared URLs (one page dropped) and slugs Hugo would change."""

from __future__ import annotations

import os
from collections import defaultdict

from editor.core.hugo.urls import safe_slug, sanitize
from editor.core.lint.problem import ERROR, WARNING, Problem


def slug_problem(slug: object, path: str, line: int | None, *, lower: bool = True) -> Problem | None:
    """A warning when Hugo would write `slug` differently in the URL (spaces, case, &, :, …),
    offering the safe slug ([a-z0-9-]) in `fix`; None when the slug passes through unchanged."""
    if slug is None or slug == "":
        return None
    text = str(slug)
    became = sanitize(text.strip("-"), lower=lower)
    if became == text:
        return None
    fix = safe_slug(text)
    return Problem(path, line or 1, 1, WARNING, f"Hugo turns the slug {text!r} into {became!r} in the URL; "
                   f"use a safe slug such as {fix!r}", code="unsafe-slug", fix=fix)


def url_collisions(pages: list[tuple[str, str, int | None]], hosts: list[str] | None = None
                   ) -> dict[str, list[Problem]]:
    """Problems for every page whose URL it shares with another page: Hugo silently writes
    only one of them. `pages` holds (path, url, line of slug/url or None); URLs that differ only
    in case count as shared (they collide on case-insensitive disks and Hugo collapses files
    whose names differ only in case). `hosts`, one per page, keeps apart pages published on
    different hosts (Hugo's multihost languages). Returns path → problems."""
    groups: dict[tuple[str, str], list[tuple[str, str, int | None]]] = defaultdict(list)
    for i, page in enumerate(pages):
        groups[(hosts[i] if hosts else "", page[1].lower())].append(page)
    out: dict[str, list[Problem]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        for path, url, line in members:
            others = ", ".join(sorted(os.path.basename(p) if os.path.dirname(p) == os.path.dirname(path)
                                      else p for p, _, _ in members if p != path))
            same = all(u == url for _, u, _ in members)
            what = "the same URL" if same else "a URL differing only in case"
            out.setdefault(path, []).append(Problem(
                path, line or 1, 1, ERROR, f"{url} is {what} as {others}: Hugo silently publishes only one of them",
                code="url-collision"))
    return out
