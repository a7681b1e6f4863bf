"""Export safety beyond test_export.py: reserved names, very long names, Windows-illegal names, symlinked targets."""

from __future__ import annotations

import argparse

import pytest

from editor.commands import export as export_cmd
from editor.core.files.export import ExportError, plan_export, target_path, write_export

HOSTILE_NAMES = ["CON", "con", "nul.md", "Aux", "COM1", "lpt9.txt", "prn", "x" * 300, "é" * 130, "dots.",
                 "a:b", "a|b", "what?", "star*", "<tag>", "quote\"d", "tab\tname", "new\nline", "\x00",
                 "..", "../../etc", "/abs", "C:\\win"]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_hostile_slugs_and_sections_are_refused_and_nothing_is_written(tmp_path, name):
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(ExportError):
        target_path(content, "posts", name, False)
    with pytest.raises(ExportError):
        target_path(content, name, "ok", True)
    assert list(tmp_path.rglob("*")) == [content]


def test_ordinary_names_near_the_rules_are_fine(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for name in ("console", "nullable", "com10", "x" * 240, "a.b", "ütf-8-ñame"):
        assert target_path(content, "posts", name, False).parent == content / "posts"


def test_symlinked_target_file_is_not_written_through(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    victim = content / "about.md"            # inside content, but not the file being exported
    victim.write_bytes(b"about page")
    (content / "posts" / "p.md").symlink_to(victim)
    plan = plan_export(b"new post", "", None, content, "posts", "p", False)
    with pytest.raises(ExportError, match="symbolic link"):
        write_export(plan, force=True)
    assert victim.read_bytes() == b"about page"


def test_symlink_leaving_content_is_refused_at_planning(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    outside = tmp_path / "outside.md"
    outside.write_bytes(b"secret")
    (content / "posts" / "p.md").symlink_to(outside)
    with pytest.raises(ExportError, match="outside"):
        plan_export(b"x", "", None, content, "posts", "p", False)
    assert outside.read_bytes() == b"secret"


def test_cli_refuses_reserved_name_with_a_clear_message(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: t\n---\nbody\n")
    args = argparse.Namespace(file=str(post), to=str(content), section="posts", slug="NUL", bundle=False,
                              force=True)
    assert export_cmd.run(args) == 2
    assert "reserved device name" in capsys.readouterr().err
    assert not (content / "posts").exists()
