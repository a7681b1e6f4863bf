"""The four dates Hugo gives a page (date, publishDate, lastmod, expiryDate) from front matter and config."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from typing import Any

from editor.core.hugo.dates import DateError, UTC, parse_date
from editor.core.hugo.fields import DATE_FIELDS

# Hugo 0.168's `[frontmatter]` defaults (from `hugo config`).
DEFAULT_RULES: dict[str, list[str]] = {
    "date": ["date", "publishdate", "pubdate", "published", "lastmod", "modified"],
    "publishdate": ["publishdate", "pubdate", "published", "date"],
    "lastmod": [":git", "lastmod", "modified", "date", "publishdate", "pubdate", "published"],
    "expirydate": ["expirydate", "unpublishdate"],
}
ORDER = ("date", "lastmod", "publishdate", "expirydate")
FIELD_NAMES = {name.lower(): name for name in DATE_FIELDS}   # rule key → the date's name
_FILENAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-?(.*)$")


def filename_date(path: str | None, tz: dt.tzinfo = UTC) -> tuple[dt.datetime | None, str | None]:
    """Hugo's `:filename` rule: the date prefix of the file (or bundle folder) name and the slug after it."""
    if not path:
        return None, None
    base = os.path.basename(path)
    stem = os.path.splitext(base)[0]
    if stem in ("index", "_index"):
        stem = os.path.basename(os.path.dirname(path))
    m = _FILENAME_DATE.match(stem)
    if not m:
        return None, None
    try:
        return parse_date(m[1], tz), (m[2] or None)
    except DateError:
        return None, None


def merged_rules(rules: Mapping[str, Any] | None = None) -> dict[str, list[str]]:
    """Hugo's source list for each date: the defaults with the site's `[frontmatter]` applied."""
    merged = {k: list(v) for k, v in DEFAULT_RULES.items()}
    for key, sources in (rules or {}).items():
        k = str(key).lower()
        if k not in merged:
            continue
        sources = [sources] if isinstance(sources, str) else list(sources or [])
        expanded: list[str] = []
        for s in sources:
            s = str(s).lower()
            expanded.extend(DEFAULT_RULES[k] if s == ":default" else [s])
        merged[k] = expanded
    return merged


def resolve(values: Mapping[str, Any], rules: Mapping[str, Any] | None = None, path: str | None = None,
            tz: dt.tzinfo = UTC,
            git_date: dt.datetime | None = None) -> dict[str, dt.datetime | None]:
    """Each of Hugo's dates: the first non-zero source in its rule list (front-matter keys are case-insensitive).

    Unparsable front-matter values count as zero here; `check` reports them.
    """
    return resolve_merged({str(k).lower(): v for k, v in values.items()}, merged_rules(rules), path, tz,
                          git_date)


def resolve_merged(lower: Mapping[str, Any], merged: Mapping[str, list[str]], path: str | None = None,
                   tz: dt.tzinfo = UTC, git_date: dt.datetime | None = None) -> dict[str, dt.datetime | None]:
    """resolve() for values whose keys are already lower-cased and rules already merged
    (merged_rules): the index works both out once, not once per date of every file."""
    # Hugo resolves in this order and, like Hugo, writes each resolved date back under its own
    # key when the front matter lacks it: so `publishDate` follows a `date` that itself came
    # from `lastmod` (verified with `hugo list all`; tests/core/test_hugo_agreement_site_dates.py).
    params = dict(lower)
    result: dict[str, dt.datetime | None] = {}
    for field in ORDER:
        found = None
        for source in merged[field]:
            if source == ":filename":
                found = filename_date(path, tz)[0]
            elif source == ":filemodtime":
                found = _mtime(path, tz)
            elif source == ":git":
                found = git_date
            elif source.startswith(":"):
                continue
            elif source in params:
                try:
                    found = parse_date(params[source], tz)
                except DateError:
                    found = None
            if found is not None:
                break
        result[FIELD_NAMES[field]] = found
        if found is not None and field not in params:
            params[field] = found
    return result


def _mtime(path: str | None, tz: dt.tzinfo = UTC) -> dt.datetime | None:
    if not path:
        return None
    try:
        return dt.datetime.fromtimestamp(os.stat(path).st_mtime, tz=tz)
    except OSError:
        return None
