"""New posts from the site's archetypes: the real `hugo new content` when present, a built-in template otherwise."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from editor.core import hugo
from editor.core.dates import format_date
from editor.core.errors import PostError
from editor.core.site import Site
from editor.core.urls import title_slug

_TITLE_TEMPLATE = re.compile(
    r'\{\{-?\s*replace\s+\.(?:File\.ContentBaseName|Name|File\.BaseFileName)\s+"-"\s+" "\s*\|\s*title\s*-?\}\}')
_DATE_TEMPLATE = re.compile(r"\{\{-?\s*\.Date\s*-?\}\}")


def target_path(site: Site, section: str, title: str, bundle: bool = False) -> Path:
    """Where the post goes: <content>/<section>/<slug>.md, or <slug>/index.md for a leaf bundle."""
    slug = title_slug(title) or "untitled"
    section = section.strip("/")
    if ".." in Path(section).parts or os.path.isabs(section):
        raise PostError(f"the section {section!r} is outside the content folder")
    rel = Path(section, slug, "index.md") if bundle else Path(section, slug + ".md")
    return site.content_dir / rel


def builtin_text(title: str, now: dt.datetime | None = None) -> str:
    """Hugo 0.168's built-in archetype (used when the site has none), with the real title."""
    now = (now or dt.datetime.now().astimezone()).replace(microsecond=0)
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'---\ntitle: "{quoted}"\ndate: {format_date(now)}\ndraft: true\n---\n\n'


def _archetype_file(site: Site, section: str, kind: str | None, bundle: bool) -> Path | None:
    names = [kind or section.split("/")[0], "default"]
    for name in names:
        for candidate in (site.archetype_dir / f"{name}.md", site.archetype_dir / name / "index.md"):
            if candidate.is_file():
                return candidate
    return None


def _fallback(site: Site, target: Path, section: str, title: str, kind: str | None, bundle: bool,
              now: dt.datetime | None) -> str:
    """Without Hugo: the archetype when it only uses the usual title and date templates."""
    arch = _archetype_file(site, section, kind, bundle)
    if arch is None:
        return builtin_text(title, now)
    text = arch.read_text(encoding="utf-8")
    name = (target.parent.name if target.stem == "index" else target.stem).replace("-", " ").title()
    date = format_date((now or dt.datetime.now().astimezone()).replace(microsecond=0))
    text = _DATE_TEMPLATE.sub(date, _TITLE_TEMPLATE.sub(name, text))
    return builtin_text(title, now) if "{{" in text else text


def runs_hugo(site: Site, use_hugo: bool = True) -> bool:
    """Whether `new` asks the Hugo binary: a folder that Hugo cannot read as a project (no
    content folder of its own and no archetypes) gets Hugo's built-in archetype from us instead."""
    if not use_hugo or hugo.hugo_binary() is None:
        return False
    return site.content_override is None or (site.root / "archetypes").is_dir()


def new_post(site: Site, section: str, title: str, *, bundle: bool = False, kind: str | None = None,
             use_hugo: bool = True, now: dt.datetime | None = None) -> Path:
    """Create a post as `hugo new content <section>/<slug>.md [--kind K]` would and return its path.

    The file name is Hugo's urlize of the title (urls.title_slug); the title is then set to
    `title` exactly (Hugo derives it from the file name). An existing file is never overwritten (PostError).
    """
    if site.read_only:
        raise PostError(f"the site configuration is broken ({site.error.reason}); fix it first",
                        path=site.error.path, line=site.error.line)
    if not title.strip():
        raise PostError("a new post needs a title")
    target = target_path(site, section, title, bundle)
    if target.exists() or (bundle and target.parent.exists()):
        raise PostError("already exists; choose another title", path=str(target))
    if runs_hugo(site, use_hugo):
        rel = target.relative_to(site.content_dir).as_posix()
        extra = ["--kind", kind] if kind else []
        out = hugo.run(["new", "content", rel, *extra, "--source", str(site.root)], cwd=site.root)
        if out.returncode != 0 and "failed to resolve \"content\"" in (out.stderr + out.stdout):
            out = hugo.run(["new", rel, *extra, "--source", str(site.root)], cwd=site.root)  # Hugo < 0.120
        if out.returncode != 0 or not target.is_file():
            raise PostError(f"hugo new content failed: {(out.stderr or out.stdout).strip()}", path=str(target))
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="") as fh:
            fh.write(_fallback(site, target, section, title, kind, bundle, now))
    _set_title(target, title)
    return target


def _set_title(path: Path, title: str) -> None:
    from editor.core.io import load, save
    post = load(path)
    if post.get("title") != title:
        post["title"] = title
        save(post)
