"""The team lead's view (issue 16): ``portfolio`` by owner — health bands, at risk,
neglected, follow-ups past due, complaints past deadline, hand-overs in progress; the same
on a SQLite file (no owners: one group) and on a team server as each person."""

from __future__ import annotations

import json
from datetime import date, datetime

from keyaccounts import services as sv
from keyaccounts.cli import main
from keyaccounts.domain import clock
from keyaccounts.services import complaints, portfolio, team
from keyaccounts.storage.db import open_database
from tests.test_team_handover import as_person
from tests.test_team_rls import team_db  # noqa: F401  (the fixture)

AS_OF = date(2031, 3, 1)


def _location(db) -> str:
    return db.location if db.is_file else db.url.render_as_string(hide_password=False)


def test_without_owners_one_group_with_every_figure(db, capsys):
    sv.add_account(db, "Quiet")  # never contacted: neglected
    sv.add_account(db, "Busy", tier="C")
    sv.log_interaction(db, "Busy", "visit", datetime(2031, 2, 20, 10), "Catch-up")
    sv.add_followup(db, "Busy", "Send the offer", date(2031, 2, 21), opened_on=date(2031, 2, 20))
    sv.add_followup(db, "Quiet", "Call back", date(2031, 2, 1), opened_on=date(2031, 1, 1))
    complaints.add_complaint(db, "Busy", "Late delivery", date(2031, 1, 5))
    view = portfolio.by_owner(db, AS_OF)
    [group] = view.owners
    assert (group.owner, group.accounts, group.neglected) == ("", 2, ["Quiet"])
    assert group.overdue_followups == 2 and group.complaints_past_deadline == 1
    assert sum(group.bands.values()) == 2
    assert main(["--db", _location(db), "portfolio", "--as-of", AS_OF.isoformat(),
                 "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["accounts"] == 2 and shown["owners"][0]["owner"] == ""
    assert [c["account"] for c in shown["complaints_past_deadline"]] == ["Busy"]
    assert shown["hand_overs_in_progress"] == []
    assert set(shown["owners"][0]) >= {"bands", "at_risk", "neglected", "overdue_followups",
                                       "complaints_past_deadline", "hand_overs_in_progress"}
    assert main(["--db", _location(db), "portfolio", "--as-of", "2031-02-30"]) == 2


def test_a_lead_sees_the_team_by_owner_and_the_hand_overs(pg_server, team_db, capsys):  # noqa: F811,E501
    url, people = team_db
    ann, bob, lee = (as_person(url, people[k]) for k in ("ann", "bob", "lee"))
    with open_database(ann) as db:
        team.hand_over(db, "ann account", people["bob"], "Ann moves south",
                       on=date(2031, 2, 10))
    assert main(["--db", lee, "portfolio", "--as-of", AS_OF.isoformat(), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    owners = {o["owner"]: o for o in shown["owners"]}
    assert list(owners) == [people["bob"]]  # Ann's account is Bob's now; Sam's is not seen
    assert owners[people["bob"]]["accounts"] == 2 and owners[people["bob"]]["name"] == "Bob"
    assert owners[people["bob"]]["hand_overs_in_progress"] == 1
    [h] = shown["hand_overs_in_progress"]
    assert (h["account"], h["from"], h["to"], h["unmet"], h["late"]) == (
        "ann account", people["ann"], people["bob"], ["ann contact"], False)
    with open_database(bob) as db:  # met: no longer in progress
        with clock.frozen(date(2031, 2, 20)):
            sv.log_interaction(db, "ann account", "visit", datetime(2031, 2, 20, 10),
                               "Bob meets the buyer", contacts=["ann contact"])
        assert portfolio.by_owner(db, AS_OF).hand_overs == ()
    with open_database(as_person(url, people["sam"])) as db:
        assert [o.owner for o in portfolio.by_owner(db, AS_OF).owners] == [people["sam"]]
    assert main(["--db", lee, "portfolio", "--as-of", AS_OF.isoformat(), "--owner",
                 people["sam"], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["owners"] == []


def test_the_portfolio_review_pdf_groups_by_owner(db, tmp_path):
    from pypdf import PdfReader

    from keyaccounts.io import report

    sv.add_account(db, "Acme", owner="Li Na")
    sv.add_account(db, "Beta", owner="Wang Fang")
    sv.log_interaction(db, "Beta", "visit", datetime(2027, 3, 20, 10), "Review")
    path = report.portfolio_report(db, "2027Q1", tmp_path / "review.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(path).pages)
    assert "By owner" in text
    assert "Li Na: 1 accounts" in text and "Wang Fang: 1 accounts" in text
    assert "neglected: Acme" in text
    assert "(Li Na) —" in text  # an account at risk names its owner
