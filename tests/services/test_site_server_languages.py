"""Site preview of a multilingual site on real `hugo server`: the page in the post's language, unsaved text served."""

from __future__ import annotations

import pytest

from editor.core.hugo import binary as hugo
from editor.services.preview.site_server import SiteServer
from tests.services.test_site_server import LAYOUTS, fetch, tree, wait_until
from tests.sitegen import make_site

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

LANGS = "baseURL = 'https://example.org/'\ntitle = 'L'\ndefaultContentLanguage = 'en'\n"
FOLDERS = LANGS + ("[languages.en]\ncontentDir = 'content/en'\nweight = 1\n"
                   "[languages.de]\ncontentDir = 'content/de'\nweight = 2\n")
SUFFIX = LANGS + "[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n"
# The site writes its mounts itself, with the pre-0.153 `lang` key Hugo 0.168 refuses.
OLD_MOUNTS = FOLDERS.replace("contentDir = 'content/en'\n", "").replace("contentDir = 'content/de'\n", "") + (
    "[[module.mounts]]\nsource = 'content/en'\ntarget = 'content'\nlang = 'en'\n"
    "[[module.mounts]]\nsource = 'content/de'\ntarget = 'content'\nlang = 'de'\n")
DE = "---\ntitle: Zweiter\nslug: zweiter-artikel\n---\ngespeicherter Text\n"
EN = "---\ntitle: Second\n---\nsaved English text\n"

CASES = {
    # layout: (config, content files, the German post, its URL)
    "folders": (FOLDERS, {"en/posts/second.md": EN, "de/posts/zweiter.md": DE},
                "de/posts/zweiter.md", "/de/posts/zweiter-artikel/"),
    "suffix": (SUFFIX, {"posts/second.md": EN, "posts/zweiter.de.md": DE},
               "posts/zweiter.de.md", "/de/posts/zweiter-artikel/"),
    "suffix-in-folder": (FOLDERS, {"en/posts/second.md": EN, "en/posts/zweiter.de.md": DE},
                         "en/posts/zweiter.de.md", "/de/posts/zweiter-artikel/"),
    "old-lang-mounts": (OLD_MOUNTS, {"en/posts/second.md": EN, "de/posts/zweiter.md": DE},
                        "de/posts/zweiter.md", "/de/posts/zweiter-artikel/"),
}


@pytest.mark.parametrize("layout", sorted(CASES))
def test_german_page_serves_the_unsaved_german_text(request, qapp, tmp_path, layout):
    config, posts, german, url = CASES[layout]
    root = make_site(tmp_path, posts, config=config, files=LAYOUTS)
    before = tree(root)
    post = root / "content" / german
    server = SiteServer(cache=tmp_path / "cache")
    try:
        server.update(post, DE.replace("gespeicherter Text", "ungespeicherter deutscher Text"))
        server.start(root)
        wait_until(request, lambda: server.state in ("ready", "failed"), 60)
        assert server.state == "ready"
        page = server.page_url(post)
        assert page.path() == url
        status, body = fetch(page)
        assert status == 200 and "ungespeicherter deutscher Text" in body
        # The English page is the English one, from disk.
        english = next(p for p in posts if "second" in p)
        status, body = fetch(server.root_url.toString() + "posts/second/")
        assert status == 200 and "saved English text" in body, english
    finally:
        server.stop()
    assert tree(root) == before


def test_multihost_site_serves_each_language_on_its_own_server(request, qapp, tmp_path):
    """Hugo serves a multihost site's languages on consecutive ports, at the root of each."""
    config = ("baseURL = 'https://example.org/'\ntitle = 'M'\n[languages.en]\nbaseURL = 'https://en.example.org/sub/'\n"
              "weight = 1\n[languages.de]\nbaseURL = 'https://de.example.org/'\nweight = 2\n")
    root = make_site(tmp_path, {"posts/second.md": EN, "posts/zweiter.de.md": DE}, config=config, files=LAYOUTS)
    german, english = root / "content/posts/zweiter.de.md", root / "content/posts/second.md"
    server = SiteServer(cache=tmp_path / "cache")
    try:
        server.update(german, DE.replace("gespeicherter Text", "ungespeicherter deutscher Text"))
        server.update(english, EN.replace("saved English", "unsaved English"))
        server.start(root)
        wait_until(request, lambda: server.state in ("ready", "failed"), 60)
        assert server.state == "ready"
        # Hugo announces the second language's server on the line after the first.
        wait_until(request, lambda: server.page_url(german).port() != server.page_url(english).port(), 10)
        de_page, en_page = server.page_url(german), server.page_url(english)
        assert (de_page.path(), en_page.path()) == ("/posts/zweiter-artikel/", "/posts/second/")
        assert "ungespeicherter deutscher Text" in fetch(de_page)[1]
        assert "unsaved English text" in fetch(en_page)[1]
    finally:
        server.stop()
