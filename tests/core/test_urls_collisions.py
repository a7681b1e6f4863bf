"""Shared URLs and slugs Hugo would change: the index warns where Hugo is silent (checked with real Hugo)."""

from __future__ import annotations

import pytest

from editor.core.hugo import binary as hugo
from editor.core.hugo.collisions import slug_problem
from editor.core.index.site_index import SiteIndex
from editor.core.hugo.site import load_site
from tests.sitegen import hugo_list, make_site, site_path

Y = "---\ntitle: {}\nslug: {}\n---\n"


@pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
def test_shared_urls_are_problems_where_hugo_keeps_one(tmp_path):
    root = make_site(tmp_path, {
        "posts/one.md": Y.format("one", "a&b"), "posts/two.md": Y.format("two", "a:b"),
        "posts/My-Post.md": "---\ntitle: upper\n---\n", "posts/my-post.md": "---\ntitle: lower\n---\n",
        "posts/fine.md": Y.format("fine", "fine-slug"),
    })
    listed = hugo_list(root)
    urls = [site_path(p.permalink) for p in listed]
    assert urls.count("/posts/ab/") == 2 and len(listed) == 4  # Hugo drops one case-twin silently
    entries = {e["path"]: e for e in SiteIndex(load_site(root)).refresh().entries()}
    shared = {p for p, e in entries.items() if any("publishes only one" in x["message"] for x in e["problems"])}
    assert shared == {"content/posts/one.md", "content/posts/two.md", "content/posts/My-Post.md",
                      "content/posts/my-post.md"}
    first = next(x for x in entries["content/posts/one.md"]["problems"] if "only one" in x["message"])
    assert first["line"] == 3 and "two.md" in first["message"]


def test_slug_problems_offer_the_safe_slug():
    p = slug_problem("Hello World & Co: Part 2", "content/posts/x.md", 4)
    assert p.line == 4 and p.fix == "hello-world-co-part-2" and "hello-world-co-part-2" in p.message
    assert slug_problem("already-safe-2", "x.md", 2) is None
    assert slug_problem("Upper", "x.md", 2).fix == "upper"
    assert slug_problem("Upper", "x.md", 2, lower=False) is None
