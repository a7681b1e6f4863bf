"""Hostile front matter: one catch turning any parser failure into a PostError with a line, and limits."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from editor.core.errors import PostError

# The limits: YAML aliases may not expand past a node budget (alias bombs, recursive aliases),
# flow collections may not nest past a depth, control characters get stand-ins Hugo agrees with.

# Nodes that aliases may add to a YAML document beyond the nodes actually written. A 500-byte
# "billion laughs" post expands to 10⁸ nodes; no real post repeats anything this often.
ALIAS_BUDGET = 100_000
SCALAR_UNIT = 100   # characters of a scalar that weigh as much as one node

_DIGITS = re.compile(r"\d{1000,}")


class _Mark(Protocol):
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...


class YamlNode(Protocol):
    """A composed YAML node, of ruamel.yaml or of PyYAML: the limits here read both."""
    @property
    def value(self) -> Any: ...
    @property
    def start_mark(self) -> _Mark: ...


@contextmanager
def parsing(fmt: str, text: str) -> Iterator[None]:
    """Run a third-party parser on `text`: whatever it raises on hostile input (RecursionError,
    ValueError from a 5,000-digit integer or `!!float abc`, OverflowError, MemoryError…) becomes
    one PostError naming the line, instead of a traceback. PostError itself passes through."""
    try:
        yield
    except PostError:
        raise
    except Exception as exc:   # deliberately broad: this is the single place parsers are trusted
        raise PostError(f"invalid {fmt}: {_reason(exc)}", line=_line(text, exc), column=1) from None


# C0 controls (but tab and newlines) and DEL: YAML readers refuse them, Hugo keeps them as text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HIDDEN = 0xF0000   # stand-ins from plane 15 (private use): printable to YAML, one character each
_HIDE = {c: _HIDDEN + c for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}
_REVEAL = {v: k for k, v in _HIDE.items()}


def hide_controls(text: str) -> str | None:
    """`text` with each control character swapped for a same-length stand-in the YAML readers
    accept (positions stay valid); None when there is none, or stand-ins already occur in it."""
    if not _CONTROL.search(text) or any(0xF0000 <= ord(c) <= 0xF007F for c in text if ord(c) >= 0xF0000):
        return None
    return text.translate(_HIDE)


def reveal_controls(value: Any) -> Any:
    """The stand-ins of hide_controls turned back into the control characters, in any value."""
    if isinstance(value, str):
        return value.translate(_REVEAL)
    if isinstance(value, list):
        return [reveal_controls(v) for v in value]
    if isinstance(value, dict):
        return {reveal_controls(k): reveal_controls(v) for k, v in value.items()}
    return value


def mark_line(exc: BaseException, line: int) -> None:
    """Leave the line of the innermost node being read on an exception that has none yet, for
    parsing() to report (converters raise anything: a bad date, an endless number…)."""
    if not getattr(exc, "post_line", None):
        setattr(exc, "post_line", line)   # any exception type: no declared field to assign


def toml_error(exc: tomllib.TOMLDecodeError) -> PostError:
    """tomllib's error as a PostError with its line and column (taken out of the message)."""
    m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
    return PostError(f"invalid TOML: {message}", line=int(m[1]) if m else None, column=int(m[2]) if m else None)


def json_error(exc: json.JSONDecodeError) -> PostError:
    """json's error as a PostError with its line and column."""
    return PostError(f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)


def unmarked_yaml_error(exc: BaseException, text: str) -> PostError:
    """A YAML error without a mark (the reader's "unacceptable character #x000c"): one line, and the
    line found from the character position it carries."""
    position = getattr(exc, "position", None)
    line = text.count("\n", 0, position) + 1 if isinstance(position, int) else 1
    reason = str(getattr(exc, "reason", "") or "").strip() or str(exc).split("\n")[0]
    character = getattr(exc, "character", None)
    if isinstance(character, str) and "#x" not in reason:
        reason = f"unacceptable character #x{ord(character):04x}: {reason}"
    elif isinstance(character, int) and "#x" not in reason:
        reason = f"unacceptable character #x{character:04x}: {reason}"
    return PostError(f"invalid YAML: {reason}", line=line, column=1)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, MemoryError):
        return "too large to read"
    text = str(exc)
    m = re.search(r"value has (\d+) digits", text)
    if m:   # Python's guard against quadratic int parsing (sys.int_info.str_digits_check_threshold)
        return f"a number with {m[1]} digits is too long to read"
    text = text.split("\n")[0] or type(exc).__name__
    return text if len(text) <= 160 else text[:150] + "…"   # the value itself may be huge


