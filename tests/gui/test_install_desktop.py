"""`install-desktop`: a .desktop entry and icon under $XDG_DATA_HOME that start the app with a path."""

from __future__ import annotations

import argparse
import configparser
import os
from pathlib import Path

from editor.commands import install_desktop


def test_install_desktop_honours_xdg_data_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    parser = argparse.ArgumentParser()
    install_desktop.add_parser(parser)
    assert install_desktop.run(parser.parse_args([])) == 0
    entry = tmp_path / "data" / "applications" / "hugo-post-editor.desktop"
    icon = tmp_path / "data" / "icons" / "hicolor" / "scalable" / "apps" / "hugo-post-editor.svg"
    assert capsys.readouterr().out.split() == [str(entry), str(icon)]
    assert icon.read_text().startswith("<svg")
    ini = configparser.ConfigParser(interpolation=None)
    ini.optionxform = str
    ini.read(entry)
    section = ini["Desktop Entry"]
    assert section["Type"] == "Application" and section["Icon"] == "hugo-post-editor"
    assert section["Exec"].endswith(" %f")
    command = section["Exec"][:-3]
    assert "hugo-post-editor" in command or "-m editor" in command
    if "Path" in section:
        assert Path(section["Path"], "editor", "__main__.py").is_file()
    assert "text/markdown" in section["MimeType"] and "inode/directory" in section["MimeType"]


def test_default_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert install_desktop.data_home() == tmp_path / ".local" / "share"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/not/allowed")
    assert install_desktop.data_home() == tmp_path / ".local" / "share"
    assert os.path.isabs(install_desktop.data_home())


def test_install_desktop_replaces_planted_links_instead_of_writing_through(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    victim = tmp_path / "home" / ".bashrc"
    victim.parent.mkdir()
    victim.write_text("# the author's shell setup\n")
    victim.chmod(0o644)
    apps = data / "applications"
    icons = data / "icons" / "hicolor" / "scalable" / "apps"
    apps.mkdir(parents=True)
    icons.mkdir(parents=True)
    (apps / "hugo-post-editor.desktop").symlink_to(victim)
    (icons / "hugo-post-editor.svg").symlink_to(victim)
    parser = argparse.ArgumentParser()
    install_desktop.add_parser(parser)
    assert install_desktop.run(parser.parse_args([])) == 0
    assert victim.read_text() == "# the author's shell setup\n" and (victim.stat().st_mode & 0o777) == 0o644
    entry = apps / "hugo-post-editor.desktop"
    assert not entry.is_symlink() and entry.read_text().startswith("[Desktop Entry]")
    assert os.access(entry, os.X_OK)
    assert not (icons / "hugo-post-editor.svg").is_symlink()
