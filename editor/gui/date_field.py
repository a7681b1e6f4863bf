"""A date field for front matter: wall time in the post's own UTC offset, "now" and "clear", and an unset state."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtWidgets import QDateTimeEdit, QHBoxLayout, QLabel, QToolButton, QWidget

UNSET_TEXT = "unset"
_SENTINEL_DATE = QDate(1900, 1, 1)


def offset_text(offset: dt.timedelta | None) -> str:
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


class DateField(QWidget):
    """`edit` is the QDateTimeEdit (object name given by the caller); None means the key is unset."""

    changed = Signal(object)   # datetime with offset, or None when cleared

    def __init__(self, name: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Field")
        self._offset = dt.timedelta(0)
        self._loading = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = QDateTimeEdit(self)
        self.edit.setObjectName(name)
        self.edit.setAccessibleName(label)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm:ss")
        self.edit.setSpecialValueText(UNSET_TEXT)
        self.offset_label = QLabel(self)
        self.offset_label.setObjectName(f"{name}Offset")
        self.offset_label.setAccessibleName(f"{label} UTC offset")
        self.offset_label.setToolTip("The post's own UTC offset; the date is written with it")
        self.now_button = QToolButton(self)
        self.now_button.setObjectName(f"{name}Now")
        self.now_button.setText("Now")
        self.now_button.setAccessibleName(f"Set {label.lower()} to now")
        self.now_button.setToolTip(f"Set {label.lower()} to the current time")
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName(f"{name}Clear")
        self.clear_button.setText("\u2715")
        self.clear_button.setAccessibleName(f"Clear {label.lower()}")
        self.clear_button.setToolTip(f"Remove {label.lower()} from the front matter")
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.offset_label)
        layout.addWidget(self.now_button)
        layout.addWidget(self.clear_button)
        self._apply_zone(self._offset)
        self._show_unset()
        self.edit.dateTimeChanged.connect(self._on_edited)
        self.now_button.clicked.connect(self.set_now)
        self.clear_button.clicked.connect(self.clear)

    # ------------------------------------------------------------------ zone handling
    def _zone(self) -> QTimeZone:
        return QTimeZone.fromSecondsAheadOfUtc(int(self._offset.total_seconds()))

    def _apply_zone(self, offset: dt.timedelta) -> None:
        self._offset = offset
        zone = self._zone()
        self.edit.setTimeZone(zone)
        self.edit.setMinimumDateTime(QDateTime(_SENTINEL_DATE, QTime(0, 0), zone))
        self.offset_label.setText(offset_text(offset))

    def _show_unset(self) -> None:
        self.edit.setDateTime(self.edit.minimumDateTime())
        self.clear_button.setEnabled(False)

    # ------------------------------------------------------------------ value
    def is_set(self) -> bool:
        return self.edit.dateTime() != self.edit.minimumDateTime()

    def value(self) -> dt.datetime | None:
        if not self.is_set():
            return None
        q = self.edit.dateTime()
        d, t = q.date(), q.time()
        return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(),
                           t.msec() * 1000, tzinfo=dt.timezone(self._offset))

    def set_value(self, value: dt.datetime | None, offset: dt.timedelta | None = None) -> None:
        """Show `value` in its own offset (or `offset` while unset) without emitting `changed`."""
        self._loading = True
        try:
            if value is not None and value.utcoffset() is not None:
                offset = value.utcoffset()
            self._apply_zone(offset if offset is not None else self._offset)
            if value is None:
                self._show_unset()
            else:
                zone = self._zone()
                # Already in the field's offset: no conversion (astimezone goes through UTC, which
                # overflows for 0001-01-01T00:00:00+23:59 and 9999-12-31T23:59:59-23:59).
                zone_value = dt.timezone(self._offset)
                local = value.replace(tzinfo=zone_value) if value.utcoffset() == self._offset \
                    else value.astimezone(zone_value)
                q = QDateTime(QDate(local.year, local.month, local.day),
                              QTime(local.hour, local.minute, local.second, local.microsecond // 1000), zone)
                self.edit.setDateTime(q)
                self.clear_button.setEnabled(True)
        finally:
            self._loading = False

    def set_offset_hint(self, offset: dt.timedelta) -> None:
        """While unset, the offset a new value will get (the post's other dates' offset)."""
        if not self.is_set():
            self._loading = True
            try:
                self._apply_zone(offset)
                self._show_unset()
            finally:
                self._loading = False

    def set_now(self) -> None:
        now = dt.datetime.now(dt.timezone(self._offset)).replace(microsecond=0)
        self.set_value(now)
        self.changed.emit(self.value())

    def clear(self) -> None:
        was_set = self.is_set()
        self.set_value(None)
        if was_set:
            self.changed.emit(None)

    def _on_edited(self, q: QDateTime) -> None:
        if self._loading:
            return
        if q.date().year() == _SENTINEL_DATE.year() and self.is_set():
            # Stepping up from "unset" would give 1900-01-01: start from now instead.
            self.set_now()
            return
        self.clear_button.setEnabled(self.is_set())
        self.changed.emit(self.value())
