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
executive       15  last executive-level contact (高层对接高层) against the tier
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

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from keyaccounts.domain.dates import stored_date
from keyaccounts.storage.db import Database
from keyaccounts.i18n import N_, _
from keyaccounts.devtools.perf import bulk
from keyaccounts.domain import clock
from keyaccounts.domain.settings import HEALTH_BANDS, HEALTH_WEIGHTS

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
TIER_INTERVAL = {"A": (30, 45), "B": (90, 120), "C": (180, 240)}
TIER_EXECUTIVE = {"A": (90, 180), "B": (180, 365), "C": (365, 730)}
ENGAGED_DAYS, VALUE_DAYS, KEY_PEOPLE_DAYS, NEW_RELATIONSHIP_DAYS = 90, 180, 180, 30


@dataclass
class Facts:
    """What the record says about one account on one date."""

    account_id: int
    name: str
    tier: str
    renewal: date | None
    last_contact: date | None = None
    last_exec: date | None = None
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


def _end(day: date) -> str:
    return datetime.combine(day + timedelta(days=1), datetime.min.time()).isoformat(sep=" ")


def _start(day: date) -> str:
    return datetime.combine(day, datetime.min.time()).isoformat(sep=" ")


def gather_facts(db: Database, as_of: date, account_ids: list[int] | None = None
                 ) -> dict[int, Facts]:
    """Facts of the (non-archived) accounts as of the end of *as_of*."""
    p = {"end": _end(as_of), "d": as_of.isoformat()}
    for name, days in (("engaged", ENGAGED_DAYS), ("value", VALUE_DAYS), ("people", KEY_PEOPLE_DAYS + NEW_RELATIONSHIP_DAYS),
                       ("year", 365)):
        p[f"{name}_from"] = _start(as_of - timedelta(days=days))
    only = ""
    if account_ids is not None:
        only = f" AND {{col}} IN ({','.join(str(int(i)) for i in account_ids) or 'NULL'})"

    def where(col: str) -> str:
        return only.format(col=col)

    facts: dict[int, Facts] = {}
    with db.engine.connect() as c:
        # Plain rows through the driver (named parameters as sqlite3 takes them): a
        # trend asks for a hundred weeks of these.
        driver = c.connection.driver_connection
        run = lambda sql: driver.execute(sql, p).fetchall()  # noqa: E731
        for aid, name, tier, renewal in run(
                "SELECT id, name, tier, renewal_date FROM account WHERE archived = 0"
                + where("id")):
            facts[aid] = Facts(aid, name, tier, stored_date(renewal), interval=TIER_INTERVAL[tier])
        for aid, ideal, maximum in run(
                "SELECT account_id, MIN(ideal_days), MIN(max_days) FROM cadence"
                " WHERE active = 1 AND mode = 'interval'" + where("account_id")
                + " GROUP BY account_id"):
            if aid in facts:
                facts[aid].interval = (ideal, maximum)
        # Per account, each an index probe (account, time) rather than a pass over every
        # interaction: the first and last contact, the last value-add, and the last
        # executive-level contact — an executive meeting or any interaction with an
        # executive, found walking back from the newest.
        for aid, first, last, value_add, last_exec in run(
                "SELECT a.id,"
                " (SELECT MIN(occurred_at) FROM interaction"
                "  WHERE account_id = a.id AND occurred_at < :end),"
                " (SELECT MAX(occurred_at) FROM interaction"
                "  WHERE account_id = a.id AND occurred_at < :end) AS last,"
                " (SELECT MAX(occurred_at) FROM interaction"
                "  WHERE account_id = a.id AND kind = 'value-add' AND occurred_at < :end),"
                " (SELECT i.occurred_at FROM interaction i"
                "  WHERE i.account_id = a.id AND i.occurred_at < :end AND ("
                "   i.kind = 'exec-meeting' OR EXISTS (SELECT 1 FROM interaction_contact ic"
                "    JOIN contact ct ON ct.id = ic.contact_id"
                "    WHERE ic.interaction_id = i.id AND ct.level = 'exec'))"
                "  ORDER BY i.occurred_at DESC LIMIT 1)"
                " FROM account a WHERE a.archived = 0 AND last IS NOT NULL" + where("a.id")):
            if aid in facts:
                f = facts[aid]
                f.first_contact, f.last_contact = stored_date(first), stored_date(last)
                f.last_value_add_ever = stored_date(value_add)
                f.last_exec = stored_date(last_exec)
        for aid, n, dms in run(
                "SELECT account_id, COUNT(*), SUM(role = 'decision-maker') FROM contact"
                " WHERE archived = 0 AND (joined_on IS NULL OR joined_on <= :d)"
                " AND (left_on IS NULL OR left_on > :d)" + where("account_id")
                + " GROUP BY account_id"):
            if aid in facts:
                facts[aid].active_contacts, facts[aid].active_decision_makers = n, dms or 0
        for aid, n, dms in run(
                "SELECT i.account_id, COUNT(DISTINCT c.id),"
                " COUNT(DISTINCT CASE WHEN c.role = 'decision-maker' THEN c.id END)"
                " FROM interaction i JOIN interaction_contact ic ON ic.interaction_id = i.id"
                " JOIN contact c ON c.id = ic.contact_id"
                " WHERE i.occurred_at >= :engaged_from AND i.occurred_at < :end"
                " AND (c.left_on IS NULL OR c.left_on > :d)" + where("i.account_id")
                + " GROUP BY i.account_id"):
            if aid in facts:
                facts[aid].engaged, facts[aid].engaged_decision_makers = n, dms
        for aid, sentiment, occurred in run(  # each account's last six of the year
                "SELECT a.id, s.sentiment, s.occurred_at FROM account a JOIN interaction s"
                " ON s.id IN (SELECT id FROM interaction WHERE account_id = a.id"
                "  AND occurred_at >= :year_from AND occurred_at < :end AND kind != 'care'"
                "  ORDER BY occurred_at DESC, id DESC LIMIT 6)"
                " WHERE a.archived = 0" + where("a.id")
                + " ORDER BY a.id, s.occurred_at DESC, s.id DESC"):
            if aid in facts:
                facts[aid].sentiments.append(sentiment)
                facts[aid].sentiment_days.append(stored_date(occurred))
        for aid, n, oldest in run(
                # For every account, one pass over the table: the index SQLite picks for
                # the grouping fetched every row out of order, five times slower.
                "SELECT account_id, COUNT(*), MIN(due) FROM follow_up"
                + (" NOT INDEXED" if account_ids is None else "")
                + " WHERE opened_on <= :d AND due < :d AND (closed_on IS NULL OR closed_on > :d)"
                + where("account_id") + " GROUP BY account_id"):
            if aid in facts:
                facts[aid].overdue, facts[aid].oldest_overdue = n, stored_date(oldest)
        for aid, n, last in run(
                "SELECT account_id, COUNT(*), MAX(occurred_at) FROM interaction"
                " WHERE kind = 'value-add' AND occurred_at >= :value_from AND occurred_at < :end"
                + where("account_id") + " GROUP BY account_id"):
            if aid in facts:
                facts[aid].value_adds, facts[aid].last_value_add = n, stored_date(last)
        for aid, n, late, oldest in run(
                "SELECT account_id, COUNT(*), SUM(deadline < :d AND (first_response_on IS NULL"
                " OR first_response_on > :d)), MIN(received_on) FROM complaint"
                " WHERE received_on <= :d AND (resolved_on IS NULL OR resolved_on > :d)"
                + where("account_id") + " GROUP BY account_id"):
            if aid in facts:
                facts[aid].complaints, facts[aid].complaints_overdue = n, late or 0
                facts[aid].oldest_complaint = stored_date(oldest)
        for aid, kind, score, taken in run(
                "SELECT account_id, kind, score, taken_on FROM survey"
                " WHERE taken_on <= :d AND taken_on >= substr(:year_from, 1, 10)" + where("account_id")
                + " ORDER BY taken_on, id"):
            if aid in facts:
                facts[aid].surveys[kind] = (score, stored_date(taken))  # the latest wins
        p["two_years"] = (as_of - timedelta(days=730)).isoformat()
        p["one_year"] = (as_of - timedelta(days=365)).isoformat()
        for aid, recent, earlier in run(
                "SELECT account_id, SUM(CASE WHEN ordered_on > :one_year THEN amount END),"
                " SUM(CASE WHEN ordered_on <= :one_year THEN amount END) FROM order_line"
                " WHERE ordered_on <= :d AND ordered_on > :two_years" + where("account_id")
                + " GROUP BY account_id"):
            if aid in facts:
                facts[aid].revenue = (recent or 0, earlier or 0)
        _key_people(run, where, facts, as_of)
    return facts


