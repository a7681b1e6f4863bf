"""`new SITE --section S --title T [--bundle] [--kind K] [--lang L]`: create a post from the site's archetypes."""

from __future__ import annotations

import sys


def add_parser(p) -> None:
    p.add_argument("site", help="the site (any path inside it)")
    p.add_argument("--section", default="posts", help="section folder inside content (default: posts)")
    p.add_argument("--title", required=True, help="the post's title; the file name is Hugo's urlize of it")
    p.add_argument("--bundle", action="store_true", help="create a leaf bundle (<slug>/index.md)")
    p.add_argument("--kind", help="archetype to use (hugo new content --kind)")
    p.add_argument("--lang", help="the post's language on a multilingual site (default: the site's default "
                                   "language); it goes to that language's content folder or gets its suffix")
    p.add_argument("--no-hugo", action="store_true", help="use the built-in template, not the Hugo binary")


def run(args) -> int:
    from editor.core.hugo.archetypes import new_post, runs_hugo
    from editor.core.errors import PostError
    from editor.core.hugo.site import open_site

    from editor.core.hugo import binary as hugo
    from editor.core.lint import site_check

    site = None
    try:
        site = open_site(args.site)
        path = new_post(site, args.section, args.title, bundle=args.bundle, kind=args.kind,
                        use_hugo=not args.no_hugo, lang=(args.lang or "").lower() or None)
    except PostError as exc:
        reasons = [] if args.no_hugo or site is None or not site.config_files else \
            site_check.problems(site, hugo.binary_version(hugo.hugo_binary()))
        # A site this Hugo cannot build: its one-line reason rather than Hugo's raw error.
        print(f"hugo-post-editor: {reasons[0] if reasons else exc}", file=sys.stderr)
        return 2
    if runs_hugo(site, not args.no_hugo):
        print(f"hugo-post-editor new: made by {hugo.describe_binary()}", file=sys.stderr)
    print(path)
    return 0
