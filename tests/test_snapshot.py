"""The start-up snapshot (a file's first screen): current while nothing changes, gone as
soon as anything does. The views under it are kept per account (tests/test_account_cache)."""

import sqlite3
from datetime import date, datetime, timedelta

from keyaccounts.services import planner
from keyaccounts.storage import cache, snapshot
from keyaccounts import services as sv
from keyaccounts.domain.today import group_agenda

from tests.conftest import DEMO_TODAY

DAYS = 60


def test_every_table_but_the_snapshots_own_deletes_them_on_any_change(db):
    con = sqlite3.connect(db.path)
    try:
        tables = snapshot.guarded_tables(con.execute)
        triggers = {r[0] for r in con.execute(
            "SELECT tbl_name || ':' || name FROM sqlite_master WHERE type = 'trigger'")}
    finally:
        con.close()
    assert "account" in tables and "snapshot" not in tables
    for table in tables:  # a migration that adds or rebuilds a table must guard it
        for event in ("insert", "update", "delete"):
            assert f"{table}:snapshot_stale_after_{event}_{table}" in triggers


def test_the_snapshot_is_the_first_screen_until_a_write_of_any_kind(demo_db):
    assert snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS) is None
    computed = snapshot.agenda(demo_db, DEMO_TODAY, DAYS)
    assert computed == planner.agenda(demo_db, DEMO_TODAY, DAYS, today=DEMO_TODAY,
                                      snoozed=True)
    first = snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS)
    groups = group_agenda(computed, DEMO_TODAY)
    assert first.counts == [len(g) for g in groups]
    assert first.groups == snapshot.first_rows(groups)
    shown = [len(g) for g in first.groups]
    assert sum(shown) == min(snapshot.FIRST_ROWS, len(computed))
    assert shown[0] == min(snapshot.FIRST_ROWS, len(groups[0]))  # in order
    # Another day or language misses.
    assert snapshot.cached_first_screen(demo_db, DEMO_TODAY + timedelta(days=1), DAYS) is None

    # A write through the services (the app's or the CLI's) …
    account = sv.list_accounts(demo_db)[0]
    sv.log_interaction(demo_db, account.name, "call", datetime(2026, 11, 27, 9), "Quick call")
    assert snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS) is None
    # … or by any other tool, straight into the file.
    snapshot.agenda(demo_db, DEMO_TODAY, DAYS)
    con = sqlite3.connect(demo_db.path)
    with con:
        con.execute("UPDATE follow_up SET due = '2026-12-01' WHERE id = (SELECT MIN(id)"
                    " FROM follow_up)")
    con.close()
    assert snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS) is None


def test_an_agenda_computed_while_another_connection_wrote_is_not_kept(demo_db):
    con = demo_db.connect_raw()
    since = snapshot.data_version(con)
    other = sqlite3.connect(demo_db.path)
    with other:  # commits after the agenda was read: it may be out of date
        other.execute("UPDATE account SET notes = 'changed' WHERE id = 1")
    other.close()
    assert not snapshot.write(con, DEMO_TODAY, "en", {"agenda:60:first": []}, since=since)
    assert not snapshot.is_current(con, DEMO_TODAY, DAYS)
    assert snapshot.write(con, DEMO_TODAY, "en", {"agenda:60:first": []},
                          since=snapshot.data_version(con))
    assert snapshot.is_current(con, DEMO_TODAY, DAYS)
    con.close()


def test_the_json_export_leaves_the_snapshot_out(demo_db, tmp_path):
    import json

    from keyaccounts.io import exporter

    snapshot.agenda(demo_db, DEMO_TODAY, DAYS)
    doc = json.loads(exporter.database_json(demo_db))
    assert "snapshot" not in doc["tables"] and doc["tables"]["account"]
    assert date.fromisoformat(doc["exported"][:10])


def test_the_next_days_are_prepared_and_old_days_pruned(demo_db):
    assert snapshot.prepare(demo_db, DEMO_TODAY, DAYS, ahead=2) == 3  # 2 agendas, 1 health
    assert snapshot.prepare(demo_db, DEMO_TODAY, DAYS, ahead=2) == 0  # kept, not redone
    tomorrow = DEMO_TODAY + timedelta(days=1)
    first = snapshot.cached_first_screen(demo_db, tomorrow, DAYS)
    assert sum(first.counts) == len(planner.agenda(demo_db, tomorrow, DAYS, today=tomorrow,
                                                   snoozed=True))
    # The start tomorrow keeps its own day's and drops the days before.
    snapshot.agenda(demo_db, tomorrow, DAYS, today=tomorrow)
    assert snapshot.cached_first_screen(demo_db, DEMO_TODAY + timedelta(days=2), DAYS)
    con = sqlite3.connect(demo_db.path)
    days = {r[0] for r in con.execute("SELECT day FROM snapshot")}
    entry_days = {r[0] for r in con.execute("SELECT day FROM account_cache")}
    con.close()
    assert min(days) == min(entry_days) == tomorrow.isoformat()


