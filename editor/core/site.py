"""A Hugo site: find its root from any path inside it and read its configuration as Hugo does."""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.dates import zone
from editor.core.errors import PostError

CONFIG_NAMES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                "config.toml", "config.yaml", "config.yml", "config.json")


def _lower_keys(value):
    """Hugo's configuration keys are case-insensitive: lower-case them (values untouched)."""
    if isinstance(value, dict):
        return {str(k).lower(): _lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_keys(v) for v in value]
    return value


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def read_config_file(path: Path) -> dict:
    """One configuration file (TOML, YAML or JSON); errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PostError(f"cannot read the site configuration: {exc}", path=str(path)) from None
    suffix = path.suffix.lower()
    if suffix == ".toml":
        from editor.core import toml_fm
        try:
            data = toml_fm.parse(text)
        except PostError as exc:
            raise exc.with_path(str(path)) from None
    elif suffix in (".yaml", ".yml"):
        from editor.core import yaml_fm
        try:
            data = yaml_fm.parse(text)[0] if text.strip() else {}
        except PostError as exc:
            raise exc.with_path(str(path)) from None
    else:
        try:
            data = json.loads(text) if text.strip() else {}
        except json.JSONDecodeError as exc:
            raise PostError(f"invalid JSON: {exc.msg}", path=str(path), line=exc.lineno,
                            column=exc.colno) from None
    if not isinstance(data, dict):
        raise PostError("the site configuration must be a mapping", path=str(path), line=1)
    return _lower_keys(data)


def _config_dir(root: Path) -> Path | None:
    d = root / "config" / "_default"
    return d if d.is_dir() else None


def is_site_root(path: Path) -> bool:
    return any((path / name).is_file() for name in CONFIG_NAMES) or _config_dir(path) is not None


def find_site_root(path: str | os.PathLike) -> Path | None:
    """The nearest folder at or above `path` that holds a Hugo configuration."""
    p = Path(path).resolve()
    if p.is_file() or not p.exists():
        p = p.parent
    for folder in (p, *p.parents):
        if is_site_root(folder):
            return folder
    return None


@dataclass
class Site:
    """A site's root and the parts of its configuration the editor needs."""
    root: Path
    config: dict = field(default_factory=dict)
    config_files: list[Path] = field(default_factory=list)

    @property
    def content_dir(self) -> Path:
        return self.root / str(self.config.get("contentdir") or "content")

    @property
    def content_dirs(self) -> list[Path]:
        """Every content folder: the default one and those of the languages."""
        dirs = [self.content_dir]
        for lang in (self.config.get("languages") or {}).values():
            if isinstance(lang, dict) and lang.get("contentdir"):
                d = self.root / str(lang["contentdir"])
                if d not in dirs:
                    dirs.append(d)
        return dirs

    @property
    def base_url(self) -> str:
        return str(self.config.get("baseurl") or "")

    @property
    def timezone(self) -> dt.tzinfo:
        return zone(self.config.get("timezone"))

    @property
    def permalinks(self) -> dict:
        """Section → pattern for regular pages (both the old flat and the newer `page` form)."""
        raw = self.config.get("permalinks") or {}
        if isinstance(raw.get("page"), dict):
            return {k: v for k, v in raw["page"].items() if isinstance(v, str)}
        return {k: v for k, v in raw.items() if isinstance(v, str)}

    @property
    def frontmatter_rules(self) -> dict:
        return self.config.get("frontmatter") or {}

    @property
    def disable_path_to_lower(self) -> bool:
        return bool(self.config.get("disablepathtolower"))

    @property
    def remove_path_accents(self) -> bool:
        return bool(self.config.get("removepathaccents"))

    @property
    def ugly_urls(self) -> bool:
        return self.config.get("uglyurls") is True

    def section_of(self, post_path: str | os.PathLike) -> str:
        rel = self.relative(post_path)
        parts = rel.parts if rel else ()
        return parts[0] if len(parts) > 1 else ""

    def relative(self, post_path: str | os.PathLike) -> Path | None:
        """The post's path inside its content folder (None when outside every content folder)."""
        p = Path(post_path).resolve()
        for d in self.content_dirs:
            try:
                return p.relative_to(d.resolve())
            except ValueError:
                continue
        return None


def load_site(root: str | os.PathLike) -> Site:
    """Read a site's configuration: hugo.* / config.* and the config/_default/ folder, merged."""
    root = Path(root).resolve()
    config: dict = {}
    files: list[Path] = []
    for name in CONFIG_NAMES:
        f = root / name
        if f.is_file():
            config = read_config_file(f)
            files.append(f)
            break
    d = _config_dir(root)
    if d is not None:
        for f in sorted(d.iterdir()):
            if f.suffix.lower() not in (".toml", ".yaml", ".yml", ".json") or not f.is_file():
                continue
            data = read_config_file(f)
            stem = f.stem.lower()
            if stem not in ("hugo", "config"):
                data = {stem: data}
            config = _merge(config, data)
            files.append(f)
    return Site(root=root, config=config, config_files=files)


def find_site(path: str | os.PathLike) -> Site | None:
    """The site that holds `path`, or None when it is not inside a Hugo site."""
    root = find_site_root(path)
    return load_site(root) if root else None
