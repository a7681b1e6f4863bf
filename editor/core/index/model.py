"""IndexEntry: the shape of one post in the content index, as index_file builds it and `list --json` prints it."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class IndexEntry(TypedDict):
    """One post's Hugo view. Dates are RFC 3339 text (None: zero); paths are relative to the site
    root with "/"; `problems` hold Problem.to_json() forms. A dict, not a class: it is cached and
    printed as JSON as it is."""

    path: str
    title: str
    draft: bool
    date: str | None
    publishDate: str | None
    lastmod: str | None
    expiryDate: str | None
    tags: list[str]
    categories: list[str]
    slug: str
    url: str
    section: str
    kind: str                    # "page" or "section"
    bundle: str                  # "single", "leaf" (index.md) or "branch" (_index.md)
    lang: str
    translationKey: str
    words: int | None            # None: counted only when asked (SiteIndex(words=True))
    problems: list[dict[str, Any]]
    status: NotRequired[str]     # SiteIndex.entries(): draft, scheduled, published or expired at a time
    # index_file's working fields, taken off before the entry is cached:
    _ts: NotRequired[list[float | None]]      # publishDate, expiryDate, date, lastmod as timestamps
    _url_line: NotRequired[int | None]
