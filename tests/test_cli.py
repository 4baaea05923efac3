import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from keyaccounts.cli.main import main
from keyaccounts.storage.db import open_database
from tests.conftest import dump


@pytest.fixture
def cli(db_target, capsys):
    """The CLI on a new database: a SQLite file, or one on the PostgreSQL test server."""

    def run(*args):
        code = main(["--db", db_target, *args])
        out, err = capsys.readouterr()
        return code, out, err

    open_database(db_target).close()  # made as with --create (see test_open_safety)
    run.path = db_target
    return run


def seeded(cli):
    assert cli("account", "add", "华为", "--tier", "A", "--renewal", "2027-03-01")[0] == 0
    assert cli("account", "add", "Acme")[0] == 0
    assert cli("contact", "add", "--account", "华为", "--name", "张伟", "--level", "exec",
               "--role", "decision-maker", "--email", "zw@example.com", "--birthday", "1975-02-15",
               "--lunar")[0] == 0
    code, out, _ = cli("log", "--account", "华为", "--kind", "visit", "--date", "2026-11-20",
                       "--with", "张伟", "--summary", "Kick-off", "--sentiment", "1",
                       "--next", "Send proposal@2026-11-27", "--next", "Call back@+2w")
    assert code == 0
    assert out.split() == ["interaction", "1", "follow-up", "1", "follow-up", "2"]
    code, out, _ = cli("log", "--account", "Acme", "--kind", "call", "--date", "2026-11-21",
                       "--summary", "hello", "--next", "theirs@2026-11-30")
    assert code == 0
    return cli


def test_contract_json(cli):
    seeded(cli)
    code, out, _ = cli("accounts", "--json")
    accounts = json.loads(out)
    assert {(a["name"], a["tier"], a["status"]) for a in accounts} == {
        ("华为", "A", "active"), ("Acme", "C", "active")}
    assert all({"id", "name", "tier", "status"} <= a.keys() for a in accounts)

    contacts = json.loads(cli("contacts", "--account", "华为", "--json")[1])
    assert contacts == [dict(contacts[0], name="张伟", account="华为", level="exec",
                             role="decision-maker",
                             birthday={"month": 2, "day": 15, "year": 1975, "lunar": True,
                                       "leap": False})]
    assert "private_notes" not in contacts[0]

    fus = json.loads(cli("followups", "--open", "--json")[1])
    assert [(f["id"], f["text"], f["due"], f["status"], f["account"]) for f in fus] == [
        (1, "Send proposal", "2026-11-27", "open", "华为"),
        (3, "theirs", "2026-11-30", "open", "Acme"),
        (2, "Call back", "2026-12-04", "open", "华为")]

    code, out, _ = cli("log", "--account", "华为", "--kind", "call", "--date", "2026-11-25",
                       "--summary", "Follow-up call", "--settle", "1", "--carry", "2=2026-12-15",
                       "--json")
    assert json.loads(out) == {"id": 3, "opened": [4], "settled": [1],
                               "carried": [{"id": 2, "successor": 4}]}
    chain = json.loads(cli("history", "--account", "华为", "--json")[1])
    assert [c["id"] for c in chain] == [3, 1]
    assert {"id", "date", "kind", "summary", "sentiment", "contacts"} <= chain[0].keys()
    assert [f["id"] for f in chain[0]["settled"]] == [1]
    assert [f["id"] for f in chain[0]["carried"]] == [2]
    assert [(f["id"], f["due"]) for f in chain[0]["opened"]] == [(4, "2026-12-15")]
    assert chain[1]["contacts"] == ["张伟"] and chain[1]["date"] == "2026-11-20"
    statuses = {f["id"]: f["status"] for f in json.loads(cli("followups", "--json")[1])}
    assert statuses == {1: "settled", 2: "carried", 3: "open", 4: "open"}


