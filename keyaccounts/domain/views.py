"""The records services hand to the UI and the CLI: views of what is stored, and the
pages and results built from them.

Where a record lives:
- here: a view of each kind of stored row a service hands out (account, contact,
  follow-up, interaction, cadence, complaint, survey, churn, order, person, owner
  change) and the records built from them (account page and row, contact line, search
  hit, what logging or deleting did, a hand-over);
- :mod:`keyaccounts.domain.today`: what the Today page paints from a snapshot before
  anything else loads (agenda items, risk alerts, health marks);
- beside its computation: a record that carries one computation's result (health's
  Health, revenue's TierSuggestion and ParetoPoint, domain.value's records).

One style: dataclasses, frozen. The records made by the thousand (FollowUpView,
InteractionView, and AgendaItem in today.py) are slotted and read-only by convention:
a frozen dataclass costs ~1 µs more to make (object.__setattr__ per field), ~10 ms over
a 30-day agenda of the benchmark's portfolio. Nothing here holds a database session or
knows the ORM (services/rows.py makes views from stored rows), so a view can cross
threads (the UI reads on a worker) and outlive its unit of work.
``as_json`` gives the public JSON shape: snake_case keys, ISO dates.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from keyaccounts.domain import clock
from keyaccounts.domain.dates import Birthday


def to_json(value):
    if hasattr(value, "as_json") and not isinstance(value, type):
        return value.as_json()
    if dataclasses.is_dataclass(value):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class AccountView:
    id: int
    name: str
    tier: str
    tier_basis: str
    tier_note: str
    industry: str
    owner: str
    status: str
    renewal: date | None
    annual_revenue: int | None
    notes: str
    archived: bool
    version: int = 1  # edits so far: `account edit --if-version` checks it


@dataclass(frozen=True)
class ContactView:
    id: int
    account: str
    account_id: int
    name: str
    title: str
    level: str
    role: str
    attitude: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]
    birthday: Birthday | None
    private_notes: str = field(repr=False)
    joined: date | None
    left: date | None
    reports_to: str | None
    archived: bool


    def as_json(self, private: bool = False) -> dict:
        data = {f.name: to_json(getattr(self, f.name)) for f in dataclasses.fields(self)}
        if not private:
            del data["private_notes"]
        return data


@dataclass(slots=True, unsafe_hash=True)
class FollowUpView:
    id: int
    account: str
    text: str
    due: date
    owner: str
    status: str
    opened_on: date
    opened_by: int | None
    origin: str
    closed_on: date | None
    closed_by: int | None
    carried_from: int | None
    carried_to: int | None


    def overdue_on(self, day: date) -> bool:
        """Open and past its due date on *day*: the chain is broken there now."""
        return self.status == "open" and self.due < day

    def broke_chain(self, day: date) -> bool:
        """A broken link of the chain (DOMAIN.md): its date passed with nothing logged,
        whether it is still open on *day* or was acted on only after its date."""
        return self.overdue_on(day) or (self.closed_on is not None and self.closed_on > self.due)


@dataclass(slots=True, unsafe_hash=True)
class InteractionView:
    id: int
    account: str
    date: date
    time: str
    kind: str
    channel: str
    summary: str
    sentiment: int
    contacts: tuple[str, ...]
    levels: tuple[str, ...]
    our_participants: str
    gift: str = ""
    gift_value: int | None = None
    opened: tuple[FollowUpView, ...] = ()
    settled: tuple[FollowUpView, ...] = ()
    carried: tuple[FollowUpView, ...] = ()
    # Who logged it: the login that wrote it on a team server (its triggers); empty in
    # a SQLite file, which has one user.
    logged_by: str = ""


@dataclass(frozen=True)
class CadenceView:
    id: int
    account: str
    title: str
    kinds: tuple[str, ...]
    level: str | None
    mode: str
    ideal_days: int | None
    max_days: int | None
    rrule: str | None
    starts_on: date | None
    tolerance_days: int
    active: bool


@dataclass(frozen=True)
class LogResult:
    """What logging an interaction did to the chain."""

    interaction_id: int
    opened: tuple[int, ...]  # every follow-up it opened: next steps and carried successors
    settled: tuple[int, ...]
    carried: dict[int, int]  # carried follow-up id -> its successor's id


@dataclass(frozen=True)
class DeleteResult:
    """What deleting an interaction did to the chain: nothing silently disappears."""

    interaction_id: int
    reopened: tuple[int, ...]  # settled or carried by it: open again
    removed_successors: tuple[int, ...]  # successors of carries it made, undone
    detached: tuple[int, ...]  # opened by it: kept, with their origin noted


@dataclass(frozen=True)
class ContactLine:
    """A key contact on the account page, with when we last met them."""

    contact: ContactView
    last_met: date | None
    stale: bool  # not met for longer than the account's tier allows


@dataclass(frozen=True)
class OwnerChange:
    """An account handed over: from whom, to whom, why, on which day, by whom."""

    from_owner: str
    to_owner: str
    reason: str
    on: date
    by: str

    def as_json(self) -> dict:
        return {"from": self.from_owner, "to": self.to_owner, "reason": self.reason,
                "on": self.on, "by": self.by}


@dataclass(frozen=True)
class AccountPage:
    """Everything the account page shows, read in one unit of work."""

    account: AccountView
    contacts: tuple[ContactLine, ...]
    open_followups: tuple[FollowUpView, ...]
    chain: tuple[InteractionView, ...]  # newest first
    cadences: tuple[CadenceView, ...]
    today: date
    owner_history: tuple[OwnerChange, ...] = ()  # oldest first (a team server's)
    followups: tuple[FollowUpView, ...] = ()  # every one of the chain, by id

    def broken_links(self) -> list[FollowUpView]:
        """The follow-ups of the chain and the open ones that broke it (see broke_chain)."""
        seen = {f.id: f for i in self.chain for f in i.opened}
        seen.update((f.id, f) for f in self.open_followups)
        return [f for f in seen.values() if f.broke_chain(self.today)]


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "account", "contact" or "interaction"
    id: int
    account: str
    title: str
    detail: str


@dataclass(frozen=True)
class AccountRow:
    """One line of the accounts list: the account and its chain at a glance."""

    account: AccountView
    contacts: int
    last_contact: date | None
    open_followups: int
    overdue_followups: int


@dataclass(frozen=True)
class ChurnView:
    """A loss of an account: when, why, whether it is being won back, and how that ended
    (``won-back`` or ``lost``; None while undecided)."""

    account_id: int
    churned_on: date
    reason: str | None
    pursue: bool
    justification: str
    value: int | None
    cost: int | None
    outcome: str | None = None
    recovered_on: date | None = None
    recovered_value: int | None = None

    def as_json(self) -> dict:
        return {f.name: to_json(getattr(self, f.name)) for f in dataclasses.fields(self)}


@dataclass(frozen=True)
class OrderView:
    id: int
    account_id: int
    ordered_on: date
    amount: int
    note: str


@dataclass(frozen=True)
class ComplaintView:
    id: int
    account: str
    account_id: int
    contact: str | None
    summary: str
    category: str
    severity: str
    received_on: date
    deadline: date
    first_response_on: date | None
    resolved_on: date | None
    root_cause: str
    what_changed: str
    customer_informed: bool

    def state(self, today: date) -> str:
        """resolved, responded, overdue (no response by the deadline) or open."""
        if self.resolved_on and self.resolved_on <= today:
            return "resolved"
        if self.first_response_on and self.first_response_on <= today:
            return "responded"
        return "overdue" if self.deadline < today else "open"

    @property
    def resolution_days(self) -> int | None:
        return (self.resolved_on - self.received_on).days if self.resolved_on else None

    def as_json(self, today: date | None = None) -> dict:
        data = {k: to_json(v) for k, v in self.__dict__.items()}
        data["state"] = self.state(today or clock.today())
        data["resolution_days"] = self.resolution_days
        return data


@dataclass(frozen=True)
class SurveyView:
    id: int
    account_id: int
    contact: str | None
    kind: str
    score: int
    taken_on: date
    comment: str


@dataclass(frozen=True)
class PersonView:
    login: str
    name: str
    role: str
    level: str | None
    team: str
    active: bool


@dataclass(frozen=True)
class HandOverView:
    account: str
    from_owner: str
    to_owner: str
    on: date
    followups_moved: int
    followups_opened: int


@dataclass(frozen=True)
class OurPersonView:
    """One of our people who meet customers."""

    id: int
    name: str
    title: str
    level: str
    login: str | None = None

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "title": self.title, "level": self.level,
                "login": self.login}


def plain(value):
    """*value* as plain JSON, to show (dates as ISO text, keys as text)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    return value


@dataclass(frozen=True)
class EntryView:
    """An entry of a team connection's outbox (services.outbox): a service call written
    offline, waiting to be sent, sent, or in conflict with what the server has."""

    id: int
    uuid: str
    action: str
    arguments: dict
    created_at: datetime
    state: str
    account: str
    conflicts: tuple[dict, ...]
    resolution: str
    waits_for: int | None = None
    description: str = ""  # what it does, in the user's words
    conflict_messages: tuple[str, ...] = ()  # each conflict, said

    def as_json(self) -> dict:
        return {"id": self.id, "uuid": self.uuid, "action": self.action,
                "arguments": plain(self.arguments), "created_at": self.created_at.isoformat(
                    timespec="seconds"), "state": self.state, "account": self.account,
                "description": self.description,
                "conflicts": [dict(c, message=m) for c, m in
                              zip(self.conflicts, self.conflict_messages)],
                "resolution": self.resolution, "waits_for": self.waits_for}
