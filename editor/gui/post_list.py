"""The post list dock's view: a sortable table of the open folder's posts; activating a row opens it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from editor.services.post_model import PathRole, PostListModel, SortRole


class PostListView(QTreeView):
    """Emits `postActivated(path)` on double-click or Enter."""

    postActivated = Signal(str)

    def __init__(self, model: PostListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("postList")
        self.setAccessibleName("Posts")
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SortRole)
        self.setModel(self.proxy)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        # activated: double-click (or single click where the style says so) and Enter.
        self.activated.connect(self._on_activated)

    def _on_activated(self, index: QModelIndex) -> None:
        path = index.data(PathRole)
        if path:
            self.postActivated.emit(path)

    def path_at(self, row: int) -> str | None:
        """The path shown at a view row (after sorting)."""
        return self.proxy.index(row, 0).data(PathRole)

    def select_path(self, path: str | None) -> None:
        row = self.source.row_for_path(path) if path else -1
        if row < 0:
            self.clearSelection()
            return
        index = self.proxy.mapFromSource(self.source.index(row, 0))
        self.setCurrentIndex(index)
        self.scrollTo(index)
