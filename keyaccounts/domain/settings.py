"""The settings that belong to a portfolio: one typed registry (key, type, default,
meaning), read and written the same way by the app, the CLI and the services.

Each setting is stored in the database as JSON under its key; what is not stored has
its default. A mapping's stored value may name only some of its entries: the others
keep their defaults. ``parse`` turns what a user types into a value (bad input is a
ValidationError naming the key); ``format`` shows a value the way ``parse`` reads it.
Custom festivals are parsed by the planner (their own line format).
"""

from __future__ import annotations

from dataclasses import dataclass

from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import N_, _

AMOUNT, DAYS, POINTS, FESTIVALS = "amount", "days", "points", "festivals"


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: str  # AMOUNT (a whole number or none), DAYS/POINTS (a mapping), FESTIVALS
    default: object
    meaning: str  # marked with N_; translate with _() when shown
    low: int = 0  # the least a number may be

    def effective(self, stored):
        """The value in force, given what is stored (None: nothing)."""
        if isinstance(self.default, dict):
            return {**self.default, **{k: v for k, v in (stored or {}).items()
                                       if k in self.default}}
        return self.default if stored is None else stored

    def parse(self, text: str):
        """The value that *text* gives; an empty text gives the default."""
        text = (text or "").strip()
        if not text or text.lower() in ("none", "default"):
            return self.default
        if self.type == AMOUNT:
            return self._number(text.replace(",", ""), text)
        if self.type in (DAYS, POINTS):
            return self._mapping(text)
        raise ValidationError(self.key, text, _("has its own format"))

    def format(self, value) -> str:
        if value is None:
            return ""
        if isinstance(value, dict):
            return ", ".join(f"{k}={v}" for k, v in value.items())
        if self.type == FESTIVALS:
            return format_festivals(value, "; ")
        return str(value)

    def _number(self, digits: str, shown: str) -> int:
        if not (digits.isascii() and digits.isdigit()) or int(digits) < self.low:
            raise ValidationError(self.key, shown, _("must be a whole number, {low} or more")
                                  .format(low=self.low))
        return int(digits)

    def _mapping(self, text: str) -> dict[str, int]:
        value = {}
        for part in text.replace(";", ",").split(","):
            name, sep, number = part.partition("=")
            name = name.strip()
            if not sep or name not in self.default:
                raise ValidationError(self.key, part.strip(), _(
                    "expected NAME=NUMBER, NAME one of: {names}").format(
                        names=", ".join(self.default)))
            value[name] = self._number(number.strip(), part.strip())
        return value


SETTINGS: dict[str, SettingSpec] = {s.key: s for s in (
    SettingSpec("care.gift_limit", AMOUNT, None,
                N_("the most a single gift may be worth; empty for no limit")),
    SettingSpec("care.lead_days", DAYS,
                {"birthday": 7, "anniversary": 3, "festival": 7, "renewal": 0},
                N_("days ahead that birthdays, anniversaries, festivals and renewals "
                   "show on the agenda")),
    SettingSpec("care.festivals", FESTIVALS, [],
                N_("your own festivals beside the built-in ones: NAME MM-DD or "
                   "NAME lunar MM-DD, separated by ;")),
    SettingSpec("complaints.deadline_days", DAYS,
                {"critical": 1, "high": 3, "medium": 7, "low": 14},
                N_("days to answer a complaint, by severity"), low=1),
    SettingSpec("health.weights", POINTS,
                {"recency": 20, "executive": 15, "breadth": 10, "sentiment": 10,
                 "chain": 15, "complaints": 10, "satisfaction": 5, "key_people": 5,
                 "commercial": 5, "value": 5},
                N_("points of each part of the health score")),
    SettingSpec("health.bands", POINTS, {"green": 70, "amber": 40},
                N_("the least score of a green and of an amber account")),
)}


def format_festivals(festivals: list[dict], separator: str = "\n") -> str:
    """Custom festivals the way they are typed: ``NAME MM-DD`` or ``NAME lunar MM-DD``."""
    return separator.join(
        f"{f['name']} {'lunar ' if f.get('lunar') else ''}{f['month']:02d}-{f['day']:02d}"
        for f in festivals)


def spec(key: str) -> SettingSpec:
    """The registry's entry for *key*; an unknown key is bad input."""
    found = SETTINGS.get((key or "").strip())
    if found is None:
        raise ValidationError("key", key, _("no such setting; one of: {keys}").format(
            keys=", ".join(SETTINGS)))
    return found


@dataclass(frozen=True)
class SettingValue:
    """A setting as shown: its value in force, its default and what it means."""

    key: str
    type: str
    value: object
    default: object
    meaning: str
    stored: bool  # False: the default, nothing stored
