"""A post's translations as Hugo links them (same translationKey, else same path in another language) and new ones."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from editor.core.hugo import languages
from editor.core.errors import PostError
from editor.core.index.entry import index_file
from editor.core.index.model import IndexEntry
from editor.core.hugo.site import Site


def of(site: Site, entries: list[IndexEntry], post_path: str | os.PathLike[str]) -> dict[str, str]:
    """{language: absolute path} of the other-language versions of `post_path`, in the site's
    language order (works for a post the index has not read yet: it is read here)."""
    here = index_file(site, post_path)
    linked = {e.get("lang", ""): e["path"] for e in entries
              if e.get("translationKey") == here["translationKey"] and e["path"] != here["path"]}
    order = [lang.code for lang in site.languages]
    return {code: str(site.root / linked[code]) for code in order
            if code in linked and code != here["lang"]}


def missing(site: Site, entries: list[IndexEntry], post_path: str | os.PathLike[str]) -> list[str]:
    """The site's languages the post has no translation in yet (its own left out)."""
    here = site.page_language(post_path)
    have = of(site, entries, post_path)
    return [lang.code for lang in site.languages
            if lang.code not in have and (here is None or lang.code != here.code)]


def new_translation(site: Site, post_path: str | os.PathLike[str], lang: str, *, use_hugo: bool = True,
                    now: dt.datetime | None = None) -> Path:
    """Create the `lang` version of a post from the site's archetype, where Hugo links it: the
    same path in that language's content folder, or `<name>.<lang>.md` next to it when the
    languages share a folder. Title and `translationKey` are copied (the key only when the post
    has one); an existing file is never overwritten (PostError)."""
    from editor.core.hugo.archetypes import create_at
    from editor.core.files.io import load, save
    if site.error is not None:   # read_only
        raise PostError(f"the site configuration is broken ({site.error.reason}); fix it first",
                        path=site.error.path, line=site.error.line)
    language = site.language(lang)
    if language is None or language.disabled:
        known = ", ".join(x.code for x in site.languages)
        raise PostError(f"the site has no language {lang!r} (its languages: {known})")
    here = site.page_language(post_path)
    if here is None:
        raise PostError("the post is outside the site's content folders", path=str(post_path))
    if here.code == lang:
        raise PostError(f"the post is already in {lang!r}", path=str(post_path))
    target = languages.translation_target(site, post_path, lang)
    if target is None:
        raise PostError("cannot place a translation of this post", path=str(post_path))
    if target.exists():
        raise PostError("the translation already exists", path=str(target))
    original = load(post_path)
    title = str(original.get("title") or Path(here.rel).stem)
    section = here.rel.parts[0] if len(here.rel.parts) > 1 else ""
    bundle = here.rel.stem == "index"
    created = create_at(site, target, section, title, bundle=bundle, use_hugo=use_hugo, now=now)
    key = original.get("translationKey")
    if key not in (None, ""):
        post = load(created)
        post["translationKey"] = key
        save(post)
    return created


__all__ = ["of", "missing", "new_translation"]
