"""Every page's language and URL on multilingual sites (three layouts × Hugo's language settings) vs the real Hugo."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.hugo import binary as hugo
from editor.core.files import io
from editor.core.index.site_index import SiteIndex
from editor.core.hugo.site import load_site
from tests.conftest import ROOT
from tests.sitegen import hugo_list, make_site, site_path

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")


def _md(title: str, date: str = "2021-05-06T07:08:09Z", **extra) -> str:
    lines = [f"title: {json.dumps(title)}", f"date: {date}"]
    lines += [f"{k}: {json.dumps(v)}" for k, v in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\nbody words\n"


# (language, logical path inside the content tree, front matter). Each layout places these files.
PAGES = [
    ("en", "posts/first.md", _md("First", translationKey="first")),
    ("de", "posts/first.md", _md("Erster", translationKey="first")),
    ("fr", "posts/first.md", _md("Premier", "2024-02-03T04:05:06Z", translationKey="first")),
    ("en", "posts/only-en.md", _md("Only English")),
    ("de", "posts/zweiter.md", _md("Zweiter", "2023-01-01T00:00:00Z", slug="zweiter-artikel")),
    ("de", "posts/mit-url.md", _md("Mit URL", url="/eigene/adresse/")),
    ("en", "posts/_index.md", _md("Posts", "2001-01-01T00:00:00Z")),
    ("de", "posts/_index.md", _md("Artikel", "2001-01-01T00:00:00Z")),
    ("en", "posts/bundle/index.md", _md("Bundle")),
    ("de", "posts/bundle/index.md", _md("Bündel", slug="buendel")),
    ("en", "about.md", _md("About")),
    ("de", "about.md", _md("Über")),
    ("fr", "notes/note.md", _md("Note")),
]
# Files a layout adds on top: paths inside content/ (not translated by the layout).
LAYOUT_EXTRA = {
    "folders": {},
    "suffix": {"posts/post.de.md": _md("Suffix in one folder"),
               "posts/upper.DE.md": _md("Upper-case suffix"),
               "posts/unknown.xx.md": _md("Not a language")},
    "mixed": {"en/posts/suffix.de.md": _md("Suffix in the English folder"),
              "de/posts/other.fr.md": _md("French in the German folder"),
              "de/posts/back.en.md": _md("English in the German folder")},
}
CONTENT_DIRS = ("[languages.en]\ncontentDir = 'content/en'\n[languages.de]\ncontentDir = 'content/de'\n"
                "[languages.fr]\ncontentDir = 'content/fr'\n")
WEIGHTS = "[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n[languages.fr]\nweight = 3\n"
SETTINGS = {
    "plain": ("baseURL = 'https://example.org/'\n", ""),
    "default-de": ("baseURL = 'https://example.org/'\ndefaultContentLanguage = 'de'\n", ""),
    "in-subdir": ("baseURL = 'https://example.org/'\ndefaultContentLanguageInSubdir = true\n", ""),
    "disable-languages": ("baseURL = 'https://example.org/'\ndisableLanguages = ['fr']\n", ""),
    "disabled": ("baseURL = 'https://example.org/'\n", "[languages.fr]\ndisabled = true\n"),
    "permalinks": ("baseURL = 'https://example.org/blog/'\n[permalinks]\nposts = '/:year/:slug/'\n",
                   "[languages.de.permalinks]\nposts = '/artikel/:slug/'\n"
                   "[languages.de.permalinks.section]\nposts = '/artikel/'\n"),
    "ugly-permalinks": ("baseURL = 'https://example.org/'\nuglyURLs = true\n"
                        "[permalinks.page]\nposts = '/:year/:slug/'\n",
                        "[languages.fr.permalinks.page]\nnotes = '/n/:title/'\n"),
    # Hugo 0.161's array form: page matchers by path, kind and language (first match wins).
    "permalinks-array": ("baseURL = 'https://example.org/'\n"
                         "[[permalinks]]\npattern = '/artikel/'\n[permalinks.target]\npath = '{/posts}'\n"
                         "[permalinks.target.sites.matrix]\nlanguages = ['de']\n"
                         "[[permalinks]]\npattern = '/artikel/:year/:slug/'\n"
                         "[permalinks.target]\npath = '{/posts/**}'\n"
                         "[permalinks.target.sites.matrix]\nlanguages = ['de', 'fr']\n"
                         "[[permalinks]]\npattern = '/blog/:slug/'\n[permalinks.target]\npath = '/posts/*'\n"
                         "kind = 'page'\n"
                         "[[permalinks]]\npattern = '/n/:filename/'\n[permalinks.target]\npath = '/notes/**'\n"
                         "[permalinks.target.sites.matrix]\nlanguages = ['! de', '**']\n", ""),
    "base-prefix": ("baseURL = 'https://example.org/blog/sub/'\ndefaultContentLanguageInSubdir = true\n", ""),
    "multihost": ("baseURL = 'https://example.org/'\n",
                  "[languages.en]\nbaseURL = 'https://en.example.org/sub/'\n"
                  "[languages.de]\nbaseURL = 'https://de.example.org/'\n"
                  "[languages.fr]\nbaseURL = 'https://fr.example.org/fr-site/'\n"),
}


def _config(layout: str, setting: str) -> str:
    top, per_language = SETTINGS[setting]
    tables: dict[str, list[str]] = {}
    for block in (WEIGHTS, CONTENT_DIRS if layout != "suffix" else "", per_language):
        current = None
        for line in block.splitlines():
            if line.startswith("["):
                current = line
                tables.setdefault(current, [])
            elif current:
                tables[current].append(line)
    # Language tables first, then their sub-tables (TOML needs each table once).
    ordered = sorted(tables, key=lambda t: (t.count("."), t))
    return top + "".join(f"{t}\n" + "".join(x + "\n" for x in tables[t]) for t in ordered)


def _files(layout: str, default: str = "en") -> dict[str, str]:
    """The site's content files; in one folder only the default language's files go unsuffixed
    (two files of one language and path collide: Hugo keeps one of them)."""
    files: dict[str, str] = {}
    for lang, rel, text in PAGES:
        if layout == "suffix":
            stem, dot, ext = rel.rpartition(".")
            files[rel if lang == default else f"{stem}.{lang}.{ext}"] = text
        else:
            files[f"{lang}/{rel}"] = text
    files.update(LAYOUT_EXTRA[layout])
    return files


_DUMP = "{{ range site.Pages }}{{ $p := . }}{{ with .File }}{{ .Filename }}\t{{ $p.Language.Name }}\n{{ end }}{{ end }}"


def hugo_languages(root: Path, *extra: str) -> dict[str, str]:
    """Absolute file name → the language the real Hugo gives the page (every language's home page
    prints its own site's pages)."""
    layout = root / "layouts" / "index.html"
    layout.parent.mkdir(parents=True, exist_ok=True)
    layout.write_text(_DUMP, encoding="utf-8")
    out = root.parent / "public"
    result = hugo.run(["--quiet", "-d", str(out), *extra], cwd=root)
    assert result.returncode == 0, result.stderr + result.stdout
    found: dict[str, str] = {}
    for page in out.rglob("index.html"):
        for line in html.unescape(page.read_text(encoding="utf-8")).splitlines():
            cells = line.split("\t")
            if len(cells) == 2 and Path(cells[0]).is_absolute():   # not a redirect page's markup
                found[cells[0]] = cells[1]
    layout.unlink()
    return found


@pytest.fixture(scope="module", params=[(lay, s) for lay in ("folders", "suffix", "mixed") for s in SETTINGS],
                ids=lambda p: f"{p[0]}-{p[1]}")
def site(request, tmp_path_factory):
    layout, setting = request.param
    root = make_site(tmp_path_factory.mktemp(f"{layout}-{setting}"),
                     _files(layout, "de" if setting == "default-de" else "en"), _config(layout, setting))
    return root, hugo_list(root), hugo_languages(root)


def test_language_and_url_of_every_page_equal_hugo(site):
    root, listed, langs = site
    s = load_site(root)
    entries = {e["path"]: e for e in SiteIndex(s, use_cache=False).refresh().entries()}
    assert set(entries) == {p.path for p in listed}
    wrong = []
    for page in listed:
        e = entries[page.path]
        post = io.load(root / page.path)
        hugo_lang = langs[str(root / page.path)]
        # Dates too: a section takes the latest date of the pages below it in its own language.
        ours = (e["url"], e["lang"], post.url(s), s.page_language(root / page.path).code,
                e["date"] or "0001-01-01T00:00:00Z")
        want = (site_path(page.permalink), hugo_lang, site_path(page.permalink), hugo_lang, page.date)
        if ours != want:
            wrong.append((page.path, ours, want))
    assert wrong == []


def test_issue_table_ours_equals_hugo(tmp_path):
    """The three rows of the issue's table, through `show --json` and `list --json`."""
    folders = make_site(tmp_path / "f", {"de/posts/zweiter.md": _md("Zweiter", slug="zweiter-artikel"),
                                         "en/posts/suffix.de.md": _md("Suffix")},
                        _config("folders", "plain"))
    single = make_site(tmp_path / "s", {"posts/post.de.md": _md("Post")},
                       _config("suffix", "plain"))
    for root, rel, url in ((folders, "content/de/posts/zweiter.md", "/de/posts/zweiter-artikel/"),
                           (folders, "content/en/posts/suffix.de.md", "/de/posts/suffix/"),
                           (single, "content/posts/post.de.md", "/de/posts/post/")):
        hugo_url = {p.path: site_path(p.permalink) for p in hugo_list(root)}[rel]
        shown = json.loads(_cli("show", str(root / rel), "--json"))
        listed = {e["path"]: e for e in json.loads(_cli("list", str(root), "--json", "--no-cache"))}[rel]
        assert (hugo_url, shown["url"], shown["lang"], listed["url"], listed["lang"]) == (url, url, "de", url, "de")


def test_monolingual_site_knows_its_one_language_suffix(tmp_path):
    root = make_site(tmp_path, {"posts/post.en.md": _md("en"), "posts/post.de.md": _md("de")},
                     "baseURL = 'https://example.org/'\ndefaultContentLanguageInSubdir = true\n")
    s = load_site(root)
    for page in hugo_list(root):
        assert io.load(root / page.path).url(s) == site_path(page.permalink)
    assert {p.path: site_path(p.permalink) for p in hugo_list(root)}["content/posts/post.de.md"] == "/en/posts/post.de/"


def _cli(*args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "editor", *args], capture_output=True, text=True, cwd=ROOT,
                         env=dict(os.environ, XDG_CACHE_HOME=str(Path(args[1]).parent / "cache")))
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_language_folders_given_by_module_mounts_equal_hugo(tmp_path):
    """Hugo 0.168's own way to give a language its folder: a content mount with a sites matrix."""
    config = ("baseURL = 'https://example.org/'\n[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n"
              "[[module.mounts]]\nsource = 'text/en'\ntarget = 'content'\n"
              "[[module.mounts]]\nsource = 'text/de'\ntarget = 'content'\n"
              "[module.mounts.sites.matrix]\nlanguages = ['de']\n")
    files = {f"text/{lang}/{rel}": text for lang, rel, text in PAGES if lang != "fr"}
    files["text/en/posts/suffix.de.md"] = _md("Suffix")
    root = make_site(tmp_path, {}, config, files=files)
    s = load_site(root)
    langs = hugo_languages(root)
    entries = {e["path"]: e for e in SiteIndex(s, use_cache=False).refresh().entries()}
    listed = hugo_list(root)
    assert set(entries) == {p.path for p in listed} and len(listed) == len(files)
    assert [(p.path, entries[p.path]["url"], entries[p.path]["lang"]) for p in listed] == \
        [(p.path, site_path(p.permalink), langs[str(root / p.path)]) for p in listed]


