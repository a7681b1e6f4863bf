"""New posts and new translations in another language land where Hugo files them (checked with `hugo list all`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from editor.core.hugo import binary as hugo
from editor.core.files import io
from editor.core.index.site_index import SiteIndex
from editor.core.errors import PostError
from editor.core.hugo.site import load_site
from editor.core.hugo.translations import missing, new_translation, of
from tests.conftest import ROOT
from tests.core.test_hugo_agreement_languages import hugo_languages
from tests.sitegen import hugo_list, make_site, site_path

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

FOLDERS = ("baseURL = 'https://example.org/'\n[languages.en]\ncontentDir = 'content/en'\nweight = 1\n"
           "[languages.de]\ncontentDir = 'content/de'\nweight = 2\n[languages.fr]\ncontentDir = 'content/fr'\n"
           "weight = 3\n")
SUFFIX = "baseURL = 'https://example.org/'\n[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n" \
         "[languages.fr]\nweight = 3\n"
ARCHETYPE = {"archetypes/default.md": "---\ntitle: '{{ replace .File.ContentBaseName \"-\" \" \" | title }}'\n"
                                      "date: {{ .Date }}\ndraft: true\nfromArchetype: true\n---\n"}
POST = "---\ntitle: Hello\ntranslationKey: hello\ndate: 2021-01-02T03:04:05Z\n---\nEnglish text\n"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "editor", *args], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, XDG_CACHE_HOME=os.path.join(args[1], "..", "cache")))


@pytest.mark.parametrize("layout,config,expected", [
    ("folders", FOLDERS, "content/de/posts/neuer-beitrag.md"),
    ("suffix", SUFFIX, "content/posts/neuer-beitrag.de.md"),
])
def test_new_lang_creates_the_post_where_hugo_gives_it_that_language(tmp_path, layout, config, expected):
    root = make_site(tmp_path, {}, config, files=ARCHETYPE)
    out = _cli("new", str(root), "--title", "Neuer Beitrag", "--lang", "de")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == str(root / expected)
    post = io.load(root / expected)
    assert post.get("title") == "Neuer Beitrag" and post.get("fromArchetype") is True
    listed = {p.path: p for p in hugo_list(root)}
    assert site_path(listed[expected].permalink) == "/de/posts/neuer-beitrag/"
    assert hugo_languages(root, "-D")[str(root / expected)] == "de"
    # A bundle in another language, and a language the site does not have.
    out = _cli("new", str(root), "--title", "Bündel", "--lang", "fr", "--bundle")
    assert out.returncode == 0 and out.stdout.strip().endswith(
        "content/fr/posts/bündel/index.md" if layout == "folders" else "content/posts/bündel/index.fr.md")
    out = _cli("new", str(root), "--title", "Nope", "--lang", "xx")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "no language 'xx'" in out.stderr


@pytest.mark.parametrize("layout,config,original,expected", [
    ("folders", FOLDERS, "en/posts/hello.md", "content/de/posts/hello.md"),
    ("suffix", SUFFIX, "posts/hello.md", "content/posts/hello.de.md"),
    ("suffix-in-folder", FOLDERS, "en/posts/hello.fr.md", "content/en/posts/hello.de.md"),
    ("bundle", SUFFIX, "posts/b/index.md", "content/posts/b/index.de.md"),
])
def test_new_translation_is_linked_by_hugo(tmp_path, layout, config, original, expected):
    root = make_site(tmp_path, {original: POST}, config, files=ARCHETYPE)
    site = load_site(root)
    source = root / "content" / original
    entries = SiteIndex(site, use_cache=False).refresh().entries()
    assert "de" in missing(site, entries, source)
    created = new_translation(site, source, "de")
    assert created == root / expected
    post = io.load(created)
    assert (post.get("title"), post.get("translationKey"), post.get("fromArchetype")) == ("Hello", "hello", True)
    with pytest.raises(PostError):
        new_translation(site, source, "de")   # never overwrites
    entries = SiteIndex(site, use_cache=False).refresh().entries()
    assert of(site, entries, source) == {"de": str(created)}
    assert of(site, entries, created)[site.page_language(source).code] == str(source)
    # Hugo agrees: the new file is German and sits at the German URL of the same page.
    langs = hugo_languages(root, "-D")
    assert langs[str(created)] == "de"
    listed = {p.path: site_path(p.permalink) for p in hugo_list(root)}
    assert listed[expected].startswith("/de/") and listed[expected][3:] == listed[f"content/{original}"].removeprefix(
        "/fr")


def test_translations_by_path_without_key(tmp_path):
    root = make_site(tmp_path, {"posts/a.md": "---\ntitle: A\n---\n", "posts/a.de.md": "---\ntitle: A de\n---\n",
                                "posts/a.fr.md": "---\ntitle: A fr\ntranslationKey: other\n---\n"}, SUFFIX)
    site = load_site(root)
    entries = SiteIndex(site, use_cache=False).refresh().entries()
    assert of(site, entries, root / "content/posts/a.md") == {"de": str(root / "content/posts/a.de.md")}
    assert missing(site, entries, root / "content/posts/a.md") == ["fr"]
    assert json.loads(_cli("show", str(root / "content/posts/a.fr.md"), "--json").stdout)["lang"] == "fr"


def test_list_shows_and_filters_languages(tmp_path):
    root = make_site(tmp_path, {"posts/a.md": POST, "posts/a.de.md": POST.replace("Hello", "Hallo"),
                                "posts/b.fr.md": POST.replace("Hello", "Salut")}, SUFFIX)
    table = _cli("list", str(root), "--no-cache")
    assert table.returncode == 0
    header, *lines = table.stdout.splitlines()
    assert header.split()[:3] == ["STATUS", "DATE", "LANG"]
    assert sorted(line.split()[2] for line in lines[:-1]) == ["de", "en", "fr"]
    only = json.loads(_cli("list", str(root), "--json", "--lang", "de", "--no-cache").stdout)
    assert [(e["path"], e["lang"], e["url"]) for e in only] == [("content/posts/a.de.md", "de", "/de/posts/a/")]
    plain = make_site(tmp_path / "plain", {"posts/a.md": POST})
    assert _cli("list", str(plain), "--no-cache").stdout.split()[:3] == ["STATUS", "DATE", "PATH"]
    assert _cli("list", str(plain), "--words").stdout.split()[:3] == ["STATUS", "DATE", "WORDS"]
