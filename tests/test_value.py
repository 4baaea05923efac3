"""Customer value: RFM quintiles, contribution and CLV worked by hand, no look-ahead, and
where the figures are used (tiers, churn, metrics, alerts)."""

import json
import sqlite3
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keyaccounts import services as sv
from keyaccounts.cli.main import main
from keyaccounts.domain import settings as known
from keyaccounts.domain import value as dv
from keyaccounts.domain.errors import ValidationError
from keyaccounts.services import alerts, churn, metrics, revenue, value
from keyaccounts.storage.db import open_database
from tests.conftest import dump

AS_OF = date(2026, 11, 27)


# --- the rules --------------------------------------------------------------------------


def test_quintiles_by_mid_rank_with_ties():
    scores = dv.quintile_scores({"g": 0, "a": 10, "b": 20, "c": 20, "d": 30, "e": 40, "f": 50})
    # mid-rank shares: 0.5/7, 1.5/7, 3/7 (tied), 4.5/7, 5.5/7, 6.5/7
    assert scores == {"g": 1, "a": 2, "b": 3, "c": 3, "d": 4, "e": 4, "f": 5}


def test_small_portfolios_are_spread_over_the_same_scale():
    assert dv.quintile_scores({"x": 1, "y": 2, "z": 3}) == {"x": 1, "y": 3, "z": 5}
    assert dv.quintile_scores({"only": 7}) == {"only": 3}
    assert dv.quintile_scores({"p": 5, "q": 5, "r": 5}) == {"p": 3, "q": 3, "r": 3}
    three = dv.rfm([dv.OrderFacts(1, date(2026, 11, 1), 4, 400),
                    dv.OrderFacts(2, date(2026, 6, 1), 2, 200),
                    dv.OrderFacts(3, None, 0, 0)], AS_OF)
    assert [(v.r, v.f, v.m) for v in three.values()] == [(5, 5, 5), (3, 3, 3), (1, 1, 1)]
    assert [v.segment for v in three.values()] == ["champions", "loyal", "hibernating"]
    assert not three[1].quintiles and three[3].recency_days is None


def test_segment_table_is_one_ordered_table():
    assert dv.segment_of(5, 5, 5).name == "champions"
    assert dv.segment_of(3, 3, 4).name == "loyal"
    assert dv.segment_of(5, 1, 1).name == "promising"
    assert dv.segment_of(3, 1, 2).name == "needs-attention"
    assert dv.segment_of(1, 5, 4).name == "at-risk"
    assert dv.segment_of(2, 1, 1).name == "hibernating"
    assert dv.segment_steps("champions", "at-risk") == 4
    assert dv.segment_steps("at-risk", "loyal") == -3


def test_settings_refuse_bad_rates():
    with pytest.raises(ValidationError, match="must be from 0 to 1"):
        dv.parse_margin_rate(-0.1)
    with pytest.raises(ValidationError, match="below 1"):
        known.DISCOUNT_RATE.check(1)
    with pytest.raises(ValidationError, match="unknown; known: .*exec-meeting") as caught:
        known.COST_PER_KIND.check({"lunch": 100})
    assert caught.value.field == "value.cost_per_kind.lunch"
    assert dv.parse_margin_rate("25%") == 0.25 == known.MARGIN_RATE.parse("25%")


# --- a portfolio worked by hand ---------------------------------------------------------


