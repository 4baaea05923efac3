"""Customer value from the record, for any date: RFM segments, contribution and CLV.

The rules are in :mod:`keyaccounts.domain.value`; this module gathers their figures
with SQLAlchemy Core (the same queries on SQLite and PostgreSQL) and never reads
anything dated after the day asked for.

Which accounts count on a day D (the *active portfolio*): not archived; known by D
(created on or before D, or with an order or an interaction on or before D — imported
history counts); and not lost by D (an account churned on a day counts as lost from the
day after, unless won back by D): so recording a churn leaves the figures of its churn
date as they were, and the churn record's value is the CLV the account had that day.
Retention by tier looks at every account, archived or not, present a year before D and
asks whether it is still present on D; the tier is the account's tier now (tiers keep
no history).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from keyaccounts.devtools.perf import bulk
from keyaccounts.domain import clock
from keyaccounts.domain import value as dv
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _
from keyaccounts.services.churn import lost_before
from keyaccounts.storage.db import Database
from keyaccounts.storage.model import (
    Account,
    ChurnEvent,
    Contact,
    Interaction,
    Level,
    Order,
    Role,
    interaction_contact,
)

QUARTER_DAYS = 91


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time())


# --- settings -------------------------------------------------------------------------


def value_settings(db: Database) -> tuple[float, float, dict[str, int]]:
    """(margin rate, discount rate, cost per interaction kind), defaults filled in (the
    settings registry's ``value.*`` keys)."""
    from keyaccounts.domain import settings as known
    from keyaccounts.services.settings import setting_value

    return (float(setting_value(db, known.MARGIN_RATE.key)),
            float(setting_value(db, known.DISCOUNT_RATE.key)),
            setting_value(db, known.COST_PER_KIND.key))


def set_value_settings(db: Database, *, margin_rate=None, discount_rate=None,
                       cost_per_kind=None) -> dict:
    """Set any of the three (checked first; all or nothing); the kinds not named in
    *cost_per_kind* keep their costs. Returns the settings now."""
    from keyaccounts.domain import settings as known
    from keyaccounts.services.settings import set_settings

    given = {known.MARGIN_RATE.key: margin_rate, known.DISCOUNT_RATE.key: discount_rate}
    if cost_per_kind is not None:
        given[known.COST_PER_KIND.key] = {**value_settings(db)[2], **cost_per_kind}
    set_settings(db, {k: v for k, v in given.items() if v is not None})
    margin, discount, costs = value_settings(db)
    return {"margin_rate": margin, "discount_rate": discount, "cost_per_kind": costs}


def set_account_value(db: Database, account, *, margin_rate=None, retention=None,
                      reason: str | None = None, clear_margin: bool = False,
                      clear_retention: bool = False) -> dict:
    """An account's own margin rate and retention override (which needs a reason)."""
    from keyaccounts.services.common import _text, get_account

    margin = None if margin_rate is None else dv.parse_margin_rate(margin_rate, "margin")
    kept = None if retention is None else dv.parse_retention(retention, "retention")
    reason = _text(reason or "", "reason")
    if kept is not None and not reason:
        raise ValidationError("reason", "", _("a retention override needs its reason"))
    with db.transaction() as s:
        acc = get_account(s, account)
        if clear_margin:
            acc.margin_rate = None
        if margin is not None:
            acc.margin_rate = margin
        if clear_retention:
            acc.retention_override, acc.retention_reason = None, ""
        if kept is not None:
            acc.retention_override, acc.retention_reason = kept, reason
        return {"account": acc.name, "margin_rate": acc.margin_rate,
                "retention_override": acc.retention_override,
                "retention_reason": acc.retention_reason}


# --- gathering ------------------------------------------------------------------------


def _present_ids(c, day: date, *, include_archived: bool) -> set[int]:
    """Accounts present on *day*: known by then and not lost before it."""
    end = _start_of(day + timedelta(days=1))
    ordered = (select(Order.id).where(Order.account_id == Account.id, Order.ordered_on <= day)
               .exists())
    contacted = (select(Interaction.id).where(Interaction.account_id == Account.id,
                                              Interaction.occurred_at < end).exists())
    query = select(Account.id).where(
        or_(Account.created_at < end, ordered, contacted), ~lost_before(day))
    if not include_archived:
        query = query.where(Account.archived.is_(False))
    return set(c.execute(query).scalars())


def _order_facts(c, ids: set[int], as_of: date, *, contacts: bool = True
                 ) -> dict[int, dv.OrderFacts]:
    start = as_of - timedelta(days=dv.WINDOW_DAYS)
    last = dict(c.execute(select(Order.account_id, func.max(Order.ordered_on))
                          .where(Order.ordered_on <= as_of).group_by(Order.account_id)).all())
    window = {aid: (n, total) for aid, n, total in c.execute(
        select(Order.account_id, func.count(), func.sum(Order.amount))
        .where(Order.ordered_on >= start, Order.ordered_on <= as_of)
        .group_by(Order.account_id))}
    dm = {} if not contacts else dict(c.execute(
        select(Interaction.account_id, func.max(Interaction.occurred_at))
        .join(interaction_contact, interaction_contact.c.interaction_id == Interaction.id)
        .join(Contact, Contact.id == interaction_contact.c.contact_id)
        .where(Interaction.occurred_at < _start_of(as_of + timedelta(days=1)),
               or_(Contact.role == Role.DECISION_MAKER, Contact.level == Level.EXECUTIVE))
        .group_by(Interaction.account_id)).all())
    out = {}
    for aid in ids:
        n, total = window.get(aid, (0, 0))
        last_dm = dm.get(aid)
        out[aid] = dv.OrderFacts(aid, _as_date(last.get(aid)), int(n), int(total or 0),
                                 None if last_dm is None else _as_date(last_dm))
    return out


def _as_date(value) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])  # an aggregate SQLite returns as text


