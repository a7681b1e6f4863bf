"""`show FILE [--json]`: the post's Hugo view (title, dates as Hugo resolves them, status, URL…)."""

from __future__ import annotations

import json

from editor.commands.common import UserError, fail, open_post
from editor.core.hugo import textstats
from editor.core.hugo.dates import format_date
from editor.core.hugo.status import hugo_bool


def add_parser(p) -> None:
    p.add_argument("file", help="the post file")
    p.add_argument("--json", action="store_true", help="print one JSON object")


def _list(value) -> list:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _lang(post, site) -> str:
    """The page's language as `list` gives it (Hugo's rules: file-name suffix, then content folder)."""
    found = site.page_language(post.path) if site is not None and post.path else None
    return found.code if found is not None else (site.default_language if site is not None else "")


def view(post, site) -> dict:
    """The post as Hugo sees it: a flat, JSON-ready dict."""
    rules = site.frontmatter_rules if site is not None else None
    dates = post.dates(rules)
    slug = post.get("slug")
    return {
        "path": post.path,
        "format": post.format,
        "title": str(post.get("title") or ""),
        "slug": None if slug in (None, "") else str(slug),
        "date": format_date(dates["date"]) if dates["date"] else None,
        "publishDate": format_date(dates["publishDate"]) if dates["publishDate"] else None,
        "lastmod": format_date(dates["lastmod"]) if dates["lastmod"] else None,
        "expiryDate": format_date(dates["expiryDate"]) if dates["expiryDate"] else None,
        "draft": hugo_bool(post.get("draft", False)),
        "tags": _list(post.get("tags")),
        "categories": _list(post.get("categories")),
        "status": post.status(site=site),
        "url": post.url(site),
        "lang": _lang(post, site),
        "words": textstats.body_stats(post.content, textstats.site_has_cjk(site),
                                      textstats.page_cjk_flag(post))[0],
    }


def run(args) -> int:
    try:
        post, site = open_post(args.file)
        data = view(post, site)
    except UserError as exc:
        return fail(str(exc))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    width = max(len(k) for k in data)
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(value)
        elif value is None:
            value = "(unset)"
        elif isinstance(value, bool):
            value = "true" if value else "false"
        print(f"{key.ljust(width)}  {value}")
    return 0
