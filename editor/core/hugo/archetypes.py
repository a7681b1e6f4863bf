"""New posts from the site's archetypes: the real `hugo new content` when present, a built-in template otherwise."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from editor.core.hugo import binary as hugo
from editor.core.hugo.dates import format_date
from editor.core.errors import PostError
from editor.core.hugo.site import Site
from editor.core.hugo.urls import title_slug

_TITLE_TEMPLATE = re.compile(
    r'\{\{-?\s*replace\s+\.(?:File\.ContentBaseName|Name|File\.BaseFileName)\s+"-"\s+" "\s*\|\s*title\s*-?\}\}')
_DATE_TEMPLATE = re.compile(r"\{\{-?\s*\.Date\s*-?\}\}")


def target_path(site: Site, section: str, title: str, bundle: bool = False, lang: str | None = None) -> Path:
    """Where the post goes: <content>/<section>/<slug>.md, or <slug>/index.md for a leaf bundle;
    for another language (`lang`) in that language's own content folder, or with its file-name
    suffix (<slug>.de.md) when it shares the default language's folder."""
    from editor.core.files.export import ExportError, target_path as export_target
    slug = title_slug(title) or "untitled"
    folder, suffix = site.content_dir, ""
    if lang and lang != site.default_language:
        language = site.language(lang)
        if language is None or language.disabled:
            known = ", ".join(x.code for x in site.languages)
            raise PostError(f"the site has no language {lang!r} (its languages: {known})")
        if language.content_dir.resolve() != site.content_dir.resolve():
            folder = language.content_dir
        else:
            suffix = "." + lang
    # One rule for every name that becomes a folder or file (export, new post, the window's dialog):
    # no traversal, no control characters, no Windows device names, and the resolved path (a
    # symlinked section folder included) must stay inside the content folder.
    try:
        if not section.strip("/"):   # the content folder itself
            target = export_target(folder.parent, folder.name, slug, bundle)
        else:
            target = export_target(folder, section, slug, bundle)
    except ExportError as exc:
        raise PostError(str(exc)) from None
    return target.with_name(target.stem + suffix + target.suffix)


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
             use_hugo: bool = True, now: dt.datetime | None = None, lang: str | None = None) -> Path:
    """Create a post as `hugo new content <section>/<slug>.md [--kind K]` would and return its path.

    The file name is Hugo's urlize of the title (urls.title_slug); the title is then set to
    `title` exactly (Hugo derives it from the file name). `lang` places it in another language (see
    target_path). An existing file is never overwritten (PostError).
    """
    if site.error is not None:   # read_only
        raise PostError(f"the site configuration is broken ({site.error.reason}); fix it first",
                        path=site.error.path, line=site.error.line)
    if not title.strip():
        raise PostError("a new post needs a title")
    if kind is not None:
        from editor.core.files.export import ExportError, check_slug
        try:
            check_slug(kind)   # a name inside archetypes/, never a path out of it
        except ExportError as exc:
            raise PostError(str(exc).replace("slug", "kind", 1)) from None
    target = target_path(site, section, title, bundle, lang)
    other_language = bool(lang) and lang != site.default_language
    # A bundle folder is the default language's post; another language adds its index.<lang>.md.
    if target.exists() or (bundle and not other_language and target.parent.exists()):
        raise PostError("already exists; choose another title", path=str(target))
    return create_at(site, target, section, title, kind=kind, bundle=bundle, use_hugo=use_hugo, now=now)


def _hugo_target(site: Site, target: Path) -> str:
    """The path `hugo new content` takes: inside the default content folder, or from the site
    root when it lies in another language's own folder (Hugo then files it in that language)."""
    if target.resolve().is_relative_to(site.content_dir.resolve()):
        return target.resolve().relative_to(site.content_dir.resolve()).as_posix()
    return target.resolve().relative_to(site.root).as_posix()


def create_at(site: Site, target: Path, section: str, title: str, *, kind: str | None = None,
              bundle: bool = False, use_hugo: bool = True, now: dt.datetime | None = None) -> Path:
    """Create `target` from the site's archetype for `section` (real Hugo when present), then set
    its title to `title`; never overwrites."""
    if target.exists():
        raise PostError("already exists", path=str(target))
    use = runs_hugo(site, use_hugo)
    if use and not target.resolve().is_relative_to(site.root):
        use = False   # a content folder outside the site: Hugo cannot be given its path
    if use:
        # Hugo files a path under a language's folder there only when that folder exists.
        folder = next((lang.content_dir for lang in site.languages
                       if target.resolve().is_relative_to(lang.content_dir.resolve())), None)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        rel = _hugo_target(site, target)
        extra = ["--kind", kind] if kind else []
        out = hugo.run(["new", "content", rel, *extra, "--source", str(site.root)], cwd=site.root)
        if out.returncode != 0 and "failed to resolve \"content\"" in (out.stderr + out.stdout):
            out = hugo.run(["new", rel, *extra, "--source", str(site.root)], cwd=site.root)  # Hugo < 0.120
        if out.returncode != 0 or not target.is_file():
            stray = re.search(r'Content "(.+)" created', out.stdout + out.stderr)
            if stray and Path(stray[1]) != target and Path(stray[1]).is_file():
                Path(stray[1]).unlink()   # Hugo put it elsewhere: leave no file the author did not ask for
            raise PostError(f"hugo new content failed: {(out.stderr or out.stdout).strip()}", path=str(target))
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="") as fh:
            fh.write(_fallback(site, target, section, title, kind, bundle, now))
    _set_title(target, title)
    return target


def _set_title(path: Path, title: str) -> None:
    from editor.core.files.io import load, save
    post = load(path)
    if post.get("title") != title:
        post["title"] = title
        save(post)
