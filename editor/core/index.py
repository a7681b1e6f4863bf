"""The content index of a site: every post's Hugo view (dates, status, URL, words), cached in sqlite."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from pathlib import Path

from editor.core import collisions, fastfm, fields, pagedates, status as status_mod
from editor.core.dates import DateError, format_hugo, parse_date
from editor.core.errors import PostError
from editor.core.site import CONTENT_SUFFIXES, Site
from editor.core.urls import page_url

INDEX_VERSION = "2"  # bump when what is cached changes
_NO_TS = None


def cache_path() -> Path:
    """index.sqlite3 in the user cache folder ($XDG_CACHE_HOME or ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hugo-post-editor" / "index.sqlite3"


def scan(site: Site) -> tuple[list[tuple[str, str, os.stat_result]], set[tuple[str, ...]]]:
    """(language, file, stat) of every content page (leaf bundles give only their index file),
    and the nested sections seen (folders below the top level that hold an _index file)."""
    found = []
    sections: set[tuple[str, ...]] = set()
    done: set[str] = set()
    for lang in site.languages:
        top = str(lang.content_dir)
        if top in done or not os.path.isdir(top):
            continue
        done.add(top)
        stack = [(top, ())]
        while stack:
            folder, parts = stack.pop()
            try:
                with os.scandir(folder) as it:
                    items = [e for e in it if not e.name.startswith(".")]
            except OSError:
                continue
            pages = [e for e in items if os.path.splitext(e.name)[1].lower() in CONTENT_SUFFIXES
                     and e.is_file()]
            stems = {os.path.splitext(e.name)[0] for e in pages}
            if "_index" in stems and len(parts) > 1:
                sections.add(parts)
            leaf = [e for e in pages if os.path.splitext(e.name)[0] == "index"]
            for e in (leaf[:1] if leaf else pages):
                found.append((lang.code, e.path, e.stat()))
            if not leaf:  # inside a leaf bundle everything else is a resource
                stack.extend((e.path, parts + (e.name,)) for e in items if e.is_dir())
    return found, sections


class _Page:
    """A parsed front matter seen as Post is by the URL rules: .path and alias-aware .get()."""

    def __init__(self, values: dict, path: str) -> None:
        self.values = values
        self.path = path
        self._lower = {str(k).lower(): v for k, v in values.items()}

    def get(self, key: str, default=None):
        for name in fields.spellings(key):
            if name in self._lower:
                return self._lower[name]
        return default

    def front_matter_values(self) -> dict:
        return self.values


def _words(body: bytes) -> int:
    return len(body.split())


def _strings(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _problem(path: str, line, message: str, severity: str = "error", column=1) -> dict:
    return {"path": path, "line": line or 1, "column": column or 1, "severity": severity, "message": message}


def index_file(site: Site, path: Path, lang: str = "") -> dict:
    """The index entry of one file (never raises: unreadable files carry their problems)."""
    rel = site.relative(path)
    relpath = os.path.relpath(path, site.root).replace(os.sep, "/")
    problems: list[dict] = []
    try:
        data = path.read_bytes()
    except OSError as exc:
        data = b""
        problems.append(_problem(relpath, 1, f"cannot read the file: {exc.strerror or exc}"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")  # as Hugo does: U+FFFD, no error
        problems.append(_problem(relpath, data[: exc.start].count(b"\n") + 1,
                                 "the file is not UTF-8 text (Hugo shows U+FFFD in its place)"))
    values: dict = {}
    fm, first, body_at = "", 1, 0
    try:
        fmt, fm, first, body_at = fastfm.split(text)
        values = fastfm.parse(fmt, fm)
    except PostError as exc:
        line = (exc.line or 1) + (first - 1 if fm else 0)
        problems.append(_problem(relpath, line, f"{exc.reason} (Hugo refuses to build the site)",
                                 column=exc.column))

    def line_of(key: str) -> int | None:
        actual = next((k for k in values if str(k).lower() in fields.spellings(key)), None)
        found = fastfm.key_line(fm, str(actual)) if actual is not None else None
        return found + first - 1 if found else None

    tz = site.timezone
    for key, raw in values.items():
        name = fields.canonical(str(key))
        if name in fields.DATE_FIELDS and not isinstance(raw, (dt.date, type(None))):
            try:
                parse_date(raw, tz) if not isinstance(raw, (list, dict, bool)) else parse_date(True)
            except DateError:
                problems.append(_problem(relpath, line_of(str(key)),
                                         f'the "{key}" front matter field is not a parsable date: {raw!r}'))
    page = _Page(values, str(path))
    dates = pagedates.resolve(values, site.frontmatter_rules, str(path), tz)
    draft = status_mod.hugo_bool(page.get("draft", False))
    slug = page.get("slug")
    if slug not in (None, "") and page.get("url") in (None, ""):
        p = collisions.slug_problem(slug, relpath, line_of("slug"), lower=not site.disable_path_to_lower)
        if p:
            problems.append(p)
    stem = path.stem
    bundle = "branch" if stem == "_index" else "leaf" if stem == "index" else "single"
    parts = rel.parts if rel else (path.name,)
    url = page_url(page, site)
    if lang and len(site.languages) > 1 and lang != site.default_language:
        url = "/" + lang + url  # other languages live under /<lang>/ (defaultContentLanguageInSubdir off)
    body = data[len(text[:body_at].encode("utf-8")):] if body_at else data
    title = page.get("title")
    return {
        "path": relpath,
        "title": "" if title is None else str(title),
        "draft": draft,
        "date": _iso(dates["date"]),
        "publishDate": _iso(dates["publishDate"]),
        "lastmod": _iso(dates["lastmod"]),
        "expiryDate": _iso(dates["expiryDate"]),
        "tags": _strings(page.get("tags")),
        "categories": _strings(page.get("categories")),
        "slug": "" if slug is None else str(slug),
        "url": url,
        "section": parts[0] if len(parts) > 1 else "",
        "kind": "section" if bundle == "branch" else "page",
        "bundle": bundle,
        "lang": lang,
        "words": _words(body),
        "problems": problems,
        "_ts": [_ts(dates["publishDate"]), _ts(dates["expiryDate"]), _ts(dates["date"]),
                _ts(dates["lastmod"])],
        "_url_line": line_of("url") or line_of("slug"),
    }


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else format_hugo(value)


def _ts(value: dt.datetime | None) -> float | None:
    return None if value is None else value.timestamp()


def _fingerprint(site: Site, sections: set) -> str:
    """What every cached entry depends on besides its own file: config, sections, code version."""
    basis = json.dumps([INDEX_VERSION, str(site.root), site.config, str(site.content_override),
                        sorted(sections), os.environ.get("TZ", "")], sort_keys=True, default=str)
    return hashlib.sha1(basis.encode()).hexdigest()


def _row(entry: dict) -> tuple:
    """(data JSON without the private fields, url, draft, pub ts, exp ts, date ts, url line, path)."""
    pub, exp, date, lastmod = entry.pop("_ts")
    line = entry.pop("_url_line")
    return (json.dumps(entry, ensure_ascii=False), entry["url"], entry["draft"], pub, exp, date, line,
            entry["path"], lastmod, entry["bundle"] == "branch")


_FORK_SITE: Site | None = None  # the site the forked workers index (inherited, not pickled)


def _index_chunk(items: list[tuple[str, str]], site: Site | None = None) -> list[tuple]:
    site = site or _FORK_SITE
    return [_row(index_file(site, Path(p), lang)) for lang, p in items]


def _index_many(site: Site, items: list[tuple[str, str]]) -> list[tuple]:
    """Index files, on every core when there are many (fork start: the site is inherited)."""
    global _FORK_SITE
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1, 8)
    if len(items) < 500 or workers < 2 or not hasattr(os, "fork"):
        return _index_chunk(items, site)
    import multiprocessing
    size = -(-len(items) // (workers * 2))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    _FORK_SITE = site
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [row for part in pool.map(_index_chunk, chunks, chunksize=1) for row in part]
    except (OSError, RuntimeError):
        return _index_chunk(items, site)
    finally:
        _FORK_SITE = None


_COLUMNS = "data, url, draft, pub, exp, date, line, rel, lastmod, branch"


class SiteIndex:
    """The index of one site; `refresh()` re-reads only files whose (mtime_ns, size) changed."""

    def __init__(self, site: Site, cache: str | os.PathLike | None = None, use_cache: bool = True):
        self.site = site
        self.cache = Path(cache) if cache else cache_path()
        self.use_cache = use_cache
        self._rows: dict[str, tuple] = {}   # absolute path -> _row() tuple
        self.reindexed = 0

    def _connect(self) -> sqlite3.Connection | None:
        if not self.use_cache:
            return None
        try:
            self.cache.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.cache, timeout=10)
            db.execute("CREATE TABLE IF NOT EXISTS posts (site TEXT, path TEXT, mtime_ns INTEGER, "
                       "size INTEGER, fp TEXT, data TEXT, url TEXT, draft INTEGER, pub REAL, "
                       "exp REAL, date REAL, line INTEGER, rel TEXT, lastmod REAL, branch INTEGER, "
                       "PRIMARY KEY (site, path))")
            return db
        except sqlite3.Error:
            return None  # a broken cache only costs speed

    def refresh(self) -> "SiteIndex":
        files, sections = scan(self.site)
        self.site.__dict__["_nested_sections"] = sections  # seen by the scan: no second walk
        fp = _fingerprint(self.site, sections)
        key = str(self.site.root)
        db = self._connect()
        cached: dict[str, tuple] = {}
        if db is not None:
            try:
                cached = {r[0]: r[1:] for r in db.execute(
                    f"SELECT path, mtime_ns, size, fp, {_COLUMNS} FROM posts WHERE site = ?", (key,))}
            except sqlite3.Error:
                cached = {}
        rows: dict[str, tuple] = {}
        todo: list[tuple[str, str]] = []
        stats = {}
        for lang, path, st in files:
            hit = cached.get(path)
            if hit and hit[0] == st.st_mtime_ns and hit[1] == st.st_size and hit[2] == fp:
                rows[path] = hit[3:]
            else:
                todo.append((lang, path))
                stats[path] = st
                rows[path] = None
        fresh = _index_many(self.site, todo) if todo else []
        for (lang, path), row in zip(todo, fresh):
            rows[path] = row
        self.reindexed = len(todo)
        if db is not None:
            try:
                with db:
                    gone = set(cached) - set(rows)
                    db.executemany("DELETE FROM posts WHERE site = ? AND path = ?", [(key, p) for p in gone])
                    db.executemany(
                        "INSERT OR REPLACE INTO posts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [(key, p, stats[p].st_mtime_ns, stats[p].st_size, fp, *rows[p]) for _, p in todo])
            except sqlite3.Error:
                pass
            finally:
                db.close()
        self._rows = rows
        return self

    def _ordered(self, now: dt.datetime | None):
        """(row, status, collision problems, aggregated dates) newest first."""
        now_ts = (now or dt.datetime.now(dt.timezone.utc)).timestamp()
        rows = list(self._rows.values())
        paths = [r[7] for r in rows]
        shared = collisions.url_collisions([(p, r[1], r[6]) for p, r in zip(paths, rows)])
        agg = _aggregates(rows, now_ts)
        dates = [agg[i][0][5] if i in agg and agg[i][0] else rows[i][5] for i in range(len(rows))]
        order = sorted(range(len(rows)), key=lambda i: (-(dates[i] or 0), paths[i]))
        for i in order:
            r = rows[i]
            yield r, _status(bool(r[2]), r[3], r[4], now_ts), shared.get(paths[i]), agg.get(i)

    def entries(self, now: dt.datetime | None = None) -> list[dict]:
        """Every post (newest first), with `status` for `now` and URL-collision problems added."""
        return [self._entry(row, st, extra, agg) for row, st, extra, agg in self._ordered(now)]

    @staticmethod
    def _entry(row, st, extra, agg) -> dict:
        e = json.loads(row[0])
        e["status"] = st
        if extra:
            e["problems"] = e["problems"] + extra
        if agg:
            for key, source in zip(("date", "lastmod", "publishDate"), agg):
                if source is not None:
                    e[key] = json.loads(source[0])[key]
        return e

    def json_items(self, now: dt.datetime | None = None) -> list[str]:
        """entries() as JSON object texts, built from the cached JSON without parsing it."""
        out = []
        for row, st, extra, agg in self._ordered(now):
            if extra or agg:
                out.append(json.dumps(self._entry(row, st, extra, agg), ensure_ascii=False))
            else:
                out.append(f'{row[0][:-1]}, "status": "{st}"}}')
        return out


def _aggregates(rows: list[tuple], now_ts: float) -> dict[int, tuple]:
    """Hugo gives a section (_index) the latest date and lastmod of the pages below it, and their
    latest publishDate that is already past (verified with `hugo list all`): index → the rows
    supplying (date, lastmod, publishDate), None where the section's own value stays."""
    out: dict[int, tuple] = {}
    for i, r in enumerate(rows):
        if not r[9]:
            continue
        folder = r[7].rsplit("/", 1)[0] + "/"
        best = [None, None, None]
        top = [r[5] or 0, r[8] or 0, r[3] or 0]
        for c in rows:
            if c is r or not c[7].startswith(folder):
                continue
            for k, (value, ok) in enumerate(((c[5], True), (c[8], True), (c[3], (c[3] or 0) < now_ts))):
                if value is not None and ok and value > top[k]:
                    top[k], best[k] = value, c
        if any(best):
            out[i] = tuple(best)
    return out


def _status(draft: bool, pub: float | None, exp: float | None, now: float) -> str:
    """status.compute_status on timestamps (same precedence: draft, expired, scheduled)."""
    if draft:
        return status_mod.DRAFT
    if exp is not None and exp < now:
        return status_mod.EXPIRED
    if pub is not None and pub > now:
        return status_mod.SCHEDULED
    return status_mod.PUBLISHED


def build_index(site: Site, now: dt.datetime | None = None, use_cache: bool = True) -> list[dict]:
    """The site's posts as index entries (see SiteIndex.entries)."""
    return SiteIndex(site, use_cache=use_cache).refresh().entries(now)
