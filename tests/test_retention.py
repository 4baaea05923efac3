"""Satisfaction in the health score; churn reasons and the win-back decision defaults."""

import json
from datetime import date

import pytest

from keyaccounts.services import health
from keyaccounts import services as sv
from keyaccounts.cli.main import main
from keyaccounts.domain.errors import ValidationError
from keyaccounts.services.retention import add_survey, default_pursue, list_surveys, mark_churned


@pytest.fixture
def acme(db):
    sv.add_account(db, "Acme")
    sv.add_contact(db, "Acme", "Li Na")
    return db


def satisfaction(db, day):
    [h] = health.health(db, day, "Acme")
    return next(c for c in h.components if c.name == "satisfaction")


def test_surveys_feed_the_satisfaction_component(acme):
    assert satisfaction(acme, date(2026, 11, 27)).points == 2.5  # neutral without
    add_survey(acme, "Acme", "nps", 6, date(2026, 3, 1), contact="Li Na")
    add_survey(acme, "Acme", "nps", 9, date(2026, 10, 1))
    add_survey(acme, "Acme", "csat", 3, date(2026, 10, 5))
    part = satisfaction(acme, date(2026, 11, 27))
    assert part.points == round(5 * (0.9 + 0.5) / 2, 1)
    assert "NPS 9/10 on 2026-10-01" in part.reason and "CSAT 3/5" in part.reason
    # As of before the later surveys, only the first counts (no look-ahead).
    assert satisfaction(acme, date(2026, 4, 1)).points == 3.0
    assert [s.score for s in list_surveys(acme, "Acme")] == [3, 9, 6]
    with pytest.raises(ValidationError) as err:
        add_survey(acme, "Acme", "csat", 7, date(2026, 10, 5))
    assert err.value.field == "score"


@pytest.mark.parametrize("reason, pursued", [
    ("given-up", False), ("forced-away", False), ("bought", False),
    ("attracted", True), ("dissatisfied", True), ("other", True)])
def test_win_back_defaults_from_the_reason(reason, pursued):
    assert default_pursue(reason) is pursued


def test_churn_override_needs_a_justification(acme):
    with pytest.raises(ValidationError) as err:
        mark_churned(acme, "Acme", date(2026, 11, 1), "bought", pursue=True)
    assert err.value.field == "justification"
    assert sv.list_accounts(acme)[0].status == "active"  # nothing written
    decided = mark_churned(acme, "Acme", date(2026, 11, 1), "bought", value=900_000,
                           cost=50_000, pursue=True,
                           justification="The inducement ended; the CEO asked us back")
    assert decided["pursue"] and not decided["default"]
    assert sv.list_accounts(acme)[0].status == "churned"


def test_cli_survey_and_churn(tmp_path, capsys):
    db = str(tmp_path / "r.sqlite3")
    assert main(["--db", db, "--create", "account", "add", "Acme"]) == 0
    assert main(["--db", db, "survey", "--account", "Acme", "--kind", "nps", "--score", "11"]) == 2
    assert "score=11" in capsys.readouterr().err
    assert main(["--db", db, "churn", "--account", "Acme", "--reason", "attracted",
                 "--value", "100", "--cost", "10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pursue"] is True