def _effort(c, ids: set[int], as_of: date) -> dict[int, dict[str, int]]:
    start = as_of - timedelta(days=dv.WINDOW_DAYS)
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for aid, kind, n in c.execute(
            select(Interaction.account_id, Interaction.kind, func.count())
            .where(Interaction.occurred_at >= _start_of(start),
                   Interaction.occurred_at < _start_of(as_of + timedelta(days=1)))
            .group_by(Interaction.account_id, Interaction.kind)):
        if aid in ids:
            out[aid][getattr(kind, "value", kind)] = n
    return out


def _retention(c, as_of: date) -> dict[str, dv.Retention]:
    year_ago = as_of - timedelta(days=dv.WINDOW_DAYS)
    then = _present_ids(c, year_ago, include_archived=True)
    now = _present_ids(c, as_of, include_archived=True)
    tiers = {aid: getattr(t, "value", t) for aid, t in c.execute(
        select(Account.id, Account.tier))}
    return dv.retention_rates({aid: tiers[aid] for aid in then}, now)


@bulk
def portfolio_value(db: Database, as_of: date | None = None, *,
                    also: int | None = None) -> list[dv.AccountValue]:
    """Every account of the active portfolio on *as_of* (and account id *also*, ranked
    with them even if it is not in it), by name."""
    as_of = as_of or clock.today()
    margin_default, discount, costs = value_settings(db)
    with db.engine.connect() as c:
        ids = _present_ids(c, as_of, include_archived=False)
        outsider = also is not None and also not in ids
        if outsider:
            ids.add(also)
        facts = _order_facts(c, ids, as_of)
        effort = _effort(c, ids, as_of)
        retention = _retention(c, as_of)
        rows = c.execute(select(Account.id, Account.name, Account.tier, Account.margin_rate,
                                Account.retention_override, Account.retention_reason,
                                Account.annual_revenue)
                         .where(Account.id.in_(ids))).all() if ids else []
    scores = dv.rfm(list(facts.values()), as_of)
    out = []
    for aid, name, tier, margin, override, reason, recorded in rows:
        tier = getattr(tier, "value", tier)
        ordered = facts[aid].last_order is not None  # else: its recorded yearly revenue
        contribution = dv.contribution(
            facts[aid].revenue if ordered else recorded or 0,
            margin_default if margin is None else margin, effort[aid], costs,
            "portfolio" if margin is None else "account", "orders" if ordered else "recorded")
        kept = (retention[tier] if override is None else
                dv.Retention(override, "override", 0, 0, reason or ""))
        notes = []
        if outsider and aid == also:
            notes.append(_("not in the active portfolio on {day}: ranked with it").format(
                day=as_of.isoformat()))
        if not scores[aid].quintiles:
            notes.append(_("fewer than 5 accounts: the scores are ranks, not quintiles"))
        out.append(dv.AccountValue(aid, name, tier, as_of, scores[aid], contribution,
                                   dv.lifetime_value(contribution.contribution, kept,
                                                     discount), notes))
    return sorted(out, key=lambda v: v.account.casefold())


