"""Problems dock (live lint with lines, double-click jumps) and the Fix Mojibake flow."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QDockWidget, QLabel, QListWidget,
                               QListWidgetItem, QStyle, QVBoxLayout)

from editor.core.lint import mojibake
from editor.core.lint.postlint import ERROR, Problem
from editor.gui.feature_context import FeatureContext
from editor.gui.window.menus import EDIT, VIEW
from editor.services.checks.problems import ProblemsService

PROBLEM_ROLE = Qt.ItemDataRole.UserRole


class ProblemsList(QListWidget):
    """One row per problem, `line N: message`; activating a body problem moves the editor there."""

    def __init__(self, editor) -> None:
        super().__init__()
        self.setObjectName("problemsList")
        self.setAccessibleName("Problems")
        self.setWordWrap(True)
        self.editor = editor
        self.body_line = 1
        self.itemDoubleClicked.connect(self.jump)
        self.itemActivated.connect(self.jump)

    def show_problems(self, problems: list[Problem], body_line: int) -> None:
        self.body_line = body_line
        self.clear()
        style = QApplication.style()
        for p in problems:
            where = "front matter, " if p.line < body_line else ""
            item = QListWidgetItem(f"{where}line {p.line}: {p.message}")
            item.setData(PROBLEM_ROLE, p)
            item.setToolTip(str(p))
            icon = QStyle.StandardPixmap.SP_MessageBoxCritical if p.severity == ERROR \
                else QStyle.StandardPixmap.SP_MessageBoxWarning
            item.setIcon(style.standardIcon(icon))
            self.addItem(item)

    def jump(self, item: QListWidgetItem) -> None:
        problem: Problem = item.data(PROBLEM_ROLE)
        if problem is None or problem.line < self.body_line:
            return   # front matter is edited in the form
        block = self.editor.document().findBlockByNumber(problem.line - self.body_line)
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + min(max(problem.column - 1, 0), block.length() - 1))
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.editor.setFocus()


# ------------------------------------------------------------------ mojibake repair
def mojibake_changes(body: str, metadata) -> tuple[list[mojibake.Mojibake], dict[str, object]]:
    """(spans to fix in the body, {front-matter key: repaired value}) for strings and string lists."""
    spans = mojibake.find(body)
    fields: dict[str, object] = {}
    for key, value in metadata.items():
        if isinstance(value, str) and mojibake.find(value):
            fields[key] = mojibake.repair(value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value) \
                and any(mojibake.find(v) for v in value):
            fields[key] = [mojibake.repair(v) for v in value]
    return spans, fields


def describe_changes(body: str, spans, fields, body_line: int = 1, key_line=None) -> list[str]:
    """Human-readable lines: each fix with a little context, at its line in the file (the body
    starts at file line `body_line`; `key_line(key)` gives a front-matter key's line), the numbers
    the Problems panel shows."""
    out = []
    for m in spans:
        line = body.count("\n", 0, m.start) + body_line
        left = body.rfind("\n", 0, m.start) + 1
        before = body[max(left, m.start - 25):m.start]
        after = body[m.end:m.end + 15].split("\n")[0]
        out.append(f"line {line}: …{before}{m.text}{after}… → …{before}{m.fixed}{after}…")
    for key, value in fields.items():
        at = key_line(key) if key_line is not None else None
        out.append(f"line {at}: front matter {key}: → {value}" if at else f"front matter {key}: → {value}")
    return out


class MojibakeDialog(QDialog):
    """Shows what Fix Mojibake will change before it changes it."""

    def __init__(self, lines: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("mojibakeDialog")
        self.setAccessibleName("Fix mojibake")
        self.setWindowTitle("Fix Mojibake")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(lines)} repair{'s' if len(lines) != 1 else ''} "
                                "(UTF-8 text that was read as Windows-1252):"))
        changes = QListWidget()
        changes.setObjectName("mojibakeChanges")
        changes.setAccessibleName("Changes")
        changes.addItems(lines)
        layout.addWidget(changes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Fix")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 300)


class MojibakeFixer:
    """The action's flow: find, confirm (the window's prompts), fix body spans in one undo step."""

    def __init__(self, ctx: FeatureContext) -> None:
        self.ctx = ctx

    def run(self) -> int:
        ctx = self.ctx
        doc = ctx.document
        if not doc.is_open:
            return 0
        body = doc.body
        spans, fields = mojibake_changes(body, doc.post.metadata)
        if not spans and not fields:
            ctx.status("No mojibake found", 4000)
            return 0
        lines = describe_changes(body, spans, fields, doc.post.body_line, doc.post.key_line)
        if not ctx.prompts.fix_mojibake(lines):
            return 0
        cursor = QTextCursor(ctx.editor.document())
        cursor.beginEditBlock()
        for m in reversed(spans):
            cursor.setPosition(m.start)
            cursor.setPosition(m.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(m.fixed)
        cursor.endEditBlock()
        for key, value in fields.items():
            doc.set_field(key, value)
        if fields:   # show the repaired values in the form (the body and its undo history stay)
            from editor.services.document.fields import form_values
            values, other = form_values(doc.post)
            ctx.form.populate(values, other, doc.tz_offset())
        ctx.status(f"Fixed {len(spans) + len(fields)} mojibake", 4000)
        return len(spans) + len(fields)


def install_problems(ctx: FeatureContext) -> QDockWidget:
    """A bottom dock listing the open post's problems, re-linted 500 ms after each edit."""
    window = ctx.parent
    service = ProblemsService(parent=window)
    view = ProblemsList(ctx.editor)
    dock = ctx.add_dock("Problems", "problemsDock", view, Qt.DockWidgetArea.BottomDockWidgetArea)
    service.updated.connect(view.show_problems)
    service.updated.connect(lambda problems, _: dock.setWindowTitle(
        f"Problems ({len(problems)})" if problems else "Problems"))
    doc = ctx.document

    def relint(immediate: bool = False) -> None:
        service.request(doc.post if doc.is_open else None, doc.site, immediate=immediate)

    # A post just opened is linted after the usual pause, not at once: the first lint loads the
    # renderer (for heading ids, ~60 ms holding the GIL), which would hold up the window's first paint.
    doc.loaded.connect(relint)
    doc.closed.connect(lambda: relint(True))
    doc.fieldsChanged.connect(relint)
    doc.saved.connect(lambda _path: relint())
    doc.bodyChanged.connect(relint)
    fixer = MojibakeFixer(ctx)
    ctx.actions.fix_mojibake.triggered.connect(fixer.run)
    toggle = dock.toggleViewAction()
    toggle.setObjectName("actionShowProblems")
    toggle.setShortcut(QKeySequence("Ctrl+Shift+M"))
    ctx.menus[VIEW].addAction(toggle)
    ctx.menus[EDIT].addAction(ctx.actions.fix_mojibake)
    dock.service, dock.view, dock.fixer = service, view, fixer
    relint(True)
    return dock
