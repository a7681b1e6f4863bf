"""One file's index entry: its Hugo view (dates, status inputs, URL, words, problems) read fast."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from typing import Any, NotRequired, TypedDict

from editor.core.hugo import collisions, fields, languages, pagedates, status as status_mod
from editor.core.frontmatter import fast as fastfm
from editor.core.hugo.dates import DateError, format_hugo, parse_date
from editor.core.errors import PostError
from editor.core.hugo.site import Site
from editor.core.hugo.urls import _uses_filename, default_page_url, page_url
from editor.core.index.model import IndexEntry
from editor.core.lint.problem import Problem


_SPELLINGS: dict[str, tuple[str, ...]] = {}   # key asked for → fields.spellings(key)


class _Page:
    """A parsed front matter seen as Post is by the URL rules: .path and alias-aware .get()."""

    def __init__(self, values: dict[str, Any], path: str) -> None:
        self.values = values
        self.path = path
        self.lower = {str(k).lower(): v for k, v in values.items()}

    def get(self, key: str, default: Any = None) -> Any:   # a front-matter value: any YAML/TOML/JSON value
        names = _SPELLINGS.get(key)
        if names is None:
            names = _SPELLINGS[key] = fields.spellings(key)
        for name in names:
            if name in self.lower:
                return self.lower[name]
        return default

    def front_matter_values(self) -> dict[str, Any]:
        return self.values


# Whitespace as bytes.split() knows it → b" ", every other byte → b"a": words are then the
# b" a" pairs (plus one when the text starts with a word), counted in C without making a list.
_WORD_MAP = bytes(32 if b in b" \t\n\r\x0b\x0c" else 97 for b in range(256))


def _words(body: bytes) -> int:
    """len(body.split()), without building the list of words."""
    mapped = body.translate(_WORD_MAP)
    return mapped.count(b" a") + (mapped[:1] == b"a")


def _hugo_words(body: str, site: Site, facts: _Facts, page: _Page) -> int:
    """Hugo's .WordCount of the body (rendered, then counted: textstats.body_stats)."""
    from editor.core.hugo import textstats   # loaded only where words are counted
    cjk = facts.get("cjk")
    if cjk is None:
        cjk = facts["cjk"] = textstats.site_has_cjk(site)
    try:
        return textstats.body_stats(body, cjk, textstats.page_cjk_flag(page))[0]
    except Exception:   # noqa: BLE001 - a renderer bug must not drop the post from the index
        return _words(body.encode("utf-8"))


def _read(path: str, size: int | None) -> bytes:
    """The file's bytes; `size` from the scan saves a buffer (more is read if it grew)."""
    return _read_stat(path, size)[0]


def _read_stat(path: str, size: int | None) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its stat before they were read (what a cache keys them by: the scan
    of a cold index stats nothing, each file is stat'ed once, here). `size`: the expected size."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)   # a FIFO swapped in since the scan must not block
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a pipe, socket or device)")
        if size is None:
            size = st.st_size
        data = os.read(fd, size + 1)
        if len(data) > size:
            parts = [data]
            while chunk := os.read(fd, 1 << 16):
                parts.append(chunk)
            data = b"".join(parts)
        return data, st
    finally:
        os.close(fd)


