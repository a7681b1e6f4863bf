"""`check` reports slugs Hugo would change and URLs two checked posts of one site share (Hugo keeps one)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from editor.core.hugo import binary as hugo
from tests.conftest import ROOT
from tests.sitegen import hugo_list, make_site, site_path

Y = "---\ntitle: {}\nslug: {}\n---\nbody\n"


def _check(*args):
    return subprocess.run([sys.executable, "-m", "editor", "check", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True)


@pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
def test_check_reports_shared_urls_and_unsafe_slugs(tmp_path):
    root = make_site(tmp_path, {"posts/one.md": Y.format("one", "a&b"), "posts/two.md": Y.format("two", "a:b"),
                                "posts/fine.md": Y.format("fine", "fine-slug"),
                                "posts/Upper Case.md": "---\ntitle: upper\n---\n"})
    urls = [site_path(p.permalink) for p in hugo_list(root)]
    assert urls.count("/posts/ab/") == 2     # Hugo lists both, but writes one page only
    posts = root / "content" / "posts"
    result = _check(posts)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert f"{posts / 'one.md'}:3:1: error: /posts/ab/ is the same URL as two.md: Hugo silently publishes " \
           "only one of them" in lines
    assert f"{posts / 'two.md'}:3:1: error: /posts/ab/ is the same URL as one.md: Hugo silently publishes " \
           "only one of them" in lines
    assert f"{posts / 'one.md'}:3:1: warning: Hugo turns the slug 'a&b' into 'ab' in the URL; use a safe " \
           "slug such as 'a-b'" in lines
    assert not any("fine.md" in line or "Upper Case" in line for line in lines)
    assert "4 file(s) checked: 2 error(s), 2 warning(s)" in result.stderr
    quiet = _check("--quiet", posts)
    assert quiet.returncode == 1 and not any(": warning:" in line for line in quiet.stdout.splitlines())
    alone = _check(posts / "one.md")          # one file shares nothing with itself
    assert alone.returncode == 0 and ": error:" not in alone.stdout and "safe slug" in alone.stdout


def test_check_outside_a_site_reports_no_collisions(tmp_path):
    (tmp_path / "one.md").write_text(Y.format("one", "same"))
    (tmp_path / "two.md").write_text(Y.format("two", "same"))
    result = _check(tmp_path)
    assert result.returncode == 0 and "same URL" not in result.stdout
