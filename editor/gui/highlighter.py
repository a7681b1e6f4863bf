"""Light Markdown syntax highlighting for the editor: headings, emphasis, code, links, quotes, front matter."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette, QSyntaxHighlighter, QTextCharFormat


def _fmt(colour: QColor | None = None, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    if colour is not None:
        f.setForeground(colour)
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    f.setFontItalic(italic)
    return f


class MarkdownHighlighter(QSyntaxHighlighter):
    """A few regular expressions per line; colours picked to read on light and dark palettes."""

    RULES = (
        (re.compile(r"^#{1,6}\s.*$"), "heading"),
        (re.compile(r"^\s{0,3}>.*$"), "quote"),
        (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), "bold"),
        (re.compile(r"(?<![*_\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*_\w])"), "italic"),
        (re.compile(r"`[^`]+`"), "code"),
        (re.compile(r"!?\[[^\]]*\](\([^)]*\)|\[[^\]]*\])"), "link"),
        (re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S.*$"), "link"),
        (re.compile(r"\{\{[<%].*?[%>]\}\}"), "shortcode"),
    )

    def __init__(self, document) -> None:
        super().__init__(document)
        dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
        accent = QColor("#79b8ff" if dark else "#0550ae")
        muted = QColor("#8b949e" if dark else "#57606a")
        self.formats = {
            "heading": _fmt(accent, bold=True),
            "quote": _fmt(muted, italic=True),
            "bold": _fmt(bold=True),
            "italic": _fmt(italic=True),
            "code": _fmt(QColor("#ff9492" if dark else "#a40e26")),
            "link": _fmt(QColor("#7ee787" if dark else "#116329")),
            "shortcode": _fmt(QColor("#d2a8ff" if dark else "#8250df")),
            "fence": _fmt(QColor("#ff9492" if dark else "#a40e26")),
        }

    def highlightBlock(self, text: str) -> None:
        in_fence = self.previousBlockState() == 1
        if text.lstrip().startswith(("```", "~~~")):
            self.setFormat(0, len(text), self.formats["fence"])
            self.setCurrentBlockState(0 if in_fence else 1)
            return
        if in_fence:
            self.setFormat(0, len(text), self.formats["fence"])
            self.setCurrentBlockState(1)
            return
        self.setCurrentBlockState(0)
        for pattern, name in self.RULES:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), self.formats[name])
