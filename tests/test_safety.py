"""Data safety: backups and their thinning, restore, check, crash safety, one instance."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from keyaccounts.storage import backup
from keyaccounts import services as sv
from keyaccounts.cli.main import main
from tests.conftest import dump

ROOT = Path(__file__).resolve().parent.parent


def test_thinning_keeps_recent_then_daily_weekly_monthly():
    now = datetime(2026, 11, 27, 12, 0)
    stamps = [now - timedelta(minutes=30 * n) for n in range(48)]        # the last day
    stamps += [now - timedelta(days=d, hours=h) for d in range(2, 7) for h in (1, 5)]
    stamps += [now - timedelta(days=d) for d in range(10, 60, 2)]        # weeks
    stamps += [now - timedelta(days=d) for d in range(70, 400, 10)]      # months and older
    keep = backup.to_keep(stamps, now)
    assert {s for s in stamps if now - s <= timedelta(days=1)} <= keep
    days = [s for s in keep if timedelta(days=1) < now - s <= timedelta(days=7)]
    assert len(days) == len({s.date() for s in days}) == 5  # one a day
    weeks = [s for s in keep if timedelta(days=7) < now - s <= timedelta(weeks=8)]
    assert len(weeks) == len({s.isocalendar()[:2] for s in weeks})
    months = [s for s in keep if timedelta(weeks=8) < now - s <= timedelta(days=372)]
    assert len(months) == len({(s.year, s.month) for s in months}) <= 12
    assert not [s for s in keep if now - s > timedelta(days=372)]
    # The newest of each bucket is the one kept.
    for s in days:
        assert s == max(x for x in stamps if x.date() == s.date())


def test_backup_thin_removes_files(tmp_path, db):
    sv.add_account(db, "Acme")
    now = datetime(2026, 11, 27, 12)
    for days in (0, 3, 3.5, 40, 41, 500):
        backup.make_backup(db.path, when=now - timedelta(days=days))
    removed = backup.thin(db.path, now)
    left = [p for _s, p in backup.list_backups(db.path)]
    # The newest three (0, 3, 3.5 days), one of the week of 40-41 days; not 500 days.
    assert len(removed) == 2 and len(left) == 4
    assert all(stat.S_IMODE(os.stat(p).st_mode) == 0o600 for p in left)
    copy = sqlite3.connect(left[0])
    assert copy.execute("SELECT name FROM account").fetchall() == [("Acme",)]
    copy.close()


def test_automatic_backups_only_when_the_data_changed(db):
    from datetime import date

    from keyaccounts.storage import snapshot

    sv.add_account(db, "Acme")
    first = backup.backup_if_changed(db.path)
    assert first is not None and backup.backup_if_changed(db.path) is None
    # The app's own snapshots, and its closing (a checkpoint), are no change.
    con = db.connect_raw()
    assert snapshot.write(con, date(2026, 11, 27), "en", {"agenda:60": []},
                          since=snapshot.data_version(con))
    con.close()
    db.close()
    assert backup.backup_if_changed(db.path) is None
    # A change by the app, or by another program, is.
    sv.add_contact(db, "Acme", "Zhang Wei")
    second = backup.backup_if_changed(db.path)
    assert second is not None and backup.backup_if_changed(db.path) is None
    other = sqlite3.connect(db.path)
    with other:
        other.execute("UPDATE account SET name = 'Acme Foods'")
    other.close()
    third = backup.backup_if_changed(db.path)
    assert third is not None and len(backup.list_backups(db.path)) == 3
    copy = sqlite3.connect(third)
    assert copy.execute("SELECT name FROM account").fetchall() == [("Acme Foods",)]
    copy.close()
    # With no backup left, one is made whatever the note says.
    for _s, path in backup.list_backups(db.path):
        path.unlink()
    assert backup.backup_if_changed(db.path) is not None


def test_cli_backup_restore_and_check(tmp_path, capsys):
    db = tmp_path / "ka.sqlite3"
    run = lambda *a: main(["--db", str(db), *a])  # noqa: E731
    assert run("--create", "account", "add", "Before") == 0
    assert run("backup", "-o", str(tmp_path / "b.sqlite3")) == 0
    assert run("account", "add", "After") == 0
    assert run("check") == 0
    assert "sound" in capsys.readouterr().out
    assert run("restore", str(tmp_path / "b.sqlite3")) == 0
    assert [a["name"] for a in _accounts(run, capsys)] == ["Before"]
    kept = [p for _s, p in backup.list_backups(db)]
    assert kept  # the database as it was, with "After", is kept
    con = sqlite3.connect(kept[0])
    assert {r[0] for r in con.execute("SELECT name FROM account")} == {"Before", "After"}
    con.close()

    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"garbage" * 500)
    before = dump(db)
    assert run("restore", str(damaged)) == 1
    assert "cannot be restored" in capsys.readouterr().err
    assert dump(db) == before
    assert run("restore", str(tmp_path / "missing.sqlite3")) == 2


def _accounts(run, capsys):
    import json

    capsys.readouterr()
    assert run("accounts", "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_check_reports_a_broken_chain_and_damage(tmp_path, capsys, db):
    sv.add_account(db, "Acme")
    r = sv.log_interaction(db, "Acme", "call", datetime(2026, 11, 1), "x",
                           next_steps=[("a", datetime(2026, 11, 5).date())])
    db.close()
    con = sqlite3.connect(db.path)
    con.execute("UPDATE follow_up SET status = 'carried', closed_on = '2026-11-02'")
    con.commit()
    con.close()
    assert main(["--db", str(db.path), "check"]) == 1
    out = capsys.readouterr().out
    assert f"follow-up {r.opened[0]}: carried to no successor" in out

    broken = tmp_path / "broken.sqlite3"
    data = bytearray(db.path.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    broken.write_bytes(bytes(data))
    assert main(["--db", str(broken), "check"]) == 1
    assert "problems found" in capsys.readouterr().out


def test_a_damaged_database_names_the_latest_backup(tmp_path, capsys):
    db = tmp_path / "ka.sqlite3"
    assert main(["--db", str(db), "--create", "account", "add", "Acme"]) == 0
    made = backup.make_backup(db)
    db.write_bytes(b"not a database any more")
    assert main(["--db", str(db), "accounts"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and made.name in err and "restore" in err
    assert db.read_bytes() == b"not a database any more"  # never overwritten


WRITER = """
import sys, datetime
from keyaccounts.storage.db import open_database
from keyaccounts import services as sv
db = open_database(sys.argv[1])
sv.add_account(db, "Acme")
n = 0
while True:
    r = sv.log_interaction(db, "Acme", "call", datetime.datetime(2026, 1, 1) +
                           datetime.timedelta(minutes=n), f"call {n}",
                           next_steps=[(f"step {n}", datetime.date(2026, 12, 1))])
    print(r.interaction_id, flush=True)
    n += 1
