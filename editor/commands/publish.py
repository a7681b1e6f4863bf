"""`publish SITE [-m MESSAGE] [--push] [--dry-run] [POST…]`: commit the changed posts (only them), then push."""

from __future__ import annotations

import argparse
import os
import sys


def add_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("site", help="the site (any path inside it, or a bare content folder in a repository)")
    p.add_argument("posts", nargs="*", metavar="POST", help="only these posts (files or bundle folders)")
    p.add_argument("-m", "--message", help="the commit message (default: 'Publish: ' and the posts' titles)")
    p.add_argument("--push", action="store_true", help="push the branch to its upstream after committing")
    p.add_argument("--dry-run", action="store_true", help="print what would be committed, change nothing")
    # POSTs may follow the options (publish SITE -m MSG a.md b.md): argparse's plain parse_args
    # would have consumed the empty POST list before the options.
    p.parse_args = p.parse_intermixed_args


def _fail(message: str, status: int = 2) -> int:
    print(f"hugo-post-editor publish: {message}", file=sys.stderr)
    return status


def run(args: argparse.Namespace) -> int:
    from editor.core.git import publish
    from editor.core.errors import PostError
    from editor.core.git.repo import GitError
    from editor.core.hugo.site import open_site

    try:
        site = open_site(args.site)
        plan = publish.plan(site, [os.path.abspath(p) for p in args.posts] or None)
    except (PostError, GitError) as exc:
        return _fail(str(exc))
    out = sys.stdout
    if not plan.items:
        print("nothing to publish: no post changed" + (" among those named" if args.posts else ""))
        _left_out(plan.left_out, out)
        waiting = publish.unpushed(plan.repo) if args.push else 0
        if waiting and not args.dry_run:   # e.g. a commit kept after a rejected push, then a sync
            out.flush()
            try:
                where = publish.push(plan.repo)
            except GitError as exc:
                return _fail(str(exc), 1)
            print(f"pushed {waiting} earlier commit(s) to {where}")
        elif waiting:
            print(f"would push {waiting} earlier commit(s) to {plan.repo.upstream_name()}")
        return 0
    try:
        publish.check(plan, push=args.push)
    except GitError as exc:
        return _fail(str(exc))
    message = args.message or publish.default_message(plan.items)
    if args.dry_run:
        print(f"would commit on {plan.branch}: {message}")
        for item in plan.items:
            for change in item.files:
                print(f"  {change.state:<10}{change.path}")
        _left_out(plan.left_out, out)
        if args.push:
            print(f"would push to {plan.repo.upstream_name() or plan.upstream[0]}")
        return 0
    try:
        result = publish.commit(plan, message)
    except GitError as exc:
        return _fail(str(exc))
    print(f"[{result.branch} {result.commit}] {result.message.splitlines()[0]}")
    for state, path in result.files:
        print(f"  {state:<10}{path}")
    _left_out(result.left_out, out)
    out.flush()
    if args.push:
        try:
            where = publish.push(plan.repo)
        except GitError as exc:
            return _fail(str(exc), 1)
        print(f"pushed to {where}")
    return 0


def _left_out(paths: list[str], out) -> None:
    from editor.core.git.publish import describe
    if paths:
        out.write(f"left out (not under the content folder): {describe(paths)}\n")
