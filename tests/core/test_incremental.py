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


def _chunk_starts(inc: IncrementalRenderer) -> list[int]:
    assert inc._layout is not None
    return [line for line, _ in inc._layout.pieces]


def test_typing_on_a_chunks_first_line_re_renders_only_that_chunk():
    """The line a chunk starts at is where a writer often types (a heading, a paragraph's start)."""
    inc = IncrementalRenderer()
    text = _sections(40) + "\n\n[ref]: /x\n"
    inc.render(text)
    lines = text.split("\n")
    for start in _chunk_starts(inc)[1:6]:
        before = lines[start - 1]
        for typed in (before + " more", before[:3] + "x" + before[3:]):
            lines[start - 1] = typed
            edited = "\n".join(lines)
            got = inc.render(edited)
            assert got.rendered_chunks == 1, (start, typed)
            assert got.html == render_html(edited)


PREVIOUS_ENDINGS = ["- a\n- b", "> quoted", "Term", "[^n]: a note", "1. one", "<div>\nx", "    code",
                    "| a | b |\n|---|---|\n| 1 | 2 |", "Para"]
FIRST_LINE_EDITS = ["- ", "* ", "+ ", "1. ", "> ", ": ", "  ", "    ", "\t", "[^n]: ", "[^m]: ", "[x]: /u\n", "<div>",
                    "|", "```", "#", "## ", "---\n", "===\n", "\n", "x", "Term\n: def\n", "[", "-"]


@pytest.mark.parametrize("ending", PREVIOUS_ENDINGS)
def test_a_first_line_that_could_join_the_chunk_before_is_never_rendered_alone(ending):
    """Whatever the chunk before ends with, text typed at the start of a chunk's first line renders
    as the whole document does (a list item, a quote, a definition that joins it falls back)."""
    for edit in FIRST_LINE_EDITS:
        inc = IncrementalRenderer()
        text = f"## Top\n\nIntro [^n].\n\n{ending}\n\n## Next\n\nBody [^n] text.\n\n## Last\n\nEnd.\n"
        first = inc.render(text)
        assert first.incremental
        starts = _chunk_starts(inc)
        lines = text.split("\n")
        for start in starts[1:]:
            edited_lines = list(lines)
            edited_lines[start - 1] = edit + edited_lines[start - 1]
            edited = "\n".join(edited_lines)
            assert inc.render(edited).html == render_html(edited), (ending, edit, start)
            inc.render(text)


def test_a_note_referenced_only_from_a_note_is_listed_as_in_the_whole_render():
    text = "## A\n\nIntro.\n\n## B\n\n[^a]: Note A cites [^b].\n\n[^b]: Note B.\n\n## C\n\nEnd.\n"
    r = IncrementalRenderer().render(text)
    assert r.incremental and len(r.chunks) > 1
    assert r.html == render_html(text)


_DEFLIST_AND_SHORTCODE_DOC = "\n\n".join(
    f"## Part {i}\n\nTerm {i}\n: its definition, with `code`.\n\n`opt{i}`\n: (`string`) what it does.\n\n"
    f"{{{{< details summary=\"S{i}\" >}}}}\nInside *{i}*.\n{{{{< /details >}}}}\n\n"
    f"Text {{{{< ref \"p{i}.md\" >}}}} and {{{{</* esc */>}}}} here.\n\n    indented {i}\n\nLast line {i}."
    for i in range(12))


def test_random_edits_around_definition_lists_and_shortcodes_equal_the_full_render():
    """The one-chunk fast path takes chunks holding shortcodes and definition lists: a tag, a
    definition marker or indentation typed anywhere (one or two edits from a warm cache) must render
    as the whole document does, or at worst as a fresh split does (a limit of splitting itself)."""
    import random
    rnd = random.Random(12)
    snippets = ["x", " ", "\n", "\n\n", ": ", "\n: def", "    ", "Term\n: d\n", "{{< ", ">}}", "{{< /details >}}",
                "{{< details >}}", "{{", "}}", "{{< x />}}", "/*", "*/", "- ", "> ", "`", "[^1]", "\n[^1]: n\n"]
    original = _DEFLIST_AND_SHORTCODE_DOC
    inc = IncrementalRenderer()
    local = split_limits = edits = 0
    for _ in range(300):
        inc.render(original)
        body = original
        for _ in range(rnd.randint(1, 2)):
            pos = rnd.randrange(len(body) + 1)
            if rnd.random() < 0.3:
                body = body[:pos] + body[pos + rnd.randint(1, 3):]
            else:
                body = body[:pos] + rnd.choice(snippets) + body[pos:]
            edits += 1
            local += inc._local(body) is not None
            got, whole = inc.render(body).html, render_html(body)
            if got != whole:
                assert got == IncrementalRenderer().render(body).html, pos
                split_limits += 1
    assert local > edits // 2        # most edits took the fast path
    assert split_limits < edits * 0.05   # a broken escaped tag and the like: rare


def test_typing_inside_a_chunk_with_a_definition_list_and_shortcodes_is_local():
    inc = IncrementalRenderer()
    body = _DEFLIST_AND_SHORTCODE_DOC
    inc.render(body)
    at = body.index("what it does.", len(body) // 2)
    for n in range(1, 8):
        edited = body[:at] + "typed"[:n % 6] + body[at:]
        got = inc.render(edited)
        assert got.rendered_chunks <= 1 and got.html == render_html(edited)


def test_a_new_document_or_a_big_paste_is_split_afresh():
    """A whole new text (the worker's first request after its warm-up) or a paste into one chunk
    is split again, never kept as one ever-growing chunk."""
    inc = IncrementalRenderer()
    inc.render("# warm\n\nUp *the* [renderer](x).\n")
    text = _sections(40) + "\n\n[ref]: /x\n"
    assert len(inc.render(text).chunks) > 10
    at = text.index("Paragraph 20 ")
    pasted = text[:at] + _sections(100).replace("## Intro", "## Pasted") + "\n\n" + text[at:]
    got = inc.render(pasted)
    assert got.html == render_html(pasted)
    assert max(len(p) for _, p in inc._layout.pieces) < 2000
