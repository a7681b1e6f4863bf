"""YAML front matter read with positions (ruamel.yaml nodes): values, top-level entries with their lines, duplicates."""

from __future__ import annotations

import base64
import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from editor.core.errors import PostError
from editor.core.frontmatter.values import yaml_number
from editor.core.frontmatter.parseguard import (check_aliases, check_flow_depth, hide_controls, parsing,
                                                mark_line, reveal_controls, unmarked_yaml_error)

_yaml = YAML(typ="rt")  # YAML 1.2, as Hugo 0.168 reads it: `yes`/`on` are strings

_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(\.\d*)?"
    r"[ \t]*(Z|[+-]\d{1,2}(?::?\d{2})?)?)?$")


@dataclass
class Duplicate:
    """A key defined twice in one mapping (1-based lines of both, column of the second)."""
    key: str
    first_line: int
    line: int
    column: int


@dataclass
class Entry:
    """One top-level key: its nodes and the lines it occupies (0-based, end inclusive)."""
    key: str
    key_node: ScalarNode
    value_node: Node
    first_line: int
    last_line: int


def node_tag(node: Node) -> str:
    return str(getattr(node.tag, "value", node.tag) or "")


def _timestamp(text: str) -> dt.date | str:
    m = _TIMESTAMP.match(text)
    if not m:
        return text
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    try:
        if m[4] is None:
            return dt.date(y, mo, d)
        micro = int((m[7][1:] + "000000")[:6]) if m[7] and len(m[7]) > 1 else 0
        value = dt.datetime(y, mo, d, int(m[4]), int(m[5]), int(m[6]), micro)
        if m[8]:
            if m[8] == "Z":
                return value.replace(tzinfo=dt.timezone.utc)
            sign = -1 if m[8][0] == "-" else 1
            hh, _, mm = m[8][1:].partition(":")
            if not mm and len(hh) > 2:
                hh, mm = hh[:2], hh[2:]
            offset = dt.timedelta(hours=int(hh), minutes=int(mm or 0))
            return value.replace(tzinfo=dt.timezone(sign * offset))
        return value
    except ValueError:
        return text


def _scalar(node: ScalarNode) -> Any:
    tag, text = node_tag(node), node.value
    if node.style == ">":
        text = text.replace("\a", "")  # ruamel's round-trip composer marks fold points with BEL
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return text.lower() == "true"
    if (tag.endswith(":int") or tag.endswith(":float")) and node.style is None:
        number = yaml_number(text)
        if number is not None:
            return number
        # ruamel took it for a number (08, 1e3) but Hugo reads a string; text no reader takes
        # for a number (an explicit `!!float abc`) still fails below.
        try:
            _python_number(tag, text)
            return text
        except ValueError:
            pass
    return _python_number(tag, text) if tag.endswith((":int", ":float")) else _other_scalar(tag, text)


def _python_number(tag: str, text: str) -> int | float:
    if tag.endswith(":int"):
        clean = text.replace("_", "")
        try:
            return int(clean, 0)
        except ValueError as exc:
            for digits, base in ((clean, 10), (clean.replace("0o", ""), 8)):
                try:
                    return int(digits, base)
                except ValueError:
                    pass
            raise exc from None   # the first reason (e.g. too many digits) is the telling one
    low = text.lower()
    if low.endswith(".inf"):
        return -math.inf if low.startswith("-") else math.inf
    if low == ".nan":
        return math.nan
    return float(text.replace("_", ""))


def _other_scalar(tag: str, text: str) -> dt.date | str:
    if tag.endswith(":timestamp"):
        return _timestamp(text)
    if tag.endswith(":binary"):
        return binary_text(text)
    return text


def binary_text(text: str) -> str:
    """A `!!binary` value as Hugo reads it: the decoded bytes as (UTF-8) text."""
    return base64.b64decode("".join(text.split()), validate=True).decode("utf-8", "replace")


def key_text(node: Node) -> str:
    """A mapping key as Hugo reads it: the text as written (`1`, `true`, `2020-01-01` stay strings,
    so `1:` and `true:` are two keys, not one as 1 == True in Python), null (`null`, `~`) as ""."""
    if not isinstance(node, ScalarNode):
        raise PostError("a mapping key must be a plain value", line=node.start_mark.line + 1,
                        column=node.start_mark.column + 1)
    return "" if node_tag(node).endswith(":null") else str(node.value)


def _convert(node: Node, duplicates: list[Duplicate] | None = None) -> Any:
    """The Python value of a node (any YAML data)."""
    try:
        return _convert_node(node, duplicates)
    except Exception as exc:
        mark_line(exc, node.start_mark.line + 1)
        raise


