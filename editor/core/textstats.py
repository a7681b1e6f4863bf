"""Word count and reading time as Hugo computes .WordCount and .ReadingTime (CJK-aware)."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Hugo's cjkRe: Han, Hangul, Hiragana, Katakana.
_CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u31a0-\u31ff"
                  r"\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")


class _Plain(HTMLParser):
    """HTML → text, as Hugo's .Plain (tags dropped, entities decoded, blocks separated)."""

    _BLOCKS = {"p", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6",
               "table", "tr", "td", "th", "dl", "dt", "dd", "br", "hr", "figure", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(rendered_html: str) -> str:
    parser = _Plain()
    parser.feed(rendered_html)
    parser.close()
    return html.unescape("".join(parser.parts))


def is_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def word_count(plain: str, cjk: bool = False) -> int:
    """Hugo's .WordCount of a page's plain text; with `cjk`, each CJK character counts as a word."""
    words = plain.split()
    if not cjk:
        return len(words)
    total = 0
    for word in words:
        # Go: len(word) is bytes; a word of only 1-byte runes counts once, otherwise every rune.
        total += 1 if len(word.encode("utf-8")) == len(word) else len(word)
    return total


def reading_time(words: int, cjk: bool = False) -> int:
    """Hugo's .ReadingTime in minutes: 213 words a minute (501 for CJK), rounded up."""
    return (words + 500) // 501 if cjk else (words + 212) // 213


def stats(rendered_html: str, has_cjk_language: bool = False, is_cjk_language: bool | None = None
          ) -> tuple[int, int]:
    """(words, minutes) of a rendered body, with Hugo's CJK detection (site hasCJKLanguage or the page's isCJKLanguage)."""
    plain = plain_text(rendered_html)
    cjk = is_cjk_language if is_cjk_language is not None else (has_cjk_language and is_cjk(plain))
    words = word_count(plain, cjk)
    return words, reading_time(words, cjk)
