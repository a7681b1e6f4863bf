"""Value helpers shared by the front-matter formats: Hugo-meaningful equality of parsed values."""

from __future__ import annotations

import datetime as dt
import math


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
