"""The command line: show/set/check/render, exit codes, one clear stderr line per user error."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from editor.cli import main
from tests.conftest import ROOT, SEED


@pytest.fixture
def seed(tmp_path):
    folder = tmp_path / "content" / "posts"
    folder.mkdir(parents=True)
    target = folder / SEED.name
    shutil.copyfile(SEED, target)
    return target


def run(*args):
    return subprocess.run([sys.executable, "-m", "editor", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


def test_show_json_has_the_hugo_view(seed):
    result = run("show", seed, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "IBM No Longer Offers General Purpose Facial Recognition Software"
    assert data["slug"] == "ibm no longer offers facial recognition software"
    assert data["date"] == data["publishDate"] == data["lastmod"] == "2020-06-15T08:00:00-05:00"
    assert data["expiryDate"] is None
    assert data["draft"] is False
    assert data["tags"] == ["politics", "technology", "security"]
    assert data["categories"] == []
    assert data["status"] == "published"
    assert data["url"] == "/posts/ibm-no-longer-offers-facial-recognition-software/"
    assert data["format"] == "yaml"
    assert data["path"] == str(seed)


def test_show_text(seed, capsys):
    assert main(["show", str(seed)]) == 0
    out = capsys.readouterr().out
    assert "status       published" in out and "expiryDate   (unset)" in out


def test_set_diff_prints_and_does_not_write(seed, capsys):
    before = seed.read_bytes()
    assert main(["set", str(seed), "draft=true", "--diff"]) == 0
    out = capsys.readouterr().out
    assert "-draft: false\n+draft: true\n" in out
    assert seed.read_bytes() == before


def test_set_writes_minimal_edits(seed):
    assert main(["set", str(seed), "tags=a,b", "publishDate=2026-12-01T09:00:00+01:00",
                 "weight=3", "--unset", "slug"]) == 0
    text = seed.read_text(encoding="utf-8")
    assert "publishdate: 2026-12-01T09:00:00+01:00\ntags:\n- a\n- b\nweight: 3\n---\n" in text
    assert "slug:" not in text


def test_set_without_change_leaves_file_alone(seed):
    mtime = seed.stat().st_mtime_ns
    assert main(["set", str(seed), "draft=false"]) == 0
    assert seed.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("args,words", [
    (["draft=maybe"], "true or false"),
    (["publishDate=June 15, 2020"], "not a date"),
    (["nonsense"], "KEY=VALUE"),
])
def test_set_user_errors_are_one_line_and_exit_2(seed, args, words):
    before = seed.read_bytes()
    result = run("set", seed, *args)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert seed.read_bytes() == before


def test_missing_and_bad_files_are_reported_without_traceback(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: IBM: No longer\n---\n")
    for cmd in ("show", "render", "set"):
        extra = ["draft=true"] if cmd == "set" else []
        result = run(cmd, bad, *extra)
        assert result.returncode == 2 and f"{bad}:2:" in result.stderr and "Traceback" not in result.stderr
    result = run("show", tmp_path / "missing.md")
    assert result.returncode == 2 and "cannot read" in result.stderr


def test_check_reports_like_a_compiler(tmp_path):
    (tmp_path / "ok.md").write_text("---\ntitle: fine\ndraft: false\n---\nbody\n")
    (tmp_path / "yes.md").write_text("---\ntitle: x\ndraft: yes\n---\n")
    (tmp_path / "date.md").write_text("---\ntitle: x\ndate: June 15, 2020\n---\n")
    (tmp_path / "dup.md").write_text("---\ntitle: x\ntitle: y\n---\n")
    (tmp_path / "latin.md").write_bytes("---\ntitle: Café\n---\n".encode("latin-1"))
    (tmp_path / "two.md").write_text("---\npublishdate: 2020-01-01\npubdate: 2020-01-02\n---\n")
    result = run("check", tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{tmp_path / 'yes.md'}:3:1: warning: draft: yes is read as a string" in result.stdout
    assert any(line.startswith(f"{tmp_path / 'date.md'}:3:1: error: the \"date\" front matter field "
                               "is not a parsable date") for line in lines)
    assert any(line.startswith(f"{tmp_path / 'dup.md'}:3:1: error: \"title\" is defined twice") for line in lines)
    assert any(line.startswith(f"{tmp_path / 'latin.md'}:2:") and "not UTF-8" in line for line in lines)
    assert any(line.startswith(f"{tmp_path / 'two.md'}:3:1: warning: publishdate and pubdate") for line in lines)
    assert not any("ok.md" in line for line in lines)
    assert "6 file(s) checked: 3 error(s), 2 warning(s)" in result.stderr


def test_check_clean_folder_exits_0_and_seed_warns_about_mojibake(seed):
    result = run("check", seed.parent)
    assert result.returncode == 0
    assert f"{seed}:19:34: warning: mojibake 'â€“'" in result.stdout


def test_render_prints_the_body_html(seed):
    result = run("render", seed)
    assert result.returncode == 0
    assert 'href="https://www.ibm.com/blogs/policy/facial-recognition-susset-racial-justice-reforms/"' in result.stdout
    assert "<blockquote>" in result.stdout and "[1]:" not in result.stdout


def test_help_lists_commands_and_exit_codes():
    result = run("--help")
    assert result.returncode == 0
    for word in ("show", "set", "check", "render", "list", "new", "export", "exit codes"):
        assert word in result.stdout
