"""Versioned edits, sharing and hand-over (issue 16), through the CLI as each person."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy.engine import make_url

from keyaccounts import services as sv
from keyaccounts.cli import main
from keyaccounts.domain.errors import VersionConflict
from keyaccounts.services import team
from keyaccounts.storage.db import open_database
from tests.test_team_rls import team_db  # noqa: F401  (the fixture)


def as_person(url, login):
    return make_url(url).set(username=login).render_as_string(hide_password=False)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_an_edit_on_an_outdated_copy_is_refused(db, capsys):
    sv.add_account(db, "Acme")
    [seen] = sv.list_accounts(db)
    assert seen.version == 1
    sv.update_account(db, "Acme", industry="retail", if_version=1)
    with pytest.raises(VersionConflict, match="version 2, your copy is version 1"):
        sv.update_account(db, "Acme", industry="steel", if_version=1)
    assert sv.find_account(db, "Acme").industry == "retail"
    code, _, err = run(capsys, "--db", db.location if db.is_file else str(
        db.url.render_as_string(hide_password=False)), "account", "edit", "Acme",
        "--notes", "x", "--if-version", "1")
    assert code == 2 and "nothing was saved" in err


def test_the_version_conflict_names_who_changed_it(pg_server, team_db, capsys):  # noqa: F811
    url, people = team_db
    ann = as_person(url, people["ann"])
    code, out, _ = run(capsys, "--db", ann, "accounts", "--json")
    [account] = json.loads(out)
    with open_database(as_person(url, people["lee"])) as db:  # her lead edits it
        sv.update_account(db, account["name"], notes="from the lead")
    code, _, err = run(capsys, "--db", ann, "account", "edit", account["name"], "--notes",
                       "mine", "--if-version", str(account["version"]))
    assert code == 2 and people["lee"] in err


def test_share_and_hand_over_with_owner_history(pg_server, team_db, capsys):  # noqa: F811
    url, people = team_db
    ann, bob = as_person(url, people["ann"]), as_person(url, people["bob"])
    code, _, err = run(capsys, "--db", ann, "account", "share", "ann account", "--with",
                       people["bob"])
    assert code == 0, err
    code, out, _ = run(capsys, "--db", bob, "accounts", "--json")
    assert sorted(a["name"] for a in json.loads(out)) == ["ann account", "bob account"]
    # Bob may not hand over what he was only shown.
    code, _, err = run(capsys, "--db", bob, "account", "hand-over", "ann account", "--to",
                       people["bob"], "--reason", "mine now")
    assert code == 2 and "owner" in err
    code, _, err = run(capsys, "--db", ann, "account", "hand-over", "ann account", "--to",
                       "nobody_at_all", "--reason", "x")
    assert code == 2 and "nobody_at_all" in err
    code, out, err = run(capsys, "--db", ann, "account", "hand-over", "ann account", "--to",
                         people["bob"], "--reason", "Ann moves to the south",
                         "--on", "2026-12-01", "--json")
    assert code == 0, err
    [done] = json.loads(out)
    assert (done["followups_moved"], done["followups_opened"]) == (1, 1)
    code, out, _ = run(capsys, "--db", ann, "accounts", "--json")
    assert [a["name"] for a in json.loads(out)] == []  # gone with the hand-over
    with open_database(bob) as db:
        [history] = team.owner_history(db, "ann account")
        assert (history["from"], history["to"], history["on"], history["by"]) == (
            people["ann"], people["bob"], date(2026, 12, 1), people["ann"])
        followups = sv.list_followups(db, "ann account", open_only=True)
        assert {f.owner for f in followups} == {people["bob"]}
        assert any("Meet ann contact" in f.text and f.due == date(2026, 12, 31)
                   for f in followups)
        page = sv.account_page(db, "ann account")
        assert [c.contact.private_notes for c in page.contacts] == ["ann private"]


def test_a_lead_hands_over_a_whole_portfolio(pg_server, team_db, capsys):  # noqa: F811
    url, people = team_db
    lee = as_person(url, people["lee"])
    code, _, err = run(capsys, "--db", lee, "team", "hand-over", "--from", people["sam"],
                       "--to", people["ann"], "--reason", "x")
    assert code == 0  # sam is of another team: the lead sees nothing of his to move
    code, out, err = run(capsys, "--db", lee, "team", "hand-over", "--from", people["bob"],
                         "--to", people["ann"], "--reason", "Bob leaves", "--json")
    assert code == 0, err
    assert [h["account"] for h in json.loads(out)] == ["bob account"]
    code, out, _ = run(capsys, "--db", as_person(url, people["ann"]), "accounts", "--json")
    assert sorted(a["name"] for a in json.loads(out)) == ["ann account", "bob account"]
    code, _, err = run(capsys, "--db", lee, "team", "hand-over", "--from", people["ann"],
                       "--to", people["sam"], "--reason", "x")
    assert code == 2 and "not in your team" in err


def test_the_chain_says_who_logged_each_interaction(pg_server, team_db, capsys):  # noqa: F811
    url, people = team_db
    code, out, err = run(capsys, "--db", as_person(url, people["ann"]), "history", "--account",
                         "ann account", "--json")
    assert code == 0, err
    assert [i["logged_by"] for i in json.loads(out)] == [people["ann"]]


def test_a_name_taken_by_an_unseen_account_and_the_owner_filter(pg_server, team_db, capsys):  # noqa: F811,E501
    url, people = team_db
    ann = as_person(url, people["ann"])
    code, _, err = run(capsys, "--db", ann, "account", "add", "bob account")
    assert code == 2 and "another person's" in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "--db", as_person(url, people["lee"]), "accounts", "--owner",
                       people["bob"], "--json")
    assert [a["name"] for a in json.loads(out)] == ["bob account"]


def test_an_export_as_a_person_holds_what_they_may_see(pg_server, team_db, capsys,  # noqa: F811
                                                       tmp_path):
    url, people = team_db
    out_file = tmp_path / "ann.json"
    code, _, err = run(capsys, "--db", as_person(url, people["ann"]), "export", "json", "-o",
                       str(out_file), "--private")
    assert code == 0, err
    tables = json.loads(out_file.read_text(encoding="utf-8"))["tables"]
    assert [a["name"] for a in tables["account"]] == ["ann account"]
    assert [c["name"] for c in tables["contact"]] == ["ann contact"]
    assert [p["notes"] for p in tables["contact_private"]] == ["ann private"]
    assert [i["summary"] for i in tables["interaction"]] == ["ann visit"]


def test_a_managers_agenda_is_their_own(pg_server, team_db, capsys):  # noqa: F811
    url, people = team_db
    ann, bob = as_person(url, people["ann"]), as_person(url, people["bob"])
    with open_database(url) as admin, admin.engine.connect() as c:  # the fixture's day
        day = c.exec_driver_sql("SELECT opened_on FROM follow_up WHERE text = 'ann promise'"
                                ).scalar()
    assert run(capsys, "--db", ann, "account", "share", "ann account", "--with",
               people["bob"], "--write")[0] == 0
    assert run(capsys, "--db", ann, "followup", "add", "--account", "ann account",
               f"Bob brings the samples@{day + timedelta(days=4)}", "--owner",
               people["bob"])[0] == 0
    code, out, err = run(capsys, "--db", bob, "agenda", "--from", day.isoformat(),
                         "--days", "30", "--json")
    assert code == 0, err
    titles = {(i["account"], i["title"]) for i in json.loads(out) if i["kind"] == "follow-up"}
    assert ("ann account", "Bob brings the samples") in titles
    assert not any(a == "ann account" and t == "ann promise" for a, t in titles)  # Ann's own
    assert ("bob account", "bob promise") in titles
    code, out, _ = run(capsys, "--db", as_person(url, people["lee"]), "agenda",
                       "--from", day.isoformat(), "--json")
    assert {i["account"] for i in json.loads(out)} >= {"ann account", "bob account"}
