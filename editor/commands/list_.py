"""`list SITE [--json] [--words] [--status S] [--tag T] [--section S] [--lang L]`: the content index, table or JSON."""

from __future__ import annotations

import os
import sys

from editor.core.hugo.status import STATUSES


def add_parser(p) -> None:
    p.add_argument("site", help="the site (any path inside it, or a bare content folder)")
    p.add_argument("--json", action="store_true", help="print a JSON array of objects")
    p.add_argument("--status", choices=STATUSES, help="only posts with this status")
    p.add_argument("--tag", help="only posts with this tag (case-insensitive)")
    p.add_argument("--section", help="only posts in this section")
    p.add_argument("--lang", help="only posts in this language (multilingual sites)")
    p.add_argument("--words", action="store_true",
                   help="add Hugo's .WordCount of each post (each body is rendered once, then cached)")
    p.add_argument("--no-cache", action="store_true", help="re-read every file (the cache is still updated)")


def _keep(entry: dict, args) -> bool:
    if args.status and entry["status"] != args.status:
        return False
    if args.tag and args.tag.lower() not in (t.lower() for t in entry["tags"]):
        return False
    if args.lang and entry.get("lang", "") != args.lang.lower():
        return False
    return not (args.section is not None and entry["section"] != args.section)


def run(args) -> int:
    import gc
    # A short-lived command that builds a few hundred thousand objects and no garbage cycles worth
    # collecting: the cycle collector's repeated passes over them were a sixth of a warm run.
    gc.disable()
    from editor.core.errors import PostError
    from editor.core.index.site_index import SiteIndex
    from editor.core.hugo.site import open_site

    try:
        site = open_site(args.site)
    except PostError as exc:
        print(f"hugo-post-editor: {exc}", file=sys.stderr)
        return 2
    if site.error is not None:
        print(f"hugo-post-editor: warning: {site.error} (read-only; using Hugo's defaults)", file=sys.stderr)
    # Word counts are Hugo's (the body rendered, then counted): the cost of a cold index many times
    # over, so only on request; without --words the table has no WORDS column and JSON gives a count
    # only where one is already cached (else null).
    index = SiteIndex(site, use_cache=True, words=args.words)
    if args.no_cache:
        index.use_cache = False
    index.refresh(save=False)   # the cache is written beside the answer (save_aside below)
    if index.skipped_links:
        first = os.path.relpath(index.skipped_links[0], site.root)
        more = len(index.skipped_links) - 1
        print(f"hugo-post-editor: warning: skipped {first}{f' and {more} more' if more else ''}: "
              "symbolic links in the content folder are not followed (Hugo skips them too)",
              file=sys.stderr)
    # The cache is written by a copy of this process while the answer is printed (both need
    # only what the refresh read), and is complete before the command ends.
    saved = index.save_aside()
    try:
        _print(index, args, sys.stdout)
        sys.stdout.flush()
    finally:
        saved()
    return 0


_BATCH = 500   # JSON objects written at once


def _print(index, args, out) -> None:
    filtered = args.status or args.tag or args.section is not None or args.lang
    if args.json and not filtered:
        items = index.json_items()  # cached JSON spliced, not re-parsed: the fast path
        if not items:
            out.write("[]\n")
            return
        out.write("[\n")
        # In pieces of a few hundred kB: one string of the whole answer (8 MB for 10,000 posts)
        # was new memory, page after page, and took four times as long to build and write.
        for i in range(0, len(items), _BATCH):
            out.write(",\n".join(items[i:i + _BATCH]))
            out.write(",\n" if i + _BATCH < len(items) else "\n]\n")
        return
    entries = [e for e in index.entries() if _keep(e, args)]
    if args.json:
        import json
        out.write(json.dumps(entries, ensure_ascii=False, indent=None).replace("}, {", "},\n{") + "\n")
        return
    _table(entries, out, index.site.multilingual, args.words)


def _table(entries: list[dict], out, languages: bool = False, words: bool = False) -> None:
    """Columns STATUS DATE PATH TITLE URL; LANG after DATE on a multilingual site, WORDS with --words."""
    rows = [("STATUS", "DATE", *(("LANG",) if languages else ()), *(("WORDS",) if words else ()),
             "PATH", "TITLE", "URL")]
    for e in entries:
        date = (e["date"] or "")[:10]
        flag = " !" if any(p["severity"] == "error" for p in e["problems"]) else ""
        lang = (e.get("lang", ""),) if languages else ()
        count = (str(e["words"]),) if words else ()
        rows.append((e["status"] + flag, date, *lang, *count, e["path"], e["title"], e["url"]))
    n = len(rows[0]) - 1
    widths = [max(len(r[i]) for r in rows) for i in range(n)]
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)) + "  " + r[n] + "\n")
    out.write(f"{len(entries)} post{'s' if len(entries) != 1 else ''}" + os.linesep)
