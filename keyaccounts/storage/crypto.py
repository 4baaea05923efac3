"""Optional encryption at rest with SQLCipher (the ``encryption`` extra: sqlcipher3).

What it protects against: someone who gets the file — a lost or stolen laptop,
a copied folder, a cloud-synced data directory — cannot read the database or its
backups (all encrypted with the same passphrase, 256-bit AES).

What it does not: anything on the running machine while the database is open
(malware, someone at the unlocked screen); files you export (CSV, vCard, JSON,
iCalendar, reports) are written in clear; and a forgotten passphrase cannot be
recovered — there is no back door, so keep it somewhere safe.

Encrypting, decrypting and changing the passphrase each write a new file with
``sqlcipher_export`` and put it in place atomically; the backups folder is
re-written the same way, so no copy stays in the old form.
"""

from __future__ import annotations

import os
from pathlib import Path

from keyaccounts.storage.db import _driver, backups_dir, connect_file, is_encrypted
from keyaccounts.domain.errors import DatabaseError, ValidationError
from keyaccounts.i18n import _

MIN_LENGTH = 8


def _quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def _check_new(passphrase: str) -> None:
    if not passphrase or len(passphrase) < MIN_LENGTH:
        raise ValidationError("passphrase", "", _("use at least {n} characters").format(
            n=MIN_LENGTH))


def _rewrite(path: Path, old: str | None, new: str | None) -> None:
    """Export *path* (keyed with *old*) into a file keyed with *new* ('' = plain), swap."""
    _driver(old or new)  # SQLCipher is needed on either side
    import sqlcipher3

    tmp = path.with_name(path.name + ".rekey")
    tmp.unlink(missing_ok=True)
    con = sqlcipher3.connect(str(path))
    try:
        if old is not None:
            con.execute(f"PRAGMA key = {_quote(old)}")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute(f"ATTACH DATABASE ? AS target KEY {_quote(new or '')}", (str(tmp),))
        con.execute("SELECT sqlcipher_export('target')")
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute(f"PRAGMA target.user_version = {int(version)}")
        con.execute("DETACH DATABASE target")
    except sqlcipher3.DatabaseError as exc:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(_("{path}: wrong passphrase, or not a KeyAccounts database").format(
            path=path)) from exc
    finally:
        con.close()
    os.chmod(tmp, 0o600)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, path)


def _all_files(path: Path) -> list[Path]:
    folder = backups_dir(path)
    backups = sorted(folder.glob(f"{path.stem}-*.sqlite3")) if folder.is_dir() else []
    return [path, *backups]


def encrypt(path: Path, passphrase: str) -> None:
    """Encrypt a plain database and its backups with *passphrase*."""
    _check_new(passphrase)
    if is_encrypted(path):
        raise ValidationError("db", str(path), _("is encrypted already"))
    for f in _all_files(Path(path)):
        if not is_encrypted(f):
            _rewrite(f, None, passphrase)


def change_passphrase(path: Path, old: str, new: str) -> None:
    _check_new(new)
    verify(path, old)
    for f in _all_files(Path(path)):
        if is_encrypted(f):
            _rewrite(f, old, new)


def decrypt(path: Path, passphrase: str) -> None:
    """Store the database and its backups in clear again."""
    verify(path, passphrase)
    for f in _all_files(Path(path)):
        if is_encrypted(f):
            _rewrite(f, passphrase, None)


def verify(path: Path, passphrase: str) -> None:
    try:
        con = connect_file(Path(path), passphrase, readonly=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except DatabaseError:
        raise
    except Exception as exc:  # sqlcipher3.DatabaseError: wrong key
        raise ValidationError("passphrase", "", _("wrong passphrase")) from exc
