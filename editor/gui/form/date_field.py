"""A date field for front matter: typed or pasted dates, parts stepped with the arrow keys, a calendar,
"now" and "clear", wall time in the post's own UTC offset, and an unset state."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeyEvent
from PySide6.QtWidgets import (QApplication, QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QMenu, QStyle,
                               QToolButton, QWidget, QWidgetAction)

UNSET_TEXT = "unset"
def _display(value: dt.datetime) -> str:
    """The field's text for a value: YYYY-MM-DD HH:MM:SS (not strftime: it writes year 1 as "1")."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d} {value:%H:%M:%S}"
# Part of "YYYY-MM-DD HH:MM:SS" under the cursor: (first, last column), what Up/Down steps.
PARTS = ((0, 4, "year"), (5, 7, "month"), (8, 10, "day"), (11, 13, "hour"), (14, 16, "minute"), (17, 19, "second"))
_TYPED = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})"
                    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?"
                    r"\s*(Z|z|[+-]\d{2}:?\d{2})?\s*$")
# Applied while typing only in a complete shape (two-digit parts), so "2027-02-3" on the way to "2027-02-30"
# never lands in the post.
_COMPLETE = re.compile(r"\s*\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(?:Z|z|[+-]\d{2}:?\d{2})?\s*$")
INVALID_STYLE = "QLineEdit { border: 2px solid #c62828; border-radius: 3px; }"


def offset_text(offset: dt.timedelta | None) -> str:
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def parse_typed(text: str, offset: dt.timedelta) -> dt.datetime | None:
    """What the author typed or pasted: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]`, RFC 3339 (its own offset is
    kept), `now`, or nothing (unset: None). Raises ValueError for anything else, never guesses."""
    text = text.strip()
    if not text:
        return None
    if text.lower() == "now":
        return dt.datetime.now(dt.timezone(offset)).replace(microsecond=0)
    m = _TYPED.match(text)
    if not m:
        raise ValueError(f"not a date: {text!r}")
    year, month, day, hour, minute, second, frac, zone = m.groups()
    tz = dt.timezone(offset)
    if zone:
        if zone in "Zz":
            tz = dt.timezone.utc
        else:
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            tz = dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    micro = int((frac or "0")[:6].ljust(6, "0"))
    return dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                       micro, tzinfo=tz)   # ValueError for 2027-02-30 or 25:00


def step(value: dt.datetime, part: str, amount: int) -> dt.datetime:
    """`value` with one part moved by `amount` (months and years keep the day where the month allows)."""
    if part in ("year", "month"):
        months = value.year * 12 + value.month - 1 + (amount * 12 if part == "year" else amount)
        year, month = divmod(months, 12)
        year = min(max(year, 1), 9999)
        for day in range(value.day, 27, -1):
            try:
                return value.replace(year=year, month=month + 1, day=day)
            except ValueError:
                continue
        return value.replace(year=year, month=month + 1, day=min(value.day, 28))
    return value + dt.timedelta(**{f"{part}s": amount})


class DateEdit(QLineEdit):
    """The text part: Up/Down step the part under the cursor, Alt+Down or F4 opens the calendar, Escape undoes."""

    stepRequested = Signal(str, int)
    calendarRequested = Signal()
    escapePressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.calendarRequested.emit()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            amount = 1 if key in (Qt.Key.Key_Up, Qt.Key.Key_PageUp) else -1
            self.stepRequested.emit(self.part_at_cursor(), amount * (10 if key in (Qt.Key.Key_PageUp,
                                                                                      Qt.Key.Key_PageDown) else 1))
            return
        if key == Qt.Key.Key_Escape and self.isModified():
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)

    def part_at_cursor(self) -> str:
        pos = self.cursorPosition()
        for first, last, name in PARTS:
            if pos <= last:
                return name
        return "second"


