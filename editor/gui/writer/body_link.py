"""The one link between the editor's text and Document's body: edits flow in, loads flow out."""

from __future__ import annotations

from PySide6.QtCore import QObject

from editor.gui.writer.markdown_editor import MarkdownEditor
from editor.services.document.document import Document


class BodyLink(QObject):
    """Every edit goes editor → Document through one connection (Document then emits `bodyChanged`
    for the features); an open, revert, reload or close goes Document → editor without echoing back."""

    def __init__(self, editor: MarkdownEditor, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor, self.document = editor, document
        self._applying = False
        self._chars_changed = False
        editor.document().contentsChange.connect(self._contents_changed)
        editor.textChanged.connect(self._push)
        document.loaded.connect(self._pull)
        document.closed.connect(self._pull)

    def _contents_changed(self, *_args) -> None:
        self._chars_changed = True

    def _push(self) -> None:
        if self._applying or not self._chars_changed:
            return   # re-highlighting (syntax, spelling) emits textChanged too; copying 5 MB each time froze it
        self._chars_changed = False
        self.document.set_body(self.editor.toPlainText())

    def _pull(self) -> None:
        """Show the document's body (the body first: whatever the form then fails on, the editor never
        holds another post's text, or none, that a save would write)."""
        self._applying = True
        try:
            self.editor.set_body(self.document.body)
        finally:
            self._applying = False
            self._chars_changed = False
