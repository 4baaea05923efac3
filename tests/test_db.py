import os
import sqlite3
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from keyaccounts.storage import db as kdb
from keyaccounts import services as sv
from keyaccounts.domain.errors import DatabaseError


def test_new_database_is_private_wal_with_foreign_keys(tmp_path):
    path = tmp_path / "sub" / "new.sqlite3"  # as the default one, in its own folder
    with kdb.open_database(path, folders=True) as database:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        with database.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == kdb.BUSY_TIMEOUT_MS
            assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == \
                kdb.head_revision()


def test_head_revision_agrees_with_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(kdb.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(config)
    assert script.get_current_head() == kdb.head_revision()
    assert [r.revision for r in reversed(list(script.walk_revisions()))] == kdb.known_revisions()


def test_migration_from_first_revision_keeps_everything(empty_target):
    """Create at the first revision, fill it, open (upgrading to head): all there."""
    import sqlalchemy as sa

    first = kdb.known_revisions()[0]
    is_file = "://" not in empty_target
    engine = (kdb.make_engine(empty_target) if is_file
              else kdb.make_server_engine(kdb.server_url(empty_target)))
    kdb.upgrade(engine, first)

    def table(name, *columns):
        return sa.table(name, *(sa.column(c) for c in columns))

    def insert(c, table_name, **row):
        c.execute(sa.insert(table(table_name, *row)), row)

    with engine.begin() as c:
        insert(c, "account", id=1, name="老客户", tier="A", tier_basis="revenue", tier_note="",
               industry="retail", owner="me", status="active", notes="n", archived=False,
               created_at=datetime(2020, 1, 1))
        insert(c, "interaction", id=1, account_id=1, kind="visit", channel="",
               occurred_at=datetime(2020, 2, 1, 10), our_participants="",
               summary="first visit", sentiment=1, created_at=datetime(2020, 2, 1, 10))
        insert(c, "follow_up", id=1, account_id=1, text="send quote", due=date(2020, 2, 8),
               owner="", opened_on=date(2020, 2, 1), opened_by_id=1, origin="", status="open")
    engine.dispose()

    with kdb.open_database(empty_target) as database:
        [acc] = sv.list_accounts(database)
        assert (acc.name, acc.tier, acc.notes) == ("老客户", "A", "n")
        [i] = sv.history(database, "老客户")
        assert i.summary == "first visit" and [f.text for f in i.opened] == ["send quote"]
        assert i.date == date(2020, 2, 1) and i.time == "10:00"
        sv.set_setting(database, "k", 1)  # the newer table works
    if first != kdb.head_revision() and is_file:
        path = Path(empty_target)
        backups = list(kdb.backups_dir(path).glob("old-before-*.sqlite3"))
        assert len(backups) == 1
        con = sqlite3.connect(backups[0])
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == first
        con.close()


def test_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    kdb.open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="newer version"):
        kdb.open_database(path)
    assert path.read_bytes() == before


def test_not_a_database_is_refused_untouched(tmp_path):
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        kdb.open_database(junk)
    assert junk.read_bytes() == b"this is not sqlite at all" * 100

    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="not a KeyAccounts database"):
        kdb.open_database(other)


def test_resolve_path_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("KEYACCOUNTS_DB", str(tmp_path / "env.sqlite3"))
    assert kdb.resolve_path(tmp_path / "flag.sqlite3") == tmp_path / "flag.sqlite3"
    assert kdb.resolve_path(None) == tmp_path / "env.sqlite3"
    monkeypatch.delenv("KEYACCOUNTS_DB")
    assert kdb.resolve_path(None).parent == kdb.data_dir()
    assert kdb.resolve_path(None, demo=True).name == "demo.sqlite3"


def test_a_failed_unit_of_work_writes_nothing(db):
    sv.add_account(db, "Keep")
    with pytest.raises(RuntimeError):
        with db.transaction() as s:
            from keyaccounts.storage.model import Account

            s.add(Account(name="Lost"))
            s.flush()
            raise RuntimeError("boom")
    assert [a.name for a in sv.list_accounts(db)] == ["Keep"]