@pytest.fixture
def book(db):
    """Alpha (A), Beta (B, its own margin 50 %, retention set to 60 %), Gamma (A, churned
    in May), Delta (A), Quiet (C, never ordered: one call)."""
    for name, tier in (("Alpha", "A"), ("Beta", "B"), ("Gamma", "A"), ("Delta", "A"),
                       ("Quiet", "C")):
        sv.add_account(db, name, tier=tier)
    for name, amount, day in (("Alpha", 80_000, date(2025, 6, 1)),   # before the window
                              ("Alpha", 100_000, date(2026, 3, 1)),
                              ("Alpha", 50_000, date(2026, 9, 1)),
                              ("Beta", 40_000, date(2026, 6, 1)),
                              ("Gamma", 70_000, date(2025, 1, 1)),
                              ("Delta", 30_000, date(2025, 5, 1)),
                              ("Delta", 20_000, date(2026, 10, 1))):
        revenue.add_order(db, name, amount, day)
    sv.log_interaction(db, "Alpha", "exec-meeting", datetime(2026, 4, 1, 10), "strategy")
    sv.log_interaction(db, "Alpha", "call", datetime(2026, 5, 1, 10), "order status")
    sv.log_interaction(db, "Alpha", "call", datetime(2026, 11, 27, 16), "on the day counts")
    sv.log_interaction(db, "Alpha", "call", datetime(2026, 11, 28, 9), "the day after: not")
    sv.log_interaction(db, "Beta", "visit", datetime(2026, 7, 1, 10), "site visit")
    sv.log_interaction(db, "Quiet", "call", datetime(2025, 10, 1, 10), "hello")
    churn.mark_churned(db, "Gamma", date(2026, 5, 1), "forced-away", value=0)
    value.set_account_value(db, "Beta", margin_rate="0.5", retention=0.6,
                            reason="Contract ends next year")
    return db


def test_contribution_and_clv_worked_by_hand(book):
    alpha = value.account_value(book, "Alpha", AS_OF)
    c = alpha.contribution
    # 150,000 of orders in the window, 70 % of it cost of goods; effort: an executive
    # meeting (3,000) and two calls (100 each) on or before the day.
    assert (c.revenue, c.cost_of_goods, c.contact_effort) == (150_000, 105_000, 3_200)
    assert c.contribution == 41_800 and c.margin_source == "portfolio"
    kept = alpha.lifetime.retention
    # Tier A a year before: Alpha, Gamma, Delta; Gamma churned since: r = 2/3.
    assert (kept.source, kept.present, kept.kept) == ("tier", 3, 2)
    # 41,800 × (2/3) / (1 + 0.10 − 2/3) = 41,800 × 20/13 = 64,307.7
    assert alpha.clv == 64_308

    beta = value.account_value(book, "Beta", AS_OF)
    # 40,000 − 20,000 (its own margin of 50 %) − one visit 1,000 = 19,000
    assert beta.contribution.contribution == 19_000
    assert beta.contribution.margin_source == "account"
    # 19,000 × 0.6 / (1 + 0.10 − 0.6) = 22,800
    assert beta.clv == 22_800
    assert beta.lifetime.retention.reason == "Contract ends next year"
    assert "22,800" not in beta.lifetime.formula and "19,000 × 0.60" in beta.lifetime.formula


def test_rfm_on_the_portfolio(book):
    values = {v.account: v for v in value.portfolio_value(book, AS_OF)}
    assert set(values) == {"Alpha", "Beta", "Delta", "Quiet"}  # Gamma churned
    quiet = values["Quiet"].rfm
    assert (quiet.recency_days, quiet.frequency, quiet.monetary) == (None, 0, 0)
    assert (quiet.r, quiet.f, quiet.m) == (1, 1, 1) and quiet.segment == "hibernating"
    alpha = values["Alpha"].rfm
    assert (alpha.recency_days, alpha.frequency, alpha.monetary) == (87, 2, 150_000)
    assert alpha.decision_maker_days is None  # nobody of decision-maker level was met
    assert not alpha.quintiles and "fewer than 5" in values["Alpha"].notes[0]
    assert value.segment_by_tier(values.values())["hibernating"]["C"] == 1
    # Gamma on its own: ranked with the portfolio and said so.
    gamma = value.account_value(book, "Gamma", AS_OF)
    assert gamma.rfm.ranked_among == 5 and "not in the active portfolio" in gamma.notes[0]


