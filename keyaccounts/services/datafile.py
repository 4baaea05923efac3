"""The data file as the desktop app holds it: opening it, its encryption, its backups and
their restore, and the Today page's kept snapshots (what the first frame paints from).

The app gets a database handle from :func:`open` and passes it back to services, never
using it itself. Light on purpose: importing this module loads neither SQLAlchemy nor
another service area, so the app can paint its first frame from a snapshot before they
load (the heavy parts import on first use).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path, PurePath, PurePosixPath

from keyaccounts.domain.errors import DatabaseError, KeyAccountsError, ServerRefused
from keyaccounts.domain.today import AgendaItem, Alert, HealthMark
from keyaccounts.storage import snapshot
from keyaccounts.storage.db import (
    ENV_VAR,
    Database,
    NeedsPassphrase,
    NoDatabase,
    encryption_available,
    passphrase_from_env,
    resolve_path,
)

__all__ = ["Database", "NeedsPassphrase", "NoDatabase", "encryption_available",
           "passphrase_from_env", "resolve_path", "open", "FirstScreen"]

FirstScreen = snapshot.FirstScreen


def open(path: str | os.PathLike | None, *, demo: bool = False,  # noqa: A001 — as io.open
         passphrase: str | None = None, create: bool = False) -> Database:
    """The database at *path* (None: the user's default one; *demo*: the demo file).

    Only the default and the demo database are made where there is none (with their
    folder); another one only with *create* (the user asked for a new database), in a
    folder that exists: else :class:`NoDatabase`."""
    from keyaccounts.storage.db import is_url, open_database

    target = path or os.environ.get(ENV_VAR)
    if not demo and is_url(str(target or "")):  # a team server; out of reach, its copy
        from keyaccounts.storage.offline import open_team_or_copy

        return open_team_or_copy(str(target), create=create)
    default = demo or not (path or os.environ.get(ENV_VAR))
    return open_database(resolve_path(path, demo=demo), passphrase=passphrase,
                         create=create or default, folders=default)


# --- a team server (issue 16): its address kept by the app, the password in the keyring ---

TEAM_KEYRING = "KeyAccounts team server"


def team_url(text: str) -> str:
    """A team server's address as typed, checked: a PostgreSQL URL naming the person's
    login and the database (``postgresql://wang@server/keyaccounts``), without a password
    (that goes to the keyring). Returned as the app keeps it."""
    from keyaccounts.domain.errors import ValidationError
    from keyaccounts.i18n import _
    from keyaccounts.storage.db import is_url, server_url

    text = (text or "").strip()
    example = _("expected postgresql://LOGIN@SERVER/DATABASE")
    if not is_url(text):
        raise ValidationError("address", text, example)
    try:
        url = server_url(text)
    except KeyAccountsError:
        raise ValidationError("address", text, example) from None
    if isinstance(url, Path) or not url.username or not url.database:
        raise ValidationError("address", text, example)
    if url.password is not None:
        raise ValidationError("address", url.render_as_string(hide_password=True), _(
            "no password in the address: type it in the password field"))
    return url.render_as_string(hide_password=False)


def team_password(url: str) -> str | None:
    """The password the system keyring keeps for this address; None if none (or no
    usable keyring)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(TEAM_KEYRING, url)
    except (ImportError, KeyringError, RuntimeError):
        return None


def remember_team_password(url: str, password: str) -> None:
    """Keep the password in the system keyring (never in a file); a ValidationError if
    the system has no keyring to keep it."""
    from keyaccounts.domain.errors import ValidationError
    from keyaccounts.i18n import _

    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(TEAM_KEYRING, url, password)
    except (ImportError, KeyringError, RuntimeError) as exc:
        raise ValidationError("password", None, _(
            "no system keyring to keep the password in ({what})").format(
                what=type(exc).__name__)) from None


def forget_team_password(url: str) -> None:
    try:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        keyring.delete_password(TEAM_KEYRING, url)
    except (ImportError, PasswordDeleteError, KeyringError, RuntimeError):
        pass


def open_team(url: str, password: str | None, *, or_copy: bool = False) -> Database:
    """The team database at *url* (see :func:`team_url`), connected as its login with
    *password*; a DatabaseError in one line when the server is down or refuses. With
    *or_copy*, a server out of reach opens this computer's copy of it instead, offline
    (when there is one)."""
    from sqlalchemy.engine import make_url

    from keyaccounts.storage.db import open_database

    target = make_url(team_url(url))
    if password:
        target = target.set(password=password)
    try:
        return open_database(target.render_as_string(hide_password=False), create=False)
    except DatabaseError as exc:
        failure = refused(target, exc)
    copy = team_copy(url) if or_copy and getattr(failure, "unreachable", False) else None
    if copy is None:
        raise failure
    return copy  # offline: the status bar says since when


def team_copy(url: str) -> Database | None:
    """This computer's copy of the team database at *url*, opened offline (its writes
    go to the outbox), for when the server is out of reach; None when there is none yet
    (one is made at the first connection). A DatabaseError if it cannot be used."""
    from sqlalchemy.engine import make_url

    from keyaccounts.storage.offline import open_replica, replica_path

    target = make_url(team_url(url))
    if not replica_path(target).exists():
        return None
    return open_replica(target, offline=True, create=False)


def server_name(url) -> str:
    """A team server's database as people say it: ``login@server/database`` (*url*: a
    URL, or its text)."""
    if isinstance(url, str):
        from sqlalchemy.engine import make_url

        url = make_url(team_url(url))
    host = url.host or dict(url.query).get("host") or "localhost"
    port = url.port or dict(url.query).get("port")
    if port and str(port) != "5432":
        host = f"{host}:{port}"
    return f"{url.username or ''}@{host}/{url.database or ''}"


def refused(url, exc: DatabaseError) -> DatabaseError:
    """*exc*, a failure to open the team database at *url* (a URL, or its text), said in
    words naming the server (the driver's answer kept as its ``detail``): out of reach,
    a wrong or missing password, a disabled person, an unknown login or database."""
    from keyaccounts.i18n import _
    from keyaccounts.storage.offline import is_unreachable

    if isinstance(exc, (NoDatabase, ServerRefused)):
        return exc
    if isinstance(url, str):
        from sqlalchemy.engine import make_url

        url = make_url(url)
    text = str(exc)
    said = text.lower()
    server, login, database = server_name(url), url.username or "", url.database or ""
    password = False
    if is_unreachable(said):
        words = _("{server}: the server does not answer. Is it running, and is the address "
                  "right?")
        return ServerRefused(words.format(server=server), detail=text, unreachable=True)
    if "password authentication failed" in said:
        words, password = _("{server}: the server refused the password of {login}."), True
    elif "no password supplied" in said:
        words, password = _("{server}: the server asks for {login}'s password."), True
    elif "not permitted to log in" in said:
        words = _("{server}: {login} may no longer log in: the team's administrator has "
                  "disabled this login.")
    elif "role" in said and "does not exist" in said:
        words = _("{server}: the server has no login {login}.")
    elif "database" in said and "does not exist" in said:
        words = _("{server}: the server has no database {database}.")
    else:
        return exc
    return ServerRefused(words.format(server=server, login=login, database=database),
                         detail=text, password=password)


def check(db: Database) -> tuple[str, Path | None] | None:
    """SQLite's check of an open database file (bounded in time: run it off the GUI
    thread once the window shows). None when sound; else what is wrong and its latest
    verified backup (or None), and from then on nothing is written to it: every
    change is refused, no snapshot or backup is kept, until a backup is restored."""
    from keyaccounts.storage import backup
    from keyaccounts.storage.db import damaged_message, quick_check

    if not db.is_file:
        return None
    try:
        problem = quick_check(db.path, db.passphrase)
    except Exception as exc:  # noqa: BLE001 — the driver's: cannot be read at all
        problem = str(exc)
    if problem is None:
        return None
    db.damaged = damaged_message(db.path, problem)
    try:
        latest = backup.latest_backup(db.path, db.passphrase)
    except Exception:  # noqa: BLE001 — the damage is what the user must hear about
        latest = None
    return db.damaged, latest


def location(db: Database) -> PurePath:
    """Where the data is, to show the user (the window's title, its status line): the
    file, or on a team server ``login@host/database`` (its ``name``: the database), which
    its local copy names too (the app works on it offline)."""
    url = getattr(db, "server_url", None) or db.url
    if url is None:
        return db.path
    return PurePosixPath(f"{url.username or ''}@{url.host or 'localhost'}", url.database or "")


def is_encrypted(db: Database) -> bool:
    return db.passphrase is not None


def close(db: Database) -> None:
    """Let go of the file (to restore or rekey it); the next use reconnects."""
    db.close()


# --- the Today page's snapshots -------------------------------------------------------

def first_screen(db: Database, day: date, days: int) -> FirstScreen | None:
    """The start of the Today page kept for *day*, if it is still current."""
    return snapshot.cached_first_screen(db, day, days)


def agenda(db: Database, day: date, days: int) -> list[AgendaItem]:
    """The agenda of *days* days from *day*: each account's as kept, the stale ones
    computed and kept (keyaccounts.storage.snapshot)."""
    return snapshot.agenda(db, day, days)


def health(db: Database, day: date) -> tuple[list[HealthMark], list[Alert]]:
    """Every account's health mark and the open alerts on *day*: each account's as kept,
    the stale ones computed and kept."""
    return snapshot.health(db, day)


def prepare(db: Database, day: date, days: int) -> int:
    """Compute and keep the next days' Today pages (a first start tomorrow is instant)."""
    return snapshot.prepare(db, day, days)


class ChangeWatch:
    """Tells whether the data changed behind the app's back: every write drops the
    Today page's snapshot, and the app keeps it again after each write of its own."""

    def __init__(self, db: Database):
        self.db = db
        self._con = None  # kept open: keying an encrypted file takes a while

    def current(self, day: date, days: int) -> bool:
        """Whether the Today page kept for *day* is still there (nothing changed)."""
        if self._con is None:
            self._con = self.db.connect_raw(readonly=True)
        return snapshot.is_current(self._con, day, days)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None


# --- encryption -----------------------------------------------------------------------

def change_encryption(db: Database, old: str | None, new: str | None) -> None:
    """Encrypt (*old* None), change the passphrase, or decrypt (*new* None); the whole
    file is rewritten (seconds for a large one) and *db* reopened with the new key."""
    from keyaccounts.storage import crypto

    db.close()
    if new is None:
        crypto.decrypt(db.path, old)
    elif old is None:
        crypto.encrypt(db.path, new)
    else:
        crypto.change_passphrase(db.path, old, new)
    db.reopen(new)


# --- backups --------------------------------------------------------------------------

def backup_now(db: Database) -> Path:
    """A backup made now (older ones thinned); its path."""
    from keyaccounts.storage import backup
    from keyaccounts.storage.db import Damaged

    if db.damaged is not None:
        raise Damaged(db.damaged)
    return backup.backup_and_thin(db.path, passphrase=db.passphrase)


def backup_if_changed(db: Database) -> Path | None:
    """A backup if the data changed since the last one (the app's own snapshots are
    no change); its path, or None."""
    from keyaccounts.storage import backup

    if db.damaged is not None or not db.is_file:  # never a damaged copy; a server's
        return None                                # are its administrator's (pg_dump)
    return backup.backup_if_changed(db.path, passphrase=db.passphrase)


def backups_folder(db: Database) -> Path:
    from keyaccounts.storage import backup

    return backup.backups_dir(db.path)


def restore(db: Database, source: Path) -> Path | None:
    """Replace the data with the backup *source* (checked first); the data as it was is
    kept as a backup, whose path is returned. *db* must have let go of the file."""
    from keyaccounts.storage import backup

    kept = backup.restore(db.path, Path(source), db.passphrase)
    db.damaged = None  # the data is the backup's now, checked before it was put in place
    return kept


def latest_good_backup(path: str | os.PathLike | None, *, demo: bool = False,
                       passphrase: str | None = None) -> Path | None:
    """For a file that cannot be opened: its latest backup that passes its check."""
    from keyaccounts.storage import backup

    target = resolve_path(path, demo=demo)
    return backup.latest_good_backup(target, passphrase) if target.exists() else None


def restore_file(path: str | os.PathLike | None, source: Path, *, demo: bool = False,
                 passphrase: str | None = None) -> Path | None:
    """:func:`restore` for a file not open (one that could not be opened)."""
    from keyaccounts.storage import backup

    return backup.restore(resolve_path(path, demo=demo), Path(source), passphrase)
