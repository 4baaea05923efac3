"""Risk alerts, like a customer-success platform's calls to action.

Each alert names an account, a kind, a cause and the day the condition began
(``since``); it comes with a suggested action that becomes a follow-up in one
click. Acting on an alert or dismissing it (a reason is required and kept)
settles that alert for good; a new cause or a new start raises a new one.

Kinds: ``complaint-overdue`` (a complaint past its response deadline, unanswered),
``executive-gap`` (executive contact beyond its cadence),
``key-person`` (a decision maker left, or a new one arrived, and no relationship
within 30 days), ``broken-chain`` (a follow-up past its date with nothing
logged), ``sentiment-falling`` (the last three interactions each worse than the
one before), ``renewal-risk`` (renewal within 90 days while health is amber or
red), ``no-value-add`` (no value-added service in six months: comfort-zone
decline), ``segment-falling`` (a tier-A account's RFM segment two steps or more lower
than a quarter before; health does not count it — raised once per quarter and fall),
``new-owner`` (the account changed owner and, 30 days on, key contacts are not yet met
by the new owner: keyaccounts.domain.handover; health does not count it),
``coverage-gap`` (a gap of the relationship map, once our people are listed: a decision
maker not met by our executive level within the tier's window, every decision maker met
by one person of ours, a key account with no champion, a departed decision maker or
champion with no successor recorded; services.relmap).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from keyaccounts.services import health as hl
from keyaccounts.storage.db import Database
from keyaccounts.domain.errors import NotFound, ValidationError
from keyaccounts.i18n import _
from keyaccounts.perf import bulk
from keyaccounts.storage.model import AlertState, Complaint
from keyaccounts.domain.today import Alert
from keyaccounts.domain import clock

ALERT_KINDS = ("complaint-overdue", "executive-gap", "key-person", "broken-chain",
               "sentiment-falling", "renewal-risk", "no-value-add", "segment-falling",
               "new-owner", "coverage-gap")
ACTION_DAYS = 7


def _detect(f: hl.Facts, h: hl.Health, as_of: date) -> list[Alert]:
    out = []

    def add(kind, cause, since, reason, action):
        out.append(Alert(f.name, f.account_id, kind, str(cause), since, reason, action))

    good, _bad = hl.TIER_EXECUTIVE[f.tier]
    if f.first_contact is not None:
        start = f.last_exec or f.first_contact
        if (as_of - start).days > good:
            reason = (_("no executive-level contact for {days} days (tier {tier}: {good})")
                      .format(days=(as_of - start).days, tier=f.tier, good=good))
            add("executive-gap", "exec", start + timedelta(days=good), reason,
                _("Arrange an executive meeting: our senior leader with theirs"))
    for kind, name, since in f.people_gaps:
        reason = (_("decision maker {name} left and no successor was met within 30 days")
                  if kind == "left" else
                  _("new decision maker {name} not met within 30 days of joining"))
        add("key-person", name, since, reason.format(name=name),
            _("Meet {name}'s successor and build the relationship").format(name=name)
            if kind == "left" else
            _("Meet {name}, the new decision maker").format(name=name))
    if f.overdue:
        add("broken-chain", "chain", f.oldest_overdue, _(
            "{n} follow-ups past due with nothing logged, the oldest due {day}").format(
                n=f.overdue, day=f.oldest_overdue.isoformat()),
            _("Settle or carry the overdue follow-ups and tell the customer"))
    s = f.sentiments
    if len(s) >= 3 and s[0] < s[1] < s[2]:
        add("sentiment-falling", f.sentiment_days[2].isoformat(), f.sentiment_days[0],
            _("sentiment fell over the last three interactions ({a:+d}, {b:+d}, {c:+d})").format(
                a=s[2], b=s[1], c=s[0]),
            _("Call the main contact: ask what is going wrong"))
    if f.renewal and 0 <= (f.renewal - as_of).days <= 90 and h.band != "green":
        add("renewal-risk", f.renewal.isoformat(), f.renewal - timedelta(days=90), _(
            "renewal on {day} while health is {band} ({score})").format(
                day=f.renewal.isoformat(), band=_(h.band), score=h.score),
            _("Plan the renewal with the decision maker; address what lowers the health"))
    if f.first_contact is not None:
        last = f.last_value_add_ever or f.first_contact
        if (as_of - last).days > 180:
            add("no-value-add", "value", last + timedelta(days=180),
                _("no value-added service in six months (comfort-zone decline)"),
                _("Bring something new: an insight, a proposal or an introduction"))
    return out


def alerts(db: Database, as_of: date | None = None, *, include_handled: bool = False
           ) -> list[Alert]:
    as_of = as_of or clock.today()
    return health_and_alerts(db, as_of, include_handled=include_handled)[1]


@bulk
def health_and_alerts(db: Database, as_of: date, *, include_handled: bool = False
                      ) -> tuple[list[hl.Health], list[Alert]]:
    """Every account's health and the open alerts, from one gathering of the facts."""
    _facts, scores, found = assess(db, as_of, include_handled=include_handled)
    return scores, found


