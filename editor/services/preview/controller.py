"""Builds the instant preview's request (title, date, body, base URL, markup settings) from the open Document."""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import QObject, QUrl, Signal

from editor.services.document.document import Document
from editor.services.preview.service import PreviewRequest, PreviewService, RefSource, render_config


class PreviewController(QObject):
    """One `PreviewService.request` per change of the Document (an edit, a field, a load or close);
    the window only connects it to the pane."""

    cleared = Signal()   # no post is open: the pane shows its placeholder

    def __init__(self, document: Document, service: PreviewService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document, self.service = document, service
        document.loaded.connect(self.refresh)
        document.closed.connect(self.refresh)
        document.bodyChanged.connect(self.update)
        document.fieldsChanged.connect(self.update)

    def refresh(self) -> None:
        """Another post (or none): render at once, dropping whatever is in flight for the previous one."""
        self.update(immediate=True)

    def update(self, immediate: bool = False) -> None:
        doc = self.document
        if not doc.is_open:
            self.service.cancel()
            self.cleared.emit()
            return
        self.service.set_config(render_config(doc.site))
        self.service.set_ref_source(RefSource(doc.site, doc.path) if doc.path else None)
        self.service.request(self.build(), immediate=immediate)

    def build(self) -> PreviewRequest:
        """The request for the open post (its text read once, its dates parsed once)."""
        doc = self.document
        title = doc.post.get("title")
        base = QUrl.fromLocalFile(os.path.dirname(os.path.abspath(doc.path)) + "/").toString() if doc.path else ""
        return PreviewRequest(str(title or ""), self._date(), doc.body, base)

    def _date(self) -> dt.datetime | None:
        doc = self.document
        try:
            return doc.post.dates(doc.site.frontmatter_rules if doc.site else None).get("date")
        except (ValueError, TypeError):
            return None   # an unparsable date: the form and Problems say so; the preview shows none
