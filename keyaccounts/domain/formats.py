"""Dates, days, quarters and money as a reader of the message language writes them.

One place for every date or amount the GUI, the CLI and the PDF reports show in a
sentence (tables and files keep ISO dates, which sort). The patterns come from the
Unicode CLDR through Babel, for the language messages come out in
(:func:`keyaccounts.i18n.language`), so Chinese reads ``2026年12月1日星期二``,
``12月8日（周二）``, ``11月30日至12月6日``, ``2026年第四季度`` and English
``Tuesday, December 1, 2026``, ``Dec 8 (Tue)``, ``Nov 30 – Dec 6``, ``4th quarter 2026``.

Relative days (:func:`relative_day`) say what a person says: 今天 / 明天 / 昨天,
还有 3 天 / 3 天前, 约 2 个月前 past about two months, 1 年多前 past a year.

Numbers use the one minus sign of the CLDR locales: ASCII "-".
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from keyaccounts.domain import clock
from keyaccounts.i18n import _, language

MINUS = "-"  # CLDR's minus sign for both en and zh: one sign everywhere


@lru_cache(maxsize=4)
def _babel_locale(code: str):
    from babel import Locale

    return Locale.parse("zh_Hans_CN" if code.startswith("zh") else "en_US")


def locale():
    """The Babel locale of the message language."""
    return _babel_locale(language())


def chinese() -> bool:
    return language().startswith("zh")


def long_date(day: date) -> str:
    """The day in full, with its weekday: ``2026年12月1日星期二``; for a heading."""
    from babel.dates import format_date

    return format_date(day, "full", locale=locale())


def date_time(moment: datetime) -> str:
    """A moment in a sentence: ``2026年12月1日 14:05`` / ``Dec 1, 2026, 2:05 PM``."""
    from babel.dates import format_date, format_time

    return _("{date} {time}").format(date=format_date(moment, "medium", locale=locale()),
                                     time=format_time(moment, "short", locale=locale()))


def month_title(day: date) -> str:
    """The month of *day*: ``2026年12月`` / ``December 2026``; a calendar's title."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=locale())


def short_date(day: date, today: date | None = None) -> str:
    """*day* in a sentence, the year dropped within the current year:
    ``12月8日（周二）``, ``2027年1月5日（周二）``; ``Dec 8 (Tue)``."""
    from babel.dates import format_date

    weekday = format_date(day, "EEE", locale=locale())
    return _("{date} ({weekday})").format(date=_short(day, today), weekday=weekday)


def week_range(first: date, last: date) -> str:
    """A span of days: ``11月30日至12月6日`` / ``Nov 30 – Dec 6`` (years shown when the
    span crosses one)."""
    from babel.dates import format_interval

    skeleton = "MMMd" if first.year == last.year else "yMMMd"
    return format_interval(first, last, skeleton, locale=locale())


def quarter(period: str | date) -> str:
    """A quarter, given as ``2026Q4`` or by one of its days: ``2026年第四季度`` /
    ``4th quarter 2026``."""
    from babel.dates import format_date

    if isinstance(period, str):
        text = period.strip().upper()
        year, q = int(text[:4]), int(text[-1])
        period = date(year, 3 * q - 2, 1)
    # CLDR's zh pattern numbers the quarter (y年第Q季度); its own wide name is 第四季度
    pattern = str(locale().datetime_skeletons["yQQQQ"]).replace("第Q季度", "QQQQ")
    return format_date(period, pattern, locale=locale())


def relative_day(day: date, today: date | None = None) -> str:
    """*day* said from *today*: today, tomorrow, yesterday, in 3 days, 3 days ago,
    about 2 months ago (from 60 days), over a year ago (from 365 days)."""
    today = today or clock.today()
    n = (day - today).days
    ahead, d = n > 0, abs(n)
    if d == 0:
        return _("today")
    if d == 1:
        return _("tomorrow") if ahead else _("yesterday")
    if d < 60:
        return (_("in {n} days") if ahead else _("{n} days ago")).format(n=d)
    if d < 365:
        months = round(d / 30.4)
        return (_("in about {n} months") if ahead else _("about {n} months ago")).format(
            n=months)
    years = d // 365
    if years == 1:
        return _("in over a year") if ahead else _("over a year ago")
    return (_("in over {n} years") if ahead else _("over {n} years ago")).format(n=years)


