"""JSON front matter: find the object's end, parse it, and edit one top-level key's value span in place."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from editor.core.hugo.dates import format_date
from editor.core.errors import PostError
from editor.core.frontmatter.parseguard import json_error, parsing

_WS = re.compile(r"\s*")
_SCALAR = re.compile(r"[^,\s}\]]+")


@dataclass
class Span:
    key: str
    key_start: int
    value_start: int
    value_end: int


def _skip_string(text: str, i: int) -> int:
    """Index just past the JSON string starting at text[i] == '"'."""
    i += 1
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == '"':
            return i + 1
        i += 1
    raise PostError("invalid JSON: unterminated string", line=text.count("\n", 0, i) + 1)


def _container_end(text: str, i: int) -> int | None:
    """Index just past the object or array starting at text[i] (None when it is never closed)."""
    depth = 0
    while i < len(text):
        c = text[i]
        if c == '"':
            i = _skip_string(text, i)
            continue
        if c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def object_end(text: str, start: int) -> int:
    """Index just past the JSON object that starts at text[start] == '{'."""
    end = _container_end(text, start)
    if end is None:
        raise PostError("invalid JSON: the front-matter object is never closed", line=1, column=1)
    return end


def _value_end(text: str, i: int) -> int:
    c = text[i]
    if c == '"':
        return _skip_string(text, i)
    if c in "{[":
        end = _container_end(text, i)
        return len(text) if end is None else end
    m = _SCALAR.match(text, i)
    return m.end() if m else i


def _skip_ws(text: str, i: int) -> int:
    m = _WS.match(text, i)
    return m.end() if m else i   # \s* always matches


def spans(text: str) -> list[Span]:
    """The top-level keys of the object in `text` (already known to parse) with their value spans."""
    result: list[Span] = []
    i = text.index("{") + 1
    while True:
        i = _skip_ws(text, i)
        if i >= len(text) or text[i] == "}":
            return result
        if text[i] == ",":
            i += 1
            continue
        key_end = _skip_string(text, i)
        key = json.loads(text[i:key_end])
        colon = _skip_ws(text, key_end)
        vstart = _skip_ws(text, colon + 1)
        vend = _value_end(text, vstart)
        result.append(Span(key, i, vstart, vend))
        i = vend


def parse(text: str) -> dict[str, Any]:
    """The front matter's values (JSON errors become PostError with line and column)."""
    with parsing("JSON", text):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise json_error(exc) from None
    if not isinstance(value, dict):
        raise PostError("front matter must be a JSON object", line=1, column=1)
    return value


def render(value: object) -> str:
    def default(v: object) -> str:
        if isinstance(v, dt.datetime):
            return format_date(v)
        if isinstance(v, dt.date):
            return v.isoformat()
        raise TypeError(f"cannot write {type(v).__name__} as JSON")
    return json.dumps(value, ensure_ascii=False, default=default)


def set_value(text: str, key: str, value: object, newline: str = "\n") -> str:
    """`text` with top-level `key` set to `value` (a new key goes last, indented like the others)."""
    items = spans(text)
    # With a key written twice the last one counts (json.loads and Hugo's Go decoder agree).
    hit = next((s for s in reversed(items) if s.key == key), None)
    if hit:
        return text[: hit.value_start] + render(value) + text[hit.value_end:]
    close = text.rindex("}")
    entry = f"{json.dumps(key, ensure_ascii=False)}: {render(value)}"
    if not items:
        return text[:close] + entry + text[close:]
    last = items[-1]
    line_start = text.rfind("\n", 0, last.key_start) + 1
    indent = text[line_start: last.key_start]
    if indent.strip():  # keys share a line: stay on it
        return text[: last.value_end] + ", " + entry + text[last.value_end:]
    return text[: last.value_end] + "," + newline + indent + entry + text[last.value_end:]


def delete(text: str, key: str) -> str:
    """`text` without top-level `key` (every time it is written, with its separating comma)."""
    while any(s.key == key for s in spans(text)):
        text = _delete_first(text, key)
    return text


def _delete_first(text: str, key: str) -> str:
    items = spans(text)
    idx = next((i for i, s in enumerate(items) if s.key == key), None)
    if idx is None:
        return text
    span = items[idx]
    if idx > 0:
        start = items[idx - 1].value_end
        return text[:start] + text[span.value_end:]
    if len(items) > 1:
        return text[: span.key_start] + text[items[1].key_start:]
    return text[: span.key_start].rstrip() + text[span.value_end:].lstrip(" \t")


def key_line(text: str, key: str) -> int | None:
    """0-based line where top-level `key` is first written, or None."""
    span = next((s for s in spans(text) if s.key == key), None)
    return text.count("\n", 0, span.key_start) if span else None
