"""Dates as people type them, and birthdays on the solar or the Chinese lunar calendar.

Due dates accept ``2027-03-05`` (or ``2027/3/5``), ``today``/``今天``,
``tomorrow``/``明天``, ``后天``, ``yesterday``/``昨天``, ``前天``,
``+3d``/``+2w``/``+1m``/``+1y`` or ``-3d`` (and ``3天后``, ``2周后``, ``1个月后``,
``3天前``), a weekday such as ``fri``/``周五`` (the first one after
today), and ``next fri``/``下周五`` (that weekday in the next Monday-based week).

Lunar conversions use lunar-python (6tail), which covers the Chinese calendar
with leap months (闰月) and the solar terms.  Folk conventions, for a lunar
birthday in a year that lacks its day:
* day 30 in a 29-day month is kept on that month's last day (day 29);
* a birthday in a leap month falls in the leap month when that year has one of
  the same number, else in the ordinary month of that number.
A solar 29 February falls on 28 February in common years.

Every date a user gives, however given (a flag, a relative date, an import), lies
between FIRST_DAY and LAST_DAY (1900-01-01 to 2200-12-31): one rule, in
:func:`in_range`, for every command. Digits are ASCII digits only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _
from keyaccounts.domain import clock

WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
    "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
}
_UNITS = {"d": "days", "w": "weeks", "m": "months", "y": "years",
          "天": "days", "日": "days", "周": "weeks", "星期": "weeks", "个月": "months",
          "月": "months", "年": "years"}
LUNAR_MIN_YEAR, LUNAR_MAX_YEAR = 1900, 2099
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2200, 12, 31)


def in_range(day, field: str = "date", shown=None):
    """*day* (a date or datetime) if it lies between FIRST_DAY and LAST_DAY; else
    ValidationError naming *field* and what was given (*shown*, else the day)."""
    as_date = day.date() if isinstance(day, datetime) else day
    if not FIRST_DAY <= as_date <= LAST_DAY:
        raise ValidationError(field, day if shown is None else shown, _(
            "must be between {first} and {last}").format(first=FIRST_DAY, last=LAST_DAY))
    return day


def _shifted(today: date, shift: relativedelta, field: str, shown: str) -> date:
    try:
        day = today + shift
    except (ValueError, OverflowError):  # past year 9999 or before year 1
        raise ValidationError(field, shown, _("must be between {first} and {last}").format(
            first=FIRST_DAY, last=LAST_DAY)) from None
    return in_range(day, field, shown)


def quarter_start(day: date) -> date:
    """The first day of *day*'s calendar quarter."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarter_of(day: date) -> str:
    """*day*'s quarter as the app names periods: ``2027Q1``."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


PERIOD_RE = r"(\d{4})Q([1-4])"


def parse_period(text: str, field: str = "period") -> tuple[date, date]:
    """``2027Q1`` -> (2027-01-01, 2027-04-01): the quarter, end exclusive."""
    m = re.fullmatch(PERIOD_RE, (text or "").strip().upper(), re.ASCII)
    if not m:
        raise ValidationError(field, text, _("expected a quarter such as 2027Q1"))
    year, quarter = int(m.group(1)), int(m.group(2))
    if year < 1:  # 0000Q1: no such year
        raise ValidationError(field, text, _("no such date"))
    start = in_range(date(year, 3 * quarter - 2, 1), field, text)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def stored_date(text) -> date | None:
    """A date (or the date of a timestamp) as SQLite stores it in text; None stays None."""
    return date.fromisoformat(str(text)[:10]) if text else None


def parse_iso_date(text: str, field: str = "date") -> date:
    """A calendar date ``YYYY-MM-DD`` (or ``YYYY/M/D``); impossible dates are refused."""
    m = re.fullmatch(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*", text or "", re.ASCII)
    if not m:
        raise ValidationError(field, text, _("expected a date as YYYY-MM-DD"))
    try:
        day = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValidationError(field, text, _("no such date")) from None
    return in_range(day, field, text)


def parse_date(text: str, today: date | None = None, field: str = "date") -> date:
    """A due date as typed: absolute, relative or by weekday (see module doc)."""
    today = today or clock.today()
    raw = (text or "").strip()
    s = raw.lower()
    if re.match(r"^\d{4}[-/.]", s, re.ASCII):
        return parse_iso_date(s, field)
    shift = None
    if s in ("today", "今天", "今日"):
        shift = relativedelta()
    elif s in ("tomorrow", "明天", "明日"):
        shift = relativedelta(days=1)
    elif s in ("后天",):
        shift = relativedelta(days=2)
    elif s in ("yesterday", "昨天", "昨日"):
        shift = relativedelta(days=-1)
    elif s in ("前天",):
        shift = relativedelta(days=-2)
    elif m := re.fullmatch(r"([+-])\s*(\d{1,4})\s*([dwmy])", s, re.ASCII):
        sign = 1 if m.group(1) == "+" else -1
        shift = sign * relativedelta(**{_UNITS[m.group(3)]: int(m.group(2))})
    elif m := re.fullmatch(r"(\d{1,4})\s*(天|日|周|星期|个月|月|年)\s*(前|后)", s, re.ASCII):
        sign = 1 if m.group(3) == "后" else -1
        shift = sign * relativedelta(**{_UNITS[m.group(2)]: int(m.group(1))})
    if shift is not None:
        return _shifted(today, shift, field, raw)
    m = re.fullmatch(r"(next\s+|下(?:个)?(?:周|星期|礼拜)|(?:本|这)?(?:周|星期|礼拜))?\s*([a-z]+|[一二三四五六日天])", s)
    if m and m.group(2) in WEEKDAYS and (m.group(1) or m.group(2).isascii()):
        weekday = WEEKDAYS[m.group(2)]
        prefix = (m.group(1) or "").strip()
        if prefix.startswith("next") or prefix.startswith("下"):
            days = 7 - today.weekday() + weekday
        elif prefix.startswith("本") or prefix.startswith("这"):
            days = weekday - today.weekday()
        else:
            days = (weekday - today.weekday() - 1) % 7 + 1
        return _shifted(today, relativedelta(days=days), field, raw)
    raise ValidationError(
        field, raw, _("expected a date such as 2027-03-05, +2w, next fri or 下周五")
    )


def parse_datetime(text: str, field: str = "date") -> datetime:
    """``YYYY-MM-DD`` (noon of that day) or ``YYYY-MM-DD HH:MM``."""
    m = re.fullmatch(r"\s*(\S+?)(?:[ T](\d{1,2}):(\d{2}))?\s*", text or "", re.ASCII)
    if not m:
        raise ValidationError(field, text, _("expected a date as YYYY-MM-DD"))
    day = parse_iso_date(m.group(1), field)
    if m.group(2) is None:
        return datetime(day.year, day.month, day.day, 12, 0)
    hour, minute = int(m.group(2)), int(m.group(3))
    if hour > 23 or minute > 59:
        raise ValidationError(field, text, _("no such time of day"))
    return datetime(day.year, day.month, day.day, hour, minute)


@dataclass(frozen=True)
class Birthday:
    """A birthday: month and day (solar or lunar), optional year, leap-month flag."""

    month: int
    day: int
    year: int | None = None
    lunar: bool = False
    leap: bool = False

    def as_json(self) -> dict:
        return {"month": self.month, "day": self.day, "year": self.year,
                "lunar": self.lunar, "leap": self.leap}

    def __str__(self) -> str:
        core = f"{self.month:02d}-{self.day:02d}"
        if self.year:
            core = f"{self.year:04d}-{core}"
        if self.lunar:
            return ("农历闰" if self.leap else "农历") + core
        return core

    def occurrence_in(self, year: int) -> date | None:
        """The Gregorian date of this birthday in (solar or lunar) *year*."""
        if not self.lunar:
            day = self.day
            if self.month == 2 and day == 29 and not is_leap_year(year):
                day = 28
            return date(year, self.month, day)
        if not LUNAR_MIN_YEAR <= year <= LUNAR_MAX_YEAR:
            return None
        return _lunar_occurrence(year, self.month, self.day, self.leap)

    def next_after(self, day: date) -> date | None:
        """The first Gregorian date on or after *day* on which this birthday falls."""
        return next_birthday(self.month, self.day, self.lunar, self.leap, day)


@lru_cache(maxsize=65536)
def next_birthday(month: int, day: int, lunar: bool, leap: bool, after: date) -> date | None:
    """:meth:`Birthday.next_after` without the year of birth (it does not matter), cached:
    a portfolio's thousands of contacts share a few hundred birthdays."""
    b = Birthday(month, day, None, lunar, leap)
    candidates = (b.occurrence_in(y) for y in (after.year - 1, after.year, after.year + 1))
    return min((c for c in candidates if c and c >= after), default=None)


