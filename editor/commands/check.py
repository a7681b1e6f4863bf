"""`check PATH…`: lint posts like a compiler (path:line:col: error|warning: message); exit 1 on errors."""

from __future__ import annotations

import sys

from editor.commands.common import fail
from editor.core.lint import ERROR, check_file, iter_posts


def add_parser(p) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="post files or folders (searched recursively)")
    p.add_argument("--quiet", "-q", action="store_true", help="print errors only")


def run(args) -> int:
    files = iter_posts(args.paths)
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        return fail(f"{missing[0]}: no such file or folder")
    errors = warnings = 0
    for f in files:
        for problem in check_file(f):
            if problem.severity == ERROR:
                errors += 1
            else:
                warnings += 1
                if args.quiet:
                    continue
            print(problem)
    sys.stdout.flush()
    print(f"{len(files)} file(s) checked: {errors} error(s), {warnings} warning(s)",
          file=sys.stderr)
    return 1 if errors else 0
