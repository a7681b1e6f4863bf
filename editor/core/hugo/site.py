"""A Hugo site: find its root from any path inside it and read its configuration as Hugo does."""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TypedDict

from editor.core.hugo.dates import zone
from editor.core.errors import PostError
from editor.core.frontmatter.parseguard import json_error, parsing, toml_error

if TYPE_CHECKING:   # languages reads Site: imported where used, at run time
    from editor.core.hugo.languages import PageLanguage

CONFIG_NAMES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                "config.toml", "config.yaml", "config.yml", "config.json")
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
DEFAULT_TAXONOMIES = {"tag": "tags", "category": "categories"}
CONTENT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".html", ".htm")


class Markup(TypedDict):
    """The rendering settings of `[markup]` the preview needs."""
    unsafe: bool
    highlight_style: str
    no_classes: bool
    code_fences: bool
    typographer: bool


# A configuration mapping as TOML, YAML or JSON hold it (keys lower-cased): readers check each value they use.
Config = dict[str, Any]


def _table(value: object) -> Config:
    """A configuration value that should be a table, or an empty one when it is anything else."""
    return value if isinstance(value, dict) else {}


def _lower_keys(value: Any) -> Any:
    """Hugo's configuration keys are case-insensitive: lower-case them (values untouched)."""
    if isinstance(value, dict):
        return {str(k).lower(): _lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_lower_keys(v) for v in value]
    return value


