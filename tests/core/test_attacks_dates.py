"""Dates at the edges of time: year 1 and 9999 with the widest offsets, read and written as Hugo does."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from editor.core import load, loads, dumps
from editor.core.hugo.dates import format_date
from tests.conftest import ROOT

EDGES = ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59", "0001-01-01T00:30:00+01:00",
         "1000-01-01T00:00:00Z"]


@pytest.mark.parametrize("text", EDGES)
def test_edge_dates_format_with_four_digit_years(text):
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert format_date(value) == text


@pytest.mark.parametrize("text", EDGES)
@pytest.mark.parametrize("fmt", ["yaml", "toml"])
def test_edge_dates_show_and_set(tmp_path, text, fmt):
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: x\ndraft: true\n---\nbody\n" if fmt == "yaml"
                    else '+++\ntitle = "x"\ndraft = true\n+++\nbody\n')
    run = [sys.executable, "-m", "editor"]
    result = subprocess.run([*run, "set", str(path), f"date={text}"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert text in path.read_text()
    shown = subprocess.run([*run, "show", str(path), "--json"], cwd=ROOT, capture_output=True, text=True,
                           timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["date"] == text
    post = load(path)
    post["draft"] = False                      # a later edit keeps the edge date as written
    assert text in dumps(post)


def test_year_one_is_written_with_four_digits():
    post = loads("---\ntitle: x\n---\n")
    post["date"] = dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert "date: 0001-01-01T00:30:00+01:00" in dumps(post)