def _convert_node(node: Node, duplicates: list[Duplicate] | None) -> Any:
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_convert(item, duplicates) for item in node.value]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if node_tag(key_node).endswith(":merge"):
                merged = _convert(value_node, duplicates)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for k, v in part.items():
                            result.setdefault(k, v)
                continue
            key = key_text(key_node)
            if key in seen and duplicates is not None:
                # Hugo 0.168 refuses the file; we still open it (the later value wins, as in
                # most YAML readers) so the author can repair it, and `check` reports it.
                duplicates.append(Duplicate(str(key), seen[key].start_mark.line + 1,
                                            key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            seen[key] = key_node
            result[key] = _convert(value_node, duplicates)
        return result
    return None


def compose(text: str) -> Node | None:
    """The root node of a YAML front matter (None when empty); YAML errors become PostError."""
    try:
        root: Node | None = _yaml.compose(io.StringIO(text))
        return root
    except MarkedYAMLError as exc:
        # Point at where the broken construct starts (an unclosed quote…), as Hugo does.
        mark = exc.context_mark or exc.problem_mark
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{problem} {exc.context}"
        if "'\\t'" in problem:
            problem += " (YAML indents with spaces, not tabs)"
        raise PostError(f"invalid YAML: {problem}", line=mark.line + 1 if mark else None,
                        column=mark.column + 1 if mark else None) from None
    except YAMLError as exc:
        raise unmarked_yaml_error(exc, text) from None


def parse(text: str) -> tuple[dict[str, Any], list[Entry], list[Duplicate]]:
    """The front matter's values, its top-level entries with their line ranges, and duplicate keys."""
    with parsing("YAML", text):
        return _parse(text)


def _parse(text: str) -> tuple[dict[str, Any], list[Entry], list[Duplicate]]:
    check_flow_depth(text)
    root, hidden = _compose_lenient(text)
    check_aliases(root)
    if root is None:
        return {}, [], []
    if not isinstance(root, MappingNode):
        raise PostError("front matter must be a mapping of keys to values", line=root.start_mark.line + 1,
                        column=root.start_mark.column + 1)
    duplicates: list[Duplicate] = []
    values = _convert(root, duplicates)
    lines = split_lines(text)
    pairs = [(k, v) for k, v in root.value if not node_tag(k).endswith(":merge")]
    entries: list[Entry] = []
    for i, (key_node, value_node) in enumerate(pairs):
        first = key_node.start_mark.line
        limit = pairs[i + 1][0].start_mark.line if i + 1 < len(pairs) else len(lines)
        last = max(first, limit - 1)
        while last > first and _is_filler(lines[last]):
            last -= 1
        entries.append(Entry(key_text(key_node), key_node, value_node, first, last))
    if hidden:
        values = reveal_controls(values)
        for entry in entries:
            entry.key = reveal_controls(entry.key)
        for d in duplicates:
            d.key = reveal_controls(d.key)
    return values, entries, duplicates


def _compose_lenient(text: str) -> tuple[Node | None, bool]:
    """The root node, and whether control characters were hidden to get it. What ruamel refuses
    but YAML 1.2, libyaml and Hugo accept is read leniently, with same-length stand-ins so every
    position still points into the author's text (which edits keep as written):
    - a tab after `key:`, before a comment or at a line's end → a space;
    - control characters (form feed, vertical tab… pasted from PDFs; Hugo keeps them) → stand-ins
      that reveal_controls() turns back."""
    lenient, hidden = text, False
    first: PostError | None = None
    for _ in range(3):
        try:
            return compose(lenient), hidden
        except PostError as exc:
            first = first or exc
            controls = None if hidden else hide_controls(lenient)
            if "'\\t'" in exc.reason and _separating_tabs_as_spaces(lenient) != lenient:
                lenient = _separating_tabs_as_spaces(lenient)
            elif controls is not None:
                lenient, hidden = controls, True
            else:
                raise first from None
    assert first is not None   # three rounds, each failed
    raise first from None


_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """Lines as the YAML reader counts them (str.splitlines also breaks at form feeds, vertical
    tabs and \\x1c-\\x1e, which would shift every line after one)."""
    out, start = [], 0
    for m in _BREAK.finditer(text):
        out.append(text[start:m.end()])
        start = m.end()
    if start < len(text):
        out.append(text[start:])
    return out


def _separating_tabs_as_spaces(text: str) -> str:
    """`text` with each tab after a line's first non-blank character and outside quotes made a
    space. Indentation tabs stay (YAML, libyaml and Hugo refuse those too)."""
    out = []
    for line in split_lines(text):
        stripped = line.lstrip(" \t")
        start = len(line) - len(stripped)
        chars = list(line)
        quote = None
        for i in range(start, len(chars)):
            c = chars[i]
            if quote:
                if c == quote and not (quote == '"' and chars[i - 1] == "\\"):
                    quote = None
            elif c in "'\"" and (i == start or chars[i - 1] in " \t:[{,-"):
                quote = c
            elif c == "\t":
                chars[i] = " "
        out.append("".join(chars))
    return "".join(out)


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or (line.startswith("#"))


def key_line(text: str, key: str) -> int | None:
    """0-based line where top-level `key` (exactly as parsed) is written, or None."""
    entry = next((e for e in parse(text)[1] if e.key == key), None)
    return entry.first_line if entry else None
