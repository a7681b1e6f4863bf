"""Create a new post file: the site's archetypes when the core offers them, else a small YAML post."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from editor.core import PostError, loads
from editor.core.hugo.dates import format_date
from editor.core.files.export import check_section, check_slug
from editor.core.files.io import atomic_write, to_bytes
from editor.core.hugo.urls import title_slug


def simple_post_text(title: str, now: dt.datetime) -> str:
    # json.dumps gives a double-quoted scalar YAML reads back exactly.
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: {format_date(now)}\n"
            f"draft: true\n---\n\n")


def planned_path(content_dir: str, section: str, title: str, bundle: bool = False, lang: str = "",
                 site=None) -> tuple[str, str]:
    """(the file a new post would get, why it cannot be created or ""): for the dialog's preview.
    With a site and a `lang` other than its default, the file is that language's (see
    editor.core.hugo.archetypes.target_path: its own content folder, or a `.lang` suffix)."""
    slug = title_slug(title) or "untitled"
    try:
        parts = check_section(section or "posts")
        check_slug(slug)
    except ValueError as exc:
        return "", str(exc)
    if site is not None and lang and lang != site.default_language:
        from editor.core.hugo.archetypes import target_path
        try:
            target = target_path(site, "/".join(parts), title, bundle, lang)
        except PostError as exc:
            return "", exc.reason
        if not title.strip():
            return str(target), "a new post needs a title"
        return (str(target), "a post with this name already exists; choose another title") if target.exists() \
            else (str(target), "")
    folder = Path(content_dir).joinpath(*parts)
    target = folder / slug / "index.md" if bundle else folder / f"{slug}.md"
    if not title.strip():
        return str(target), "a new post needs a title"
    # A bundle and a single file of one name get the same URL: Hugo would publish only one.
    if target.exists() or (folder / slug).exists() or (folder / f"{slug}.md").exists():
        return str(target), "a post with this name already exists; choose another title"
    return str(target), ""


def create_post(content_dir: str, section: str, title: str, now: dt.datetime | None = None,
                site=None, bundle: bool = False, lang: str = "") -> str:
    """Create a post and return its path; never overwrites (PostError).

    With a writable site, the site's archetypes decide the front matter (editor.core.hugo.archetypes,
    real `hugo new content` when available); otherwise `<content>/<section>/<slug>.md` gets a small
    YAML post with title, date and draft.
    """
    slug = title_slug(title) or "untitled"
    try:
        parts = check_section(section)
        check_slug(slug)
    except ValueError as exc:
        raise PostError(str(exc)) from None
    planned, problem = planned_path(content_dir, section, title, bundle, lang, site)
    if problem:
        raise PostError(problem, path=planned or None)
    if site is not None and not site.read_only and \
            Path(site.content_dir).resolve() == Path(content_dir).resolve():
        from editor.core.hugo.archetypes import new_post
        return str(new_post(site, "/".join(parts), title, bundle=bundle, now=now, lang=lang or None))
    now = now or dt.datetime.now().astimezone().replace(microsecond=0)
    folder = Path(content_dir).joinpath(*parts)
    target = folder / slug / "index.md" if bundle else folder / f"{slug}.md"
    if target.exists() or (bundle and target.parent.exists()):
        raise PostError("a post with this name already exists", path=str(target))
    post = loads(simple_post_text(title, now), path=str(target))   # verified by parsing
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, to_bytes(post))
    except OSError as exc:
        raise PostError(f"cannot create the post: {exc.strerror or exc}", path=str(target)) from None
    return str(target)
