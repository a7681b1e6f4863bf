"""The public library API: load/loads/dumps/save, PostError messages, aliases, status, URL, no Qt."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys

import pytest

import editor.core as core
from editor.core import PostError
from tests.conftest import ROOT, SEED

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.timezone.utc)


def test_seed_post_reads_as_hugo_sees_it():
    post = core.load(SEED)
    assert post.format == "yaml"
    assert post["title"] == "IBM No Longer Offers General Purpose Facial Recognition Software"
    assert post["slug"] == "ibm no longer offers facial recognition software"
    minus5 = dt.timezone(dt.timedelta(hours=-5))
    assert post["date"] == dt.datetime(2020, 6, 15, 8, 0, tzinfo=minus5)
    assert post["publishDate"].utcoffset() == dt.timedelta(hours=-5)
    assert post["tags"] == ["politics", "technology", "security"]
    assert post.status(NOW) == "published"
    assert post.url() == "/posts/ibm-no-longer-offers-facial-recognition-software/"
    assert "â€“ technology" in post.content
    assert post.content.startswith("\nOn June 8, 2020")


def test_post_behaves_like_python_frontmatter():
    post = core.loads("---\ntitle: A\n---\nbody\n")
    assert "title" in post and "TITLE" in post and "nope" not in post
    assert post.get("nope", 5) == 5
    assert dict(post.metadata) == {"title": "A"}
    with pytest.raises(TypeError):
        post.metadata["x"] = 1
    post["title"] = "B"
    del post["title"]
    assert "title" not in post
    with pytest.raises(KeyError):
        del post["title"]
    assert core.dumps(post) == "---\n---\nbody\n"


@pytest.mark.parametrize("spelling", ["publishdate", "publishDate", "pubdate", "published", "PUBLISHDATE"])
def test_publish_date_aliases_are_read_and_written_in_place(spelling):
    post = core.loads(f"---\n{spelling}: 2020-01-01\n---\n")
    assert post["publishDate"] == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    post["publishDate"] = "2030-01-01T00:00:00+02:00"
    assert post.text == f"---\n{spelling}: 2030-01-01T00:00:00+02:00\n---\n"
    assert post.status(NOW) == "scheduled"


@pytest.mark.parametrize("spelling,canonical", [("unpublishdate", "expiryDate"), ("modified", "lastmod")])
def test_other_aliases(spelling, canonical):
    post = core.loads(f"---\n{spelling}: 2020-01-01\n---\n")
    assert post[canonical].year == 2020
    post[canonical] = dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc)
    assert post.text == f"---\n{spelling}: 2021-01-01T00:00:00Z\n---\n"


def test_new_publish_date_uses_the_canonical_name_once():
    post = core.loads("---\ntitle: x\n---\n")
    post["publishdate"] = dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc)
    post["pubdate"] = dt.datetime(2022, 1, 1, tzinfo=dt.timezone.utc)
    assert post.text == "---\ntitle: x\npublishDate: 2022-01-01T00:00:00Z\n---\n"


@pytest.mark.parametrize("front,status", [
    ("draft: true", "draft"),
    ("draft: yes", "published"),      # YAML 1.2: a string, and Hugo 0.168 says not a draft
    ('draft: "true"', "draft"),
    ("draft: 1", "draft"),
    ("date: 2099-01-01", "scheduled"),
    ("date: 2099-01-01\npublishDate: 2020-01-01", "published"),
    ("date: 2020-01-01\npublishDate: 2099-01-01", "scheduled"),
    ("expiryDate: 2020-01-01", "expired"),
    ("draft: true\ndate: 2099-01-01", "draft"),
    ("title: no dates", "published"),
])
def test_status_as_hugo_decides(front, status):
    assert core.loads(f"---\n{front}\n---\n").status(NOW) == status


@pytest.mark.parametrize("text,line,col,words", [
    ("---\ntitle: IBM: No longer\n---\n", 2, 11, "mapping values are not allowed"),
    ('---\ntitle: "unclosed\n---\n', 2, 8, "quoted scalar"),
    ("---\ntitle: x\n\tdraft: true\n---\n", 3, None, "tab"),
    ("---\ntitle: x\n", 1, 1, "never closed"),
    ("+++\ntitle = x y\n+++\n", 2, 9, "invalid TOML"),
    ('{"title": "x",}\nbody', 1, 15, "invalid JSON"),
    ("\n\n---\n- a list\n---\n", 4, 1, "mapping"),
])
def test_malformed_front_matter_names_file_and_line(tmp_path, text, line, col, words):
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PostError) as info:
        core.load(path)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.path == str(path) and err.line == line
    if col is not None:
        assert err.column == col
    assert str(err).startswith(f"{path}:{line}:")
    assert words in str(err).lower() or words in str(err)


@pytest.mark.parametrize("data,words", [
    ("Café naïve".encode("latin-1"), "not UTF-8"),
    ("---\ntitle: x\n---\n".encode("utf-16"), "UTF-16"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8"),
    (b"---\ntitle: x\n---\nnul\x00byte", "NUL"),
])
def test_undecodable_files_raise_post_error(tmp_path, data, words):
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(PostError, match=words):
        core.load(path)


def test_save_is_atomic_keeps_permissions_and_defaults_to_loaded_path(tmp_path):
    path = tmp_path / "p.md"
    path.write_bytes(SEED.read_bytes())
    os.chmod(path, 0o640)
    post = core.load(path)
    post["draft"] = True
    assert core.save(post) == path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert b"draft: true\n" in path.read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["p.md"]  # no temp file left behind
    assert not post.changed


def test_failed_save_leaves_original_intact(tmp_path, monkeypatch):
    path = tmp_path / "p.md"
    path.write_bytes(SEED.read_bytes())
    post = core.load(path)
    post["title"] = "changed"

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(PostError, match="No space left"):
        core.save(post)
    assert path.read_bytes() == SEED.read_bytes()
    assert post.changed
    assert [p.name for p in tmp_path.iterdir()] == ["p.md"]


def test_refused_edit_leaves_post_unchanged():
    post = core.loads("---\ncategories: [a]\ncategories: [b]\n---\n")
    with pytest.raises(PostError, match="defined twice"):
        post["categories"] = ["c"]
    assert post.text == "---\ncategories: [a]\ncategories: [b]\n---\n"
    post["title"] = "ok"  # other keys can still be edited
    assert post.duplicate_keys == [("categories", 2, 3, 1)]


def test_url_uses_slug_url_and_site_permalinks(tmp_path):
    (tmp_path / "hugo.toml").write_text("baseURL = 'https://example.org/'\n"
                                        "[permalinks]\nposts = '/:year/:month/:slug/'\n")
    (tmp_path / "content/posts").mkdir(parents=True)
    path = tmp_path / "content/posts/x.md"
    path.write_bytes(SEED.read_bytes())
    post = core.load(path)
    assert post.url() == "/2020/06/ibm-no-longer-offers-facial-recognition-software/"
    post["url"] = "/custom/path/"
    assert post.url() == "/custom/path/"


def test_render_html_api():
    html = core.render_html("# Hi\n\n<b>x</b> and *y*")
    assert '<h1 id="hi">Hi</h1>' in html
    assert "<!-- raw HTML omitted -->" in html
    assert "<b>x</b>" in core.render_html("<b>x</b>", unsafe=True)


def test_core_never_imports_qt():
    code = ("import sys, editor.core, editor.core.lint.postlint, editor.cli; "
            "from editor.commands import show, set_, check, render; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
