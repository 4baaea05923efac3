"""Output files as the user meets them: the CLI as a subprocess, real files, a full disk
(simulated with a file size limit). Never over the database or a backup, never over an
existing file without --force, never a partial file left behind, exports 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.safety_cli import cli, leftovers


@pytest.fixture
def user_db(tmp_path) -> Path:
    path = tmp_path / "ka.sqlite3"
    r = cli(path, "--create", "account", "add", "Acme")
    assert r.returncode == 0, r.stderr
    r = cli(path, "contact", "add", "--account", "Acme", "--name", "Zhang Wei")
    assert r.returncode == 0, r.stderr
    return path


def test_no_output_over_the_database_its_journal_or_a_backup(user_db):
    made = cli(user_db, "backup")
    assert made.returncode == 0, made.stderr
    a_backup = Path(made.stdout.strip().splitlines()[-1])
    assert a_backup.is_file()
    wal = Path(str(user_db) + "-wal")
    wal.write_bytes(b"")  # as an open database has it
    before = {p: p.read_bytes() for p in (user_db, a_backup)}
    attempts = [("export", "json", "-o"), ("export", "contacts", "-o"),
                ("export-ics", "-o")]
    for target in (user_db, wal, a_backup, user_db.parent / "." / user_db.name):
        for attempt in attempts:
            for force in ((), ("--force",)):
                r = cli(user_db, *attempt, str(target), *force)
                assert r.returncode == 2, (attempt, target, r.stderr)
                assert r.stderr.count("\n") == 1 and str(target.name) in r.stderr
                assert "Traceback" not in r.stderr
    r = cli(user_db, "report", "--portfolio", "--period", "2026Q4", "-o", str(user_db))
    assert r.returncode == 2 and "database" in r.stderr
    r = cli(user_db, "backup", "-o", str(user_db), "--force")
    assert r.returncode == 2 and "database" in r.stderr
    assert {p: p.read_bytes() for p in before} == before
    assert leftovers(user_db.parent) == []


def test_an_existing_file_is_replaced_only_with_force_and_exports_are_private(user_db):
    out = user_db.parent / "contacts.csv"
    out.write_text("precious\n")
    r = cli(user_db, "export", "contacts", "-o", str(out))
    assert r.returncode == 2 and "--force" in r.stderr and r.stderr.count("\n") == 1
    assert out.read_text() == "precious\n"
    r = cli(user_db, "export", "contacts", "-o", str(out), "--force")
    assert r.returncode == 0, r.stderr
    assert "Zhang Wei" in out.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    for args, name in ((("export", "json"), "all.json"), (("export-ics",), "a.ics")):
        r = cli(user_db, *args, "-o", str(user_db.parent / name))
        assert r.returncode == 0, r.stderr
        assert stat.S_IMODE((user_db.parent / name).stat().st_mode) == 0o600
    r = cli(user_db, "export", "json", "-o", str(user_db.parent / "no" / "such" / "x.json"))
    assert r.returncode == 2 and "does not exist" in r.stderr
    assert not (user_db.parent / "no").exists()
    r = cli(user_db, "export", "json", "-o", str(user_db.parent))
    assert r.returncode == 2 and "folder" in r.stderr
    assert leftovers(user_db.parent) == []


def test_a_full_disk_leaves_the_old_file_and_no_partial_one(tmp_path):
    db = tmp_path / "demo.sqlite3"
    assert cli(db, "--create", "demo", "--accounts", "3", "--years", "1").returncode == 0
    out = tmp_path / "all.json"
    out.write_text("the old export\n")
    full = 64 * 1024  # past SQLite's own -shm (32 KiB), short of the export (~90 KiB)
    r = cli(db, "export", "json", "-o", str(out), "--force", fsize=full)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert out.read_text() == "the old export\n"
    assert leftovers(tmp_path) == []
    assert cli(db, "export", "json", "-o", str(out), "--force").returncode == 0
    assert out.stat().st_size > full


def test_the_safe_writer_refuses_fifos_and_cleans_up_after_an_error(tmp_path):
    from keyaccounts.storage.files import OutputRefused, output_file, write_output

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputRefused, match="not a regular file"):
        write_output(fifo, b"x", force=True)
    target = tmp_path / "out.bin"
    with pytest.raises(RuntimeError):
        with output_file(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("the writer failed")
    assert not target.exists() and leftovers(tmp_path) == []
    write_output(target, [b"a", b"b"])
    assert target.read_bytes() == b"ab" and stat.S_IMODE(target.stat().st_mode) == 0o600
