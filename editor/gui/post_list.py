"""The post list dock: search box, status and tag quick filters, counts, scan progress, and the sortable table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QButtonGroup, QComboBox, QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QProgressBar, QSizePolicy, QStyle,
                               QTableView, QToolButton, QVBoxLayout, QWidget)

from editor.services.posts.model import PathRole, PostListModel, WarningRole

TITLE_CHARS = 40        # the dock starts wide enough to read this many characters of a title
MIN_TITLE_CHARS = 24    # below this the status column gives way
KEY_OPEN_DELAY_MS = 150  # arrow keys: open the post the cursor rests on
TAGS_FROM_WIDTH = 420   # px of list width below which the tags column is hidden
STATUS_FILTERS = (("", "All"), ("draft", "Drafts"), ("scheduled", "Scheduled"),
                  ("published", "Published"), ("expired", "Expired"), ("problems", "Problems"),
                  ("changed", "Changed"))   # changed: not yet committed to git (shown inside a repository)

GIT_COLORS = {"new": "#1a7f37", "modified": "#9a6700", "deleted": "#cf222e", "conflicted": "#cf222e"}


def _named(widget, name: str, accessible: str):
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class PostFilterProxy(QSortFilterProxyModel):
    """Filters with the model's own matcher; sorting is forwarded to the model (fast, in Python)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = self.status = self.tag = self.lang = ""
        self._warning_icon = None

    def set_filter(self, text: str | None = None, status: str | None = None, tag: str | None = None,
                   lang: str | None = None) -> None:
        self.beginFilterChange()
        self.text = self.text if text is None else text
        self.status = self.status if status is None else status
        self.tag = self.tag if tag is None else tag
        self.lang = self.lang if lang is None else lang
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        if not (self.text or self.status or self.tag or self.lang):
            return True
        return self.sourceModel().matches(source_row, self.text, self.status, self.tag, self.lang)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 0:
            # The ⚠ marker is an icon: a screen reader hears it as words.
            warnings = super().data(index, WarningRole)
            title = super().data(index, Qt.ItemDataRole.DisplayRole)
            return f"{title}. Warning: {'; '.join(warnings)}" if warnings else title
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:   # what hidden columns would say
            model = self.sourceModel()
            extra = [f"{name}: {value}" for name, value in (
                ("status", self.index(index.row(), 1).data()),
                ("language", self.index(index.row(), model.LANGUAGE_COLUMN).data()),
                ("git", self.index(index.row(), model.GIT_COLUMN).data())) if value]
            return "\n".join([super().data(index, role), *extra])
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            if super().data(index, WarningRole):   # the marker: URL shared or slug Hugo would change
                if self._warning_icon is None:
                    self._warning_icon = QApplication.style().standardIcon(
                        QStyle.StandardPixmap.SP_MessageBoxWarning)
                return self._warning_icon
            return None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.sourceModel().GIT_COLUMN:
            color = GIT_COLORS.get(super().data(index, Qt.ItemDataRole.DisplayRole))
            return QColor(color) if color else None
        return super().data(index, role)