@pytest.mark.parametrize("args, field, value", [
    (["log", "--account", "Nobody", "--kind", "visit", "--date", "2026-11-22", "--summary", "x"],
     "account", "Nobody"),
    (["log", "--account", "华为", "--kind", "visit", "--date", "2026-11-22", "--summary", "x",
      "--with", "李四"], "with", "李四"),
    (["log", "--account", "华为", "--kind", "visit", "--date", "2026-02-30", "--summary", "x"],
     "date", "2026-02-30"),
    (["log", "--account", "华为", "--kind", "party", "--date", "2026-11-22", "--summary", "x"],
     "kind", "party"),
    (["log", "--account", "华为", "--kind", "call", "--date", "2026-11-22", "--summary", "x",
      "--settle", "3"], "settle", "3"),
    (["log", "--account", "华为", "--kind", "call", "--date", "2026-11-22", "--summary", "x",
      "--carry", "1=2026-02-30"], "carry", "2026-02-30"),
    (["log", "--account", "华为", "--kind", "call", "--date", "2026-11-22", "--summary", "x",
      "--next", "no date here"], "next", "no date here"),
    (["log", "--account", "华为", "--kind", "call", "--date", "2026-11-22", "--summary", "x",
      "--sentiment", "5"], "sentiment", "5"),
    (["contact", "add", "--account", "华为", "--name", "X", "--level", "boss"], "level", "boss"),
    (["contact", "add", "--account", "华为", "--name", "X", "--role", "friend"], "role", "friend"),
    (["contact", "add", "--account", "华为", "--name", "X", "--birthday", "1980-02-30"],
     "birthday", "1980-02-30"),
    (["contact", "add", "--account", "Nobody", "--name", "X"], "account", "Nobody"),
    (["account", "add", "华为"], "name", "华为"),
    (["account", "add", "New", "--renewal", "2027-13-01"], "renewal", "2027-13-01"),
    (["account", "add", "New", "--tier", "Z"], "tier", "Z"),
    (["followups", "--account", "Nobody"], "account", "Nobody"),
    (["history", "--account", "Nobody"], "account", "Nobody"),
])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(cli, args, field, value):
    seeded(cli)
    before = dump(cli.path)
    code, out, err = cli(*args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert field in err and value in err
    assert dump(cli.path) == before


def test_usage_errors_are_one_line(cli):
    code, _, err = cli("log", "--account", "x")
    assert code == 2 and err.count("\n") == 1 and "--kind" in err
    code, _, err = cli("frobnicate")
    assert code == 2 and err.count("\n") == 1


def test_damaged_database_is_one_line_exit_1(tmp_path, capsys):
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    assert main(["--db", str(junk), "accounts"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "junk.sqlite3" in err
    assert junk.read_text() == "not a database"


def test_demo_refuses_a_database_that_is_not_empty(cli):
    seeded(cli)
    before = dump(cli.path)
    code, _, err = cli("demo", "--accounts", "3", "--years", "1")
    assert code == 2 and "not empty" in err
    assert dump(cli.path) == before


def test_console_entry_point_and_env_var(tmp_path):
    """The real process: `python -m keyaccounts` with KEYACCOUNTS_DB, no traceback."""
    env = dict(os.environ, KEYACCOUNTS_DB=str(tmp_path / "env.sqlite3"))
    root = Path(__file__).resolve().parent.parent
    run = lambda *a: subprocess.run([sys.executable, "-m", "keyaccounts", *a], env=env,
                                    cwd=root, capture_output=True, text=True)
    made = run("--create", "demo", "--accounts", "5", "--years", "1", "--today", "2026-11-27")
    assert made.returncode == 0, made.stderr
    accounts = json.loads(run("accounts", "--json").stdout)
    assert len(accounts) == 5
    bad = run("contacts", "--account", "Nobody")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().endswith("no such account")


def test_agenda_and_export_ics(cli, tmp_path):
    seeded(cli)
    code, out, _ = cli("agenda", "--from", "2026-11-28", "--days", "14", "--json")
    assert code == 0
    items = json.loads(out)
    keys = {"date", "kind", "account", "contact", "title", "overdue", "source_id"}
    assert all(keys <= set(i) for i in items)
    follow = [i for i in items if i["kind"] == "follow-up"]
    assert [(i["title"], i["date"], i["overdue"]) for i in follow] == [
        ("Send proposal", "2026-11-27", True), ("theirs", "2026-11-30", False),
        ("Call back", "2026-12-04", False)]
    assert {i["kind"] for i in items} <= {
        "follow-up", "visit", "call", "exec-meeting", "tech-meeting", "review", "birthday",
        "anniversary", "festival", "renewal", "complaint-deadline"}
    out_file = tmp_path / "a.ics"
    code, out, _ = cli("export-ics", "-o", str(out_file), "--from", "2026-11-28", "--days", "14")
    assert code == 0 and out_file.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert out_file.read_bytes().count(b"BEGIN:VEVENT") == len(items)


@pytest.mark.parametrize("args, field", [
    (["agenda", "--from", "2026-02-30"], "from"),
    (["agenda", "--days", "0"], "days"),
    (["export-ics", "-o", "/nonexistent-dir/x.ics"], "output"),
])
def test_agenda_bad_input(cli, args, field):
    seeded(cli)
    before = dump(cli.path)
    code, out, err = cli(*args)
    assert code == 2 and err.count("\n") == 1 and field in err
    assert dump(cli.path) == before


def test_health_and_alerts_json(tmp_path, capsys):
    db = str(tmp_path / "h.sqlite3")
    assert main(["--db", db, "--create", "demo", "--accounts", "8", "--years", "2", "--today",
                 "2026-11-27"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "health", "--as-of", "2026-11-27", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert len(scores) == 8
    for h in scores:
        assert set(h) >= {"account", "as_of", "score", "band", "components"}
        assert h["as_of"] == "2026-11-27"
        total = sum(c["points"] for c in h["components"])
        assert h["score"] == int(total + 0.5 + 1e-9)  # the sum, rounded half up
        assert h["band"] == ("green" if h["score"] >= 70 else
                             "amber" if h["score"] >= 40 else "red")
        assert all(set(c) == {"name", "points", "max", "reason"} for c in h["components"])
    one = scores[0]["account"]
    assert main(["--db", db, "health", "--account", one, "--as-of", "2026-11-27",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [scores[0]]
    assert main(["--db", db, "alerts", "--as-of", "2026-11-27", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found and all(set(a) >= {"account", "kind", "since", "reason", "suggested_action"}
                         for a in found)
    assert main(["--db", db, "health", "--as-of", "2026-13-01"]) == 2
    assert "as-of" in capsys.readouterr().err
