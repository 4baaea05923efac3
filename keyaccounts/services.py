"""One function per user action; the desktop app and the CLI both call these.

Each action runs in one unit of work (``db.transaction()``) that commits or
rolls back whole.  Bad input raises :class:`ValidationError` naming the field
and the value; nothing is written then.

The contact-history chain (DOMAIN.md §3) and what edits do to it:

* Logging an interaction may *settle* open follow-ups of its account, *carry*
  them to a new due date (the follow-up is closed as carried and a successor
  opened, so every promise keeps its history) and open new next steps.
* Editing an interaction changes its fields; a new date must still come after
  the opening of everything it closed and before the closing of everything it
  opened, otherwise :class:`ChainConflict` is raised and nothing changes.
* Deleting an interaction never deletes a promise: follow-ups it settled are
  open again; a carry it made is undone (the predecessor is open again with its
  own due date) while the successor is still open, and kept otherwise; the
  follow-ups it opened stay, with ``origin`` recording where they came from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from functools import cache

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from keyaccounts.dates import Birthday, stored_date
from keyaccounts.db import Database
from keyaccounts.errors import ChainConflict, NotFound, ValidationError
from keyaccounts.i18n import N_, _
from keyaccounts.model import (
    Account,
    AccountStatus,
    Attitude,
    Cadence,
    CadenceMode,
    Contact,
    FollowUp,
    FollowUpStatus,
    Interaction,
    InteractionKind,
    Level,
    Role,
    Setting,
    Tier,
    TierBasis,
)
from keyaccounts.views import (
    AccountPage,
    AccountRow,
    AccountView,
    ContactLine,
    SearchHit,
    CadenceView,
    ContactView,
    DeleteResult,
    FollowUpView,
    InteractionView,
    LogResult,
)

# Accepted spellings for enum fields, beside the canonical tokens.
ALIASES: dict[type, dict[str, str]] = {
    Level: {"executive": "exec", "management": "mgmt", "operational": "ops",
            "高层": "exec", "中层": "mgmt", "基层": "ops"},
    Role: {"decision_maker": "decision-maker", "decision maker": "decision-maker",
           "决策者": "decision-maker", "影响者": "influencer", "支持者": "champion",
           "使用者": "user", "阻碍者": "blocker"},
    InteractionKind: {"exec_meeting": "exec-meeting", "tech_meeting": "tech-meeting",
                      "value_add": "value-add", "meeting": "exec-meeting"},
    AccountStatus: {"at_risk": "at-risk"},
    TierBasis: {"strategic": "strategic-fit", "strategic_fit": "strategic-fit"},
}
MAX_NAME = 200
ROLE_WORDS = {Role.DECISION_MAKER: N_("decision maker"), Role.INFLUENCER: N_("influencer"),
               Role.CHAMPION: N_("champion"), Role.USER: N_("user"), Role.BLOCKER: N_("blocker")}
STATUS_WORDS = {FollowUpStatus.OPEN: N_("open"), FollowUpStatus.SETTLED: N_("settled"),
                FollowUpStatus.CARRIED: N_("carried")}


@cache
def _members(cls) -> dict[str, object]:
    """*cls*'s members by value (a dict lookup: an import parses thousands of values)."""
    return {m.value: m for m in cls}


def parse_enum(cls, value, field: str):
    """The member of *cls* that *value* names (token, alias or member), else an error."""
    if isinstance(value, cls):
        return value
    text = str(value).strip()
    key = text.lower() if text.isascii() else text
    key = ALIASES.get(cls, {}).get(key, key)
    member = _members(cls).get(key if cls is not Tier else key.upper())
    if member is None:
        choices = ", ".join(m.value for m in cls)
        raise ValidationError(field, value, _("expected one of: {choices}").format(
            choices=choices))
    return member


def _text(value: str | None, field: str, *, required: bool = False, limit: int = 10_000) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field, value, _("must not be empty"))
    if len(text) > limit:
        raise ValidationError(field, text[:20] + "…", _("is longer than {n} characters").format(
            n=limit))
    return text


# --- look-ups -----------------------------------------------------------------------


def get_account(session: Session, ref: str | int, field: str = "account") -> Account:
    """An account by id or by exact name (case-insensitive as a fallback)."""
    if isinstance(ref, int):
        account = session.get(Account, ref)
    else:
        name = str(ref).strip()
        account = session.scalar(select(Account).where(Account.name == name))
        if account is None:
            matches = session.scalars(
                select(Account).where(Account.name.ilike(_escape_like(name), escape="\\"))
            ).all()
            account = matches[0] if len(matches) == 1 else None
    if account is None:
        raise NotFound(field, ref, _("no such account"))
    return account


def get_contact(session: Session, account: Account, ref: str | int,
                field: str = "contact") -> Contact:
    """A contact of *account* by id or by name."""
    text = str(ref).strip()
    if isinstance(ref, int) or text.isdigit():
        contact = session.get(Contact, int(text))
        if contact is not None and contact.account_id != account.id:
            raise ValidationError(field, ref, _("belongs to account {other}, not {account}").format(
                other=contact.account.name, account=account.name))
    else:
        found = session.scalars(
            select(Contact).where(Contact.account_id == account.id, Contact.name == text)
        ).all()
        if len(found) > 1:
            raise ValidationError(field, ref, _("several contacts have this name; use the id"))
        contact = found[0] if found else None
    if contact is None:
        raise NotFound(field, ref, _("no such contact in account {account}").format(
            account=account.name))
    return contact


