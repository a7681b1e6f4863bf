"""Hugo's URL rules: path sanitising of slugs and file names, `url` front matter, `[permalinks]` patterns."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable
from urllib.parse import quote, urlsplit

from editor.core.hugo import languages

if TYPE_CHECKING:   # site and post read these rules at run time: no import cycle
    from editor.core.hugo.site import Site

_ALLOWED = set("./\\_#+~-@")
_HEX = set("0123456789abcdefABCDEF")
_ZERO = dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)  # Go's zero time: /1/01/… in permalinks
_BRANCH = ("_index",)


class Page(Protocol):
    """What the URL rules read of a page: a Post, or the index's parsed front matter."""

    @property
    def path(self) -> str | None: ...

    def get(self, key: str, default: Any = None) -> Any:
        """A front-matter value by any spelling of its key (case-insensitive)."""
        ...


@runtime_checkable
class ValuesPage(Page, Protocol):
    """A page read without a Post (the index): its front-matter values as parsed."""

    def front_matter_values(self) -> dict[str, Any]: ...


def remove_accents(text: str) -> str:
    """Hugo's removePathAccents: drop combining marks after NFD (ß, œ and æ stay)."""
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"))


def sanitize(text: str, *, lower: bool = True, accents: bool = False) -> str:
    """Hugo's path sanitiser (UnicodeSanitize + lower-casing) applied to a slug or file name."""
    return _sanitize(text, lower, accents)


# ASCII text is most slugs and file names: what the loop below does to it, in C. Every ASCII
# character the loop drops is deleted here except whitespace (str.split's, \x1c-\x1f included),
# which then joins the words with "-" unless one of them already ends or starts with "-".
_ASCII_DROP = {c: None for c in range(128)
               if not (chr(c).isalnum() or chr(c) in _ALLOWED or chr(c).isspace())}


def _sanitize_ascii(text: str) -> str:
    words = text.translate(_ASCII_DROP).split()
    if len(words) < 2:
        return words[0] if words else ""
    out = [words[0]]
    for w in words[1:]:
        if not (w[0] == "-" or out[-1][-1] == "-"):
            out.append("-")
        out.append(w)
    return "".join(out)


@lru_cache(maxsize=8192)
def _sanitize(text: str, lower: bool, accents: bool) -> str:
    if text.isascii() and "%" not in text:   # removePathAccents changes no ASCII letter
        result = _sanitize_ascii(text)
    else:
        result = _sanitize_chars(remove_accents(text) if accents else text)
    return result.lower() if lower else result


def _sanitize_chars(text: str) -> str:
    """Hugo's UnicodeSanitize, character by character (any text)."""
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
    return "".join(out)


def _query_unescape(text: str) -> str:
    """Go's url.QueryUnescape ('+' and %20 become spaces); the text unchanged when it is invalid."""
    if re.search(r"%(?![0-9A-Fa-f]{2})", text):
        return text
    raw = re.sub(r"%([0-9A-Fa-f]{2})", lambda m: chr(int(m[1], 16)), text.replace("+", " "))
    try:
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return raw


def urlize(text: str, *, lower: bool = True, accents: bool = False) -> str:
    """Hugo's urlize as used by `:slug` and `:title` in permalinks (stricter than the default path)."""
    return sanitize(_query_unescape(text), lower=lower, accents=accents)


def hugo_urlize(text: str, *, lower: bool = True, accents: bool = False) -> str:
    """Exactly what Hugo's `urlize` template function gives: sanitised, lower-cased, URL-escaped."""
    return _go_escape(sanitize(text, lower=lower, accents=accents))


def _go_escape(path: str) -> str:
    """Go's url.Parse(path).String() for a sanitised path: non-ASCII bytes become %XX."""
    head, hash_, fragment = path.partition("#")
    return quote(head, safe="/!$&'()*+,;=:@-._~%") + hash_ + quote(fragment, safe="/!$&'()*+,;=:@-._~%?")


def title_slug(title: str) -> str:
    """The slug for a title: Hugo's `urlize` of it, unescaped (`Привет мир` → `привет-мир`).

    Hugo escapes it again in the URL, so the post gets the URL `urlize` gives; '/' and '\\'
    become '-' (a slug and a file name are one path segment); leading and trailing '-' go, as
    Hugo trims them from `slug`.
    """
    text = re.sub(r"[/\\]+", " ", title)
    return sanitize(text).strip("-")


