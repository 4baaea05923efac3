"""The settings kept in the database: one typed registry (key, type, default, meaning).

Whoever reads a setting -- the services, the agenda's fast path, the app's Settings
dialog, the command line -- takes its value through :meth:`Setting.value` (what is
stored, over the default: a table keeps the defaults of the names it lacks), and
whoever writes one passes it through :meth:`Setting.check` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from keyaccounts.domain import value as customer_value
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.numbers import parse_rate, parse_whole
from keyaccounts.i18n import N_, _


@dataclass(frozen=True)
class Setting:
    """One setting. *kind* is "amount" (a whole number 0 or more, or None), "rate" (a
    number from 0 to *most*, below it when *below*: 0.3, .3 or 30%), "days" (a table of
    *names* to whole days from 0 to *most*), "numbers" (a table of *names* to numbers 0
    to *most*), "amounts" (a table of *names* to whole amounts 0 or more: 1,500 or
    1500), "switches" (a table of *names* to on or off) or "festivals" (the user's own
    festivals)."""

    key: str
    kind: str
    default: Any
    meaning: str  # marked with N_: translate with _() where shown
    most: int = 0
    below: bool = False  # a rate: strictly below *most*

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.default) if isinstance(self.default, dict) else ()

    def value(self, stored: Any) -> Any:
        """The value in force, from what is stored (None: nothing is)."""
        if self.names:
            return {**self.default, **{k: v for k, v in (stored or {}).items()
                                       if k in self.default}}
        if stored is None:
            return list(self.default) if isinstance(self.default, list) else self.default
        return stored

    def check(self, value: Any) -> Any:
        """*value* as it is stored; a ValidationError naming the setting if it is wrong."""
        if self.kind == "amount":
            if value is None:
                return None
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValidationError(self.key, value, _("must be a whole number, 0 or more"))
            return value
        if self.kind == "rate":
            return parse_rate(value, self.key, high=self.most, below=self.below)
        if self.names:
            if not isinstance(value, dict):
                raise ValidationError(self.key, value, _("must be a table of {names}").format(
                    names=", ".join(self.names)))
            checked = dict(value)
            for name, number in value.items():
                if name not in self.names:
                    raise ValidationError(f"{self.key}.{name}", number, _(
                        "unknown; known: {names}").format(names=", ".join(self.names)))
                if self.kind == "switches":
                    if not isinstance(number, bool):
                        raise ValidationError(f"{self.key}.{name}", number,
                                              _("expected on or off"))
                    continue
                if self.kind == "amounts":
                    if isinstance(number, bool) or not isinstance(number, (int, str)):
                        raise ValidationError(f"{self.key}.{name}", number,
                                              _("must be a whole number, 0 or more"))
                    checked[name] = parse_whole(number, f"{self.key}.{name}", thousands=True)
                    continue
                whole = self.kind == "days"
                if isinstance(number, bool) or not isinstance(number, int if whole else
                                                              (int, float)) \
                        or not 0 <= number <= self.most:
                    raise ValidationError(f"{self.key}.{name}", number, _(
                        "must be a number from 0 to {most}").format(most=self.most))
            return checked
        if self.kind == "festivals":
            return [check_festival(f, f"{self.key}[{n}]") for n, f in enumerate(value or [], 1)]
        raise AssertionError(self.kind)

    def parse(self, text: str) -> Any:
        """The value that *text* gives as a user types it (the command line): a whole
        number for an amount, a rate (0.3 or 30%), ``NAME=N, NAME=N`` for a table (the names left out keep
        their defaults); checked. Festivals have their own format (the planner's)."""
        text = (text or "").strip()
        if self.kind == "amount":
            digits = text.replace(",", "")
            if not (digits.isascii() and digits.isdigit()):
                raise ValidationError(self.key, text, _("must be a whole number, 0 or more"))
            return self.check(int(digits))
        if self.kind == "rate":
            return self.check(text)
        if self.names:
            value: dict[str, int | float | str] = {}
            # "visit=1,000, call=100": a comma starts a pair only before a name and "="
            parts = (re.split(r"[,;]\s*(?=[^\s,;=]+\s*=)", text) if self.kind == "amounts"
                     else text.replace(";", ",").split(","))
            for part in parts:
                name, sep, number = (p.strip() for p in part.partition("="))
                if not sep:
                    raise ValidationError(self.key, part.strip(), _(
                        "expected NAME=NUMBER, NAME one of: {names}").format(
                            names=", ".join(self.names)))
                if self.kind == "switches":
                    switch = SWITCH_WORDS.get(number.lower())
                    if switch is None:
                        raise ValidationError(f"{self.key}.{name}", number,
                                              _("expected on or off"))
                    value[name] = switch
                    continue
                if self.kind == "amounts":
                    value[name] = number  # checked below, commas between thousands allowed
                    continue
                try:
                    value[name] = int(number) if self.kind == "days" else float(number)
                except ValueError:
                    raise ValidationError(f"{self.key}.{name}", number, _(
                        "must be a number from 0 to {most}").format(most=self.most)) from None
                if isinstance(value[name], float) and value[name].is_integer():
                    value[name] = int(value[name])
            return self.check(value)
        raise AssertionError(self.kind)

    def format(self, value: Any) -> str:
        """*value* the way :meth:`parse` (or, for festivals, the planner) reads it."""
        if value is None:
            return ""
        if self.kind == "switches":
            return ", ".join(f"{k}={'on' if v else 'off'}" for k, v in value.items())
        if self.names:
            return ", ".join(f"{k}={v}" for k, v in value.items())
        if self.kind == "festivals":
            return format_festivals(value, "; ")
        return str(value)


def format_festivals(festivals: list[dict], separator: str = "\n") -> str:
    """Own festivals the way they are typed: ``NAME MM-DD`` or ``NAME lunar MM-DD``."""
    return separator.join(
        f"{f['name']} {'lunar ' if f.get('lunar') else ''}{f['month']:02d}-{f['day']:02d}"
        for f in festivals)


def check_festival(festival: Any, field: str) -> dict:
    """One own festival: {"name", "month", "day", "lunar"}, a date that exists."""
    from keyaccounts.domain.dates import make_birthday

    if not isinstance(festival, dict) or not str(festival.get("name", "")).strip():
        raise ValidationError(field, festival, _("expected a name, a month and a day"))
    month, day = festival.get("month"), festival.get("day")
    if not isinstance(month, int) or not isinstance(day, int):
        raise ValidationError(field, festival, _("expected a name, a month and a day"))
    lunar = bool(festival.get("lunar", False))
    make_birthday(month, day, lunar=lunar, field=field)
    return {"name": str(festival["name"]).strip(), "month": month, "day": day, "lunar": lunar}


GIFT_LIMIT = Setting("care.gift_limit", "amount", None, N_(
    "the most a single gift may be worth (none: no limit)"))
LEAD_DAYS = Setting("care.lead_days", "days",
                    {"birthday": 7, "anniversary": 3, "festival": 7, "renewal": 0}, N_(
                        "how many days ahead birthdays, work anniversaries, festivals and "
                        "renewals show on the agenda"), most=366)
FESTIVALS = Setting("care.festivals", "festivals", [], N_(
    "the user's own festivals, solar or lunar, greeted like the public ones"))
GREETINGS = Setting("care.greetings", "switches",
                    {"qixi": False, "winter-solstice": False, "womens-day": False,
                     "partnership": False}, N_(
                        "optional greetings: 七夕, 冬至, 妇女节 and the partnership's "
                        "anniversary (合作周年, from the first order)"))
DEADLINE_DAYS = Setting("complaints.deadline_days", "days",
                        {"critical": 1, "high": 3, "medium": 7, "low": 14}, N_(
                            "days to answer a complaint, by its severity"), most=365)
HEALTH_WEIGHTS = Setting("health.weights", "numbers",
                         {"recency": 20, "executive": 15, "breadth": 10, "sentiment": 10,
                          "chain": 15, "complaints": 10, "satisfaction": 5, "key_people": 5,
                          "commercial": 5, "value": 5}, N_(
                             "the points each part of the health score can give"), most=100)
HEALTH_BANDS = Setting("health.bands", "numbers", {"green": 70, "amber": 40}, N_(
    "the lowest score of the green and of the amber band"), most=100)

MARGIN_RATE = Setting("value.margin_rate", "rate", customer_value.DEFAULT_MARGIN_RATE, N_(
    "the gross margin on revenue of an account without its own (cost of goods is the "
    "rest)"), most=1)
DISCOUNT_RATE = Setting("value.discount_rate", "rate", customer_value.DEFAULT_DISCOUNT_RATE,
                        N_("the yearly discount rate of the lifetime value, below 1"),
                        most=1, below=True)
COST_PER_KIND = Setting("value.cost_per_kind", "amounts",
                        dict(customer_value.DEFAULT_COST_PER_KIND), N_(
                            "the cost of one interaction of each kind, counted as contact "
                            "effort in the contribution"))

SETTINGS: dict[str, Setting] = {s.key: s for s in (
    GIFT_LIMIT, LEAD_DAYS, FESTIVALS, GREETINGS, DEADLINE_DAYS, HEALTH_WEIGHTS, HEALTH_BANDS,
    MARGIN_RATE, DISCOUNT_RATE, COST_PER_KIND)}
SWITCH_WORDS = {"on": True, "off": False, "yes": True, "no": False, "1": True, "0": False,
                "true": True, "false": False, "开": True, "关": False}


def setting(key: str) -> Setting:
    """The setting named *key*; a ValidationError listing the known ones if none is."""
    found = SETTINGS.get(key)
    if found is None:
        raise ValidationError("key", key, _("no such setting; known: {keys}").format(
            keys=", ".join(SETTINGS)))
    return found
