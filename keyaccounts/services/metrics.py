"""Measures for a period (DOMAIN.md §11, §12): retention, repeat purchase, order growth,
complaint resolution time, value-added services, and the win-back results (the recovered
value as typed, and the lifetime value won back: each account's CLV on its churn date)."""

from __future__ import annotations

from datetime import date

from keyaccounts.storage.db import Database
from keyaccounts.services.retention import parse_period
from keyaccounts.services.value import winback_figures


def _quarter_before(start: date) -> tuple[date, date]:
    month = start.month - 3
    year = start.year - (1 if month < 1 else 0)
    return date(year, (month - 1) % 12 + 1, 1), start


def metrics(db: Database, period: str) -> dict:
    start, end = parse_period(period)
    prev_start, prev_end = _quarter_before(start)
    s_, e_ = start.isoformat(), end.isoformat()
    with db.engine.connect() as c:
        run = lambda sql, *a: c.connection.driver_connection.execute(sql, a).fetchall()  # noqa
        active_at_start = run(
            "SELECT COUNT(*) FROM account WHERE date(created_at) < ?"
            " AND (churned_on IS NULL OR churned_on >= ?)", s_, s_)[0][0]
        churned = run("SELECT COUNT(*) FROM account WHERE churned_on >= ? AND churned_on < ?"
                      " AND date(created_at) < ?", s_, e_, s_)[0][0]
        buyers = run("SELECT account_id, COUNT(*) FROM order_line WHERE ordered_on >= ?"
                     " AND ordered_on < ? GROUP BY account_id", s_, e_)
        revenue = run("SELECT COALESCE(SUM(amount), 0) FROM order_line WHERE ordered_on >= ?"
                      " AND ordered_on < ?", s_, e_)[0][0]
        previous = run("SELECT COALESCE(SUM(amount), 0) FROM order_line WHERE ordered_on >= ?"
                       " AND ordered_on < ?", prev_start.isoformat(), prev_end.isoformat())[0][0]
        resolution = run("SELECT AVG(julianday(resolved_on) - julianday(received_on)), COUNT(*)"
                         " FROM complaint WHERE resolved_on >= ? AND resolved_on < ?", s_, e_)[0]
        value_adds = run("SELECT COUNT(*), COUNT(DISTINCT account_id) FROM interaction"
                         " WHERE kind = 'value-add' AND occurred_at >= ? AND occurred_at < ?",
                         s_, e_)[0]
        by_account = dict(run("SELECT a.name, COUNT(*) FROM interaction i"
                              " JOIN account a ON a.id = i.account_id WHERE i.kind = 'value-add'"
                              " AND i.occurred_at >= ? AND i.occurred_at < ? GROUP BY a.name"
                              " ORDER BY a.name", s_, e_))
        recoveries = run("SELECT recovery_outcome, COALESCE(recovered_value, 0),"
                         " COALESCE(recovery_cost, 0) FROM account WHERE recovered_on >= ?"
                         " AND recovered_on < ?", s_, e_)
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
        round(resolution[0], 2),
        "value_added_services": value_adds[0], "accounts_given_value": value_adds[1],
        "value_added_by_account": by_account,
        "recoveries": len(recoveries),
        "recovery_success_rate": None if not recoveries else round(len(won) / len(recoveries), 4),
        "recovered_value": sum(r[1] for r in won), "recovery_cost": cost,
        "recovered_value_per_cost": None if not cost else
        round(sum(r[1] for r in won) / cost, 4),
        **winback_figures(db, start, end),
    }