def safe_slug(title: str) -> str:
    """A slug Hugo passes through unchanged: [a-z0-9-], no leading, trailing or doubled '-'."""
    text = title
    if not text.isascii():   # ASCII has nothing to decompose or spell out
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("Æ", "ae").replace("Œ", "oe")
    text = text.lower().replace("'", "").replace("’", "")
    return _NOT_SAFE.sub("-", text).strip("-")


_NOT_SAFE = re.compile(r"[^a-z0-9]+")


def escape_path(path: str) -> str:
    """Percent-encode a URL path as Hugo's RelPermalink does (existing %XX escapes kept)."""
    return quote(path, safe="/!$&'()*+,;=:@-._~%")


def _base_path(base_url: str) -> str:
    path = urlsplit(base_url).path if base_url else ""
    return "/" + path.strip("/") if path.strip("/") else ""


def _content_relative(post_path: str | None, site: Site | None) -> PurePosixPath | None:
    """The path Hugo's URL rules see: inside the content folder, without a language suffix."""
    if not post_path:
        return None
    if site is not None:
        found = site.page_language(post_path)
        if found is not None:
            return found.rel
    parts = Path(os.path.abspath(post_path)).parts
    if "content" in parts:
        idx = len(parts) - 1 - parts[::-1].index("content")
        return PurePosixPath(*parts[idx + 1:])
    return PurePosixPath(Path(post_path).name)


def _uses_filename(site: Site) -> bool:
    rules = site.frontmatter_rules or {}
    return any(":filename" in [str(s).lower() for s in (v if isinstance(v, list) else [v])]
               for v in rules.values())


def _sections(rel: PurePosixPath, site: Site | None) -> list[str]:
    """The page's section path: the top folder always, deeper folders only when they hold _index."""
    folders = list(rel.parts[:-1])
    if rel.stem == "index" and folders:
        folders = folders[:-1]  # a leaf bundle's own folder is not a section
    out: list[str] = []
    for i, name in enumerate(folders):
        if i > 0 and not (site is not None and site.is_section(folders[: i + 1])):
            break
        out.append(name)
    return out


def _dates(post: Page, site: Site) -> dict[str, dt.datetime | None]:
    from editor.core.hugo import pagedates
    from editor.core.post import Post
    if isinstance(post, Post):
        return post.dates(site.frontmatter_rules)
    values = post.front_matter_values() if isinstance(post, ValuesPage) else {}
    return pagedates.resolve(values, site.frontmatter_rules, post.path, site.timezone)


def _expand(pattern: str, post: Page, rel: PurePosixPath, slug: str | None, site: Site) -> str:
    """A `[permalinks]` pattern with its `:tokens` filled in, as Hugo's permalink expander does."""
    from editor.core.hugo.pagedates import filename_date
    accents = site.remove_path_accents
    date = _dates(post, site).get("date") or _ZERO
    title = str(post.get("title") or "")
    stem = rel.parent.name if rel.stem in ("index", "_index") else rel.stem
    fn_slug = filename_date(str(rel))[1] if _uses_filename(site) else None
    sections = _sections(rel, site)

    def url(text: str) -> str:
        return urlize(text, lower=False, accents=accents)

    def path(text: str) -> str:
        return sanitize(text, lower=False, accents=accents)

    tokens = {
        "year": lambda: str(date.year),
        "month": lambda: f"{date.month:02d}",
        "monthname": lambda: date.strftime("%B") if date.year > 1 else "January",
        "day": lambda: f"{date.day:02d}",
        "weekday": lambda: str((date.weekday() + 1) % 7),
        "weekdayname": lambda: date.strftime("%A") if date.year > 1 else "Monday",
        "yearday": lambda: str(date.timetuple().tm_yday),
        "section": lambda: path(sections[0] if sections else ""),
        "sections": lambda: "/".join(path(p) for p in sections),
        "title": lambda: url(title),
        "slug": lambda: url(slug if slug is not None else (fn_slug or title)),
        "filename": lambda: path(stem),
        "contentbasename": lambda: path(stem),
        "slugorfilename": lambda: url(slug) if slug is not None else path(stem),
        "slugorcontentbasename": lambda: url(slug) if slug is not None else path(stem),
    }

    def token(m: re.Match[str]) -> str:
        fn = tokens.get(m[1].lower())
        return fn() if fn else m[0]

    return re.sub(r":([A-Za-z]+)", token, pattern)