@bulk
def assess(db: Database, as_of: date, *, include_handled: bool = False,
           accounts: Collection[int] | None = None, segments: bool = True
           ) -> tuple[dict[int, hl.Facts], list[hl.Health], list[Alert]]:
    """The facts behind :func:`health_and_alerts`, with its health and alerts: of every
    account, or of *accounts*; without *segments*, no ``segment-falling`` alerts (the
    only ones relative to the whole portfolio: :func:`segment_alerts`)."""
    weights, bands = hl.settings(db)
    found, scores = [], []
    facts = hl.gather_facts(db, as_of, accounts=accounts)
    for f in facts.values():
        h = hl.score_facts(f, as_of, weights, bands)
        scores.append(h)
        found.extend(_detect(f, h, as_of))
    for cid, aid, deadline, summary in late_complaints(db, as_of):
        if aid in facts:
            found.append(Alert(facts[aid].name, aid, "complaint-overdue", str(cid),
                               deadline, _(
                                   "a complaint passed its response deadline unanswered: "
                                   "{summary}").format(summary=summary[:80]),
                               _("Answer the customer today, senior person, with a date "
                                 "for the fix")))
    if segments:
        found.extend(segment_alerts(db, as_of, facts))
    found.extend(_new_owner_alerts(db, as_of, facts))
    found.extend(_coverage_alerts(db, as_of, facts))
    if not include_handled:
        found = unhandled(db, found)
    return facts, sorted(scores, key=lambda h: h.account), ordered(found)


def unhandled(db: Database, found: list[Alert]) -> list[Alert]:
    """*found* but the alerts acted on or dismissed."""
    with db.session() as s:
        handled = {(a.account_id, a.kind, a.cause, a.since)
                   for a in s.scalars(select(AlertState))}
    return [a for a in found if (a.account_id, a.kind, a.cause, a.since) not in handled]


def ordered(found: list[Alert]) -> list[Alert]:
    """Alerts in the order they are shown: by kind, start and account (to the alert's
    identity: the same order however they were gathered)."""
    return sorted(found, key=lambda a: (ALERT_KINDS.index(a.kind), a.since, a.account,
                                        a.account_id, a.cause))


def late_complaints(db: Database, as_of: date) -> list[tuple[int, int, date, str]]:
    """Complaints past their response deadline on *as_of*, unanswered and unresolved:
    (id, account id, deadline, summary), oldest deadline first."""
    with db.engine.connect() as c:
        return [tuple(row) for row in c.execute(
            select(Complaint.id, Complaint.account_id, Complaint.deadline, Complaint.summary)
            .where(Complaint.deadline < as_of, Complaint.received_on <= as_of,
                   Complaint.first_response_on.is_(None) | (Complaint.first_response_on > as_of),
                   Complaint.resolved_on.is_(None) | (Complaint.resolved_on > as_of))
            .order_by(Complaint.deadline, Complaint.id))]


def segment_alerts(db: Database, as_of: date, facts: Collection[int]) -> list[Alert]:
    """Tier-A accounts of *facts* (ids) whose customer-value segment fell: relative to
    the whole portfolio (its quantiles), so computed whole, never per account."""
    from keyaccounts.domain.value import segment_label
    from keyaccounts.services.value import segment_falls

    from keyaccounts.domain.dates import quarter_start

    quarter = quarter_start(as_of)
    return [Alert(name, aid, "segment-falling", f"{before}>{after}", quarter, _(
        "customer-value segment fell from {before} to {after} within a quarter").format(
            before=segment_label(before), after=segment_label(after)),
        _("Review the account's orders with its decision maker: what changed?"))
        for aid, name, before, after in segment_falls(db, as_of) if aid in facts]


@dataclass(frozen=True)
class HandOverProgress:
    """An account's latest hand-over (to the owner it has now) and the key contacts the
    new owner has not met since; ``due``: a month after it."""

    account_id: int
    account: str
    from_owner: str
    to_owner: str
    on: date
    due: date
    unmet: tuple[str, ...]
    late: bool  # the month has passed: the ``new-owner`` alert

    def as_json(self) -> dict:
        return {"account": self.account, "from": self.from_owner, "to": self.to_owner,
                "on": self.on.isoformat(), "due": self.due.isoformat(),
                "unmet": list(self.unmet), "late": self.late}


