"""Page URLs (slug, url, [permalinks], baseURL prefix, case, accents, bundles, sections) vs the real Hugo."""

from __future__ import annotations

import json

import pytest

from editor.core.hugo import binary as hugo
from editor.core.files import io
from editor.core.hugo.site import load_site
from editor.core.hugo.urls import page_url
from tests.sitegen import hugo_list, make_site, site_path

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

SLUGS = [
    "ibm no longer offers facial recognition software", "Hello World UPPER", "café été",
    "日本語 スラッグ", "a/b/c", "what? really?", "a#b", "a%20b", "a&b", "multiple   spaces  and trailing ",
    "dots.in.slug", "emoji 😀 here", "it's \"quoted\"", "under_score+plus", "-leading-and-trailing-",
    "tab\there", "C++ & C# — em dash – en dash", "x---y", "Straße Œuvre Æsir ß", "Ünïcödé Çàfé ñ",
    "UPPER", "100% sure", "a~b@c", "semi;colon,comma", "plain-safe-slug",
]
TITLES = ["Title Only, No Slug: Café & Co!", "Another Title", "UPPER Case Title", "ünïcode títle",
          "under_score+plus title", "a%20b title"]


def _yaml(**fields) -> str:
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in fields.items()) + "---\nbody\n"


POSTS: dict[str, str] = {}
for i, slug in enumerate(SLUGS):
    POSTS[f"posts/slug-{i:02d}.md"] = _yaml(title=f"Slug {i}", slug=slug, date="2020-06-15T08:00:00-05:00")
for i, title in enumerate(TITLES):
    POSTS[f"posts/title-{i}.md"] = _yaml(title=title, date=f"2021-0{i + 1}-03")
POSTS.update({
    "posts/File Name With Spaces.md": _yaml(title="spaces"),
    "posts/Café Ünïcode.md": _yaml(title="unicode file"),
    "posts/MixedCase-File.md": _yaml(title="mixed"),
    "posts/2021-03-04-filename-dated.md": _yaml(title="dated file"),
    "posts/2021-03-05-dated-with-slug.md": _yaml(title="dated slug", slug="explicit-slug"),
    "posts/url-abs.md": _yaml(title="u1", url="/custom/path/"),
    "posts/url-rel.md": _yaml(title="u2", url="custom-no-slash"),
    "posts/url-space.md": _yaml(title="u3", url="/With Space/Upper/"),
    "posts/url-ugly.md": _yaml(title="u4", url="/file.html"),
    "posts/url-and-slug.md": _yaml(title="u5", url="/wins/", slug="loses"),
    "posts/url-no-trailing.md": _yaml(title="u6", url="/no/trailing"),
    "posts/url-dot-folder.md": _yaml(title="u7", url="/with.dot/x"),
    "posts/url-double.md": _yaml(title="u8", url="//double//"),
    "posts/url-query.md": _yaml(title="u9", url="/q?x=1"),
    "posts/blank-slug.md": _yaml(title="blank slug", slug="   "),
    "posts/empty-slug.md": _yaml(title="empty slug", slug=""),
    "posts/UPPER-KEYS.md": "---\nTITLE: Upper keys\nSLUG: Upper Slug Key\nDATE: 2019-02-03\n---\n",
    "posts/bundle/index.md": _yaml(title="Leaf bundle"),
    "posts/Bundle Two/index.md": _yaml(title="Leaf two", slug="leaf two slug"),
    "posts/bundle/notes.md": _yaml(title="not a page"),
    "posts/_index.md": _yaml(title="Posts section"),
    "posts/sub/_index.md": _yaml(title="Sub section"),
    "posts/sub/nested-post.md": _yaml(title="Nested post", date="2018-07-08"),
    "posts/sub/deeper/_index.md": _yaml(title="Deeper"),
    "posts/sub/deeper/deep-post.md": _yaml(title="Deep post", slug="Deep Slug"),
    "posts/nosection/inner.md": _yaml(title="folder without _index"),
    "notes/a-note.md": _yaml(title="A Note", slug="Note Slug"),
    "notes/Ünï Note.md": _yaml(title="Ünï title"),
    "Top Level Page.md": _yaml(title="top"),
    "about/index.md": _yaml(title="About bundle"),
    "toml-post.md": "+++\ntitle = 'TOML'\nslug = 'toml slug'\n+++\n",
    "posts/json-post.md": '{"title": "JSON", "slug": "json slug", "date": "2020-01-02"}\n',
})

BASE = "baseURL = 'https://example.org/'\n"
CONFIGS = {
    "default": BASE,
    "prefix": "baseURL = 'https://example.org/blog/sub/'\n",
    "nolower": BASE + "disablePathToLower = true\n",
    "accents": BASE + "removePathAccents = true\n",
    "permalinks-flat": BASE + "[permalinks]\nposts = '/:year/:month/:slug/'\n"
                       "notes = '/N/:monthname/:weekdayname/:title/'\n",
    "permalinks-page": BASE + "[permalinks.page]\nposts = '/:year/:month/:day/:slugorfilename/'\n"
                       "notes = '/:section/:filename/'\n[permalinks.section]\nposts = '/articles/'\n",
    "permalinks-tokens": "baseURL = 'https://example.org/pre/'\ndisablePathToLower = true\n"
                         "[permalinks]\nposts = '/:sections/:yearday-:monthname-:weekday/:contentbasename/'\n"
                         "notes = '/:slugorcontentbasename/:weekdayname/'\n",
    "filename-dates": BASE + "[frontmatter]\ndate = [':filename', ':default']\n",
    "filename-permalink": BASE + "[frontmatter]\npublishDate = [':filename', ':default']\n"
                          "[permalinks]\nposts = '/:year/:slug/'\n",
}


@pytest.fixture(scope="module", params=sorted(CONFIGS))
def site(request, tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp(request.param), POSTS, CONFIGS[request.param])
    return root, hugo_list(root)


def test_urls_agree_with_hugo_list(site):
    root, listed = site
    s = load_site(root)
    assert len(listed) == len(POSTS) - 1  # the bundle's notes.md is a resource, not a page
    wrong = []
    for page in listed:
        post = io.load(root / page.path)
        ours = page_url(post, s)
        if ours != site_path(page.permalink) or post.url(s) != ours:
            wrong.append((page.path, ours, site_path(page.permalink)))
    assert wrong == []
