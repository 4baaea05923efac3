"""Relationship health: a 0–100 score that every point of can be explained.

The score of an account *as of a date* is the sum of its components' points;
each component has a maximum (its weight) and a reason in plain words. Only
records dated on or before that date count (no look-ahead), so adding a later
interaction never changes an earlier score and the trend can be drawn.

Facts are gathered with a few grouped SQL queries for any set of accounts and
one date (:func:`gather_facts`); scoring is pure Python (:func:`score_facts`).

Components and default weights (adjustable in the ``health.weights`` setting):

=============  ===  ===========================================================
recency         20  last contact against the account's keep-in-touch cadence
executive       15  last executive-level contact (高层对接高层) against the tier; once
                    the account records who of ours took part, the last one met by
                    our executives (issue 20's level matching)
breadth         10  key contacts engaged in 90 days; decision makers covered
sentiment       10  average of the last interactions, and whether it falls
chain           15  follow-ups past due with nothing logged (broken links)
complaints      10  open complaints, and those past their response deadline
satisfaction     5  the latest NPS and CSAT of the last year (neutral without)
key_people       5  decision makers who changed without a new relationship
commercial       5  orders of the last year against the year before (falling 30 %: none)
value            5  value-added service delivered in the last six months
=============  ===  ===========================================================

Bands: green >= 70, amber 40–69, red < 40 (``health.bands``).
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from keyaccounts.storage.db import Database
from keyaccounts.i18n import N_, _
from keyaccounts.perf import bulk
from keyaccounts.domain import clock
from keyaccounts.domain.formats import relative_day
from keyaccounts.domain.settings import HEALTH_BANDS, HEALTH_WEIGHTS
from keyaccounts.domain.tiers import NEW_RELATIONSHIP_DAYS, TIER_RHYTHMS

DEFAULT_WEIGHTS = HEALTH_WEIGHTS.default
DEFAULT_BANDS = HEALTH_BANDS.default
WEIGHTS_SETTING, BANDS_SETTING = HEALTH_WEIGHTS.key, HEALTH_BANDS.key
BAND_WORDS = {"green": N_("green"), "amber": N_("amber"), "red": N_("red")}
COMPONENT_NAMES = {
    "recency": N_("Contact recency"), "executive": N_("Executive coverage"),
    "breadth": N_("Breadth of contacts"), "sentiment": N_("Sentiment"),
    "chain": N_("Contact-history chain"), "complaints": N_("Complaints"),
    "satisfaction": N_("Satisfaction"), "key_people": N_("Key-people changes"),
    "commercial": N_("Commercial trend"), "value": N_("Value delivered"),
}
# Keep-in-touch defaults by tier (ideal, maximum days) when an account has no interval
# cadence; executive contact (good within, none after) by tier.
TIER_INTERVAL = {t: (r.ideal_days, r.max_days) for t, r in TIER_RHYTHMS.items()}
TIER_EXECUTIVE = {t: (r.executive_good, r.executive_bad) for t, r in TIER_RHYTHMS.items()}
ENGAGED_DAYS, VALUE_DAYS, KEY_PEOPLE_DAYS = 90, 180, 180


@dataclass
class Facts:
    """What the record says about one account on one date."""

    account_id: int
    name: str
    tier: str
    renewal: date | None
    last_contact: date | None = None
    last_exec: date | None = None
    # Whether the account's interactions record our people (services.relmap), and the
    # last executive-level contact at which one of our executives took part.
    records_ours: bool = False
    last_exec_ours: date | None = None
    interval: tuple[int, int] = (90, 120)
    active_contacts: int = 0
    active_decision_makers: int = 0
    engaged: int = 0
    engaged_decision_makers: int = 0
    sentiments: list[int] = field(default_factory=list)  # newest first
    sentiment_days: list[date] = field(default_factory=list)
    overdue: int = 0
    oldest_overdue: date | None = None
    complaints: int = 0  # open (unresolved) complaints
    complaints_overdue: int = 0  # of them, past the response deadline with no response
    oldest_complaint: date | None = None
    value_adds: int = 0
    last_value_add: date | None = None
    last_value_add_ever: date | None = None
    first_contact: date | None = None
    people_gaps: list[tuple[str, str, date]] = field(default_factory=list)  # kind, name, since
    surveys: dict[str, tuple[int, date]] = field(default_factory=dict)  # kind -> latest
    revenue: tuple[int, int] | None = None  # orders in the last year, in the year before


@dataclass(frozen=True)
class Component:
    name: str
    points: float
    max: float
    reason: str

    def as_json(self) -> dict:
        return {"name": self.name, "points": self.points, "max": self.max,
                "reason": self.reason}


@dataclass(frozen=True)
class Health:
    account: str
    account_id: int
    as_of: date
    score: int
    band: str
    components: tuple[Component, ...]

    def as_json(self) -> dict:
        return {"account": self.account, "as_of": self.as_of.isoformat(), "score": self.score,
                "band": self.band, "components": [c.as_json() for c in self.components]}


# --- facts ----------------------------------------------------------------------------


@functools.cache
def _fact_queries(one: bool, some: bool = False) -> dict:
    """The statements that gather the facts, of every account, or (*one*) of the
    ``account`` parameter's, or (*some*) of the ``accounts`` parameter's (a list); built
    once, since a trend runs them a hundred times."""
    from sqlalchemy import Date, bindparam, case, exists, func, literal_column, select, true

    from keyaccounts.storage.model import (
        Account,
        Cadence,
        CadenceMode,
        Complaint,
        Contact,
        FollowUp,
        Interaction,
        InteractionKind,
        Level,
        Order,
        Role,
        OurPerson,
        Survey,
        interaction_contact,
        interaction_our_person,
    )

    end, d = bindparam("end", type_=Interaction.occurred_at.type), bindparam("d", type_=Date())

    def only(query, column):
        if some:
            return query.where(column.in_(bindparam("accounts", expanding=True)))
        return query.where(column == bindparam("account")) if one else query

    def count_if(condition):
        return func.count(case((condition, 1)))

    q = {}
    q["accounts"] = only(select(Account.id, Account.name, Account.tier, Account.renewal_date)
                         .where(~Account.archived), Account.id)
    q["cadences"] = only(
        select(Cadence.account_id, func.min(Cadence.ideal_days), func.min(Cadence.max_days))
        .where(Cadence.active, Cadence.mode == CadenceMode.INTERVAL),
        Cadence.account_id).group_by(Cadence.account_id)
    # Per account, each an index probe (account, time) rather than a pass over every
    # interaction: the first and last contact, the last value-add, and the last
    # executive-level contact — an executive meeting or any interaction with an
    # executive, found walking back from the newest.
    before_end = (Interaction.account_id == Account.id) & (Interaction.occurred_at < end)
    met_exec = exists().where(interaction_contact.c.interaction_id == Interaction.id,
                              Contact.id == interaction_contact.c.contact_id,
                              Contact.level == Level.EXECUTIVE)
    q["contacted"] = only(select(
        Account.id,
        select(func.min(Interaction.occurred_at)).where(before_end).scalar_subquery(),
        select(func.max(Interaction.occurred_at)).where(before_end).scalar_subquery(),
        select(func.max(Interaction.occurred_at)).where(
            before_end, Interaction.kind == InteractionKind.VALUE_ADD).scalar_subquery(),
        select(Interaction.occurred_at).where(
            before_end, (Interaction.kind == InteractionKind.EXEC_MEETING) | met_exec)
        .order_by(Interaction.occurred_at.desc()).limit(1).scalar_subquery())
        .where(~Account.archived), Account.id)
    # Our side of those contacts: per account recording our people, the last
    # executive-level contact with one of our executives there (None: never).
    q["exec_ours"] = only(
        select(Interaction.account_id, func.max(case(
            ((OurPerson.level == Level.EXECUTIVE)
             & ((Interaction.kind == InteractionKind.EXEC_MEETING) | met_exec),
             Interaction.occurred_at))))
        .join(interaction_our_person, interaction_our_person.c.interaction_id == Interaction.id)
        .join(OurPerson, OurPerson.id == interaction_our_person.c.person_id)
        .where(Interaction.occurred_at < end),
        Interaction.account_id).group_by(Interaction.account_id)
    q["people"] = only(
        select(Contact.account_id, func.count(), count_if(Contact.role == Role.DECISION_MAKER))
        .where(~Contact.archived, Contact.joined_on.is_(None) | (Contact.joined_on <= d),
               Contact.left_on.is_(None) | (Contact.left_on > d)),
        Contact.account_id).group_by(Contact.account_id)
    q["engaged"] = only(
        select(Interaction.account_id, func.count(Contact.id.distinct()),
               func.count(case((Contact.role == Role.DECISION_MAKER, Contact.id)).distinct()))
        .join(interaction_contact, interaction_contact.c.interaction_id == Interaction.id)
        .join(Contact, Contact.id == interaction_contact.c.contact_id)
        .where(Interaction.occurred_at >= bindparam("engaged_from"),
               Interaction.occurred_at < end,
               Contact.left_on.is_(None) | (Contact.left_on > d)),
        Interaction.account_id).group_by(Interaction.account_id)
    # Each account's last six of the year.
    last_six = (select(Interaction.id)
                .where(Interaction.account_id == Account.id,
                       Interaction.occurred_at >= bindparam("year_from"),
                       Interaction.occurred_at < end, Interaction.kind != InteractionKind.CARE)
                .order_by(Interaction.occurred_at.desc(), Interaction.id.desc()).limit(6))
    shown = Interaction.__table__.alias("s")
    q["sentiments"] = only(
        select(Account.id, shown.c.sentiment, shown.c.occurred_at)
        .join(shown, (shown.c.account_id == Account.id) & shown.c.id.in_(last_six))
        .where(~Account.archived), Account.id
    ).order_by(Account.id, shown.c.occurred_at.desc(), shown.c.id.desc())
    # PostgreSQL plans the IN above as a pass over every interaction per account (at
    # 4,000 accounts and 600,000 interactions it never ends): a lateral join there, the
    # same six rows by an index probe per account.
    six = (select(Interaction.sentiment, Interaction.occurred_at, Interaction.id)
           .where(Interaction.account_id == Account.id,
                  Interaction.occurred_at >= bindparam("year_from"),
                  Interaction.occurred_at < end, Interaction.kind != InteractionKind.CARE)
           .order_by(Interaction.occurred_at.desc(), Interaction.id.desc()).limit(6)
           .lateral("six"))
    q["sentiments_lateral"] = only(
        select(Account.id, six.c.sentiment, six.c.occurred_at).select_from(Account)
        .join(six, true()).where(~Account.archived), Account.id
    ).order_by(Account.id, six.c.occurred_at.desc(), six.c.id.desc())
    # For every account, one pass over the table: grouping along the account index
    # (SQLite's choice for the bare column) fetched every row out of order, five times
    # slower.
    by_account = FollowUp.account_id if one else FollowUp.account_id + literal_column("0")
    q["overdue"] = only(
        select(by_account, func.count(), func.min(FollowUp.due))
        .where(FollowUp.opened_on <= d, FollowUp.due < d,
               FollowUp.closed_on.is_(None) | (FollowUp.closed_on > d)),
        FollowUp.account_id).group_by(by_account)
    q["value_adds"] = only(
        select(Interaction.account_id, func.count(), func.max(Interaction.occurred_at))
        .where(Interaction.kind == InteractionKind.VALUE_ADD,
               Interaction.occurred_at >= bindparam("value_from"),
               Interaction.occurred_at < end),
        Interaction.account_id).group_by(Interaction.account_id)
    q["complaints"] = only(
        select(Complaint.account_id, func.count(),
               count_if((Complaint.deadline < d) & (Complaint.first_response_on.is_(None)
                                                    | (Complaint.first_response_on > d))),
               func.min(Complaint.received_on))
        .where(Complaint.received_on <= d,
               Complaint.resolved_on.is_(None) | (Complaint.resolved_on > d)),
        Complaint.account_id).group_by(Complaint.account_id)
    q["surveys"] = only(
        select(Survey.account_id, Survey.kind, Survey.score, Survey.taken_on)
        .where(Survey.taken_on <= d, Survey.taken_on >= bindparam("year_day", type_=Date())),
        Survey.account_id).order_by(Survey.taken_on, Survey.id)
    recent_year = Order.ordered_on > bindparam("one_year", type_=Date())
    q["revenue"] = only(
        select(Order.account_id, func.sum(case((recent_year, Order.amount))),
               func.sum(case((~recent_year, Order.amount))))
        .where(Order.ordered_on <= d, Order.ordered_on > bindparam("two_years", type_=Date())),
        Order.account_id).group_by(Order.account_id)
    # Key people: decision makers who came or left lately, and whom each account met.
    since = bindparam("changed_from", type_=Date())
    q["changes"] = only(
        select(Contact.id, Contact.account_id, Contact.name, Contact.joined_on, Contact.left_on)
        .where(Contact.role == Role.DECISION_MAKER, ~Contact.archived,
               ((Contact.joined_on > since) & (Contact.joined_on <= d))
               | ((Contact.left_on > since) & (Contact.left_on <= d))),
        Contact.account_id)
    q["met"] = only(
        select(interaction_contact.c.contact_id, Interaction.account_id,
               Contact.role == Role.DECISION_MAKER, Interaction.occurred_at)
        .select_from(Interaction)
        .join(interaction_contact, interaction_contact.c.interaction_id == Interaction.id)
        .join(Contact, Contact.id == interaction_contact.c.contact_id)
        .where(Interaction.occurred_at >= bindparam("people_from"),
               Interaction.occurred_at < end),
        Interaction.account_id)
    return q


def gather_facts(db: Database, as_of: date, account_id: int | None = None, *,
                 accounts: Collection[int] | None = None) -> dict[int, Facts]:
    """Facts of the (non-archived) accounts, or of one, or of *accounts*, as of the end
    of *as_of*."""

    def midnight(day: date) -> datetime:
        return datetime.combine(day, datetime.min.time())

    p = {"end": midnight(as_of + timedelta(days=1)), "d": as_of,
         "engaged_from": midnight(as_of - timedelta(days=ENGAGED_DAYS)),
         "value_from": midnight(as_of - timedelta(days=VALUE_DAYS)),
         "people_from": midnight(as_of - timedelta(days=KEY_PEOPLE_DAYS + NEW_RELATIONSHIP_DAYS)),
         "year_from": midnight(as_of - timedelta(days=365)),
         "year_day": as_of - timedelta(days=365),
         "one_year": as_of - timedelta(days=365), "two_years": as_of - timedelta(days=730),
         "changed_from": as_of - timedelta(days=180)}
    if account_id is not None:
        p["account"] = int(account_id)
    if accounts is not None:
        p["accounts"] = sorted(accounts)
        if not p["accounts"]:
            return {}
    q = _fact_queries(account_id is not None, accounts is not None)
    facts: dict[int, Facts] = {}
    with db.engine.connect() as c:
        def run(name: str):
            return c.execute(q[name], p).all()

        for aid, name, tier, renewal in run("accounts"):
            facts[aid] = Facts(aid, name, tier, renewal, interval=TIER_INTERVAL[tier])
        for aid, ideal, maximum in run("cadences"):
            if aid in facts:
                facts[aid].interval = (ideal, maximum)
        for aid, first, last, value_add, last_exec in run("contacted"):
            if aid in facts and last is not None:
                f = facts[aid]
                f.first_contact, f.last_contact = first.date(), last.date()
                f.last_value_add_ever = value_add and value_add.date()
                f.last_exec = last_exec and last_exec.date()
        for aid, last_exec_ours in run("exec_ours"):
            if aid in facts:
                facts[aid].records_ours = True
                facts[aid].last_exec_ours = last_exec_ours and last_exec_ours.date()
        for aid, n, dms in run("people"):
            if aid in facts:
                facts[aid].active_contacts, facts[aid].active_decision_makers = n, dms
        for aid, n, dms in run("engaged"):
            if aid in facts:
                facts[aid].engaged, facts[aid].engaged_decision_makers = n, dms
        for aid, sentiment, occurred in run("sentiments" if c.dialect.name == "sqlite"
                                            else "sentiments_lateral"):
            if aid in facts:
                facts[aid].sentiments.append(sentiment)
                facts[aid].sentiment_days.append(occurred.date())
        for aid, n, oldest in run("overdue"):
            if aid in facts:
                facts[aid].overdue, facts[aid].oldest_overdue = n, oldest
        for aid, n, last in run("value_adds"):
            if aid in facts:
                facts[aid].value_adds, facts[aid].last_value_add = n, last.date()
        for aid, n, late, oldest in run("complaints"):
            if aid in facts:
                facts[aid].complaints, facts[aid].complaints_overdue = n, late
                facts[aid].oldest_complaint = oldest
        for aid, kind, score, taken in run("surveys"):
            if aid in facts:
                facts[aid].surveys[kind] = (score, taken)  # the latest wins
        for aid, recent, earlier in run("revenue"):
            if aid in facts:
                facts[aid].revenue = (int(recent or 0), int(earlier or 0))
        _key_people(run, facts, as_of)
    return facts


def _key_people(run, facts: dict[int, Facts], as_of: date) -> None:
    """New decision makers not met within weeks; departed ones with no successor met."""
    changes = run("changes")
    if not changes:
        return
    met: dict[int, list[date]] = defaultdict(list)
    dm_meetings: dict[int, list[date]] = defaultdict(list)
    for cid, aid, decision_maker, occurred in run("met"):
        met[cid].append(occurred.date())
        if decision_maker:
            dm_meetings[aid].append((cid, occurred.date()))
    for cid, aid, name, joined, left in changes:
        if aid not in facts:
            continue
        if left and left <= as_of:
            since = left + timedelta(days=NEW_RELATIONSHIP_DAYS)
            successor_met = any(day > left for other, day in dm_meetings[aid] if other != cid)
            if since <= as_of and not successor_met:
                facts[aid].people_gaps.append(("left", name, since))
        elif joined and joined <= as_of:
            since = joined + timedelta(days=NEW_RELATIONSHIP_DAYS)
            if since <= as_of and not any(joined <= day for day in met[cid]):
                facts[aid].people_gaps.append(("new", name, since))


# --- scoring --------------------------------------------------------------------------


def _ramp(value: float, good: float, bad: float) -> float:
    """1 up to *good*, falling linearly to 0 at *bad*."""
    if value <= good:
        return 1.0
    if value >= bad:
        return 0.0
    return 1.0 - (value - good) / (bad - good)


def score_facts(f: Facts, as_of: date, weights: dict[str, float] | None = None,
                bands: dict[str, int] | None = None) -> Health:
    w, b = HEALTH_WEIGHTS.value(weights), HEALTH_BANDS.value(bands)
    parts: list[tuple[str, float, str]] = []

    ideal, maximum = f.interval
    if f.last_contact is None:
        parts.append(("recency", 0.0, _("no contact logged yet")))
    else:
        days = (as_of - f.last_contact).days
        share = _ramp(days, ideal, 2 * maximum)
        parts.append(("recency", share, _(
            "last contact {when}; the cadence asks for every {ideal} days, at most "
            "{max}").format(when=relative_day(f.last_contact, as_of), ideal=ideal,
                            max=maximum)))

    good, bad = TIER_EXECUTIVE[f.tier]
    if f.records_ours and f.last_exec_ours is None:
        parts.append(("executive", 0.0, _("no executive-level contact met by our executives "
                                          "on record")))
    elif f.records_ours:
        days = (as_of - f.last_exec_ours).days
        parts.append(("executive", _ramp(days, good, bad), _(
            "last executive-level contact met by our executives {when} (tier {tier}: within "
            "{good} days)").format(when=relative_day(f.last_exec_ours, as_of), tier=f.tier,
                                   good=good)))
    elif f.last_exec is None:
        parts.append(("executive", 0.0, _("no executive-level contact on record")))
    else:
        days = (as_of - f.last_exec).days
        parts.append(("executive", _ramp(days, good, bad), _(
            "last executive-level contact {when} (tier {tier}: within {good} days)"
            ).format(when=relative_day(f.last_exec, as_of), tier=f.tier, good=good)))

    if f.active_contacts == 0:
        parts.append(("breadth", 0.0, _("no current key contacts recorded")))
    else:
        share = min(1.0, f.engaged / max(1, min(f.active_contacts, 4)))
        dm_share = (1.0 if f.active_decision_makers == 0 else
                    min(1.0, f.engaged_decision_makers / f.active_decision_makers))
        parts.append(("breadth", 0.5 * share + 0.5 * dm_share, _(
            "{engaged} of {total} key contacts met in 90 days; {dms} of {all_dms} decision "
            "makers").format(engaged=f.engaged, total=f.active_contacts,
                             dms=f.engaged_decision_makers, all_dms=f.active_decision_makers)))

    if not f.sentiments:
        parts.append(("sentiment", 0.5, _("no interactions in the last year to judge")))
    else:
        recent = f.sentiments[:3]
        average = sum(recent) / len(recent)
        share = (average + 2) / 4
        reason = _("average sentiment {avg:+.1f} over the last {n} interactions").format(
            avg=average, n=len(recent))
        older = f.sentiments[3:6]
        if older and average < sum(older) / len(older) - 0.5:
            share = max(0.0, share - 0.25)
            reason += _("; falling from {avg:+.1f} before").format(avg=sum(older) / len(older))
        parts.append(("sentiment", share, reason))

    if f.overdue == 0:
        parts.append(("chain", 1.0, _("no follow-up past its date")))
    else:
        parts.append(("chain", max(0.0, 1 - f.overdue / 3), _(
            "{n} follow-ups past due with nothing logged, the oldest due {day}").format(
                n=f.overdue, day=f.oldest_overdue.isoformat())))

    if f.complaints == 0:
        parts.append(("complaints", 1.0, _("no open complaint")))
    else:
        share = max(0.0, 1 - 0.25 * (f.complaints - f.complaints_overdue)
                    - 0.5 * f.complaints_overdue)
        parts.append(("complaints", share, _(
            "{n} open complaints, {late} past the response deadline; the oldest received "
            "{day}").format(n=f.complaints, late=f.complaints_overdue,
                            day=f.oldest_complaint.isoformat())))

    if not f.surveys:
        parts.append(("satisfaction", 0.5, _("no satisfaction survey in a year (neutral)")))
    else:
        shares, said = [], []
        if "nps" in f.surveys:
            score, taken = f.surveys["nps"]
            shares.append(score / 10)
            said.append(_("NPS {score}/10 on {day}").format(score=score, day=taken.isoformat()))
        if "csat" in f.surveys:
            score, taken = f.surveys["csat"]
            shares.append((score - 1) / 4)
            said.append(_("CSAT {score}/5 on {day}").format(score=score, day=taken.isoformat()))
        parts.append(("satisfaction", sum(shares) / len(shares), "; ".join(said)))

    if not f.people_gaps:
        parts.append(("key_people", 1.0, _("no decision-maker change left without a relationship")))
    else:
        kind, name, since = f.people_gaps[0]
        reason = (_("decision maker {name} left and no successor was met within 30 days")
                  if kind == "left" else
                  _("new decision maker {name} not met within 30 days of joining"))
        parts.append(("key_people", 0.0, reason.format(name=name)))

    if f.revenue is None or f.revenue[1] == 0:
        parts.append(("commercial", 0.5, _("no revenue history to compare (neutral)")))
    else:
        recent, earlier = f.revenue
        change = (recent - earlier) / earlier
        parts.append(("commercial", _ramp(-change, 0.0, 0.3), _(
            "orders {change:+.0%} on the year before ({recent:,} against {earlier:,})").format(
                change=change, recent=recent, earlier=earlier)))

    if f.value_adds:
        parts.append(("value", 1.0, _("{n} value-added services in six months, the latest on "
                                      "{day}").format(n=f.value_adds,
                                                      day=f.last_value_add.isoformat())))
    else:
        parts.append(("value", 0.0, _("no value-added service in six months (comfort-zone "
                                      "decline)")))

    # Points to one decimal, as shown; the score is their sum rounded half up.
    components = tuple(Component(name, round(share * w[name], 1), w[name], reason)
                       for name, share, reason in parts)
    score = math.floor(sum(c.points for c in components) + 0.5 + 1e-9)
    band = "green" if score >= b["green"] else "amber" if score >= b["amber"] else "red"
    return Health(f.name, f.account_id, as_of, score, band, components)


def neglected(f: Facts, as_of: date) -> bool:
    """No contact for longer than the cadence allows at most (or none ever): the lead's
    "neglected" account."""
    return f.last_contact is None or (as_of - f.last_contact).days > f.interval[1]


def settings(db: Database) -> tuple[dict, dict]:
    from keyaccounts.services.settings import setting_value

    return setting_value(db, WEIGHTS_SETTING), setting_value(db, BANDS_SETTING)


@bulk
def health(db: Database, as_of: date | None = None, account: str | int | None = None
           ) -> list[Health]:
    """Health of every account (or one) as of a date, by account name."""
    as_of = as_of or clock.today()
    ids = None
    if account is not None:
        from keyaccounts.services.common import get_account

        with db.session() as s:
            ids = get_account(s, account).id
    weights, bands = settings(db)
    facts = gather_facts(db, as_of, ids)
    return sorted((score_facts(f, as_of, weights, bands) for f in facts.values()),
                  key=lambda h: h.account)


@bulk
def trend(db: Database, account: str | int, end: date, weeks: int = 104) -> list[Health]:
    """Weekly health of one account, oldest first, ending on *end*."""
    from keyaccounts.services.common import get_account

    with db.session() as s:
        account_id = get_account(s, account).id
    weights, bands = settings(db)
    out = []
    for n in range(weeks - 1, -1, -1):
        day = end - timedelta(weeks=n)
        f = gather_facts(db, day, account_id).get(account_id)
        if f is not None:
            out.append(score_facts(f, day, weights, bands))
    return out