def account_value(db: Database, account, as_of: date | None = None) -> dv.AccountValue:
    from keyaccounts.services.common import get_account

    with db.session() as s:
        aid = get_account(s, account).id
    return next(v for v in portfolio_value(db, as_of, also=aid) if v.account_id == aid)


def segment_by_tier(values: list[dv.AccountValue]) -> dict[str, dict[str, int]]:
    """Counts: segment -> tier -> accounts (every segment and tier, zeros included)."""
    table = {s: {t: 0 for t in ("A", "B", "C")} for s in dv.SEGMENT_NAMES}
    for v in values:
        table[v.rfm.segment][v.tier] += 1
    return table


def portfolio_summary(db: Database, as_of: date | None = None) -> dict:
    """What ``value --portfolio`` shows: every account and the segment × tier counts."""
    as_of = as_of or clock.today()
    values = portfolio_value(db, as_of)
    margin, discount, costs = value_settings(db)
    return {"as_of": as_of.isoformat(), "accounts": [v.as_json() for v in values],
            "segment_by_tier": segment_by_tier(values),
            "total_contribution": sum(v.contribution.contribution for v in values),
            "total_clv": sum(v.clv for v in values),
            "settings": {"margin_rate": margin, "discount_rate": discount,
                         "cost_per_kind": costs}}


# --- where value is used ----------------------------------------------------------------


def value_on(db: Database, account, day: date) -> int:
    """The account's CLV on *day* (the churn record's default value)."""
    return account_value(db, account, day).clv


def segment_falls(db: Database, as_of: date, tiers: tuple[str, ...] = ("A",)
                  ) -> list[tuple[int, str, str, str]]:
    """Accounts of *tiers* whose segment fell two steps or more within a quarter:
    (account id, name, segment a quarter ago, segment now)."""
    with db.engine.connect() as c:
        names = {aid: name for aid, name, tier in c.execute(
            select(Account.id, Account.name, Account.tier)) if getattr(tier, "value", tier)
            in tiers}
        if not names:
            return []
        now, before = (_segments(c, day) for day in (as_of, as_of - timedelta(
            days=QUARTER_DAYS)))
    return [(aid, names[aid], before[aid], now[aid]) for aid in sorted(names)
            if aid in now and aid in before and dv.segment_steps(before[aid], now[aid]) >= 2]


def _segments(c, as_of: date) -> dict[int, str]:
    """Only the RFM segments of the active portfolio (what the alert needs: no effort,
    no retention, no contacts)."""
    ids = _present_ids(c, as_of, include_archived=False)
    facts = _order_facts(c, ids, as_of, contacts=False)
    return {aid: r.segment for aid, r in dv.rfm(list(facts.values()), as_of).items()}


def winback_figures(db: Database, start: date, end: date) -> dict:
    """Recoveries closed in [start, end): the lifetime value won back (each won-back
    account's CLV on its churn date) against what all the recoveries cost."""
    with db.engine.connect() as c:
        rows = c.execute(select(ChurnEvent.account_id, ChurnEvent.recovery_outcome,
                                ChurnEvent.churned_on, ChurnEvent.recovery_cost)
                         .where(ChurnEvent.recovered_on >= start,
                                ChurnEvent.recovered_on < end)).all()
    clv = sum(value_on(db, aid, _as_date(churned)) for aid, outcome, churned, _c in rows
              if outcome == "won-back" and churned is not None)
    cost = sum(c or 0 for *_x, c in rows)
    return {"recovered_clv": clv,
            "recovered_clv_per_cost": None if not cost else round(clv / cost, 4)}
