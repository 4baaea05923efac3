"""Complaints: deadlines by severity (configurable), response, resolution, and how they
show in the agenda, the alerts and the health."""

import json
from datetime import date, datetime, timedelta

import pytest

from keyaccounts.services import alerts, complaints, health, planner
from keyaccounts import services as sv
from keyaccounts.cli.main import main
from keyaccounts.domain.errors import ValidationError

RECEIVED = date(2026, 11, 2)


@pytest.fixture
def acme(db):
    sv.add_account(db, "Acme")
    sv.add_contact(db, "Acme", "Li Na", level="ops")
    return db


def test_deadline_by_severity_and_configurable(acme):
    c = complaints.add_complaint(acme, "Acme", "Late delivery", RECEIVED, severity="high",
                                 category="delivery", contact="Li Na")
    assert c.deadline == RECEIVED + timedelta(days=3) and c.contact == "Li Na"
    sv.set_setting(acme, complaints.DEADLINE_SETTING, {"high": 2})
    d = complaints.add_complaint(acme, "Acme", "Again", RECEIVED, severity="high")
    assert d.deadline == RECEIVED + timedelta(days=2)
    with pytest.raises(ValidationError) as err:
        complaints.add_complaint(acme, "Acme", "x", RECEIVED, severity="urgent")
    assert err.value.field == "severity"


def test_states_response_and_resolution_time(acme):
    c = complaints.add_complaint(acme, "Acme", "Quality issue", RECEIVED, severity="medium")
    assert c.state(RECEIVED) == "open" and c.state(date(2026, 11, 10)) == "overdue"
    complaints.respond(acme, c.id, date(2026, 11, 5))
    with pytest.raises(ValidationError):
        complaints.resolve(acme, c.id, date(2026, 11, 12), root_cause="", what_changed="x",
                           customer_informed=True)
    done = complaints.resolve(acme, c.id, date(2026, 11, 12), root_cause="Supplier batch",
                              what_changed="Incoming inspection", customer_informed=True)
    assert done.state(date(2026, 11, 20)) == "resolved" and done.resolution_days == 10
    assert done.first_response_on == date(2026, 11, 5)


def test_a_logged_complaint_is_recorded_and_shows_everywhere(acme):
    sv.log_interaction(acme, "Acme", "complaint", datetime(2026, 11, 2, 10), "Late again",
                       contacts=["Li Na"], sentiment=-2)
    [c] = complaints.list_complaints(acme, open_only=True)
    assert (c.summary, c.contact, c.deadline) == ("Late again", "Li Na", date(2026, 11, 9))
    items = [i for i in planner.agenda(acme, date(2026, 11, 5), 10)
             if i.kind == "complaint-deadline"]
    assert [(i.date, i.overdue) for i in items] == [(date(2026, 11, 9), False)]
    later = {a.kind for a in alerts.alerts(acme, date(2026, 11, 12))}
    assert "complaint-overdue" in later
    [h] = health.health(acme, date(2026, 11, 12), "Acme")
    part = next(p for p in h.components if p.name == "complaints")
    assert part.points == 5 and "1 past the response deadline" in part.reason
    # Answering it (agenda "done") takes the deadline off the agenda and the alert away.
    planner.mark_done(acme, items[0], on=date(2026, 11, 8))
    assert not [i for i in planner.agenda(acme, date(2026, 11, 5), 10)
                if i.kind == "complaint-deadline"]
    assert "complaint-overdue" not in {a.kind for a in alerts.alerts(acme, date(2026, 11, 12))}
    [h] = health.health(acme, date(2026, 11, 12), "Acme")
    assert next(p for p in h.components if p.name == "complaints").points == 7.5


def test_cli_complaints(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite3")
    assert main(["--db", db, "--create", "account", "add", "Acme"]) == 0
    assert main(["--db", db, "complaint", "add", "--account", "Acme", "--summary", "Broken",
                 "--severity", "critical", "--date", "2026-11-02", "--json"]) == 0
    out = capsys.readouterr().out
    made = json.loads(out[out.index("{"):])
    assert made["deadline"] == "2026-11-03" and made["severity"] == "critical"
    assert main(["--db", db, "complaint", "resolve", str(made["id"]), "--root-cause", "Bug",
                 "--changed", "Fixed", "--informed", "--date", "2026-11-04"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "complaints", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["state"], row["resolution_days"], row["customer_informed"]) == (
        "resolved", 2, True)
    assert main(["--db", db, "complaint", "respond", "99"]) == 2
    assert "complaint=99" in capsys.readouterr().err