def hand_overs_in_progress(db: Database, as_of: date, names: dict[int, str]
                           ) -> list[HandOverProgress]:
    """Of the accounts *names* (id to name), those handed over on or before *as_of*
    whose new owner has key contacts (executives, decision makers) still to meet."""
    from sqlalchemy import func

    from keyaccounts.domain.handover import KEY_CONTACT_DAYS, not_yet_met, unmet_key_contacts
    from keyaccounts.storage.model import (
        Account,
        Contact,
        Interaction,
        Level,
        OwnerHistory,
        Role,
        interaction_contact,
    )

    handed: dict[int, tuple[str, str, date]] = {}
    with db.engine.connect() as c:
        for aid, from_owner, to_owner, on, owner in c.execute(
                select(OwnerHistory.account_id, OwnerHistory.from_owner, OwnerHistory.to_owner,
                       OwnerHistory.on_date, Account.owner)
                .join(Account, Account.id == OwnerHistory.account_id)
                .where(OwnerHistory.on_date <= as_of)
                .order_by(OwnerHistory.account_id, OwnerHistory.on_date, OwnerHistory.id)):
            handed[aid] = (from_owner, to_owner, on, owner)  # the latest wins
        handed = {aid: h[:3] for aid, h in handed.items() if aid in names and h[3] == h[1]}
        if not handed:
            return []
        ids = select(OwnerHistory.account_id).distinct().scalar_subquery()
        key: dict[int, dict[int, str]] = {}
        for cid, aid, name in c.execute(
                select(Contact.id, Contact.account_id, Contact.name)
                .where(Contact.account_id.in_(ids), ~Contact.archived,
                       (Contact.level == Level.EXECUTIVE) | (Contact.role == Role.DECISION_MAKER),
                       Contact.joined_on.is_(None) | (Contact.joined_on <= as_of),
                       Contact.left_on.is_(None) | (Contact.left_on > as_of))):
            key.setdefault(aid, {})[cid] = name
        first = min(on for *_owners, on in handed.values())
        met: dict[int, dict[int, list[date]]] = {}
        for cid, aid, by, occurred in c.execute(
                select(interaction_contact.c.contact_id, Interaction.account_id,
                       Interaction.created_by, Interaction.occurred_at)
                .join(interaction_contact, interaction_contact.c.interaction_id == Interaction.id)
                .where(Interaction.account_id.in_(ids),
                       func.coalesce(Interaction.created_by, "") != "",
                       Interaction.occurred_at >= first)):
            if aid in handed and by == handed[aid][1]:
                met.setdefault(aid, {}).setdefault(cid, []).append(occurred.date())
    out = []
    for aid, (from_owner, to_owner, on) in sorted(handed.items(), key=lambda x: names[x[0]]):
        unmet = not_yet_met(on, key.get(aid, {}), met.get(aid, {}), as_of)
        if unmet:
            late = unmet_key_contacts(on, key.get(aid, {}), met.get(aid, {}), as_of)
            out.append(HandOverProgress(aid, names[aid], from_owner, to_owner, on,
                                        on + timedelta(days=KEY_CONTACT_DAYS), tuple(unmet),
                                        late is not None))
    return out


def _new_owner_alerts(db: Database, as_of: date, facts: dict) -> list[Alert]:
    """Accounts handed over whose key contacts the new owner has not met within a month
    (keyaccounts.domain.handover)."""
    from keyaccounts.domain.formats import listed

    out = []
    for h in hand_overs_in_progress(db, as_of, {aid: f.name for aid, f in facts.items()}):
        if not h.late:
            continue
        names = listed(h.unmet)
        out.append(Alert(h.account, h.account_id, "new-owner", h.to_owner, h.due, _(
            "owner changed to {owner} on {day}; key contacts not yet met by the new owner "
            "within 30 days: {names}").format(owner=h.to_owner, day=h.on.isoformat(),
                                                names=names),
            _("Meet {names} as the new owner").format(names=names)))
    return out


def _coverage_alerts(db: Database, as_of: date, facts: dict) -> list[Alert]:
    from keyaccounts.services.relmap import maps

    return [Alert(m.account, aid, "coverage-gap", f"{g.kind}:{g.contact or ''}", g.since,
                  g.reason, g.suggested_action)
            for aid, m in maps(db, as_of, list(facts)).items() for g in m.gaps]


def _record(db: Database, alert: Alert, on: date, reason: str, followup_id=None) -> None:
    with db.transaction() as s:
        state = s.get(AlertState, (alert.account_id, alert.kind, alert.cause, alert.since))
        if state is not None:
            raise ValidationError("alert", alert.kind, _("has been handled already"))
        s.add(AlertState(account_id=alert.account_id, kind=alert.kind, cause=alert.cause,
                         since=alert.since, handled_on=on, reason=reason,
                         followup_id=followup_id))


def act_on(db: Database, alert: Alert, on: date | None = None):
    """Create the suggested follow-up (due in a week) and settle the alert."""
    from keyaccounts.services.chain import add_followup

    on = on or clock.today()
    f = add_followup(db, alert.account_id, alert.suggested_action,
                     on + timedelta(days=ACTION_DAYS), origin=alert.reason, opened_on=on)
    _record(db, alert, on, _("follow-up {id} created").format(id=f.id), f.id)
    return f


def dismiss(db: Database, alert: Alert, reason: str, on: date | None = None) -> None:
    """Dismiss an alert; the reason is required and kept."""
    if not (reason or "").strip():
        raise ValidationError("reason", reason, _("say why the alert is dismissed"))
    _record(db, alert, on or clock.today(), reason.strip())


def find(db: Database, alert_id: str, as_of: date) -> Alert:
    """The open alert on *as_of* with this id (``Alert.id``, as ``alerts --json`` gives it)."""
    wanted = str(alert_id).strip().lower()
    for alert in alerts(db, as_of):
        if alert.id == wanted:
            return alert
    raise NotFound("alert", alert_id, _("no such open alert"))
