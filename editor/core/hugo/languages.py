"""A content file's language, logical path and URL prefix, decided as Hugo 0.168 does (checked with `hugo list all`)."""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:   # site reads languages at run time: no import cycle
    from editor.core.hugo.site import Config, Site


@dataclass(frozen=True)
class PageLanguage:
    """Where Hugo puts one content file: its language and its path inside the content tree."""
    code: str
    rel_text: str           # path inside the content folder ("/"-separated), language suffix removed
    content_dir: Path       # the content folder that holds the file
    suffixed: bool          # the language came from the file name (`post.de.md`)
    disabled: bool          # the language is disabled: Hugo leaves the page out

    @property
    def rel(self) -> PurePosixPath:
        """The path Hugo's URL rules see (posts/post.md for content/posts/post.de.md)."""
        return PurePosixPath(self.rel_text)


def _dir_languages(site: Site) -> dict[str, str]:
    """Content folder (with trailing separator, as written and resolved) → the language of its
    un-suffixed files: the one language that uses it, the default language for a shared one."""
    cached: dict[str, str] | None = site.memo.get("dir_languages")
    if cached is not None:
        return cached
    users: dict[Path, list[str]] = {}
    for lang in site.all_languages:
        users.setdefault(lang.content_dir, []).append(lang.code)
    out: dict[str, str] = {}
    for folder, codes in users.items():
        # A folder several languages share holds the default language's files (checked with Hugo).
        code = codes[0] if len(codes) == 1 else site.default_language
        for d in (folder, folder.resolve()):
            out[os.path.join(str(d), "")] = code
    site.memo["dir_languages"] = out
    return out


def split_suffix(name: str, codes: Collection[str]) -> tuple[str, str | None]:
    """(`post.md`, "de") for `post.de.md` when `de` is one of `codes` (case-insensitive, as Hugo
    accepts `post.DE.md`); (name, None) otherwise."""
    stem, ext = os.path.splitext(name)
    base, dot_code = os.path.splitext(stem)
    code = dot_code[1:].lower()
    if base and code and code in codes:
        return base + ext, code
    return name, None


def codes(site: Site) -> set[str]:
    found: set[str] | None = site.memo.get("language_codes")
    if found is None:
        found = site.memo["language_codes"] = {lang.code for lang in site.all_languages}
    return found


def page_language(site: Site, post_path: str | os.PathLike[str]) -> PageLanguage | None:
    """The language of a content file: the file-name suffix when it names a configured language
    (disabled ones too: their pages are dropped), else its content folder's language; None when
    the file lies outside every content folder."""
    p = os.path.abspath(post_path)
    dirs = _dir_languages(site)
    for prefix in site.dir_prefixes:
        if p.startswith(prefix):
            parts = [x for x in p[len(prefix):].split(os.sep) if x]
            break
    else:
        return None
    folder_lang = dirs.get(prefix) or site.default_language
    name, code = split_suffix(parts[-1], codes(site)) if parts else ("", None)
    lang = code or folder_lang
    return PageLanguage(lang, "/".join([*parts[:-1], name]) if parts else "",
                        _folder(site, prefix), code is not None, lang in _disabled(site))


def _folder(site: Site, prefix: str) -> Path:
    cache: dict[str, Path] = site.memo.setdefault("prefix_paths", {})
    found = cache.get(prefix)
    if found is None:
        found = cache[prefix] = Path(prefix)
    return found


def _disabled(site: Site) -> frozenset[str]:
    found: frozenset[str] | None = site.memo.get("disabled_codes")
    if found is None:
        found = site.memo["disabled_codes"] = frozenset(
            lang.code for lang in site.all_languages if lang.disabled)
    return found


def mount_language(mount: Config) -> str | None:
    """The one language a content mount is for (None: the default language, file-name suffixes
    deciding); read from `sites.matrix.languages` (Hugo ≥ 0.153) or the old `lang` key."""
    lang = mount.get("lang")
    if isinstance(lang, str):
        return lang.lower()
    sites = mount.get("sites")
    matrix = sites.get("matrix") if isinstance(sites, dict) else None
    langs = matrix.get("languages") if isinstance(matrix, dict) else None
    if isinstance(langs, str):
        langs = [langs]
    if isinstance(langs, list) and len(langs) == 1 and isinstance(langs[0], str) \
            and not any(c in langs[0] for c in "*?{[!"):
        return langs[0].lower()
    return None


def mounted_content_dirs(config: Config, root: Path) -> dict[str, Path]:
    """Language → content folder given by the site's `[[module.mounts]]` (a mount onto `content`
    for one language; "" for the first mount without one), which Hugo uses instead of `contentDir`."""
    module = config.get("module")
    mounts = module.get("mounts") if isinstance(module, dict) else None
    out: dict[str, Path] = {}
    for m in mounts if isinstance(mounts, list) else []:
        if not (isinstance(m, dict) and isinstance(m.get("source"), str)
                and str(m.get("target", "")).strip("/") == "content"):
            continue
        code = mount_language(m) or ""   # "": no language, the default language's (first one wins)
        if code not in out:
            src = Path(m["source"])
            out[code] = src if src.is_absolute() else root / src
    return out


def _path_of(url: str) -> str:
    path = urlsplit(url).path.strip("/") if url else ""
    return "/" + path if path else ""


def multihost(site: Site) -> bool:
    """Hugo's multihost mode: a language sets its own baseURL (then no /<lang>/ prefix)."""
    return any(isinstance(lang.settings.get("baseurl"), str) for lang in site.languages)


def site_base(site: Site, code: str) -> str:
    """The baseURL path a page of `code` lives under, without any language folder (what a `url`
    front matter value is joined to)."""
    if multihost(site):
        lang = site.language(code)
        own = lang.settings.get("baseurl") if lang else None
        return _path_of(own if isinstance(own, str) else site.base_url)
    return _path_of(site.base_url)


def url_base(site: Site, code: str) -> str:
    """The prefix of every URL Hugo derives from the path for a page of `code`: the baseURL path,
    then /<code> for a language other than the default (and for the default one too with
    defaultContentLanguageInSubdir), none in multihost mode."""
    base = site_base(site, code)
    if multihost(site):
        return base
    if code != site.default_language or site.config.get("defaultcontentlanguageinsubdir") is True:
        return base + "/" + code
    return base


def translation_target(site: Site, post_path: str | os.PathLike[str], code: str) -> Path | None:
    """Where the `code` translation of a post goes: next to it with the `.code` suffix when the
    language shares the post's content folder (or the post is itself suffixed), else the same
    relative path in that language's own content folder. None when the post is outside content."""
    here = page_language(site, post_path)
    other = site.language(code)
    if here is None or other is None:
        return None
    rel = Path(*here.rel.parts)
    own_dir = other.content_dir
    if here.suffixed or own_dir.resolve() == here.content_dir.resolve():
        stem, ext = os.path.splitext(rel.name)
        name = rel.name if code == _dir_languages(site).get(os.path.join(str(here.content_dir), "")) \
            else f"{stem}.{code}{ext}"
        return here.content_dir / rel.parent / name
    return own_dir / rel


__all__ = ["PageLanguage", "page_language", "mount_language", "mounted_content_dirs", "url_base", "site_base",
           "multihost", "split_suffix", "translation_target"]