def _key_people(run, where, facts: dict[int, Facts], as_of: date) -> None:
    """New decision makers not met within weeks; departed ones with no successor met."""
    changes = run(
        "SELECT id, account_id, name, joined_on, left_on FROM contact"
        " WHERE role = 'decision-maker' AND archived = 0 AND ("
        " (joined_on > date(:d, '-180 days') AND joined_on <= :d) OR"
        " (left_on > date(:d, '-180 days') AND left_on <= :d))" + where("account_id"))
    if not changes:
        return
    met: dict[int, list[date]] = defaultdict(list)
    dm_meetings: dict[int, list[date]] = defaultdict(list)
    for cid, aid, role, occurred in run(
            "SELECT ic.contact_id, i.account_id, c.role, i.occurred_at FROM interaction i"
            " JOIN interaction_contact ic ON ic.interaction_id = i.id"
            " JOIN contact c ON c.id = ic.contact_id"
            " WHERE i.occurred_at >= :people_from AND i.occurred_at < :end"
            + where("i.account_id")):
        met[cid].append(stored_date(occurred))
        if role == "decision-maker":
            dm_meetings[aid].append((cid, stored_date(occurred)))
    for cid, aid, name, joined, left in changes:
        if aid not in facts:
            continue
        joined, left = stored_date(joined), stored_date(left)
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
            "last contact {days} days ago; the cadence asks for every {ideal}, at most "
            "{max}").format(days=days, ideal=ideal, max=maximum)))

    good, bad = TIER_EXECUTIVE[f.tier]
    if f.last_exec is None:
        parts.append(("executive", 0.0, _("no executive-level contact on record")))
    else:
        days = (as_of - f.last_exec).days
        parts.append(("executive", _ramp(days, good, bad), _(
            "last executive-level contact {days} days ago (tier {tier}: within {good} days)"
            ).format(days=days, tier=f.tier, good=good)))

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
            ids = [get_account(s, account).id]
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
        f = gather_facts(db, day, [account_id]).get(account_id)
        if f is not None:
            out.append(score_facts(f, day, weights, bands))
    return out