def test_collisions_are_per_host_and_per_language_url(tmp_path):
    """Multihost languages publish the same path on different hosts (no collision); one language's
    two pages with one URL do collide; another language's page at its /de/ URL does not."""
    multihost = ("baseURL = 'https://example.org/'\n[languages.en]\nbaseURL = 'https://en.example.org/'\n"
                 "weight = 1\n[languages.de]\nbaseURL = 'https://de.example.org/'\nweight = 2\n")
    posts = {"posts/a.md": _md("A"), "posts/a.de.md": _md("A de"),
             "posts/b.de.md": _md("B de", slug="same"), "posts/c.de.md": _md("C de", slug="same")}
    for config, colliding in ((multihost, {"content/posts/b.de.md", "content/posts/c.de.md"}),
                              (_config("suffix", "plain"), {"content/posts/b.de.md", "content/posts/c.de.md"})):
        root = make_site(tmp_path / str(len(config)), posts, config)
        s = load_site(root)
        entries = SiteIndex(s, use_cache=False).refresh().entries()
        flagged = {e["path"] for e in entries if any(p.get("code") == "url-collision" for p in e["problems"])}
        assert flagged == colliding
        listed = {p.path: p.permalink for p in hugo_list(root)}
        assert "content/posts/a.md" in listed and "content/posts/a.de.md" in listed   # both published
        out = subprocess.run([sys.executable, "-m", "editor", "check", str(root / "content/posts/a.md"),
                              str(root / "content/posts/a.de.md")], capture_output=True, text=True, cwd=ROOT)
        assert "url-collision" not in out.stdout + out.stderr and "same URL" not in out.stdout + out.stderr
