"""The post list: a Qt table model over the site's content index, refreshed incrementally in a worker thread."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from PySide6.QtCore import (QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt,
                            QThreadPool, Signal)

from editor.core.hugo.collisions import slug_problem
from editor.core.hugo.site import Site
from editor.services.posts.content_watch import ContentWatcher, folders_to_watch
from editor.services.posts.rows import (STATUS_ORDER, PostRow, index_rows, ranked_terms, row_from_entry,
                                       scan)

__all__ = ["PathRole", "SortRole", "WarningRole", "PostListModel", "PostRow", "scan", "index_rows"]

PathRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
WarningRole = Qt.ItemDataRole.UserRole + 3   # the row's URL/slug problems (list of messages)
BIG_CHANGE = 0.3   # above this share of changed rows a model reset is cheaper than row signals
GIT_ORDER = {"conflicted": 0, "new": 1, "modified": 2, "deleted": 3, "unchanged": 4}


class PostListModel(QAbstractTableModel):
    """Columns: title, status, date, section, tags, language. `load_folder` lists a folder; `refresh` re-reads
    only what changed on disk (the index keeps every other row). Sorting happens here, in Python,
    so a view over 10,000 posts never asks Qt to compare rows one call at a time."""

    COLUMNS = ("Title", "Status", "Date", "Section", "Tags", "Language", "Git")
    LANGUAGE_COLUMN = 5
    GIT_COLUMN = 6
    scanStarted = Signal()
    scanFinished = Signal(int)               # number of posts
    progress = Signal(int, int)              # files read, files to read (long scans only)
    _scanned = Signal(int, object, bool)     # generation, rows or exception, full reload
    _progressed = Signal(int, int, int)      # generation, done, total (worker -> UI thread)

    def __init__(self, parent: QObject | None = None, watch: bool = True) -> None:
        super().__init__(parent)
        self._rows: list[PostRow] = []
        self._by_url: dict[str, list[str]] = {}
        self._generation = 0
        self._lock = threading.Lock()
        self._queued = False
        self._target: tuple[int, str, Site | None, bool] | None = None
        self._index = None               # the SiteIndex, used only by the worker thread
        self._worker_rows: dict[str, PostRow] = {}   # the worker's last rows (reused when unchanged)
        self._terms: dict[str, list[str]] = {}         # ranked tags/categories, worked out by the worker
        self._where: dict[str, int] | None = None      # path -> row, rebuilt after changes
        self._counts: dict[str, int] = _counts([])
        self._git: dict[str, str] | None = None        # page path -> git state (None: not a repository)
        self._git_changed = 0
        self._sort = (2, Qt.SortOrder.DescendingOrder)
        self.folder: str | None = None
        self.site: Site | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one refresh at a time: the index is not shared
        self._scanned.connect(self._apply)
        self._progressed.connect(self._on_progress)
        self.watcher = ContentWatcher(self) if watch else None
        if self.watcher is not None:
            self.watcher.changed.connect(self.refresh)

    # ------------------------------------------------------------------ loading
    def load_folder(self, content_dir: str, site: Site | None = None) -> None:
        """List a folder in the worker; the same folder again only re-reads what changed."""
        same = self.folder is not None and os.path.abspath(content_dir) == os.path.abspath(self.folder) \
            and (site is None) == (self.site is None) and (site is None or site.root == self.site.root)
        if same and self._rows:
            self.refresh()
            return
        self._generation += 1
        self.folder, self.site = content_dir, site
        self._queue(full=True)

    def refresh(self) -> None:
        """Re-read what changed on disk (coalesced: at most one refresh waits behind a running one)."""
        if self.folder is not None:
            self._queue(full=False)

    def _queue(self, full: bool) -> None:
        with self._lock:
            previous = self._target   # a full load still waiting to start stays a full load
            waiting_full = bool(self._queued and previous and previous[3] and previous[0] == self._generation)
            self._target = (self._generation, self.folder, self.site, full or waiting_full)
            if self._queued:
                return
            self._queued = True
        self.scanStarted.emit()
        self._pool.start(self._work)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the worker is idle (tests, shutdown)."""
        return self._pool.waitForDone(msecs)

    def _work(self) -> None:
        with self._lock:
            gen, folder, site, full = self._target
            self._queued = False
        try:
            result: object = self._snapshot(self._read(gen, folder, site, full), folder, site, full)
        except Exception as exc:   # noqa: BLE001 - shown as an empty list, never a crash
            result = exc
        try:
            self._scanned.emit(gen, result, full)
        except RuntimeError:
            pass  # the model was deleted meanwhile

    def _read(self, gen: int, folder: str, site: Site | None, full: bool) -> list[PostRow]:
        if site is None or Path(site.content_dir).resolve() != Path(folder).resolve():
            return scan(folder, site)   # a sub-folder or a folder outside any site
        from editor.core.index.site_index import SiteIndex
        if full or self._index is None or self._index.site.root != site.root:
            self._index = SiteIndex(site, words=False)   # the list shows no word counts
        index = self._index

        def report(done: int, total: int) -> None:
            if total >= 200:
                self._progressed.emit(gen, done, total)

        # Never fork a process that runs Qt threads: many files are read in a helper process.
        index.refresh(progress=report, save=False, start="subprocess")
        root, content = str(site.root), str(folder)
        rows = [row_from_entry(e, root, content) for e in index.entries() if e.get("kind") == "page"]
        index.save()
        return rows

    def _snapshot(self, rows: list[PostRow], folder: str, site: Site | None, full: bool) -> dict:
        """Everything the UI thread needs, worked out here: rows sorted, unchanged rows as the same
        objects (so the UI compares identities), terms, URLs, counts, folders to watch."""
        old = {} if full else self._worker_rows
        rows = [old.get(r.path) if old.get(r.path) == r else r for r in rows]
        self._worker_rows = {r.path: r for r in rows}
        changed = sum(1 for r in rows if old.get(r.path) is not r) + len(set(old) - set(self._worker_rows))
        by_url: dict[str, list[str]] = {}
        for r in rows:
            if r.url:
                by_url.setdefault(_url_key(site, r.lang, r.url), []).append(r.path)
        roots = [str(d) for d in site.content_dirs] if site is not None and _is_content(folder, site) \
            else [folder]
        return {"rows": self._sorted(rows), "sort": self._sort, "changed": changed, "by_url": by_url,
                "terms": {key: ranked_terms(rows, key) for key in ("tags", "categories")},
                "counts": _counts(rows), "folders": folders_to_watch(roots, [r.path for r in rows])}

    def _on_progress(self, gen: int, done: int, total: int) -> None:
        if gen == self._generation:
            self.progress.emit(done, total)

    def _apply(self, gen: int, result: object, full: bool) -> None:
        if gen != self._generation:
            return
        snap = result if isinstance(result, dict) else {
            "rows": [], "sort": self._sort, "changed": 1, "by_url": {}, "terms": {}, "counts": _counts([]),
            "folders": set()}
        rows = snap["rows"] if snap["sort"] == self._sort else self._sorted(snap["rows"])
        self._where = None
        if full or not self._rows or snap["changed"] > BIG_CHANGE * max(1, len(rows)):
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif snap["changed"]:
            self._merge(rows)
        self._by_url, self._terms, self._counts = snap["by_url"], snap["terms"], snap["counts"]
        if self.watcher is not None:
            self.watcher.watch_folders(snap["folders"])
        self.scanFinished.emit(len(self._rows))

    def _merge(self, rows: list[PostRow]) -> None:
        """Row signals for a few changes, so selection and scrolling stay where they are."""
        self._where = None
        new = {r.path: r for r in rows}
        for i in range(len(self._rows) - 1, -1, -1):
            if self._rows[i].path not in new:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
        for i, r in enumerate(self._rows):
            fresh = new[r.path]
            if fresh is not r:
                self._rows[i] = fresh
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))
        have = {r.path for r in self._rows}
        added = [r for r in rows if r.path not in have]
        if added:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(added) - 1)
            self._rows.extend(added)
            self.endInsertRows()
        self.sort(*self._sort)

    # ------------------------------------------------------------------ sorting
    def _key(self, column: int):
        return {0: lambda r: (r.title.lower(), r.path),
                1: lambda r: (STATUS_ORDER.get(r.status, 9), -r.date_ts, r.path),
                2: lambda r: (r.date_ts, r.path),
                3: lambda r: (r.section.lower(), -r.date_ts, r.path),
                4: lambda r: (", ".join(r.tags).lower(), r.path),
                5: lambda r: (r.lang, -r.date_ts, r.path),
                6: lambda r: (GIT_ORDER.get(self.git_state(r.path), 9), -r.date_ts, r.path),
                }.get(column, lambda r: r.path)

    def _sorted(self, rows: list[PostRow]) -> list[PostRow]:
        column, order = self._sort
        return sorted(rows, key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        paths = [self._rows[i.row()].path if i.isValid() and i.row() < len(self._rows) else None
                 for i in persistent]
        self._rows = self._sorted(self._rows)
        self._where = where = {r.path: i for i, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent, [self.index(where[p], i.column()) if p in where else QModelIndex()
                         for p, i in zip(paths, persistent)])
        self.layoutChanged.emit()

    # ------------------------------------------------------------------ queries
    def row_for_path(self, path: str) -> int:
        if self._where is None:
            self._where = {r.path: i for i, r in enumerate(self._rows)}
        return self._where.get(os.path.abspath(path), -1)

    def post_row(self, row: int) -> PostRow:
        return self._rows[row]

    def rows(self) -> list[PostRow]:
        return list(self._rows)

    def terms(self, key: str) -> list[str]:
        """Tags (key="tags") or categories in use: most used first, case-insensitively de-duplicated."""
        return list(self._terms.get(key, []))

    def sections(self) -> list[str]:
        return sorted({row.section for row in self._rows})

    def languages(self) -> list[str]:
        """The languages of the listed posts, in the site's order (only what is in use)."""
        used = {row.lang for row in self._rows if row.lang}
        order = [lang.code for lang in self.site.languages] if self.site is not None else []
        return [c for c in order if c in used] + sorted(used - set(order))

    def translations(self, path: str | None) -> dict[str, str]:
        """{language: path} of the listed posts Hugo links to `path` as its translations (same
        translationKey, else same path in another language), in the site's language order."""
        row = self.row_for_path(path) if path else -1
        if row < 0 or not self._rows[row].translation_key:
            return {}
        me = self._rows[row]
        found = {r.lang: r.path for r in self._rows
                 if r.translation_key == me.translation_key and r.lang != me.lang and r.path != me.path}
        return {lang: found[lang] for lang in self.languages() if lang in found}

    def counts(self) -> dict[str, int]:
        """Posts per status, plus "all", "problems" (URL/slug warnings or errors) and "changed" (git)."""
        return {**self._counts, "changed": self._git_changed}

    # ------------------------------------------------------------------ git states
    def set_git_states(self, states: dict[str, str] | None) -> None:
        """The git state of changed pages (from GitService); None when the site is not in a repository."""
        self._git = None if states is None else {os.path.normpath(k): v for k, v in states.items()}
        self._git_changed = sum(1 for r in self._rows if r.path in self._git) if self._git else 0
        if self._rows:
            self.dataChanged.emit(self.index(0, self.GIT_COLUMN), self.index(len(self._rows) - 1, self.GIT_COLUMN))
        if self._sort[0] == self.GIT_COLUMN:
            self.sort(*self._sort)

    def git_state(self, path: str) -> str:
        """new, modified, deleted, conflicted or unchanged; "" outside a repository."""
        if self._git is None:
            return ""
        return self._git.get(path, "unchanged")

    @property
    def in_repository(self) -> bool:
        return self._git is not None

    def matches(self, row: int, text: str, status: str, tag: str, lang: str = "") -> bool:
        """The filter: every word of `text` in title/slug/tags/path; a status ("problems" too); a tag;
        a language."""
        r = self._rows[row]
        if lang and r.lang != lang:
            return False
        if status:
            if status == "changed":
                if self._git is None or r.path not in self._git:
                    return False
            elif status == "problems":
                if not (r.warnings or r.error):
                    return False
            elif r.status != status:
                return False
        if tag and tag.lower() not in (t.lower() for t in r.tags):
            return False
        return all(word in r.search for word in text.lower().split())

    def url_problems(self, path: str | None, url: str, slug, lower: bool = True) -> list[dict]:
        """Problems of the post being edited (its unsaved URL and slug against the listed posts):
        a slug Hugo would change (with `fix`), and other posts that get the same URL."""
        out = []
        p = slug_problem(slug, path or "", None, lower=lower) if slug not in (None, "") else None
        if p:
            out.append(p.to_json())
        me = os.path.abspath(path) if path else None
        here = self.site.page_language(path) if self.site is not None and path else None
        key = _url_key(self.site, here.code if here is not None else "", url or "")
        others = [o for o in self._by_url.get(key, []) if o != me]
        if url and others:
            names = ", ".join(os.path.basename(o) for o in others)
            out.append({"code": "url-collision", "severity": "error", "fix": "",
                        "message": f"{url} is also the URL of {names}: Hugo silently publishes only one"})
        return out

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.GIT_COLUMN:
                return self.git_state(row.path)
            return (row.title, row.status, row.date.strftime("%Y-%m-%d") if row.date else "",
                    row.section, ", ".join(row.tags), row.lang)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [row.title, row.error or row.path, *(w[1] for w in row.warnings)]
            return "\n".join(lines)
        if role == PathRole:
            return row.path
        if role == WarningRole:
            return [w[1] for w in row.warnings]
        if role == SortRole:
            return self._key(col)(row)[0] if col != 2 else row.date_ts
        return None


def _url_key(site: Site | None, lang: str, url: str) -> str:
    """Pages collide on the same URL (any case) on the same host: multihost languages have their own."""
    from editor.core.hugo.languages import multihost
    host = lang + " " if site is not None and lang and multihost(site) else ""
    return host + url.lower()


def _counts(rows: list[PostRow]) -> dict[str, int]:
    out = {"all": len(rows), "problems": 0}
    for r in rows:
        out[r.status] = out.get(r.status, 0) + 1
        if r.warnings or r.error:
            out["problems"] += 1
    return out


def _is_content(folder: str, site: Site) -> bool:
    return Path(site.content_dir).resolve() == Path(folder).resolve()
