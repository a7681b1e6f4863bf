"""`hugo-post-editor doctor`: one line per check, exit 0 when all pass, 1 otherwise."""

from __future__ import annotations

import os

from editor.cli import main
from editor.core.hugo import binary as hugo
from tests.core.test_site_hugo_choice import OLD, fake_hugo
from tests.sitegen import make_site
from tests.test_syslibs import LDD_MINIMAL_DEBIAN


def _lines(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_a_healthy_machine(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert main(["doctor"]) == 0
    lines = _lines(capsys)
    assert [ln.split(":")[0] for ln in lines] == ["ok    Qt platform", "ok    WebEngine", "ok    Hugo", "ok    git"]
    assert str(hugo.hugo_binary()) in lines[2] and "bundled" in lines[2]


def test_missing_libraries_fail_with_the_install_command(capsys, monkeypatch, tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "ldd").write_text("#!/bin/sh\ncat <<'EOF'\n" + LDD_MINIMAL_DEBIAN + "EOF\n")
    (fake / "ldd").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    assert main(["doctor"]) == 1
    lines = _lines(capsys)
    assert lines[0].startswith("FAIL  Qt platform: xcb: the window needs system libraries that are missing")
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in lines[0]
    assert lines[1].startswith("FAIL  WebEngine")


def test_a_site_whose_version_range_the_hugo_misses(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("HUGO_BIN", str(fake_hugo(tmp_path / "old", OLD)))
    root = make_site(tmp_path, {}, config="baseURL = 'https://e.org/'\n[module.hugoVersion]\nmin = '0.110.0'\n",
                     files={"layouts/_default/single.html": "x"})
    assert main(["doctor", str(root)]) == 1
    lines = _lines(capsys)
    assert lines[2] == f"ok    Hugo: 0.92.0 (HUGO_BIN: {tmp_path / 'old' / 'hugo'})"
    assert lines[3] == ("FAIL  site: hugo.toml (module.hugoVersion) asks for Hugo 0.110.0 or later, but this is "
                        "Hugo 0.92.0: choose that Hugo in Preferences or with HUGO_BIN.")
