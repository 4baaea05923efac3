"""`metrics` reports the satisfaction measures of DOMAIN.md §11 for the period: NPS
(promoters less detractors, -100 to 100) and CSAT (share of 4s and 5s), each with its
number of answers; the CLI and the portfolio review show them (both engines)."""

from __future__ import annotations

import json
from datetime import date

from keyaccounts import services as sv
from keyaccounts.services import satisfaction
from keyaccounts.services.metrics import measure_lines, metrics


def test_nps_and_csat_of_the_period_with_their_answers(db):
    sv.add_account(db, "Acme")
    for score, day in ((10, date(2026, 10, 5)), (9, date(2026, 11, 1)),
                       (7, date(2026, 11, 2)), (3, date(2026, 12, 30)),
                       (0, date(2026, 9, 30))):  # the last one is of the quarter before
        satisfaction.add_survey(db, "Acme", "nps", score, day)
    for score in (5, 4, 2):
        satisfaction.add_survey(db, "Acme", "csat", score, date(2026, 11, 10))
    result = metrics(db, "2026Q4")
    assert (result["nps"], result["nps_answers"]) == (25, 4)  # (2 - 1) / 4
    assert (result["csat_rate"], result["csat_answers"]) == (0.6667, 3)
    lines = dict(measure_lines(result))
    assert lines["net promoter score (NPS)"] == "25"
    assert lines["satisfied customers (CSAT 4 or 5 of 5)"] == "66.7%"
    assert lines["NPS answers"] == "4"

    empty = metrics(db, "2027Q1")
    assert (empty["nps"], empty["nps_answers"], empty["csat_rate"]) == (None, 0, None)


def test_the_cli_reports_them(db, db_target, capsys):
    from keyaccounts.cli.main import main

    sv.add_account(db, "Acme")
    satisfaction.add_survey(db, "Acme", "nps", 10, date(2026, 11, 1))
    code = main(["--db", str(db_target), "metrics", "--period", "2026Q4", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and (out["nps"], out["nps_answers"], out["csat_answers"]) == (100, 1, 0)


def test_the_portfolio_review_shows_them(db, db_target, tmp_path):
    from keyaccounts.cli.main import main
    from tests.test_report import text_of

    sv.add_account(db, "Acme")
    satisfaction.add_survey(db, "Acme", "csat", 5, date(2026, 11, 1))
    out = tmp_path / "review.pdf"
    assert main(["--db", str(db_target), "report", "--portfolio", "--period", "2026Q4",
                 "-o", str(out)]) == 0
    text = " ".join(text_of(out).split())
    assert "satisfied customers (CSAT 4 or 5 of 5): 100%" in text
    assert "CSAT answers: 1" in text and "net promoter score (NPS): —" in text
