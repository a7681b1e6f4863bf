"""Fast read-only front-matter parsing for the index: PyYAML's C loader with YAML 1.2 scalars, tomllib, json."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from editor.core.errors import PostError
from editor.core.frontmatter.values import YAML_NUMBER_START, yaml_number
from editor.core.frontmatter.parseguard import (check_aliases, hide_controls, json_error, parsing,
                                                mark_line, reveal_controls, toml_error, unmarked_yaml_error)

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class Yaml12Loader(_Base):  # type: ignore[misc, valid-type]
    """PyYAML reads YAML 1.1 (`yes`, `on` → true); Hugo 0.168 reads only true/false as booleans,
    and numbers as values.yaml_number says (1.1 integer forms such as 0777 and 1_000, floats only
    with a dot)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
# Anything number-like gets the int tag; _number() then reads it as Hugo does (or keeps the text).
_NUMBERLIKE = re.compile(r"^[-+]?(?:[0-9][0-9a-fA-FxXoObB_]*|(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
                         r"|[0-9][0-9_]*[eE][-+]?[0-9]+|\.(?:inf|Inf|INF|nan|NaN|NAN))$")
Yaml12Loader.add_implicit_resolver(_INT, _NUMBERLIKE, list(YAML_NUMBER_START))


def _number(loader: SafeConstructor, node: yaml.ScalarNode) -> int | float | str:
    text = loader.construct_scalar(node)
    number = yaml_number(text)
    if number is not None:
        return number
    if _NUMBERLIKE.match(text):   # 08, 1e3: number-like, but Hugo reads a string
        return text
    raise ValueError(f"{text!r} is not a number")   # an explicit `!!int abc`, as Post refuses it


Yaml12Loader.add_constructor(_INT, _number)
Yaml12Loader.add_constructor(_FLOAT, _number)


def _untagged(loader: SafeConstructor, node: yaml.Node) -> Any:
    """Unknown tags (`!custom`, `!!python/object:…`) are ignored as Hugo ignores them: the value as
    written (Post, through ruamel, reads them the same way)."""
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    assert isinstance(node, yaml.MappingNode)   # the third kind of node
    return loader.construct_mapping(node, deep=True)


Yaml12Loader.add_constructor(None, _untagged)
Yaml12Loader.add_constructor(
    "tag:yaml.org,2002:binary",
    lambda loader, node: loader.construct_yaml_binary(node).decode("utf-8", "replace"))   # as Hugo: text

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TS = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_NULL = "tag:yaml.org,2002:null"


class _Fallback(Exception):
    """A node the quick walker does not build itself (merge keys, custom tags)."""


def _build(loader: SafeConstructor, node: yaml.Node) -> Any:
    """Values from composed nodes without PyYAML's generic (slow) constructor machinery."""
    try:
        return _build_node(loader, node)
    except (_Fallback, PostError):
        raise
    except Exception as exc:
        mark_line(exc, node.start_mark.line + 1)
        raise


def _build_node(loader: SafeConstructor, node: yaml.Node) -> Any:
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _MAP:
        out: dict[str, Any] = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode) or k.tag == _MERGE:
                raise _Fallback
            key = "" if k.tag == _NULL else k.value   # as Hugo: `1:` and `true:` are text keys
            if key in out:   # Hugo 0.168 refuses the file (0.111 kept one value)
                raise PostError(f'mapping key "{key}" already defined', line=k.start_mark.line + 1,
                                column=k.start_mark.column + 1)
            out[key] = _build(loader, v)
        return out
    if tag == _SEQ:
        return [_build(loader, v) for v in node.value]
    if tag == _TS:
        return _timestamp(node.value)
    if tag in (_INT, _FLOAT, _BOOL, "tag:yaml.org,2002:null"):
        return loader.construct_object(node)
    raise _Fallback