def test_migrations_build_exactly_the_model(db):
    """Every model change has its migration: autogenerate finds nothing to do."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from keyaccounts.storage.model import Base

    with db.engine.connect() as c:
        assert compare_metadata(MigrationContext.configure(c), Base.metadata) == []


def test_a_path_with_uri_characters_opens_read_only_too(tmp_path):
    from keyaccounts import services as sv

    path = tmp_path / "odd #1 ?100%.sqlite3"
    with kdb.open_database(path) as database:
        sv.add_account(database, "Acme")
        con = database.connect_raw(readonly=True)
        try:
            assert con.execute("SELECT name FROM account").fetchall() == [("Acme",)]
        finally:
            con.close()


@pytest.mark.sqlite_only  # the write lock of a file; a server has row locks
def test_a_unit_of_work_is_not_undone_by_a_commit_elsewhere_while_it_runs(db):
    """A unit of work holds the write lock from its start: another connection's commit
    (the app's worker keeping a snapshot, the CLI) waits for it instead of making it
    fail with 'database is locked'."""
    import threading
    import time
    from keyaccounts.storage.model import Account

    sv.add_account(db, "Acme")
    read, other_tries, outcome = threading.Event(), threading.Event(), {}

    def elsewhere():
        read.wait(5)
        other_tries.set()
        con = db.connect_raw()  # waits up to the busy timeout for the lock
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO setting (key, value) VALUES ('elsewhere', '1')")
            con.execute("COMMIT")
            outcome["wrote"] = True
        finally:
            con.close()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    with db.transaction() as s:
        account = s.get(Account, 1)  # read first …
        read.set()
        other_tries.wait(5)
        time.sleep(0.2)  # … while the other connection tries to commit …
        account.notes = "written after"  # … then write
    thread.join(10)
    assert [a.notes for a in sv.list_accounts(db)] == ["written after"]
    assert outcome["wrote"]  # the other one waited its turn, then wrote
    assert sv.get_setting(db, "elsewhere") == 1


@pytest.mark.sqlite_only
def test_a_database_kept_busy_elsewhere_says_so_and_saves_nothing(db, monkeypatch):
    sv.add_account(db, "Acme")
    monkeypatch.setattr(kdb, "BUSY_TIMEOUT_MS", 100)
    db.close()  # reconnect with the short busy timeout
    blocker = sqlite3.connect(db.path)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(DatabaseError, match="busy; nothing was saved"):
            sv.add_account(db, "Beta")
    finally:
        blocker.rollback()
        blocker.close()
    assert [a.name for a in sv.list_accounts(db)] == ["Acme"]


def test_migration_0012_moves_each_churn_into_a_churn_event(empty_target):
    """A 0011 database keeps its churns: each account's churn columns become one churn
    event (nothing lost), and the columns leave the account table."""
    import sqlalchemy as sa

    from keyaccounts.services import churn

    is_file = "://" not in empty_target
    engine = (kdb.make_engine(empty_target) if is_file
              else kdb.make_server_engine(kdb.server_url(empty_target)))
    kdb.upgrade(engine, "0011")
    base = dict(tier="A", tier_basis="revenue", tier_note="", industry="", owner="",
                notes="", archived=False, created_at=datetime(2020, 1, 1),
                pursue_justification="", retention_reason="")
    rows = [dict(base, id=1, name="Stays", status="active"),
            dict(base, id=2, name="Lost", status="churned", churned_on=date(2026, 3, 1),
                 churn_reason="dissatisfied", churn_value=900, recovery_cost=100, pursue=True,
                 recovery_outcome="lost", recovered_on=date(2026, 6, 1), recovered_value=0),
            dict(base, id=3, name="Back", status="active", churned_on=date(2026, 2, 1),
                 churn_reason="bought", churn_value=50, pursue=True,
                 pursue_justification="The CEO asked us back", recovery_outcome="won-back",
                 recovered_on=date(2026, 5, 1), recovered_value=40)]
    account = sa.table("account", *(sa.column(c) for c in rows[1]))
    with engine.begin() as c:
        for row in rows:  # one by one: a list would take the first row's columns only
            c.execute(sa.insert(account), row)
    engine.dispose()

    with kdb.open_database(empty_target) as database:
        assert churn.churn_history(database, "Stays") == []
        [lost] = churn.churn_history(database, "Lost")
        assert (lost.churned_on, lost.reason, lost.value, lost.cost, lost.pursue,
                lost.outcome, lost.recovered_on, lost.recovered_value) == (
            date(2026, 3, 1), "dissatisfied", 900, 100, True, "lost", date(2026, 6, 1), 0)
        [back] = churn.churn_history(database, "Back")
        assert (back.reason, back.justification, back.outcome, back.recovered_value) == (
            "bought", "The CEO asked us back", "won-back", 40)
        with database.engine.connect() as c:
            columns = {col["name"] for col in sa.inspect(c).get_columns("account")}
        assert not columns & {"churned_on", "churn_reason", "recovered_on", "pursue"}
        # Won back, it may churn again; the first loss stays in its history.
        churn.mark_churned(database, "Back", date(2026, 9, 1), "attracted", value=10)
        assert [e.churned_on for e in churn.churn_history(database, "Back")] == [
            date(2026, 2, 1), date(2026, 9, 1)]
        assert churn.churn_of(database, "Back").reason == "attracted"
