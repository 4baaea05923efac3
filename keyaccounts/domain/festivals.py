"""Festivals and the customs of business care around them (节日关怀), in one table.

What the agenda does with each festival follows Chinese business practice:

* most festivals are a greeting to key contacts (节日祝福), reminded early enough to
  act; gifts for 中秋 (mooncakes) and 春节 (New Year gifts) are ordered 2–4 weeks
  ahead, 端午 two weeks, the rest by the care lead-time setting;
* 春节 greetings run as a window, from 除夕 (the last day of the lunar year: the 29th
  in a short twelfth month) to 初七, and 拜年 visits from 初八 until 元宵 — planned as
  a span, not a day;
* 腊八 (the eighth of the twelfth month) and 小年 are greeted too; 小年 differs by
  region: 腊月廿三 in the north, 廿四 in the south (the ``care.xiaonian`` setting);
* 清明 is a day of remembrance: never a greeting, shown as a day customers are away
  (as 劳动节 is), useful when planning visits;
* 七夕 greetings to business contacts can be misread, 冬至 and 妇女节 suit some
  contacts only, and the partnership's anniversary (合作周年, from the account's first
  order) is a choice: all four are off until switched on in ``care.greetings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from keyaccounts.domain.dates import Birthday
from keyaccounts.i18n import N_

GREETING, WINDOW, VISITS, AWAY = "greeting", "window", "visits", "away"
# 小年: the 23rd of the twelfth lunar month in the north, the 24th in the south.
XIAONIAN_DAYS = {"north": 23, "south": 24}


@dataclass(frozen=True)
class Festival:
    """A festival: *key* (the agenda's source id), *name* (N_-marked), its day —
    solar or lunar month and day, or a solar term (*term*) — what the agenda does
    (*custom*: GREETING, WINDOW for 春节's greetings, VISITS for 拜年, AWAY for a day
    customers are away), the days ahead to remind (*lead_days*; None: the care
    lead-time setting) and *optional*: a greeting left off until switched on."""

    key: str
    name: str
    month: int = 0
    day: int = 0
    lunar: bool = False
    term: str = ""
    custom: str = GREETING
    lead_days: int | None = None
    optional: bool = False


# The order is the year's; 除夕 is the day before 春节 (lunar 12-29 or 12-30).
FESTIVALS: tuple[Festival, ...] = (
    Festival("new-year", N_("New Year's Day"), 1, 1),                       # 元旦
    Festival("spring-festival", N_("Spring Festival"), 1, 1, lunar=True,    # 春节
             custom=WINDOW, lead_days=21),
    Festival("new-year-visits", N_("New Year visits"), 1, 8, lunar=True,    # 拜年
             custom=VISITS, lead_days=7),
    Festival("lantern", N_("Lantern Festival"), 1, 15, lunar=True),         # 元宵
    Festival("womens-day", N_("Women's Day"), 3, 8, optional=True),         # 妇女节
    Festival("qingming", N_("Qingming Festival"), term="清明", custom=AWAY, lead_days=7),
    Festival("labour-day", N_("Labour Day"), 5, 1, custom=AWAY, lead_days=7),  # 劳动节
    Festival("dragon-boat", N_("Dragon Boat Festival"), 5, 5, lunar=True,   # 端午
             lead_days=14),
    Festival("qixi", N_("Qixi Festival"), 7, 7, lunar=True, optional=True),  # 七夕
    Festival("mid-autumn", N_("Mid-Autumn Festival"), 8, 15, lunar=True,    # 中秋
             lead_days=21),
    Festival("national-day", N_("National Day"), 10, 1),                    # 国庆
    Festival("double-ninth", N_("Double Ninth Festival"), 9, 9, lunar=True),  # 重阳
    Festival("winter-solstice", N_("Winter Solstice"), term="冬至",         # 冬至
             optional=True),
    Festival("laba", N_("Laba Festival"), 12, 8, lunar=True),                # 腊八
    Festival("xiaonian", N_("Little New Year"), 12, XIAONIAN_DAYS["north"],  # 小年
             lunar=True),
)
BY_KEY = {f.key: f for f in FESTIVALS}

# The greetings left off until switched on (care.greetings), partnership included.
OPTIONAL = tuple(f.key for f in FESTIVALS if f.optional) + ("partnership",)

# 春节's greetings run from 除夕 to 初七; 拜年 visits from 初八 to 元宵.
GREETINGS_UNTIL, VISITS_UNTIL = 7, 15


@lru_cache(maxsize=None)
def solar_term(year: int, name: str) -> date | None:
    """The day of solar term *name* (清明, 冬至) in Gregorian *year*."""
    from lunar_python import Lunar

    try:
        solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()[name]
    except Exception:  # outside lunar-python's range
        return None
    if solar.getYear() != year:  # 冬至 of the table may be the previous year's
        try:
            solar = Lunar.fromYmd(year, 11, 1).getJieQiTable()[name]
        except Exception:
            return None
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def lunar_day(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of lunar *month*-*day* of lunar *year* (None out of range)."""
    return Birthday(month, day, lunar=True).occurrence_in(year)


def days_of(festival: Festival, year: int) -> list[date]:
    """The days *festival* falls on in Gregorian *year* (a lunar festival may fall
    twice, or not at all, in one)."""
    if festival.term:
        found = solar_term(year, festival.term)
        return [found] if found else []
    if not festival.lunar:
        return [date(year, festival.month, festival.day)]
    out = []
    for y in (year - 1, year):
        when = lunar_day(y, festival.month, festival.day)
        if when and festival.custom == WINDOW:
            when -= timedelta(days=1)  # greetings start on 除夕
        if when and when.year == year:
            out.append(when)
    return out


def window_end(festival: Festival, start: date) -> date | None:
    """The last day of a WINDOW (初七) or VISITS (元宵) festival that starts on *start*."""
    if festival.custom not in (WINDOW, VISITS):
        return None
    from lunar_python import Solar

    year = Solar.fromYmd(start.year, start.month, start.day).getLunar().getYear()
    if festival.custom == WINDOW:
        year += 1  # 除夕 belongs to the year before
    return lunar_day(year, 1, GREETINGS_UNTIL if festival.custom == WINDOW else VISITS_UNTIL)


def festival_dates(year: int, custom: list[dict] | None = None,
                   xiaonian: str = "north") -> list[tuple[str, str, date]]:
    """(key, name, Gregorian date) of each festival in Gregorian *year*, with the user's
    own festivals (*custom*) after the public ones; the name is N_-marked for the
    public ones, as typed for the user's own. 小年 falls as *xiaonian* ("north" or
    "south") keeps it."""
    from dataclasses import replace

    public = [replace(f, day=XIAONIAN_DAYS[xiaonian]) if f.key == "xiaonian" else f
              for f in FESTIVALS]
    out = [(f.key, f.name, when) for f in public for when in days_of(f, year)]
    for spec in custom or []:
        own = Festival(f"custom-{spec['name']}", spec["name"], int(spec["month"]),
                       int(spec["day"]), bool(spec.get("lunar")))
        out += [(own.key, own.name, when) for when in days_of(own, year)]
    return out
