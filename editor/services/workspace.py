"""What a path given to the app means: a post, a content folder or a site root, and the folder to list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from editor.core import PostError
from editor.core.site import Site, find_site, is_site_root, load_site


@dataclass
class Workspace:
    folder: str                 # the content folder listed in the post list
    site: Site | None
    post: str | None = None     # the post to open, when the path was a file
    warning: str = ""


def resolve(path: str) -> Workspace:
    """Raises FileNotFoundError for a path that does not exist."""
    p = Path(path).expanduser().resolve()
    if not p.exists():
        raise FileNotFoundError(path)
    warning = ""
    site = None
    try:
        if p.is_dir() and is_site_root(p):
            site = load_site(p)
            return Workspace(str(site.content_dir), site)
        site = find_site(p)
    except PostError as exc:
        warning = f"site configuration ignored: {exc}"
        site = None
    if p.is_dir():
        return Workspace(str(p), site, warning=warning)
    folder = p.parent
    if site is not None:
        for content in site.content_dirs:
            try:
                p.relative_to(content.resolve())
                folder = content
                break
            except ValueError:
                continue
    return Workspace(str(folder), site, str(p), warning)


def site_offset(site: Site | None, when: dt.datetime | None = None) -> dt.timedelta:
    """The UTC offset new dates get: the site's timeZone, else this computer's."""
    when = when or dt.datetime.now(dt.timezone.utc)
    if site is not None and site.config.get("timezone"):
        return when.astimezone(site.timezone).utcoffset() or dt.timedelta(0)
    return when.astimezone().utcoffset() or dt.timedelta(0)
