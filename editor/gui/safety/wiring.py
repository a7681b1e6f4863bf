"""Wires "never lose a word" into the window: recovery bar, outside-change bar, raw-text repair, save conflicts."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QTimer

from editor.core.files import recovery
from editor.core.files.text import is_encoding_error
from editor.gui.safety.change_bar import ChangeBar, CompareDialog
from editor.gui.feature_context import FeatureContext
from editor.gui.window.menus import FILE
from editor.gui.safety.raw_mode import RawBar, mark_error
from editor.gui.safety.recovery_bar import RecoveryBar


def _name(path: str | None) -> str:
    return os.path.basename(path or "") or "the post"


class SafetyController(QObject):
    """Owns the three bars and the compare window; all file work goes through the document."""

    def __init__(self, ctx: FeatureContext) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        cmd = ctx.commands
        doc = self.doc = ctx.document
        self.restore_action = ctx.actions.restore_recovery
        self.restore_action.setEnabled(False)
        self.restore_action.triggered.connect(self.restore)
        self.recovery_bar = RecoveryBar(self.restore_action, self.compare_recovery, self.discard_recovery,
                                        self.open_recovered_post)
        self.change_bar = ChangeBar(self.reload, self.keep_mine, self.compare_disk, cmd.save_as)
        self.raw_bar = RawBar(self.repair, self.convert, self.save_anyway, cmd.revert)
        self.compare = CompareDialog(ctx.parent)
        ctx.insert_bars(self.recovery_bar, self.change_bar, self.raw_bar)
        ctx.menus[FILE].insertAction(ctx.actions.revert, self.restore_action)
        self._failed_path: str | None = None
        self._other_journal: str | None = None
        self._cursor: tuple[int, int] | None = None
        self._raw_timer = QTimer(self)
        self._raw_timer.setSingleShot(True)
        self._raw_timer.setInterval(400)
        self._raw_timer.timeout.connect(doc.safety.check_raw)
        doc.loaded.connect(self._loaded)
        doc.closed.connect(self._loaded)
        doc.saved.connect(self._saved)
        doc.openFailed.connect(self._open_failed)
        doc.rawOpened.connect(self._raw_opened)
        doc.rawErrorChanged.connect(self._show_raw_error)
        doc.changedOnDisk.connect(lambda path: self.change_bar.show_changed(_name(path)))
        doc.removedFromDisk.connect(lambda path: self.change_bar.show_removed(_name(path)))
        doc.aboutToReload.connect(self._remember_cursor)
        doc.reloaded.connect(self._reloaded)
        doc.recoveryAvailable.connect(self._recovery_available)
        doc.recoveryCleared.connect(self._recovery_cleared)
        doc.bodyChanged.connect(self._body_changed)
        QTimer.singleShot(0, self._offer_other_journals)

    # ------------------------------------------------------------------ document state
    def _loaded(self) -> None:
        doc = self.doc
        self.change_bar.hide()
        if doc.raw is None:
            mark_error(self.ctx.editor, None)
            self.raw_bar.hide()
        if self._other_journal is None:
            self.recovery_bar.hide()
        self.restore_action.setEnabled(doc.recovered is not None)
        if doc.converted and doc.raw is None:
            self.raw_bar.show_notice(f"{_name(doc.path)} was read as Windows-1252 and is not saved yet: "
                                     f"{doc.converted}. Save to write it as UTF-8, or Revert.", ("rawRevert",))

    def _saved(self, _path: str) -> None:
        self.change_bar.hide()
        if self.doc.raw is None:
            self.raw_bar.hide()

    def _body_changed(self) -> None:
        if self.doc.raw is not None:
            self._raw_timer.start()

    # ------------------------------------------------------------------ hostile files: repair, convert
    def _open_failed(self, path: str, error) -> None:
        self._failed_path = path
        name = _name(path)
        if is_encoding_error(error):
            conversion = self.doc.safety.conversion(path)
            if conversion is not None:
                self.raw_bar.show_notice(
                    f"{name} is not UTF-8 text (line {error.line}, column {error.column}). Reopening it as "
                    f"Windows-1252 changes {len(conversion.changes)} character(s), and saving then writes "
                    f"UTF-8: {conversion.summary(5)}", ("rawConvert",))
                return
        if self.doc.safety.can_repair(path):
            where = f" (line {error.line})" if error.line else ""
            self.raw_bar.show_notice(f"{name} cannot be opened as a post: {error.reason}{where}. Open its text "
                                     "in the editor to repair it.", ("rawRepair",))

    def repair(self) -> None:
        if self._failed_path and self.ctx.commands.maybe_save():
            self.doc.safety.open_raw(self._failed_path)

    def convert(self) -> None:
        if self._failed_path and self.ctx.commands.maybe_save():
            self.doc.safety.open_converted(self._failed_path)

    def save_anyway(self) -> None:
        self.doc.save(force=True)

    def _raw_opened(self) -> None:
        ctx = self.ctx
        ctx.editor.setEnabled(True)   # the raw text is in it already (BodyLink)
        ctx.form.setEnabled(False)
        for action in (ctx.actions.save, ctx.actions.revert, ctx.actions.close):
            action.setEnabled(True)
        self._show_raw_error()

    def _show_raw_error(self) -> None:
        raw = self.doc.raw
        if raw is None:
            return
        error, name = raw.error, _name(raw.path)
        converted = f" It was read as Windows-1252 ({self.doc.converted})." if self.doc.converted else ""
        if error is None:
            mark_error(self.ctx.editor, None)
            self.raw_bar.show_notice(f"{name} parses again.{converted} Save (Ctrl+S) to write it and return "
                                     "to the form and preview.", ("rawRevert",))
            return
        mark_error(self.ctx.editor, error.line, error.column)
        where = f"line {error.line}: " if error.line else ""
        self.raw_bar.show_notice(f"Repairing {name} as plain text — {where}{error.reason}.{converted} Fix the "
                                 "marked line and save (Ctrl+S); the form and preview return once it parses.",
                                 ("rawSaveAnyway", "rawRevert"))

    # ------------------------------------------------------------------ outside changes
    def reload(self) -> None:
        self.doc.safety.reload_from_disk()
        self.change_bar.hide()

    def keep_mine(self) -> None:
        self.change_bar.hide()
        self.ctx.status("Your text is kept; saving asks before overwriting the changed file.", 8000)

    def compare_disk(self) -> None:
        self.compare.show_diff(f"{_name(self.doc.path)}: the file on disk and your text", self.doc.safety.disk_diff())

    def _remember_cursor(self) -> None:
        editor = self.ctx.editor
        self._cursor = (editor.textCursor().position(), editor.verticalScrollBar().value())

    def _reloaded(self) -> None:
        editor = self.ctx.editor
        if self._cursor is not None:
            position, scroll = self._cursor
            cursor = editor.textCursor()
            cursor.setPosition(min(position, len(editor.toPlainText())))
            editor.setTextCursor(cursor)
            editor.verticalScrollBar().setValue(scroll)
            self._cursor = None
        self.ctx.status(f"{_name(self.doc.path)} was changed by another program and reloaded.", 8000)

    # ------------------------------------------------------------------ crash recovery
    def _recovery_available(self, journal) -> None:
        self._other_journal = None
        self.recovery_bar.show_recovered(_name(journal.post_path), journal.saved_at, journal.file_changed_since())
        self.restore_action.setEnabled(True)

    def _recovery_cleared(self) -> None:
        self.recovery_bar.hide()
        self.restore_action.setEnabled(False)
        self._offer_other_journals()   # another post may have recovered text too

    def restore(self) -> None:
        self.doc.safety.restore_recovery()

    def discard_recovery(self) -> None:
        self.doc.safety.discard_recovered()

    def compare_recovery(self) -> None:
        self.compare.show_diff(f"{_name(self.doc.path)}: the file on disk and the recovered text",
                               self.doc.safety.recovery_diff())

    def _offer_other_journals(self) -> None:
        """At start: journals of posts other than the open one (that one is offered by the document)."""
        if self.doc.recovered is not None:
            return
        current = os.path.abspath(self.doc.path) if self.doc.path else None
        others = [j for j in recovery.entries()
                  if j.post_path and j.post_path != current and os.path.isfile(j.post_path)]
        if others:
            self._other_journal = others[0].post_path
            self.recovery_bar.show_other(_name(self._other_journal), len({j.post_path for j in others}))

    def open_recovered_post(self) -> None:
        path, self._other_journal = self._other_journal, None
        if path:
            self.recovery_bar.hide()
            self.ctx.commands.open_post(path)


def install_safety(ctx: FeatureContext) -> SafetyController:
    return SafetyController(ctx)
