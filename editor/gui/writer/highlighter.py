"""Incremental Markdown highlighting per block: Markdown/Hugo syntax, fenced code via Pygments, spelling underlines."""

from __future__ import annotations

import re

from PySide6.QtCore import QTimer
from PySide6.QtGui import (QColor, QFont, QGuiApplication, QPalette, QSyntaxHighlighter, QTextCharFormat,
                           QTextDocument)

from editor.services.checks.spelling import prose_words

# Block states (QSyntaxHighlighter keeps one int per block, so a change re-highlights only until
# the states agree again): NORMAL, inside front matter, inside an HTML comment, inside a fence.
# A fence's state also carries its character, its length and its language's index.
NORMAL, FRONT, COMMENT, FENCE = 0, 1, 3, 2
_FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*\{?\s*\.?([\w+#.-]*)")
_FM_OPEN = re.compile(r"^(---|\+\+\+)\s*$")


def _fmt(colour: QColor | None = None, bold: bool = False, italic: bool = False,
         background: QColor | None = None, size: float = 0) -> QTextCharFormat:
    f = QTextCharFormat()
    if colour is not None:
        f.setForeground(colour)
    if background is not None:
        f.setBackground(background)
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    if size:
        f.setFontPointSize(size)
    return f


class MarkdownHighlighter(QSyntaxHighlighter):
    """Regular expressions per line; states carry fences, front matter and comments across lines."""

    RULES = (
        (re.compile(r"^\s{0,3}>+"), "quote_marker"),
        (re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?=\s)(?:\s+\[[ xX]\])?"), "list"),
        (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), "bold"),
        (re.compile(r"(?<![*_\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*_\w])"), "italic"),
        (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), "strike"),
        (re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->"), "html"),
        (re.compile(r"<(?:https?|mailto|ftp):[^>\s]+>"), "url"),
        (re.compile(r"!?\[(?:[^\]\\]|\\.)*\](?:\([^)]*\)|\[[^\]]*\])?"), "link"),
        (re.compile(r"\]\(([^)]*)\)"), "url"),
        (re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S.*$"), "refdef"),
        (re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)"), "code"),
        (re.compile(r"\{\{[<%].*?[%>]\}\}"), "shortcode"),
        (re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$"), "rule"),
    )
    HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t].*)?$")
    SETEXT = re.compile(r"^ {0,3}(?:=+|-+)\s*$")

    def __init__(self, document: QTextDocument, spell=None, front_matter: bool = False) -> None:
        super().__init__(document)
        self.spell = spell               # a SpellService (or anything with is_known(word))
        self.spell_enabled = spell is not None
        self.front_matter = front_matter  # the raw view: the text starts with the front matter
        self._languages: list[str] = [""]
        self._lexers: dict[str, object] = {}
        self._token_formats: dict[object, QTextCharFormat] = {}
        self._pending = None
        self._chunk = QTimer(self)
        self._chunk.setInterval(0)
        self._chunk.timeout.connect(self._rehighlight_chunk)
        self.set_palette(QGuiApplication.palette())

    # ------------------------------------------------------------------ appearance
    def set_palette(self, palette: QPalette) -> None:
        self.dark = dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        accent = QColor("#79b8ff" if dark else "#0550ae")
        muted = QColor("#8b949e" if dark else "#57606a")
        code = QColor("#ff9492" if dark else "#a40e26")
        code_bg = QColor("#161b22" if dark else "#f3f4f6")
        self.formats = {
            "heading": _fmt(accent, bold=True),
            "quote": _fmt(muted, italic=True),
            "quote_marker": _fmt(muted, bold=True),
            "list": _fmt(accent, bold=True),
            "bold": _fmt(bold=True),
            "italic": _fmt(italic=True),
            "strike": _fmt(muted),
            "code": _fmt(code, background=code_bg),
            "fence": _fmt(muted, background=code_bg),
            "fence_text": _fmt(None, background=code_bg),
            "link": _fmt(QColor("#7ee787" if dark else "#116329")),
            "url": _fmt(muted),
            "refdef": _fmt(muted),
            "shortcode": _fmt(QColor("#d2a8ff" if dark else "#8250df"), bold=True),
            "html": _fmt(QColor("#ffa657" if dark else "#953800")),
            "rule": _fmt(muted, bold=True),
            "front": _fmt(QColor("#a5d6ff" if dark else "#0a3069")),
            "front_key": _fmt(accent, bold=True),
        }
        self.formats["strike"].setFontStrikeOut(True)
        self.misspelled_colour = QColor("#ff6b6b" if dark else "#d1242f")
        self._token_formats.clear()
        self._style = None

    # ------------------------------------------------------------------ highlighting
    def highlightBlock(self, text: str) -> None:  # noqa: N802
        previous = self.previousBlockState()
        block_number = self.currentBlock().blockNumber()
        if self.front_matter and block_number == 0 and _FM_OPEN.match(text):
            self.setFormat(0, len(text), self.formats["front"])
            self.setCurrentBlockState(FRONT | (0 if text.startswith("-") else 4))
            return
        if previous >= 0 and previous & 3 == FRONT:
            self.setFormat(0, len(text), self.formats["front"])
            closer = "+++" if previous & 4 else "---"
            if text.strip() == closer:
                self.setCurrentBlockState(NORMAL)
            else:
                m = re.match(r"^\s*([\w.-]+)\s*[:=]", text)
                if m:
                    self.setFormat(m.start(1), len(m.group(1)), self.formats["front_key"])
                self.setCurrentBlockState(previous)
            return
        if previous >= 0 and previous & 3 == FENCE:
            self._fence_line(text, previous)
            return
        m = _FENCE_OPEN.match(text)
        if m:
            self.setFormat(0, len(text), self.formats["fence"])
            self.setCurrentBlockState(self._fence_state(m.group(2), m.group(3).lower()))
            return
        in_comment = previous >= 0 and previous == COMMENT
        self.setCurrentBlockState(NORMAL)
        if in_comment or ("<!--" in text and "-->" not in text[text.find("<!--"):]):
            self._comment_line(text, in_comment)
            return
        self._markdown_line(text)

    def _markdown_line(self, text: str) -> None:
        formats = self.formats
        if self.HEADING.match(text):
            self.setFormat(0, len(text), formats["heading"])
        elif self.SETEXT.match(text) and self.currentBlock().previous().text().strip():
            self.setFormat(0, len(text), formats["heading"])
            return
        elif text.lstrip().startswith(">"):
            self.setFormat(0, len(text), formats["quote"])
        for pattern, name in self.RULES:
            for m in pattern.finditer(text):
                if name == "url" and m.lastindex:
                    self.setFormat(m.start(1), m.end(1) - m.start(1), formats[name])
                else:
                    self.setFormat(m.start(), m.end() - m.start(), formats[name])
        # Before the dictionary loads every word counts as known: not even looking for words keeps
        # the first highlighting of a post cheap (the service's `ready` re-highlights).
        if self.spell_enabled and self.spell is not None and getattr(self.spell, "is_ready", True) \
                and text.strip():
            self._underline_misspelled(text)

    def _underline_misspelled(self, text: str) -> None:
        for start, length, word in prose_words(text):
            if not self.spell.is_known(word):
                f = QTextCharFormat(self.format(start))
                f.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
                f.setUnderlineColor(self.misspelled_colour)
                self.setFormat(start, length, f)

    def _comment_line(self, text: str, in_comment: bool) -> None:
        start = 0 if in_comment else text.find("<!--")
        end = text.find("-->", start + (0 if in_comment else 4))
        if end < 0:
            self.setFormat(start, len(text) - start, self.formats["url"])
            self.setCurrentBlockState(COMMENT)
        else:
            self.setFormat(start, end + 3 - start, self.formats["url"])

    # ------------------------------------------------------------------ fences
    def _fence_state(self, fence: str, language: str) -> int:
        if language not in self._languages:
            self._languages.append(language)
        index = self._languages.index(language)
        return FENCE | (4 if fence[0] == "~" else 0) | (min(len(fence), 31) << 3) | (index << 8)

    def _fence_line(self, text: str, state: int) -> None:
        char = "~" if state & 4 else "`"
        length = (state >> 3) & 31
        stripped = text.lstrip(" ")
        if len(text) - len(stripped) <= 3 and stripped.startswith(char * length) \
                and not stripped.strip(char).strip():
            self.setFormat(0, len(text), self.formats["fence"])
            self.setCurrentBlockState(NORMAL)
            return
        self.setCurrentBlockState(state)
        self.setFormat(0, len(text), self.formats["fence_text"])
        lexer = self._lexer(self._languages[state >> 8])
        if lexer is None or not text:
            return
        pos = 0
        for ttype, value in lexer.get_tokens(text):
            if pos >= len(text):
                break
            f = self._token_format(ttype)
            if f is not None:
                self.setFormat(pos, min(len(value), len(text) - pos), f)
            pos += len(value)

    def _lexer(self, language: str):
        if not language:
            return None
        if language not in self._lexers:
            from pygments.lexers import get_lexer_by_name
            from pygments.util import ClassNotFound
            try:
                self._lexers[language] = get_lexer_by_name(language, stripnl=False, ensurenl=False)
            except ClassNotFound:
                self._lexers[language] = None
        return self._lexers[language]

    def _token_format(self, ttype) -> QTextCharFormat | None:
        if ttype in self._token_formats:
            return self._token_formats[ttype]
        if self._style is None:
            from pygments.styles import get_style_by_name
            self._style = get_style_by_name("monokai" if self.dark else "default")
        known = ttype
        while not self._style.styles_token(known) and known.parent is not None:
            known = known.parent   # lexer-made token types (YAML's Scalar.Plain…) take their parent's style
        spec = self._style.style_for_token(known)
        f = None
        if spec.get("color") or spec.get("bold") or spec.get("italic"):
            f = QTextCharFormat(self.formats["fence_text"])
            if spec.get("color"):
                f.setForeground(QColor("#" + spec["color"]))
            if spec.get("bold"):
                f.setFontWeight(QFont.Weight.Bold)
            if spec.get("italic"):
                f.setFontItalic(True)
        self._token_formats[ttype] = f
        return f

    def fence_language(self, block) -> str:
        """The language of the fence a block is inside ("" outside fences or without a language)."""
        state = block.previous().userState() if block.previous().isValid() else -1
        return self._languages[state >> 8] if state >= 0 and state & 3 == FENCE else ""

    def is_prose(self, block) -> bool:
        """False for blocks inside fences, front matter and comments (spelling skips them)."""
        state = block.userState()
        return state >= 0 and state & 3 == NORMAL and not _FENCE_OPEN.match(block.text())

    # ------------------------------------------------------------------ re-highlighting
    def rehighlight_soon(self) -> None:
        """Re-highlight the whole text a few hundred blocks per event-loop turn (typing stays live)."""
        self._pending = self.document().firstBlock()
        self._chunk.start()

    def _rehighlight_chunk(self) -> None:
        block = self._pending
        for _ in range(300):
            if block is None or not block.isValid():
                self._chunk.stop()
                self._pending = None
                return
            self.rehighlightBlock(block)
            block = block.next()
        self._pending = block
