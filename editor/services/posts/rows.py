"""Rows of the post list: built from the content index (or a plain scan of a sub-folder), off the UI thread."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from editor.core import PostError, load
from editor.core.hugo.site import Site

POST_SUFFIXES = (".md", ".markdown", ".mdown", ".html", ".htm")
STATUS_ORDER = {"draft": 0, "scheduled": 1, "published": 2, "expired": 3, "error": 4}


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
    slug: str = ""
    url: str = ""
    warnings: tuple[tuple[str, str, str], ...] = ()   # (code, message, fix) of URL/slug problems
    search: str = field(default="", compare=False, repr=False)   # lower-case text the filter matches
    date_ts: float = field(default=0.0, compare=False, repr=False)   # set from `date`: the sort key
    lang: str = ""              # the page's language (Hugo's rules: file-name suffix, then content folder)
    translation_key: str = ""   # what links it to its translations (Hugo's TranslationKey)

    def __post_init__(self) -> None:
        object.__setattr__(self, "date_ts", self.date.timestamp() if self.date else float("-inf"))


def _haystack(title: str, slug: str, tags, path: str, root: str) -> str:
    rel = os.path.relpath(path, root) if root else path
    return "\n".join((title, slug, "\n".join(tags), rel.replace(os.sep, "/"))).lower()


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
    """Every page below `content_dir` (a folder that is not a site's content root), newest first;
    unreadable posts are listed with their error."""
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
                title = str(title) if title not in (None, "") else path.stem
                tags = _terms(post.get("tags"))
                slug = str(post.get("slug") or "")
                rows.append(PostRow(str(path), title, post.status(now, site), dates.get("date"), section,
                                    tags=tags, categories=_terms(post.get("categories")), slug=slug,
                                    url=post.url(site) if hasattr(post, "url") else "",
                                    search=_haystack(title, slug, tags, str(path), str(root))))
            except (PostError, ValueError, OSError, TypeError) as exc:
                rows.append(PostRow(str(path), path.stem, "error", None, section, str(exc),
                                    search=_haystack(path.stem, "", (), str(path), str(root))))
    rows.sort(key=lambda r: r.date_ts, reverse=True)
    return rows


def _from_iso(value) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


_URL_CODES = ("url-collision", "unsafe-slug")


def row_from_entry(e: dict, root: str, content_root: str) -> PostRow:
    """A post-list row from a content-index entry (editor.core.index.site_index)."""
    problems = e.get("problems", [])
    errors = [p.get("message", "") for p in problems
              if p.get("severity") == "error" and p.get("code") not in _URL_CODES]
    warnings = tuple((p.get("code", ""), p.get("message", ""), p.get("fix", "")) for p in problems
                     if p.get("code") in _URL_CODES)
    path = os.path.normpath(os.path.join(root, *e["path"].split("/")))
    title = e.get("title") or os.path.splitext(os.path.basename(path))[0]
    tags = tuple(e.get("tags") or ())
    slug = e.get("slug") or ""
    return PostRow(path, title, "error" if errors else e.get("status", ""), _from_iso(e.get("date")),
                   e.get("section", ""), "; ".join(errors), tags, tuple(e.get("categories") or ()), slug,
                   e.get("url", ""), warnings, _haystack(title, slug, tags, path, content_root),
                   lang=e.get("lang", ""), translation_key=e.get("translationKey", ""))


def index_rows(content_dir: str | os.PathLike, site: Site | None) -> list[PostRow] | None:
    """The rows from the site's content index, or None when a sub-folder was opened (scan it)."""
    if site is None or Path(site.content_dir).resolve() != Path(content_dir).resolve():
        return None
    from editor.core.index.site_index import build_index
    root = str(site.root)
    return [row_from_entry(e, root, str(content_dir)) for e in build_index(site) if e.get("kind") == "page"]


def ranked_terms(rows, key: str) -> list[str]:
    """Every tag (key="tags") or category in use, most used first, one spelling per term
    regardless of case (the spelling used most wins), so authors don't add `Hugo` beside `hugo`."""
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for row in rows:
        for term in set(getattr(row, key)):
            low = term.lower()
            counts[low] += 1
            spellings.setdefault(low, Counter())[term] += 1
    best = {low: max(sp.items(), key=lambda kv: (kv[1], kv[0] == low, kv[0]))[0]
            for low, sp in spellings.items()}
    return [best[low] for low, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
