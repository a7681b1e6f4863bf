"""Word count and reading time agree with real Hugo's .WordCount and .ReadingTime."""

from __future__ import annotations

import pytest

import editor.core as core
from editor.core.hugo import binary as hugo, textstats
from tests.conftest import SEED
from tests.sitegen import make_site

SAMPLES = {
    "posts/seed.md": SEED.read_text(encoding="utf-8"),
    "posts/long.md": "---\ntitle: long\n---\n" + ("word " * 1000 + "\n\n") * 3,
    "posts/rich.md": "---\ntitle: rich\n---\n# Head\n\n*em* **strong** `code` [link](x)\n\n- a\n- b\n\n"
                     "```python\nprint('hi there')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "posts/cjk.md": "---\ntitle: cjk\nisCJKLanguage: true\n---\n日本語の文章です。 English words here 漢字\n",
}


@pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
def test_word_count_and_reading_time_match_hugo(tmp_path):
    layout = {"layouts/_default/single.html": "{{ .WordCount }} {{ .ReadingTime }}",
              "layouts/_default/list.html": ""}
    root = make_site(tmp_path, SAMPLES, files=layout)
    out = tmp_path / "public"
    result = hugo.run(["--quiet", "-d", str(out)], cwd=root)
    assert result.returncode == 0, result.stderr
    for rel, text in SAMPLES.items():
        post = core.load(root / "content" / rel)
        expected = (out / post.url().strip("/") / "index.html").read_text().split()
        cjk = bool(post.get("isCJKLanguage"))
        words, minutes = textstats.stats(core.render_html(post.content), is_cjk_language=cjk or None)
        assert [str(words), str(minutes)] == expected, rel


def test_reading_time_rounds_up():
    assert textstats.reading_time(0) == 0
    assert textstats.reading_time(1) == 1
    assert textstats.reading_time(213) == 1
    assert textstats.reading_time(214) == 2
    assert textstats.reading_time(501, cjk=True) == 1