@lru_cache(maxsize=None)
def _lunar_months(year: int) -> dict[int, tuple[date, int]]:
    """Lunar year -> {month (negative: leap): (Gregorian date of its day 1, its length)}.

    One lunar-python year computation, cached; every lunar date of the year is then
    simple arithmetic (the planner asks for thousands of them).
    """
    from lunar_python import LunarYear, Solar

    months = {}
    for m in LunarYear.fromYear(year).getMonthsInYear():
        if m.getYear() != year:
            continue
        first = Solar.fromJulianDay(m.getFirstJulianDay())
        months[m.getMonth()] = (date(first.getYear(), first.getMonth(), first.getDay()),
                                m.getDayCount())
    return months


def _lunar_occurrence(year: int, month: int, day: int, leap: bool) -> date:
    months = _lunar_months(year)
    key = -month if leap and -month in months else month
    first, length = months[key]
    return first + timedelta(days=min(day, length) - 1)


def anniversaries(first: date, start: date, end: date):
    """(day, years) of each yearly return of *first* in [start, end), from the first year
    on; a 29 February falls on the 28th in other years."""
    for year in range(start.year, end.year + 1):
        try:
            when = first.replace(year=year)
        except ValueError:
            when = date(year, 2, 28)
        years = year - first.year
        if years >= 1 and start <= when < end:
            yield when, years


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _lunar_to_solar(year: int, month: int, day: int) -> date:
    from lunar_python import Lunar

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def make_birthday(
    month: int, day: int, year: int | None = None, *, lunar: bool = False, leap: bool = False,
    field: str = "birthday",
) -> Birthday:
    """A validated birthday; a leap month must exist in the given lunar year."""
    shown = f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
    if leap and not lunar:
        raise ValidationError(field, shown, _("a leap month exists only on the lunar calendar"))
    if not 1 <= month <= 12:
        raise ValidationError(field, shown, _("month must be 1 to 12"))
    if lunar:
        if not 1 <= day <= 30:
            raise ValidationError(field, shown, _("a lunar day must be 1 to 30"))
        if year is not None:
            if not LUNAR_MIN_YEAR <= year <= LUNAR_MAX_YEAR:
                raise ValidationError(
                    field, shown,
                    _("lunar years {first} to {last} are supported").format(
                        first=LUNAR_MIN_YEAR, last=LUNAR_MAX_YEAR),
                )
            from lunar_python import LunarMonth, LunarYear

            if leap and LunarYear.fromYear(year).getLeapMonth() != month:
                raise ValidationError(
                    field, shown, _("lunar year {year} has no leap month {month}").format(
                        year=year, month=month))
            if day > LunarMonth.fromYm(year, -month if leap else month).getDayCount():
                raise ValidationError(field, shown, _("that lunar month has only 29 days"))
    else:
        try:
            date(year or 2000, month, day)  # 2000 is a leap year: 02-29 allowed without year
        except ValueError:
            raise ValidationError(field, shown, _("no such date")) from None
    if year is not None and not 1900 <= year <= clock.today().year:
        raise ValidationError(field, shown, _("the year of birth is out of range"))
    return Birthday(month, day, year, lunar, leap)


