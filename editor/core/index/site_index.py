"""The content index of a site: every post's Hugo view (dates, status, URL, words), cached in sqlite."""

from __future__ import annotations

import datetime as dt
import json
import marshal
import os
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from editor.core.hugo import languages, status as status_mod
from editor.core.hugo.site import CONTENT_SUFFIXES, Site
from editor.core.index.model import IndexEntry
from editor.core.index.reading import Item, Progress, Row, index_many

if TYPE_CHECKING:
    from editor.core.lint.problem import Problem

# The per-file reader (index_entry: the front-matter parsers, URL rules) and the collision messages
# are imported where they are used: a warm `list` reads no file and should not pay for loading them.

INDEX_VERSION = "5"  # bump when what is cached changes
_NO_TS = None

Aggregate = tuple[Row | None, Row | None, Row | None]   # the rows giving a section its date, lastmod, publishDate
_AGGREGATED: tuple[Literal["date", "lastmod", "publishDate"], ...] = ("date", "lastmod", "publishDate")


def cache_path() -> Path:
    """index.sqlite3 in the user cache folder ($XDG_CACHE_HOME or ~/.cache)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):   # a relative value is invalid (XDG spec): never the current folder
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hugo-post-editor" / "index.sqlite3"


def scan(site: Site, skipped: list[str] | None = None
         ) -> tuple[list[tuple[str, os.DirEntry[str]]], set[tuple[str, ...]]]:
    """(language, directory entry) of every content page (leaf bundles give only their index
    file), and the nested sections seen (folders below the top level that hold an _index file).
    Nothing is stat'ed: a cold index has no use for the stats before each file is read.

    Symbolic links inside the content folder are skipped, as Hugo 0.168 skips them (folders and
    files alike; tests/core/test_attacks_fs.py checks the real binary), so a link loop cannot
    make the walk endless; their paths are appended to `skipped`."""
    found: list[tuple[str, os.DirEntry[str]]] = []
    sections: set[tuple[str, ...]] = set()
    done: set[str] = set()
    codes = languages.codes(site)
    off = {lang.code for lang in site.all_languages if lang.disabled}
    suffixes = frozenset(CONTENT_SUFFIXES)
    for lang in site.languages:
        top = str(lang.content_dir)
        if top in done or not os.path.isdir(top):
            continue
        done.add(top)
        stack: list[tuple[str, tuple[str, ...]]] = [(top, ())]
        while stack:
            folder, parts = stack.pop()
            try:
                with os.scandir(folder) as it:
                    items = [e for e in it if not e.name.startswith(".")]
            except OSError:
                continue
            links = [e for e in items if e.is_symlink()]
            if links:
                items = [e for e in items if not e.is_symlink()]
                if skipped is not None:
                    skipped.extend(e.path for e in links)
            pages: list[tuple[os.DirEntry[str], str]] = []   # (entry, stem without a language suffix)
            for e in items:
                name = e.name
                dot = name.rfind(".")   # names here never start with "." (skipped above)
                if dot > 0 and name[dot:].lower() in suffixes and e.is_file():
                    stem = name[:dot]
                    if "." not in stem:   # the usual name: no language suffix to look for
                        pages.append((e, stem))
                        continue
                    name, code = languages.split_suffix(name, codes)
                    if code not in off:   # a disabled language's pages are not built
                        pages.append((e, os.path.splitext(name)[0]))
            stems = {stem for _, stem in pages}
            if "_index" in stems and len(parts) > 1:
                sections.add(parts)
            leaf = [e for e, stem in pages if stem == "index"]   # index.md, index.de.md, …
            for e in (leaf if leaf else [e for e, _ in pages]):
                found.append((lang.code, e))
            if not leaf:  # inside a leaf bundle everything else is a resource
                stack.extend((e.path, parts + (e.name,)) for e in items if e.is_dir())
    return found, sections


def _fingerprint(site: Site, sections: set[tuple[str, ...]]) -> str:
    """What every cached entry depends on besides its own file: config, sections, code version
    (the text itself, compared whole: one per site, and no hashing module to load)."""
    return json.dumps([INDEX_VERSION, str(site.root), site.config, str(site.content_override),
                       sorted(sections), os.environ.get("TZ", "")], sort_keys=True, default=str)


_NO_WORDS = '"words": null'   # a cached entry read without its word count (SiteIndex(words=False))


class SiteIndex:
    """The index of one site. `refresh()` re-reads only files whose (mtime_ns, size) changed: the
    first time against the sqlite cache, afterwards against what it holds in memory."""

    def __init__(self, site: Site, cache: str | os.PathLike[str] | None = None, use_cache: bool = True,
                 words: bool = True) -> None:
        self.site = site
        self.words = words   # False: entries carry "words": None (no rendering; see index_file)
        # Read by index_file in this process, forked workers and the index_worker (pickled with the site).
        site.index_words = words
        self.cache = Path(cache) if cache else cache_path()
        self.use_cache = use_cache
        self._rows: dict[str, Row] = {}   # absolute path -> its reading.Row
        self._stats: dict[str, tuple[int, int]] = {}   # absolute path -> (mtime_ns, size)
        self._fp: str | None = None
        self._pending: tuple[str, bool] | None = None   # (fingerprint, rows changed) for save()
        self.reindexed = 0
        self.changed: set[str] = set()   # paths read again by the last refresh
        self.removed: set[str] = set()   # paths gone since the previous refresh
        self.skipped_links: list[str] = []   # symbolic links the last scan did not follow

    def _connect(self, write: bool = True) -> sqlite3.Connection | None:
        if not self.use_cache or not (write or self.cache.is_file()):
            return None   # nothing to read: the file is created by the first save
        try:
            if write:
                from editor.core.files.private import private_dir, private_file
                # The cache lists every post's title, path and dates, drafts included: the author's alone.
                private_dir(self.cache.parent)
                private_file(self.cache)
            db = sqlite3.connect(self.cache, timeout=10)
            db.execute("PRAGMA synchronous = OFF")   # a cache: a torn write only costs speed
            # One record per site: its rows as one marshal blob. Loading 10,000 rows from it takes
            # a tenth of the time of 10,000 sqlite rows, which was most of a warm `list`. Large
            # pages (a new file only) keep that blob's chain of pages short: 3 times faster to write.
            db.execute("PRAGMA page_size = 65536")
            db.execute("CREATE TABLE IF NOT EXISTS sites (site TEXT PRIMARY KEY, fp TEXT, rows BLOB)")
            return db
        except (sqlite3.Error, OSError):
            return None  # a broken cache only costs speed

    def _load_cache(self, fp: str) -> dict[str, tuple[int, int, Row]]:
        """path → (mtime_ns, size, row) from sqlite, when they were read with fingerprint `fp`."""
        db = self._connect(write=False)
        if db is None:
            return {}
        try:
            found = db.execute("SELECT fp, rows FROM sites WHERE site = ?", (str(self.site.root),)).fetchone()
            if found is None or found[0] != fp:
                return {}
            rows = marshal.loads(found[1])
            return rows if isinstance(rows, dict) else {}
        except (sqlite3.Error, ValueError, EOFError, TypeError):
            return {}   # unreadable: everything is read again
        finally:
            db.close()

    def refresh(self, progress: Progress | None = None, save: bool = True, start: str = "fork") -> "SiteIndex":
        """Scan the content folders and read what changed. `progress(done, total)` reports the
        files being read; with save=False the sqlite cache is written later by save()."""
        self.skipped_links = []
        entries, sections = scan(self.site, self.skipped_links)
        self.site.remember_sections(sections)  # seen by the scan: no second walk
        fp = _fingerprint(self.site, sections)
        if self._rows and fp == self._fp:
            cached = {p: (*self._stats[p], row) for p, row in self._rows.items()}
        else:
            cached = self._load_cache(fp)
        rows: dict[str, Row | None] = {}
        stats: dict[str, tuple[int, int]] = {}
        todo: list[Item] = []
        words = self.words
        for lang, e in entries:
            path = e.path
            hit = cached.get(path)
            if hit is None:   # nothing to compare with (always so when cold): no stat here
                todo.append((lang, path, None))
                rows[path] = None  # keeps the scan order
                continue
            try:
                st = e.stat()
            except OSError:   # gone since the scan: the reader says so
                todo.append((lang, path, None))
                rows[path] = None
                continue
            stats[path] = (st.st_mtime_ns, st.st_size)
            if hit[0] == st.st_mtime_ns and hit[1] == st.st_size and not (words and _NO_WORDS in hit[2][0]):
                rows[path] = hit[2]
            else:
                todo.append((lang, path, st.st_size))
                rows[path] = None
        fresh = index_many(self.site, todo, progress, start) if todo else []
        for (lang, path, _), (mtime, size, row) in zip(todo, fresh):
            rows[path] = row
            stats[path] = (mtime, size)   # as read: a file changed since its stat is read again next time
        self.reindexed = len(todo)
        self.changed = {p for _, p, _ in todo}
        self.removed = set(self._rows) - set(rows)
        gone = set(cached) - set(rows)
        # Every None above was replaced by its fresh row (index_many returns one per item).
        self._rows, self._stats, self._fp = cast("dict[str, Row]", rows), stats, fp
        self._pending = (fp, bool(todo or gone))
        if save:
            self.save()
        return self

    def save(self) -> None:
        """Write what the last refresh read to the sqlite cache (nothing when nothing changed)."""
        pending, self._pending = self._pending, None
        if pending is None or not self.use_cache or not pending[1]:
            return
        fp = pending[0]
        stats = self._stats
        try:
            # Format 2: no back-references, the fastest to write and read for these plain values.
            blob = marshal.dumps({p: (*stats[p], row) for p, row in self._rows.items()}, 2)
        except ValueError:
            return   # a value marshal cannot write: the next run reads the files again
        db = self._connect()
        if db is None:
            return
        try:
            with db:   # one statement, one transaction: the whole site is written at once
                db.execute("INSERT OR REPLACE INTO sites VALUES (?, ?, ?)", (str(self.site.root), fp, blob))
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'posts'").fetchone():
                # The earlier per-post layout: dropped, and the file rebuilt with the large pages.
                db.execute("DROP TABLE posts")
                db.execute("VACUUM")
        except sqlite3.Error:
            pass
        finally:
            db.close()

    def save_aside(self) -> Callable[[], None]:
        """save() in a forked copy of this process while this one goes on (the command line prints
        its answer meanwhile); call what is returned to wait for the copy: the cache is written by
        then either way (here, if no copy could be made or it failed). Only for a process without
        threads: fork copies just the calling thread."""
        pending = self._pending
        if pending is None or not self.use_cache or not pending[1] or not hasattr(os, "fork"):
            return self.save
        try:
            pid = os.fork()
        except OSError:
            return self.save
        if pid == 0:   # the copy: writes and exits, never returns
            code = 1
            try:
                self.save()
                code = 0
            finally:
                os._exit(code)   # none of this process's cleanup (buffers, atexit) in the copy

        def wait() -> None:
            try:
                ok = os.waitpid(pid, 0)[1] == 0
            except ChildProcessError:
                ok = False
            if ok:
                self._pending = None
            else:
                self.save()
        return wait

    def __len__(self) -> int:
        return len(self._rows)

    def _ordered(self, now: dt.datetime | None
                 ) -> Iterator[tuple[Row, str, list[dict[str, Any]] | None, Aggregate | None]]:
        """(row, status, collision problems, aggregated dates) newest first."""
        now_ts = (now or dt.datetime.now(dt.timezone.utc)).timestamp()
        rows = list(self._rows.values())
        paths = [r[7] for r in rows]
        keys = self._logical(paths)
        shared = self._collisions(rows, paths, keys)
        agg = _aggregates(rows, now_ts, keys)
        dates = [a[0][5] if (a := agg.get(i)) is not None and a[0] else rows[i][5] for i in range(len(rows))]
        order = sorted(range(len(rows)), key=lambda i: (-(dates[i] or 0), paths[i]))
        for i in order:
            r = rows[i]
            yield r, _status(bool(r[2]), r[3], r[4], now_ts), shared.get(paths[i]), agg.get(i)

    def _logical(self, paths: list[str]) -> list[tuple[str, str]]:
        """(language, path inside the content tree without language suffix) of each row: sections
        gather the pages of their own language, and multihost languages are separate hosts."""
        if len(self.site.all_languages) < 2:
            return [("", p) for p in paths]   # one language: the file path groups as well
        root = str(self.site.root)
        out: list[tuple[str, str]] = []
        for p in paths:
            found = languages.page_language(self.site, os.path.join(root, p))
            out.append((found.code, found.rel_text) if found is not None else ("", p))
        return out

    def _collisions(self, rows: list[Row], paths: list[str], keys: list[tuple[str, str]]
                    ) -> dict[str, list[dict[str, Any]]]:
        """URL-collision problems; the key line is read from the file only for colliding pages."""
        hosts = [k[0] for k in keys] if languages.multihost(self.site) else None
        seen: dict[tuple[str, str], int] = {}
        for i, r in enumerate(rows):
            key = (hosts[i] if hosts else "", r[1].lower())
            seen[key] = seen.get(key, 0) + 1
        if len(seen) == len(rows):
            return {}   # every URL is a page's own: nothing to report (the usual case)
        from editor.core.hugo import collisions
        from editor.core.index.entry import url_line
        found = collisions.url_collisions([
            (p, r[1], (r[6] or url_line(self.site, p))
             if seen[(hosts[i] if hosts else "", r[1].lower())] > 1 else None)
            for i, (p, r) in enumerate(zip(paths, rows))], hosts)
        return {path: [x.to_json() for x in problems] for path, problems in found.items()}

    def entries(self, now: dt.datetime | None = None) -> list[IndexEntry]:
        """Every post (newest first), with `status` for `now` and URL-collision problems added."""
        return [self._entry(row, st, extra, agg) for row, st, extra, agg in self._ordered(now)]

    @staticmethod
    def _entry(row: Row, st: str, extra: list[dict[str, Any]] | None, agg: Aggregate | None) -> IndexEntry:
        e: IndexEntry = json.loads(row[0])
        e["status"] = st
        if extra:
            e["problems"] = e["problems"] + extra
        if agg:
            for key, source in zip(_AGGREGATED, agg):
                if source is not None:
                    e[key] = json.loads(source[0])[key]
        return e

    def json_items(self, now: dt.datetime | None = None) -> list[str]:
        """entries() as JSON object texts, built from the cached JSON without parsing it."""
        out: list[str] = []
        for row, st, extra, agg in self._ordered(now):
            if extra or agg:
                out.append(json.dumps(self._entry(row, st, extra, agg), ensure_ascii=False))
            else:
                out.append(f'{row[0][:-1]}, "status": "{st}"}}')
        return out


def _aggregates(rows: list[Row], now_ts: float, keys: list[tuple[str, str]]) -> dict[int, Aggregate]:
    """Hugo gives a section (_index) without dates of its own the latest date and lastmod of the
    pages below it in its language, and their latest publishDate that is already past (verified with `hugo list all`):
    index → the rows supplying (date, lastmod, publishDate), None where the section's own value stays."""
    out: dict[int, Aggregate] = {}
    for i, r in enumerate(rows):
        if not r[9] or any(v is not None for v in (r[5], r[8], r[3])):
            continue   # a section with a date of its own keeps its own dates (checked with Hugo 0.168)
        lang, rel = keys[i]
        folder = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
        best: list[Row | None] = [None, None, None]
        top: list[float] = [r[5] or 0, r[8] or 0, r[3] or 0]
        for j, c in enumerate(rows):
            if c is r or keys[j][0] != lang or not keys[j][1].startswith(folder):
                continue
            for k, (value, ok) in enumerate(((c[5], True), (c[8], True), (c[3], (c[3] or 0) < now_ts))):
                if value is not None and ok and value > top[k]:
                    top[k], best[k] = value, c
        if any(best):
            out[i] = (best[0], best[1], best[2])
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


