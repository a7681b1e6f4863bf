"""`render FILE`: print the instant-preview HTML of a post's body."""

from __future__ import annotations

from editor.commands.common import UserError, fail, open_post
from editor.core import render_html


def add_parser(p) -> None:
    p.add_argument("file", help="the post file")
    p.add_argument("--unsafe", action="store_true",
                   help="keep raw HTML (as markup.goldmark.renderer.unsafe = true)")


def run(args) -> int:
    try:
        post, site = open_post(args.file)
    except UserError as exc:
        return fail(str(exc))
    unsafe = args.unsafe
    if site is not None and not unsafe:
        renderer = ((site.config.get("markup") or {}).get("goldmark") or {}).get("renderer") or {}
        unsafe = bool(renderer.get("unsafe"))
    print(render_html(post.content, unsafe=unsafe), end="")
    return 0
