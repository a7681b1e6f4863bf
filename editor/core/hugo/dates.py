"""Hugo's date rules: parse every front-matter date form Hugo accepts, and format RFC 3339 with an offset."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
ZERO = dt.datetime(1, 1, 1, tzinfo=UTC)


class DateError(ValueError):
    """A value Hugo would refuse as a date ("not a parsable date")."""


_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})"
    r"(?:(?P<sep>[T ])(?P<h>\d{1,2}):(?P<mi>\d{2}):(?P<s>\d{2})(?P<frac>\.\d+)?"
    r"(?P<sp> ?)(?P<tz>Z|[+-]\d{2}:?\d{2})?(?: (?P<abbr>[A-Z]{3,5}))?)?$"
)
_DAY_MON_YEAR = re.compile(r"^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$")
_MONTHS = {m: i for i, m in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}


def zone(name: str | None) -> dt.tzinfo:
    """The tzinfo for a site's `timeZone` setting (UTC when unset or unknown)."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except Exception:  # an unknown zone name: Hugo refuses the config; we fall back to UTC
        return UTC


def _offset(text: str) -> dt.tzinfo:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _from_string(value: str, tz: dt.tzinfo) -> dt.datetime:
    text = value.strip()
    m = _ISO.match(text)
    if m:
        if m["h"] is None:
            return dt.datetime(int(m["y"]), int(m["mo"]), int(m["d"]), tzinfo=tz)
        if m["sep"] == "T" and m["sp"]:
            raise DateError(value)
        micro = int((m["frac"][1:] + "000000")[:6]) if m["frac"] else 0
        tzinfo = _offset(m["tz"]) if m["tz"] else tz
        if m["abbr"] and not m["tz"]:
            raise DateError(value)
        return dt.datetime(int(m["y"]), int(m["mo"]), int(m["d"]), int(m["h"]), int(m["mi"]),
                           int(m["s"]), micro, tzinfo=tzinfo)
    m = _DAY_MON_YEAR.match(text)
    if m and m[2] in _MONTHS:
        return dt.datetime(int(m[3]), _MONTHS[m[2]], int(m[1]), tzinfo=tz)
    if "," in text and re.search(r"\d{2}:\d{2}", text):
        # RFC 1123 / 822 forms. A zone abbreviation (CDT…) is read as +00:00, as Hugo does.
        try:
            from email.utils import parsedate_to_datetime   # RFC 1123 dates are rare: not at start-up
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            raise DateError(value) from None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=UTC)
        elif not re.search(r"[+-]\d{4}\s*$", text):
            parsed = parsed.replace(tzinfo=UTC)
        return parsed
    raise DateError(value)


def parse_date(value: object, tz: dt.tzinfo = UTC) -> dt.datetime | None:
    """The instant Hugo reads from a front-matter date value, or None for an unset (zero) date.

    Strings, datetimes, dates and Unix-time integers are accepted as Hugo 0.168 accepts them;
    values without a zone are in `tz` (the site's timeZone, UTC by default). Raises DateError
    for anything Hugo would refuse.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise DateError(str(value))
    if isinstance(value, dt.datetime):
        result = value if value.tzinfo else value.replace(tzinfo=tz)
    elif isinstance(value, dt.date):
        result = dt.datetime(value.year, value.month, value.day, tzinfo=tz)
    elif isinstance(value, int):
        try:
            result = dt.datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):   # past year 9999: Hugo refuses 99999999999999999999 too
            raise DateError(str(value)) from None
    elif isinstance(value, str):
        try:
            result = _from_string(value, tz)
        except ValueError:  # includes out-of-range months and days
            raise DateError(value) from None
    else:
        raise DateError(repr(value))
    return None if is_zero(result) else result


def is_zero(value: dt.datetime | None) -> bool:
    """True for Go's zero time (0001-01-01T00:00:00Z), which Hugo treats as 'no date'."""
    # Only a year-1 value can equal it (an earlier local time has no year); the comparison of
    # two aware times, which works out both offsets, is then rarely needed.
    return value is None or (value.year == 1 and value == ZERO)


def format_date(value: dt.datetime) -> str:
    """RFC 3339 with an explicit offset, seconds precision (fraction kept if present): Hugo's style."""
    if value.tzinfo is None:
        raise ValueError("refusing to format a date without an explicit offset")
    offset = value.utcoffset() or dt.timedelta(0)
    # Not strftime: glibc writes year 1 as "1", which no reader takes for a date.
    base = (f"{value.year:04d}-{value.month:02d}-{value.day:02d}T"
            f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}")
    if value.microsecond:
        base += f".{value.microsecond:06d}".rstrip("0")
    if offset == dt.timedelta(0):
        return base + "Z"
    total = int(offset.total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    total = abs(total)
    return f"{base}{sign}{total // 60:02d}:{total % 60:02d}"


def format_hugo(value: dt.datetime | None) -> str:
    """A date as `hugo list` prints it (zero date for None)."""
    return "0001-01-01T00:00:00Z" if value is None else format_date(value.replace(microsecond=0))
