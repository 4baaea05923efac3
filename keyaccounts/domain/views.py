"""Read-only views of the records, as services hand them to the UI and the CLI.

Plain dataclasses, read-only: nothing here holds a database session, so a view
can cross threads (the UI reads on a worker) and outlive its unit of work. They
are frozen, except the two made by the thousand (FollowUpView,
InteractionView): a frozen dataclass costs seven times as much to make, so
those are slotted and read-only by convention. The Today page's records
(agenda items, alerts) are in :mod:`keyaccounts.domain.today`.  This
module imports neither SQLAlchemy nor the model, so the app can paint its
Today page from a snapshot before the storage layer has loaded.
``as_json`` gives the public JSON shape: snake_case keys, ISO dates.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from typing import TYPE_CHECKING

from keyaccounts.domain.dates import Birthday

if TYPE_CHECKING:  # the views stay importable without SQLAlchemy (a fast start)
    from keyaccounts.storage.model import Account, Cadence, Contact, FollowUp, Interaction


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

    @classmethod
    def of(cls, a: Account) -> AccountView:
        return cls(a.id, a.name, a.tier.value, a.tier_basis.value, a.tier_note, a.industry,
                   a.owner, a.status.value, a.renewal_date, a.annual_revenue, a.notes,
                   a.archived, a.version)


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

    @classmethod
    def of(cls, c: Contact) -> ContactView:
        birthday = None
        if c.birthday_month is not None and c.birthday_day is not None:
            birthday = Birthday(c.birthday_month, c.birthday_day, c.birthday_year,
                                c.birthday_lunar, c.birthday_leap)
        return cls(c.id, c.account.name, c.account_id, c.name, c.title, c.level.value,
                   c.role.value, c.attitude.value, tuple(c.emails or ()), tuple(c.phones or ()),
                   birthday, c.private_notes, c.joined_on, c.left_on,
                   c.reports_to.name if c.reports_to else None, c.archived)

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

    @classmethod
    def of(cls, f: FollowUp) -> FollowUpView:
        return cls(f.id, f.account.name if f.account else "", f.text, f.due, f.owner,
                   f.status.value, f.opened_on, f.opened_by_id, f.origin, f.closed_on,
                   f.closed_by_id, f.carried_from_id,
                   f.carried_to.id if f.carried_to else None)

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

    @classmethod
    def of(cls, i: Interaction, with_chain: bool = False) -> InteractionView:
        opened = settled = carried = ()
        if with_chain:
            opened = tuple(FollowUpView.of(f) for f in sorted(i.opened, key=lambda f: f.id))
            closed = sorted(i.closed, key=lambda f: f.id)
            settled = tuple(FollowUpView.of(f) for f in closed if f.status.value == "settled")
            carried = tuple(FollowUpView.of(f) for f in closed if f.status.value == "carried")
        contacts = sorted(i.contacts, key=lambda c: c.id)
        return cls(i.id, i.account.name, i.occurred_at.date(), i.occurred_at.strftime("%H:%M"),
                   i.kind.value, i.channel, i.summary, i.sentiment,
                   tuple(c.name for c in contacts),
                   tuple(sorted({c.level.value for c in contacts})),
                   i.our_participants, i.gift, i.gift_value, opened, settled, carried,
                   i.created_by or "")


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

    @classmethod
    def of(cls, c: Cadence) -> CadenceView:
        return cls(c.id, c.account.name, c.title, tuple(c.kinds),
                   c.level.value if c.level else None, c.mode.value, c.ideal_days,
                   c.max_days, c.rrule, c.starts_on, c.tolerance_days, c.active)


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
