"""One word count, Hugo's: `show --json`, `list --json` and the status bar agree with real Hugo's .WordCount."""

from __future__ import annotations

import json

import pytest

from editor.cli import main
from editor.core.hugo import binary as hugo
from tests.conftest import SEED, corpus_posts
from tests.sitegen import make_site

SAMPLES = {
    "posts/seed.md": SEED.read_text(encoding="utf-8"),
    "posts/rich.md": "---\ntitle: rich\n---\n# Head\n\n*em* **strong** `code` [link](https://x.org/a b)\n\n"
                     "- a\n- b\n\n1. one\n2. two\n\n> quoted words\n\n![alt text](img.png)\n\n"
                     "```python\nprint('hi there')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n"
                     "Footnote[^1] and <span>inline html</span>.\n\n[^1]: the note\n",
    "posts/cjk.md": "---\ntitle: cjk\nisCJKLanguage: true\n---\n日本語の文章です。 English words here 漢字\n",
    "posts/summary.md": "---\ntitle: s\n---\nIntro words.\n\n<!--more-->\n\n## More — here\n\n* x * y\n",
}


def _corpus_samples() -> dict[str, str]:
    """A few real posts (lists, links, code) when the shared corpus is present."""
    picked = [p for p in corpus_posts()
              if not p.name.startswith("_") and "{{" not in p.read_text(encoding="utf-8", errors="replace")][:12]
    return {f"posts/corpus-{i}.md": p.read_text(encoding="utf-8") for i, p in enumerate(picked)}


@pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")
def test_show_and_list_give_hugos_word_count(tmp_path, capsys):
    samples = {**SAMPLES, **_corpus_samples()}
    layout = {"layouts/_default/single.html": "{{ .File.Path }} {{ .WordCount }}\n",
              "layouts/_default/list.html": "{{ range .RegularPages }}{{ .Render \"single\" }}{{ end }}"}
    root = make_site(tmp_path, samples, files=layout)
    out = tmp_path / "public"
    result = hugo.run(["--quiet", "-D", "-F", "-E", "-d", str(out)], cwd=root)
    assert result.returncode == 0, result.stderr
    expected = {}
    for line in (out / "posts" / "index.html").read_text().splitlines():
        if line.strip():
            path, words = line.split()
            expected["content/" + path] = int(words)
    assert sorted(expected) == sorted("content/" + k for k in samples)

    assert main(["list", str(root), "--json", "--no-cache"]) == 0     # no rendering unless asked
    assert {e["words"] for e in json.loads(capsys.readouterr().out)} == {None}
    assert main(["list", str(root), "--json", "--words", "--no-cache"]) == 0
    listed = {e["path"]: e["words"] for e in json.loads(capsys.readouterr().out)}
    assert listed == expected

    # The window's index leaves counts out (its list shows none); `list --words` then fills them in.
    from editor.core.index.site_index import SiteIndex
    from editor.core.hugo.site import open_site
    window_index = SiteIndex(open_site(root), words=False).refresh()
    assert {e["words"] for e in window_index.entries()} == {None}
    assert main(["list", str(root), "--json", "--words"]) == 0
    assert {e["path"]: e["words"] for e in json.loads(capsys.readouterr().out)} == expected
    assert main(["list", str(root), "--json", "--words"]) == 0     # and from the cache now
    assert {e["path"]: e["words"] for e in json.loads(capsys.readouterr().out)} == expected

    for rel in expected:
        assert main(["show", str(root / rel), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["words"] == expected[rel], rel
