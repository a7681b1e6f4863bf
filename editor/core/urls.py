"""Hugo's URL rules: path sanitising of slugs and file names, `url` front matter, `[permalinks]` patterns."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit


_ALLOWED = set("./\\_#+~-@")
_HEX = set("0123456789abcdefABCDEF")


def remove_accents(text: str) -> str:
    """Hugo's removePathAccents: drop combining marks after NFD (ß, œ and æ stay)."""
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"))


def sanitize(text: str, *, lower: bool = True, accents: bool = False) -> str:
    """Hugo's path sanitiser (UnicodeSanitize + lower-casing) applied to a slug or file name."""
    if accents:
        text = remove_accents(text)
    out: list[str] = []
    prepend = was_hyphen = False
    for i, c in enumerate(text):
        cat = unicodedata.category(c)
        # Go's unicode.IsLetter / IsDigit (Nd only) / IsMark, plus a few punctuation marks.
        allowed = c in _ALLOWED or cat[0] in ("L", "M") or cat == "Nd"
        if c == "%" and i + 2 < len(text) and text[i + 1] in _HEX and text[i + 2] in _HEX:
            allowed = True
        if allowed:
            was_hyphen = c == "-"
            if prepend:
                if not was_hyphen:
                    out.append("-")
                prepend = False
            out.append(c)
        elif out and not was_hyphen and c.isspace():
            prepend = True
    result = "".join(out)
    return result.lower() if lower else result


def safe_slug(title: str) -> str:
    """A slug Hugo passes through unchanged: [a-z0-9-], no leading, trailing or doubled '-'."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("Æ", "ae").replace("Œ", "oe")
    text = re.sub(r"['’]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def escape_path(path: str) -> str:
    """Percent-encode a URL path as Hugo's RelPermalink does (existing %XX escapes kept)."""
    return quote(path, safe="/!$&'()*+,;=:@-._~%")


def _base_path(base_url: str) -> str:
    path = urlsplit(base_url).path if base_url else ""
    return "/" + path.strip("/") if path.strip("/") else ""


def _content_relative(post_path: str | None, site) -> PurePosixPath | None:
    if not post_path:
        return None
    if site is not None:
        rel = site.relative(post_path)
        if rel is not None:
            return PurePosixPath(*rel.parts)
    parts = Path(os.path.abspath(post_path)).parts
    if "content" in parts:
        idx = len(parts) - 1 - parts[::-1].index("content")
        return PurePosixPath(*parts[idx + 1:])
    return PurePosixPath(Path(post_path).name)


def _expand(pattern: str, post, dates: dict, rel: PurePosixPath, slug: str | None, site) -> str:
    from editor.core.pagedates import filename_date
    lower = not (site and site.disable_path_to_lower)
    accents = bool(site and site.remove_path_accents)
    date = dates.get("date")
    title = str(post.get("title") or "")
    stem = rel.parent.name if rel.stem in ("index", "_index") else rel.stem
    fn_slug = filename_date(str(rel))[1] if site and _uses_filename(site) else None
    section = rel.parts[0] if len(rel.parts) > 1 else ""

    def urlize(text: str) -> str:
        return sanitize(text.replace("%20", " "), lower=lower, accents=accents).replace("+", "-")

    def token(name: str) -> str:
        if name == "year":
            return str(date.year) if date else "1"
        if name == "month":
            return f"{date.month:02d}" if date else "01"
        if name == "monthname":
            return date.strftime("%B").lower() if date else "january"
        if name == "day":
            return f"{date.day:02d}" if date else "01"
        if name == "weekday":
            return str((date.weekday() + 1) % 7) if date else "1"
        if name == "weekdayname":
            return date.strftime("%A").lower() if date else "monday"
        if name == "yearday":
            return str(date.timetuple().tm_yday) if date else "1"
        if name == "section":
            return sanitize(section, lower=lower, accents=accents)
        if name == "sections":
            return "/".join(sanitize(p, lower=lower, accents=accents) for p in rel.parts[:-1]
                            if not (rel.stem == "index" and p == rel.parts[-2]))
        if name == "title":
            return urlize(title)
        if name == "slug":
            return urlize(slug if slug else (fn_slug or title))
        if name in ("filename", "contentbasename"):
            return sanitize(stem, lower=lower, accents=accents)
        if name in ("slugorfilename", "slugorcontentbasename"):
            return urlize(slug) if slug else sanitize(stem, lower=lower, accents=accents)
        return ":" + name

    return re.sub(r":([a-z]+)", lambda m: token(m[1]), pattern)


def _uses_filename(site) -> bool:
    rules = site.frontmatter_rules or {}
    return any(":filename" in [str(s).lower() for s in (v if isinstance(v, list) else [v])]
               for v in rules.values())


def page_url(post, site=None) -> str:
    """The relative permalink Hugo gives the post (site may be None: Hugo's defaults)."""
    base = _base_path(site.base_url) if site is not None else ""
    url_value = post.get("url")
    if isinstance(url_value, str) and url_value.strip():
        u = url_value.strip()
        if not u.startswith("/"):
            u = "/" + u
        return escape_path(base + u)
    rel = _content_relative(post.path, site) or PurePosixPath("untitled.md")
    lower = not (site and site.disable_path_to_lower)
    accents = bool(site and site.remove_path_accents)
    slug_value = post.get("slug")
    slug = str(slug_value).strip("-") if slug_value not in (None, "") else None
    if slug is not None:
        slug = slug.strip()
    if site is not None and slug is None and _uses_filename(site):
        from editor.core.pagedates import filename_date
        slug = filename_date(str(rel))[1]
    if rel.name == "_index.md" or rel.stem == "_index":
        folders = rel.parts[:-1]
        path = "/" + "/".join(sanitize(p, lower=lower, accents=accents) for p in folders)
        return escape_path(base + (path.rstrip("/") + "/" if folders else "/"))
    section = rel.parts[0] if len(rel.parts) > 1 else ""
    pattern = site.permalinks.get(section) if site is not None and section else None
    if pattern:
        dates = post.dates(site.frontmatter_rules)
        path = _expand(pattern, post, dates, rel, slug, site)
        path = re.sub(r"/{2,}", "/", "/" + path.lstrip("/"))
        return escape_path(base + path)
    if rel.stem == "index":
        folders = list(rel.parts[:-1])
    else:
        folders = list(rel.parts[:-1]) + [rel.stem]
    if slug is not None and folders:
        folders[-1] = slug
    path = "/".join(sanitize(p, lower=lower, accents=accents) for p in folders)
    path = re.sub(r"/{2,}", "/", path).strip("/")
    if site is not None and site.ugly_urls:
        return escape_path(base + "/" + path + ".html")
    return escape_path(base + "/" + path + "/")


__all__ = ["sanitize", "safe_slug", "page_url", "escape_path", "remove_accents"]