def _url_value(value: str, base: str) -> str:
    """`url` front matter: used as written (no lower-casing); a directory unless it has a dot."""
    u = re.sub(r"/{2,}", "/", "/" + value.strip().lstrip("/"))
    if not u.endswith("/") and "." not in u:
        u += "/"
    return quote(base + u, safe="/!$&'()*+,;=:@-._~%?")


def _slug(post: Page, rel: PurePosixPath, site: Site | None) -> str | None:
    value = post.get("slug")
    if value is not None and value != "":
        return str(value).strip("-")  # Hugo trims hyphens (only) from the slug
    if site is not None and _uses_filename(site):
        from editor.core.hugo.pagedates import filename_date
        return filename_date(str(rel))[1]
    return None


def _language(post_path: str | None, site: Site | None) -> str:
    if site is None:
        return ""
    found = site.page_language(post_path) if post_path else None
    return found.code if found is not None else site.default_language


def page_url(post: Page, site: Site | None = None) -> str:
    """The relative permalink Hugo gives the post (site may be None: Hugo's defaults).

    `post` is anything with `.path` and `.get(key)` (case-insensitive keys), e.g. a Post.
    """
    lang = _language(post.path, site)
    url_value = post.get("url")
    if isinstance(url_value, str) and url_value.strip():
        return _url_value(url_value, languages.site_base(site, lang) if site is not None else "")
    base = languages.url_base(site, lang) if site is not None else ""
    rel = _content_relative(post.path, site) or PurePosixPath("untitled.md")
    lower = not (site and site.disable_path_to_lower)
    accents = bool(site and site.remove_path_accents)
    if rel.stem in _BRANCH:
        folders = rel.parts[:-1]
        pattern = site.permalink_pattern(lang, "section", rel) if site is not None and folders else None
        if pattern and site is not None:
            path = _expand(pattern, post, rel, _slug(post, rel, site), site)
            path = re.sub(r"/{2,}", "/", "/" + path.lstrip("/"))
            return escape_path(base + (path.lower() if lower else path))
        path = "/" + "/".join(sanitize(p, lower=lower, accents=accents) for p in folders)
        if not folders:
            return escape_path(base + "/")
        ugly = "index.html" if site is not None and site.ugly_urls else ""   # /posts/index.html
        return escape_path(base + path.rstrip("/") + "/" + ugly)
    slug = _slug(post, rel, site)
    pattern = site.permalink_pattern(lang, "page", rel) if site is not None else None
    if pattern and site is not None:
        path = _expand(pattern, post, rel, slug, site)
        path = re.sub(r"/{2,}", "/", "/" + path.lstrip("/"))
        if site.ugly_urls and path.endswith("/") and len(path) > 1:
            path = path[:-1] + ".html"   # Hugo's uglyURLs applies to pattern URLs too
        return escape_path(base + (path.lower() if lower else path))
    page_folders = list(rel.parts[:-1]) if rel.stem == "index" else list(rel.parts[:-1]) + [rel.stem]
    return default_page_url(base, page_folders, slug, lower, accents, site is not None and site.ugly_urls)


def default_page_url(base: str, folders: list[str], slug: str | None, lower: bool, accents: bool,
                     ugly: bool) -> str:
    """Hugo's URL for a page with no `url` and no permalink pattern: its folders and file stem (a
    leaf bundle's folders alone), the slug taking the last one's place, sanitised, under `base`."""
    if slug is not None and folders:
        folders = [*folders[:-1], slug.strip("-")]   # Hugo trims hyphens (only) from the slug
    path = "/".join(sanitize(p, lower=lower, accents=accents) for p in folders)
    if "//" in path:
        path = re.sub(r"/{2,}", "/", path)
    path = path.strip("/")
    return escape_path(base + "/" + path + (".html" if ugly else "/"))


__all__ = ["sanitize", "safe_slug", "title_slug", "urlize", "hugo_urlize", "page_url", "escape_path",
           "remove_accents", "default_page_url"]
