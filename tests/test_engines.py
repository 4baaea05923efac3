"""The same portfolio prints the same data on SQLite and on PostgreSQL."""

from __future__ import annotations

import json

import pytest

from keyaccounts.cli import main

SEED, TODAY, PERIOD = 5, "2026-11-27", "2026Q3"
ID_KEYS = {"id", "key", "series", "source_id"}
# Who logged an interaction is the login a PostgreSQL server records; a SQLite file has none.
WRITER_KEYS = {"logged_by"}


def _without_ids(value):
    """*value* with the database's own numbering left out ("ids aside")."""
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items()
                if k not in ID_KEYS | WRITER_KEYS and not k.endswith("_id") and not k.endswith("_ids")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _report(target: str, capsys) -> dict:
    def run(*args):
        code = main(["--db", target, *args])
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    run("--create", "demo", "--seed", str(SEED), "--today", TODAY, "--accounts", "15",
        "--years", "2")
    accounts = json.loads(run("accounts", "--json"))
    assert len(accounts) == 15
    report = {"accounts": accounts,
              "agenda": json.loads(run("agenda", "--from", TODAY, "--days", "60", "--json")),
              "health": json.loads(run("health", "--as-of", TODAY, "--json")),
              "alerts": json.loads(run("alerts", "--as-of", TODAY, "--json")),
              "metrics": json.loads(run("metrics", "--period", PERIOD, "--json")),
              "history": {a["name"]: json.loads(run("history", "--account", a["name"], "--json"))
                          for a in accounts[:4]}}
    return _without_ids(report)


def test_the_demo_reads_the_same_on_both_engines(tmp_path, pg_server, capsys):
    on_sqlite = _report(str(tmp_path / "demo.sqlite3"), capsys)
    url = pg_server.create_database()
    try:
        on_postgresql = _report(url, capsys)
    finally:
        pg_server.drop_database(url)
    assert on_sqlite["agenda"] and on_sqlite["health"] and on_sqlite["history"]
    for part in on_sqlite:
        assert on_postgresql[part] == on_sqlite[part], part


@pytest.mark.parametrize("target", ["mysql://u@h/d", "postgresql+psycopg://u@/x?host=/nowhere"])
def test_a_url_that_cannot_be_opened_is_one_line(target, capsys):
    # A server out of reach, or an engine we do not run on: the --db given is the
    # problem (bad input, exit 2), as for a server refusing the password.
    assert main(["--db", target, "accounts"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "error" in err
