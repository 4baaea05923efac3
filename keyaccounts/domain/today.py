"""What the Today page shows: agenda items, risk alerts, and the agenda's groups.

Plain records, as :mod:`keyaccounts.domain.views`, but written out rather than made by
``dataclasses``: the app paints its Today page from a snapshot of these before
anything else has loaded, and an agenda over a portfolio makes ten thousand of
them. Read-only by convention.
"""

from __future__ import annotations

from datetime import date, timedelta


class _Record:
    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({fields})"

    def replace(self, **changes):
        """A copy with *changes*."""
        copy = object.__new__(type(self))
        for name in self.__slots__:
            object.__setattr__(copy, name, changes.pop(name, getattr(self, name)))
        if changes:
            raise TypeError(f"no such field: {', '.join(changes)}")
        return copy


class AgendaItem(_Record):
    """One entry of the agenda. ``key`` names it as planned (kind, source, day);
    ``planned`` is the day it was planned for, before any move; ``series`` stays the
    same when it moves on (the calendar UID); ``snoozed_until`` is set on a snoozed item
    shown on the day it returns (the Today page's agenda), else None."""

    __slots__ = ("date", "kind", "account", "contact", "title", "overdue", "source_id", "key",
                 "planned", "lead_days", "account_id", "movable", "series", "snoozed_until")

    def __init__(self, date: date, kind: str, account: str | None, contact: str | None,
                 title: str, overdue: bool, source_id: int | str | None, key: str,
                 planned: date, lead_days: int = 0, account_id: int | None = None,
                 movable: bool = True, series: str = "", snoozed_until: date | None = None):
        self.date, self.kind, self.account, self.contact = date, kind, account, contact
        self.title, self.overdue, self.source_id, self.key = title, overdue, source_id, key
        self.planned, self.lead_days, self.account_id = planned, lead_days, account_id
        self.movable, self.series, self.snoozed_until = movable, series, snoozed_until

    def as_json(self) -> dict:
        return {"date": self.date.isoformat(), "kind": self.kind, "account": self.account,
                "contact": self.contact, "title": self.title, "overdue": self.overdue,
                "source_id": self.source_id, "key": self.key, "planned": self.planned.isoformat(),
                "lead_days": self.lead_days}


AGENDA_GROUPS = ("overdue", "today", "this-week", "later")


def group_agenda(items: list[AgendaItem], today: date) -> list[list[AgendaItem]]:
    """The Today page's groups, in AGENDA_GROUPS order: before today, today, the rest of
    this week (to Sunday), later."""
    week_end = today + timedelta(days=6 - today.weekday())
    overdue, due, week, later = [], [], [], []
    for it in items:
        d = it.date
        (overdue if d < today else due if d == today else week if d <= week_end
         else later).append(it)
    return [overdue, due, week, later]


class Alert(_Record):
    """A risk alert: one account, kind and cause since a day, with why and what to do."""

    __slots__ = ("account", "account_id", "kind", "cause", "since", "reason",
                 "suggested_action")

    def __init__(self, account: str, account_id: int, kind: str, cause: str, since: date,
                 reason: str, suggested_action: str):
        self.account, self.account_id, self.kind, self.cause = account, account_id, kind, cause
        self.since, self.reason, self.suggested_action = since, reason, suggested_action

    @property
    def id(self) -> str:
        """Names the alert across runs (``alert act ID``): its account, kind, cause and
        start, hashed short."""
        from hashlib import sha1

        text = f"{self.account_id}|{self.kind}|{self.cause}|{self.since.isoformat()}"
        return sha1(text.encode()).hexdigest()[:8]

    def as_json(self) -> dict:
        return {"id": self.id, "account": self.account, "kind": self.kind, "cause": self.cause,
                "since": self.since.isoformat(), "reason": self.reason,
                "suggested_action": self.suggested_action}


class HealthMark(_Record):
    """An account's health score and band on a day, with its score 30 days before
    (None when it had none): what the Today page, the accounts list and the portfolio
    show of it. The points behind a score are on the account's Health tab."""

    __slots__ = ("account_id", "score", "band", "before")

    def __init__(self, account_id: int, score: int, band: str, before: int | None):
        self.account_id, self.score, self.band, self.before = account_id, score, band, before