_RESOLVERS = Yaml12Loader.yaml_implicit_resolvers
_TIMESTAMP = yaml.constructor.SafeConstructor()
# Only the plain subset is read by _flat(); anything else (tabs, control or exotic line-break
# characters, a BOM) goes to PyYAML.
# Written as the characters to refuse (the complement of \n, \x20-\x7e, \xa0-\u2027, \u202a-\ud7ff,
# \ue000-\ufefe, \uff00-\ufffd, \U00010000-\U0010ffff): the same set, compiled ten times faster.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*[^ ]))? *$")   # values as _PAIRS reads them
_ITEM = re.compile(r"( *)- +((?:.*[^ ])?) *$")
# The value ends at its last non-space character (greedy, then one step back: a lazy value
# tried the line's end after every character, half the time of _flat).
_PAIRS = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*):(?: +([^\n]*[^\n ]))? *$", re.M)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


_RFC3339 = re.compile(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d))?$")


def _timestamp(text: str) -> dt.date | str:
    """A YAML timestamp as PyYAML builds it; an impossible date (2020-13-45) stays a string, which
    Hugo then reports as "not a parsable date" (PyYAML would raise ValueError)."""
    try:
        if _RFC3339.match(text):   # the usual shapes: same values, without PyYAML's constructor
            return dt.datetime.fromisoformat(text) if len(text) > 10 else dt.date.fromisoformat(text)
        value: dt.date = _TIMESTAMP.construct_yaml_timestamp(yaml.ScalarNode(_TS, text))
        return value
    except ValueError:
        return text


_MEMO: tuple[dict[str, Any], dict[str, Any]] = ({}, {})   # one-line scalars seen before (block, flow): immutable values


def _plain(text: str, flow: bool) -> Any:
    """A plain scalar resolved as Yaml12Loader does; _Fallback for anything not simply plain."""
    if not text or (text[0] in _INDICATORS and not (text[0] == "-" and text[1:2] not in ("", " "))) \
            or ": " in text or " #" in text or text[-1] == ":" \
            or (flow and any(c in text for c in ",[]{}:?")):
        raise _Fallback
    for tag, rx in _RESOLVERS.get(text[0], ()):
        if rx.match(text):
            break
    else:
        return text
    if tag == _INT:
        number = yaml_number(text)
        return text if number is None else number
    if tag == _BOOL:
        return text.lower() == "true"
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == _TS:
        return _timestamp(text)
    raise _Fallback


def _scalar(text: str, flow: bool = False) -> Any:
    """A one-line scalar: plain, or quoted without escapes (memoised: tags and flags repeat)."""
    memo = _MEMO[flow]
    try:
        return memo[text]
    except KeyError:
        pass
    value = _scalar_uncached(text, flow)
    if len(memo) > 50_000:
        memo.clear()
    memo[text] = value
    return value


def _scalar_uncached(text: str, flow: bool) -> Any:
    if text[:1] == '"':
        if len(text) < 2 or text[-1] != '"' or '"' in text[1:-1] or "\\" in text:
            raise _Fallback
        return text[1:-1]
    if text[:1] == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _Fallback
        return inner.replace("''", "'")
    return _plain(text, flow)


_TEXT_KEYS: set[str] = set()   # keys seen to be plain text (title, tags, …): not checked again


def _check_key(key: str, seen: dict[str, Any]) -> None:
    """true:, null: … are not string keys, and PyYAML's path reports duplicates: leave both to it."""
    if key in seen:
        raise _Fallback
    if key not in _TEXT_KEYS:
        if key[0] in "tTfFnN~" and _plain(key, False) is not key:
            raise _Fallback
        if len(_TEXT_KEYS) < 10_000:
            _TEXT_KEYS.add(key)


def _inline(value: str) -> Any:
    """A value on the key's own line: a flow list of scalars or one scalar."""
    if value[0] != "[":
        return _scalar(value)
    if value[-1] != "]":
        raise _Fallback
    inner = value[1:-1].strip()
    return [_scalar(item.strip(), True) for item in inner.split(",")] if inner else []


