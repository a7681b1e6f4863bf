"""Fast read-only front-matter parsing for the index: PyYAML's C loader with YAML 1.2 scalars, tomllib, json."""

from __future__ import annotations

import json
import re
import tomllib

import yaml

from editor.core.errors import PostError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class Yaml12Loader(_Base):  # type: ignore[misc, valid-type]
    """PyYAML reads YAML 1.1 (`yes`, `on` → true; `0755` octal); Hugo 0.168 reads YAML 1.2: so
    only true/false are booleans and numbers follow the 1.2 core schema."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Yaml12Loader.add_implicit_resolver(
    _INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
Yaml12Loader.add_implicit_resolver(
    _FLOAT, re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                       r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), list("-+.0123456789"))


def _int(loader, node):
    text = loader.construct_scalar(node)
    return int(text, 0) if text[:2] in ("0o", "0x") else int(text, 10)


def _float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith("inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    return float("nan") if text.endswith("nan") else float(text)


Yaml12Loader.add_constructor(_INT, _int)
Yaml12Loader.add_constructor(_FLOAT, _float)

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


class _Fallback(Exception):
    """A node the quick walker does not build itself (merge keys, custom tags)."""


def _build(loader, node):
    """Values from composed nodes without PyYAML's generic (slow) constructor machinery."""
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP:
        out = {}
        for k, v in node.value:
            if k.tag != _STR and k.tag != _INT and k.tag != _BOOL:
                raise _Fallback
            out[_build(loader, k)] = _build(loader, v)
        return out
    if tag == _SEQ:
        return [_build(loader, v) for v in node.value]
    if tag in (_INT, _FLOAT, _BOOL, "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"):
        return loader.construct_object(node)
    raise _Fallback


def load_yaml(text: str):
    """YAML 1.2 values of a front matter (the quick walker, PyYAML's constructor as fallback)."""
    loader = Yaml12Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _build(loader, node)
        except _Fallback:
            return loader.construct_document(node)
    finally:
        loader.dispose()


_OPEN = re.compile(r"\A(?:[ \t]*(?:\r\n|\n|\r))*(---|\+\+\+)[ \t]*(?:\r\n|\n|\r)")
_CLOSE = {"---": re.compile(r"(?:\r\n|\n|\r)---[ \t]*(?:\r\n|\n|\r|\Z)"),
          "+++": re.compile(r"(?:\r\n|\n|\r)\+\+\+[ \t]*(?:\r\n|\n|\r|\Z)")}


def split(text: str) -> tuple[str, str, int, int]:
    """(format, front matter, its first line (1-based), offset of the body) without copying the body."""
    m = _OPEN.match(text)
    if m:
        delim = m[1]
        # The front matter may be empty: the closing line can follow the opening one directly.
        if text.startswith(delim, m.end()):
            c = re.compile(re.escape(delim) + r"[ \t]*(?:\r\n|\n|\r|\Z)").match(text, m.end())
            if c:
                return ("yaml" if delim == "---" else "toml"), "", _line(text, m.end()), c.end()
        c = _CLOSE[delim].search(text, m.end() - 1)
        if c is None:
            raise PostError(f"the front matter opened with {delim} is never closed",
                            line=_line(text, m.start(1)), column=1)
        return ("yaml" if delim == "---" else "toml"), text[m.end():c.start() + 1], _line(text, m.end()), c.end()
    stripped = text.lstrip()
    if stripped.startswith("{"):
        start = len(text) - len(stripped)
        try:
            obj, end = json.JSONDecoder().raw_decode(text, start)
        except json.JSONDecodeError as exc:
            raise PostError(f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from None
        return "json", text[start:end], _line(text, start), end
    return "none", "", 1, 0


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1 if "\n" in text else text.count("\r", 0, offset) + 1


def parse(fmt: str, fm: str) -> dict:
    """The front matter's values; PostError with the line inside the front matter on bad syntax."""
    if fmt == "yaml":
        try:
            data = load_yaml(fm) if fm.strip() else {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise PostError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
                            line=mark.line + 1 if mark else None,
                            column=mark.column + 1 if mark else None) from None
    elif fmt == "toml":
        try:
            data = tomllib.loads(fm)
        except tomllib.TOMLDecodeError as exc:
            m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
            raise PostError(f"invalid TOML: {re.sub(r' *[(]at line.*', '', str(exc))}",
                            line=int(m[1]) if m else None, column=int(m[2]) if m else None) from None
    elif fmt == "json":
        data = json.loads(fm)
    else:
        data = {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PostError("the front matter is not a mapping of keys to values", line=1, column=1)
    return data


def key_line(fm: str, key: str) -> int | None:
    """1-based line (inside the front matter) where a top-level `key` is written."""
    m = re.search(r'^["\']?' + re.escape(key) + r'["\']?[ \t]*[:=]', fm, re.M)
    return fm.count("\n", 0, m.start()) + 1 if m else None
