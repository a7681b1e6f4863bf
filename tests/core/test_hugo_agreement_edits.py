"""Real Hugo reads our edits as meant: the four acceptance edits on corpus posts and the seed, built by Hugo."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

import pytest

import editor.core as core
from editor.core.hugo import binary as hugo
from editor.core.hugo.dates import format_date
from tests.conftest import SEED, corpus_posts, requires_corpus
from tests.sitegen import make_site

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

TITLE = 'He said "hi": a colon'
PUBLISH = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
_FMT = '"2006-01-02T15:04:05Z07:00"'
DUMP = ("{{ range site.AllPages }}{{ with .File }}{{ .Path }}{{ end }}\t{{ .Title | jsonify }}\t{{ .Draft }}"
        f"\t{{{{ .PublishDate.Format {_FMT} }}}}\t{{{{ .Params.tags | jsonify }}}}\n{{{{ end }}}}")


def build(root: Path) -> dict[str, list[str]]:
    (root / "layouts").mkdir(exist_ok=True)
    (root / "layouts" / "index.html").write_text(DUMP, encoding="utf-8")
    out = root / "public"
    result = hugo.run(["-D", "-F", "-E", "--quiet", "-d", str(out)], cwd=root)
    assert result.returncode == 0, result.stderr
    rows = {}
    for line in (out / "index.html").read_text(encoding="utf-8").splitlines():
        path, *values = html.unescape(line).split("\t")
        if path:
            rows[path] = values
    return rows


def edited(text: str) -> tuple[str, list[str]]:
    """The post with the four edits applied through the library, and the tags it should end with."""
    post = core.loads(text)
    post["title"] = TITLE
    post["draft"] = not post.draft
    tags = post.get("tags")
    tags = [] if tags is None else tags if isinstance(tags, list) else [tags]
    post["tags"] = [str(t) for t in tags] + ["hugo-post-editor"]
    post["publishDate"] = PUBLISH
    post.content = "\nbody\n"  # corpus bodies use their own site's shortcodes
    return core.dumps(post), post["tags"]


@requires_corpus
def test_four_edits_on_corpus_posts_read_back_by_hugo(tmp_path):
    sources = [p for p in corpus_posts() if p.read_bytes()[:3] in (b"---", b"+++")]
    posts, expected = {}, {}
    for i, src in enumerate(sources):
        original = src.read_text(encoding="utf-8")
        post = core.loads(original)
        if post.duplicate_keys or any(str(k).lower() in ("build", "_build", "cascade", "headless")
                                      for k in post.keys()):
            continue  # keys that change how or whether Hugo publishes a page, not what it reads
        text, tags = edited(original)
        name = f"posts/p{i:04d}.md"
        posts[name] = text
        expected[name] = (not post.draft, tags)
    assert len(posts) > 1200
    rows = build(make_site(tmp_path, posts))
    for name, (draft, tags) in expected.items():
        title, got_draft, publish, got_tags = rows[name]
        assert json.loads(title) == TITLE, name
        assert got_draft == ("true" if draft else "false"), name
        assert publish == format_date(PUBLISH), name
        assert json.loads(got_tags) == [t.lower() for t in tags] or json.loads(got_tags) == tags, name


def test_seed_post_as_hugo_lists_it_then_edited_with_the_cli(tmp_path):
    from editor.cli import main

    root = make_site(tmp_path, {"posts/ibm-facial-recognition.md": SEED.read_bytes()})
    listed = hugo.list_pages(root)
    row = next(p for p in listed if p.path.endswith("ibm-facial-recognition.md"))
    post = core.load(root / "content/posts/ibm-facial-recognition.md")
    assert row.permalink == "https://example.org" + post.url()
    assert row.title == post["title"]
    assert row.date == format_date(post["date"]) == "2020-06-15T08:00:00-05:00"
    assert row.publishDate == format_date(post["publishDate"])
    assert row.draft is post.draft is False
    path = str(root / "content/posts/ibm-facial-recognition.md")
    assert main(["set", path, f"title={TITLE}", "draft=true", "tags+=ai",
                 "publishDate=2026-12-01T09:00:00+01:00"]) == 0
    rows = build(root)
    title, draft, publish, tags = rows["posts/ibm-facial-recognition.md"]
    assert (json.loads(title), draft, publish, json.loads(tags)) == (
        TITLE, "true", "2026-12-01T09:00:00+01:00", ["politics", "technology", "security", "ai"])
    changed = [line for line in Path(path).read_bytes().split(b"\n") if line not in SEED.read_bytes().split(b"\n")]
    assert changed == [b'title: "He said \\"hi\\": a colon"', b"draft: true",
                       b"publishdate: 2026-12-01T09:00:00+01:00", b"- ai"]