def _line(text: str, exc: BaseException) -> int:
    """1-based line of the culprit: a hint left by the parser, else where the text gets odd."""
    hint = getattr(exc, "post_line", None)
    if isinstance(hint, int) and hint:
        return hint
    if isinstance(exc, RecursionError):
        return _deepest_line(text)
    m = _DIGITS.search(text)
    if m and "digit" in str(exc):
        return text.count("\n", 0, m.start()) + 1
    return 1


def _deepest_line(text: str, limit: int = 100) -> int:
    """The line where bracket nesting first passes `limit` (strings are not skipped: a hint only)."""
    depth = 0
    for i, c in enumerate(text):
        if c in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, i) + 1
        elif c in "]}":
            depth -= 1
    return 1


MAX_FLOW_DEPTH = 32   # ruamel's scanner slows superlinearly with [ { nesting (1,000 levels: 5 s); real posts use 1-3


def check_flow_depth(text: str) -> None:
    """Refuse YAML whose flow collections ([…], {…}) nest deeper than MAX_FLOW_DEPTH, found with
    libyaml's C scanner before the round-trip parser sees it. Text the scanner rejects is left to
    the parser, which names the error better."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return   # cannot nest that deep: the usual post costs nothing
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    opening = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
    closing = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
    depth = 0
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, opening):
                depth += 1
                if depth > MAX_FLOW_DEPTH:
                    raise PostError(f"invalid YAML: nested more than {MAX_FLOW_DEPTH} levels deep",
                                    line=token.start_mark.line + 1, column=token.start_mark.column + 1)
            elif isinstance(token, closing):
                depth -= 1
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if "nesting depth" in str(exc) and mark is not None:   # libyaml's own limit (1,000)
            raise PostError(f"invalid YAML: nested more than {MAX_FLOW_DEPTH} levels deep",
                            line=mark.line + 1, column=mark.column + 1) from None
        return
    finally:
        loader.dispose()


def check_aliases(root: YamlNode | None) -> None:
    """Refuse a YAML node graph (ruamel or PyYAML nodes) whose aliases refer to themselves or
    would expand past ALIAS_BUDGET nodes (long scalars weigh more); sizes are memoised, so this is linear
    in the nodes written."""
    if root is None:
        return
    sizes: dict[int, int] = {}
    active: set[int] = set()
    distinct = 0   # the weight of the nodes as written
    # Iterative post-order walk: deep documents must not hit Python's recursion limit here.
    stack: list[tuple[YamlNode, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            sizes[key] = _weight(node) + sum(sizes[id(c)] for c in _children(node))
            continue
        if key in sizes:
            continue
        if key in active:
            raise PostError("invalid YAML: an alias refers to the value that contains it "
                            "(a recursive alias)", line=node.start_mark.line + 1,
                            column=node.start_mark.column + 1)
        active.add(key)
        distinct += _weight(node)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in active:
                raise PostError("invalid YAML: an alias refers to the value that contains it "
                                "(a recursive alias)", line=child.start_mark.line + 1,
                                column=child.start_mark.column + 1)
            if id(child) not in sizes:
                stack.append((child, False))
    if sizes[id(root)] - distinct > ALIAS_BUDGET:
        culprit = _first_alias_heavy(root, sizes)
        raise PostError(f"invalid YAML: its aliases would expand it {sizes[id(root)] / max(distinct, 1):,.0f}-fold "
                        f"(more than {ALIAS_BUDGET:,} repeated values or {ALIAS_BUDGET * SCALAR_UNIT // 10**6} MB "
                        "of repeated text are refused: an alias bomb?)",
                        line=culprit.start_mark.line + 1, column=culprit.start_mark.column + 1)


def _weight(node: YamlNode) -> int:
    """A node counts one, plus one per SCALAR_UNIT characters: an alias of a 60 KB string repeated
    1,000 times is a 60 MB bomb for whoever prints or stores the values, with only 1,000 nodes."""
    value = node.value
    return 1 + len(value) // SCALAR_UNIT if isinstance(value, str) else 1


def _children(node: YamlNode) -> list[YamlNode]:
    value = node.value
    if isinstance(value, list):
        out: list[YamlNode] = []
        for item in value:
            if isinstance(item, tuple):
                out.extend(item)
            else:
                out.append(item)
        return out
    return []


def _first_alias_heavy(root: YamlNode, sizes: dict[int, int]) -> YamlNode:
    """The first top-level value whose expansion alone passes the budget (else the root)."""
    for child in _children(root):
        if sizes.get(id(child), 0) > ALIAS_BUDGET:
            return child
    return root
