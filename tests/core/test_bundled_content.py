"""The bundled content/ (the seed post verbatim plus varied samples) opens, checks and builds with real Hugo."""

from __future__ import annotations

import shutil

import pytest

import editor.core as core
from editor.core.hugo import binary as hugo
from editor.core.lint.postlint import ERROR, check_file, iter_posts
from tests.conftest import ROOT, SEED, SHARED
from tests.sitegen import make_site, site_path

CONTENT = ROOT / "content"


def test_seed_is_byte_for_byte_the_founding_example():
    original = SHARED / "seeds" / "000_c8a720d9e1cba1ee.txt"
    if not original.exists():
        pytest.skip("../shared/seeds is absent")
    assert SEED.read_bytes() == original.read_bytes()


def test_every_sample_loads_and_has_no_errors():
    files = iter_posts([str(CONTENT)])
    assert len(files) >= 5
    formats = {core.load(f).format for f in files}
    assert {"yaml", "toml"} <= formats
    for f in files:
        assert [p for p in check_file(f) if p.severity == ERROR] == []


@pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
def test_real_hugo_builds_it_and_agrees_with_our_status_and_urls(tmp_path):
    layouts = {"layouts/_default/single.html": "<h1>{{ .Title }}</h1>{{ .Content }}",
               "layouts/_default/list.html": "{{ range .Pages }}{{ .Title }}{{ end }}"}
    root = make_site(tmp_path, {}, files=layouts)
    shutil.rmtree(root / "content")
    shutil.copytree(CONTENT, root / "content")
    result = hugo.run(["--quiet", "-d", str(tmp_path / "public")], cwd=root)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "public/posts/ibm-no-longer-offers-facial-recognition-software/index.html").exists()
    assert (tmp_path / "public/posts/photo-walk/harbour.png").exists()
    seed_html = (tmp_path / "public/posts/ibm-no-longer-offers-facial-recognition-software/index.html").read_text()
    assert ('<blockquote>\n<p>Responsible technology policies â€“ technology can increase transparency'
            in seed_html)
    bundle_html = (tmp_path / "public/posts/photo-walk/index.html").read_text()
    assert '<img src="/posts/photo-walk/harbour.png">' in bundle_html
    site = core.load_site(root)
    listed = {p.path: p for p in hugo.list_pages(root)}
    statuses = {}
    for f in iter_posts([str(root / "content")]):
        post = core.load(f)
        rel = "content/" + str(f.relative_to(root / "content"))
        row = listed[rel]
        assert site_path(row.permalink) == post.url(site), rel
        assert row.draft == post.draft
        statuses[f.name if f.name != "index.md" else f.parent.name] = post.status(site=site)
    assert statuses == {"ibm-no-longer-offers-facial-recognition-software.md": "published",
                        "toml-front-matter.md": "published", "scheduled-post.md": "scheduled",
                        "draft-ideas.md": "draft", "photo-walk": "published"}
    published = {p.path for p in hugo.list_pages(root, "published")}
    assert published == {rel for rel, _ in listed.items()
                         if statuses[rel.split("/")[-1] if not rel.endswith("index.md") else rel.split("/")[-2]]
                         == "published"}