def get_followup(session: Session, account: Account, ref: int, field: str) -> FollowUp:
    followup = session.get(FollowUp, ref)
    if followup is None:
        raise NotFound(field, ref, _("no such follow-up"))
    if followup.account_id != account.id:
        raise ValidationError(field, ref, _("belongs to account {other}, not {account}").format(
            other=followup.account.name, account=account.name))
    return followup


# --- accounts -----------------------------------------------------------------------

ACCOUNT_FIELDS = ("name", "tier", "tier_basis", "tier_note", "industry", "owner", "status",
                  "renewal_date", "annual_revenue", "notes")


def _apply_account_fields(session: Session, account: Account, fields: dict) -> None:
    unknown = set(fields) - set(ACCOUNT_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], None, _("unknown field"))
    if "name" in fields:
        name = _text(fields["name"], "name", required=True, limit=MAX_NAME)
        clash = session.scalar(select(Account).where(Account.name == name, Account.id != account.id))
        if clash is not None:
            raise ValidationError("name", name, _("an account with this name exists already"))
        account.name = name
    if "tier" in fields:
        account.tier = parse_enum(Tier, fields["tier"], "tier")
    if "tier_basis" in fields:
        account.tier_basis = parse_enum(TierBasis, fields["tier_basis"], "tier_basis")
    if "status" in fields:
        account.status = parse_enum(AccountStatus, fields["status"], "status")
    for key in ("tier_note", "industry", "owner", "notes"):
        if key in fields:
            setattr(account, key, _text(fields[key], key,
                                         limit=100 if key in ("industry", "owner") else 10_000))
    if "renewal_date" in fields:
        value = fields["renewal_date"]
        if value is not None and not isinstance(value, date):
            raise ValidationError("renewal", value, _("expected a date as YYYY-MM-DD"))
        account.renewal_date = value
    if "annual_revenue" in fields:
        value = fields["annual_revenue"]
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ValidationError("annual_revenue", value, _("must be a whole number, 0 or more"))
        account.annual_revenue = value


def add_account(db: Database, name: str, **fields) -> AccountView:
    with db.transaction() as s:
        account = Account(name="", tier=Tier.C, tier_basis=TierBasis.REVENUE,
                          status=AccountStatus.ACTIVE)
        _apply_account_fields(s, account, {"name": name, **fields})
        s.add(account)
        s.flush()
        return AccountView.of(account)


def update_account(db: Database, account_ref: str | int, **fields) -> AccountView:
    with db.transaction() as s:
        account = get_account(s, account_ref)
        _apply_account_fields(s, account, fields)
        s.flush()
        return AccountView.of(account)


def set_account_archived(db: Database, account_ref: str | int, archived: bool) -> AccountView:
    with db.transaction() as s:
        account = get_account(s, account_ref)
        account.archived = archived
        return AccountView.of(account)


ACCOUNT_COLUMNS = ("a.id, a.name, a.tier, a.tier_basis, a.tier_note, a.industry, a.owner,"
                   " a.status, a.renewal_date, a.annual_revenue, a.notes, a.archived")


def _account_view(aid, name, tier, basis, note, industry, owner, status, renewal, revenue,
                  notes, archived) -> AccountView:
    """An AccountView from a row of ACCOUNT_COLUMNS."""
    return AccountView(aid, name, tier, basis, note, industry, owner, status,
                       stored_date(renewal), revenue, notes, bool(archived))


def list_accounts(db: Database, *, include_archived: bool = False) -> list[AccountView]:
    """Accounts by name; plain rows (a quick log lists all of them as it opens)."""
    with db.engine.connect() as c:
        rows = c.connection.driver_connection.execute(
            f"SELECT {ACCOUNT_COLUMNS} FROM account a"
            + ("" if include_archived else " WHERE a.archived = 0") + " ORDER BY a.name"
        ).fetchall()
    return [_account_view(*row) for row in rows]


def account_rows(db: Database, today: date | None = None, *,
                 include_archived: bool = False) -> list[AccountRow]:
    """The accounts list with contact counts, last contact and open/overdue follow-ups.

    Plain rows, no ORM objects: this list is loaded at every start and refresh.
    """
    today = today or date.today()
    with db.engine.connect() as c:
        # One statement; each figure is an index seek per account.
        rows = c.connection.driver_connection.execute(
            f"SELECT {ACCOUNT_COLUMNS},"
            " (SELECT MAX(occurred_at) FROM interaction i WHERE i.account_id = a.id),"
            " (SELECT COUNT(*) FROM contact ct WHERE ct.account_id = a.id"
            "  AND ct.archived = 0 AND ct.left_on IS NULL),"
            " (SELECT COUNT(*) FROM follow_up f WHERE f.account_id = a.id"
            "  AND f.status = 'open'),"
            " (SELECT COUNT(*) FROM follow_up f WHERE f.account_id = a.id"
            "  AND f.status = 'open' AND f.due < ?) FROM account a"
            + ("" if include_archived else " WHERE a.archived = 0") + " ORDER BY a.name",
            (today.isoformat(),)).fetchall()
    return [AccountRow(_account_view(*row[:12]), people, stored_date(last), n, late)
            for *row, last, people, n, late in rows]


