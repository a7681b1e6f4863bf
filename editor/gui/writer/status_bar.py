"""Status bar: Hugo's word count and reading time (rendered body, off the UI thread), line:column, status, URL."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from editor.core.hugo import textstats
from editor.gui.feature_context import FeatureContext
from editor.services.checks.problems import Coalescer


def body_stats(body_html: str, has_cjk_language: bool, is_cjk_language: bool | None) -> tuple[int, int]:
    return textstats.stats(body_html, has_cjk_language, is_cjk_language)


def format_words(words: int, minutes: int) -> tuple[str, str]:
    return (f"{words:,} word{'s' if words != 1 else ''}",
            f"{minutes} min read")


URL_WIDTH = 280


class WriterStatus:
    """The permanent widgets on the right of the status bar and what keeps them current."""

    def __init__(self, ctx: FeatureContext) -> None:
        self.document, self.editor = ctx.document, ctx.editor
        bar = ctx.parent.statusBar()
        self.cursor_label = self._label("cursorLabel", "Cursor position")
        self.words_label = self._label("wordCountLabel", "Word count")
        self.reading_label = self._label("readingTimeLabel", "Reading time")
        self.status_label = self._label("postStatusLabel", "Post status")
        self.url_label = self._label("postUrlLabel", "Post URL")
        for w in (self.url_label, self.status_label, self.words_label, self.reading_label, self.cursor_label):
            bar.addPermanentWidget(w)
        # The URL can be long: it is elided in the middle (never widening the window) and shown
        # whole in its tooltip.
        self.url_label.setMaximumWidth(URL_WIDTH)
        self.words_label.setToolTip("Hugo's .WordCount of the rendered body")
        self.reading_label.setToolTip("Hugo's .ReadingTime: 213 words a minute (501 for CJK)")
        # Counted in a thread that shares the GIL with typing: a post's first render is counted at
        # once, later ones once the preview has been quiet for a second (not after every keystroke).
        self._stats = Coalescer(body_stats, 1000, ctx.parent)
        self._stats.finished.connect(self._show_stats)
        self._counted = False
        doc = ctx.document
        doc.loaded.connect(self._count_at_once)
        ctx.editor.cursorPositionChanged.connect(self.update_cursor)
        ctx.preview_service.rendered.connect(self._rendered)
        for signal in (doc.loaded, doc.closed, doc.fieldsChanged, doc.saved):
            signal.connect(self.update_post)
        self.update_cursor()
        self.update_post()

    def _label(self, name: str, accessible: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAccessibleName(accessible)
        label.setContentsMargins(6, 0, 6, 0)
        return label

    def update_cursor(self) -> None:
        # Lines of the file (as in the Problems panel and `check`), not of the body alone.
        doc = self.document
        first = doc.post.body_line if doc.is_open else 1
        cursor = self.editor.textCursor()
        self.cursor_label.setText(f"Ln {cursor.blockNumber() + first}, Col {cursor.positionInBlock() + 1}")

    def update_post(self, *_args) -> None:
        doc = self.document
        if not doc.is_open:
            for label in (self.words_label, self.reading_label, self.status_label, self.url_label):
                label.setText("")
            self._stats.cancel()
            return
        status, when = doc.status()
        self.status_label.setText(status if not when or status != "scheduled"
                                  else f"scheduled {when:%Y-%m-%d %H:%M}")
        url = doc.url()
        metrics = self.url_label.fontMetrics()
        self.url_label.setText(metrics.elidedText(url, Qt.TextElideMode.ElideMiddle, URL_WIDTH - 12))
        self.url_label.setToolTip(url)

    def _rendered(self, _header: str, body_html: str, _base: str) -> None:
        doc = self.document
        if not doc.is_open:
            return
        site = doc.site
        has_cjk = bool(site and site.config.get("hascjklanguage"))
        flag = doc.post.get("isCJKLanguage")
        self._stats.request(body_html, has_cjk, flag if isinstance(flag, bool) else None,
                            immediate=not self._counted)
        self._counted = True

    def _count_at_once(self) -> None:
        self._counted = False

    def _show_stats(self, result) -> None:
        if isinstance(result, Exception) or not self.document.is_open:
            return
        words, minutes = result
        self.words_label.setText(format_words(words, minutes)[0])
        self.reading_label.setText(format_words(words, minutes)[1])


def install_status_bar(ctx: FeatureContext) -> WriterStatus:
    return WriterStatus(ctx)
