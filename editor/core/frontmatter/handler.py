"""The one interface of a front-matter format (YAML, TOML, JSON, none), chosen once by format."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from editor.core.frontmatter import json_fm
from editor.core.frontmatter.split import JSON, NONE, TOML, YAML

if TYPE_CHECKING:
    from editor.core.frontmatter.yaml_fm import Duplicate

# Each format's module (ruamel.yaml, tomlkit, PyYAML for edits) is imported when a post of that
# format is first parsed or edited, not when the window starts: they cost ~150 ms together.


class Handler(Protocol):
    """What a post needs of its front matter's format. Lines are 0-based within the front matter;
    edits return the whole front-matter text with only that key's text changed."""

    def parse(self, text: str) -> tuple[dict[str, Any], list[Duplicate]]:
        """The values and the keys written twice (PostError with a line on bad syntax)."""
        ...

    def set_value(self, text: str, key: str, value: object, newline: str) -> str: ...

    def delete(self, text: str, key: str) -> str: ...

    def key_line(self, text: str, key: str) -> int | None:
        """The line where top-level `key` (exactly as written) is, or None."""
        ...


class YamlHandler:
    def parse(self, text: str) -> tuple[dict[str, Any], list[Duplicate]]:
        from editor.core.frontmatter import yaml_fm
        values, _, duplicates = yaml_fm.parse(text)
        return values, duplicates

    def set_value(self, text: str, key: str, value: object, newline: str) -> str:
        from editor.core.frontmatter import yaml_edit
        return yaml_edit.set_value(text, key, value, newline)

    def delete(self, text: str, key: str) -> str:
        from editor.core.frontmatter import yaml_edit
        return yaml_edit.delete(text, key)

    def key_line(self, text: str, key: str) -> int | None:
        from editor.core.frontmatter import yaml_fm
        return yaml_fm.key_line(text, key)


class TomlHandler:
    def parse(self, text: str) -> tuple[dict[str, Any], list[Duplicate]]:
        from editor.core.frontmatter import toml_fm
        return toml_fm.parse(text), []   # tomllib refuses a key written twice

    def set_value(self, text: str, key: str, value: object, newline: str) -> str:
        from editor.core.frontmatter import toml_fm
        return toml_fm.set_value(text, key, value)   # Post gives added lines the file's newline

    def delete(self, text: str, key: str) -> str:
        from editor.core.frontmatter import toml_fm
        return toml_fm.delete(text, key)

    def key_line(self, text: str, key: str) -> int | None:
        from editor.core.frontmatter import toml_fm
        return toml_fm.key_line(text, key)


class JsonHandler:
    def parse(self, text: str) -> tuple[dict[str, Any], list[Duplicate]]:
        return json_fm.parse(text), []   # the last of a twice-written key counts, as in Hugo

    def set_value(self, text: str, key: str, value: object, newline: str) -> str:
        return json_fm.set_value(text, key, value, newline)

    def delete(self, text: str, key: str) -> str:
        return json_fm.delete(text, key)

    def key_line(self, text: str, key: str) -> int | None:
        return json_fm.key_line(text, key)


class NoFrontMatter:
    """A post without front matter: no values; the first edit gives it YAML front matter (Post)."""

    def parse(self, text: str) -> tuple[dict[str, Any], list[Duplicate]]:
        return {}, []

    def set_value(self, text: str, key: str, value: object, newline: str) -> str:
        raise ValueError("a post without front matter gets YAML front matter before its first edit")

    def delete(self, text: str, key: str) -> str:
        return text

    def key_line(self, text: str, key: str) -> int | None:
        return None


HANDLERS: dict[str, Handler] = {YAML: YamlHandler(), TOML: TomlHandler(), JSON: JsonHandler(), NONE: NoFrontMatter()}


def handler(fmt: str) -> Handler:
    """The handler of a format named by split() (yaml, toml, json or none)."""
    return HANDLERS[fmt]
