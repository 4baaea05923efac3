"""Backups, thinning, damage and restore as the user meets them: the CLI as a subprocess,
real files, a full disk (a file size limit), a second process writing during a restore."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from keyaccounts.storage import backup
from keyaccounts.storage.db import backups_dir, open_database
from tests.conftest import dump
from tests.safety_cli import ROOT, cli, leftovers

DAY = datetime(2026, 11, 27)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@pytest.fixture
def demo(tmp_path) -> Path:
    path = tmp_path / "ka.sqlite3"
    r = cli(path, "--create", "demo", "--accounts", "3", "--years", "1")
    assert r.returncode == 0, r.stderr
    return path


def damage(path: Path) -> bytes:
    """4 KiB of random bytes in the middle of the file; the file as it is then."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle:middle + 4096] = random.Random(7).randbytes(4096)
    path.write_bytes(bytes(data))
    return bytes(data)


def test_thinning_counts_verified_backups_only_and_keeps_the_newest(tmp_path):
    db = tmp_path / "ka.sqlite3"
    assert cli(db, "--create", "account", "add", "Acme").returncode == 0
    good = [backup.make_backup(db, when=DAY.replace(hour=h)) for h in (9, 10, 11, 12)]
    folder = backups_dir(db)
    empty = folder / backup.backup_name(db, DAY.replace(hour=13))
    empty.write_bytes(b"")
    corrupt = folder / backup.backup_name(db, DAY.replace(hour=14))
    corrupt.write_bytes(good[-1].read_bytes()[:4096] + os.urandom(8192))
    # The clock far ahead: every backup is years old, no bucket keeps any.
    removed = backup.thin(db, DAY + timedelta(days=3000))
    assert removed == [good[0]]
    assert all(p.exists() for p in good[1:] + [empty, corrupt])  # bad files: not deleted
    assert backup.latest_backup(db) == good[-1]
    # A day's four good backups and a 0-byte one: the day keeps a good one.
    removed = backup.thin(db, DAY + timedelta(days=3))
    assert good[-1].exists() and not removed
    # What the user is pointed to is the latest verified backup.
    db.write_bytes(b"not a database any more")
    r = cli(db, "accounts")
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert good[-1].name in r.stderr and empty.name not in r.stderr


def test_a_damaged_database_is_neither_written_nor_backed_up(demo):
    made = cli(demo, "backup")
    assert made.returncode == 0, made.stderr
    good = Path(made.stdout.strip())
    assert good.is_file()
    folder = backups_dir(demo)
    before_backups = names(folder)
    damaged = damage(demo)
    for args in (("accounts",), ("account", "add", "Beta"),
                 ("log", "--account", "x", "--kind", "call", "--date", "2026-11-27",
                  "--summary", "s"), ("backup",)):
        r = cli(demo, *args)
        assert r.returncode == 1, (args, r.stderr)
        assert r.stderr.count("\n") == 1 and "damaged" in r.stderr, r.stderr
        assert good.name in r.stderr  # the latest verified backup, to restore
        assert demo.read_bytes() == damaged
        assert names(folder) == before_backups
    r = cli(demo, "restore", str(good))
    assert r.returncode == 0, r.stderr
    assert cli(demo, "check").returncode == 0
    kept = [n for n in names(folder) if "damaged" in n]
    assert len(kept) == 1 and (folder / kept[0]).read_bytes() == damaged
    assert (folder / kept[0]).stat().st_mode & 0o077 == 0
    assert leftovers(demo.parent) == []


def test_a_manual_backup_of_an_unchanged_database_is_a_no_op(tmp_path):
    db = tmp_path / "ka.sqlite3"
    assert cli(db, "--create", "account", "add", "Acme").returncode == 0
    first = cli(db, "backup")
    assert first.returncode == 0
    again = cli(db, "backup")
    assert again.returncode == 0 and "No change" in again.stderr
    assert again.stdout == first.stdout and len(names(backups_dir(db))) == 2  # + .verified
    assert cli(db, "account", "add", "Beta").returncode == 0
    third = cli(db, "backup")
    assert third.returncode == 0 and third.stdout != first.stdout
    assert len(backup.list_backups(db)) == 2


def test_a_failed_backup_leaves_nothing_that_looks_like_one(demo, tmp_path):
    folder = backups_dir(demo)
    # A full disk: the copy (~200 KiB) cannot be written.
    r = cli(demo, "backup", fsize=64 * 1024)
    assert r.returncode in (1, 2) and r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert backup.list_backups(demo) == [] and leftovers(tmp_path) == []
    # A backup killed half-way leaves a hidden partial file: the next one removes it.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    folder.mkdir(exist_ok=True)
    abandoned = folder / f".ka-20261127-120000.sqlite3.{dead}.partial"
    abandoned.write_bytes(b"SQLite format 3\x00half")
    assert cli(demo, "backup").returncode == 0
    assert not abandoned.exists() and len(backup.list_backups(demo)) == 1


def test_a_missing_passphrase_makes_no_backup(tmp_path):
    pytest.importorskip("sqlcipher3")
    from keyaccounts.storage import crypto

    db = tmp_path / "secret.sqlite3"
    assert cli(db, "--create", "account", "add", "Acme").returncode == 0
    crypto.encrypt(db, "a long passphrase")
    r = cli(db, "backup")
    assert r.returncode == 1 and "passphrase" in r.stderr.lower()
    assert backup.list_backups(db) == [] and leftovers(tmp_path) == []
    r = cli(db, "backup", env={"KEYACCOUNTS_PASSPHRASE": "a long passphrase"})
    assert r.returncode == 0, r.stderr
    made = Path(r.stdout.strip())
    assert backup.latest_backup(db, "a long passphrase") == made
    assert backup.latest_backup(db) == made  # verified as it was written


