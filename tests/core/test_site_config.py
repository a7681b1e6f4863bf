"""Site configuration read as Hugo reads it: files, config dir, defaults, errors with file and line."""

from __future__ import annotations

import pytest

from editor.core.hugo import binary as hugo
from editor.core.hugo.archetypes import new_post
from editor.core.errors import PostError
from editor.core.index.site_index import SiteIndex
from editor.core.hugo.site import find_site, load_site, open_site
from tests.sitegen import hugo_list, make_site


def test_config_dir_overrides_root_file_and_production_overrides_default(tmp_path):
    root = make_site(tmp_path, {"posts/a.md": "---\ntitle: a\n---\n"}, "title = 'root'\nTimeZone = 'Asia/Tokyo'\n",
                     files={"config/_default/hugo.toml": "title = 'dir'\ncopyright = 'dir'\n",
                            "config/_default/params.toml": "a = 1\n",
                            "config/_default/languages.yaml": "en:\n  contentDir: content\n  weight: 1\n"
                                                              "fr:\n  contentDir: content-fr\n  weight: 2\n",
                            "config/production/hugo.toml": "copyright = 'prod'\n"})
    s = load_site(root)
    assert (s.config["title"], s.config["copyright"], s.config["params"]) == ("dir", "prod", {"a": 1})
    assert str(s.timezone) == "Asia/Tokyo"
    assert [lang.code for lang in s.languages] == ["en", "fr"]
    assert s.content_dirs == [root / "content", root / "content-fr"]
    assert find_site(root / "content" / "posts" / "a.md").root == root


def test_defaults_and_settings(tmp_path):
    root = make_site(tmp_path, {}, "[taxonomies]\ntag = 'tags'\nseries = 'series'\n"
                     "[markup.goldmark.renderer]\nunsafe = true\n[markup.highlight]\nstyle = 'dracula'\n"
                     "noClasses = false\n[markup.goldmark.extensions.typographer]\ndisable = true\n"
                     "archetypeDir = 'arch'\n", config_name="hugo.toml")
    s = load_site(root)
    assert s.taxonomies == {"tag": "tags", "series": "series"}
    assert s.markup == {"unsafe": True, "highlight_style": "dracula", "no_classes": False,
                        "code_fences": True, "typographer": False}
    bare = open_site(make_site(tmp_path / "bare", {"posts/x.md": "x"}, None) / "content" / "posts")
    assert bare.taxonomies == {"tag": "tags", "category": "categories"}
    assert bare.markup["typographer"] and bare.markup["no_classes"] and bare.markup["highlight_style"] == "monokai"
    assert bare.date_rules["lastmod"][0] == ":git" and bare.content_dir == bare.root / "content"
    assert [e["path"] for e in SiteIndex(bare).refresh().entries()] == ["content/posts/x.md"]


@pytest.mark.parametrize("name,text,line", [("hugo.toml", "title = 'x'\nbroken = = 1\n", 2),
                                            ("hugo.yaml", "title: x\n  bad: [\n", 2),
                                            ("hugo.json", '{"title": "x",\n}\n', 2)])
def test_malformed_config_names_file_and_line_and_site_stays_readable(tmp_path, name, text, line):
    root = make_site(tmp_path, {"posts/a.md": "---\ntitle: a\n---\n"}, text, config_name=name)
    with pytest.raises(PostError) as err:
        load_site(root)
    assert err.value.path.endswith(name) and err.value.line == line
    s = open_site(root)
    assert s.read_only and s.error.line == line
    assert [e["title"] for e in SiteIndex(s).refresh().entries()] == ["a"]
    with pytest.raises(PostError):
        new_post(s, "posts", "Nope")


@pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
def test_new_post_matches_hugo_new_content(tmp_path):
    arch = ('---\ntitle: "{{ replace .File.ContentBaseName "-" " " | title }}"\n'
            'date: {{ .Date }}\ndraft: true\ntags: []\n---\n')
    root = make_site(tmp_path, {}, files={"archetypes/posts.md": arch})
    made = new_post(load_site(root), "posts", "My First Post")
    assert made == root / "content" / "posts" / "my-first-post.md"
    text = made.read_text()
    assert text.startswith('---\ntitle: "My First Post"\ndate: ') and text.endswith("draft: true\ntags: []\n---\n")
    bundle = new_post(load_site(root), "posts", "C++ & Rust: Why?", bundle=True)
    assert bundle == root / "content" / "posts" / "c++-rust-why" / "index.md"   # Hugo's urlize keeps '+'
    assert 'title: "C++ & Rust: Why?"' in bundle.read_text()
    listed = {p.path: p for p in hugo_list(root)}
    assert listed["content/posts/c++-rust-why/index.md"].title == "C++ & Rust: Why?"
    assert listed["content/posts/my-first-post.md"].draft
    with pytest.raises(PostError):
        new_post(load_site(root), "posts", "My first post!")  # same slug: never overwritten
    plain = new_post(load_site(root), "notes", "No Hugo Here", use_hugo=False)
    assert plain.read_text().startswith('---\ntitle: "No Hugo Here"\ndate: ')