def _strings(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _problem(path: str, line: int | None, message: str, severity: str = "error", column: int | None = 1
             ) -> dict[str, Any]:
    return Problem(path, line or 1, column or 1, severity, message).to_json()


class _Facts(TypedDict):
    """What index_file needs from the site (a plain dict: it goes with the site to the index worker)."""

    tz: dt.tzinfo
    rules: dict[str, list[str]]          # front matter date rules, merged (pagedates.merged_rules)
    lower: bool                          # URLs lower-cased (not disablePathToLower)
    accents: bool                        # removePathAccents
    ugly: bool                           # uglyURLs
    filename: bool                       # a date rule reads :filename
    root: str                            # the site root with a trailing separator
    by_lang: dict[str, tuple[str, set[str] | None]]   # language code → _lang_facts
    cjk: NotRequired[bool]               # hasCJKLanguage (read when words are first counted)


def _facts(site: Site) -> _Facts:
    """What index_file needs from the site, worked out once per site rather than once per file."""
    facts: _Facts | None = site.memo.get("index_facts")
    if facts is None:
        facts = {
            "tz": site.timezone, "rules": pagedates.merged_rules(site.frontmatter_rules),
            "lower": not site.disable_path_to_lower, "accents": site.remove_path_accents, "ugly": site.ugly_urls,
            "filename": _uses_filename(site), "root": os.path.join(str(site.root), ""),
            "by_lang": {},
        }
        site.memo["index_facts"] = facts
    return facts


def _lang_facts(site: Site, facts: _Facts, code: str) -> tuple[str, set[str] | None]:
    """(URL prefix, sections with a permalink pattern or None: any page may have one) for pages
    of language `code`."""
    found = facts["by_lang"].get(code)
    if found is None:
        # The array form matches paths, not sections: every page then takes the full rules.
        patterns = None if site.permalink_entries is not None else set(site.permalinks_for(code))
        found = facts["by_lang"][code] = (languages.url_base(site, code), patterns)
    return found


def _default_url(facts: _Facts, base: str, parts: tuple[str, ...], stem: str, slug: object) -> str:
    """urls.page_url for the common page (no `url`, no permalink pattern, no :filename rule)."""
    folders = list(parts[:-1]) if stem == "index" else [*parts[:-1], stem]
    return default_page_url(base, folders, str(slug) if slug is not None and slug != "" else None,
                            facts["lower"], facts["accents"], facts["ugly"])


_DATE_SPELLINGS = frozenset(s for name in fields.DATE_FIELDS for s in fields.ALIASES[name])


def index_file(site: Site, path: str | os.PathLike[str], lang: str = "", size: int | None = None) -> IndexEntry:
    """The index entry of one file (never raises: unreadable files carry their problems).
    Its language is worked out from the path (`lang`, the scan's folder language, is not needed)."""
    return read_entry(site, path, size)[0]


def read_entry(site: Site, path: str | os.PathLike[str], size: int | None = None
               ) -> tuple[IndexEntry, tuple[int, int]]:
    """index_file, and the (mtime_ns, size) of what was read ((-1, -1): the file is gone)."""
    facts = _facts(site)
    path = os.path.abspath(path)
    where = languages.page_language(site, path)
    parts = tuple(where.rel_text.split("/")) if where is not None and where.rel_text else None
    lang = where.code if where is not None else site.default_language
    relpath = path[len(facts["root"]):].replace(os.sep, "/") if path.startswith(facts["root"]) \
        else os.path.relpath(path, site.root).replace(os.sep, "/")
    problems: list[dict[str, Any]] = []
    try:
        data, st = _read_stat(path, size)
    except OSError as exc:
        data = b""
        problems.append(_problem(relpath, 1, f"cannot read the file: {exc.strerror or exc}"))
        try:   # unreadable (no permission, not a file) yet there: cached until it changes
            st = os.stat(path)
        except OSError:
            st = None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")  # as Hugo does: U+FFFD, no error
        problems.append(_problem(relpath, data[: exc.start].count(b"\n") + 1,
                                 "the file is not UTF-8 text (Hugo shows U+FFFD in its place)"))
    values: dict[str, Any] = {}
    fm, first, body_at = "", 1, 0
    try:
        fmt, fm, first, body_at = fastfm.split(text)
        values = fastfm.parse(fmt, fm)
    except PostError as exc:
        line = (exc.line or 1) + (first - 1 if fm else 0)
        problems.append(_problem(relpath, line, f"{exc.reason} (Hugo refuses to build the site)",
                                 column=exc.column))

    def line_of(key: str) -> int | None:   # only asked when a problem needs it
        return _key_line(values, fm, first, key)

    tz = facts["tz"]
    for key, raw in values.items():
        if isinstance(raw, (dt.date, type(None))) or str(key).lower() not in _DATE_SPELLINGS:
            continue
        try:
            parse_date(raw, tz) if not isinstance(raw, (list, dict, bool)) else parse_date(True)
        except DateError:
            problems.append(_problem(relpath, line_of(str(key)),
                                     f'the "{key}" front matter field is not a parsable date: {raw!r}'))
    page = _Page(values, path)
    dates = pagedates.resolve_merged(page.lower, facts["rules"], path, tz)
    draft = status_mod.hugo_bool(page.get("draft", False))
    slug = page.get("slug")
    url_value = page.get("url")
    if slug not in (None, "") and url_value in (None, ""):
        p = collisions.slug_problem(slug, relpath, None, lower=facts["lower"])
        if p:   # the key's line is looked up only for a slug that has a problem
            problem = p.to_json()
            problem["line"] = line_of("slug") or 1
            problems.append(problem)
    parts = parts or (os.path.basename(path),)
    base = parts[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    bundle = "branch" if stem == "_index" else "leaf" if stem == "index" else "single"
    section = parts[0] if len(parts) > 1 else ""
    url_base, patterns = _lang_facts(site, facts, lang)
    if bundle == "branch" or facts["filename"] or (isinstance(url_value, str) and url_value.strip()) \
            or patterns is None or (section and section in patterns):
        url = page_url(page, site)
    else:
        url = _default_url(facts, url_base, parts, stem, slug)
    title = page.get("title")
    texts, stamps = _date_forms(dates)
    entry: IndexEntry = {
        "path": relpath,
        "title": "" if title is None else str(title),
        "draft": draft,
        "date": texts[0],
        "publishDate": texts[1],
        "lastmod": texts[2],
        "expiryDate": texts[3],
        "tags": _strings(page.get("tags")),
        "categories": _strings(page.get("categories")),
        "slug": "" if slug is None else str(slug),
        "url": url,
        "section": section,
        "kind": "section" if bundle == "branch" else "page",
        "bundle": bundle,
        "lang": lang,
        "translationKey": _translation_key(page, parts, stem, bundle),
        # Rendering is most of a cold index's time; an index that shows no counts (the window's
        # post list) leaves them out (None) and `list` fills them in (SiteIndex(words=True)).
        "words": _hugo_words(text[body_at:] if body_at else text, site, facts, page)
        if site.index_words else None,
        "problems": problems,
        "_ts": [stamps[1], stamps[3], stamps[0], stamps[2]],
        "_url_line": None,   # worked out only for pages whose URL is shared (see url_line)
    }
    return entry, ((st.st_mtime_ns, st.st_size) if st is not None else (-1, -1))


def _translation_key(page: _Page, parts: tuple[str, ...], stem: str, bundle: str) -> str:
    """What links a page to its translations, as Hugo's TranslationKey: the kind, then the
    `translationKey` front matter or else the page's path without language suffix and extension."""
    kind = "section" if bundle == "branch" else "page"
    own = page.get("translationKey")
    if own not in (None, ""):
        return f"{kind}/{own}"
    folders = list(parts[:-1]) if bundle != "single" else [*parts[:-1], stem]
    return f"{kind}/" + "/".join(folders).lower()


def _key_line(values: dict[str, Any], fm: str, first: int, key: str) -> int | None:
    """The file line where the front matter writes `key` (any alias, any case)."""
    names = fields.spellings(key)
    actual = next((k for k in values if str(k).lower() in names), None)
    found = fastfm.key_line(fm, str(actual)) if actual is not None else None
    return found + first - 1 if found else None


def url_line(site: Site, relpath: str) -> int | None:
    """The line of a page's `url` (else `slug`) key: read again only when a problem points there."""
    try:
        with open(os.path.join(str(site.root), relpath), "rb") as fh:
            text = fh.read().decode("utf-8", errors="replace").lstrip("\ufeff")
        fmt, fm, first, _ = fastfm.split(text)
        values = fastfm.parse(fmt, fm)
    except (OSError, PostError):
        return None
    return _key_line(values, fm, first, "url") or _key_line(values, fm, first, "slug")


def _date_forms(dates: dict[str, dt.datetime | None]) -> tuple[list[str | None], list[float | None]]:
    """(_iso, timestamp) of date, publishDate, lastmod, expiryDate; worked out once for a date
    that stands for another (lastmod is usually the date itself, publishDate often)."""
    date, pub, mod, exp = dates["date"], dates["publishDate"], dates["lastmod"], dates["expiryDate"]
    forms = [_forms(date)]
    forms.append(forms[0] if pub is date else _forms(pub))
    forms.append(forms[0] if mod is date else forms[1] if mod is pub else _forms(mod))
    forms.append(_forms(exp))
    return [f[0] for f in forms], [f[1] for f in forms]


def _forms(value: dt.datetime | None) -> tuple[str | None, float | None]:
    return (None, None) if value is None else (_iso(value), value.timestamp())


def _iso(value: dt.datetime | None) -> str | None:
    """format_hugo, without strftime for the usual dates (same text)."""
    if value is None:
        return None
    off = value.utcoffset()
    if value.year < 1000 or off is None or off.seconds % 60 or off.microseconds:
        return format_hugo(value)
    # isoformat (in C) writes the same text for whole seconds and minute offsets, UTC as "+00:00".
    text = (value.replace(microsecond=0) if value.microsecond else value).isoformat()
    return text[:-6] + "Z" if not off else text
