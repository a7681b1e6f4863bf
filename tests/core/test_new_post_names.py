"""`new` and the window's new-post flow: names never lead out of the content folder or the archetypes folder."""

from __future__ import annotations

import pytest

from editor.cli import main
from tests.sitegen import make_site


@pytest.fixture
def site(tmp_path):
    root = make_site(tmp_path, {"posts/a.md": "---\ntitle: a\n---\n"},
                     files={"archetypes/default.md": "---\ntitle: x\ndraft: true\n---\n"})
    (tmp_path / "elsewhere").mkdir()
    (root / "content" / "linked").symlink_to(tmp_path / "elsewhere")     # a section that leads out
    (tmp_path / "secret.md").write_text("---\ntitle: SECRET ARCHETYPE\n---\nprivate\n")
    return root


@pytest.mark.parametrize("section", ["linked", "linked/sub", "../x", "/abs", "posts/../../x", "CON",
                                     "CONIN$", "posts/nul", "a\nb", "posts/clock$"])
def test_new_refuses_sections_that_lead_out_or_cannot_be_names(site, tmp_path, capsys, section):
    before = sorted(p for p in tmp_path.rglob("*"))
    assert main(["new", str(site), "--section", section, "--title", "Hello", "--no-hugo"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_new_refuses_a_kind_that_is_a_path(site, tmp_path, capsys):
    assert main(["new", str(site), "--title", "Hello", "--kind", "../../secret", "--no-hugo"]) == 2
    assert not (site / "content" / "posts" / "hello.md").exists()
    assert "kind" in capsys.readouterr().err


def test_new_still_creates_ordinary_posts(site, capsys):
    assert main(["new", str(site), "--section", "posts/2024", "--title", "Hello", "--no-hugo"]) == 0
    assert (site / "content" / "posts" / "2024" / "hello.md").is_file()
