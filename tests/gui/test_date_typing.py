"""Date fields take whole typed or pasted dates, show bad ones as bad, and are one Tab stop each."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.core import load
from editor.gui.form.date_field import parse_typed, step
from tests.gui.helpers import copy_seed, make_window

EST = dt.timezone(dt.timedelta(hours=-5))


def open_seed(qtbot, tmp_path):
    path = copy_seed(tmp_path)
    window = make_window(qtbot, path)
    qtbot.waitExposed(window)
    window.activateWindow()
    return path, window


def focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=3000)


def keys(window, seq) -> None:
    QTest.keySequence(window.windowHandle(), QKeySequence(seq))


def test_select_all_and_type_a_whole_date_replaces_it(qtbot, tmp_path):
    path, window = open_seed(qtbot, tmp_path)
    edit = window.form.dates["publishDate"].edit
    focus(qtbot, edit)
    keys(window, QKeySequence.StandardKey.SelectAll)
    QTest.keyClicks(edit, "2027-02-01 10:00")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert window.form.dates["publishDate"].value() == dt.datetime(2027, 2, 1, 10, 0, tzinfo=EST)
    assert edit.text() == "2027-02-01 10:00:00"
    window.actions.save.trigger()
    assert load(path)["publishDate"] == dt.datetime(2027, 2, 1, 10, 0, tzinfo=EST)
    assert "publishdate: 2027-02-01T10:00:00-05:00" in path.read_text()


@pytest.mark.parametrize("pasted, expected", [
    ("2027-02-01T10:00:00+02:00", dt.datetime(2027, 2, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))),
    ("2027-02-01T10:00:00Z", dt.datetime(2027, 2, 1, 10, tzinfo=dt.timezone.utc)),
    ("2027-02-01", dt.datetime(2027, 2, 1, tzinfo=EST)),
    ("2027-02-01 10:00", dt.datetime(2027, 2, 1, 10, tzinfo=EST)),
])
def test_pasting_a_whole_date_replaces_it(qtbot, tmp_path, pasted, expected):
    _path, window = open_seed(qtbot, tmp_path)
    field = window.form.dates["date"]
    focus(qtbot, field.edit)
    QApplication.clipboard().setText(pasted)
    keys(window, QKeySequence.StandardKey.SelectAll)
    keys(window, QKeySequence.StandardKey.Paste)
    assert field.value() == expected and field.value().utcoffset() == expected.utcoffset()
    assert window.document.post.get("date") == expected
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    assert not field.invalid


def test_an_invalid_date_is_shown_and_not_applied(qtbot, tmp_path):
    path, window = open_seed(qtbot, tmp_path)
    field = window.form.dates["date"]
    before = field.value()
    focus(qtbot, field.edit)
    keys(window, QKeySequence.StandardKey.SelectAll)
    QTest.keyClicks(field.edit, "2027-02-30 10:00")
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.invalid
    assert "Not a date" in field.edit.accessibleDescription() and "2027-02-30" in field.edit.toolTip()
    assert field.edit.styleSheet() and field.edit.actions()   # a red frame and a warning sign, not colour alone
    assert field.value() == before and window.document.post.get("date") == before
    assert not window.document.dirty
    # Escape puts the kept value back.
    focus(qtbot, field.edit)
    QTest.keyClick(field.edit, Qt.Key.Key_End)
    QTest.keyClicks(field.edit, "x")
    QTest.keyClick(field.edit, Qt.Key.Key_Escape)
    assert field.edit.text() == "2020-06-15 08:00:00" and not field.invalid


def test_arrow_keys_step_the_part_at_the_cursor(qtbot, tmp_path):
    _path, window = open_seed(qtbot, tmp_path)
    field = window.form.dates["date"]
    focus(qtbot, field.edit)
    field.edit.setCursorPosition(6)            # in the month
    QTest.keyClick(field.edit, Qt.Key.Key_Up)
    assert field.value() == dt.datetime(2020, 7, 15, 8, tzinfo=EST)
    QTest.keyClick(field.edit, Qt.Key.Key_Right)
    QTest.keyClick(field.edit, Qt.Key.Key_Right)
    QTest.keyClick(field.edit, Qt.Key.Key_Right)   # now in the day
    QTest.keyClick(field.edit, Qt.Key.Key_Down)
    assert field.value() == dt.datetime(2020, 7, 14, 8, tzinfo=EST)
    unset = window.form.dates["lastmod"]
    focus(qtbot, unset.edit)
    QTest.keyClick(unset.edit, Qt.Key.Key_Up)     # from unset: now, in the post's offset
    assert unset.value() is not None and unset.value().utcoffset() == dt.timedelta(hours=-5)
    QTest.keySequence(window.windowHandle(), QKeySequence(QKeySequence.StandardKey.SelectAll))
    QTest.keyClick(unset.edit, Qt.Key.Key_Delete)
    QTest.keyClick(unset.edit, Qt.Key.Key_Return)   # empty: unset again
    assert unset.value() is None and "lastmod" not in window.document.post.text


def test_calendar_picks_a_day_and_keeps_the_time(qtbot, tmp_path):
    _path, window = open_seed(qtbot, tmp_path)
    field = window.form.dates["date"]
    focus(qtbot, field.edit)
    QTest.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    qtbot.waitUntil(calendar.isVisible, timeout=3000)
    from PySide6.QtCore import QDate
    calendar.setSelectedDate(QDate(2021, 3, 9))
    calendar.activated.emit(QDate(2021, 3, 9))
    assert field.value() == dt.datetime(2021, 3, 9, 8, tzinfo=EST)


def test_one_tab_in_and_one_tab_out_of_every_date_field(qtbot, tmp_path):
    _path, window = open_seed(qtbot, tmp_path)
    order = [window.form.dates[k].edit for k in ("date", "publishDate", "lastmod", "expiryDate")]
    assert window.form.dates["lastmod"].value() is None and window.form.dates["date"].value() is not None
    before = window.form.slug_button
    focus(qtbot, before)
    for _ in range(3):   # the slug row: "From title" and, for this post, the URL warning's fix button
        if QApplication.focusWidget() is order[0]:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    for edit in order:
        assert QApplication.focusWidget() is edit, QApplication.focusWidget().objectName()
        QTest.keyClick(edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.form.tags_edit
    for edit in reversed(order):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        assert QApplication.focusWidget() is edit


def test_parse_typed():
    off = dt.timedelta(hours=1)
    tz = dt.timezone(off)
    assert parse_typed("", off) is None
    assert parse_typed("2027-02-01", off) == dt.datetime(2027, 2, 1, tzinfo=tz)
    assert parse_typed(" 2027-2-1 9:05 ", off) == dt.datetime(2027, 2, 1, 9, 5, tzinfo=tz)
    assert parse_typed("2027-02-01T10:00:30.5-03:30", off) == \
        dt.datetime(2027, 2, 1, 10, 0, 30, 500000, tzinfo=dt.timezone(-dt.timedelta(hours=3, minutes=30)))
    for bad in ("2027", "2027-02", "2027-13-01", "2027-02-01 25:00", "yesterday", "2027-02-01 10", "01/02/2027"):
        with pytest.raises(ValueError):
            parse_typed(bad, off)
    assert step(dt.datetime(2024, 1, 31, tzinfo=tz), "month", 1) == dt.datetime(2024, 2, 29, tzinfo=tz)
    assert step(dt.datetime(2024, 2, 29, tzinfo=tz), "year", 1) == dt.datetime(2025, 2, 28, tzinfo=tz)
    assert step(dt.datetime(2024, 12, 31, 23, 59, tzinfo=tz), "minute", 1) == dt.datetime(2025, 1, 1, tzinfo=tz)


def test_a_date_left_half_typed_leaves_the_post_as_it_was(qtbot, tmp_path):
    _path, window = open_seed(qtbot, tmp_path)
    field = window.form.dates["date"]
    before = field.value()
    focus(qtbot, field.edit)
    keys(window, QKeySequence.StandardKey.SelectAll)
    QTest.keyClicks(field.edit, "2027-02-01 10:0")   # passed through "2027-02-01", a whole date
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.invalid
    assert window.document.post.get("date") == before and field.value() == before