def _merge(base: Config, over: Config) -> Config:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def read_config_file(path: Path) -> Config:
    """One configuration file (TOML, YAML or JSON); errors name the file and line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PostError(f"cannot read the site configuration: {exc}", path=str(path)) from None
    suffix = path.suffix.lower()
    try:
        with parsing({".toml": "TOML", ".yaml": "YAML", ".yml": "YAML"}.get(suffix, "JSON"), text):
            data = _parse_config(suffix, text)
    except PostError as exc:
        raise exc.with_path(str(path)) from None
    if not isinstance(data, dict):
        raise PostError("the site configuration must be a mapping", path=str(path), line=1)
    lowered: Config = _lower_keys(data)
    return lowered


def _parse_config(suffix: str, text: str) -> object:
    if suffix == ".toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise toml_error(exc) from None
    if suffix in (".yaml", ".yml"):
        from editor.core.frontmatter import yaml_fm
        return yaml_fm.parse(text)[0] if text.strip() else {}
    try:
        return json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise json_error(exc) from None


def _config_dirs(root: Path, environment: str) -> list[Path]:
    """config/_default/ then config/<environment>/ (Hugo's `list` and build use `production`)."""
    return [d for d in (root / "config" / "_default", root / "config" / environment) if d.is_dir()]


def is_site_root(path: Path) -> bool:
    return any((path / name).is_file() for name in CONFIG_NAMES) or (path / "config" / "_default").is_dir()


def find_site_root(path: str | os.PathLike[str]) -> Path | None:
    """The nearest folder at or above `path` that holds a Hugo configuration."""
    p = Path(path).resolve()
    if p.is_file() or not p.exists():
        p = p.parent
    for folder in (p, *p.parents):
        if is_site_root(folder):
            return folder
    return None


def _bare_root(path: Path) -> tuple[Path, Path | None] | None:
    """A site without configuration: (root, content folder override) for a path inside `content/`,
    a folder holding `content/`, or a plain folder of posts (itself the content folder)."""
    p = path.resolve()
    if p.is_file() or not p.exists():
        p = p.parent
    for folder in (p, *p.parents):
        if folder.name == "content":
            return folder.parent, None
    if (p / "content").is_dir():
        return p, None
    return (p, p) if p.is_dir() else None


@dataclass(frozen=True)
class Language:
    code: str
    content_dir: Path
    weight: int = 0
    disabled: bool = False   # `disabled = true` or listed in disableLanguages: Hugo drops its pages
    settings: Config = field(default_factory=dict, compare=False, hash=False)  # [languages.<code>]


@dataclass
class Site:
    """A site's root and the parts of its configuration the editor needs.

    `error` holds the configuration's PostError when it could not be read: the site then uses
    Hugo's defaults and `read_only` is True, so posts can be listed but nothing is written.
    """
    root: Path
    config: Config = field(default_factory=dict)
    config_files: list[Path] = field(default_factory=list)
    error: PostError | None = None
    content_override: Path | None = None
    # Values other modules derive from the site once (language folders, index facts), keyed by name:
    # they go with the site, pickled along to the index worker, and vanish when it is read again.
    memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    # Whether index_file renders bodies to count words; SiteIndex sets it, the index worker gets it pickled.
    index_words: bool = field(default=True, init=False, repr=False, compare=False)

    @property
    def read_only(self) -> bool:
        return self.error is not None

    # ------------------------------------------------------------------ content folders
    @property
    def default_language(self) -> str:
        return str(self.config.get("defaultcontentlanguage") or "en").lower()

    @cached_property
    def all_languages(self) -> list[Language]:
        """Every configured language, disabled ones too, by weight then code (Hugo's order); the
        default language alone when none is configured."""
        from editor.core.hugo.languages import mounted_content_dirs
        mounted = mounted_content_dirs(self.config, self.root) if not self.content_override else {}
        main = self.content_override or mounted.get("") or \
            self.root / str(self.config.get("contentdir") or "content")
        raw = self.config.get("languages")
        if not isinstance(raw, dict) or not raw:
            return [Language(self.default_language, main)]
        off = self.config.get("disablelanguages")
        off = {str(c).lower() for c in off} if isinstance(off, list) else set()
        langs = []
        for code, conf in raw.items():
            conf = conf if isinstance(conf, dict) else {}
            d = conf.get("contentdir")
            w = conf.get("weight")
            code = str(code).lower()
            folder = mounted.get(code) or (self.root / str(d) if d else main)
            langs.append(Language(code, folder, w if isinstance(w, int) else 0,
                                  conf.get("disabled") is True or code in off, conf))
        return sorted(langs, key=lambda lang: (lang.weight == 0, lang.weight, lang.code))

    @cached_property
    def languages(self) -> list[Language]:
        """The languages Hugo builds (disabled ones left out), by weight."""
        return [lang for lang in self.all_languages if not lang.disabled] or self.all_languages[:1]

    @property
    def multilingual(self) -> bool:
        return len(self.languages) > 1

    def language(self, code: str) -> Language | None:
        return next((lang for lang in self.all_languages if lang.code == code), None)

    def page_language(self, post_path: str | os.PathLike[str]) -> PageLanguage | None:
        """The post's language and logical path as Hugo decides them (see editor.core.hugo.languages)."""
        from editor.core.hugo.languages import page_language
        return page_language(self, post_path)

    @property
    def content_dir(self) -> Path:
        """The default language's content folder."""
        for lang in self.languages:
            if lang.code == self.default_language:
                return lang.content_dir
        return self.languages[0].content_dir

    @property
    def content_dirs(self) -> list[Path]:
        """Every content folder: the default one and those of the languages (disabled ones too)."""
        dirs = [self.content_dir]
        for lang in self.all_languages:
            if lang.content_dir not in dirs:
                dirs.append(lang.content_dir)
        return dirs

    @cached_property
    def _resolved_dirs(self) -> list[Path]:
        return [d.resolve() for d in self.content_dirs]

    @cached_property
    def dir_prefixes(self) -> list[str]:
        dirs = [*self.content_dirs, *self._resolved_dirs]
        # Longest first: a language folder inside another content folder wins.
        return sorted({os.path.join(str(d), "") for d in dirs}, key=len, reverse=True)

    def relative(self, post_path: str | os.PathLike[str]) -> Path | None:
        """The post's path inside its content folder (None when outside every content folder)."""
        p = os.path.abspath(post_path)
        for prefix in self.dir_prefixes:
            if p.startswith(prefix):
                return Path(p[len(prefix):])
        return None

    def section_of(self, post_path: str | os.PathLike[str]) -> str:
        rel = self.relative(post_path)
        parts = rel.parts if rel else ()
        return parts[0] if len(parts) > 1 else ""

    def remember_sections(self, nested: set[tuple[str, ...]]) -> None:
        """Take the nested sections a content scan just found, so is_section walks no folder itself."""
        self._nested_sections = nested   # an instance value replaces the cached_property's

    def is_section(self, folders: Iterable[str]) -> bool:
        """True when content/<folders> is a section: top-level folders always, deeper ones with _index."""
        folders = tuple(folders)
        if len(folders) <= 1:
            return bool(folders)
        return folders in self._nested_sections

    @cached_property
    def _nested_sections(self) -> set[tuple[str, ...]]:
        found: set[tuple[str, ...]] = set()
        for d in self.content_dirs:
            for index in d.glob("*/*/**/_index.*"):
                if index.suffix.lower() in CONTENT_SUFFIXES:
                    found.add(index.parent.relative_to(d).parts)
        return found

    # ------------------------------------------------------------------ settings
    @property
    def base_url(self) -> str:
        return str(self.config.get("baseurl") or "")

    @property
    def timezone(self) -> dt.tzinfo:
        return zone(self.config.get("timezone"))

    def _permalink_table(self, kind: str, lang: str | None = None) -> dict[str, str]:
        # A language's own [languages.<code>.permalinks] replaces the whole site table (Hugo 0.168).
        language = self.language(lang) if lang else None
        own = language.settings.get("permalinks") if language else None
        raw = own if isinstance(own, dict) else self.config.get("permalinks") or {}
        if not isinstance(raw, dict):
            return {}
        table = raw.get(kind)
        if isinstance(table, dict):
            return {k: v for k, v in table.items() if isinstance(v, str)}
        # The old flat form applies to pages (and to sections when no `section` table exists).
        return {k: v for k, v in raw.items() if isinstance(v, str)} if kind == "page" else {}

    @property
    def permalinks(self) -> dict[str, str]:
        """Section → pattern for regular pages (both the old flat and the newer `page` form)."""
        return self._permalink_table("page")

    def permalinks_for(self, lang: str | None, kind: str = "page") -> dict[str, str]:
        """The `[permalinks]` table a page of language `lang` uses (its language's own, else the site's)."""
        return self._permalink_table(kind, lang)

    @property
    def permalink_entries(self) -> list[Any] | None:
        """`[[permalinks]]` entries (the array form, Hugo ≥ 0.161), None for the map form."""
        raw = self.config.get("permalinks")
        return raw if isinstance(raw, list) else None

    def permalink_pattern(self, lang: str | None, kind: str, rel: PurePosixPath) -> str | None:
        """The pattern for a page (`kind` "page" or "section") at `rel` inside the content tree:
        the first matching entry of the array form, else the map form's entry for its section."""
        entries = self.permalink_entries
        if entries is not None:
            from editor.core.hugo.permalink_rules import first_pattern
            return first_pattern(entries, kind, rel, lang or self.default_language)
        section = rel.parts[0] if len(rel.parts) > 1 else ""
        return self.permalinks_for(lang, kind).get(section) if section else None

    @property
    def permalinks_section(self) -> dict[str, str]:
        """Section → pattern for section pages (`[permalinks.section]`)."""
        return self._permalink_table("section")

    @property
    def frontmatter_rules(self) -> Config:
        rules = self.config.get("frontmatter")
        return rules if isinstance(rules, dict) else {}

    @property
    def date_rules(self) -> dict[str, list[str]]:
        """The sources Hugo tries for each date, `:default` expanded (`:git` only with enableGitInfo)."""
        from editor.core.hugo.pagedates import merged_rules
        return merged_rules(self.frontmatter_rules)

    @property
    def taxonomies(self) -> dict[str, str]:
        """singular → plural; Hugo's tags and categories when the site does not set any."""
        raw = self.config.get("taxonomies")
        if not isinstance(raw, dict):
            return dict(DEFAULT_TAXONOMIES)
        return {str(k): str(v) for k, v in raw.items()}

    @property
    def markup(self) -> Markup:
        """The rendering settings the preview needs, with Hugo 0.168's defaults."""
        m = _table(self.config.get("markup"))
        gm = _table(m.get("goldmark"))
        hl = _table(m.get("highlight"))
        ext = _table(gm.get("extensions"))
        typo = ext.get("typographer")
        typographer = not (isinstance(typo, dict) and typo.get("disable") is True) and typo is not False
        renderer = _table(gm.get("renderer"))
        return {
            "unsafe": renderer.get("unsafe") is True,
            "highlight_style": str(hl.get("style") or "monokai"),
            "no_classes": hl.get("noclasses") is not False,
            "code_fences": hl.get("codefences") is not False,
            "typographer": typographer,
        }

    @property
    def archetype_dir(self) -> Path:
        return self.root / str(self.config.get("archetypedir") or "archetypes")

    @property
    def disable_path_to_lower(self) -> bool:
        return self.config.get("disablepathtolower") is True

    @property
    def remove_path_accents(self) -> bool:
        return self.config.get("removepathaccents") is True

    @property
    def ugly_urls(self) -> bool:
        return self.config.get("uglyurls") is True


def read_config(root: Path, environment: str = "production") -> tuple[Config, list[Path]]:
    """The merged configuration: the root file, then config/_default/, then config/<environment>/."""
    config: Config = {}
    files: list[Path] = []
    for name in CONFIG_NAMES:
        f = root / name
        if f.is_file():
            config = read_config_file(f)
            files.append(f)
            break
    for d in _config_dirs(root, environment):
        for f in sorted(d.iterdir()):
            if f.suffix.lower() not in CONFIG_SUFFIXES or not f.is_file():
                continue
            data = read_config_file(f)
            stem = f.stem.lower()
            if stem not in ("hugo", "config"):
                key, _, lang = stem.partition(".")
                data = {key: data} if not lang else {"languages": {lang: {key: data}}}
            config = _merge(config, data)
            files.append(f)
    return config, files


def load_site(root: str | os.PathLike[str], *, strict: bool = True,
              environment: str | None = None) -> Site:
    """Read a site's configuration (PostError naming file and line when it is malformed).

    With strict=False a malformed configuration does not raise: the Site uses Hugo's defaults,
    carries the error in `site.error` and is read-only.
    """
    root = Path(root).resolve()
    env = environment or os.environ.get("HUGO_ENVIRONMENT") or "production"
    try:
        config, files = read_config(root, env)
    except PostError as exc:
        if strict:
            raise
        return Site(root=root, error=exc)
    return Site(root=root, config=config, config_files=files)


def find_site(path: str | os.PathLike[str], *, strict: bool = True, bare: bool = False) -> Site | None:
    """The site that holds `path`, or None when it is not inside a Hugo site.

    With bare=True a folder without any configuration is a site too, with Hugo's defaults.
    """
    root = find_site_root(path)
    if root is not None:
        return load_site(root, strict=strict)
    if bare:
        found = _bare_root(Path(path))
        if found:
            return Site(root=found[0], content_override=found[1])
    return None


def open_site(path: str | os.PathLike[str]) -> Site:
    """The site for any path (the window and CLI): never raises for a bad configuration and
    accepts a bare content folder; PostError only when the path does not exist."""
    if not Path(path).exists():
        raise PostError("no such file or folder", path=str(path))
    site = find_site(path, strict=False, bare=True)
    assert site is not None
    return site
