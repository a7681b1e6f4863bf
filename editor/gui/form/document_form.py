"""Shows the open post in the front-matter form: its values, Hugo status, URL and date offsets, kept current."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from editor.gui.feature_context import FeatureContext
from editor.services.document.fields import form_values

STATUS_TICK_MS = 60_000   # scheduled posts become published while the window is open


class DocumentForm(QObject):
    """The form's side of the open document (the form's edits go to the document through the window's wiring)."""

    def __init__(self, ctx: FeatureContext) -> None:
        super().__init__(ctx.parent)
        self.document, self.form, self.actions = ctx.document, ctx.form, ctx.actions
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_TICK_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()

    def show(self) -> None:
        """Fill the form from the open post (or empty it)."""
        doc = self.document
        if doc.is_open:
            values, other = form_values(doc.post)
            self.form.populate(values, other, doc.tz_offset())
            self.actions.toggle_draft.setChecked(bool(values.get("draft")))
        else:
            self.form.populate({}, {}, None)
        self.fields_changed()

    def fields_changed(self) -> None:
        self.refresh_status()
        self.form.set_url(self.document.url())
        offset = self.document.tz_offset()
        for field in self.form.dates.values():
            field.set_offset_hint(offset)

    def refresh_status(self) -> None:
        status, when = self.document.status()
        self.form.set_status(status, when)
