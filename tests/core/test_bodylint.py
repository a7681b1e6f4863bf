"""Body problems: undefined/unused reference links, missing images, ref targets, repeated heading ids."""

from __future__ import annotations

from editor.core.lint.bodylint import check_body, resolve_ref
from editor.core.lint.postlint import check_file

BODY = """# Title

See [the docs][docs], [missing][nope] and [shortcut]. `[in code][x]`

![img](nothere.png) ![ok](https://example.org/y.png) ![here](here.png)

```
[inside][code]
```

## Title

{{< ref "posts/other.md" >}} {{< relref "gone" >}}

[docs]: https://x
[unused]: https://y
[shortcut]: https://z
"""


def test_body_problems_with_lines(tmp_path):
    content = tmp_path / "content"
    (content / "posts" / "b").mkdir(parents=True)
    (content / "posts" / "other.md").write_text("x")
    post = content / "posts" / "b" / "index.md"
    (content / "posts" / "b" / "here.png").write_bytes(b"png")
    found = [(p.line, p.message.split(" ")[0:3]) for p in check_body(BODY, str(post), [content])]
    assert found == [
        (3, ["reference", "link", "[nope]"]),
        (5, ["image", "nothere.png", "does"]),
        (11, ["heading", "id", "#title"]),
        (13, ["REF_NOT_FOUND:", "Ref", '"gone":']),   # Hugo's own words
        (16, ["link", "definition", "[unused]"]),
    ]


def test_seed_body_is_clean():
    from tests.conftest import SEED
    import editor.core as core
    assert check_body(core.load(SEED).content, str(SEED)) == []


def test_resolve_ref_by_path_and_name(tmp_path):
    content = tmp_path / "content"
    (content / "posts" / "bundle").mkdir(parents=True)
    (content / "posts" / "a.md").write_text("x")
    (content / "posts" / "bundle" / "index.md").write_text("x")
    assert resolve_ref("posts/a.md", [content]) == content / "posts" / "a.md"
    assert resolve_ref("/posts/a", [content]) == content / "posts" / "a.md"
    assert resolve_ref("bundle", [content]) == content / "posts" / "bundle" / "index.md"
    assert resolve_ref("nope", [content]) is None


def test_relative_image_in_single_file_post_is_flagged(tmp_path):
    post = tmp_path / "single.md"
    (tmp_path / "pic.png").write_bytes(b"png")
    post.write_text("---\ntitle: x\n---\n\n![p](pic.png)\n")
    problems = check_file(post)
    assert [(p.line, "leaf bundle" in p.message) for p in problems] == [(5, True)]


def test_headings_are_rendered_once_and_alone_across_lint_runs(monkeypatch):
    """The lint runs after each pause in typing, in a thread sharing the GIL with the editor: a long
    post's headings must not be rendered again each time, nor with every reference definition."""
    import editor.core.render as render
    calls: list[str] = []
    real = render.render_markdown
    monkeypatch.setattr(render, "render_markdown", lambda text, *a, **k: calls.append(text) or real(text, *a, **k))
    defs = "".join(f"[d{i}]: https://example.com/{i}\n" for i in range(50))
    body = "".join(f"## Once only heading {i}\n\ntext\n\n" for i in range(20)) + "## See [it][d1]\n\n" + defs
    first = check_body(body)
    assert len(calls) == 21 and all("[d49]" not in text for text in calls[:20])   # plain headings alone
    assert "[d49]" in calls[20]                                                   # a reference link: with them
    calls.clear()
    assert check_body(body + "more words\n") == first and calls == []