def _older_schema(path: Path) -> None:
    from keyaccounts.storage.db import known_revisions, make_engine, upgrade

    engine = make_engine(path)
    upgrade(engine, known_revisions()[-2])
    engine.dispose()


def test_check_and_upgrades_leave_no_stray_copies(tmp_path, monkeypatch):
    old = tmp_path / "old.sqlite3"
    _older_schema(old)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    r = cli(old, "check", env={"TMPDIR": str(scratch)})
    assert r.returncode == 0, r.stdout + r.stderr
    assert names(scratch) == []  # the migrated copy it checked is gone
    # A failed upgrade leaves no "before" copy (the file is as it was).
    from keyaccounts.storage import db as storage_db

    def failing(engine, revision="head"):
        raise RuntimeError("the upgrade failed")

    monkeypatch.setattr(storage_db, "upgrade", failing)
    with pytest.raises(RuntimeError):
        open_database(old)
    assert backup.list_backups(old) == [] and leftovers(tmp_path) == []
    monkeypatch.undo()
    # A successful one keeps a verified copy, under the same thinning as the backups.
    open_database(old).close()
    [(_stamp, before)] = backup.verified_backups(old)
    assert "-before-" in before.name


WRITER = """
import sys
from keyaccounts.storage.db import open_database
from keyaccounts import services as sv
db = open_database(sys.argv[1])
n = 0
while True:
    sv.add_account(db, f"W{n}")
    print(n, flush=True)
    n += 1
"""


def test_a_restore_while_another_process_writes_loses_no_acknowledged_write(tmp_path):
    db = tmp_path / "ka.sqlite3"
    assert cli(db, "--create", "account", "add", "Acme").returncode == 0
    source = tmp_path / "source.sqlite3"
    assert cli(db, "backup", "-o", str(source)).returncode == 0
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    acks: list[tuple[float, int]] = []

    def read():
        for line in proc.stdout:
            acks.append((time.monotonic(), int(line)))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        while len(acks) < 20:
            time.sleep(0.05)
        restores = []
        for _ in range(3):
            start = time.monotonic()
            r = cli(db, "restore", str(source))
            assert r.returncode == 0, r.stderr
            kept = r.stdout.strip().splitlines()[-1].split(" kept in ")[-1].rstrip(".")
            restores.append((start, time.monotonic(), Path(kept)))
        count = len(acks)
        while len(acks) < count + 20:
            time.sleep(0.05)
    finally:
        proc.kill()
        proc.wait()
        reader.join(5)

    def accounts(path: Path) -> set[str]:
        con = sqlite3.connect(path)
        try:
            return {r[0] for r in con.execute("SELECT name FROM account")}
        finally:
            con.close()

    # Every write acknowledged since the previous restore, before this one began, is in
    # the copy this one kept.
    previous_end = 0.0
    for start, end, kept in restores:
        assert {f"W{n}" for t, n in acks if previous_end < t < start} <= accounts(kept)
        previous_end = end
    # Every write acknowledged after the last restore ended is in the database.
    last_end = restores[-1][1]
    assert {f"W{n}" for t, n in acks if t > last_end} <= accounts(db)
    assert cli(db, "check").returncode == 0


def test_the_users_database_syncs_every_commit(tmp_path):
    with open_database(tmp_path / "ka.sqlite3") as database:
        with database.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_a_restore_on_a_full_disk_leaves_the_healthy_database_as_it_was(demo, tmp_path):
    source = tmp_path / "source.sqlite3"
    assert cli(demo, "backup", "-o", str(source)).returncode == 0
    assert cli(demo, "account", "add", "After").returncode == 0
    before = dump(demo)
    r = cli(demo, "restore", str(source), fsize=64 * 1024)
    assert r.returncode in (1, 2) and r.stderr.count("\n") == 1, r.stderr
    assert "damaged" not in r.stderr and "Traceback" not in r.stderr
    assert dump(demo) == before
    assert not [n for n in names(backups_dir(demo)) if "damaged" in n]
    assert leftovers(tmp_path) == []


def test_a_restore_keeps_the_encryption_choice_explicit(tmp_path):
    pytest.importorskip("sqlcipher3")
    from keyaccounts.storage import crypto

    db = tmp_path / "secret.sqlite3"
    assert cli(db, "--create", "account", "add", "Acme").returncode == 0
    plain = tmp_path / "plain.sqlite3"
    assert cli(db, "backup", "-o", str(plain)).returncode == 0
    crypto.encrypt(db, "a long passphrase")
    encrypted = db.read_bytes()
    key = {"KEYACCOUNTS_PASSPHRASE": "a long passphrase"}
    r = cli(db, "restore", str(plain), env=key)  # would drop the encryption
    assert r.returncode == 1 and "not encrypted" in r.stderr, r.stderr
    r = cli(db, "restore", str(plain))  # no passphrase: not taken for damage
    assert r.returncode == 1 and "KEYACCOUNTS_PASSPHRASE" in r.stderr
    assert db.read_bytes() == encrypted
    assert not [n for n in names(backups_dir(db)) if "damaged" in n]


def test_a_fifo_is_no_database_and_no_json_export(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    r = subprocess.run([sys.executable, "-m", "keyaccounts", "--db", str(fifo), "accounts"],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "regular file" in r.stderr
    db = tmp_path / "ka.sqlite3"
    r = subprocess.run([sys.executable, "-m", "keyaccounts", "--db", str(db), "--create",
                        "import", str(fifo), "--format", "json"],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "regular file" in r.stderr
