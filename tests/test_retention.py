"""Satisfaction in the health score; churn reasons and the win-back decision defaults."""

import json
from datetime import date

import pytest

from keyaccounts.services import health
from keyaccounts import services as sv
from keyaccounts.cli.main import main
from keyaccounts.domain.errors import ValidationError
from keyaccounts.services.churn import default_pursue, mark_churned
from keyaccounts.services.satisfaction import add_survey, list_surveys


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


def test_an_account_won_back_may_churn_again_and_keeps_its_history(acme, capsys):
    from keyaccounts.services.churn import churn_history, churn_of, record_recovery

    mark_churned(acme, "Acme", date(2026, 3, 1), "attracted", value=100, cost=10)
    with pytest.raises(ValidationError) as err:  # not won back: the loss stays as it is
        mark_churned(acme, "Acme", date(2026, 4, 1), "other", value=1)
    assert err.value.field == "account"
    record_recovery(acme, "Acme", "won-back", date(2026, 5, 1), recovered_value=80)
    assert sv.list_accounts(acme)[0].status == "active"
    with pytest.raises(ValidationError) as err:  # before it was won back
        mark_churned(acme, "Acme", date(2026, 4, 30), "other", value=1)
    assert err.value.field == "date"
    path = acme.location
    assert main(["--db", path, "churn", "--account", "Acme", "--reason", "dissatisfied",
                 "--value", "50", "--date", "2026-09-01", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["churned_on"] == "2026-09-01"  # the keys that were there stay
    assert [(e["churned_on"], e["reason"], e["outcome"]) for e in out["history"]] == [
        ("2026-03-01", "attracted", "won-back"), ("2026-09-01", "dissatisfied", None)]
    assert churn_of(acme, "Acme").reason == "dissatisfied"
    [first, latest] = churn_history(acme, "Acme")
    assert (first.value, first.cost, first.recovered_value) == (100, 10, 80)
    assert latest.outcome is None and sv.list_accounts(acme)[0].status == "churned"


def test_a_json_export_from_before_churn_events_keeps_its_churns(acme, tmp_path):
    from keyaccounts.io import exporter
    from keyaccounts.services.churn import churn_history
    from keyaccounts.storage.db import open_database

    mark_churned(acme, "Acme", date(2026, 3, 1), "attracted", value=100)
    doc = json.loads(exporter.database_json(acme))
    # As schema 0011 wrote it: the churn on the account, no churn_event table.
    [event] = doc["tables"].pop("churn_event")
    doc["schema"] = "0011"
    doc["tables"]["account"][0].update(churned_on=event["churned_on"],
                                       churn_reason=event["reason"], churn_value=100)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(doc), encoding="utf-8")
    with open_database(tmp_path / "new.sqlite3") as fresh:
        exporter.import_json(fresh, old)
        [loss] = churn_history(fresh, "Acme")
        assert (loss.churned_on, loss.reason, loss.value) == (date(2026, 3, 1), "attracted", 100)
