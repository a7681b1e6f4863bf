"""Slugs made from titles are what Hugo's `urlize` makes of them (checked against the real binary)."""

from __future__ import annotations

import json

import pytest

from editor.cli import main
from editor.core.hugo import binary as hugo, urls
from tests.sitegen import make_site

TITLES = [
    "Привет мир",                      # Cyrillic
    "你好，世界",                        # CJK with a full-width comma
    "日本語のタイトル テスト",
    "한국어 제목",
    "Café déjà vu à Zürich",          # accents
    "Straße & Œuvre",
    "Hello 🎉 World! 🚀",               # emoji
    "C++ & Go: what's new? (2024)",   # punctuation
    "  Mixed CASE   Title  ",
    "100% done — really…",
    "e-mail_address@host.tld #tag ~x",
    "Ελληνικά γράμματα",
    "عنوان عربي",
]

HUGO = pytest.mark.skipif(hugo.hugo_binary() is None, reason="Hugo is not installed")


def _hugo_urlize(tmp_path, titles: list[str]) -> list[str]:
    """The real binary's `urlize` of each title (one per line of the built home page)."""
    layout = "{{ range split `" + "\n".join(titles) + "` \"\\n\" }}{{ . | urlize | safeHTML }}\n{{ end }}"
    root = make_site(tmp_path, {}, files={"layouts/index.html": layout,
                                          "layouts/_default/single.html": "", "layouts/_default/list.html": ""})
    out = tmp_path / "public"
    result = hugo.run(["--quiet", "-d", str(out)], cwd=root)
    assert result.returncode == 0, result.stderr
    return (out / "index.html").read_text(encoding="utf-8").split("\n")[: len(titles)]


@HUGO
def test_hugo_urlize_is_the_real_one(tmp_path):
    assert [urls.hugo_urlize(t) for t in TITLES] == _hugo_urlize(tmp_path, TITLES)


@HUGO
def test_slug_from_title_gives_the_url_urlize_gives(tmp_path):
    """The slug is urlize unescaped (readable in the form); Hugo escapes it back to urlize's text,
    and a post with that slug gets exactly the URL `urlize` names."""
    expected = _hugo_urlize(tmp_path / "u", TITLES)
    for title, want in zip(TITLES, expected):
        slug = urls.title_slug(title)
        assert slug, title
        # '#' is the one difference: urlize leaves it bare (a fragment); in a page URL Hugo escapes it.
        assert urls.escape_path(slug) == want.strip("-").replace("#", "%23"), title
    posts = {f"posts/p{i}.md": f"---\ntitle: {json.dumps(t, ensure_ascii=False)}\n"
                               f"slug: {json.dumps(urls.title_slug(t), ensure_ascii=False)}\n---\nx\n"
             for i, t in enumerate(TITLES)}
    root = make_site(tmp_path / "s", posts)
    listed = {p.path: p.permalink for p in hugo.list_pages(root)}
    for i, want in enumerate(expected):
        want = want.strip("-").replace("#", "%23")
        assert listed[f"content/posts/p{i}.md"] == f"https://example.org/posts/{want}/"


def test_a_slash_in_a_title_does_not_make_a_folder():
    assert urls.title_slug("A/B testing\\done") == "a-b-testing-done"


@HUGO
def test_new_names_the_file_after_the_urlized_title(tmp_path, capsys):
    root = make_site(tmp_path, {})
    assert main(["new", str(root), "--title", "Привет мир"]) == 0
    created = capsys.readouterr().out.strip()
    assert created.endswith("/content/posts/привет-мир.md")


def test_sanitize_ascii_shortcut_matches_the_character_rules():
    """ASCII text takes a shortcut (translate + split); it must give what the per-character
    rules give, for every short mix of letters, kept marks, dropped marks and whitespace
    (str.isspace's, \\x1c-\\x1f included) and for long random ASCII strings."""
    import itertools
    import random

    alphabet = " \t\n\x0b\x1c\x1f-_./\\#+~@!&:?'\"()aZ09"
    texts = ["".join(t) for n in range(4) for t in itertools.product(alphabet, repeat=n)]
    rnd = random.Random(7)
    texts += ["".join(chr(rnd.randrange(128)) for _ in range(rnd.randint(1, 30))) for _ in range(5000)]
    for text in texts:
        if "%" not in text:
            assert urls._sanitize_ascii(text) == urls._sanitize_chars(text), repr(text)


def test_safe_slug_of_ascii_and_other_text():
    assert urls.safe_slug("Post number 1 editor") == "post-number-1-editor"
    assert urls.safe_slug("C++ & Go: what's new? (2024)") == "c-go-whats-new-2024"
    assert urls.safe_slug("Café déjà vu — Straße") == "cafe-deja-vu-strasse"
    assert urls.safe_slug("l’été") == "lete"
