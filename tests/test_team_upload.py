"""Moving in (issue 16): ``team upload FILE --owner LOGIN`` copies a personal SQLite
file's portfolio into the team database, owned by that person: all or nothing, twice adds
nothing, names held by another owner's accounts reported and nothing merged."""

from __future__ import annotations

import json
from datetime import date

from keyaccounts import services as sv
from keyaccounts.cli import main
from keyaccounts.devtools.demo import build_demo
from keyaccounts.storage.db import open_database
from tests.test_team_handover import as_person
from tests.test_team_rls import team_db  # noqa: F401  (the fixture)

TODAY = date(2026, 11, 27)
CHILDREN = ("contact", "contact_private", "interaction", "interaction_contact", "follow_up",
            "cadence", "complaint", "survey", "order_line", "need", "churn_event")


def personal_file(tmp_path, accounts=4):
    path = tmp_path / "mine.sqlite3"
    with open_database(path) as db:
        build_demo(db, accounts=accounts, years=1, today=TODAY)
        sv.update_account(db, sv.list_accounts(db)[0].name, notes="a personal note")
    return path


def tables_of(capsys, target, tmp_path, name):
    out = tmp_path / f"{name}.json"
    assert main(["--db", str(target), "export", "json", "-o", str(out), "--private"]) == 0, \
        capsys.readouterr().err
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8"))["tables"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_upload_owned_by_the_person_and_twice_adds_nothing(pg_server, team_db, capsys,  # noqa: F811,E501
                                                          tmp_path):
    url, people = team_db
    path = personal_file(tmp_path)
    mine = tables_of(capsys, path, tmp_path, "mine")
    code, out, err = run(capsys, "--db", url, "team", "upload", str(path), "--owner",
                         people["ann"], "--json")
    assert code == 0, err
    done = json.loads(out)
    assert sorted(done["accounts"]) == sorted(a["name"] for a in mine["account"])
    assert done["already"] == []
    ann = as_person(url, people["ann"])
    theirs = tables_of(capsys, ann, tmp_path, "ann")
    uploaded = {a["id"] for a in theirs["account"] if a["name"] != "ann account"}
    assert {a["owner"] for a in theirs["account"]} == {people["ann"]}
    for table in CHILDREN:  # every record came, in the uploaded accounts
        if table in ("contact_private", "interaction_contact"):
            extra = 1 if table == "contact_private" else 0  # Ann's own
            assert len(theirs[table]) == len(mine[table]) + extra, table
            continue
        got = [r for r in theirs[table] if r["account_id"] in uploaded]
        assert len(got) == len(mine[table]) == done["records"].get(table, 0), table
    assert "a personal note" in {a["notes"] for a in theirs["account"]}
    # The chain's links point at the new rows: the same history, account by account.
    def chain(i):
        return (i.date, i.time, i.summary, i.contacts, [(f.text, f.due, f.status)
                                                         for f in i.opened + i.settled])

    with open_database(path) as db:
        before = {a.name: [chain(i) for i in sv.history(db, a.name)]
                  for a in sv.list_accounts(db)}
    with open_database(ann) as db:
        after = {name: [chain(i) for i in sv.history(db, name)] for name in before}
    assert after == before
    # Twice: nothing added.
    code, out, err = run(capsys, "--db", url, "team", "upload", str(path), "--owner",
                         people["ann"], "--json")
    assert code == 0, err
    again = json.loads(out)
    assert (again["accounts"], again["records"]) == ([], {})
    assert sorted(again["already"]) == sorted(done["accounts"])
    assert tables_of(capsys, ann, tmp_path, "ann2") == theirs


def test_a_name_clash_is_reported_and_nothing_uploaded(pg_server, team_db, capsys,  # noqa: F811
                                                       tmp_path):
    url, people = team_db
    path = personal_file(tmp_path, accounts=3)
    with open_database(path) as db:
        first = sv.list_accounts(db)[0].name
        sv.update_account(db, first, name="sam account")  # Sam's, on the server
    ann = as_person(url, people["ann"])
    for who in (url, ann):  # as the administrator (sees it) and as Ann (does not)
        code, _out, err = run(capsys, "--db", who, "team", "upload", str(path), "--owner",
                              people["ann"])
        assert code == 2 and "sam account" in err and len(err.strip().splitlines()) == 1
    with open_database(ann) as db:
        assert [a.name for a in sv.list_accounts(db)] == ["ann account"]
    code, _out, err = run(capsys, "--db", url, "team", "upload", str(path), "--owner",
                          "nobody_at_all")
    assert code == 2 and "nobody_at_all" in err
    code, _out, err = run(capsys, "--db", url, "team", "upload", str(tmp_path / "none"),
                          "--owner", people["ann"])
    assert code == 2 and "none" in err
    code, _out, err = run(capsys, "--db", str(path), "team", "upload", str(path), "--owner",
                          people["ann"])
    assert code == 2 and "team database" in err


def test_a_person_uploads_their_own_file(pg_server, team_db, capsys, tmp_path):  # noqa: F811
    url, people = team_db
    path = personal_file(tmp_path, accounts=2)
    bob = as_person(url, people["bob"])
    code, out, err = run(capsys, "--db", bob, "team", "upload", str(path), "--owner",
                         people["bob"])
    assert code == 0, err
    assert "2 accounts uploaded" in out
    with open_database(bob) as db:
        assert len(sv.list_accounts(db)) == 3
        assert {a.owner for a in sv.list_accounts(db)} == {people["bob"]}
