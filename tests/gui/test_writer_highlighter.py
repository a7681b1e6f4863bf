"""The editor's highlighter: Markdown/Hugo syntax, Pygments fences, spelling underlines, incremental per block."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from editor.gui.writer.highlighter import MarkdownHighlighter

TEXT = """# A heading with **bold**

Some *italic* text and `code span` and a [link](https://example.org) here.

> quoted line

- item one
1. item two

{{< figure src="x.png" >}} and {{% note %}}

<div class="x">html</div>

```python
def f():
    return 42
```

[ref]: https://example.org/ref
Wrongwerd in prose, `wrongwerd` in code, https://wrongwerd.example/x and {{< wrongwerd >}}.
"""


class FakeSpell:
    """Knows every word except those containing 'wrongwerd'."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def is_known(self, word: str) -> bool:
        self.asked.append(word)
        return "wrongwerd" not in word.lower()


def formats(doc: QTextDocument, line: int) -> list[tuple[int, int, QTextCharFormat]]:
    block = doc.findBlockByNumber(line)
    return [(r.start, r.length, QTextCharFormat(r.format)) for r in block.layout().formats()]


def format_at(doc: QTextDocument, line: int, column: int) -> QTextCharFormat:
    for start, length, fmt in formats(doc, line):
        if start <= column < start + length:
            return fmt
    return QTextCharFormat()


def make(qapp, text: str = TEXT, spell=None):
    doc = QTextDocument()
    # As in the editor: a plain-text layout (without any layout the document reports no changes).
    doc.setDocumentLayout(QPlainTextDocumentLayout(doc))
    doc.setPlainText(text)
    highlighter = Counting(doc, spell=spell)
    qapp.processEvents()   # the highlighter's own first pass is queued
    highlighter.rehighlight()
    return doc, highlighter


class Counting(MarkdownHighlighter):
    """Records which blocks are highlighted."""

    def __init__(self, *args, **kwargs) -> None:
        self.calls: list[int] = []
        super().__init__(*args, **kwargs)

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        self.calls.append(self.currentBlock().blockNumber())
        super().highlightBlock(text)


def test_markdown_and_hugo_syntax_are_highlighted(qapp):
    doc, h = make(qapp)
    lines = TEXT.split("\n")

    def fmt(line_no: int, needle: str) -> QTextCharFormat:
        return format_at(doc, line_no, lines[line_no].index(needle))

    assert fmt(0, "A heading").fontWeight() == QFont.Weight.Bold
    assert fmt(0, "A heading").foreground() == h.formats["heading"].foreground()
    assert fmt(2, "italic").fontItalic()
    assert fmt(2, "code span").foreground() == h.formats["code"].foreground()
    assert fmt(2, "link").foreground() == h.formats["link"].foreground()
    assert fmt(2, "Some").foreground() != h.formats["link"].foreground()
    assert fmt(4, "quoted").fontItalic()
    assert fmt(6, "-").foreground() == h.formats["list"].foreground()
    assert fmt(7, "1.").foreground() == h.formats["list"].foreground()
    assert fmt(9, "{{<").foreground() == h.formats["shortcode"].foreground()
    assert fmt(9, "{{%").foreground() == h.formats["shortcode"].foreground()
    assert fmt(11, "<div").foreground() == h.formats["html"].foreground()
    assert fmt(18, "[ref]").foreground() == h.formats["refdef"].foreground()


def test_fenced_code_is_lexed_by_pygments_for_its_language(qapp):
    doc, h = make(qapp)
    lines = TEXT.split("\n")
    keyword = format_at(doc, 14, lines[14].index("def"))
    name = format_at(doc, 14, lines[14].index("f()"))
    number = format_at(doc, 15, lines[15].index("42"))
    # Pygments' token colours differ per token type, and all sit on the code background.
    assert keyword.foreground().color() != name.foreground().color() or keyword.fontWeight() != name.fontWeight()
    assert number.foreground().color() != keyword.foreground().color()
    assert keyword.background() == h.formats["fence_text"].background()
    assert h.fence_language(doc.findBlockByNumber(15)) == "python"
    # After the closing fence, Markdown again.
    assert not h.is_prose(doc.findBlockByNumber(15)) and h.is_prose(doc.findBlockByNumber(18))


def test_front_matter_only_in_raw_view(qapp):
    text = "---\ntitle: x\n---\n# body"
    doc = QTextDocument()
    doc.setPlainText(text)
    h = MarkdownHighlighter(doc, front_matter=True)
    qapp.processEvents()
    assert format_at(doc, 1, 0).foreground() == h.formats["front_key"].foreground()
    assert format_at(doc, 3, 2).foreground() == h.formats["heading"].foreground()


def test_spelling_underlines_prose_but_not_code_urls_shortcodes(qapp):
    spell = FakeSpell()
    doc, h = make(qapp, spell=spell)
    last = TEXT.split("\n").index("Wrongwerd in prose, `wrongwerd` in code, https://wrongwerd.example/x "
                                  "and {{< wrongwerd >}}.")
    underlined = [(s, n) for s, n, f in formats(doc, last)
                  if f.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline]
    assert underlined == [(0, len("Wrongwerd"))]
    # Code in fences is never shown to the spell checker.
    assert "return" not in spell.asked and "def" not in spell.asked
    h.spell_enabled = False
    h.rehighlight()
    assert not any(f.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
                   for _, _, f in formats(doc, last))


def test_typing_rehighlights_only_the_changed_block(qapp):
    text = "\n\n".join(f"Paragraph {i} with *some* words and a [link](x)." for i in range(3000))
    doc, h = make(qapp, text)
    h.calls.clear()
    QTextCursor(doc.findBlockByNumber(3000)).insertText("typed ")
    assert h.calls == [3000]
    # Opening a fence changes the state of every following block: they are re-highlighted as code.
    h.calls.clear()
    QTextCursor(doc.findBlockByNumber(2998)).insertText("```")
    assert h.calls[0] == 2998 and len(h.calls) == doc.blockCount() - 2998
    assert format_at(doc, 4000, 0).background() == h.formats["fence_text"].background()
    # Closing it again: back to Markdown, and typing inside a paragraph stays one block.
    c = QTextCursor(doc.findBlockByNumber(2998))
    c.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    c.removeSelectedText()
    assert format_at(doc, 4000, 0).background() != h.formats["fence_text"].background()
    h.calls.clear()
    QTextCursor(doc.findBlockByNumber(5000)).insertText("x")
    assert h.calls == [5000]


def test_fences_whose_lexer_makes_its_own_token_types_do_not_break(qapp):
    # The YAML lexer emits Token.Literal.Scalar.Plain, which no Pygments style lists.
    text = "```yaml\ntitle: plain scalar value\ntags: [a, b]\n```\n\nafter\n"
    doc, h = make(qapp, text)
    value = format_at(doc, 1, text.split("\n")[1].index("plain"))
    assert value.background() == h.formats["fence_text"].background()
    assert h.is_prose(doc.findBlockByNumber(5))


class NotLoadedSpell(FakeSpell):
    """A spell service whose dictionary has not loaded yet (is_ready False)."""

    is_ready = False


def test_no_words_are_looked_for_before_the_dictionary_is_loaded(qapp):
    """Opening a post before the dictionary loads costs no spelling work; `ready` re-highlights later."""
    spell = NotLoadedSpell()
    doc, h = make(qapp, spell=spell)
    assert spell.asked == []
    spell.is_ready = True
    h.rehighlight()
    assert "Wrongwerd" in spell.asked
