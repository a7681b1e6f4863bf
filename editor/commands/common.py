"""Helpers shared by the subcommands: loading a post with one clear error line, value parsing."""

from __future__ import annotations

import sys

from editor.core import PostError, load
from editor.core.post import Post
from editor.core.hugo.site import Site, find_site


class UserError(Exception):
    """A problem the user can fix; printed as one line on stderr, exit status 2."""


def fail(message: str, status: int = 2) -> int:
    print(f"hugo-post-editor: {message}", file=sys.stderr)
    return status


def open_post(path: str) -> tuple[Post, Site | None]:
    """The post at `path` and its site (None outside a site); PostError/site errors → UserError."""
    try:
        post = load(path)
    except PostError as exc:
        raise UserError(str(exc)) from None
    try:
        site = find_site(path)
    except PostError as exc:
        print(f"hugo-post-editor: warning: {exc} (using Hugo's defaults)", file=sys.stderr)
        site = None
    if site is not None:
        post.timezone = site.timezone
    return post, site
