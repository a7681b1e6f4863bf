"""Why a site may not build with this Hugo, in one line each: version ranges, missing themes and modules, no layouts."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor.core.errors import PostError
from editor.core.hugo.binary import HugoVersion, parse_version
from editor.core.hugo.site import Site, read_config_file

THEME_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml",
                 "config.yml", "config.json", "theme.toml")
NO_LAYOUTS = "This site has no theme or layouts for posts; showing the built-in page"
_TEMPLATE = re.compile(r"^(single|page)\.", re.I)   # _default/single.html, 0.146+ page.html, posts/single.html


@dataclass(frozen=True)
class Requirement:
    """A Hugo version the site or its theme asks for, and where it says so."""
    where: str                      # e.g. "themes/ananke/config.toml (module.hugoVersion)"
    min: tuple[int, int, int] | None = None
    max: tuple[int, int, int] | None = None
    extended: bool = False
    exact: tuple[int, int, int] | None = None   # a deploy pin such as netlify.toml's HUGO_VERSION

    def wanted(self) -> str:
        ext = " extended" if self.extended else ""

        def fmt(v: tuple[int, int, int]) -> str:
            return ".".join(map(str, v))

        if self.exact:
            return f"Hugo {fmt(self.exact)}{ext}"
        if self.min and self.max:
            return f"Hugo {fmt(self.min)} to {fmt(self.max)}{ext}"
        if self.min:
            return f"Hugo {fmt(self.min)} or later{ext}"
        if self.max:
            return f"Hugo {fmt(self.max)} or earlier{ext}"
        return f"Hugo{ext}" if ext else "Hugo"

    def met_by(self, version: HugoVersion) -> bool:
        v = version.numbers
        if self.extended and not version.extended:
            return False
        if self.exact and v != self.exact:
            return False
        return not ((self.min and v < self.min) or (self.max and v > self.max))


def _numbers(value: object) -> tuple[int, int, int] | None:
    found = parse_version(str(value)) if value not in (None, "") else None
    return found.numbers if found else None


def _lower(value: Any) -> Any:   # config data: whatever TOML/YAML/JSON holds
    if isinstance(value, dict):
        return {str(k).lower(): _lower(v) for k, v in value.items()}
    return value


def themes(site: Site) -> list[str]:
    raw = site.config.get("theme")
    if isinstance(raw, str):
        return [raw] if raw.strip() else []
    return [str(t) for t in raw if str(t).strip()] if isinstance(raw, list) else []


def themes_dir(site: Site) -> Path:
    return site.root / str(site.config.get("themesdir") or "themes")


def _module_requirement(config: dict[str, Any], where: str) -> Requirement | None:
    module = config.get("module")
    hv = module.get("hugoversion") if isinstance(module, dict) else None
    if not isinstance(hv, dict):
        return None
    req = Requirement(where, _numbers(hv.get("min")), _numbers(hv.get("max")), hv.get("extended") is True)
    return req if (req.min or req.max or req.extended) else None


def requirements(site: Site) -> list[Requirement]:
    """Every Hugo version the site declares: module.hugoVersion of the site and its themes, the
    old theme.toml `min_version`, and HUGO_VERSION in netlify.toml."""
    out: list[Requirement] = []
    name = site.config_files[0].name if site.config_files else "the site configuration"
    own = _module_requirement(site.config, f"{name} (module.hugoVersion)")
    if own:
        out.append(own)
    for theme in themes(site):
        folder = themes_dir(site) / theme
        for cfg in THEME_CONFIGS:
            path = folder / cfg
            if not path.is_file():
                continue
            try:
                data = _lower(read_config_file(path))
            except PostError:
                continue
            rel = f"{themes_dir(site).name}/{theme}/{cfg}"
            req = _module_requirement(data, f"{rel} (module.hugoVersion)")
            if req:
                out.append(req)
            if cfg == "theme.toml" and _numbers(data.get("min_version")):
                out.append(Requirement(f"{rel} (min_version)", _numbers(data.get("min_version"))))
    netlify = site.root / "netlify.toml"
    if netlify.is_file():
        try:
            data = _lower(read_config_file(netlify))
        except PostError:
            data = {}
        envs = [data.get("build", {}).get("environment")]
        envs += [c.get("environment") for c in (data.get("context") or {}).values() if isinstance(c, dict)]
        for env in envs:
            if isinstance(env, dict) and _numbers(env.get("hugo_version")):
                out.append(Requirement("netlify.toml (HUGO_VERSION)", exact=_numbers(env.get("hugo_version"))))
                break
    return out


def version_problems(site: Site, version: HugoVersion | None, binary_note: str = "") -> list[str]:
    """One line per requirement the binary misses."""
    if version is None:
        return []
    out = []
    for req in requirements(site):
        if not req.met_by(version):
            out.append(f"{req.where} asks for {req.wanted()}, but this is Hugo {version}{binary_note}: "
                       "choose that Hugo in Preferences or with HUGO_BIN.")
    return out


def _gitmodule_paths(root: Path) -> set[str]:
    try:
        text = (root / ".gitmodules").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    return {m.strip().strip("/") for m in re.findall(r"^\s*path\s*=\s*(.+?)\s*$", text, re.M)}


def _is_remote_module(path: str) -> bool:
    return "." in path.split("/")[0]   # github.com/…, gitlab.com/…: a module fetched by Go


def theme_problems(site: Site) -> list[str]:
    """A theme that is an empty git submodule, a theme folder that is missing, a Hugo module
    that is neither vendored nor downloadable (no Go)."""
    out = []
    submodules = _gitmodule_paths(site.root)
    module = site.config.get("module")
    imports = module.get("imports") if isinstance(module, dict) else None
    paths = [str(i.get("path")) for i in imports if isinstance(i, dict) and i.get("path")] \
        if isinstance(imports, list) else []
    for theme in themes(site):
        if _is_remote_module(theme):
            paths.append(theme)
            continue
        folder = themes_dir(site) / theme
        rel = f"{themes_dir(site).name}/{theme}"
        empty = folder.is_dir() and not any(folder.iterdir())
        if (empty or not folder.exists()) and rel in submodules:
            state = "is empty" if empty else "is not there"
            out.append(f"The theme {theme} is a git submodule that is not checked out ({rel} {state}): "
                       f"run `git submodule update --init --recursive` in {site.root}.")
        elif empty or not folder.exists():
            out.append(f"The theme {theme} is missing: {rel} is {'empty' if empty else 'not there'}.")
    vendored = (site.root / "_vendor" / "modules.txt").is_file()
    for path in dict.fromkeys(p for p in paths if _is_remote_module(p)):
        if not vendored and not (site.root / "_vendor" / path).is_dir() and shutil.which("go") is None:
            out.append(f"The theme {path} is a Hugo module that is not vendored, and Go is not installed to "
                       "download it: install Go (and be online), or run `hugo mod vendor` where Go is.")
    return out


def lacks_layouts(site: Site) -> bool:
    """True when nothing would render a post: no theme (one whose folder is empty, e.g. a submodule
    not checked out, counts as none), no module imports, no single/page template."""
    for theme in themes(site):
        folder = themes_dir(site) / theme
        if _is_remote_module(theme) or (folder.is_dir() and any(folder.iterdir())):
            return False
    module = site.config.get("module")
    if isinstance(module, dict) and module.get("imports"):
        return False
    layouts = site.root / str(site.config.get("layoutdir") or "layouts")
    if not layouts.is_dir():
        return True
    for _folder, dirs, files in os.walk(layouts):
        dirs[:] = [d for d in dirs if d.lower() not in ("partials", "shortcodes", "_partials", "_shortcodes",
                                                          "_markup")]
        if any(_TEMPLATE.match(f) for f in files):
            return False
    return True


def problems(site: Site, version: HugoVersion | None, binary_note: str = "") -> list[str]:
    """Everything that keeps this Hugo from building the site, one line each (empty: no known reason)."""
    return theme_problems(site) + version_problems(site, version, binary_note)


__all__ = ["NO_LAYOUTS", "Requirement", "requirements", "version_problems", "theme_problems",
           "lacks_layouts", "problems", "themes"]
