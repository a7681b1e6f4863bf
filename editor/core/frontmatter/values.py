"""Value helpers shared by the front-matter formats: Hugo-meaningful equality of parsed values."""

from __future__ import annotations

import datetime as dt
import math
import re


def same_value(a: object, b: object) -> bool:
    """Equality that also compares datetimes by instant and offset, never equates True with 1, and
    equates NaN with NaN."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True   # `.nan` reads back as NaN, and NaN != NaN: an untouched key must count as unchanged
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        if (a.tzinfo is None) != (b.tzinfo is None):
            return False
        return a == b and a.utcoffset() == b.utcoffset()
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))):
        if isinstance(a, str) or isinstance(b, str):
            return False
    return a == b


# YAML plain scalars that Hugo 0.168 reads as numbers (checked against the binary in
# tests/core/test_attacks_parse.py): YAML 1.1 integer forms (0777 octal, 0b101, 1_000, 0x_1F) but
# not 08 or 0o8; floats need a dot (1e3, 12e03 and 1e+3 stay strings).
_YAML_INT = re.compile(r"[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|0[0-7_]+|0|[1-9][0-9_]*)")
_YAML_FLOAT = re.compile(r"[-+]?(?=\.?[0-9])(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?")
_YAML_INF = re.compile(r"([-+]?)\.(?:inf|Inf|INF)")
_YAML_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
YAML_NUMBER_START = "-+.0123456789"


def yaml_number(text: str) -> int | float | None:
    """The number Hugo reads from a plain YAML scalar, or None when Hugo reads it as a string."""
    if _YAML_INT.fullmatch(text):
        sign = -1 if text[0] == "-" else 1
        digits = text.lstrip("+-").replace("_", "")
        prefix = digits[:2].lower()
        base = {"0b": 2, "0o": 8, "0x": 16}.get(prefix)
        if base:
            digits = digits[2:]
        elif len(digits) > 1 and digits[0] == "0":
            base = 8
        if not digits:
            return None
        return sign * int(digits, base or 10)   # ValueError past 4,300 digits: parseguard names it
    if _YAML_FLOAT.fullmatch(text):
        return float(text.replace("_", ""))
    m = _YAML_INF.fullmatch(text)
    if m:
        return -math.inf if m[1] == "-" else math.inf
    return math.nan if _YAML_NAN.fullmatch(text) else None
