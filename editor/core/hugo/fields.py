"""Hugo's front-matter field catalogue: canonical names, aliases (case-insensitive) and value kinds."""

from __future__ import annotations

# Canonical name -> every spelling Hugo reads for it (compared lower-cased).
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "slug": ("slug",),
    "url": ("url",),
    "date": ("date",),
    "publishDate": ("publishdate", "pubdate", "published"),
    "lastmod": ("lastmod", "modified"),
    "expiryDate": ("expirydate", "unpublishdate"),
    "draft": ("draft",),
    "tags": ("tags",),
    "categories": ("categories",),
    "description": ("description",),
    "summary": ("summary",),
    "weight": ("weight",),
    "aliases": ("aliases",),
    "type": ("type",),
    "layout": ("layout",),
    "keywords": ("keywords",),
    "author": ("author",),
    "images": ("images",),
    "linkTitle": ("linktitle",),
}
DATE_FIELDS = ("date", "publishDate", "lastmod", "expiryDate")
LIST_FIELDS = ("tags", "categories", "aliases", "keywords", "images")
BOOL_FIELDS = ("draft",)

_BY_SPELLING = {spelling: canonical for canonical, names in ALIASES.items() for spelling in names}


def canonical(key: str) -> str | None:
    """The canonical Hugo field for a key as written (any case, any alias), or None."""
    return _BY_SPELLING.get(key.lower())


def spellings(key: str) -> tuple[str, ...]:
    """Every lower-case spelling that means the same field as `key`."""
    name = canonical(key)
    return ALIASES[name] if name else (key.lower(),)
