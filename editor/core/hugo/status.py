"""Hugo's publishing status of a page: draft, scheduled, published or expired, decided as Hugo does."""

from __future__ import annotations

import datetime as dt

DRAFT, SCHEDULED, PUBLISHED, EXPIRED = "draft", "scheduled", "published", "expired"
STATUSES = (DRAFT, SCHEDULED, PUBLISHED, EXPIRED)
_TRUE = frozenset(("1", "t", "T", "TRUE", "true", "True"))


def hugo_bool(value: object) -> bool:
    """A front-matter value read as Go's cast.ToBool does (`"yes"` and YAML 1.2 `yes` are false)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value.strip() in _TRUE
    return False


def _now(now: dt.datetime | None) -> dt.datetime:
    now = now or dt.datetime.now(dt.timezone.utc)
    return now if now.tzinfo is not None else now.replace(tzinfo=dt.timezone.utc)


def is_future(publish_date: dt.datetime | None, now: dt.datetime | None = None) -> bool:
    """Hugo's IsFuture: a non-zero publishDate (which already falls back to date) after now."""
    return publish_date is not None and publish_date > _now(now)


def is_expired(expiry_date: dt.datetime | None, now: dt.datetime | None = None) -> bool:
    """Hugo's IsExpired: a non-zero expiryDate before now."""
    return expiry_date is not None and expiry_date < _now(now)


def hugo_lists(draft: bool, publish_date: dt.datetime | None, expiry_date: dt.datetime | None,
               now: dt.datetime | None = None) -> set[str]:
    """The `hugo list` subcommands (besides `all`) that would show the page.

    Verified with Hugo 0.168: `future` leaves out pages that are also expired and `expired` leaves
    out pages that are also future (each list is built without the other flag); drafts show in all.
    """
    future, expired = is_future(publish_date, now), is_expired(expiry_date, now)
    lists = set()
    if draft:
        lists.add("drafts")
    if future and not expired:
        lists.add("future")
    if expired and not future:
        lists.add("expired")
    if not (draft or future or expired):
        lists.add("published")
    return lists


def compute_status(draft: bool, publish_date: dt.datetime | None, expiry_date: dt.datetime | None,
                   now: dt.datetime | None = None) -> str:
    """Draft first; then expired (a page whose expiry has passed is never built again, even when
    its publish date is still ahead); then scheduled (publish date, falling back to date, ahead)."""
    if draft:
        return DRAFT
    if is_expired(expiry_date, now):
        return EXPIRED
    if is_future(publish_date, now):
        return SCHEDULED
    return PUBLISHED