def _flat_pairs(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """_flat for front matter that is all `key: value` lines: no per-line loop needed."""
    out: dict[str, Any] = {}
    memo = _MEMO[0]
    for key, value in pairs:
        if key in out or key not in _TEXT_KEYS:
            _check_key(key, out)
        if not value:
            out[key] = None
        elif value in memo:   # _scalar's memo, looked up here: most values are one-line scalars
            out[key] = memo[value]
        else:
            out[key] = _inline(value)
    return out


def _flat(text: str) -> dict[str, Any]:
    """The common front matter, without PyYAML: top-level `key: scalar`, flow lists of scalars
    and block lists of scalars, comment lines. _Fallback for everything else, so the result is
    always what PyYAML would build (tests/core/test_index_fastfm.py compares them)."""
    if _UNSAFE.search(text):
        raise _Fallback
    pairs = _PAIRS.findall(text)
    if len(pairs) == text.count("\n") + (not text.endswith("\n")):
        return _flat_pairs(pairs)   # every line is `key: value` (the usual front matter)
    out: dict[str, Any] = {}
    lines = text.split("\n")
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        i += 1
        if not line.strip() or line[0] == "#":
            continue
        m = _KEY.match(line)
        if m is None:
            raise _Fallback
        key, value = m[1], m[2]
        _check_key(key, out)
        if value:
            out[key] = _inline(value)
            continue
        items: list[Any] = []
        indent = None
        while i < n:
            item = _ITEM.match(lines[i])
            if item is None:
                if lines[i].strip() and lines[i][0] == " ":
                    raise _Fallback   # a nested block or a continued scalar
                break
            if indent is None:
                indent = item[1]
            elif item[1] != indent:
                raise _Fallback
            items.append(_scalar(item[2]))
            i += 1
        out[key] = items if indent is not None else None
    return out


def load_yaml(text: str) -> Any:
    """YAML 1.2 values of a front matter (the flat reader, then the quick walker, then PyYAML's
    constructor)."""
    flat = text.replace("\r\n", "\n") if "\r" in text else text
    if "\r" not in flat:
        try:
            return _flat(flat)
        except _Fallback:
            pass
    return _pyyaml(text)


def _pyyaml(text: str) -> Any:
    loader = Yaml12Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_aliases(node)   # before _build: it does not share aliased values, so it would expand them
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
        with parsing("JSON", text):
            try:
                obj, end = json.JSONDecoder().raw_decode(text, start)
            except json.JSONDecodeError as exc:
                raise json_error(exc) from None
        return "json", text[start:end], _line(text, start), end
    return "none", "", 1, 0


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1 if "\n" in text else text.count("\r", 0, offset) + 1


def parse(fmt: str, fm: str) -> dict[str, Any]:
    """The front matter's values; PostError with the line inside the front matter on bad syntax."""
    with parsing(fmt.upper(), fm):
        return _parse(fmt, fm)


def _parse(fmt: str, fm: str) -> dict[str, Any]:
    if fmt == "yaml":
        try:
            data = load_yaml(fm) if fm.strip() else {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            hidden = hide_controls(fm) if mark is None else None
            if hidden is not None:   # control characters: Hugo keeps them (see yaml_fm._compose_lenient)
                try:
                    revealed: dict[str, Any] = reveal_controls(_parse(fmt, hidden))
                    return revealed
                except PostError:
                    pass
            if mark is None:
                raise unmarked_yaml_error(exc, fm) from None
            raise PostError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}",
                            line=mark.line + 1 if mark else None,
                            column=mark.column + 1 if mark else None) from None
    elif fmt == "toml":
        try:
            data = tomllib.loads(fm)
        except tomllib.TOMLDecodeError as exc:
            raise toml_error(exc) from None
    elif fmt == "json":
        try:
            data = json.loads(fm)
        except json.JSONDecodeError as exc:
            raise json_error(exc) from None
    else:
        data = {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PostError("the front matter is not a mapping of keys to values", line=1, column=1)
    return data


_KEY_LINE: dict[str, re.Pattern[str]] = {}


def key_line(fm: str, key: str) -> int | None:
    """1-based line (inside the front matter) where a top-level `key` is written."""
    rx = _KEY_LINE.get(key)
    if rx is None:   # compiled once per key: the index asks for the slug's line in every file that has one
        if len(_KEY_LINE) > 1000:
            _KEY_LINE.clear()
        rx = _KEY_LINE[key] = re.compile(r'^["\']?' + re.escape(key) + r'["\']?[ \t]*[:=]', re.M)
    m = rx.search(fm)
    return fm.count("\n", 0, m.start()) + 1 if m else None