def test_health_marks_and_alerts_are_kept_until_a_write(demo_db):
    from keyaccounts.services import alerts, health

    assert snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS) is None
    marks, found = snapshot.health(demo_db, DEMO_TODAY)
    now = {h.account_id: h for h in health.health(demo_db, DEMO_TODAY)}
    month_ago = {h.account_id: h.score
                 for h in health.health(demo_db, DEMO_TODAY - timedelta(days=30))}
    assert {m.account_id: (m.score, m.band, m.before) for m in marks} == {
        aid: (h.score, h.band, month_ago.get(aid)) for aid, h in now.items()}
    assert found == alerts.alerts(demo_db, DEMO_TODAY) and found
    assert snapshot.health(demo_db, DEMO_TODAY) == (marks, found)
    snapshot.agenda(demo_db, DEMO_TODAY, DAYS)
    first = snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS)
    assert (first.alerts, first.alert_count) == (found[:snapshot.FIRST_ALERTS], len(found))

    alert = found[0]
    alerts.dismiss(demo_db, alert, "handled by phone", on=DEMO_TODAY)
    assert snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS) is None
    assert alert not in snapshot.health(demo_db, DEMO_TODAY)[1]


def test_preparing_the_next_day_keeps_its_health_too(demo_db):
    tomorrow = DEMO_TODAY + timedelta(days=1)
    snapshot.prepare(demo_db, DEMO_TODAY, DAYS, ahead=1)
    first = snapshot.cached_first_screen(demo_db, tomorrow, DAYS)
    assert first.alerts and first.alert_count >= len(first.alerts)


def test_the_agenda_is_computed_and_kept_in_a_fresh_process(demo_file, tmp_path):
    """After an outside change the app computes the agenda first, and keeps it."""
    import subprocess
    import sys

    path = tmp_path / "demo.sqlite3"
    path.write_bytes(demo_file.read_bytes())
    script = (
        "from datetime import date\n"
        "from keyaccounts.storage import snapshot\n"
        "from keyaccounts.storage.db import open_database\n"
        f"db = open_database({str(path)!r})\n"
        f"day = date.fromisoformat({DEMO_TODAY.isoformat()!r})\n"
        "items = snapshot.agenda(db, day, 60)\n"
        "assert snapshot.cached_first_screen(db, day, 60) is not None and items\n"
        "print(len(items))\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) > 0


def test_the_first_screen_takes_its_rows_from_the_groups_in_order(monkeypatch):
    monkeypatch.setattr(snapshot, "FIRST_ROWS", 7)
    groups = [list("abcde"), list("fgh"), list("ijkl"), []]
    assert snapshot.first_rows(groups) == [list("abcde"), list("fg"), [], []]
    assert snapshot.first_rows([list("ab"), [], list("cd")]) == [list("ab"), [], list("cd")]


def test_an_upgrade_paints_nothing_computed_before_it(demo_db, monkeypatch):
    """Snapshots are the app version's and the schema revision's: after an upgrade that
    changes the agenda's or health's rules (or the schema), they are computed anew,
    and the old ones go."""
    computed = snapshot.agenda(demo_db, DEMO_TODAY, DAYS)
    snapshot.health(demo_db, DEMO_TODAY)
    assert snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS) is not None

    monkeypatch.setattr(snapshot, "__version__", "99.0")  # a newer app, same schema
    assert snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS) is None
    con = demo_db.connect_raw()
    assert not cache.valid(snapshot.cache.runner(con.execute), "agenda:60",
                           DEMO_TODAY.isoformat(), "en", snapshot.generation(con),
                           cache.stamps(snapshot.cache.runner(con.execute)))
    assert not snapshot.is_current(con, DEMO_TODAY, DAYS)
    assert snapshot.agenda(demo_db, DEMO_TODAY, DAYS) == computed  # kept anew …
    names = [n for (n,) in con.execute("SELECT name FROM snapshot WHERE name != ?",
                                       (snapshot.BACKED_UP,))]
    assert names and all(n.endswith("|" + snapshot.generation(con)) for n in names)
    assert snapshot.generation(con).startswith("99.0/")  # … and the older app's are gone
    assert snapshot.is_current(con, DEMO_TODAY, DAYS)

    # A migration (the schema's revision) misses too; the table the revision is in
    # is not guarded, so only the key tells.
    con.execute("UPDATE alembic_version SET version_num = 'next'")
    assert not snapshot.is_current(con, DEMO_TODAY, DAYS)
    assert snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS) is None
    con.close()


def test_a_snapshot_that_cannot_be_read_or_kept_says_why_in_the_log(demo_db, caplog):
    snapshot.agenda(demo_db, DEMO_TODAY, DAYS)
    con = sqlite3.connect(demo_db.path)
    with con:
        con.execute("ALTER TABLE snapshot RENAME TO snapshot_elsewhere")
    con.close()
    with caplog.at_level("WARNING", logger=snapshot.__name__):
        assert snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS) is None
        # Still assembled, for the page; its first screen not kept.
        assert snapshot.agenda(demo_db, DEMO_TODAY, DAYS)
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2 and all("no such table: snapshot" in m for m in messages)
    assert "not kept" in messages[-1]


def test_a_bug_in_the_cache_is_raised_not_taken_for_a_miss(demo_db):
    """A payload that is not what this module wrote is a bug: said loudly."""
    import pytest

    snapshot.agenda(demo_db, DEMO_TODAY, DAYS)
    con = sqlite3.connect(demo_db.path)
    with con:  # the snapshot table is unguarded: this leaves the rest as it was
        con.execute("UPDATE snapshot SET payload = '{\"counts\": [1]}'"
                    " WHERE name LIKE 'agenda:60:first|%'")
    con.close()
    with pytest.raises(KeyError):
        snapshot.cached_first_screen(demo_db, DEMO_TODAY, DAYS)
