"""The warning badge beside the form's URL hint: a URL another post already gets, or a slug Hugo would change."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget


class UrlWarning(QWidget):
    """Hidden while the URL is fine. `safeSlugChosen(slug)` when the author takes the offered slug."""

    safeSlugChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("urlWarningBox")
        self.setAccessibleName("URL warning")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.badge = QLabel(self)
        self.badge.setObjectName("urlWarning")
        self.badge.setAccessibleName("URL warning")
        self.badge.setStyleSheet("QLabel#urlWarning { color: white; background: #b35900; border-radius: 8px;"
                                 " padding: 1px 8px; font-weight: 600; }")
        self.badge.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.fix_button = QToolButton(self)
        self.fix_button.setObjectName("useSafeSlug")
        self.fix_button.setAccessibleName("Use the safe slug")
        self.fix_button.setAutoRaise(True)
        layout.addWidget(self.badge)
        layout.addWidget(self.fix_button, 1)
        self._fix = ""
        self.fix_button.clicked.connect(lambda: self._fix and self.safeSlugChosen.emit(self._fix))
        self.show_problems([])

    def show_problems(self, problems: list[dict]) -> None:
        """Problems as dicts with `message`, `code` ("url-collision" / "unsafe-slug") and `fix`."""
        self._fix = next((p.get("fix", "") for p in problems if p.get("fix")), "")
        if not problems:
            self.setVisible(False)
            self.badge.setToolTip("")
            return
        shared = any(p.get("code") == "url-collision" for p in problems)
        text = "\u26a0 URL shared" if shared else "\u26a0 slug changes"
        detail = "\n".join(p.get("message", "") for p in problems)
        self.badge.setText(text)
        self.badge.setToolTip(detail)
        self.badge.setAccessibleDescription(detail)
        # A long slug is elided on the button (the whole slug is in its tooltip).
        label = f"Use {self._fix}" if self._fix else ""
        width = 190   # fits the form's narrowest column beside the badge
        self.fix_button.setText(self.fix_button.fontMetrics().elidedText(label, Qt.TextElideMode.ElideMiddle, width))
        self.fix_button.setToolTip(f"Set the slug to {self._fix!r}, which Hugo keeps as it is")
        self.fix_button.setVisible(bool(self._fix))
        self.setVisible(True)

    def problems_text(self) -> str:
        return self.badge.toolTip()

    @classmethod
    def attach(cls, form, document, model) -> "UrlWarning":
        """Put the badge beside `form`'s URL hint and keep it current with `document` and the post list."""
        widget = cls(form)
        form.url_row.addWidget(widget)
        _Updater(widget, form, document, model)
        return widget


class _Updater(QObject):
    """Re-checks the open post's URL and slug when its fields change or the list is re-read."""

    def __init__(self, widget: UrlWarning, form, document, model) -> None:
        super().__init__(widget)
        self.widget, self.document, self.model = widget, document, model
        for signal in (document.loaded, document.closed, document.fieldsChanged, model.scanFinished):
            signal.connect(self.update)
        widget.safeSlugChosen.connect(form.set_slug)

    def update(self, *_args) -> None:
        doc = self.document
        if not doc.is_open:
            self.widget.show_problems([])
            return
        try:
            url = doc.url()
        except (ValueError, TypeError):
            url = ""
        lower = not (doc.site is not None and doc.site.disable_path_to_lower)
        self.widget.show_problems(self.model.url_problems(doc.path, url, doc.post.get("slug"), lower))
