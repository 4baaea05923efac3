"""The team lead's view of the portfolio (issue 16): what ``portfolio`` shows.

Per owner (an account's owner; in a SQLite file usually empty: one group), from each
account's health as kept per account (keyaccounts.storage.snapshot.health_entries: only
the accounts written to since are computed again): the health bands, the accounts at risk (red health, or
marked at risk), the neglected ones (no contact for longer than the cadence's maximum),
the follow-ups past due, the complaints past their response deadline, and the hand-overs
still in progress (key contacts the new owner has not met yet). On a team server each
person sees what the server lets them: a lead, the team; a manager, their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from keyaccounts.perf import bulk
from keyaccounts.domain import clock
from keyaccounts.services import alerts as al
from keyaccounts.storage.db import Database
from keyaccounts.storage import snapshot
from keyaccounts.storage.model import Account, Person

BANDS = ("green", "amber", "red")


@dataclass
class OwnerFigures:
    owner: str
    name: str  # the person's name on a team server; "" otherwise
    accounts: int = 0
    bands: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))
    at_risk: list[str] = field(default_factory=list)
    neglected: list[str] = field(default_factory=list)
    overdue_followups: int = 0
    complaints_past_deadline: int = 0
    hand_overs_in_progress: int = 0
    account_ids: list[int] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"owner": self.owner, "name": self.name, "accounts": self.accounts,
                "bands": dict(self.bands), "at_risk": sorted(self.at_risk),
                "neglected": sorted(self.neglected),
                "overdue_followups": self.overdue_followups,
                "complaints_past_deadline": self.complaints_past_deadline,
                "hand_overs_in_progress": self.hand_overs_in_progress}


@dataclass(frozen=True)
class LateComplaint:
    id: int
    account: str
    owner: str
    deadline: date
    summary: str

    def as_json(self) -> dict:
        return {"id": self.id, "account": self.account, "owner": self.owner,
                "deadline": self.deadline.isoformat(), "summary": self.summary}


@dataclass(frozen=True)
class TeamPortfolio:
    as_of: date
    owners: tuple[OwnerFigures, ...]
    complaints: tuple[LateComplaint, ...]
    hand_overs: tuple[al.HandOverProgress, ...]

    def as_json(self) -> dict:
        return {"as_of": self.as_of.isoformat(),
                "accounts": sum(o.accounts for o in self.owners),
                "bands": {b: sum(o.bands[b] for o in self.owners) for b in BANDS},
                "owners": [o.as_json() for o in self.owners],
                "complaints_past_deadline": [c.as_json() for c in self.complaints],
                "hand_overs_in_progress": [h.as_json() for h in self.hand_overs]}


@bulk
def by_owner(db: Database, as_of: date | None = None, owner: str | None = None
             ) -> TeamPortfolio:
    """The portfolio by owner on *as_of* (the active, not archived, accounts); with
    *owner*, that owner's alone."""
    as_of = as_of or clock.today()
    entries = snapshot.health_entries(db, as_of, today=clock.today())
    with db.engine.connect() as c:
        rows = {aid: (acc_owner or "", getattr(status, "value", status))
                for aid, acc_owner, status in c.execute(
                    select(Account.id, Account.owner, Account.status)
                    .where(~Account.archived))}
        people = dict(c.execute(select(Person.login, Person.name)).all())
    if owner is not None:
        owner = owner.strip()
        entries = {aid: e for aid, e in entries.items()
                   if rows.get(aid, ("",))[0] == owner}
    figures: dict[str, OwnerFigures] = {}

    def of(aid: int) -> OwnerFigures:
        who = rows.get(aid, ("", ""))[0]
        if who not in figures:
            figures[who] = OwnerFigures(who, people.get(who, ""))
        return figures[who]

    for aid in sorted(entries, key=lambda a: (entries[a]["name"], a)):
        entry = entries[aid]
        band, counts = entry["mark"][1], entry["figures"]
        o = of(aid)
        o.accounts += 1
        o.account_ids.append(aid)
        o.bands[band] += 1
        status = rows.get(aid, ("", ""))[1]
        if status != "churned":
            if band == "red" or status == "at-risk":
                o.at_risk.append(entry["name"])
            if counts["neglected"]:
                o.neglected.append(entry["name"])
        o.overdue_followups += counts["overdue"]
        o.complaints_past_deadline += counts["complaints_overdue"]
    names = {aid: e["name"] for aid, e in entries.items()}
    late = tuple(LateComplaint(cid, names[aid], rows[aid][0], deadline, summary)
                 for cid, aid, deadline, summary in al.late_complaints(db, as_of)
                 if aid in names)
    hand_overs = tuple(al.hand_overs_in_progress(db, as_of, names))
    for h in hand_overs:
        of(h.account_id).hand_overs_in_progress += 1
    return TeamPortfolio(as_of, tuple(figures[k] for k in sorted(figures)), late, hand_overs)