"""


def test_writes_acknowledged_before_a_kill_survive_it(tmp_path):
    db = tmp_path / "crash.sqlite3"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    acknowledged = []
    deadline = time.monotonic() + 60
    while len(acknowledged) < 150 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        acknowledged.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(acknowledged) >= 150
    con = sqlite3.connect(db)
    stored = {r[0] for r in con.execute("SELECT id FROM interaction")}
    con.close()
    assert set(acknowledged) <= stored
    assert main(["--db", str(db), "check"]) == 0


def test_one_instance_per_database_and_stale_locks(qapp, tmp_path):
    from ui.single import SingleInstance

    path = tmp_path / "one.sqlite3"
    first = SingleInstance(path)
    assert first.acquire()
    first.listen()
    second = SingleInstance(path)
    assert not second.acquire()
    raised = []
    first.activated.connect(lambda: raised.append(True))
    assert second.notify_running()
    deadline = time.monotonic() + 5
    while not raised and time.monotonic() < deadline:
        qapp.processEvents()
    assert raised == [True]
    other = SingleInstance(tmp_path / "other.sqlite3")
    assert other.acquire()  # another database is another instance
    other.release()
    first.release()

    # A crashed owner leaves its lock behind; the next start takes it over.
    lock_path = Path(first.lock.fileName())
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    lock_path.write_text(f"{dead}\nkeyaccounts\n{os.uname().nodename}\n")
    again = SingleInstance(path)
    assert again.acquire()
    again.release()


sqlcipher3 = pytest.importorskip("sqlcipher3", reason="the encryption extra is not installed")


def test_encryption_at_rest_round_trip(tmp_path):
    from keyaccounts.storage import crypto
    from keyaccounts.storage.db import NeedsPassphrase, is_encrypted, open_database

    path = tmp_path / "secret.sqlite3"
    with open_database(path) as db:
        sv.add_account(db, "华信")
        sv.add_contact(db, "华信", "张伟", private_notes="喜欢喝茶")
    backup.make_backup(path)
    crypto.encrypt(path, "correct horse")
    assert is_encrypted(path)
    assert b"\xe5\x96\x9c\xe6\xac\xa2" not in path.read_bytes()  # 喜欢 is not readable
    assert all(is_encrypted(p) for _s, p in backup.list_backups(path))
    with pytest.raises(NeedsPassphrase):
        open_database(path)
    with pytest.raises(NeedsPassphrase):
        open_database(path, passphrase="wrong one")
    with open_database(path, passphrase="correct horse") as db:
        assert [c.private_notes for c in sv.list_contacts(db)] == ["喜欢喝茶"]
        sv.add_account(db, "Acme")
        made = backup.make_backup(path, passphrase="correct horse")
        # The start-up snapshot is kept in the encrypted file, and read back with the key.
        from datetime import date

        from keyaccounts.storage import snapshot

        day = date(2026, 11, 27)
        assert snapshot.cached_first_screen(db, day, 60) is None
        items = snapshot.agenda(db, day, 60)
        assert snapshot.agenda(db, day, 60) == items  # from the entries per account
        first = snapshot.cached_first_screen(db, day, 60)  # SQLCipher's JSON functions
        assert first is not None and first.groups == snapshot.first_rows(
            snapshot.group_agenda(items, day))
    assert is_encrypted(made)
    # Automatic backups of an encrypted file: its note read and kept with the key.
    assert backup.backup_if_changed(path, passphrase="correct horse") is not None
    assert backup.backup_if_changed(path, passphrase="correct horse") is None
    assert backup.check_file(path, "correct horse").sound
    assert not backup.check_file(path).sound

    with pytest.raises(Exception):
        crypto.change_passphrase(path, "not it", "new passphrase")
    crypto.change_passphrase(path, "correct horse", "battery staple")
    with open_database(path, passphrase="battery staple") as db:
        assert {a.name for a in sv.list_accounts(db)} == {"华信", "Acme"}
    crypto.decrypt(path, "battery staple")
    assert not is_encrypted(path)
    with open_database(path) as db:
        assert len(sv.list_accounts(db)) == 2


def test_cli_opens_an_encrypted_database_with_the_passphrase(tmp_path, monkeypatch, capsys):
    from keyaccounts.storage import crypto

    path = tmp_path / "cli.sqlite3"
    assert main(["--db", str(path), "--create", "account", "add", "Acme"]) == 0
    crypto.encrypt(path, "a long passphrase")
    capsys.readouterr()
    assert main(["--db", str(path), "accounts"]) == 1
    assert "passphrase" in capsys.readouterr().err
    monkeypatch.setenv("KEYACCOUNTS_PASSPHRASE", "a long passphrase")
    assert main(["--db", str(path), "accounts", "--json"]) == 0
    assert "Acme" in capsys.readouterr().out
    assert main(["--db", str(path), "check"]) == 0
    assert main(["--db", str(path), "backup"]) == 0
