"""Dates, drafts and status of many front-matter combinations, compared with the real Hugo binary."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from editor.core.hugo import binary as hugo, status
from editor.core.files import io
from editor.core.hugo.dates import format_hugo
from editor.core.hugo.site import load_site
from tests.sitegen import hugo_dump, hugo_list, make_site

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

Y = "---\n{}\n---\nbody\n"
POSTS: dict[str, str] = {
    "posts/normal.md": Y.format("title: normal\ndate: 2020-06-15"),
    "posts/nodate.md": Y.format("title: nodate"),
    "posts/nofm.md": "just a body, no front matter\n",
    "posts/empty-date.md": Y.format('date: ""'),
    "posts/only-lastmod.md": Y.format("lastmod: 2021-02-03T04:05:06+02:00"),
    "posts/only-modified.md": Y.format("modified: 2021-02-03"),
    "posts/only-publishdate.md": Y.format("publishDate: 2019-01-02T03:04:05Z"),
    "posts/only-pubdate.md": Y.format("pubdate: 2019-01-02"),
    "posts/only-published.md": Y.format("published: 2019-01-03"),
    "posts/only-future-pub.md": Y.format("publishdate: 2099-01-01"),
    "posts/future-date.md": Y.format("date: 2099-01-01"),
    "posts/future-pub.md": Y.format("date: 2020-01-01\npublishDate: 2099-01-01"),
    "posts/futuredate-pastpub.md": Y.format("date: 2099-01-01\npublishDate: 2020-01-01"),
    "posts/expired.md": Y.format("date: 2019-01-01\nexpiryDate: 2020-01-01"),
    "posts/expired-alias.md": Y.format("unpublishdate: 2020-01-01"),
    "posts/expires-later.md": Y.format("expirydate: 2099-01-01"),
    "posts/expired-future.md": Y.format("publishDate: 2099-01-01\nexpiryDate: 2020-01-01"),
    "posts/draft-future.md": Y.format("draft: true\ndate: 2099-01-01"),
    "posts/draft-expired.md": Y.format("draft: true\nexpiryDate: 2020-01-01"),
    "posts/lastmod-before-date.md": Y.format("date: 2021-01-01\nlastmod: 2020-01-01"),
    "posts/all-four.md": Y.format("date: 2021-01-01T10:00:00-05:00\npublishDate: 2021-01-02T10:00:00+09:00\n"
                                  "lastmod: 2021-01-03T10:00:00Z\nexpiryDate: 2098-01-04"),
    "posts/upper-keys.md": Y.format("TITLE: Upper\nDATE: 2020-03-04\nPUBLISHDATE: 2099-05-06\nDRAFT: false\n"
                                    "LASTMOD: 2020-07-08\nEXPIRYDATE: 2097-01-01"),
    "posts/mixed-case.md": Y.format("PublishDate: 2018-01-01\nLastMod: 2019-01-01\nDraft: TRUE"),
    "posts/no-zone.md": Y.format("date: 2020-06-15 08:00:00"),
    "posts/no-zone-t.md": Y.format("date: 2020-06-15T08:00:00"),
    "posts/quoted-no-zone.md": Y.format('date: "2020-06-15T08:00:00"'),
    "posts/spaced-offset.md": Y.format("date: 2020-06-15 08:00:00 -05:00"),
    "posts/fraction.md": Y.format("date: 2020-06-15T08:00:00.123456-05:00"),
    "posts/rfc1123.md": Y.format('date: "Mon, 15 Jun 2020 08:00:00 -0500"'),
    "posts/day-mon-year.md": Y.format('date: "15 Jun 2020"'),
    "posts/offset-nocolon.md": Y.format('date: "2020-06-15T08:00:00-0500"'),
    "posts/date-only-quoted.md": Y.format('date: "2020-06-15"'),
    "posts/toml-offset.md": "+++\ndate = 2020-06-15T08:00:00-05:00\n+++\n",
    "posts/toml-local.md": "+++\ndate = 2020-06-15T08:00:00\nlastmod = 2020-06-16\n+++\n",
    "posts/toml-string.md": "+++\ndate = '2020-06-15 08:00:00'\npublishDate = '2099-01-01'\n+++\n",
    "posts/toml-draft-str.md": "+++\ndraft = 'true'\n+++\n",
    "posts/json.md": '{"date": "2020-06-15", "draft": 1, "expiryDate": "2020-07-01"}\nbody\n',
    "posts/bundle/index.md": Y.format("date: 2020-01-01\ndraft: false"),
    "posts/_index.md": Y.format("title: Posts\ndate: 2021-05-05"),
    "top.md": Y.format("date: 2020-01-01"),
}
DRAFT_VALUES = ["true", "True", "TRUE", '"true"', "1", "0", "yes", '"yes"', "on", "t", '"t"', "T",
                "false", '"false"', '"1"', "f", "2", "-1", "1.0", "0.0", '""', "null", "[true]"]
for i, v in enumerate(DRAFT_VALUES):
    POSTS[f"drafts/d{i:02d}.md"] = Y.format(f"title: d{i}\ndraft: {v}")

CONFIGS = {
    "utc": "baseURL = 'https://example.org/'\n",
    "newyork": "baseURL = 'https://example.org/'\ntimeZone = 'America/New_York'\n",
    "tokyo-upper": "baseURL = 'https://example.org/'\nTIMEZONE = 'Asia/Tokyo'\n",
}


@pytest.fixture(scope="module", params=sorted(CONFIGS))
def site(request, tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp(request.param), POSTS, CONFIGS[request.param])
    return root, hugo_list(root), hugo_dump(root), {w: {p.path for p in hugo_list(root, w)}
                                                    for w in ("drafts", "future", "expired", "published")}


def _ours(root, rel):
    s = load_site(root)
    post = io.load(root / "content" / rel)
    post.timezone = s.timezone
    return s, post


def test_every_post_is_listed(site):
    root, listed, _, _ = site
    assert {p.path for p in listed} == {f"content/{k}" for k in POSTS}


def test_dates_agree(site):
    root, _, dumped, _ = site
    wrong = []
    for rel in POSTS:
        s, post = _ours(root, rel)
        ours = post.dates(s.frontmatter_rules)
        for key in ("date", "publishDate", "lastmod", "expiryDate"):
            if format_hugo(ours[key]) != dumped[rel][key]:
                wrong.append((rel, key, format_hugo(ours[key]), dumped[rel][key]))
    assert wrong == []


def test_drafts_and_status_agree(site):
    root, listed, dumped, lists = site
    now = dt.datetime.now(dt.timezone.utc)
    wrong = []
    for page in listed:
        rel = page.path.removeprefix("content/")
        s = load_site(root)
        post = io.load(root / "content" / rel)
        st = post.status(now, s)  # without setting post.timezone: the site's is used
        post.timezone = s.timezone
        d = post.dates(s.frontmatter_rules)
        ours_lists = status.hugo_lists(post.draft, d["publishDate"], d["expiryDate"], now)
        checks = {"draft": (post.draft, page.draft)}
        for name, members in lists.items():
            checks[name] = (name in ours_lists, page.path in members)
        expected = (status.DRAFT if page.path in lists["drafts"] else
                    status.PUBLISHED if page.path in lists["published"] else
                    status.SCHEDULED if page.path in lists["future"] else status.EXPIRED)
        checks["status"] = (st, expected)
        wrong += [(rel, k, a, b) for k, (a, b) in checks.items() if a != b]
    assert wrong == []


RULE_POSTS = {
    "posts/2021-03-04-filename-dated.md": Y.format("title: a"),
    "posts/2021-03-05-with-fm-date.md": Y.format("date: 2019-01-01\nlastmod: 2019-06-01"),
    "posts/2021-03-06-with-slug.md": Y.format("slug: explicit"),
    "posts/2021-03-07-bundle/index.md": Y.format("title: bundle"),
    "posts/no-prefix.md": Y.format("date: 2018-05-05"),
    "posts/only-lastmod.md": Y.format("lastmod: 2017-01-01"),
    "posts/nothing.md": Y.format("title: nothing"),
    "posts/2099-01-01-future-name.md": Y.format("title: future by name"),
}
RULE_CONFIGS = {
    "filename": "[frontmatter]\ndate = [':filename', ':default']\n",
    "modtime": "[frontmatter]\ndate = [':fileModTime']\nlastmod = [':fileModTime']\n",
    "lastmod-modtime": "[frontmatter]\nlastmod = ['lastmod', ':fileModTime', ':default']\n",
    "pub-filename": "[frontmatter]\npublishDate = [':filename', ':default']\n",
    "filename-ny": "timeZone = 'America/New_York'\n[frontmatter]\ndate = [':filename', ':default']\n"
                  "expiryDate = ['expirydate', ':filename']\n",
}
MTIME = 1_600_000_000  # 2020-09-13T12:26:40Z


@pytest.fixture(scope="module", params=sorted(RULE_CONFIGS))
def rule_site(request, tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp(request.param), RULE_POSTS,
                     "baseURL = 'https://example.org/'\n" + RULE_CONFIGS[request.param])
    for rel in RULE_POSTS:
        os.utime(root / "content" / rel, (MTIME, MTIME))
    lists = {w: {p.path for p in hugo_list(root, w)} for w in ("drafts", "future", "expired", "published")}
    return root, hugo_dump(root), lists


def test_frontmatter_rules_agree(rule_site):
    root, dumped, lists = rule_site
    s = load_site(root)
    now = dt.datetime.now(dt.timezone.utc)
    wrong = []
    for rel in RULE_POSTS:
        post = io.load(root / "content" / rel)
        post.timezone = s.timezone
        ours = post.dates(s.frontmatter_rules)
        for key in ("date", "publishDate", "lastmod", "expiryDate"):
            if format_hugo(ours[key]) != dumped[rel][key]:
                wrong.append((rel, key, format_hugo(ours[key]), dumped[rel][key]))
        if post.url(s) != dumped[rel]["permalink"]:
            wrong.append((rel, "url", post.url(s), dumped[rel]["permalink"]))
        theirs = {w for w, members in lists.items() if f"content/{rel}" in members}
        mine = status.hugo_lists(post.draft, ours["publishDate"], ours["expiryDate"], now)
        if mine != theirs:
            wrong.append((rel, "lists", sorted(mine), sorted(theirs)))
    assert wrong == []