def parse_birthday(text: str, *, lunar: bool = False, leap: bool = False,
                   field: str = "birthday") -> Birthday:
    """``YYYY-MM-DD``, ``YYYY/M/D`` or ``MM-DD`` (no year), or as written in Chinese:
    ``1985年3月14日``, ``3月14日``, ``农历八月十五``, ``农历1985年闰四月初十``."""
    m = re.fullmatch(r"\s*(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})\s*", text or "",
                     re.ASCII)
    if m:
        year = int(m.group(1)) if m.group(1) else None
        return make_birthday(int(m.group(2)), int(m.group(3)), year, lunar=lunar, leap=leap,
                             field=field)
    m = _CHINESE_DATE.fullmatch((text or "").strip())
    if not m:
        raise ValidationError(field, text, _("expected YYYY-MM-DD or MM-DD"))
    lunar = lunar or bool(m.group("lunar") and m.group("lunar") in "农历阴历旧历")
    # 正月, 腊月, 初八, 廿三 are the lunar calendar's own words
    lunar = lunar or m.group("month") in _CHINESE_MONTHS or m.group("day")[0] in "初廿卅"
    leap = leap or bool(m.group("leap"))
    month = _chinese_number(m.group("month"), _CHINESE_MONTHS)
    day = _chinese_number(m.group("day"), _CHINESE_DAYS)
    year = int(m.group("year")) if m.group("year") else None
    if month is None or day is None:
        raise ValidationError(field, text, _("expected YYYY-MM-DD or MM-DD"))
    return make_birthday(month, day, year, lunar=lunar, leap=leap, field=field)


_CHINESE_DATE = re.compile(
    r"(?P<lunar>农历|阴历|旧历|公历|阳历|新历)?\s*(?:(?P<year>\d{4})\s*年)?\s*(?P<leap>闰)?"
    r"(?P<month>\d{1,2}|[正一二三四五六七八九十冬腊]{1,3})\s*月\s*"
    r"(?P<day>\d{1,2}|[初一二三四五六七八九十廿卅]{1,3})\s*[日号]?")
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_CHINESE_DAYS: dict[str, int] = {}


def _chinese_number(text: str, special: dict[str, int]) -> int | None:
    """1 to 31 written as digits or in Chinese (十五, 廿三, 初十, 正, 腊)."""
    if text.isdigit():
        return int(text)
    if text in special:
        return special[text]
    text = text.removeprefix("初")
    tens = 0
    if text[:1] in ("十", "廿", "卅"):
        tens, text = {"十": 10, "廿": 20, "卅": 30}[text[0]], text[1:]
    elif len(text) >= 2 and text[1] == "十":
        if text[0] not in _DIGITS:
            return None
        tens, text = _DIGITS[text[0]] * 10, text[2:]
    if not text:
        return tens or None
    if len(text) != 1 or text not in _DIGITS:
        return None
    return tens + _DIGITS[text]
