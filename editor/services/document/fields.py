"""Which front-matter keys the form edits, and a post's values split into form fields and other keys."""

from __future__ import annotations

import datetime as dt

from editor.core.hugo import fields
from editor.core.post import Post

FORM_KEYS = ("title", "slug", *fields.DATE_FIELDS, "draft", "tags", "categories", "description")


def form_values(post: Post) -> tuple[dict, dict]:
    """({canonical form key: value} for keys present, {other key as written: value})."""
    values: dict = {}
    for key in FORM_KEYS:
        if key in post:
            value = post[key]
            if key in fields.DATE_FIELDS and not isinstance(value, dt.datetime):
                continue   # not a date Hugo can read: shown as unset, the lint reports it
            if key == "draft":
                value = post.draft
            values[key] = value
    meta = post.metadata
    other = {k: meta[k] for k in post.keys() if (fields.canonical(str(k)) or k) not in FORM_KEYS}
    return values, other
