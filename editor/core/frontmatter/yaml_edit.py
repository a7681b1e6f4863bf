"""YAML front matter edits: one top-level key set or deleted in place, values written in the file's quoting style."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable

import yaml
from ruamel.yaml.nodes import Node, ScalarNode, SequenceNode

from editor.core.errors import PostError
from editor.core.frontmatter.values import same_value
from editor.core.frontmatter.yaml_fm import Entry, compose, node_tag, parse, split_lines
from editor.core.hugo.dates import format_date


_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@`")


def _plain_safe(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text or "\r" in text or "\t" in text:
        return False
    if text[0] in _PLAIN_BAD_START or ": " in text or " #" in text or text.endswith(":"):
        return False
    if any(ord(c) < 32 or c in _SPECIAL for c in text):
        return False
    # Must still read back as a string (not a bool, number, null or date) in YAML 1.2 (Hugo
    # 0.168) and in YAML 1.1 (older Hugo, PyYAML): `yes`, `on`, `12:30`, `0777` get quotes.
    node = compose("k: " + text + "\n")
    if node is None or not node_tag(node.value[0][1]).endswith(":str"):
        return False
    try:
        return bool(yaml.safe_load("k: " + text + "\n") == {"k": text})
    except yaml.YAMLError:
        return False


# Written escaped, never raw: DEL and BOM are not printable, and NEL, LS, PS (pasted from web pages
# and word processors) are line breaks to the YAML reader, which folds them into spaces.
_SPECIAL = "\x7f\ufeff\x85\u2028\u2029"


def _double(text: str) -> str:
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif ord(c) < 32 or c in _SPECIAL:
            out.append(f"\\x{ord(c):02x}" if ord(c) < 256 else f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _single(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def render_scalar(value: object, style: str | None = None) -> str:
    """One scalar in YAML, in the given quoting style ('"', "'" or None for plain) when it is safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (math.isinf(value) or math.isnan(value)):
            return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")
        return repr(value)
    if isinstance(value, dt.datetime):
        text = format_date(value)
        return _double(text) if style == '"' else _single(text) if style == "'" else text
    if isinstance(value, dt.date):
        text = value.isoformat()
        return _double(text) if style == '"' else _single(text) if style == "'" else text
    text = str(value)
    if style == "'" and "\n" not in text and _printable(text):
        return _single(text)
    if style == '"' or not _plain_safe(text):
        return _double(text)
    return text


def _printable(text: str) -> bool:
    return not any(ord(c) < 32 or c in _SPECIAL for c in text)