# --- contacts -----------------------------------------------------------------------

CONTACT_FIELDS = ("name", "title", "level", "role", "attitude", "emails", "phones", "birthday",
                  "private_notes", "joined_on", "left_on", "reports_to")
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE_RE = re.compile(r"\+?[0-9][0-9 ()\-]{2,30}(?:\s*(?:x|ext\.?|转)\s*\d{1,6})?")


def _apply_contact_fields(s: Session, contact: Contact, account: Account, fields: dict) -> None:
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], None, _("unknown field"))
    if "name" in fields:
        contact.name = _text(fields["name"], "name", required=True, limit=MAX_NAME)
    if "title" in fields:
        contact.title = _text(fields["title"], "title", limit=MAX_NAME)
    if "level" in fields:
        contact.level = parse_enum(Level, fields["level"], "level")
    if "role" in fields:
        contact.role = parse_enum(Role, fields["role"], "role")
    if "attitude" in fields:
        contact.attitude = parse_enum(Attitude, fields["attitude"], "attitude")
    if "emails" in fields:
        emails = [e.strip() for e in fields["emails"] or () if e and e.strip()]
        for e in emails:
            if not EMAIL_RE.fullmatch(e):
                raise ValidationError("email", e, _("not an email address"))
        contact.emails = emails
    if "phones" in fields:
        phones = [p.strip() for p in fields["phones"] or () if p and p.strip()]
        for p in phones:
            if not PHONE_RE.fullmatch(p):
                raise ValidationError("phone", p, _("not a phone number"))
        contact.phones = phones
    if "birthday" in fields:
        b: Birthday | None = fields["birthday"]
        contact.birthday_month = b.month if b else None
        contact.birthday_day = b.day if b else None
        contact.birthday_year = b.year if b else None
        contact.birthday_lunar = bool(b and b.lunar)
        contact.birthday_leap = bool(b and b.leap)
    if "private_notes" in fields:
        contact.private_notes = _text(fields["private_notes"], "private_notes")
    for key in ("joined_on", "left_on"):
        if key in fields:
            value = fields[key]
            if value is not None and not isinstance(value, date):
                raise ValidationError(key, value, _("expected a date as YYYY-MM-DD"))
            setattr(contact, key, value)
    if contact.joined_on and contact.left_on and contact.left_on < contact.joined_on:
        raise ValidationError("left_on", contact.left_on, _("is before the joining date"))
    if "reports_to" in fields:
        ref = fields["reports_to"]
        boss = get_contact(s, account, ref, "reports_to") if ref not in (None, "") else None
        if boss is not None:
            seen, node = set(), boss
            while node is not None and node.id not in seen:
                if node is contact:
                    raise ValidationError("reports_to", ref, _("would make a reporting loop"))
                seen.add(node.id)
                node = node.reports_to
        contact.reports_to = boss


def add_contact(db: Database, account: str | int, name: str, **fields) -> ContactView:
    with db.transaction() as s:
        acc = get_account(s, account)
        contact = Contact(account_id=acc.id, name="", level=Level.OPERATIONAL, role=Role.USER,
                          attitude=Attitude.UNKNOWN, emails=[], phones=[])
        _apply_contact_fields(s, contact, acc, {"name": name, **fields})
        s.add(contact)
        s.flush()
        return ContactView.of(contact)


def update_contact(db: Database, contact_id: int, **fields) -> ContactView:
    with db.transaction() as s:
        contact = s.get(Contact, contact_id)
        if contact is None:
            raise NotFound("contact", contact_id, _("no such contact"))
        _apply_contact_fields(s, contact, contact.account, fields)
        s.flush()
        return ContactView.of(contact)


def list_contacts(db: Database, account: str | int | None = None, *,
                  include_archived: bool = False) -> list[ContactView]:
    with db.session() as s:
        query = (select(Contact).join(Contact.account)
                 .options(selectinload(Contact.reports_to))
                 .order_by(Account.name, Contact.level, Contact.name))
        if account is not None:
            query = query.where(Contact.account_id == get_account(s, account).id)
        if not include_archived:
            query = query.where(Contact.archived.is_(False))
        return [ContactView.of(c) for c in s.scalars(query)]


# --- the chain ----------------------------------------------------------------------


