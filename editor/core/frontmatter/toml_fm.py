"""TOML front matter: parse with tomllib and edit one top-level key in place with tomlkit."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import tomllib
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.container import OutOfOrderTableProxy
from tomlkit.items import AoT, Array, String, StringType, Table

from editor.core.hugo.dates import format_date
from editor.core.errors import PostError
from editor.core.frontmatter.parseguard import parsing, toml_error


def parse(text: str) -> dict[str, Any]:
    """The front matter's values (TOML errors become PostError with line and column)."""
    with parsing("TOML", text):
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise toml_error(exc) from None


def _basic(text: str) -> str:
    # JSON's escapes are TOML's, except that TOML also forbids a raw DEL.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _is_literal(item: object) -> bool:
    return isinstance(item, String) and item.type in (StringType.SLL, StringType.MLL)


def render(value: object, old: object = None) -> str:
    """One TOML value as text, in the style of the item it replaces."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
            return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
        return repr(value)
    if isinstance(value, (dt.datetime, dt.date)):
        text = format_date(value) if isinstance(value, dt.datetime) else value.isoformat()
        if isinstance(old, String):
            return f"'{text}'" if _is_literal(old) else f'"{text}"'
        return text
    if isinstance(value, (list, tuple)):
        first = old[0] if isinstance(old, Array) and len(old) else None
        return "[" + ", ".join(render(v, first) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {render(v)}" for k, v in value.items()) + "}"
    if value is None:
        raise PostError("TOML has no null value; remove the key instead")
    text = str(value)
    if _is_literal(old) and "'" not in text and not any(ord(c) < 32 or c == "\x7f" for c in text):
        return f"'{text}'"
    return _basic(text)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _basic(key)


def set_value(text: str, key: str, value: object) -> str:
    """`text` with top-level `key` set to `value`; a new key goes before the first table."""
    try:
        doc = tomlkit.parse(text)
        old = doc.item(key) if key in doc else None
        if isinstance(old, (Table, AoT, OutOfOrderTableProxy)):   # a table split in parts: a proxy
            raise PostError(f'"{key}" is a TOML table; edit it in the raw text')
        if isinstance(old, Array) and isinstance(value, (list, tuple)):
            current = old.unwrap()
            if len(value) >= len(current) and all(a == b for a, b in zip(current, value)):
                first = old[0] if len(old) else None
                for v in value[len(current):]:
                    old.append(tomlkit.value(render(v, first)))
                return tomlkit.dumps(doc)
        if old is None:
            return _insert(text, f"{_key(key)} = {render(value)}")
        new_item = tomlkit.value(render(value, old))
        if old is not None:
            # Keep the comment that trailed the old value.
            trivia = old.trivia
            new_item.trivia.indent, new_item.trivia.comment_ws = trivia.indent, trivia.comment_ws
            new_item.trivia.comment, new_item.trivia.trail = trivia.comment, trivia.trail
        doc[key] = new_item
        return tomlkit.dumps(doc)
    except TOMLKitError as exc:
        raise PostError(f"invalid TOML: {exc}") from None


def _insert(text: str, line: str) -> str:
    """`text` with a new top-level `line` after the last line of the root table, i.e. before the
    first table header and the blank lines and comments that lead up to it (tomlkit would add a
    blank line of its own there)."""
    lines = text.splitlines(keepends=True)
    header = next((i for i, ln in enumerate(lines) if _is_header(lines, i)), len(lines))
    at = header
    while at > 0 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
        at -= 1
    if at == 0 and header < len(lines):
        at = header if not any(ln.strip() for ln in lines[:header]) else 0
    before = "".join(lines[:at])
    if before and not before.endswith(("\n", "\r")):
        before += "\n"
    return before + line + "\n" + "".join(lines[at:])


def _is_header(lines: list[str], i: int) -> bool:
    """Whether line i is a table header at the top level (not inside a multi-line array or string):
    the text before it must parse on its own."""
    if not lines[i].lstrip().startswith("["):
        return False
    try:
        tomllib.loads("".join(lines[:i]))
        return True
    except (tomllib.TOMLDecodeError, RecursionError, ValueError):
        return False


def delete(text: str, key: str) -> str:
    """`text` without top-level `key`."""
    doc = tomlkit.parse(text)
    if key in doc:
        del doc[key]
    return tomlkit.dumps(doc)


def key_line(text: str, key: str) -> int | None:
    """0-based line where top-level `key` is written (before the first table), or None."""
    pattern = re.compile(r"^\s*([\"']?)" + re.escape(key) + r"\1\s*=")
    for number, line in enumerate(text.splitlines()):
        if line.lstrip().startswith("["):
            break
        if pattern.match(line):
            return number
    return None
