"""Opening a database as the user meets it: a mistyped ``--db`` makes no database, a
damaged or unreadable file is called what it is (one line saying what to do), and the
desktop app stops writing to a damaged file and offers its latest verified backup."""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
from pathlib import Path

import pytest

from keyaccounts.cli.main import main
from keyaccounts.services import datafile
from keyaccounts.storage.db import open_database
from tests.safety_cli import cli, leftovers


def one_line(capsys, *args) -> str:
    """Run the CLI; assert it failed with exit 1 and one line; the line."""
    capsys.readouterr()
    code = main(list(args))
    err = capsys.readouterr().err
    assert code == 1, (args, code, err)
    assert err.count("\n") == 1 and "Error:" not in err and "Traceback" not in err, err
    return err


def test_a_mistyped_db_makes_no_database(tmp_path, capsys):
    missing = tmp_path / "typo" / "ka.sqlite3"
    err = one_line(capsys, "--db", str(missing), "account", "add", "Acme")
    assert "no such database" in err and "--create" in err
    err = one_line(capsys, "--db", str(missing), "--create", "account", "add", "Acme")
    assert "the folder" in err and "does not exist" in err  # never made
    for args in (["backup"], ["restore", str(tmp_path / "x.sqlite3")]):
        one_line(capsys, "--db", str(missing), *args)
    assert list(tmp_path.iterdir()) == []
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    err = one_line(capsys, "--db", str(empty), "accounts")
    assert "an empty file (0 bytes)" in err and empty.stat().st_size == 0
    # Asked for, a new database is made, readable by its owner only.
    new = tmp_path / "new.sqlite3"
    assert main(["--db", str(new), "--create", "account", "add", "Acme"]) == 0
    assert new.stat().st_mode & 0o077 == 0
    assert main(["--db", str(empty), "--create", "accounts"]) == 0
    assert main(["--db", str(new), "accounts"]) == 0  # and then it is there


def test_the_default_database_is_made_where_it_belongs(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    r = cli(Path(), "account", "add", "Acme", env=env, db_flag=False)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "data" / "KeyAccounts" / "keyaccounts.sqlite3").is_file()
    r = cli(tmp_path / "elsewhere.sqlite3", "accounts", env={"KEYACCOUNTS_DB": ""})
    assert r.returncode == 1 and "--create" in r.stderr
    assert not (tmp_path / "elsewhere.sqlite3").exists()


def test_a_new_database_that_cannot_be_made_leaves_nothing(tmp_path):
    new = tmp_path / "new.sqlite3"
    r = cli(new, "--create", "account", "add", "Acme", fsize=3000)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert "Error" not in r.stderr and "disk" in r.stderr, r.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def good(tmp_path) -> tuple[Path, Path]:
    """A database and its verified backup."""
    path = tmp_path / "ka.sqlite3"
    assert main(["--db", str(path), "--create", "account", "add", "Acme"]) == 0
    assert main(["--db", str(path), "contact", "add", "--account", "Acme", "--name",
                 "Zhang Wei"]) == 0
    from keyaccounts.storage.backup import backup_and_thin

    return path, backup_and_thin(path)


def _sql(path: Path, *statements: str) -> None:
    con = sqlite3.connect(path)
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def _overwrite(path: Path, offset: int, data: bytes) -> None:
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(data)


DAMAGES = {
    "header": (lambda p: _overwrite(p, 0, b"\x00" * 16), "first bytes (the SQLite header)"),
    "schema abc": (lambda p: _sql(p, "UPDATE alembic_version SET version_num = 'abc'"),
                   "schema version 'abc' is none that KeyAccounts writes"),
    "text not UTF-8": (lambda p: _sql(p, "UPDATE contact SET name = CAST(X'4dfc6c6c6572' AS "
                                         "TEXT)"), "damaged"),  # check: "damaged text: …"
    "schema text": (lambda p: _sql(p, "PRAGMA writable_schema = ON",
                                   "UPDATE sqlite_master SET sql = 'CREATE TABLE contact(' "
                                   "WHERE name = 'contact'"), "damaged"),
}


@pytest.mark.parametrize("kind", DAMAGES)
def test_damage_is_called_damage_and_the_backup_is_named(good, capsys, kind):
    path, backup = good
    change, said = DAMAGES[kind]
    change(path)
    data = path.read_bytes()
    for args in (["contacts"], ["contact", "add", "--account", "Acme", "--name", "Li"],
                 ["backup"])[:2 if kind == "text not UTF-8" else 3]:  # (a sound file)
        err = one_line(capsys, "--db", str(path), *args)
        assert said in err and "passphrase" not in err, err
        assert backup.name in err  # what to do: restore it
        assert path.read_bytes() == data
    capsys.readouterr()
    assert main(["--db", str(path), "check"]) == 1
    out = capsys.readouterr().out
    assert said in out, out


