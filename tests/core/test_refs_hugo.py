"""ref/relref in the instant preview give the URLs real Hugo gives; an unknown target is Hugo's REF_NOT_FOUND."""

from __future__ import annotations

import re

import pytest

from editor.core import RenderConfig, load, render_html
from editor.core.hugo import binary as hugo, refs
from editor.core.lint.postlint import check_post
from editor.core.hugo.site import find_site
from tests.sitegen import make_site

pytestmark = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")

TARGETS = ['ref "target.md"', 'relref "target.md"', 'relref "/posts/target.md"', 'relref "/posts/target"',
           'relref "target"', 'relref "#frag"', 'ref "#frag"', 'relref "target.md#Part-2"', 'relref "guide"',
           'relref "/docs/guide"', 'relref "deep.md"', 'relref "sub/deep.md"', 'ref "/docs"', 'relref "/"',
           'relref "Ünïcode Post.md"', 'ref "guide"']
BODY = "".join(f"L{i} {{{{< {t} >}}}}\n\n" for i, t in enumerate(TARGETS)) + \
    '[a link]({{< relref "target.md" >}}) and [abs]({{< ref "/docs/guide" >}})\n'
FILES = {
    "posts/target.md": "---\ntitle: Target\nslug: Custom Slug\n---\nx\n",
    "docs/guide/index.md": "---\ntitle: Guide\n---\ng\n",
    "docs/other.md": "---\ntitle: Other\n---\no\n",
    "posts/sub/deep.md": "---\ntitle: Deep\n---\nd\n",
    "posts/Ünïcode Post.md": "---\ntitle: U\n---\nu\n",
    "posts/a.md": "---\ntitle: A\n---\n" + BODY,
}
CONFIG = "baseURL = 'https://example.org/blog/'\n"


def _site(tmp_path):
    return make_site(tmp_path, FILES, config=CONFIG,
                     files={"layouts/_default/single.html": "{{ .Content }}", "layouts/_default/list.html": ""})


def _paragraphs(html: str) -> list[str]:
    return [p.strip() for p in re.findall(r"<p>(.*?)</p>", html, re.S)]


def test_instant_preview_urls_are_hugos(tmp_path):
    root = _site(tmp_path)
    out = tmp_path / "public"
    result = hugo.run(["--quiet", "-d", str(out)], cwd=root)
    assert result.returncode == 0, result.stderr
    expected = _paragraphs((out / "posts/a/index.html").read_text(encoding="utf-8"))
    path = root / "content/posts/a.md"
    post, site = load(path), find_site(path)
    table = refs.resolve_all(post.content, str(path), site)
    ours = _paragraphs(render_html(post.content, config=RenderConfig(refs=table)))
    assert len(expected) == len(TARGETS) + 1
    assert ours == expected


def test_an_unknown_target_is_hugos_error_in_the_problems(tmp_path):
    root = _site(tmp_path)
    path = root / "content/posts/a.md"
    path.write_text(FILES["posts/a.md"] + '\nSee {{< relref "nope.md" >}}.\n', encoding="utf-8")
    result = hugo.run(["-d", str(tmp_path / "public")], cwd=root)
    assert result.returncode != 0
    said = result.stderr + result.stdout
    assert re.search(r'REF_NOT_FOUND: Ref "nope.md": "[^"]+": page not found', said), said
    post, site = load(path), find_site(path)
    problems = [p for p in check_post(post, site) if "REF_NOT_FOUND" in p.message]
    assert [p.message.split(" (")[0] for p in problems] == ['REF_NOT_FOUND: Ref "nope.md": page not found']
    line = path.read_text(encoding="utf-8").split("\n").index('See {{< relref "nope.md" >}}.') + 1
    assert problems[0].line == line
    with pytest.raises(refs.RefError, match='REF_NOT_FOUND: Ref "nope.md": page not found'):
        refs.resolve("relref", "nope.md", str(path), site)
    # The preview still renders, with the target shown as unresolved.
    table = refs.resolve_all(post.content, str(path), site)
    assert "relref:nope.md" not in table
    assert "(unresolved)" in render_html(post.content, config=RenderConfig(refs=table))
