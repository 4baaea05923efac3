"""What the Today page shows: agenda items, risk alerts, health marks, and the agenda's
groups.

Records in the style of :mod:`keyaccounts.domain.views` (dataclasses, frozen unless made
by the thousand), kept apart from it for the start-up: the app paints its Today page from
a snapshot of these before anything else has loaded, and this module loads nothing else
(views.py, with its dozen records and the date rules, costs ~20 ms more;
tests/project/test_records.py holds it to that).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(slots=True, unsafe_hash=True)  # made by the thousand: not frozen (see views.py)
class AgendaItem:
    """One entry of the agenda. ``key`` names it as planned (kind, source, day);
    ``planned`` is the day it was planned for, before any move; ``series`` stays the
    same when it moves on (the calendar UID); ``snoozed_until`` is set on a snoozed item
    shown on the day it returns (the Today page's agenda), else None."""

    date: date
    kind: str
    account: str | None
    contact: str | None
    title: str
    overdue: bool
    source_id: int | str | None
    key: str
    planned: date
    lead_days: int = 0
    account_id: int | None = None
    movable: bool = True
    series: str = ""
    snoozed_until: date | None = None

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


@dataclass(frozen=True)
class Alert:
    """A risk alert: one account, kind and cause since a day, with why and what to do."""

    account: str
    account_id: int
    kind: str
    cause: str
    since: date
    reason: str
    suggested_action: str

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


@dataclass(frozen=True)
class HealthMark:
    """An account's health score and band on a day, with its score 30 days before
    (None when it had none): what the Today page, the accounts list and the portfolio
    show of it. The points behind a score are on the account's Health tab."""

    account_id: int
    score: int
    band: str
    before: int | None
