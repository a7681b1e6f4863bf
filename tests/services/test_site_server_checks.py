"""Site preview on sites this Hugo cannot build as they stand: no layouts, a version range, an empty submodule."""

from __future__ import annotations

import pytest

from editor.core.hugo import binary as hugo
from editor.core.lint import site_check
from editor.services.preview.site_server import SiteServer
from tests.services.test_site_server import Recorder, fetch, tree, wait_until
from tests.sitegen import make_site

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
POST = "---\ntitle: Theme-less Hello\ndate: 2024-03-05T10:00:00Z\n---\nSome *text*.\n"


@pytest.fixture
def server(qapp, tmp_path):
    made = SiteServer(cache=tmp_path / "cache")
    yield made, Recorder(made)
    made.stop()


def test_a_site_without_theme_or_layouts_shows_the_built_in_page_and_says_so(request, server, tmp_path):
    srv, rec = server
    root = make_site(tmp_path, {"posts/hello.md": POST}, files={"layouts/index.html": "home"})
    before = tree(root)
    post = root / "content/posts/hello.md"
    srv.update(post, POST)
    srv.start(root)
    wait_until(request, lambda: srv.state == "ready", 30)
    status, body = fetch(srv.page_url(post))
    assert status == 200 and "<h1>Theme-less Hello</h1>" in body and "<em>text</em>" in body
    notes = rec.of("notice")[-1].splitlines()
    assert notes[0].startswith("Hugo 0.") and site_check.NO_LAYOUTS in notes
    status, home = fetch(srv.root_url)
    assert status == 200 and home.strip() == "home"    # the site's own templates still win
    srv.stop()
    assert tree(root) == before                        # nothing written into the author's site


def test_a_theme_needing_another_hugo_fails_with_one_line(request, server, tmp_path):
    srv, rec = server
    theme = {"themes/old/hugo.toml": "[module.hugoVersion]\nmin = '0.80.0'\nmax = '0.110.0'\n",
             # .Site.IsServer was removed after 0.120: the build fails as it would for the author.
             "themes/old/layouts/_default/single.html": "{{ if .Site.IsServer }}dev{{ end }}{{ .Content }}",
             "themes/old/layouts/_default/list.html": "{{ if .Site.IsServer }}dev{{ end }}"}
    root = make_site(tmp_path, {"posts/a.md": POST},
                     config="baseURL = 'https://example.org/'\ntheme = 'old'\n", files=theme)
    srv.start(root)
    wait_until(request, lambda: srv.state == "build-failed", 60)
    message = rec.of("failed")[-1]
    assert message.startswith("themes/old/hugo.toml (module.hugoVersion) asks for Hugo 0.80.0 to 0.110.0, "
                              "but this is Hugo 0.")
    assert "\n" not in message and "IsServer" not in message
    assert "asks for Hugo 0.80.0 to 0.110.0" in rec.of("notice")[-1]


SUBMODULE = {".gitmodules": '[submodule "themes/ananke"]\n\tpath = themes/ananke\n'
                             "\turl = https://example.org/ananke.git\n"}


def test_an_empty_submodule_theme_is_explained_and_the_built_in_page_shown(request, server, tmp_path):
    srv, rec = server
    root = make_site(tmp_path, {"posts/hello.md": POST},
                     config="baseURL = 'https://example.org/'\ntheme = 'ananke'\n", files=SUBMODULE)
    (root / "themes/ananke").mkdir(parents=True)
    post = root / "content/posts/hello.md"
    srv.update(post, POST)
    srv.start(root)
    wait_until(request, lambda: srv.state == "ready", 60)
    assert ("The theme ananke is a git submodule that is not checked out (themes/ananke is empty): run "
            f"`git submodule update --init --recursive` in {root}.") in rec.of("notice")[-1].splitlines()
    status, body = fetch(srv.page_url(post))
    assert status == 200 and "<h1>Theme-less Hello</h1>" in body


def test_a_missing_theme_fails_with_one_line(request, server, tmp_path):
    srv, rec = server
    root = make_site(tmp_path, {"posts/a.md": POST},
                     config="baseURL = 'https://example.org/'\ntheme = 'ananke'\n", files=SUBMODULE)
    srv.start(root)
    wait_until(request, lambda: srv.state == "build-failed", 60)
    assert rec.of("failed")[-1] == ("The theme ananke is a git submodule that is not checked out "
                                    "(themes/ananke is not there): run `git submodule update --init --recursive` "
                                    f"in {root}.")
