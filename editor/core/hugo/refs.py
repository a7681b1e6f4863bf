"""Hugo's `ref` / `relref`: the URL a target names from a post, or the error Hugo raises (REF_NOT_FOUND)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from editor.core.errors import PostError

if TYPE_CHECKING:   # the site module is read only where a site is given
    from editor.core.hugo.site import Site

# {{< ref "target" >}}, {{< relref path="target" >}}, {{% ref target %}}: kind and target.
SHORTCODE = re.compile(r"\{\{([<%])\s*(relref|ref)\s+(?:path\s*=\s*)?(?:\"([^\"]*)\"|`([^`]*)`|([^\s\"`>%}]+))"
                       r"\s*[>%]\}\}")


class RefError(ValueError):
    """A target Hugo cannot find; the message is Hugo's own wording."""


def targets(text: str) -> list[tuple[str, str]]:
    """The (kind, target) pairs of the ref/relref shortcodes in a body, in order, without repeats."""
    found = [(m[2], m[3] if m[3] is not None else m[4] if m[4] is not None else m[5])
             for m in SHORTCODE.finditer(text)]
    return list(dict.fromkeys(found))


def key(kind: str, target: str) -> str:
    """The key of a resolved target in RenderConfig.refs."""
    return f"{kind}:{target}"


def _section_url(folder: Path, content: Path, site: Site | None) -> str:
    from editor.core.hugo.urls import _base_path, escape_path, sanitize
    lower = not (site is not None and site.disable_path_to_lower)
    parts = [sanitize(p, lower=lower) for p in folder.relative_to(content).parts]
    base = _base_path(site.base_url) if site is not None else ""
    return escape_path(base + "/" + "/".join(parts) + ("/" if parts else ""))


def _page_url(path: Path, site: Site | None) -> str:
    from editor.core.files.io import load
    try:
        post = load(path)
    except PostError as exc:
        raise RefError(f"the ref target {path.name} cannot be read: {exc}") from None
    if site is not None:
        post.timezone = site.timezone
    return post.url(site)


def resolve(kind: str, target: str, post_path: str | None, site: Site | None) -> str:
    """The URL `{{< kind "target" >}}` gives in the post at `post_path`: `relref` the relative
    permalink, `ref` the absolute one (baseURL's scheme and host). RefError when Hugo fails."""
    from editor.core.lint.bodylint import resolve_ref
    path_part, hash_, anchor = target.partition("#")
    if not path_part:
        return "#" + anchor if hash_ else ""
    content_dirs = list(site.content_dirs) if site is not None else \
        ([Path(post_path).parent] if post_path else [])
    url = None
    stripped = path_part.strip("/")
    for content in content_dirs:
        folder = content / stripped if path_part.startswith("/") else None
        if path_part.strip() == "/" or (folder is not None and folder.is_dir()
                                        and not (folder / "index.md").is_file()):
            url = _section_url(folder if folder is not None else content, content, site)
            break
    if url is None:
        found = resolve_ref(path_part, content_dirs, post_path) if content_dirs else None
        if found is None:
            raise RefError(f'REF_NOT_FOUND: Ref "{target}": page not found')
        url = _page_url(found, site)
    if kind == "ref" and site is not None and site.base_url:
        parts = urlsplit(site.base_url)
        if parts.scheme and parts.netloc:
            url = f"{parts.scheme}://{parts.netloc}{url}"
    return url + (hash_ + anchor if hash_ else "")


def resolve_all(text: str, post_path: str | None, site: Site | None) -> dict[str, str]:
    """RenderConfig.refs for a body: key(kind, target) → URL, for the targets Hugo finds."""
    out = {}
    for kind, target in targets(text):
        try:
            out[key(kind, target)] = resolve(kind, target, post_path, site)
        except RefError:
            pass
    return out


__all__ = ["RefError", "SHORTCODE", "targets", "key", "resolve", "resolve_all"]
