"""Measures for a period (DOMAIN.md §11, §12): retention, repeat purchase, order growth,
complaint resolution time, value-added services, and the win-back results (the recovered
value as typed, and the lifetime value won back: each account's CLV on its churn date)."""

from __future__ import annotations

from datetime import date, datetime

from keyaccounts.storage.db import Database
from keyaccounts.services.retention import parse_period
from keyaccounts.services.value import winback_figures
from keyaccounts.storage.sql import day_number


def _quarter_before(start: date) -> tuple[date, date]:
    month = start.month - 3
    year = start.year - (1 if month < 1 else 0)
    return date(year, (month - 1) % 12 + 1, 1), start


def metrics(db: Database, period: str) -> dict:
    from sqlalchemy import func, select

    from keyaccounts.storage.model import Account, Complaint, Interaction, InteractionKind, Order

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
            Account.created_at < start_at,
            Account.churned_on.is_(None) | (Account.churned_on >= start)))
        churned = c.scalar(select(func.count()).select_from(Account).where(
            Account.churned_on >= start, Account.churned_on < end, Account.created_at < start_at))
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
            Account.recovery_outcome, func.coalesce(Account.recovered_value, 0),
            func.coalesce(Account.recovery_cost, 0))
            .where(Account.recovered_on >= start, Account.recovered_on < end)).all()
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