def _check_sentiment(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not -2 <= value <= 2:
        raise ValidationError("sentiment", value, _("must be a whole number from -2 to 2"))
    return value


def _next_steps(steps: Iterable[tuple[str, date] | tuple[str, date, str]], on: date):
    for step in steps:
        text, due, *rest = step
        text = _text(text, "next", required=True)
        if due < on:
            raise ValidationError("next", f"{text}@{due.isoformat()}",
                                  _("due before the interaction's date"))
        yield text, due, (rest[0] if rest else "")


def log_interaction(
    db: Database,
    account: str | int,
    kind: str | InteractionKind,
    occurred_at: datetime,
    summary: str,
    *,
    contacts: Sequence[str | int] = (),
    sentiment: int = 0,
    our_participants: str = "",
    channel: str = "",
    settle: Sequence[int] = (),
    carry: dict[int, date] | None = None,
    next_steps: Sequence[tuple] = (),
    owner: str = "",
    gift: str = "",
    gift_value: int | None = None,
) -> LogResult:
    """Log a contact and move the chain on: settle, carry, and open next steps."""
    carry = carry or {}
    with db.transaction() as s:
        acc = get_account(s, account)
        kind = parse_enum(InteractionKind, kind, "kind")
        summary = _text(summary, "summary")
        sentiment = _check_sentiment(sentiment)
        our_participants = _text(our_participants, "our_participants", limit=1000)
        channel = _text(channel, "channel", limit=50)
        gift = _text(gift, "gift", limit=500)
        if gift_value is not None and (not isinstance(gift_value, int) or gift_value < 0):
            raise ValidationError("gift_value", gift_value, _("must be a whole number, 0 or more"))
        met = {}
        for ref in contacts:
            contact = get_contact(s, acc, ref, "with")
            met[contact.id] = contact
        day = occurred_at.date()

        both = set(settle) & set(carry)
        if both:
            raise ValidationError("settle", min(both), _("cannot be both settled and carried"))
        to_close: list[tuple[FollowUp, date | None]] = []
        for field, ref, new_due in [("settle", r, None) for r in settle] + [
            ("carry", r, d) for r, d in carry.items()
        ]:
            f = get_followup(s, acc, ref, field)
            if f.status != FollowUpStatus.OPEN:
                raise ValidationError(field, ref, _("is already {status}").format(
                    status=_(STATUS_WORDS[f.status])))
            if f.opened_on > day:
                raise ValidationError(field, ref, _("was opened after this interaction's date"))
            if new_due is not None and new_due < day:
                raise ValidationError(field, f"{ref}={new_due.isoformat()}",
                                      _("the new due date is before the interaction's date"))
            to_close.append((f, new_due))

        steps = list(_next_steps(next_steps, day))
        interaction = Interaction(account=acc, kind=kind, occurred_at=occurred_at,
                                  summary=summary, sentiment=sentiment,
                                  our_participants=our_participants, channel=channel,
                                  contacts=list(met.values()), gift=gift,
                                  gift_value=gift_value)
        s.add(interaction)
        s.flush()
        settled, carried = [], {}
        for f, new_due in to_close:
            f.closed_by = interaction
            f.closed_on = day
            if new_due is None:
                f.status = FollowUpStatus.SETTLED
                settled.append(f.id)
            else:
                f.status = FollowUpStatus.CARRIED
                successor = FollowUp(account=acc, text=f.text, due=new_due, owner=f.owner,
                                     opened_on=day, opened_by=interaction, carried_from=f,
                                     origin=f.origin)
                s.add(successor)
                s.flush()
                carried[f.id] = successor.id
        if kind == InteractionKind.COMPLAINT:  # recorded, with its response deadline
            from keyaccounts.complaints import new_complaint

            first = next(iter(met.values()), None)
            new_complaint(s, acc.id, summary, day, contact_id=first.id if first else None,
                          interaction_id=interaction.id)
        opened = []
        for text, due, step_owner in steps:
            f = FollowUp(account=acc, text=text, due=due, owner=step_owner or owner,
                         opened_on=day, opened_by=interaction)
            s.add(f)
            s.flush()
            opened.append(f.id)
        return LogResult(interaction.id, tuple(sorted([*opened, *carried.values()])),
                         tuple(settled), carried)


def _get_interaction(s: Session, interaction_id: int) -> Interaction:
    interaction = s.get(Interaction, interaction_id)
    if interaction is None:
        raise NotFound("interaction", interaction_id, _("no such interaction"))
    return interaction


def edit_interaction(db: Database, interaction_id: int, **fields) -> InteractionView:
    """Change an interaction's own fields; the chain's links stay as they are."""
    allowed = {"kind", "occurred_at", "summary", "sentiment", "contacts", "our_participants",
               "channel"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(sorted(unknown)[0], None, _("unknown field"))
    with db.transaction() as s:
        i = _get_interaction(s, interaction_id)
        if "kind" in fields:
            i.kind = parse_enum(InteractionKind, fields["kind"], "kind")
        if "summary" in fields:
            i.summary = _text(fields["summary"], "summary")
        if "sentiment" in fields:
            i.sentiment = _check_sentiment(fields["sentiment"])
        if "our_participants" in fields:
            i.our_participants = _text(fields["our_participants"], "our_participants", limit=1000)
        if "channel" in fields:
            i.channel = _text(fields["channel"], "channel", limit=50)
        if "contacts" in fields:
            found = {c.id: c for c in (get_contact(s, i.account, r, "with")
                                       for r in fields["contacts"])}
            i.contacts = list(found.values())
        if "occurred_at" in fields:
            new_day = fields["occurred_at"].date()
            for f in i.closed:
                if f.opened_on > new_day:
                    raise ChainConflict(_(
                        "The interaction cannot move to {day}: it closes follow-up {id}, "
                        "which was opened on {opened}.").format(
                            day=new_day, id=f.id, opened=f.opened_on))
            for f in i.opened:
                if f.closed_on is not None and f.closed_on < new_day:
                    raise ChainConflict(_(
                        "The interaction cannot move to {day}: follow-up {id}, which it "
                        "opened, was closed on {closed}.").format(
                            day=new_day, id=f.id, closed=f.closed_on))
                if f.status == FollowUpStatus.OPEN and f.due < new_day:
                    raise ChainConflict(_(
                        "The interaction cannot move to {day}: follow-up {id}, which it "
                        "opened, is due on {due}.").format(day=new_day, id=f.id, due=f.due))
            for f in i.closed:
                f.closed_on = new_day
            for f in i.opened:
                f.opened_on = new_day
            i.occurred_at = fields["occurred_at"]
        s.flush()
        return InteractionView.of(i, with_chain=True)


def _origin_note(i: Interaction) -> str:
    return _("from the deleted {kind} of {day}: {summary}").format(
        kind=i.kind.value, day=i.occurred_at.date().isoformat(), summary=i.summary[:80])


def delete_interaction(db: Database, interaction_id: int) -> DeleteResult:
    """Delete an interaction; its follow-ups are reopened or kept (see module doc)."""
    with db.transaction() as s:
        i = _get_interaction(s, interaction_id)
        origin = _origin_note(i)
        reopened, removed, detached = [], [], []
        for f in list(i.closed):
            successor = f.carried_to
            if f.status == FollowUpStatus.CARRIED and successor is not None and (
                successor.status != FollowUpStatus.OPEN
                or successor.opened_by_id != i.id
            ):
                # The carry is history that later records build on: keep it.
                f.closed_by = None
                f.origin = f.origin or origin
                continue
            if successor is not None:
                removed.append(successor.id)
                successor.carried_from = None
                s.delete(successor)
                s.flush()
            f.status = FollowUpStatus.OPEN
            f.closed_by = None
            f.closed_on = None
            reopened.append(f.id)
        for f in list(i.opened):
            if f.id in removed:
                continue
            f.opened_by = None
            f.origin = f.origin or origin
            detached.append(f.id)
        s.flush()
        s.delete(i)
        return DeleteResult(interaction_id, tuple(sorted(reopened)), tuple(sorted(removed)),
                            tuple(sorted(detached)))


def _open_followup(s: Session, followup_id: int, field: str) -> FollowUp:
    f = s.get(FollowUp, followup_id)
    if f is None:
        raise NotFound(field, followup_id, _("no such follow-up"))
    if f.status != FollowUpStatus.OPEN:
        raise ValidationError(field, followup_id, _("is already {status}").format(
            status=_(STATUS_WORDS[f.status])))
    return f


def carry_followup(db: Database, followup_id: int, to: date, *,
                   on: date | None = None) -> FollowUpView:
    """Reschedule a follow-up without logging a contact: carried to a successor."""
    on = on or date.today()
    with db.transaction() as s:
        f = _open_followup(s, followup_id, "follow-up")
        if to < on:
            raise ValidationError("due", to, _("the new due date is in the past"))
        on = max(on, f.opened_on)
        f.status, f.closed_on = FollowUpStatus.CARRIED, on
        successor = FollowUp(account_id=f.account_id, text=f.text, due=to, owner=f.owner,
                             opened_on=on, carried_from=f, origin=f.origin or _("rescheduled"))
        s.add(successor)
        s.flush()
        return FollowUpView.of(successor)


def settle_followup(db: Database, followup_id: int, *, on: date | None = None) -> FollowUpView:
    """Mark a follow-up done without logging a contact."""
    with db.transaction() as s:
        f = _open_followup(s, followup_id, "follow-up")
        f.status = FollowUpStatus.SETTLED
        f.closed_on = max(on or date.today(), f.opened_on)
        s.flush()
        return FollowUpView.of(f)


def add_followup(db: Database, account: str | int, text: str, due: date, *,
                 origin: str = "", owner: str = "", opened_on: date | None = None) -> FollowUpView:
    """A follow-up that no interaction opened (e.g. to build a relationship)."""
    with db.transaction() as s:
        acc = get_account(s, account)
        opened_on = opened_on or date.today()
        if due < opened_on:
            raise ValidationError("due", due, _("is before the day it is opened"))
        f = FollowUp(account=acc, text=_text(text, "text", required=True), due=due,
                     owner=_text(owner, "owner", limit=100), opened_on=opened_on,
                     origin=_text(origin, "origin"))
        s.add(f)
        s.flush()
        return FollowUpView.of(f)


def list_followups(db: Database, account: str | int | None = None, *,
                   open_only: bool = False) -> list[FollowUpView]:
    with db.session() as s:
        query = (select(FollowUp).join(FollowUp.account)
                 .options(selectinload(FollowUp.carried_to))
                 .order_by(FollowUp.due, FollowUp.id))
        if account is not None:
            query = query.where(FollowUp.account_id == get_account(s, account).id)
        if open_only:
            query = query.where(FollowUp.status == FollowUpStatus.OPEN)
        return [FollowUpView.of(f) for f in s.scalars(query)]


def _chain(db: Database, account_id: int, account_name: str
           ) -> tuple[list[InteractionView], list[FollowUpView]]:
    """An account's interactions, newest first, with what each opened, settled, carried;
    and all its follow-ups.

    Plain rows through the driver (three queries), since an account's chain runs to
    thousands of interactions over the years.
    """
    with db.engine.connect() as c:
        run = c.connection.driver_connection.execute
        rows = run("SELECT id, kind, channel, occurred_at, summary, sentiment,"
                   " our_participants, gift, gift_value FROM interaction WHERE account_id = ?"
                   " ORDER BY occurred_at DESC, id DESC", (account_id,)).fetchall()
        people: dict[int, list[tuple[int, str, str]]] = {}
        for iid, cid, name, level in run(
                "SELECT ic.interaction_id, ct.id, ct.name, ct.level FROM interaction i"
                " JOIN interaction_contact ic ON ic.interaction_id = i.id"
                " JOIN contact ct ON ct.id = ic.contact_id WHERE i.account_id = ?",
                (account_id,)):
            people.setdefault(iid, []).append((cid, name, level))
        followups = run("SELECT id, text, due, owner, status, opened_on, opened_by_id, origin,"
                        " closed_on, closed_by_id, carried_from_id FROM follow_up"
                        " WHERE account_id = ? ORDER BY id", (account_id,)).fetchall()
    carried_to = {f[10]: f[0] for f in followups if f[10] is not None}
    opened: dict[int, list[FollowUpView]] = {}
    closed: dict[int, list[FollowUpView]] = {}
    views = []
    for (fid, text, due, owner, status, opened_on, opened_by, origin, closed_on, closed_by,
         carried_from) in followups:
        view = FollowUpView(fid, account_name, text, stored_date(due), owner, status, stored_date(opened_on),
                            opened_by, origin, stored_date(closed_on), closed_by, carried_from,
                            carried_to.get(fid))
        views.append(view)
        if opened_by is not None:
            opened.setdefault(opened_by, []).append(view)
        if closed_by is not None:
            closed.setdefault(closed_by, []).append(view)
    chain = []
    for iid, kind, channel, occurred, summary, sentiment, ours, gift, gift_value in rows:
        met = sorted(people.get(iid, ()))
        done = closed.get(iid, ())
        chain.append(InteractionView(
            iid, account_name, date.fromisoformat(occurred[:10]), occurred[11:16], kind, channel,
            summary, sentiment, tuple(n for _c, n, _l in met),
            tuple(sorted({level for _c, _n, level in met})), ours, gift, gift_value,
            tuple(opened.get(iid, ())), tuple(f for f in done if f.status == "settled"),
            tuple(f for f in done if f.status == "carried")))
    return chain, views


def history(db: Database, account: str | int) -> list[InteractionView]:
    """The account's chain, newest first, with what each interaction opened and closed."""
    with db.session() as s:
        acc = get_account(s, account)
        account_id, name = acc.id, acc.name
    return _chain(db, account_id, name)[0]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")


def search(db: Database, text: str, limit: int = 20) -> list[SearchHit]:
    """Accounts, contacts and interaction text that contain *text*."""
    text = text.strip()
    if not text:
        return []
    pattern = f"%{_escape_like(text)}%"
    hits: list[SearchHit] = []
    with db.session() as s:
        for a in s.scalars(select(Account).where(Account.name.like(pattern, escape="\\"))
                           .order_by(Account.name).limit(limit)):
            hits.append(SearchHit("account", a.id, a.name, a.name, a.industry))
        for c in s.scalars(select(Contact).join(Contact.account)
                           .where(or_(Contact.name.like(pattern, escape="\\"),
                                      Contact.title.like(pattern, escape="\\")))
                           .order_by(Contact.name).limit(limit)):
            hits.append(SearchHit("contact", c.id, c.account.name, c.name, c.title))
        for i in s.scalars(select(Interaction).join(Interaction.account)
                           .where(Interaction.summary.like(pattern, escape="\\"))
                           .order_by(Interaction.occurred_at.desc()).limit(limit)):
            hits.append(SearchHit("interaction", i.id, i.account.name, i.summary,
                                  f"{i.occurred_at.date().isoformat()} {i.kind.value}"))
    return hits


# Not met for longer than this (days, by tier) marks a key contact on the account page.
STALE_AFTER_DAYS = {Tier.A: 60, Tier.B: 120, Tier.C: 240}


def account_page(db: Database, account: str | int, today: date | None = None) -> AccountPage:
    """The account page: header, key contacts with last met, open follow-ups, the chain."""
    today = today or date.today()
    with db.session() as s:
        acc = get_account(s, account)
        account_view = AccountView.of(acc)
        cadences = tuple(CadenceView.of(c) for c in acc.cadences)
        limit = timedelta(days=STALE_AFTER_DAYS[acc.tier])
        # Plain rows, on the unit of work's connection: a page is opened at every click.
        run = s.connection().connection.driver_connection.execute
        last_met = dict(run(
            "SELECT ic.contact_id, MAX(i.occurred_at) FROM interaction i"
            " JOIN interaction_contact ic ON ic.interaction_id = i.id"
            " WHERE i.account_id = ? GROUP BY ic.contact_id", (acc.id,)).fetchall())
        people = run(
            "SELECT c.id, c.name, c.title, c.level, c.role, c.attitude, c.emails, c.phones,"
            " c.birthday_month, c.birthday_day, c.birthday_year, c.birthday_lunar,"
            " c.birthday_leap, c.private_notes, c.joined_on, c.left_on, boss.name, c.archived"
            " FROM contact c LEFT JOIN contact boss ON boss.id = c.reports_to_id"
            " WHERE c.account_id = ? AND c.archived = 0 ORDER BY c.name", (acc.id,)).fetchall()
    lines = []
    for (cid, name, title, level, role, attitude, emails, phones, month, day, year, lunar,
         leap, notes, joined, left, boss, archived) in people:
        joined, left = stored_date(joined), stored_date(left)
        met_day = stored_date(last_met.get(cid))
        since = met_day or joined
        active = left is None or left > today
        stale = active and (since is None or today - since > limit)
        birthday = (Birthday(month, day, year, bool(lunar), bool(leap))
                    if month is not None and day is not None else None)
        lines.append(ContactLine(ContactView(
            cid, account_view.name, account_view.id, name, title, level, role, attitude,
            tuple(json.loads(emails or "[]")), tuple(json.loads(phones or "[]")), birthday,
            notes, joined, left, boss, bool(archived)), met_day, stale))
    chain, followups = _chain(db, account_view.id, account_view.name)
    # Every open one: opened by an interaction, by an action, or kept from a deleted one.
    open_followups = sorted((f for f in followups if f.status == "open"),
                            key=lambda f: (f.due, f.id))
    return AccountPage(account_view, tuple(lines), tuple(open_followups), tuple(chain),
                       cadences, today)


def set_contact_archived(db: Database, contact_id: int, archived: bool) -> ContactView:
    with db.transaction() as s:
        contact = s.get(Contact, contact_id)
        if contact is None:
            raise NotFound("contact", contact_id, _("no such contact"))
        contact.archived = archived
        return ContactView.of(contact)


# A new decision maker needs a relationship within weeks (DOMAIN.md §10).
NEW_RELATIONSHIP_DAYS = 30


def mark_contact_left(db: Database, contact_id: int, left_on: date, *,
                      successor: int | None = None, owner: str = "") -> FollowUpView:
    """Record that a key contact left; open a follow-up to build the new relationship.

    *successor* is the contact who takes the role, if known.  The follow-up is
    due :data:`NEW_RELATIONSHIP_DAYS` after the departure.
    """
    with db.transaction() as s:
        contact = s.get(Contact, contact_id)
        if contact is None:
            raise NotFound("contact", contact_id, _("no such contact"))
        if contact.joined_on and left_on < contact.joined_on:
            raise ValidationError("left_on", left_on, _("is before the joining date"))
        if contact.left_on is not None:
            raise ValidationError("contact", contact.name, _("has already left"))
        contact.left_on = left_on
        if successor is not None:
            heir = get_contact(s, contact.account, successor, "successor")
            if heir.id == contact.id:
                raise ValidationError("successor", heir.name, _("is the contact who left"))
            text = _("Build a relationship with {name} ({title}), who takes over from {old}"
                     ).format(name=heir.name, title=heir.title or _(ROLE_WORDS[heir.role]),
                              old=contact.name)
        else:
            text = _("Find out who takes over from {old} ({title}) and meet them").format(
                old=contact.name, title=contact.title or _(ROLE_WORDS[contact.role]))
        f = FollowUp(account_id=contact.account_id, text=text,
                     due=left_on + timedelta(days=NEW_RELATIONSHIP_DAYS), owner=owner,
                     opened_on=left_on,
                     origin=_("{name} left on {day}").format(name=contact.name,
                                                             day=left_on.isoformat()))
        s.add(f)
        s.flush()
        return FollowUpView.of(f)


def undo_contact_left(db: Database, contact_id: int, followup_id: int) -> None:
    """Take back :func:`mark_contact_left`: the contact is current again, its follow-up gone."""
    with db.transaction() as s:
        contact = s.get(Contact, contact_id)
        f = s.get(FollowUp, followup_id)
        if contact is None or f is None:
            raise NotFound("contact", contact_id, _("no such contact"))
        if f.status != FollowUpStatus.OPEN:
            raise ChainConflict(_("The follow-up {id} has been acted on since; "
                                  "it stays.").format(id=f.id))
        contact.left_on = None
        s.delete(f)


def suggest_next_contact(db: Database, account: str | int, kind: str, on: date) -> date | None:
    """When the next contact of this kind is due by the account's cadences."""
    from dateutil.rrule import rrulestr

    kind = parse_enum(InteractionKind, kind, "kind").value
    best = None
    with db.session() as s:
        acc = get_account(s, account)
        for c in acc.cadences:
            if not c.active or kind not in c.kinds:
                continue
            if c.mode == CadenceMode.INTERVAL:
                candidate = on + timedelta(days=c.ideal_days)
            else:
                rule = rrulestr(c.rrule, dtstart=datetime.combine(c.starts_on, datetime.min.time()))
                nxt = rule.after(datetime.combine(on, datetime.min.time()) + timedelta(
                    days=c.tolerance_days))
                candidate = nxt.date() if nxt else None
            if candidate and (best is None or candidate < best):
                best = candidate
    return best


# --- cadences -----------------------------------------------------------------------


def add_cadence(
    db: Database,
    account: str | int,
    kinds: Sequence[str],
    *,
    title: str = "",
    level: str | None = None,
    ideal_days: int | None = None,
    max_days: int | None = None,
    rrule: str | None = None,
    starts_on: date | None = None,
    tolerance_days: int = 7,
) -> CadenceView:
    """A keep-in-touch interval (ideal/max days) or a fixed RFC 5545 schedule."""
    fields = _cadence_fields(kinds, title, level, ideal_days, max_days, rrule, starts_on,
                             tolerance_days)
    with db.transaction() as s:
        acc = get_account(s, account)
        cadence = Cadence(account=acc, **fields)
        s.add(cadence)
        s.flush()
        return CadenceView.of(cadence)


def _cadence_fields(kinds, title, level, ideal_days, max_days, rrule, starts_on,
                    tolerance_days) -> dict:
    kinds = [parse_enum(InteractionKind, k, "kinds").value for k in kinds]
    if not kinds:
        raise ValidationError("kinds", "", _("name at least one kind of contact"))
    if (rrule is None) == (ideal_days is None):
        raise ValidationError("cadence", None,
                              _("give either an interval (ideal and maximum days) or a rule"))
    if rrule is not None:
        if starts_on is None:
            raise ValidationError("starts_on", None, _("a schedule needs a start date"))
        from dateutil.rrule import rrulestr

        try:
            rrulestr(rrule, dtstart=datetime.combine(starts_on, datetime.min.time()))
        except (ValueError, TypeError) as exc:
            raise ValidationError("rrule", rrule, _("not a valid RFC 5545 rule ({reason})").format(
                reason=exc)) from None
        mode = CadenceMode.SCHEDULE
        ideal_days = max_days = None
    else:
        mode = CadenceMode.INTERVAL
        max_days = ideal_days if max_days is None else max_days
        if ideal_days <= 0 or max_days < ideal_days:
            raise ValidationError("max_days", max_days, _("need 0 < ideal days <= maximum days"))
        starts_on = None
    if tolerance_days < 0:
        raise ValidationError("tolerance_days", tolerance_days, _("must be 0 or more"))
    return dict(title=_text(title, "title", limit=MAX_NAME), kinds=kinds,
                level=parse_enum(Level, level, "level") if level else None, mode=mode,
                ideal_days=ideal_days, max_days=max_days, rrule=rrule, starts_on=starts_on,
                tolerance_days=tolerance_days)


def update_cadence(db: Database, cadence_id: int, kinds: Sequence[str], *, title: str = "",
                   level: str | None = None, ideal_days: int | None = None,
                   max_days: int | None = None, rrule: str | None = None,
                   starts_on: date | None = None, tolerance_days: int = 7) -> CadenceView:
    fields = _cadence_fields(kinds, title, level, ideal_days, max_days, rrule, starts_on,
                             tolerance_days)
    with db.transaction() as s:
        cadence = s.get(Cadence, cadence_id)
        if cadence is None:
            raise NotFound("cadence", cadence_id, _("no such cadence"))
        for key, value in fields.items():
            setattr(cadence, key, value)
        s.flush()
        return CadenceView.of(cadence)


def remove_cadence(db: Database, cadence_id: int) -> None:
    """Stop a cadence; it stays in the database, inactive, so history can explain itself."""
    with db.transaction() as s:
        cadence = s.get(Cadence, cadence_id)
        if cadence is None:
            raise NotFound("cadence", cadence_id, _("no such cadence"))
        cadence.active = False


def list_cadences(db: Database, account: str | int | None = None) -> list[CadenceView]:
    """Active cadences (an account without any follows its tier's defaults)."""
    with db.session() as s:
        query = (select(Cadence).join(Cadence.account).where(Cadence.active.is_(True))
                 .order_by(Account.name, Cadence.id))
        if account is not None:
            query = query.where(Cadence.account_id == get_account(s, account).id)
        return [CadenceView.of(c) for c in s.scalars(query)]


# --- settings -----------------------------------------------------------------------


def get_setting(db: Database, key: str, default=None):
    with db.session() as s:
        row = s.get(Setting, key)
        return default if row is None else row.value


def set_setting(db: Database, key: str, value) -> None:
    with db.transaction() as s:
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=value))
        else:
            row.value = value