def build_index(site: Site, now: dt.datetime | None = None, use_cache: bool = True) -> list[IndexEntry]:
    """The site's posts as index entries (see SiteIndex.entries)."""
    return SiteIndex(site, use_cache=use_cache).refresh().entries(now)


def checked_url_problems(files: Sequence[Path], site_of: Mapping[Path, Site | None]) -> list[Problem]:
    """For `check`: lint Problems for checked files of a site whose slug Hugo would change, and for
    those that get the same URL as another checked file of the same site (Hugo silently publishes
    one). `site_of` maps each file's site root → Site (None: skipped)."""
    from dataclasses import replace

    from editor.core.hugo import collisions
    from editor.core.hugo.site import find_site_root
    from editor.core.index.entry import index_file, url_line
    from editor.core.lint.problem import Problem
    by_site: dict[Path, list[Path]] = {}
    for f in files:
        root = find_site_root(f)
        if root is not None and site_of.get(root) is not None:
            by_site.setdefault(root, []).append(f)
    out: list[Problem] = []
    for root, members in by_site.items():
        site = site_of[root]
        assert site is not None   # by_site holds only the roots that have a Site
        entries = {str(f): index_file(site, f) for f in members}
        out.extend(replace(Problem.from_json(x), path=p)
                   for p, e in entries.items() for x in e["problems"] if x.get("code") == "unsafe-slug")
        # Multihost languages publish on separate hosts: the same path there is no collision.
        host = languages.multihost(site)
        pages: list[tuple[str, str, int | None]] = [(p, e["url"], None) for p, e in entries.items()
                                                   if e["kind"] == "page"]
        hosts = [entries[p]["lang"] if host else "" for p, _, _ in pages]
        keys = [(h, u.lower()) for h, (_, u, _) in zip(hosts, pages)]
        pages = [(p, u, url_line(site, entries[p]["path"]) if keys.count(k) > 1 else None)
                 for (p, u, _), k in zip(pages, keys)]
        for problems in collisions.url_collisions(pages, hosts).values():
            out.extend(problems)
    return out