def render_flow(value: object, style: str | None = None) -> str:
    """A list or mapping in YAML flow style (`[a, b]`, `{k: v}`)."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow_item(v, style) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow_item(k, style)}: {_flow_item(v, style)}" for k, v in value.items()) + "}"
    return render_scalar(value, style)


def _flow_item(value: object, style: str | None) -> str:
    if isinstance(value, (list, tuple, dict)):
        return render_flow(value, style)
    text = render_scalar(value, style)
    if style is None and isinstance(value, str) and any(c in text for c in ",[]{}"):
        return _double(value)
    return text


def _scalar_style(node: Node | None) -> str | None:
    style = getattr(node, "style", None)
    return style if style == '"' or style == "'" else None


def _first_item_style(node: Node | None) -> str | None:
    if isinstance(node, SequenceNode):
        for item in node.value:
            if isinstance(item, ScalarNode):
                return _scalar_style(item)
    return None


def _block_prefix(text: str, entries: list[Entry]) -> str:
    """How this file writes block-list items ("- " or "  - "), from its existing lists."""
    for entry in entries:
        node = entry.value_node
        if isinstance(node, SequenceNode) and node.flow_style is not True and node.value:
            item = node.value[0]
            line: str = split_lines(text)[item.start_mark.line]
            column: int = item.start_mark.column
            return line[:column]
    return "- "


def _render_block_items(values: Iterable[object], prefix: str, style: str | None, newline: str) -> str:
    lines = []
    for v in values:
        if isinstance(v, (list, tuple, dict)):
            lines.append(prefix + render_flow(v, style))
        else:
            lines.append(prefix + render_scalar(v, style))
    return "".join(line + newline for line in lines)


def set_value(text: str, key: str, value: object, newline: str = "\n") -> str:
    """`text` with top-level `key` set to `value`, touching only that key's lines (added at the end if missing)."""
    values, entries, duplicates = parse(text)
    if any(d.key == key for d in duplicates):
        d = next(d for d in duplicates if d.key == key)
        raise PostError(f'"{key}" is defined twice (here and {d.line - d.first_line} line(s) above); '
                        "remove one in the raw text first", line=d.line, column=d.column)
    lines = split_lines(text)
    entry = next((e for e in entries if e.key == key), None)
    if entry is None:
        return _append(text, key, value, entries, newline)
    node = entry.value_node
    if node.start_mark.index < entry.key_node.end_mark.index:
        # An alias (`categories: *tags`): its node is the anchored one, written elsewhere. Replace
        # this key's own lines; never the span of the value it points to.
        return _rewrite(text, lines, entry, entries, value, newline, node=None)
    anchor = getattr(node, "anchor", None)
    if anchor and re.search(r"\*" + re.escape(str(anchor)) + r"(?![^\s,\]}])", text):
        raise PostError(f'"{key}" is the anchor &{anchor} that other keys repeat (*{anchor}); '
                        "edit it in the raw text", line=entry.first_line + 1,
                        column=entry.key_node.start_mark.column + 1)
    # 1) A single-line scalar (or flow collection) on the key's line: replace just its span.
    if isinstance(node, ScalarNode) and not isinstance(value, (list, tuple, dict)):
        if node.start_mark.line == node.end_mark.line == entry.first_line and node.style not in ("|", ">"):
            new = render_scalar(value, _scalar_style(node))
            start, end = node.start_mark.index, node.end_mark.index
            return text[:start] + new + text[end:]
        if node_tag(node).endswith(":null") and node.start_mark.index == node.end_mark.index:
            at = entry.key_node.end_mark.index
            colon = text.index(":", at)
            return text[: colon + 1] + " " + render_scalar(value) + text[colon + 1:]
    if isinstance(node, SequenceNode) and node.flow_style is True and isinstance(value, (list, tuple)) \
            and node.start_mark.line == node.end_mark.line:
        new = render_flow(value, _first_item_style(node))
        return text[: node.start_mark.index] + new + text[node.end_mark.index:]
    # 2) A block list that only grows: append the new items after its last line.
    if isinstance(node, SequenceNode) and node.flow_style is not True and node.value \
            and isinstance(value, (list, tuple)):
        old = values[key]
        if len(value) >= len(old) and all(same_value(a, b) for a, b in zip(old, value)):
            item = node.value[0]
            prefix = lines[item.start_mark.line][: item.start_mark.column]
            last_item_line = node.value[-1].end_mark.line - (1 if node.value[-1].end_mark.column == 0 else 0)
            insert_at = max(last_item_line, node.value[-1].start_mark.line) + 1
            added = _render_block_items(value[len(old):], prefix, _first_item_style(node), newline)
            head = "".join(lines[:insert_at])
            if head and not head.endswith(("\n", "\r")):
                head += newline
            return head + added + "".join(lines[insert_at:])
    # 3) Anything else: rewrite the key's lines, keeping the key as written.
    return _rewrite(text, lines, entry, entries, value, newline, node)


