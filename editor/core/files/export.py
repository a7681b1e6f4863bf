"""Export a post into a Hugo content folder: target path, containment, leaf bundles with images, no silent overwrite."""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from editor.core.files.contained import NotContained, copy_regular, regular_file_under
from editor.core.files.io import atomic_write
from editor.core.post import Post
from editor.core.hugo.urls import title_slug

DEFAULT_SECTION = "posts"

# Markdown images `![alt](src "title")`, reference definitions `[id]: src`, HTML <img src>, shortcode src=.
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.M)
_HTML_IMG = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.I)
_SHORTCODE_SRC = re.compile(r"\{\{[<%]\s*(?:figure|img|image)\b[^}]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.I)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif", ".tiff", ".ico"}


class ExportError(ValueError):
    """An export that must not happen: a name that would leave the content folder, a missing folder…"""


@dataclass
class ExportPlan:
    """Where the post (and its images) will go, and which existing files differ."""
    content_dir: Path
    target: Path
    data: bytes
    images: list[tuple[Path, Path]] = field(default_factory=list)   # (source, destination)
    skipped: list[str] = field(default_factory=list)                 # images that cannot be bundled
    conflicts: list[Path] = field(default_factory=list)              # existing files with other bytes
    bundle: bool = False
    reasons: dict[str, str] = field(default_factory=dict)            # skipped image -> why
    copied: list[Path] = field(default_factory=list)                 # destinations written by write_export
    source_dir: Path | None = None                                   # the folder images may come from

    def warnings(self) -> list[str]:
        """One line per image not copied, saying why."""
        default = "not copied (use --bundle)" if not self.bundle else "outside the post's folder, not copied"
        return [f"image {src} {self.reasons.get(src, default)}" for src in self.skipped]


# Names Windows (and so a site synced to or built on Windows) cannot hold, whatever the extension:
# the DOS devices, COM/LPT with a digit 0-9 or a superscript ¹²³ (Windows reads those as digits),
# the console's CONIN$/CONOUT$ and NT's CLOCK$.
RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$", "clock$",
            *(f"{dev}{d}" for dev in ("com", "lpt") for d in "0123456789\u00b9\u00b2\u00b3")}
MAX_NAME_BYTES = 240   # file systems allow 255 bytes per name; leave room for ".md" and temp-file prefixes


def _check_part(part: str, what: str) -> str:
    if not part or part.strip() != part or part in (".", ".."):
        raise ExportError(f"the {what} {part!r} is not a usable folder or file name")
    if "\x00" in part or "/" in part or "\\" in part:
        raise ExportError(f"the {what} {part!r} must not contain '/', '\\' or NUL")
    if any(ord(c) < 32 for c in part):
        raise ExportError(f"the {what} {part!r} contains control characters")
    # Windows ignores what follows the first dot and trailing spaces: "nul.tar.gz", "con .md".
    if part.split(".")[0].rstrip(" ").lower() in RESERVED:
        raise ExportError(f"the {what} {part!r} is a reserved device name on Windows; choose another")
    if part.endswith(".") or any(c in part for c in '<>:"|?*'):
        raise ExportError(f"the {what} {part!r} cannot be a file name on Windows (ends with '.' or has <>:\"|?*)")
    if len(part.encode("utf-8")) > MAX_NAME_BYTES:
        raise ExportError(f"the {what} is {len(part.encode('utf-8'))} bytes long; at most {MAX_NAME_BYTES} fit")
    return part


def check_section(section: str) -> list[str]:
    """A section path (nested sections with '/' allowed) as checked components."""
    if not section or "\x00" in section or "\\" in section:
        raise ExportError(f"the section {section!r} is not usable")
    if section.startswith("/") or re.match(r"^[A-Za-z]:", section):
        raise ExportError(f"the section {section!r} must be relative to the content folder")
    return [_check_part(p, "section") for p in section.strip("/").split("/")]


def check_slug(slug: str) -> str:
    """The file or bundle name; refuses anything that could leave the section folder."""
    return _check_part(slug, "slug")


def default_slug(post: Post) -> str:
    """The export's file name: the post's own file name (a bundle's folder name), so a post
    without `slug` keeps its URL; a post never saved takes its slug, else its title's urlize."""
    if post.path:
        stem = Path(post.path).stem
        if stem == "index":
            stem = Path(post.path).parent.name
        if stem:
            return stem
    for value in (post.get("slug"), post.get("title")):
        if isinstance(value, str) and title_slug(value):
            return title_slug(value)
    return "untitled"


def resolve_content_dir(folder: str | os.PathLike[str]) -> Path:
    """Where an export into `folder` goes: a site root's contentDir, or `folder` itself when it is
    a content folder (named `content`, or a site's contentDir). Anything else: ExportError."""
    from editor.core.errors import PostError
    from editor.core.hugo.site import find_site, is_site_root, load_site
    p = Path(folder).expanduser()
    if not p.is_dir():
        raise ExportError(f"{p} is not a folder")
    if is_site_root(p):
        try:
            return load_site(p).content_dir
        except PostError:
            return p / "content"
    if p.name == "content":
        return p
    site = find_site(p, strict=False)
    if site is not None and any(d.resolve() == p.resolve() for d in site.content_dirs):
        return p
    raise ExportError(f"{p} is neither a Hugo site (no hugo.toml or config.*) nor a content folder: "
                      "give the site's root folder or its content folder")


