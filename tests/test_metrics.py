"""Measures for a period on hand-built data with known answers; needs; win-back."""

import json
from datetime import date, datetime

import pytest

from keyaccounts.services import churn, complaints, needs, revenue
from keyaccounts import services as sv
from keyaccounts.cli.main import main
from keyaccounts.domain.errors import ValidationError
from keyaccounts.services.metrics import metrics
from keyaccounts.storage.model import Account


@pytest.fixture
def book(db):
    for name in ("A1", "A2", "A3", "A4"):
        sv.add_account(db, name)
    with db.transaction() as s:
        s.query(Account).update({Account.created_at: datetime(2026, 1, 1)})
    # Q1 2027: A1 orders twice, A2 once; Q4 2026: 1,000 in all.
    revenue.add_order(db, "A1", 600, date(2027, 1, 10))
    revenue.add_order(db, "A1", 400, date(2027, 2, 10))
    revenue.add_order(db, "A2", 500, date(2027, 3, 1))
    revenue.add_order(db, "A3", 1000, date(2026, 11, 1))
    # A4 churned in the quarter, then won back; A3 churned and lost.
    churn.mark_churned(db, "A4", date(2027, 2, 1), "attracted", value=900, cost=100)
    churn.record_recovery(db, "A4", "won-back", date(2027, 3, 15), recovered_value=900,
                              cost=300)
    churn.mark_churned(db, "A3", date(2027, 1, 20), "dissatisfied", value=500, cost=200)
    churn.record_recovery(db, "A3", "lost", date(2027, 3, 20))
    c1 = complaints.add_complaint(db, "A1", "late", date(2027, 1, 5))
    complaints.resolve(db, c1.id, date(2027, 1, 9), root_cause="x", what_changed="y",
                       customer_informed=True)
    c2 = complaints.add_complaint(db, "A2", "broken", date(2027, 2, 1))
    complaints.resolve(db, c2.id, date(2027, 2, 11), root_cause="x", what_changed="y",
                       customer_informed=False)
    sv.log_interaction(db, "A1", "value-add", datetime(2027, 2, 2, 10), "insight")
    sv.log_interaction(db, "A1", "value-add", datetime(2027, 3, 2, 10), "proposal")
    return db


def test_measures_with_known_answers(book):
    m = metrics(book, "2027Q1")
    assert (m["accounts_at_start"], m["churned"], m["retention_rate"]) == (4, 2, 0.5)
    assert (m["buying_accounts"], m["repeat_purchase_rate"]) == (2, 0.5)
    assert (m["revenue"], m["revenue_previous"], m["order_growth"]) == (1500, 1000, 0.5)
    assert (m["complaints_resolved"], m["avg_complaint_resolution_days"]) == (2, 7.0)
    assert (m["value_added_services"], m["accounts_given_value"]) == (2, 1)
    assert m["value_added_by_account"] == {"A1": 2}
    assert (m["recoveries"], m["recovery_success_rate"]) == (2, 0.5)
    assert (m["recovered_value"], m["recovery_cost"], m["recovered_value_per_cost"]) == (
        900, 500, 1.8)
    assert [a.status for a in sv.list_accounts(book) if a.name == "A4"] == ["active"]


def test_needs_review_highlights_what_stayed_unmet(db):
    sv.add_account(db, "Acme")
    old = needs.add_need(db, "Acme", "2026Q4", "Faster deliveries", "Within 5 days")
    done = needs.add_need(db, "Acme", "2026Q4", "A single invoice")
    needs.set_need_met(db, done)
    needs.add_need(db, "Acme", "2027q1", "Training for the new team")
    review = needs.needs_review(db, "Acme", "2027Q1")
    assert [n["concern"] for n in review["needs"]] == ["Training for the new team"]
    assert [n["id"] for n in review["still_unmet"]] == [old]
    with pytest.raises(ValidationError) as err:
        needs.add_need(db, "Acme", "2027Q5", "x")
    assert err.value.field == "period"


def test_recovery_plan_is_on_the_chain(db):
    sv.add_account(db, "Lost")
    churn.mark_churned(db, "Lost", date(2027, 1, 5), "attracted")
    ids = churn.plan_recovery(db, "Lost", [("Meet the CEO", date(2027, 1, 20)),
                                               ("Counter-offer", date(2027, 2, 1))],
                                  on=date(2027, 1, 6))
    fus = {f.id: f for f in sv.list_followups(db, "Lost")}
    assert [fus[i].text for i in ids] == ["Meet the CEO", "Counter-offer"]
    assert all(fus[i].origin == "recovery plan" for i in ids)


def test_cli_metrics_json(book, capsys):
    assert main(["--db", book.location, "metrics", "--period", "2027Q1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["retention_rate"] == 0.5
    assert main(["--db", book.location, "metrics", "--period", "2027-Q1"]) == 2
    assert "period=2027-Q1" in capsys.readouterr().err


def test_cli_recovery_plan_and_outcome(db, capsys):
    path = db.location
    sv.add_account(db, "Gone")
    assert main(["--db", path, "recovery", "outcome", "--account", "Gone", "--outcome",
                 "lost"]) == 2
    assert "not marked as churned" in capsys.readouterr().err
    churn.mark_churned(db, "Gone", date(2027, 1, 5), "dissatisfied")
    assert main(["--db", path, "recovery", "plan", "--account", "Gone", "--date", "2027-01-06",
                 "--step", "Senior visit@+1w", "--step", "Fix and guarantee@+3w"]) == 0
    assert capsys.readouterr().out.count("follow-up") == 2
    assert main(["--db", path, "recovery", "outcome", "--account", "Gone", "--outcome",
                 "won-back", "--value", "700", "--cost", "90", "--date", "2027-02-20"]) == 0
    m = metrics(db, "2027Q1")
    assert (m["recovery_success_rate"], m["recovered_value_per_cost"]) == (1.0, round(700 / 90, 4))
