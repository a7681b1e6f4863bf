"""The content index and `list --json` agree with `hugo list all` (same posts, drafts, statuses, URLs)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from editor.core.hugo import binary as hugo
from editor.core.index.site_index import SiteIndex
from editor.core.hugo.site import load_site
from tests.conftest import ROOT
from tests.sitegen import generate_posts, hugo_list, make_site, site_path

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

Y = "---\n{}\n---\nsome body words here\n"
EXTRA = {
    "posts/yes-draft.md": Y.format("title: yes draft\ndraft: yes"),
    "posts/future.md": Y.format("title: future\ndate: 2099-01-01"),
    "posts/expired.md": Y.format("title: expired\nexpiryDate: 2020-01-01"),
    "posts/only-lastmod.md": Y.format("lastmod: 2099-01-01"),
    "posts/leaf/index.md": Y.format("title: leaf\nslug: Leaf Slug"),
    "posts/leaf/resource.md": Y.format("title: not a page"),
    "posts/leaf/sub/deeper.md": Y.format("title: not a page either"),
    "posts/_index.md": Y.format("title: Posts"),
    "posts/nested/_index.md": Y.format("title: Nested"),
    "posts/nested/child.md": "+++\ntitle = 'child'\ndraft = 'true'\n+++\n",
    "posts/json.md": '{"title": "json", "publishDate": "2099-02-02"}\n',
    "posts/nofm.md": "no front matter at all\n",
    "about.md": Y.format("title: About\nurl: /about-us/"),
    "Title Case File.md": Y.format("title: tc"),
}
CONFIG = ("baseURL = 'https://example.org/blog/'\n[permalinks]\nposts = '/:year/:month/:slug/'\n")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    posts = generate_posts(150, words=40, seed=7)
    posts.update(EXTRA)
    root = make_site(tmp_path_factory.mktemp("idx"), posts, CONFIG)
    lists = {w: {p.path for p in hugo_list(root, w)} for w in ("drafts", "future", "expired", "published")}
    return root, {p.path: p for p in hugo_list(root)}, lists


def _check(entries, listed, lists):
    assert {e["path"] for e in entries} == set(listed)
    status_of = {"draft": "drafts", "scheduled": "future", "expired": "expired", "published": "published"}
    wrong = []
    for e in entries:
        page = listed[e["path"]]
        if e["draft"] != page.draft or e["url"] != site_path(page.permalink):
            wrong.append((e["path"], e["draft"], page.draft, e["url"], page.permalink))
        if (e["date"] or "0001-01-01T00:00:00Z") != page.date or \
                (e["publishDate"] or "0001-01-01T00:00:00Z") != page.publishDate:
            wrong.append((e["path"], e["date"], page.date, e["publishDate"], page.publishDate))
        if e["path"] not in lists[status_of[e["status"]]]:
            wrong.append((e["path"], e["status"]))
        if e["title"] != page.title or e["slug"] != page.slug:
            wrong.append((e["path"], e["title"], page.title, e["slug"], page.slug))
    assert wrong == []


def test_index_agrees_with_hugo_list_all_cold_and_warm(site):
    root, listed, lists = site
    s = load_site(root)
    first = SiteIndex(s).refresh()
    assert first.reindexed == len(listed)
    _check(first.entries(), listed, lists)
    second = SiteIndex(load_site(root)).refresh()
    assert second.reindexed == 0
    assert second.entries() == first.entries()
    _check(second.entries(), listed, lists)


def test_list_json_cli_agrees_with_hugo(site):
    root, listed, lists = site
    out = subprocess.run([sys.executable, "-m", "editor", "list", str(root), "--json"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    entries = json.loads(out)
    for key in ("path", "title", "status", "draft", "date", "publishDate", "tags", "url"):
        assert all(key in e for e in entries)
    _check(entries, listed, lists)
    again = json.loads(subprocess.run([sys.executable, "-m", "editor", "list", str(root), "--json"],
                                      cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    assert again == entries


def test_list_filters(site):
    root, listed, lists = site

    def run(*args):
        out = subprocess.run([sys.executable, "-m", "editor", "list", str(root), "--json", *args],
                             cwd=ROOT, capture_output=True, text=True, check=True).stdout
        return {e["path"] for e in json.loads(out)}

    assert run("--status", "draft") == lists["drafts"]
    assert run("--status", "scheduled") == lists["future"] - lists["drafts"]
    assert run("--section", "") == {"content/about.md", "content/Title Case File.md"}
    tagged = run("--tag", "TAG3")
    expected = {f"content/{k}" for k, v in generate_posts(150, words=40, seed=7).items()
                if "tags: [" in v and "tag3" in v.split("tags: [")[1].split("]")[0].split(", ")}
    assert tagged == expected and expected
    text = subprocess.run([sys.executable, "-m", "editor", "list", str(root), "--tag", "tag3"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    assert text.strip().splitlines()[-1] == f"{len(tagged)} posts"