def _rewrite(text: str, lines: list[str], entry: Entry, entries: list[Entry], value: object, newline: str,
             node: Node | None) -> str:
    """The key's lines written anew (`node`: its value node, None for an alias: style unknown)."""
    key_text = text[entry.key_node.start_mark.index: entry.key_node.end_mark.index]
    indent = lines[entry.first_line][: entry.key_node.start_mark.column]
    ending = _line_ending(lines[entry.last_line], newline)
    if isinstance(value, (list, tuple)) and isinstance(node, SequenceNode) and node.flow_style is not True:
        item = node.value[0] if node.value else None
        prefix = lines[item.start_mark.line][: item.start_mark.column] if item else _block_prefix(text, entries)
        # Comment lines inside the old list are the author's: keep each before the item at the
        # same position (or after the last item when the list got shorter).
        comments = _inner_comments(lines, entry, node)
        style = _first_item_style(node)
        last = len(node.value)   # comments after the old last item stay last
        body = "".join("".join(c for i, c in comments if i == n < last) +
                       _render_block_items([v], prefix, style, newline) for n, v in enumerate(value))
        rest = "".join(_with_ending(c, newline) for i, c in comments if i >= len(value) or i >= last)
        new_lines = (f"{indent}{key_text}:{newline}{body}" if value else
                     f"{indent}{key_text}: []{ending or (newline if rest else '')}") + rest
        if not ending:
            new_lines = new_lines[: -len(newline)] if new_lines.endswith(newline) else new_lines
    else:
        style = _scalar_style(node) if isinstance(node, ScalarNode) else _first_item_style(node)
        rendered = render_flow(value, style) if isinstance(value, (list, tuple, dict)) else render_scalar(value, style)
        sep = " " if rendered else ""
        new_lines = f"{indent}{key_text}:{sep}{rendered}{ending}"
    return "".join(lines[: entry.first_line]) + new_lines + "".join(lines[entry.last_line + 1:])


def _inner_comments(lines: list[str], entry: Entry, node: SequenceNode) -> list[tuple[int, str]]:
    """Comment-only lines inside a block list, each with the index of the item it precedes."""
    starts = [item.start_mark.line for item in node.value]
    found = []
    for number in range(entry.first_line + 1, entry.last_line + 1):
        if lines[number].lstrip().startswith("#"):
            found.append((sum(1 for start in starts if start < number), lines[number]))
    return found


def _with_ending(line: str, newline: str) -> str:
    return line if line.endswith(("\n", "\r")) else line + newline


def _line_ending(line: str, newline: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""


def _append(text: str, key: str, value: object, entries: list[Entry], newline: str) -> str:
    if text and not text.endswith(("\n", "\r")):
        text += newline
    if isinstance(value, (list, tuple)) and value and _prefers_block(entries):
        items = _render_block_items(value, _block_prefix(text, entries), None, newline)
        return text + f"{_key_text(key)}:{newline}" + items
    rendered = render_flow(value) if isinstance(value, (list, tuple, dict)) else render_scalar(value)
    return text + f"{_key_text(key)}:{' ' if rendered else ''}{rendered}{newline}"


def _key_text(key: str) -> str:
    """A new key as YAML: plain when it reads back as that string key, else double-quoted
    (`k:`, `#k`, `true`, `1`, `<<`, a key with a newline: never a comment, merge or other type)."""
    key = str(key)
    return key if key != "<<" and _plain_safe(key) else _double(key)


def _prefers_block(entries: list[Entry]) -> bool:
    """Whether a new list should be a block list: as the file's first non-empty list is, block by default."""
    for entry in entries:
        node = entry.value_node
        if isinstance(node, SequenceNode) and node.value:
            return node.flow_style is not True
    return True


def delete(text: str, key: str) -> str:
    """`text` without top-level `key` (its lines removed; comments around it kept)."""
    _, entries, duplicates = parse(text)
    if any(d.key == key for d in duplicates):
        raise PostError(f'"{key}" is defined twice; remove one in the raw text first')
    entry = next((e for e in entries if e.key == key), None)
    if entry is None:
        return text
    lines = split_lines(text)
    return "".join(lines[: entry.first_line] + lines[entry.last_line + 1:])