def resolved_in(days: int) -> str:
    """How long a complaint took: ``当天解决`` / ``resolved the same day``, ``3 天解决``."""
    if days <= 0:
        return _("resolved the same day")
    if days == 1:
        return _("resolved the next day")
    return _("resolved in {n} days").format(n=days)


def number(value: float | int, digits: int = 0, fixed: bool = False) -> str:
    """*value* with the locale's grouping and minus sign: ``-1,234``; up to *digits*
    decimals, or exactly *digits* if *fixed* (``2.0`` beside ``2.5`` in a column)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + ("0" if fixed else "#") * digits if digits else "")
    return format_decimal(value, pattern, locale=locale())


def money(amount: float | int) -> str:
    """An amount of money (yuan) with its unit: ``2,841.4 万元`` / ``8,500 元`` in Chinese
    (amounts from 10,000 in 万元, as Chinese business writes them), ``CN¥28,414,000``
    in English."""
    from babel.numbers import format_currency

    if chinese():
        if abs(amount) >= 10000:
            return _("{amount} ten-thousand yuan").format(amount=number(amount / 10000, 1))
        return _("{amount} yuan").format(amount=number(amount))
    return format_currency(amount, "CNY", "¤#,##0", currency_digits=False, locale=locale())


def labelled(name: object, value: object) -> str:
    """``name: value`` in English, ``名称：值`` in Chinese (full-width colon, no space):
    every "label: text" the app builds goes through here."""
    return _("{name}: {value}").format(name=name, value=value)


def located(*parts: object) -> str:
    """Where something is, from the outside in: ``contacts.csv, line 3, level=boss`` /
    ``contacts.csv，第 3 行，level=boss`` (the empty parts left out)."""
    shown = [str(p) for p in parts if p not in (None, "")]
    where = shown[0] if shown else ""
    for part in shown[1:]:
        where = _("{where}, {part}").format(where=where, part=part)
    return where


def listed(items) -> str:
    """Items of a list in a sentence: ``a, b, c`` / ``甲、乙、丙``."""
    return _(", ").join(str(item) for item in items)


def lunar_month_name(month: int, leap: bool = False) -> str:
    """A lunar month in the calendar's own words: 正月, 冬月, 腊月, 闰六月."""
    from lunar_python.util import LunarUtil

    return ("闰" if leap else "") + LunarUtil.MONTH[month] + "月"


def lunar_day_name(day: int) -> str:
    """A lunar day in the calendar's own words: 初一, 十五, 廿三, 三十."""
    from lunar_python.util import LunarUtil

    return LunarUtil.DAY[day]


def lunar_date(month: int, day: int, leap: bool = False) -> str:
    """A lunar month and day as written: ``农历冬月十五``, ``农历闰六月初十`` (the words
    are the calendar's own, in either language)."""
    return "农历" + lunar_month_name(month, leap) + lunar_day_name(day)


def both_calendars(day: date) -> str:
    """*day* on both calendars, for a lunar birthday or festival:
    ``12月24日（农历冬月十五）`` / ``Dec 24 (农历冬月十五)``."""
    return _both_calendars(day, language(), clock.today())


@lru_cache(maxsize=4096)
def _both_calendars(day: date, language: str, today: date) -> str:
    """Cached: an agenda over a portfolio names the same few hundred days."""
    from lunar_python import Solar

    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    month = lunar.getMonth()
    return _("{date} ({lunar})").format(
        date=_short(day, today), lunar=lunar_date(abs(month), lunar.getDay(), month < 0))


def _short(day: date, today: date | None = None) -> str:
    from babel.dates import format_skeleton

    today = today or clock.today()
    return format_skeleton("MMMd" if day.year == today.year else "yMMMd", day,
                           locale=locale())
