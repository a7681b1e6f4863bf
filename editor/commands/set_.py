"""`set FILE KEY=VALUE… [--diff]`: minimal-diff front-matter edits from the shell."""

from __future__ import annotations

import difflib
import re
import sys
import time
from contextlib import nullcontext

from editor.commands.common import UserError, fail, open_post
from editor.core import PostError, dumps, save
from editor.core.hugo import fields
from editor.core.files.io import ChangedOnDisk, locked

RETRIES = 5   # reads of a file that keeps changing under us before giving up (loudly)
TEXT_FIELDS = {"title", "slug", "url", "description", "summary", "type", "layout", "linkTitle", "author"}


def add_parser(p) -> None:
    p.description = ("Set front-matter keys, changing only their lines. KEY=VALUE sets (lists as a,b,c; "
                     "dates as RFC 3339), KEY+=VALUE adds items to a list, --unset KEY removes a key.")
    p.add_argument("file", help="the post file")
    p.add_argument("assignments", nargs="*", metavar="KEY=VALUE", help="e.g. draft=false tags=a,b "
                   "publishDate=2026-12-01T09:00:00+01:00 tags+=new")
    p.add_argument("--unset", action="append", default=[], metavar="KEY", help="remove a key")
    p.add_argument("--diff", action="store_true", help="print a unified diff instead of writing")


def parse_value(key: str, text: str):
    """A shell value as the Python value for `key` (Hugo's fields by kind, others by their look)."""
    canonical = fields.canonical(key)
    if canonical in TEXT_FIELDS:
        return text
    if canonical in fields.LIST_FIELDS:
        return [v.strip() for v in text.split(",") if v.strip()]
    if canonical in fields.DATE_FIELDS or canonical in fields.BOOL_FIELDS:
        return text  # the core reads and checks dates and booleans
    if text in ("true", "false"):
        return text == "true"
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return text


def apply(post, assignments: list[str], unset: list[str]) -> None:
    for item in assignments:
        m = re.match(r"^([^=+]+)(\+?=)(.*)$", item, re.S)
        if not m:
            raise UserError(f"expected KEY=VALUE or KEY+=VALUE, got {item!r}")
        key, op, raw = m[1].strip(), m[2], m[3]
        if op == "+=":
            current = post.get(key)
            current = [] if current is None else current if isinstance(current, list) else [current]
            extra = [v.strip() for v in raw.split(",") if v.strip()]
            post[key] = current + [v for v in extra if v not in current]
        else:
            post[key] = parse_value(key, raw)
    for key in unset:
        if key in post:
            del post[key]


def run(args) -> int:
    if not args.assignments and not args.unset:
        return fail("nothing to set: give KEY=VALUE or --unset KEY")
    for attempt in range(RETRIES):
        try:
            # Read, edit and write under the folder's write lock, so that concurrent `set`s (and the
            # window's saves) queue up instead of each writing over the others' edits.
            with locked(args.file) if not args.diff else nullcontext():
                post, _site = open_post(args.file)
                before = dumps(post)
                apply(post, args.assignments, args.unset)
                after = dumps(post)
                if args.diff:
                    sys.stdout.writelines(difflib.unified_diff(
                        before.splitlines(keepends=True), after.splitlines(keepends=True),
                        fromfile=f"a/{args.file}", tofile=f"b/{args.file}"))
                elif after != before:
                    save(post)
            return 0
        except ChangedOnDisk as exc:
            # A program that does not take the lock (another editor) wrote between our read and
            # write: read its version and apply the edit again; never write over it.
            if attempt + 1 == RETRIES:
                return fail(str(exc))
            time.sleep(0.05 * (attempt + 1))
        except (UserError, PostError) as exc:
            return fail(str(exc))
    return 0
