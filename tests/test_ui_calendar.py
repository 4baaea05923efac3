"""Calendars follow the locale's first day of the week, one rule for all of them;
the week view has room for whole titles."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCalendarWidget

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def us_locale():
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def test_the_month_view_and_the_date_picker_start_weeks_alike(qtbot, us_locale):
    from ui.dialogs.forms import pick_date
    from ui.pages.calendar import CalendarPage

    page = CalendarPage()
    qtbot.addWidget(page)
    page.anchor = date(2026, 11, 25)
    page.set_mode("month")
    assert page.first_day() == date(2026, 11, 1)  # a Sunday
    assert page.headers[0].text() == "Sun"
    page.set_mode("week")
    assert page.first_day() == date(2026, 11, 22)

    seen = []

    def look():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.findChild(QCalendarWidget).firstDayOfWeek())
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, look)
    assert pick_date(None, "Reschedule", date(2026, 11, 25)) is None
    assert seen == [Qt.DayOfWeek.Sunday]


def test_a_chinese_calendar_starts_on_monday(qtbot):
    from ui.pages.calendar import CalendarPage

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        page = CalendarPage()
        qtbot.addWidget(page)
        page.anchor = date(2026, 11, 25)
        page._changed()
        assert page.first_day() == date(2026, 10, 26)  # a Monday
    finally:
        QLocale.setDefault(before)


def test_the_week_view_wraps_long_titles(qtbot):
    from ui.pages.calendar import CalendarPage

    page = CalendarPage()
    qtbot.addWidget(page)
    page.set_mode("week")
    assert all(c.list.wordWrap() for c in page.cells[:7])
    page.set_mode("month")
    assert not any(c.list.wordWrap() for c in page.cells)