def _state(db, day):
    return [v.as_json() for v in value.portfolio_value(db, day)]


@pytest.mark.sqlite_only  # copies the file for each example
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(account=st.sampled_from(["Alpha", "Beta", "Delta", "Quiet"]),
       after=st.integers(1, 500), amount=st.integers(0, 10**7),
       kind=st.sampled_from(["call", "exec-meeting", "visit"]))
def test_later_records_leave_an_earlier_day_unchanged(book, tmp_path_factory, account, after,
                                                     amount, kind):
    copy = tmp_path_factory.mktemp("later") / "book.sqlite3"
    with sqlite3.connect(book.path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    with open_database(copy) as db:
        before = _state(db, AS_OF)
        revenue.add_order(db, account, amount, AS_OF + timedelta(days=after))
        sv.log_interaction(db, account, kind, datetime.combine(
            AS_OF + timedelta(days=after), datetime.min.time()) + timedelta(hours=9), "later")
        assert _state(db, AS_OF) == before


# --- where the figures are used ---------------------------------------------------------


def test_churn_value_defaults_to_clv_at_the_churn_date(book):
    day = date(2026, 11, 1)
    clv = value.account_value(book, "Alpha", day).clv
    decided = churn.mark_churned(book, "Alpha", day, "attracted", cost=10_000)
    assert decided["value"] == clv and decided["value_source"] == "clv"
    assert decided["value_per_cost"] == round(clv / 10_000, 4)
    typed = churn.mark_churned(book, "Delta", day, "attracted", value=5)
    assert (typed["value"], typed["value_source"]) == (5, "given")


def test_metrics_show_the_clv_won_back_against_the_cost(book):
    day = date(2027, 1, 10)
    clv = value.account_value(book, "Alpha", day).clv
    churn.mark_churned(book, "Alpha", day, "attracted", value=1, cost=500)
    churn.record_recovery(book, "Alpha", "won-back", date(2027, 2, 1),
                         recovered_value=1, cost=500)
    m = metrics.metrics(book, "2027Q1")
    assert m["recovered_clv"] == clv and m["recovered_value"] == 1
    assert m["recovered_clv_per_cost"] == round(clv / 500, 4)


def test_tiers_by_clv_keep_manual_tiers(book, capsys):
    sv.update_account(book, "Quiet", tier="A", tier_basis="strategic-fit",
                      tier_note="Reference customer")
    path = book.location
    assert main(["--db", path, "tiers", "--by", "clv", "--as-of", "2026-11-27", "--apply",
                 "--json"]) == 0
    rows = {t["account"]: t for t in json.loads(capsys.readouterr().out)}
    assert rows["Quiet"]["manual"] and rows["Quiet"]["suggested"] == "A"
    assert rows["Quiet"]["reason"] == "Reference customer"
    # Quiet counts in tier A's history now (present then and now): r = 3/4, and
    # 41,800 × 0.75 / (1 + 0.10 − 0.75) = 89,571.4
    assert rows["Alpha"]["by"] == "clv" and rows["Alpha"]["value"] == 89_571
    assert rows["Alpha"]["suggested"] == "A"
    tiers = {a.name: a.tier for a in sv.list_accounts(book)}
    assert tiers["Quiet"] == "A" and tiers["Alpha"] == "A"


@pytest.mark.parametrize("argv, message", [
    (["tiers", "--by", "profit"], "by=profit: expected one of: revenue, contribution, clv"),
    (["value", "--portfolio", "--margin", "-0.1"], "value.margin_rate=-0.1: must be from 0"),
    (["value", "--portfolio", "--discount", "1"], "value.discount_rate=1: must be from 0 to "
                                                  "below 1"),
    (["value", "--portfolio", "--discount", "0.1", "--cost", "call=-5"], "call=-5"),
    (["value", "--account", "Alpha", "--margin", "-1"], "margin=-1"),
    (["value", "--account", "Alpha", "--retention", "0.9"], "reason"),
    (["value", "--account", "Nobody"], "Nobody"),
])
def test_bad_input_is_refused_with_one_line(book, capsys, argv, message):
    before = dump(book)
    assert main(["--db", book.location, *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert dump(book) == before


def test_settings_service_checks_the_value_keys(book):
    with pytest.raises(ValidationError):
        sv.set_setting(book, known.MARGIN_RATE.key, -0.2)
    value.set_value_settings(book, margin_rate="0.4", cost_per_kind={"call": "150"})
    margin, _d, costs = value.value_settings(book)
    assert margin == 0.4 and costs["call"] == 150 and costs["visit"] == 1000
    # 150,000 × 0.4 − (3,000 + 2 × 150) = 56,700
    assert value.account_value(book, "Alpha", AS_OF).contribution.contribution == 56_700


def test_cli_value_for_an_account_and_the_portfolio(book, capsys):
    path = book.location
    assert main(["--db", path, "value", "--account", "Alpha", "--as-of", "2026-11-27"]) == 0
    out = capsys.readouterr().out
    assert "contribution (12 months) 41,800" in out and "64,308" in out
    assert "tier A: 2 of 3 accounts" in out
    assert main(["--db", path, "value", "--account", "Alpha", "--as-of", "2026-11-27",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["clv"]["clv"] == 64_308 and data["rfm"]["segment"] in dv.SEGMENT_NAMES
    assert main(["--db", path, "value", "--portfolio", "--as-of", "2026-11-27",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["account"] for a in data["accounts"]] == ["Alpha", "Beta", "Delta", "Quiet"]
    assert sum(sum(t.values()) for t in data["segment_by_tier"].values()) == 4
    assert main(["--db", path, "value", "--account", "Beta", "--retention", "none"]) == 0
    # No tier-B account a year before: the portfolio's rate.
    assert value.account_value(book, "Beta", AS_OF).lifetime.retention.source == "portfolio"


def test_alert_when_a_tier_a_segment_falls_two_steps_in_a_quarter(db):
    names = ["Top", "P2", "P3", "P4", "P5"]
    for n, name in enumerate(names):
        sv.add_account(db, name, tier="A" if name == "Top" else "C")
        for month in range(1, 13):  # everyone orders monthly through 2026 …
            if name != "Top":
                revenue.add_order(db, name, 1000 * (n + 1), date(2026, month, 5))
            elif month <= 8:  # … Top the most, the latest in the month, until August
                revenue.add_order(db, name, 10_000, date(2026, month, 20))
    quarter_ago, today = date(2026, 9, 1), date(2026, 12, 1)
    before = {v.account: v.rfm.segment for v in value.portfolio_value(db, quarter_ago)}
    now = {v.account: v.rfm.segment for v in value.portfolio_value(db, today)}
    assert before["Top"] == "champions" and dv.segment_steps(before["Top"], now["Top"]) >= 2
    found = [a for a in alerts.alerts(db, today) if a.kind == "segment-falling"]
    assert [a.account for a in found] == ["Top"]
    assert found[0].since == date(2026, 10, 1)


# --- the demo portfolio -----------------------------------------------------------------


def test_demo_case_b_slides_from_champions_to_at_risk(demo_db):
    from tests.conftest import DEMO_TODAY

    largest = max(sv.list_accounts(demo_db), key=lambda a: a.annual_revenue or 0).name
    year_ago = value.account_value(demo_db, largest, DEMO_TODAY - timedelta(days=365))
    now = value.account_value(demo_db, largest, DEMO_TODAY)
    assert year_ago.rfm.segment == "champions" and now.rfm.segment == "at-risk"
    assert now.contribution.contribution < year_ago.contribution.contribution


def test_the_default_demo_has_every_segment(tmp_path):
    from keyaccounts.devtools.demo import build_demo
    from tests.conftest import DEMO_TODAY

    with open_database(tmp_path / "demo.sqlite3") as db:
        build_demo(db, today=DEMO_TODAY)
        table = value.segment_by_tier(value.portfolio_value(db, DEMO_TODAY))
    assert all(sum(tiers.values()) for tiers in table.values()), table


# --- the quarterly reviews --------------------------------------------------------------


def test_reviews_show_value_against_the_previous_quarter(book, tmp_path):
    from pypdf import PdfReader

    from keyaccounts.io import report

    def text_of(path):
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)

    now = value.account_value(book, "Alpha", date(2026, 12, 31))
    before = value.account_value(book, "Alpha", date(2026, 9, 30))
    text = text_of(report.account_report(book, "Alpha", "2026Q4", tmp_path / "a.pdf"))
    assert "Customer value" in text
    assert f"Lifetime value (CLV): {now.clv:,} ({now.clv - before.clv:+,}" in text
    change = now.contribution.contribution - before.contribution.contribution
    assert f"{now.contribution.contribution:,} ({change:+,}" in text
    assert f"(previous quarter: {before.rfm.r}-{before.rfm.f}-{before.rfm.m}" in text
    text = text_of(report.portfolio_report(book, "2026Q4", tmp_path / "p.pdf"))
    table = value.segment_by_tier(value.portfolio_value(book, date(2026, 12, 31)))
    hibernating = table["hibernating"]
    assert "Customer value: segment × tier" in text
    assert (f"hibernating: A {hibernating['A']} · B {hibernating['B']} · "
            f"C {hibernating['C']}") in text


@pytest.mark.parametrize("text", ["０.３", "0,3", "nan", "inf", "1e-1", "", "--0.1", "30 %"])
def test_rates_are_ascii_numbers(text):
    with pytest.raises(ValidationError):
        dv.parse_margin_rate(text)


def test_costs_are_whole_amounts_within_range():
    assert known.COST_PER_KIND.check({"call": "1,500", "visit": 800}) == {"call": 1500,
                                                                         "visit": 800}
    for bad in ("１００", "1,5", 10 ** 16, -1, 1.5, True):
        with pytest.raises(ValidationError):
            known.COST_PER_KIND.check({"call": bad})


def test_value_settings_are_in_the_registry_and_set_like_any_other(book, capsys):
    path = book.location
    assert main(["--db", path, "settings", "list", "--json"]) == 0
    listed = {s["key"]: s for s in json.loads(capsys.readouterr().out)}
    assert listed["value.margin_rate"]["value"] == 0.3
    assert listed["value.discount_rate"]["type"] == "rate"
    assert listed["value.cost_per_kind"]["value"]["exec-meeting"] == 3000
    assert main(["--db", path, "settings", "set", "value.margin_rate", "40%", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == 0.4
    # commas between thousands stay inside an amount; the kinds not named keep theirs
    assert main(["--db", path, "settings", "set", "value.cost_per_kind",
                 "exec-meeting=2,500, call=150"]) == 0
    assert "exec-meeting=2500" in capsys.readouterr().out
    margin, _d, costs = value.value_settings(book)
    assert margin == 0.4 and costs["exec-meeting"] == 2500 and costs["call"] == 150
    assert costs["visit"] == 1000
    # 150,000 × 0.4 − (2,500 + 2 × 150) = 57,200
    assert value.account_value(book, "Alpha", AS_OF).contribution.contribution == 57_200
    before = dump(book)
    for key, text in (("value.discount_rate", "1"), ("value.margin_rate", "-0.05"),
                      ("value.cost_per_kind", "lunch=100"), ("value.cost_per_kind", "call=1,5")):
        assert main(["--db", path, "settings", "set", key, text]) == 2
        err = capsys.readouterr().err
        assert key in err and len(err.strip().splitlines()) == 1
    assert dump(book) == before
    assert main(["--db", path, "settings", "set", "value.margin_rate", ""]) == 0
    assert value.value_settings(book)[0] == 0.3
