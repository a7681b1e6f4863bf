"""Golden files for every front-matter format and edge: byte-identical saves, minimal verified edits."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

import editor.core as core
from editor.core import PostError
from editor.core.frontmatter.values import same_value
from tests.bench.corpus_roundtrip import minimal

GOLDEN = Path(__file__).parent / "golden"
FILES = sorted(GOLDEN.glob("*.md"))
PLUS_ONE = dt.timezone(dt.timedelta(hours=1))


def _changed(before: str, after: str) -> list[tuple[str, int, int, int, int]]:
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    return [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_unchanged_save_is_byte_identical(path, tmp_path):
    data = path.read_bytes()
    post = core.load(path)
    assert core.dumps(post).encode("utf-8") == data
    target = tmp_path / path.name
    core.save(post, target)
    assert target.read_bytes() == data
    assert not post.changed


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
@pytest.mark.parametrize("key,value", [
    ("title", 'He said "hi": a colon & #hash'),
    ("draft", True),
    ("publishDate", dt.datetime(2026, 12, 1, 9, 0, tzinfo=PLUS_ONE)),
    ("description", "yes"),
    ("weight", 10),
])
def test_one_field_edit_is_minimal_and_reads_back(path, key, value):
    data = path.read_bytes()
    post = core.load(path)
    before_text = post.text
    other = {k: v for k, v in post.metadata.items()}
    had = key in post
    other_value = post.get(key)
    fmt = post.format
    post[key] = value
    assert post[key] == value
    reread = core.loads(core.dumps(post))
    assert reread[key] == value
    if isinstance(value, dt.datetime):
        assert reread[key].utcoffset() == value.utcoffset()
    for k, v in other.items():
        if k.lower() not in (key.lower(), "publishdate", "pubdate", "published"):
            assert reread.metadata[k] == v, k
    ops = _changed(before_text, post.text)
    if had and same_value(other_value, value):
        assert ops == []
    elif fmt in ("yaml", "toml"):
        names = [n.lower() for n in ([key] if key != "publishDate" else ["publishdate", "pubdate", "published"])]
        assert minimal(before_text, post.text, fmt, names, 1) is None
    elif fmt == "json":
        # a new JSON key also puts a comma after the previous value
        assert len(ops) == 1 and ops[0][2] - ops[0][1] <= 1 and ops[0][4] - ops[0][3] <= 2, ops
    # BOM and newline style survive
    out = core.dumps(post).encode("utf-8")
    assert out.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    if b"\r\n" in data:
        assert out.count(b"\n") == out.count(b"\r\n")
    # the body is never touched
    assert reread.content == core.load(path).content


@pytest.mark.parametrize("path", [p for p in FILES if "none" not in p.name], ids=lambda p: p.name)
def test_adding_a_tag_extends_the_list_in_its_style(path):
    post = core.load(path)
    tags = list(post.get("tags") or [])
    post["tags"] = tags + ["added"]
    reread = core.loads(core.dumps(post))
    assert reread["tags"] == tags + ["added"]


def test_flow_list_stays_flow_and_block_list_grows_by_one_line():
    post = core.load(GOLDEN / "yaml-rich.md")
    post["tags"] = ["a", "b", "c"]
    assert "tags: [a, b, c]\n" in post.text
    post["categories"] = ["one", "two", "three"]
    assert "categories:\n  - one\n  - two\n  - three\n" in post.text


def test_toml_edit_keeps_comment_quotes_and_inserts_before_tables():
    post = core.load(GOLDEN / "toml-tables.md")
    post["title"] = "New"
    assert "title = 'New'  # trailing comment\n" in post.text
    post["description"] = "added"
    text = post.text
    assert text.index('description = "added"') < text.index("[params]")
    assert core.loads(text)["resources"] == [{"src": "a.png"}, {"src": "b.png"}]


def test_toml_string_date_stays_a_string_in_its_quotes():
    post = core.load(GOLDEN / "toml-archetype.md")
    post["date"] = dt.datetime(2027, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    assert "date = '2027-01-02T03:04:05Z'\n" in post.text


def test_quoted_date_stays_quoted_and_alias_is_reused():
    post = core.load(GOLDEN / "yaml-quirks.md")
    post["date"] = dt.datetime(2021, 2, 3, 4, 5, 6, tzinfo=PLUS_ONE)
    assert 'date: "2021-02-03T04:05:06+01:00"\n' in post.text
    post["publishDate"] = dt.datetime(2021, 2, 4, tzinfo=dt.timezone.utc)
    assert "pubdate: 2021-02-04T00:00:00Z\n" in post.text
    assert "publishDate" not in post.text
    post["draft"] = False
    assert "DRAFT: false\n" in post.text


def test_empty_value_gets_filled_in_place():
    post = core.load(GOLDEN / "yaml-quirks.md")
    post["empty"] = "now set"
    assert "empty: now set\n" in post.text


def test_json_edits():
    post = core.load(GOLDEN / "json.md")
    post["title"] = 'Quote " and colon:'
    post["weight"] = 3
    text = post.text
    assert '"title": "Quote \\" and colon:",' in text
    assert '  "draft": false,\n  "weight": 3\n}' in text
    del post["tags"]
    assert core.loads(post.text)["title"] == 'Quote " and colon:'
    assert "tags" not in core.loads(post.text)


def test_no_front_matter_gets_yaml_when_a_key_is_set():
    post = core.load(GOLDEN / "none.md")
    post["title"] = "Now titled"
    assert post.text == "---\ntitle: Now titled\n---\nJust a body, no front matter.\n"


def test_delete_removes_only_that_key():
    post = core.load(GOLDEN / "yaml-rich.md")
    del post["categories"]
    assert "categories" not in post.text and "  - one" not in post.text
    assert "# a comment line between keys\n" in post.text
    assert core.loads(post.text)["tags"] == ["a", "b"]


def test_anchor_and_folded_values_read_correctly():
    post = core.load(GOLDEN / "yaml-rich.md")
    assert post["alias"] == "shared"
    assert post["description"] == "folded text on two lines\n"
    assert post["summary"] == "literal\nblock\n"


def test_yaml_values_that_would_misread_are_quoted():
    post = core.load(GOLDEN / "yaml-no-eol.md")
    for value in ["yes", "no", "on", "123", "1.5", "null", "~", "@handle", "- dash", "a: b", "x #y",
                  "2020-01-01", "true", "'quoted'", '"dq"', "[list]", "{map}", "*star", "&amp", "!tag",
                  "%pct", "`tick`", "multi\nline", "trailing ", " leading", ""]:
        post["title"] = value
        assert core.loads(post.text)["title"] == value, value


def test_draft_is_written_as_a_real_boolean():
    post = core.load(GOLDEN / "yaml-no-eol.md")
    post["draft"] = "false"   # strings from a shell are coerced, never written as "false"
    assert "draft: false\n" in post.text
    with pytest.raises(PostError):
        post["draft"] = "yes"


def test_naive_or_garbage_dates_are_refused_or_given_an_offset():
    post = core.load(GOLDEN / "yaml-no-eol.md")
    with pytest.raises(PostError):
        post["date"] = "June 15, 2020"
    post["date"] = dt.datetime(2020, 1, 1, 10, 0)  # naive: the site's zone (UTC) is made explicit
    assert "date: 2020-01-01T10:00:00Z\n" in post.text


def test_content_setter_keeps_newline_style():
    post = core.load(GOLDEN / "yaml-bom-crlf.md")
    assert post.content == "\nBody with CRLF.\nSecond line."
    post.content = post.content  # no change → same bytes
    assert not post.changed
    post.content = "\nNew body.\nTwo lines.\n"
    assert post.text.endswith("---\r\n\r\nNew body.\r\nTwo lines.\r\n")