class PostListView(QTableView):
    """The table (objectName postList). Emits `postActivated(path)` on a click, Enter, or moving with the keys.

    A table, not a tree: a tree lays out every row (and asks the model about children) whenever
    the current row changes, which costs ~0.1 s at 10,000 posts."""

    postActivated = Signal(str)

    def __init__(self, model: PostListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postList")
        self.setAccessibleName("Posts")
        self.source = model
        self.proxy = PostFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setColumnHidden(model.LANGUAGE_COLUMN, True)   # until a multilingual site is listed
        self.setSortingEnabled(True)
        self.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)   # Tab leaves the list; the arrow keys move within it
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)   # "A long ti…the end" (full title in the tooltip)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Widths from the font, not ResizeToContents: that asks every one of 10,000 rows.
        metrics = self.fontMetrics()
        self._widths: dict[int, int] = {}   # a hidden column reports width 0: what it takes when shown
        for col, sample in ((1, "scheduled"), (2, "2026-12-31"), (3, "section"), (4, "tags, tags, tags"),
                            (model.LANGUAGE_COLUMN, "Language"), (model.GIT_COLUMN, "conflicted")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self._widths[col] = metrics.horizontalAdvance(sample) + 24
            header.resizeSection(col, self._widths[col])
        # Shown beside the status (where a narrow dock still has room); the model's order is unchanged.
        header.moveSection(header.visualIndex(model.GIT_COLUMN), 2)
        # activated: double-click and Enter; clicked: one click opens, as in a file list.
        self.activated.connect(self._on_activated)
        self.clicked.connect(self._on_activated)
        self.section_wanted = False
        self.optional = {model.LANGUAGE_COLUMN: False, model.GIT_COLUMN: False}   # shown on such sites
        # A model reset shows every column again: fit them once more.
        self.proxy.modelReset.connect(lambda: self._fit_columns(self.width()))
        self.proxy.layoutChanged.connect(lambda *_: self._fit_columns(self.width()))
        self._key_timer = QTimer(self)   # holding an arrow key opens where it stops, not every post on the way
        self._key_timer.setSingleShot(True)
        self._key_timer.setInterval(KEY_OPEN_DELAY_MS)
        self._key_timer.timeout.connect(lambda: self._on_activated(self.currentIndex()))

    def fit_column(self, column: int, texts: list[str]) -> None:
        """Size a short column to its longest value (a few distinct values, so no row-by-row measuring)."""
        metrics = self.fontMetrics()
        header_text = str(self.model().headerData(column, Qt.Orientation.Horizontal) or "")
        widest = max([metrics.horizontalAdvance(t) for t in texts[:200]] + [metrics.horizontalAdvance(header_text)])
        self._widths[column] = min(widest + 24, 24 * metrics.averageCharWidth())
        self.horizontalHeader().resizeSection(column, self._widths[column])
        self._fit_columns(self.width())

    def wanted_width(self) -> int:
        """Room for ~40 characters of title beside the visible short columns."""
        columns = self._widths[1] + self._widths[2] + (self._widths[3] if self.section_wanted else 0) \
            + sum(self._widths[col] for col, on in self.optional.items() if on)
        scrollbar = self.verticalScrollBar().sizeHint().width()
        return TITLE_CHARS * self.fontMetrics().averageCharWidth() + columns + scrollbar + 8

    def keyPressEvent(self, event) -> None:  # noqa: N802
        before = self.currentIndex()
        super().keyPressEvent(event)
        if self.currentIndex().isValid() and self.currentIndex().row() != before.row():
            self._key_timer.start()

    def resizeEvent(self, event) -> None:  # noqa: N802
        self._fit_columns(event.size().width())
        super().resizeEvent(event)

    def _fit_columns(self, width: int) -> None:
        """Title first: as the list narrows, tags give way, then the section, then the git state and the
        language (where the site has them), then the status (the filters and the tooltip still say
        each); each shows again when the title keeps ~40 characters beside it (the status: 24)."""
        char = self.fontMetrics().averageCharWidth()
        room = width - 2 * self.frameWidth() - self.verticalScrollBar().sizeHint().width() - self._widths[2]
        shown = {}
        optional = [(col, on, TITLE_CHARS) for col, on in self.optional.items()]
        for col, wanted, least in ((1, True, MIN_TITLE_CHARS), *optional, (3, self.section_wanted, TITLE_CHARS),
                                   (4, width >= TAGS_FROM_WIDTH, TITLE_CHARS)):
            shown[col] = wanted and room - self._widths[col] >= least * char
            if shown[col]:
                room -= self._widths[col]
        for col, on in shown.items():
            if self.isColumnHidden(col) == on:
                self.setColumnHidden(col, not on)
                if on:
                    self.setColumnWidth(col, self._widths[col])

    def set_section_wanted(self, on: bool) -> None:
        """A site with several sections: show the Section column when there is room."""
        self.section_wanted = on
        self._fit_columns(self.width())

    def set_optional(self, column: int, on: bool) -> None:
        """A multilingual site or one in git: show the Language / Git column when there is room."""
        self.optional[column] = on
        if not on:
            self.setColumnHidden(column, True)
        self._fit_columns(self.width())

    def _on_activated(self, index: QModelIndex) -> None:
        path = index.data(PathRole)
        if path:
            self.postActivated.emit(path)

    def path_at(self, row: int) -> str | None:
        """The path shown at a view row (after sorting and filtering)."""
        return self.proxy.index(row, 0).data(PathRole)

    def select_path(self, path: str | None) -> None:
        row = self.source.row_for_path(path) if path else -1
        index = self.proxy.mapFromSource(self.source.index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid():
            self.clearSelection()
            return
        self.setCurrentIndex(index)
        self.scrollTo(index)


class PostBrowser(QWidget):
    """The dock's content: filters above the table; the counts say what is shown."""

    def __init__(self, model: PostListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postBrowser")
        self.setAccessibleName("Post browser")
        self.model = model
        self.view = PostListView(model, self)
        self.proxy = self.view.proxy
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)

        self.search = _named(QLineEdit(self), "postFilter", "Search posts")
        self.search.setPlaceholderText("Search title, slug, tags, path")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Every word must appear in the title, slug, tags or path")
        layout.addWidget(self.search)

        # Two rows of three, so the quick filters fit a narrow dock without widening the window.
        bar = QWidget(self)
        grid = QGridLayout(bar)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2)
        grid.setVerticalSpacing(0)
        self.status_group = QButtonGroup(self)
        self.status_group.setExclusive(True)
        self.status_buttons: dict[str, QToolButton] = {}
        for i, (key, label) in enumerate(STATUS_FILTERS):
            button = _named(QToolButton(bar), f"postStatus{label}", f"Show {label.lower()}")
            button.setText(label)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setProperty("status", key)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.status_group.addButton(button)
            self.status_buttons[key] = button
            grid.addWidget(button, i // 3, i % 3)
        self.status_buttons[""].setChecked(True)
        self.set_git(False)
        layout.addWidget(bar)

        row = QHBoxLayout()
        self.tag_filter = _named(QComboBox(self), "postTagFilter", "Filter by tag")
        self.tag_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.tag_filter.setMinimumContentsLength(10)
        self.count_label = _named(QLabel(self), "postCount", "Number of posts shown")
        # Shown on multilingual sites only: one entry per language in use.
        self.lang_filter = _named(QComboBox(self), "postLanguageFilter", "Filter by language")
        self.lang_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.lang_filter.hide()
        row.addWidget(self.lang_filter)
        row.addWidget(self.tag_filter, 1)
        row.addWidget(self.count_label)
        layout.addLayout(row)

        self.progress = _named(QProgressBar(self), "postScanProgress", "Reading posts")
        self.progress.setTextVisible(True)
        self.progress.setFormat("Reading posts… %v of %m")
        self.progress.hide()
        layout.addWidget(self.progress)
        layout.addWidget(self.view, 1)

        self._debounce = QTimer(self)   # typing in a 10,000-post list filters once per pause
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(lambda: self._filter(text=self.search.text()))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.status_group.buttonClicked.connect(lambda b: self._filter(status=b.property("status")))
        self.tag_filter.activated.connect(lambda _i: self._filter(tag=self.tag_filter.currentData() or ""))
        self.lang_filter.activated.connect(lambda _i: self._filter(lang=self.lang_filter.currentData() or ""))
        model.progress.connect(self._show_progress)
        model.scanFinished.connect(self._scan_finished)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged):
            signal.connect(self._update_counts)
        app = QGuiApplication.instance()
        if app is not None:   # in-place edits by other editors are seen when the author comes back
            app.applicationStateChanged.connect(self._app_state)

    # ------------------------------------------------------------------ filtering
    def _filter(self, text: str | None = None, status: str | None = None, tag: str | None = None,
                lang: str | None = None) -> None:
        self.proxy.set_filter(text, status, tag, lang)
        self._update_counts()

    def set_language(self, lang: str) -> None:
        i = self.lang_filter.findData(lang)
        self.lang_filter.setCurrentIndex(max(i, 0))
        self._filter(lang=lang if i > 0 else "")

    def _fill_languages(self) -> None:
        """The language filter and column exist on multilingual sites only."""
        langs = self.model.languages()
        multi = len(langs) > 1
        current = self.proxy.lang
        self.lang_filter.blockSignals(True)
        self.lang_filter.clear()
        self.lang_filter.addItem("All languages", "")
        for code in langs:
            self.lang_filter.addItem(code, code)
        i = self.lang_filter.findData(current) if current else 0
        self.lang_filter.setCurrentIndex(max(i, 0))
        self.lang_filter.blockSignals(False)
        self.lang_filter.setVisible(multi)
        self.view.set_optional(self.model.LANGUAGE_COLUMN, multi)
        if current and (i < 0 or not multi):
            self._filter(lang="")

    def set_search(self, text: str) -> None:
        """Type into the search box and filter at once (no debounce)."""
        self.search.setText(text)
        self._debounce.stop()
        self._filter(text=text)

    def set_status(self, status: str) -> None:
        self.status_buttons[status].setChecked(True)
        self._filter(status=status)

    def set_tag(self, tag: str) -> None:
        i = self.tag_filter.findData(tag)
        self.tag_filter.setCurrentIndex(max(i, 0))
        self._filter(tag=tag if i > 0 else "")

    def set_git(self, enabled: bool) -> None:
        """Show the git column and the "Changed" filter only for a site in a git repository."""
        self.view.set_optional(self.model.GIT_COLUMN, enabled)
        self.status_buttons["changed"].setVisible(enabled)
        if not enabled and self.proxy.status == "changed":
            self.set_status("")

    # ------------------------------------------------------------------ model updates
    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setVisible(done < total)

    def _scan_finished(self, _count: int) -> None:
        self.progress.hide()
        current = self.proxy.tag
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", "")
        for term in self.model.terms("tags"):
            self.tag_filter.addItem(term, term)
        i = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(i, 0))
        self.tag_filter.blockSignals(False)
        if current and i < 0:
            self._filter(tag="")
        self._fill_languages()
        self._update_counts()

    def _update_counts(self, *_args) -> None:
        counts = self.model.counts()
        for key, label in STATUS_FILTERS:
            n = counts.get(key or "all", 0)
            self.status_buttons[key].setText(f"{label} {n}" if key else label)
            self.status_buttons[key].setToolTip(f"{n} post{'s' if n != 1 else ''}")
        shown, total = self.proxy.rowCount(), counts["all"]
        text = f"{total:,} posts" if shown == total else f"{shown:,} of {total:,} posts"
        self.count_label.setText(text)
        self.count_label.setAccessibleDescription(text)

    def _app_state(self, state) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.model.refresh()
