from datetime import date

import pytest

from keyaccounts.domain.dates import Birthday, make_birthday, parse_birthday, parse_date, parse_datetime
from keyaccounts.domain.errors import ValidationError

WED = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize("text, expected", [
    ("2027-03-05", date(2027, 3, 5)),
    ("2027/3/5", date(2027, 3, 5)),
    ("today", WED),
    ("今天", WED),
    ("tomorrow", date(2026, 11, 26)),
    ("明天", date(2026, 11, 26)),
    ("后天", date(2026, 11, 27)),
    ("+3d", date(2026, 11, 28)),
    ("+2w", date(2026, 12, 9)),
    ("+1m", date(2026, 12, 25)),
    ("+1y", date(2027, 11, 25)),
    ("3天后", date(2026, 11, 28)),
    ("yesterday", date(2026, 11, 24)),
    ("昨天", date(2026, 11, 24)),
    ("-2d", date(2026, 11, 23)),
    ("3天前", date(2026, 11, 22)),
    ("2周后", date(2026, 12, 9)),
    ("fri", date(2026, 11, 27)),
    ("wed", date(2026, 12, 2)),  # a weekday is the first one *after* today
    ("周五", date(2026, 11, 27)),
    ("next fri", date(2026, 12, 4)),
    ("Next Friday", date(2026, 12, 4)),
    ("下周五", date(2026, 12, 4)),
    ("下星期一", date(2026, 11, 30)),
    ("本周五", date(2026, 11, 27)),
    ("20270630", date(2027, 6, 30)),
    ("2027年6月30日", date(2027, 6, 30)),
    ("6月30日", date(2027, 6, 30)),  # a month and day: the first one on or after today
    ("11月25号", WED),
    ("12/1", date(2026, 12, 1)),
    ("2/29", date(2028, 2, 29)),
])
def test_parse_date(text, expected):
    assert parse_date(text, WED) == expected


@pytest.mark.parametrize("text", ["2026-02-30", "2026-13-01", "someday", "", "+2x", "next",
                                  "20270230", "13月1日", "2/30"])
def test_parse_date_refuses(text):
    with pytest.raises(ValidationError) as err:
        parse_date(text, WED, field="due")
    assert err.value.field == "due"


def test_parse_datetime_with_and_without_time():
    assert parse_datetime("2026-11-20 09:30").hour == 9
    assert parse_datetime("2026-11-20").date() == date(2026, 11, 20)
    with pytest.raises(ValidationError):
        parse_datetime("2026-11-20 25:00")


# Published dates (Hong Kong Observatory / Purple Mountain Observatory tables).
@pytest.mark.parametrize("year, month, day, leap, expected", [
    (2024, 1, 1, False, date(2024, 2, 10)),   # 春节 2024
    (2025, 1, 1, False, date(2025, 1, 29)),   # 春节 2025
    (2026, 1, 1, False, date(2026, 2, 17)),   # 春节 2026
    (2027, 1, 1, False, date(2027, 2, 6)),    # 春节 2027
    (2025, 8, 15, False, date(2025, 10, 6)),  # 中秋 2025
    (2026, 8, 15, False, date(2026, 9, 25)),  # 中秋 2026
    (2025, 5, 5, False, date(2025, 5, 31)),   # 端午 2025
    (2023, 2, 15, True, date(2023, 4, 5)),    # 闰二月十五 2023
    (2020, 4, 1, True, date(2020, 5, 23)),    # 闰四月初一 2020
    (2025, 6, 1, True, date(2025, 7, 25)),    # 闰六月初一 2025
])
def test_lunar_occurrence_matches_published_calendar(year, month, day, leap, expected):
    assert Birthday(month, day, lunar=True, leap=leap).occurrence_in(year) == expected


def test_leap_birthday_in_a_year_without_that_leap_month_uses_the_ordinary_month():
    # 2024 has no leap month: 闰二月十五 falls on 二月十五 = 2024-03-24.
    assert Birthday(2, 15, lunar=True, leap=True).occurrence_in(2024) == date(2024, 3, 24)


def test_day_30_in_a_29_day_lunar_month_falls_on_its_last_day():
    # 2024 正月 has 29 days (正月廿九 = 2024-03-09).
    assert Birthday(1, 30, lunar=True).occurrence_in(2024) == date(2024, 3, 9)


def test_next_lunar_birthday_can_fall_early_next_gregorian_year():
    # 腊月二十 of lunar 2026 is 2027-01-27.
    assert Birthday(12, 20, lunar=True).next_after(date(2026, 12, 1)) == date(2027, 1, 27)


def test_solar_29_february_in_common_years():
    assert Birthday(2, 29).next_after(date(2026, 1, 1)) == date(2026, 2, 28)
    assert Birthday(2, 29).next_after(date(2028, 1, 1)) == date(2028, 2, 29)


def test_birthday_validation():
    assert parse_birthday("03-14") == Birthday(3, 14)
    assert parse_birthday("1985/3/14").year == 1985
    with pytest.raises(ValidationError, match="leap month exists only"):
        parse_birthday("1985-03-14", leap=True)
    with pytest.raises(ValidationError, match="no such date"):
        parse_birthday("1985-02-29")
    with pytest.raises(ValidationError, match="no leap month 3"):
        make_birthday(3, 1, 2023, lunar=True, leap=True)  # 2023's leap month is the 2nd
    assert make_birthday(2, 1, 2023, lunar=True, leap=True).leap
    with pytest.raises(ValidationError, match="1 to 30"):
        parse_birthday("05-31", lunar=True)
