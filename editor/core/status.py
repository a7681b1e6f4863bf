"""Hugo's publishing status of a page: draft, scheduled, published or expired, decided as Hugo does."""

from __future__ import annotations

import datetime as dt

DRAFT, SCHEDULED, PUBLISHED, EXPIRED = "draft", "scheduled", "published", "expired"
STATUSES = (DRAFT, SCHEDULED, PUBLISHED, EXPIRED)


def hugo_bool(value: object) -> bool:
    """A front-matter value read as Go's cast.ToBool does (`"yes"` and YAML 1.2 `yes` are false)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value.strip() in ("1", "t", "T", "TRUE", "true", "True")
    return False


def compute_status(draft: bool, publish_date: dt.datetime | None, expiry_date: dt.datetime | None,
                   now: dt.datetime | None = None) -> str:
    """Draft first; then a publish date (already falling back to date) in the future; then expiry."""
    now = now or dt.datetime.now(dt.timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt.timezone.utc)
    if draft:
        return DRAFT
    if publish_date is not None and publish_date > now:
        return SCHEDULED
    if expiry_date is not None and expiry_date <= now:
        return EXPIRED
    return PUBLISHED
