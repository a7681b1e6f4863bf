"""The post list: a Qt table model over a content folder's posts, filled by a scan in a worker thread."""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from editor.core import PostError, load
from editor.core.site import Site

POST_SUFFIXES = (".md", ".markdown", ".mdown", ".html", ".htm")
PathRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class PostRow:
    path: str
    title: str
    status: str
    date: dt.datetime | None
    section: str
    error: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


def _terms(value) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    if isinstance(value, list):
        return tuple(str(v) for v in value if v is not None and str(v).strip())
    return ()


def _is_page(path: Path) -> bool:
    if path.suffix.lower() not in POST_SUFFIXES or path.stem.startswith("_index"):
        return False
    # Inside a leaf bundle only index.* is a page; other Markdown files are resources.
    if path.stem != "index" and any((path.parent / f"index{s}").is_file() for s in POST_SUFFIXES):
        return False
    return True


def scan(content_dir: str | os.PathLike, site: Site | None = None,
         now: dt.datetime | None = None) -> list[PostRow]:
    """Every page below `content_dir`, newest first; unreadable posts are listed with their error."""
    root = Path(content_dir)
    rows: list[PostRow] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or not _is_page(path):
                continue
            rel = path.relative_to(root)
            section = rel.parts[0] if len(rel.parts) > 1 else ""
            try:
                post = load(path)
                if site is not None:
                    post.timezone = site.timezone
                dates = post.dates(site.frontmatter_rules if site else None)
                title = post.get("title")
                rows.append(PostRow(str(path), str(title) if title not in (None, "") else path.stem,
                                    post.status(now, site), dates.get("date"), section,
                                    tags=_terms(post.get("tags")), categories=_terms(post.get("categories"))))
            except (PostError, ValueError, OSError) as exc:
                rows.append(PostRow(str(path), path.stem, "error", None, section, str(exc)))
    rows.sort(key=lambda r: (r.date.timestamp() if r.date else float("-inf")), reverse=True)
    return rows


def _from_iso(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def index_rows(content_dir: str | os.PathLike, site: Site | None) -> list[PostRow] | None:
    """The rows from the site's content index (editor.core.index), or None when it cannot serve them."""
    if site is None:
        return None
    try:
        from editor.core.index import build_index
    except ImportError:
        return None
    if Path(site.content_dir).resolve() != Path(content_dir).resolve():
        return None   # a sub-folder was opened: scan just that
    rows = []
    for e in build_index(site):
        if e.get("kind") != "page":
            continue
        problems = [p.get("message", "") for p in e.get("problems", []) if p.get("severity") == "error"]
        path = Path(site.root) / e["path"]
        rows.append(PostRow(str(path), e.get("title") or path.stem, "error" if problems else e.get("status", ""),
                            _from_iso(e.get("date")), e.get("section", ""), "; ".join(problems),
                            tuple(e.get("tags") or ()), tuple(e.get("categories") or ())))
    return rows


class PostListModel(QAbstractTableModel):
    """Columns: title, status, date, section. Grows later (filters, search, the index)."""

    COLUMNS = ("Title", "Status", "Date", "Section")
    scanFinished = Signal(int)          # number of posts
    _scanned = Signal(int, object)      # generation, rows or exception (worker -> UI thread)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PostRow] = []
        self._generation = 0
        self.folder: str | None = None
        self._scanned.connect(self._apply)

    # ------------------------------------------------------------------ loading
    def load_folder(self, content_dir: str, site: Site | None = None) -> None:
        """Scan in a worker thread; a newer call wins over an older scan still running."""
        self._generation += 1
        gen = self._generation
        self.folder = content_dir
        threading.Thread(target=self._work, args=(gen, content_dir, site), name="post-scan",
                         daemon=True).start()

    def _work(self, gen: int, content_dir: str, site: Site | None) -> None:
        try:
            result: object = index_rows(content_dir, site)
        except Exception:   # the index is an optimisation: fall back to reading the posts
            result = None
        try:
            if result is None:
                result = scan(content_dir, site)
        except Exception as exc:
            result = exc
        try:
            self._scanned.emit(gen, result)
        except RuntimeError:
            pass  # the model was deleted meanwhile

    def _apply(self, gen: int, result: object) -> None:
        if gen != self._generation:
            return
        rows = result if isinstance(result, list) else []
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        self.scanFinished.emit(len(rows))

    def row_for_path(self, path: str) -> int:
        target = os.path.abspath(path)
        for i, row in enumerate(self._rows):
            if os.path.abspath(row.path) == target:
                return i
        return -1

    def terms(self, key: str) -> list[str]:
        """Every tag (key="tags") or category used in the listed posts."""
        return sorted({t for row in self._rows for t in getattr(row, key)}, key=str.lower)

    def sections(self) -> list[str]:
        return sorted({row.section for row in self._rows})

    def post_row(self, row: int) -> PostRow:
        return self._rows[row]

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
            return (row.title, row.status, row.date.strftime("%Y-%m-%d") if row.date else "",
                    row.section)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\n{row.error or row.path}"
        if role == PathRole:
            return row.path
        if role == SortRole:
            if col == 2:
                return row.date.timestamp() if row.date else float("-inf")
            return (row.title.lower(), row.status, "", row.section)[col]
        return None
