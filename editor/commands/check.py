"""`check PATH…`: lint posts like a compiler (path:line:col: error|warning: message); exit 1 on errors."""

from __future__ import annotations

import sys

from editor.commands.common import fail
from editor.core import PostError
from editor.core.index.site_index import checked_url_problems
from editor.core.lint.postlint import ERROR, check_file, iter_posts
from editor.core.hugo.site import find_site_root, load_site


def add_parser(p) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="post files or folders (searched recursively)")
    p.add_argument("--quiet", "-q", action="store_true", help="print errors only")


def run(args) -> int:
    files = iter_posts(args.paths)
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        return fail(f"{missing[0]}: no such file or folder")
    errors = warnings = 0
    sites: dict = {}
    for f in files:
        root = find_site_root(f)
        if root not in sites:
            try:
                sites[root] = load_site(root) if root else None
            except PostError as exc:
                print(f"{exc}: error: the site configuration cannot be read", file=sys.stderr)
                sites[root] = None
        for problem in check_file(f, sites[root]):
            if problem.severity == ERROR:
                errors += 1
            else:
                warnings += 1
                if args.quiet:
                    continue
            print(problem)
    for problem in checked_url_problems(files, sites):   # across posts: unsafe slugs, URLs two posts share
        errors += problem.severity == ERROR
        warnings += problem.severity != ERROR
        if problem.severity == ERROR or not args.quiet:
            print(problem)
    sys.stdout.flush()
    print(f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)",
          file=sys.stderr)
    return 1 if errors else 0