def test_a_wrong_passphrase_is_one_line(tmp_path, monkeypatch, capfd):
    pytest.importorskip("sqlcipher3")
    from keyaccounts.storage import crypto

    path = tmp_path / "ka.sqlite3"
    open_database(path).close()
    crypto.encrypt(path, "the right one")
    r = cli(path, "accounts", env={"KEYACCOUNTS_PASSPHRASE": "a wrong one"})
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr  # not SQLCipher's log
    assert "wrong passphrase" in r.stderr and "KEYACCOUNTS_PASSPHRASE" not in r.stderr
    monkeypatch.setenv("KEYACCOUNTS_PASSPHRASE", "a wrong one")
    for args in (["backup"], ["check"]):
        capfd.readouterr()
        assert main(["--db", str(path), *args]) == 1
        out = "".join(capfd.readouterr())
        assert "wrong passphrase" in out and "damaged (file is not a database)" not in out
    plain = tmp_path / "plain.sqlite3"
    open_database(plain).close()
    capfd.readouterr()
    assert main(["--db", str(plain), "accounts"]) == 1
    assert "not encrypted" in capfd.readouterr().err


def test_a_full_disk_says_so(good):
    path, _backup = good
    big = "x" * 9000
    r = cli(path, "log", "--account", "Acme", "--kind", "call", "--date", "2026-11-27",
            "--summary", big, fsize=3000)
    assert r.returncode == 1 and r.stderr.count("\n") == 1, r.stderr
    assert "Error" not in r.stderr and "disk" in r.stderr and "nothing was saved" in r.stderr
    assert leftovers(path.parent) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="the superuser writes to read-only folders")
def test_a_read_only_folder_says_so(good):
    path, _backup = good
    folder = path.parent
    (folder / "ka.sqlite3-wal").unlink(missing_ok=True)
    (folder / "ka.sqlite3-shm").unlink(missing_ok=True)
    folder.chmod(0o500)
    try:
        r = cli(path, "accounts")
    finally:
        folder.chmod(0o700)
    assert r.returncode == 1 and "read-only" in r.stderr, r.stderr


# --- the desktop app ------------------------------------------------------------------


def test_the_app_writes_nothing_to_a_damaged_database(good):
    from keyaccounts import services as sv
    from keyaccounts.storage.db import DatabaseError

    path, backup = good
    # A page of the interactions' table (not the schema's: a damaged schema does not open).
    with contextlib.closing(sqlite3.connect(path)) as con:
        root, size = con.execute("SELECT rootpage FROM sqlite_master WHERE name = "
                                 "'interaction'").fetchone()[0], con.execute(
                                 "PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    start = (root - 1) * size
    data[start:start + size] = random.Random(7).randbytes(size)
    path.write_bytes(bytes(data))
    db = datafile.open(path)
    try:
        message, latest = datafile.check(db)
        assert "damaged" in message and latest == backup
        with pytest.raises(DatabaseError, match="damaged"):
            sv.add_account(db, "Beta")
        assert datafile.backup_if_changed(db) is None
        assert path.read_bytes() == bytes(data)
        datafile.close(db)
        datafile.restore(db, latest)
        assert db.damaged is None and datafile.check(db) is None
        sv.add_account(db, "Beta")
    finally:
        db.close()


def test_the_app_shows_the_damage_once_and_offers_the_backup(qtbot, good, settings):
    from PySide6.QtWidgets import QMessageBox

    from ui.app import show_damage
    from ui.mainwindow import MainWindow

    path, backup = good
    db = datafile.open(path)
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    asked = []
    window.restore_backup = asked.append
    show_damage(window, f"{path}: the database is damaged (x)", backup)
    box = window.damage_box
    assert "damaged" in box.text() and backup.name in box.informativeText()
    [restore] = [b for b in box.buttons()
                 if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    restore.click()
    assert asked == [str(backup)]
    window.close()
    db.close()


def test_the_app_makes_a_database_elsewhere_only_when_asked(tmp_path):
    missing = tmp_path / "new.sqlite3"
    with pytest.raises(datafile.NoDatabase):
        datafile.open(missing)
    assert not missing.exists()
    datafile.open(missing, create=True).close()
    assert missing.is_file()