def export_url(post: Post, target: Path) -> str:
    """The URL the post gets at `target` under the rules of the site that holds it."""
    from editor.core.errors import PostError
    from editor.core.hugo.site import find_site
    from editor.core.hugo.urls import page_url
    moved = copy.copy(post)
    moved.path = str(target)
    try:
        site = find_site(target, strict=False, bare=True)
    except PostError:
        site = None
    return page_url(moved, site)


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def target_path(content_dir: str | os.PathLike[str], section: str, slug: str, bundle: bool) -> Path:
    """`<content>/<section>/<slug>.md` or `<content>/<section>/<slug>/index.md`, always inside content."""
    content = Path(content_dir)
    parts = check_section(section)
    slug = check_slug(slug)
    folder = content.joinpath(*parts)
    target = folder / slug / "index.md" if bundle else folder / f"{slug}.md"
    if not _inside(target, content):
        raise ExportError(f"{target} would be outside the content folder {content}")
    return target


def local_images(body: str, post_dir: str | os.PathLike[str]) -> tuple[list[PurePosixPath], list[str]]:
    """Relative image references in the body that exist beside the post (and those that cannot be bundled)."""
    base = Path(post_dir)
    found: list[PurePosixPath] = []
    skipped: list[str] = []
    refs = _MD_IMAGE.findall(body) + _HTML_IMG.findall(body) + _SHORTCODE_SRC.findall(body)
    refs += [r for r in _REF_DEF.findall(body) if Path(r.split("?")[0]).suffix.lower() in IMAGE_SUFFIXES]
    for ref in refs:
        src = ref.split("#")[0].split("?")[0]
        if not src or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", src) or src.startswith(("/", "//")):
            continue   # remote, data:, or site-absolute (static/) references stay as they are
        rel = PurePosixPath(src)
        if rel in found or src in skipped:
            continue
        if ".." in rel.parts or "\x00" in src:
            if (base / src).is_file():
                skipped.append(src)   # outside the post's folder: a bundle could not hold it as written
            continue
        if (base / rel).is_file():
            found.append(rel)
    return found, skipped


def _differs(path: Path, data: bytes | None = None, source: Path | None = None) -> bool:
    if not path.exists():
        return False
    if not path.is_file():
        return True
    if source is not None:
        if path.stat().st_size != source.stat().st_size:
            return True
        return path.read_bytes() != source.read_bytes()
    return path.read_bytes() != data


def plan_export(data: bytes, body: str, source_path: str | os.PathLike[str] | None,
                content_dir: str | os.PathLike[str], section: str = DEFAULT_SECTION, slug: str = "",
                bundle: bool = False) -> ExportPlan:
    """Work out what an export would write, without writing anything."""
    content = Path(content_dir)
    if not content.is_dir():
        raise ExportError(f"the content folder {content} does not exist")
    target = target_path(content, section, slug, bundle)
    plan = ExportPlan(content, target, data, bundle=bundle)
    if source_path is not None:
        source_dir = Path(source_path).parent
        plan.source_dir = source_dir
        images, skipped = local_images(body, source_dir)
        if bundle:
            for rel in images:
                dest = target.parent.joinpath(*rel.parts)
                if not _inside(dest, target.parent):
                    plan.skipped.append(str(rel))
                    continue
                src = source_dir.joinpath(*rel.parts)
                # Only regular files that physically live in the post's folder: a photo.png that
                # links to ~/.ssh/id_rsa must not end up on the public web.
                try:
                    regular_file_under(src, source_dir)
                except NotContained as exc:
                    plan.skipped.append(str(rel))
                    plan.reasons[str(rel)] = f"not copied: {exc}"
                    continue
                if rel.suffix.lower() not in IMAGE_SUFFIXES:
                    plan.skipped.append(str(rel))
                    plan.reasons[str(rel)] = "is not an image file, not copied"
                    continue
                plan.images.append((src, dest))
            plan.skipped += skipped
        else:
            plan.skipped += [str(r) for r in images] + skipped
    if source_path is not None and Path(source_path).resolve() == target.resolve():
        plan.conflicts = []   # exporting a post onto itself: nothing to ask
    else:
        if _differs(target, data=data):
            plan.conflicts.append(target)
    for src, dest in plan.images:
        if src.resolve() != dest.resolve() and _differs(dest, source=src):
            plan.conflicts.append(dest)
    return plan


def write_export(plan: ExportPlan, force: bool = False) -> Path:
    """Write the plan; refuses (ExportError, nothing written) when a different file exists, unless `force`."""
    if plan.conflicts and not force:
        names = ", ".join(str(p) for p in plan.conflicts)
        raise ExportError(f"a different file already exists: {names}")
    for path in [plan.target] + [d for _, d in plan.images]:
        if not _inside(path, plan.content_dir):
            raise ExportError(f"{path} would be outside the content folder {plan.content_dir}")
    for path in [plan.target] + [d for _, d in plan.images]:
        if path.is_symlink():   # writing would follow it to another file (even inside content)
            raise ExportError(f"{path} is a symbolic link; not written through")
    plan.target.parent.mkdir(parents=True, exist_ok=True)
    if not plan.target.exists() or plan.target.read_bytes() != plan.data:
        atomic_write(plan.target, plan.data)
    plan.copied = []
    for src, dest in plan.images:
        if src.resolve() == dest.resolve():
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not _inside(dest.parent, plan.content_dir):
            raise ExportError(f"{dest} would be outside the content folder {plan.content_dir}")
        try:
            copy_regular(src, plan.source_dir or src.parent, dest)   # checked again: it may have changed
        except NotContained as exc:
            raise ExportError(f"image not copied: {exc}") from None
        plan.copied.append(dest)
    return plan.target


__all__ = ["ExportError", "ExportPlan", "DEFAULT_SECTION", "check_section", "check_slug", "default_slug",
           "resolve_content_dir", "export_url",
           "target_path", "local_images", "plan_export", "write_export"]
