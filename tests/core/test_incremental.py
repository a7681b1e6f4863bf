"""Incremental rendering: chunked output equals the whole-document render; only edited chunks re-render."""

from __future__ import annotations

import pytest

from editor.core.render import RenderConfig, render_html
from editor.core.render.incremental import IncrementalRenderer
from tests.conftest import corpus_posts, requires_corpus


def _body(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for delim in ("---", "+++"):
        if text.startswith(delim + "\n"):
            end = text.find("\n" + delim, len(delim))
            if end >= 0:
                nl = text.find("\n", end + 1)
                return text[nl + 1:] if nl >= 0 else ""
    return text


def _sections(n: int, extra: str = "") -> str:
    return "\n\n".join(f"## Intro\n\nParagraph {i} with a [link][ref] and \"quotes\".{extra}\n\n- a\n- b"
                       for i in range(n))


def test_repeated_heading_ids_are_numbered_across_chunks():
    text = _sections(5) + "\n\n[ref]: https://example.com/x \"T\"\n\n## Intro {#intro-2}\n"
    r = IncrementalRenderer().render(text)
    assert r.incremental and len(r.chunks) >= 5
    assert r.html == render_html(text)
    assert r.html.count('id="intro"') == 1 and 'id="intro-3"' in r.html   # intro-2 is explicit, later


def test_footnotes_across_chunks_match_the_whole_render():
    text = ("## One\n\nFirst[^b] and [^a].\n\n## Two[^a]\n\nAgain[^b][^b].\n\n"
            "[^a]: Note A with [a link][ref].\n\n[^b]: Note B.\n\n    more of B\n\n## Three\n\nEnd.\n\n"
            "[ref]: /x\n")
    r = IncrementalRenderer().render(text)
    assert r.incremental and len(r.chunks) > 3
    assert r.html == render_html(text)
    assert 'id="fnref2:1"' in r.html and 'id="twoa"'.replace("a", "2") in r.html   # "Two" + note 2


def test_an_edit_re_renders_only_its_chunk_and_stays_equal():
    inc = IncrementalRenderer()
    text = _sections(40) + "\n\n[ref]: /x\n"
    first = inc.render(text)
    assert first.rendered_chunks == len(first.chunks)
    edited = text.replace("Paragraph 17 ", "Paragraph 17 typed ", 1)
    again = inc.render(edited)
    assert again.rendered_chunks == 1
    assert again.html == render_html(edited)
    assert sum(a.key != b.key for a, b in zip(first.chunks, again.chunks)) == 1


def test_summary_divider_and_shortcodes_are_handled_document_wide():
    text = ("Intro.\n\n<!--more-->\n\n## A\n\n{{< details summary=\"S\" >}}\n\n## Inside\n\nx\n\n"
            "{{< /details >}}\n\n## B\n\nMore <!--more--> text.\n")
    r = IncrementalRenderer().render(text)
    assert r.html == render_html(text)
    assert all("{{< /details" not in c.html or "{{< details" in c.html for c in r.chunks)


def test_shortcodes_in_link_definitions_keep_the_render_incremental():
    """`[x]: {{% eturl x %}}` (Hugo's docs do this): the definitions are expanded as the whole render
    expands them, instead of every keystroke re-rendering the whole post."""
    text = (_sections(30, " See [the site][site] and [docs][docs].")
            + "\n\n[site]: {{% eturl opengraph %}}\n[docs]: {{< ref \"x.md\" >}} \"Docs\"\n")
    inc = IncrementalRenderer()
    r = inc.render(text)
    assert r.incremental and len(r.chunks) > 5
    assert r.html == render_html(text)
    edited = text.replace("Paragraph 17 ", "Paragraph 17 typed ", 1)
    again = inc.render(edited)
    assert again.incremental and again.rendered_chunks == 1
    assert again.html == render_html(edited)


def test_a_link_definition_whose_shortcode_expands_to_spaces_falls_back_to_a_whole_render():
    text = _sections(8) + "\n\n[ref]: {{< param \"a b\" >}}\n\n[x]: {{% y %}} \"{{% t %}}\"\n"
    r = IncrementalRenderer().render(text)
    assert r.html == render_html(text)


def test_unsafe_and_config_are_honoured():
    cfg = RenderConfig(unsafe=True, typographer=False, highlight_style="github")
    text = "## A\n\n<b>raw</b> \"q\"\n\n```python\nx = 1\n```\n\n## B\n\n<div>\nblock\n</div>\n"
    r = IncrementalRenderer(cfg).render(text)
    assert r.html == render_html(text, config=cfg)
    assert "<b>raw</b>" in r.html and '"q"' in r.html
    assert r.html != IncrementalRenderer(RenderConfig(unsafe=True, typographer=False)).render(text).html


def test_control_character_falls_back_to_a_whole_render():
    text = "## A\n\nx\x01y\n\n## A\n"
    r = IncrementalRenderer().render(text)
    assert not r.incremental and r.html == render_html(text)


@requires_corpus
@pytest.mark.parametrize("unsafe", [False, True])
def test_chunked_equals_full_render_over_the_corpus(unsafe):
    cfg = RenderConfig(unsafe=unsafe)
    posts = corpus_posts()
    bad, split = [], 0
    for path in posts[::1 if not unsafe else 3]:
        body = _body(path.read_text(encoding="utf-8", errors="replace"))
        r = IncrementalRenderer(cfg).render(body)
        split += len(r.chunks) > 1
        if r.html != render_html(body, config=cfg):
            bad.append(path.name)
    assert not bad, bad[:10]
    assert split > len(posts[::1 if not unsafe else 3]) // 2    # most posts really are split


@requires_corpus
def test_edits_with_a_warm_cache_equal_the_full_render():
    inc = IncrementalRenderer()
    for path in corpus_posts()[::25]:
        body = _body(path.read_text(encoding="utf-8", errors="replace"))
        inc.render(body)
        mid = body.find("\n\n", len(body) // 2)
        if mid < 0:
            continue
        for edit in (body[:mid] + " typed" + body[mid:], body[:mid] + "\n\n## New heading\n" + body[mid:]):
            assert inc.render(edit).html == render_html(edit), path.name


@requires_corpus
def test_random_keystrokes_with_a_warm_cache_equal_the_full_render():
    """Typing, deleting and pasting Markdown syntax anywhere: the one-chunk fast path stays exact."""
    import random
    rnd = random.Random(4)
    snippets = ["x", " ", "\n", "\n\n", "#", "## ", "```", "~~~\n", "<div>\n", "- ", "1. ", "> ", ": ",
                "[^1]", "[a]: /u\n", "|", "---\n", "*", "`", "<!--", "-->", "\t", "    "]
    posts = [p for p in corpus_posts()[::40]]
    for path in posts:
        body = _body(path.read_text(encoding="utf-8", errors="replace"))
        inc = IncrementalRenderer()
        inc.render(body)
        for _ in range(12):
            pos = rnd.randrange(len(body) + 1)
            if rnd.random() < 0.3 and len(body) > 2:
                body = body[:pos] + body[pos + rnd.randint(1, 3):]
            else:
                body = body[:pos] + rnd.choice(snippets) + body[pos:]
            assert inc.render(body).html == render_html(body), (path.name, pos)
