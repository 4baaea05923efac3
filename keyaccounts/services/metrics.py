"""Measures for a period (DOMAIN.md §11, §12): retention, repeat purchase, order growth,
complaint resolution time, value-added services, and the win-back results (the recovered
value as typed, and the lifetime value won back: each account's CLV on its churn date)."""

from __future__ import annotations

from datetime import date, datetime

from keyaccounts.i18n import N_, _
from keyaccounts.storage.db import Database
from keyaccounts.domain.dates import parse_period
from keyaccounts.services.value import winback_figures
from keyaccounts.storage.sql import day_number


def _quarter_before(start: date) -> tuple[date, date]:
    month = start.month - 3
    year = start.year - (1 if month < 1 else 0)
    return date(year, (month - 1) % 12 + 1, 1), start


def metrics(db: Database, period: str) -> dict:
    from sqlalchemy import func, select

    from keyaccounts.services.churn import lost_before
    from keyaccounts.storage.model import (Account, ChurnEvent, Complaint, Interaction,
                                           InteractionKind, Order)

    start, end = parse_period(period)
    prev_start, prev_end = _quarter_before(start)
    s_, e_ = start.isoformat(), end.isoformat()
    # Timestamps compare with the periods' first moments; dates with their days.
    start_at, end_at = (datetime.combine(d, datetime.min.time()) for d in (start, end))

    def ordered(first: date, last: date):
        return select(func.coalesce(func.sum(Order.amount), 0)).where(
            Order.ordered_on >= first, Order.ordered_on < last)

    value_add = ((Interaction.kind == InteractionKind.VALUE_ADD)
                 & (Interaction.occurred_at >= start_at) & (Interaction.occurred_at < end_at))
    with db.engine.connect() as c:
        active_at_start = c.scalar(select(func.count()).select_from(Account).where(
            Account.created_at < start_at, ~lost_before(start)))
        churned = c.scalar(select(func.count(ChurnEvent.account_id.distinct())).join(
            Account, Account.id == ChurnEvent.account_id).where(
            ChurnEvent.churned_on >= start, ChurnEvent.churned_on < end,
            Account.created_at < start_at))
        buyers = c.execute(select(Order.account_id, func.count())
                           .where(Order.ordered_on >= start, Order.ordered_on < end)
                           .group_by(Order.account_id)).all()
        revenue = int(c.scalar(ordered(start, end)))
        previous = int(c.scalar(ordered(prev_start, prev_end)))
        # Days from receipt to resolution, on both engines: each date's day number.
        resolution = c.execute(select(
            func.avg(day_number(c.dialect.name, Complaint.resolved_on)
                     - day_number(c.dialect.name, Complaint.received_on)),
            func.count()).where(Complaint.resolved_on >= start,
                                Complaint.resolved_on < end)).one()
        value_adds = c.execute(select(func.count(), func.count(Interaction.account_id.distinct()))
                               .where(value_add)).one()
        by_account = dict(c.execute(
            select(Account.name, func.count())
            .join(Interaction, Interaction.account_id == Account.id)
            .where(value_add).group_by(Account.name).order_by(Account.name)).all())
        recoveries = c.execute(select(
            ChurnEvent.recovery_outcome, func.coalesce(ChurnEvent.recovered_value, 0),
            func.coalesce(ChurnEvent.recovery_cost, 0))
            .where(ChurnEvent.recovered_on >= start, ChurnEvent.recovered_on < end)).all()
    won = [r for r in recoveries if r[0] == "won-back"]
    cost = sum(r[2] for r in recoveries)
    return {
        "period": period.strip().upper(), "from": s_, "to": e_,
        "accounts_at_start": active_at_start, "churned": churned,
        "retention_rate": None if not active_at_start else
        round((active_at_start - churned) / active_at_start, 4),
        "buying_accounts": len(buyers),
        "repeat_purchase_rate": None if not buyers else
        round(sum(1 for _a, n in buyers if n >= 2) / len(buyers), 4),
        "revenue": revenue, "revenue_previous": previous,
        "order_growth": None if not previous else round((revenue - previous) / previous, 4),
        "complaints_resolved": resolution[1],
        "avg_complaint_resolution_days": None if resolution[0] is None else
        round(float(resolution[0]), 2),
        "value_added_services": value_adds[0], "accounts_given_value": value_adds[1],
        "value_added_by_account": by_account,
        "recoveries": len(recoveries),
        "recovery_success_rate": None if not recoveries else round(len(won) / len(recoveries), 4),
        "recovered_value": sum(r[1] for r in won), "recovery_cost": cost,
        "recovered_value_per_cost": None if not cost else
        round(sum(r[1] for r in won) / cost, 4),
        **winback_figures(db, start, end),
    }


# What each measure is called where people read it (the JSON keeps the keys).
MEASURE_NAMES = {
    "accounts_at_start": N_("accounts at the start"),
    "churned": N_("accounts churned"),
    "retention_rate": N_("retention rate"),
    "buying_accounts": N_("accounts that ordered"),
    "repeat_purchase_rate": N_("repeat purchase rate"),
    "revenue": N_("revenue"),
    "revenue_previous": N_("revenue, previous quarter"),
    "order_growth": N_("order growth on the previous quarter"),
    "complaints_resolved": N_("complaints resolved"),
    "avg_complaint_resolution_days": N_("average days to resolve a complaint"),
    "value_added_services": N_("value-added services"),
    "accounts_given_value": N_("accounts given value-added services"),
    "value_added_by_account": N_("value-added services by account"),
    "recoveries": N_("recoveries closed"),
    "recovery_success_rate": N_("recovery success rate"),
    "recovered_value": N_("value recovered"),
    "recovery_cost": N_("recovery cost"),
    "recovered_value_per_cost": N_("value recovered per yuan spent"),
    "recovered_clv": N_("lifetime value recovered"),
    "recovered_clv_per_cost": N_("lifetime value recovered per yuan spent"),
}


def measure_lines(result: dict) -> list[tuple[str, str]]:
    """(name, value) of each measure of :func:`metrics`, as a reader sees them: rates in
    per cent, amounts grouped, "—" for none."""
    from keyaccounts.domain.formats import listed, number

    lines = []
    for key, value in result.items():
        if key in ("period", "from", "to"):
            continue
        if value is None:
            shown = "—"
        elif isinstance(value, dict):
            # list separator: ", " in English, "、" in Chinese
            shown = listed(f"{k} {v}" for k, v in value.items()) or "—"
        elif key.endswith("rate") or key == "order_growth":
            shown = f"{number(value * 100, 1)}%"
        elif isinstance(value, int):
            shown = number(value)
        else:
            shown = number(value, 2)
        lines.append((_(MEASURE_NAMES.get(key, key)), shown))
    return lines
