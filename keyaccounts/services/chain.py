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

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from keyaccounts.domain.errors import ChainConflict, NotFound, ValidationError
from keyaccounts.domain.views import (
    DeleteResult,
    FollowUpView,
    InteractionView,
    LogResult,
    SearchHit,
)
from keyaccounts.i18n import _
from keyaccounts.services.outbox import replayable
from keyaccounts.services.common import (
    STATUS_WORDS,
    _escape_like,
    _text,
    check_fields,
    get_account,
    get_contact,
    get_followup,
    parse_enum,
)
from keyaccounts.services.rows import followup_view, interaction_view
from keyaccounts.storage.db import Database
from keyaccounts.storage.sql import as_text
from keyaccounts.storage.model import (
    Account,
    text_limit,
    Contact,
    FollowUp,
    FollowUpStatus,
    Interaction,
    interaction_contact,
    InteractionKind,
    Setting,
)
from keyaccounts.domain import clock
from keyaccounts.domain.settings import GIFT_LIMIT

# --- the chain ----------------------------------------------------------------------


def _check_sentiment(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not -2 <= value <= 2:
        raise ValidationError("sentiment", value, _("must be a whole number from -2 to 2"))
    return value


def _check_gift_value(s: Session, value) -> int | None:
    """A gift's value: a whole amount, 0 or more, within the gift limit of the settings."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError("gift_value", value, _("must be a whole number, 0 or more"))
    stored = s.get(Setting, GIFT_LIMIT.key)  # the limit set in Settings, for every way of logging
    limit = GIFT_LIMIT.value(stored.value if stored else None)
    if limit is not None and value > limit:
        raise ValidationError("gift_value", value, _(
            "is above the gift limit of {limit} set in Settings").format(limit=limit))
    return value


def _next_steps(steps: Iterable[tuple[str, date] | tuple[str, date, str]], on: date):
    for step in steps:
        text, due, *rest = step
        text = _text(text, "next", required=True)
        if due < on:
            raise ValidationError("next", f"{text}@{due.isoformat()}",
                                  _("due before the interaction's date"))
        yield text, due, (rest[0] if rest else "")


@replayable("log_interaction")
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
    our_people: Sequence[str] = (),
) -> LogResult:
    """Log a contact and move the chain on: settle, carry, and open next steps.

    *our_people* names people of ours (the list of ``people add``) who took part: they
    join the free text *our_participants*, and every name in it that is exactly one of
    our people links the interaction to that person (services.relmap.link_ours)."""
    from keyaccounts.services.relmap import link_ours

    carry = carry or {}
    with db.transaction() as s:
        acc = get_account(s, account)
        kind = parse_enum(InteractionKind, kind, "kind")
        summary = _text(summary, "summary")
        sentiment = _check_sentiment(sentiment)
        our_participants, ours = link_ours(s, _text(
            our_participants, "our_participants",
            limit=text_limit(Interaction.our_participants)), our_people)
        our_participants = _text(our_participants, "our_participants",
                                 limit=text_limit(Interaction.our_participants))
        channel = _text(channel, "channel", limit=text_limit(Interaction.channel))
        gift = _text(gift, "gift", limit=text_limit(Interaction.gift))
        gift_value = _check_gift_value(s, gift_value)
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
                                  gift_value=gift_value, our_people=ours)
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
            from keyaccounts.services.complaints import new_complaint

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
    """Change an interaction's own fields; the chain's links stay as they are. Our
    participants are linked to our people as :func:`log_interaction` links them (*our_people*
    adds people of ours to the free text)."""
    allowed = {"kind", "occurred_at", "summary", "sentiment", "contacts", "our_participants",
               "our_people", "channel"}
    check_fields(fields, allowed)
    with db.transaction() as s:
        i = _get_interaction(s, interaction_id)
        if "kind" in fields:
            i.kind = parse_enum(InteractionKind, fields["kind"], "kind")
        if "summary" in fields:
            i.summary = _text(fields["summary"], "summary")
        if "sentiment" in fields:
            i.sentiment = _check_sentiment(fields["sentiment"])
        if "our_participants" in fields or "our_people" in fields:
            from keyaccounts.services.relmap import link_ours

            ours, people = link_ours(s, _text(
                fields.get("our_participants", i.our_participants), "our_participants",
                limit=text_limit(Interaction.our_participants)), fields.get("our_people", ()))
            i.our_participants = _text(ours, "our_participants",
                                       limit=text_limit(Interaction.our_participants))
            i.our_people = people
        if "channel" in fields:
            i.channel = _text(fields["channel"], "channel",
                              limit=text_limit(Interaction.channel))
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
        return interaction_view(i, with_chain=True)


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


@replayable("carry_followup")
def carry_followup(db: Database, followup_id: int, to: date, *,
                   on: date | None = None) -> FollowUpView:
    """Reschedule a follow-up without logging a contact: carried to a successor."""
    on = on or clock.today()
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
        return followup_view(successor)


@replayable("settle_followup")
def settle_followup(db: Database, followup_id: int, *, on: date | None = None) -> FollowUpView:
    """Mark a follow-up done without logging a contact."""
    with db.transaction() as s:
        f = _open_followup(s, followup_id, "follow-up")
        f.status = FollowUpStatus.SETTLED
        f.closed_on = max(on or clock.today(), f.opened_on)
        s.flush()
        return followup_view(f)


def reopen_followup(db: Database, followup_id: int) -> FollowUpView:
    """Undo :func:`settle_followup`: a follow-up closed without a contact is open again.
    One that an interaction settled is refused (delete or edit that interaction)."""
    with db.transaction() as s:
        f = s.get(FollowUp, followup_id)
        if f is None:
            raise NotFound("follow-up", followup_id, _("no such follow-up"))
        if f.status != FollowUpStatus.SETTLED or f.closed_by_id is not None:
            raise ValidationError("follow-up", followup_id,
                                  _("was not closed without a contact"))
        f.status, f.closed_on = FollowUpStatus.OPEN, None
        s.flush()
        return followup_view(f)


def uncarry_followup(db: Database, successor_id: int) -> FollowUpView:
    """Undo :func:`carry_followup`, given the successor it opened: the successor goes,
    the follow-up it replaced is open again on its old due date. Refused once the
    successor was itself settled or carried."""
    with db.transaction() as s:
        successor = _open_followup(s, successor_id, "follow-up")
        f = successor.carried_from
        if f is None or f.status != FollowUpStatus.CARRIED or f.closed_by_id is not None:
            raise ValidationError("follow-up", successor_id,
                                  _("was not rescheduled without a contact"))
        s.delete(successor)
        s.flush()
        f.status, f.closed_on = FollowUpStatus.OPEN, None
        s.flush()
        return followup_view(f)


@replayable("add_followup")
def add_followup(db: Database, account: str | int, text: str, due: date, *,
                 origin: str = "", owner: str = "", opened_on: date | None = None) -> FollowUpView:
    """A follow-up that no interaction opened (e.g. to build a relationship)."""
    with db.transaction() as s:
        acc = get_account(s, account)
        opened_on = opened_on or clock.today()
        if due < opened_on:
            raise ValidationError("due", due, _("is before the day it is opened"))
        f = FollowUp(account=acc, text=_text(text, "text", required=True), due=due,
                     owner=_text(owner, "owner", limit=100), opened_on=opened_on,
                     origin=_text(origin, "origin"))
        s.add(f)
        s.flush()
        return followup_view(f)


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
        return [followup_view(f) for f in s.scalars(query)]


def value_adds(db: Database, account: str | int | None = None, *,
               period: str | None = None) -> list[InteractionView]:
    """Value-added services (the interactions of that kind), newest first; of one account
    and within one quarter (``2027Q1``) when given."""
    from keyaccounts.domain.dates import parse_period

    with db.session() as s:
        query = (select(Interaction).join(Interaction.account)
                 .where(Interaction.kind == InteractionKind.VALUE_ADD)
                 .options(selectinload(Interaction.contacts))
                 .order_by(Interaction.occurred_at.desc(), Interaction.id.desc()))
        if account is not None:
            query = query.where(Interaction.account_id == get_account(s, account).id)
        if period is not None:
            first, end = parse_period(period)
            query = query.where(Interaction.occurred_at >= datetime.combine(first, time()),
                                Interaction.occurred_at < datetime.combine(end, time()))
        return [interaction_view(i) for i in s.scalars(query)]


def _chain(db: Database, account_id: int, account_name: str
           ) -> tuple[list[InteractionView], list[FollowUpView]]:
    """An account's interactions, newest first, with what each opened, settled, carried;
    and all its follow-ups.

    Plain rows (three queries, no ORM objects), since an account's chain runs to
    thousands of interactions over the years.
    """
    with db.engine.connect() as c:
        rows = c.execute(
            select(Interaction.id, as_text(Interaction.kind), Interaction.channel,
                   Interaction.occurred_at,
                   Interaction.summary, Interaction.sentiment, Interaction.our_participants,
                   Interaction.gift, Interaction.gift_value, Interaction.created_by)
            .where(Interaction.account_id == account_id)
            .order_by(Interaction.occurred_at.desc(), Interaction.id.desc())).all()
        people: dict[int, list[tuple[int, str, str]]] = {}
        for iid, cid, name, level in c.execute(
                select(interaction_contact.c.interaction_id, Contact.id, Contact.name,
                       as_text(Contact.level))
                .select_from(Interaction)
                .join(interaction_contact, interaction_contact.c.interaction_id == Interaction.id)
                .join(Contact, Contact.id == interaction_contact.c.contact_id)
                .where(Interaction.account_id == account_id)).all():
            people.setdefault(iid, []).append((cid, name, level))
        followups = c.execute(
            select(FollowUp.id, FollowUp.text, FollowUp.due, FollowUp.owner,
                   as_text(FollowUp.status),
                   FollowUp.opened_on, FollowUp.opened_by_id, FollowUp.origin,
                   FollowUp.closed_on, FollowUp.closed_by_id, FollowUp.carried_from_id)
            .where(FollowUp.account_id == account_id).order_by(FollowUp.id)).all()
    carried_to = {f[10]: f[0] for f in followups if f[10] is not None}
    opened: dict[int, list[FollowUpView]] = {}
    closed: dict[int, list[FollowUpView]] = {}
    views = []
    for (fid, text, due, owner, status, opened_on, opened_by, origin, closed_on, closed_by,
         carried_from) in followups:
        view = FollowUpView(fid, account_name, text, due, owner, status, opened_on,
                            opened_by, origin, closed_on, closed_by, carried_from,
                            carried_to.get(fid))
        views.append(view)
        if opened_by is not None:
            opened.setdefault(opened_by, []).append(view)
        if closed_by is not None:
            closed.setdefault(closed_by, []).append(view)
    chain = []
    for iid, kind, channel, occurred, summary, sentiment, ours, gift, gift_value, by in rows:
        met = sorted(people.get(iid, ()))
        done = closed.get(iid, ())
        chain.append(InteractionView(
            iid, account_name, occurred.date(), f"{occurred.hour:02d}:{occurred.minute:02d}",
            kind, channel, summary, sentiment, tuple(n for _c, n, _l in met),
            tuple(sorted({level for _c, _n, level in met})), ours, gift, gift_value,
            tuple(opened.get(iid, ())), tuple(f for f in done if f.status == "settled"),
            tuple(f for f in done if f.status == "carried"), by))
    return chain, views


def history(db: Database, account: str | int) -> list[InteractionView]:
    """The account's chain, newest first, with what each interaction opened and closed."""
    with db.session() as s:
        acc = get_account(s, account)
        account_id, name = acc.id, acc.name
    return _chain(db, account_id, name)[0]


def search(db: Database, text: str, limit: int = 20) -> list[SearchHit]:
    """Accounts, contacts and interaction text that contain *text*, whatever the case."""
    text = text.strip()
    if not text:
        return []
    pattern = f"%{_escape_like(text)}%"
    hits: list[SearchHit] = []
    with db.session() as s:
        for a in s.scalars(select(Account).where(Account.name.ilike(pattern, escape="\\"))
                           .order_by(Account.name).limit(limit)):
            hits.append(SearchHit("account", a.id, a.name, a.name, a.industry))
        for c in s.scalars(select(Contact).join(Contact.account)
                           .where(or_(Contact.name.ilike(pattern, escape="\\"),
                                      Contact.title.ilike(pattern, escape="\\")))
                           .order_by(Contact.name).limit(limit)):
            hits.append(SearchHit("contact", c.id, c.account.name, c.name, c.title))
        for i in s.scalars(select(Interaction).join(Interaction.account)
                           .where(Interaction.summary.ilike(pattern, escape="\\"))
                           .order_by(Interaction.occurred_at.desc()).limit(limit)):
            hits.append(SearchHit("interaction", i.id, i.account.name, i.summary,
                                  f"{i.occurred_at.date().isoformat()} {i.kind.value}"))
    return hits
