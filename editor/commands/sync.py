"""`sync SITE`: fetch the branch's upstream and fast-forward (or replay local commits); nothing changes on conflict."""

from __future__ import annotations

import argparse
import sys


def add_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("site", help="the site (any path inside its repository)")


def run(args: argparse.Namespace) -> int:
    from editor.core.git.repo import GitError, Repo
    from editor.core.git.sync import SyncConflict, sync

    try:
        result = sync(Repo.find(args.site))
    except SyncConflict as exc:
        print(f"hugo-post-editor sync: {exc}", file=sys.stderr)
        return 1
    except GitError as exc:
        print(f"hugo-post-editor sync: {exc}", file=sys.stderr)
        return 2
    print(result.summary())
    for path in result.changed:
        print(f"  {path}")
    return 0
