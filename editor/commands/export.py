"""`hugo-post-editor export FILE --to CONTENT_DIR`: copy a post into a content folder (file or leaf bundle)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from editor.core.errors import PostError
from editor.core.files.export import (DEFAULT_SECTION, ExportError, default_slug, export_url, plan_export,
                                      resolve_content_dir, write_export)
from editor.core.files.io import load, read_bytes
from editor.core.hugo.site import find_site


def add_parser(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="the post to export")
    p.add_argument("--to", required=True, metavar="SITE_OR_CONTENT_DIR",
                   help="a Hugo site's root (the post goes into its contentDir) or its content folder")
    p.add_argument("--section", default=DEFAULT_SECTION, help="section folder inside content (default: posts)")
    p.add_argument("--slug", default=None,
                   help="file or bundle name (default: the post's own file or bundle name, so its URL stays)")
    p.add_argument("--bundle", action="store_true",
                   help="write a leaf bundle <slug>/index.md and copy the post's local images beside it")
    p.add_argument("--force", action="store_true", help="overwrite a different existing file")


def run(args: argparse.Namespace) -> int:
    try:
        post = load(args.file)
        data = read_bytes(args.file)   # exported byte for byte, as saved
        slug = args.slug if args.slug is not None else default_slug(post)
        content = resolve_content_dir(args.to)
        plan = plan_export(data, post.content, args.file, content, args.section, slug, args.bundle)
        new_url = export_url(post, plan.target)
        old_url = post.url(find_site(args.file, strict=False))
    except (PostError, ExportError) as exc:
        print(f"hugo-post-editor export: {exc}", file=sys.stderr)
        return 2
    print(f"URL: {new_url}", flush=True)   # before anything is written
    if new_url != old_url:
        print(f"hugo-post-editor export: warning: the URL changes from {old_url} to {new_url}; "
              "links to the post break", file=sys.stderr)
    if plan.conflicts and not args.force:
        for path in plan.conflicts:
            print(f"hugo-post-editor export: {path} exists and differs; not written (use --force)",
                  file=sys.stderr)
        return 1
    for line in plan.warnings():
        print(f"hugo-post-editor export: warning: {line}", file=sys.stderr)
    try:
        target = write_export(plan, force=args.force)
    except (OSError, ExportError) as exc:
        print(f"hugo-post-editor export: {exc}", file=sys.stderr)
        return 2
    print(Path(target))
    for dest in plan.copied:   # everything else that was written, so the author sees what goes public
        print(f"copied {dest}")
    return 0