class DateField(QWidget):
    """`edit` is the text field (object name given by the caller); None means the key is unset.

    One focus stop: the buttons are for the mouse; the keyboard types a date, `now`, or nothing (unset),
    steps parts with Up/Down and opens the calendar with Alt+Down."""

    changed = Signal(object)   # datetime with offset, or None when cleared

    def __init__(self, name: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Field")
        self._offset = dt.timedelta(0)
        self._value: dt.datetime | None = None
        self._before_edit: tuple[dt.datetime | None] | None = None   # the value when this edit began
        self._label = label
        self.invalid = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = DateEdit(self)
        self.edit.setObjectName(name)
        self.edit.setAccessibleName(label)
        self.edit.setPlaceholderText(UNSET_TEXT)
        self.edit.setClearButtonEnabled(False)
        width = self.edit.fontMetrics().horizontalAdvance("2026-12-31 23:59:59") + 24
        self.edit.setMinimumWidth(width)
        self._warning = QAction(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                                "Not a date", self.edit)
        self._warning.setObjectName(f"{name}Invalid")
        self.offset_label = QLabel(self)
        self.offset_label.setObjectName(f"{name}Offset")
        self.offset_label.setAccessibleName(f"{label} UTC offset")
        self.offset_label.setToolTip("The post's own UTC offset; the date is written with it")
        self.calendar_button = self._button(f"{name}Calendar", "\u25be", f"Pick {label.lower()} on a calendar",
                                            "Pick the day on a calendar (Alt+Down)")
        if QIcon.hasThemeIcon("x-office-calendar"):
            self.calendar_button.setIcon(QIcon.fromTheme("x-office-calendar"))
        self.now_button = self._button(f"{name}Now", "Now", f"Set {label.lower()} to now",
                                       f"Set {label.lower()} to the current time (or type: now)")
        self.clear_button = self._button(f"{name}Clear", "\u2715", f"Clear {label.lower()}",
                                         f"Remove {label.lower()} from the front matter (or empty the field)")
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.offset_label)
        layout.addWidget(self.calendar_button)
        layout.addWidget(self.now_button)
        layout.addWidget(self.clear_button)
        self._apply_zone(self._offset)
        self._show_value()
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._finished)
        self.edit.stepRequested.connect(self._step)
        self.edit.escapePressed.connect(self._show_value)
        self.edit.calendarRequested.connect(self.open_calendar)
        self.calendar_button.clicked.connect(self.open_calendar)
        self.now_button.clicked.connect(self.set_now)
        self.clear_button.clicked.connect(self.clear)

    def _button(self, name: str, text: str, accessible: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setAccessibleName(accessible)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # one Tab in, one Tab out: the keyboard types instead
        return button

    # ------------------------------------------------------------------ zone handling
    def _apply_zone(self, offset: dt.timedelta) -> None:
        self._offset = offset
        self.offset_label.setText(offset_text(offset))
        self._describe()

    def _describe(self) -> None:
        zone = offset_text(self._offset)
        if self.invalid:
            kept = _display(self._value) if self._value else UNSET_TEXT
            text = (f"Not a date: “{self.edit.text()}”. Type YYYY-MM-DD, YYYY-MM-DD HH:MM or an RFC 3339 date; "
                    f"the post keeps {kept}. Escape puts it back.")
        else:
            text = (f"{self._label}: {_display(self._value) + ' ' + zone if self._value else UNSET_TEXT}. "
                    "Type or paste a date (YYYY-MM-DD HH:MM), `now`, or nothing to unset; "
                    "Up and Down change the part at the cursor; Alt+Down opens a calendar.")
        self.edit.setToolTip(text)
        self.edit.setAccessibleDescription(text)

    def _set_invalid(self, on: bool) -> None:
        if on == self.invalid:
            self._describe()
            return
        self.invalid = on
        self.edit.setStyleSheet(INVALID_STYLE if on else "")
        if on:
            self.edit.addAction(self._warning, QLineEdit.ActionPosition.TrailingPosition)
        else:
            self.edit.removeAction(self._warning)
        self._describe()

    def _show_value(self) -> None:
        """The text shows the value (canonical form); any invalid text is dropped."""
        value = self._value   # already in the field's offset (set_value, _commit)
        self.edit.setText(_display(value) if value else "")
        self.edit.setModified(False)
        self._before_edit = None
        self.clear_button.setEnabled(value is not None)
        self._set_invalid(False)

    # ------------------------------------------------------------------ value
    def is_set(self) -> bool:
        return self._value is not None

    def value(self) -> dt.datetime | None:
        return self._value

    def set_value(self, value: dt.datetime | None, offset: dt.timedelta | None = None) -> None:
        """Show `value` in its own offset (or `offset` while unset) without emitting `changed`."""
        if value is not None and value.utcoffset() is not None:
            offset = value.utcoffset()
        self._apply_zone(offset if offset is not None else self._offset)
        if value is not None:
            zone = dt.timezone(self._offset)
            # Already in the field's offset: no conversion (astimezone goes through UTC, which
            # overflows for 0001-01-01T00:00:00+23:59 and 9999-12-31T23:59:59-23:59).
            value = value.replace(tzinfo=zone) if value.tzinfo is None or value.utcoffset() == self._offset \
                else value.astimezone(zone)
        self._value = value
        self._show_value()

    def set_offset_hint(self, offset: dt.timedelta) -> None:
        """While unset, the offset a new value will get (the post's other dates' offset)."""
        if not self.is_set():
            self._apply_zone(offset)

    def set_now(self) -> None:
        now = dt.datetime.now(dt.timezone(self._offset)).replace(microsecond=0)
        self._commit(now)

    def clear(self) -> None:
        self._commit(None)

    def _commit(self, value: dt.datetime | None, show: bool = True) -> None:
        changed = value != self._value or (value is not None and value.utcoffset() != self._value.utcoffset())
        if value is not None and value.utcoffset() is not None:
            self._apply_zone(value.utcoffset())
        self._value = value
        if show:
            self._show_value()
        else:
            self.clear_button.setEnabled(value is not None)
            self._set_invalid(False)
        if changed:
            self.changed.emit(value)

    # ------------------------------------------------------------------ typing
    def _typed(self, text: str) -> None:
        """A complete date is applied as it is typed or pasted; anything else waits for Enter or Tab."""
        if self._before_edit is None:
            self._before_edit = (self._value,)
        if not _COMPLETE.match(text):
            return
        try:
            value = parse_typed(text, self._offset)
        except ValueError:
            return
        if value is not None:   # an empty field unsets on Enter / Tab, not while retyping
            self._commit(value, show=False)

    def _finished(self) -> None:
        if not self.edit.isModified() and not self.invalid:
            return
        try:
            value = parse_typed(self.edit.text(), self._offset)
        except ValueError:
            if self._before_edit is not None and self._before_edit[0] != self._value:
                self._commit(self._before_edit[0], show=False)   # undo what a complete prefix applied
            self._set_invalid(True)   # shown, said, and not applied: the post keeps its value
            return
        self._commit(value)

    def _step(self, part: str, amount: int) -> None:
        if self.invalid or (self.edit.isModified() and self._parsed() is None and self.edit.text().strip()):
            return
        pos = self.edit.cursorPosition()
        value = self._parsed() or self._value
        self._commit(step(value, part, amount) if value is not None else
                     dt.datetime.now(dt.timezone(self._offset)).replace(microsecond=0))
        self.edit.setCursorPosition(pos)

    def _parsed(self) -> dt.datetime | None:
        try:
            return parse_typed(self.edit.text(), self._offset)
        except ValueError:
            return None

    # ------------------------------------------------------------------ calendar
    def open_calendar(self) -> None:
        menu = QMenu(self)
        menu.setObjectName(f"{self.edit.objectName()}CalendarPopup")
        calendar = QCalendarWidget(menu)
        calendar.setObjectName(f"{self.edit.objectName()}CalendarWidget")
        calendar.setAccessibleName(f"{self._label} calendar")
        current = self._value or dt.datetime.now(dt.timezone(self._offset))
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)
        calendar.activated.connect(lambda d: (self._pick(d), menu.close()))
        calendar.clicked.connect(lambda d: (self._pick(d), menu.close()))
        self.calendar = calendar   # tests pick a day without running the popup's loop
        calendar.setFocus()
        menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))

    def _pick(self, day: QDate) -> None:
        base = self._value or dt.datetime.now(dt.timezone(self._offset)).replace(hour=0, minute=0, second=0,
                                                                                microsecond=0)
        self._commit(base.replace(year=day.year(), month=day.month(), day=day.day()))
        self.edit.setFocus()
