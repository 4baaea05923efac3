"""Friendly rhythms <-> RFC 5545 rules, so nobody has to type an RRULE.

A rhythm is a frequency (``weekly``, ``monthly``, ``yearly``) with an interval
and one anchor: a weekday for weekly rhythms; for monthly ones either the n-th
weekday (n = 1..4, or -1 for the last) or a day of the month; for yearly ones a
month and a day.  "Every quarter on the first Tuesday" is monthly, interval 3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from keyaccounts.i18n import N_, _

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Rhythm:
    freq: str = "monthly"       # weekly | monthly | yearly
    interval: int = 1
    weekday: int | None = 0     # 0 = Monday (weekly; monthly with nth)
    nth: int | None = 1         # monthly: 1..4 or -1 (last); None = by month day
    monthday: int | None = None  # monthly by day, or yearly
    month: int | None = None     # yearly

    def to_rrule(self) -> str:
        parts = [f"FREQ={self.freq.upper()}"]
        if self.interval > 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.freq == "weekly":
            parts.append(f"BYDAY={WEEKDAYS[self.weekday or 0]}")
        elif self.freq == "monthly":
            if self.nth is not None:
                parts.append(f"BYDAY={self.nth}{WEEKDAYS[self.weekday or 0]}")
            else:
                parts.append(f"BYMONTHDAY={self.monthday or 1}")
        elif self.freq == "yearly":
            parts.append(f"BYMONTH={self.month or 1}")
            parts.append(f"BYMONTHDAY={self.monthday or 1}")
        return ";".join(parts)


def parse_rrule(rule: str) -> Rhythm | None:
    """The rhythm a rule expresses, or None when it is more than the editor offers."""
    fields = dict(p.split("=", 1) for p in rule.upper().split(";") if "=" in p)
    freq = fields.pop("FREQ", "").lower()
    interval = int(fields.pop("INTERVAL", "1"))
    if freq == "weekly" and set(fields) == {"BYDAY"} and fields["BYDAY"] in WEEKDAYS:
        return Rhythm("weekly", interval, WEEKDAYS.index(fields["BYDAY"]), None)
    if freq == "monthly" and set(fields) == {"BYDAY"}:
        m = re.fullmatch(r"(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)", fields["BYDAY"])
        if m:
            return Rhythm("monthly", interval, WEEKDAYS.index(m.group(2)), int(m.group(1)))
    if freq == "monthly" and set(fields) == {"BYMONTHDAY"}:
        return Rhythm("monthly", interval, None, None, int(fields["BYMONTHDAY"]))
    if freq == "yearly" and set(fields) == {"BYMONTH", "BYMONTHDAY"}:
        return Rhythm("yearly", interval, None, None, int(fields["BYMONTHDAY"]),
                      int(fields["BYMONTH"]))
    return None


_NTH = {1: N_("first"), 2: N_("second"), 3: N_("third"), 4: N_("fourth"), -1: N_("last")}


def describe(rule: str) -> str:
    """A rule in words, in the message language: ``every 2 weeks on Tuesday``,
    ``every 3 months on the first Tuesday``, ``every year on March 15``; 每 2 周的星期二,
    每 3 个月的第一个星期二, 每年 3月15日. A rule the editor cannot build stays as written."""
    from babel.dates import format_skeleton, get_day_names

    from keyaccounts.domain.formats import locale

    rhythm = parse_rrule(rule or "")
    if rhythm is None:
        return rule
    n = rhythm.interval
    weekday = get_day_names("wide", locale=locale())[rhythm.weekday or 0]
    if rhythm.freq == "weekly":
        return (_("every week on {weekday}") if n == 1 else
                _("every {n} weeks on {weekday}")).format(n=n, weekday=weekday)
    if rhythm.freq == "monthly" and rhythm.nth is not None:
        return (_("every month on the {nth} {weekday}") if n == 1 else
                _("every {n} months on the {nth} {weekday}")).format(
            n=n, nth=_(_NTH[rhythm.nth]), weekday=weekday)
    if rhythm.freq == "monthly":
        return (_("every month on day {day}") if n == 1 else
                _("every {n} months on day {day}")).format(n=n, day=rhythm.monthday)
    day = date(2000, rhythm.month or 1, rhythm.monthday or 1)  # a leap year: 29 February
    return _("every year on {date}").format(date=format_skeleton("MMMMd", day, locale=locale()))
