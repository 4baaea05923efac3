"""Opening a KeyAccounts database: location, SQLite settings, migrations.

* The default file lives in the user's data folder (platformdirs); ``--db PATH``
  and the ``KEYACCOUNTS_DB`` variable override it. Either may instead be a
  SQLAlchemy URL of a PostgreSQL database (``postgresql+psycopg://user@host/name``,
  for a team server): the same schema, migrations and queries run there; what only
  a SQLite file has (WAL, the busy timeout, the online backup API, SQLCipher, the
  snapshots) is left to the file, and the server's own tools back it up.
* SQLite runs in WAL mode with foreign keys on, a busy timeout and
  ``synchronous = FULL``: a commit is on disk (the WAL synced) before it is
  acknowledged, so a power cut loses nothing the user was told is saved.  Python's
  sqlite3 module would not put DDL inside transactions, so the driver's own
  transaction handling is switched off and SQLAlchemy emits ``BEGIN`` itself:
  every unit of work and every schema upgrade is one real transaction.
* The schema changes only through Alembic migrations, run on open, after a
  backup copy of the file.  A file written by a newer version, or that is not
  a KeyAccounts database, is refused with a clear message and never touched.
* Opening a file that needs no upgrade reads it with sqlite3 alone; SQLAlchemy
  is imported and the engine made on first use (usually on the app's worker,
  after the first paint), so start-up does not wait for them.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

from keyaccounts.domain.errors import DatabaseError
from keyaccounts.i18n import _

APP_NAME = "KeyAccounts"
ENV_VAR = "KEYACCOUNTS_DB"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 5000


def data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_path(path: str | os.PathLike | None = None, *, demo: bool = False) -> Path:
    """The database file to use: *path*, else ``$KEYACCOUNTS_DB``, else the default.

    The demo database is always a separate file in the data folder, so that a
    demo never touches the user's real one.
    """
    if demo:
        return data_dir() / "demo.sqlite3"
    if path:
        return Path(path).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return data_dir() / "keyaccounts.sqlite3"


URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(value: str | os.PathLike | None) -> bool:
    """Whether *value* (a ``--db`` value) is a database URL rather than a file path."""
    return isinstance(value, str) and bool(URL_RE.match(value))


def resolve_target(value: str | os.PathLike | None = None, *, demo: bool = False
                   ) -> Path | str:
    """The database to use: a URL (as given) or a file path (:func:`resolve_path`)."""
    given = value or os.environ.get(ENV_VAR)
    if not demo and given and is_url(str(given)):
        return str(given)
    return resolve_path(value, demo=demo)


def server_url(value: str):
    """The SQLAlchemy URL of a database server; a ``sqlite:///PATH`` URL gives the
    file's Path instead. Anything else than SQLite and PostgreSQL is refused."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(value)
    except ArgumentError:
        raise DatabaseError(_("{url}: not a database URL").format(url=value)) from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database:
            raise DatabaseError(_("{url}: a SQLite URL needs a file path").format(url=value))
        return Path(url.database).expanduser()
    if backend != "postgresql":
        raise DatabaseError(_("{url}: KeyAccounts runs on SQLite files and PostgreSQL only"
                              ).format(url=url.render_as_string(hide_password=True)))
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3, a dependency
    return url


def known_revisions() -> list[str]:
    """Migration revisions in order; a revision id is its file's numeric prefix."""
    names = os.listdir(MIGRATIONS_DIR / "versions")  # (a glob costs start-up ~0.3 ms)
    return sorted(m.group(1) for n in names if (m := re.match(r"(\d{4})_.*\.py$", n)))


def head_revision() -> str:
    return known_revisions()[-1]


SQLITE_HEADER = b"SQLite format 3\x00"
PASSPHRASE_VAR = "KEYACCOUNTS_PASSPHRASE"


class NeedsPassphrase(DatabaseError):
    """The file is encrypted (or not SQLite at all) and no passphrase was given."""


class NoDatabase(DatabaseError):
    """No database where one was asked for: no file, an empty one, or no folder. Made
    only when asked to (``create``): a mistyped path is no new database."""


class Damaged(DatabaseError):
    """The database fails SQLite's check, or cannot be read: nothing is written to it."""


def is_encrypted(path: Path) -> bool:
    """A non-empty file that does not start with SQLite's header: SQLCipher, or junk."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return False
    return bool(head) and head != SQLITE_HEADER


def _driver(passphrase: str | None):
    if passphrase is None:
        return sqlite3
    try:
        import sqlcipher3
    except ImportError:
        raise DatabaseError(_("encryption needs SQLCipher: pip install 'keyaccounts[encryption]'")
                            ) from None
    return sqlcipher3


def connect_file(path: Path, passphrase: str | None = None, *, readonly: bool = False):
    """A DB-API connection to *path*, keyed when a passphrase is given."""
    driver = _driver(passphrase)
    if readonly:
        from urllib.parse import quote

        con = driver.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    else:
        con = driver.connect(str(path))
    if passphrase is not None:
        # A wrong key is said once, by us: not also in SQLCipher's own log lines on
        # stderr (its level is the library's, for every connection).
        con.execute("PRAGMA cipher_log_level = NONE")
        con.execute("PRAGMA key = '{}'".format(passphrase.replace("'", "''")))
    return con


def connect_raw(path: Path, passphrase: str | None = None, *, readonly: bool = False):
    """A plain DB-API connection (no SQLAlchemy): transactions as the caller writes
    them, with the busy timeout."""
    con = connect_file(path, passphrase, readonly=readonly)
    con.isolation_level = None
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return con


def _configure_connection(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (see module doc)
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")  # a commit survives a power cut
    cursor.close()


WRITE = "keyaccounts_write"  # execution option of a unit of work's connection


def _begin(connection) -> None:
    # A unit of work takes the write lock as it begins (and waits for it, up to the busy
    # timeout): one that read first and wrote later would fail at once, "database is
    # locked", whenever another connection committed in between (a snapshot kept by
    # the app's worker, the CLI).
    write = connection.get_execution_options().get(WRITE)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


CONNECT_TIMEOUT = 10  # seconds: a server behind a firewall that drops packets


def make_server_engine(url) -> Engine:
    """An engine for a database server (PostgreSQL): its own transactions and locks;
    a connection that the server dropped is replaced before use. A server that does not
    answer is given up after CONNECT_TIMEOUT seconds (unless the URL says otherwise),
    never waited for as long as the system's TCP retries last (minutes)."""
    from sqlalchemy import create_engine

    args = {} if "connect_timeout" in getattr(url, "query", {}) else {
        "connect_timeout": CONNECT_TIMEOUT}
    return create_engine(url, pool_pre_ping=True, connect_args=args)


def make_engine(path: Path, passphrase: str | None = None) -> Engine:
    # The pool hands a connection to one thread at a time; the app reads on a worker.
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import URL

    if passphrase is None:
        url = URL.create("sqlite", database=str(path))
    else:
        _driver(passphrase)
        url = URL.create("sqlite+pysqlcipher", password=passphrase, database=str(path))
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def _create_private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def read_state(path: Path, passphrase: str | None = None) -> tuple[str | None, bool]:
    """(schema revision or None, whether the file holds any table).

    Raises DatabaseError for a file that SQLite cannot read.
    """
    if is_encrypted(path) and header_overwritten(path):
        raise Damaged(_("{path}: the database is damaged: its first bytes (the SQLite header) "
                        "were overwritten; nothing was written").format(path=path))
    if passphrase is None and is_encrypted(path):
        raise NeedsPassphrase(_("{path}: encrypted, or not a SQLite database; a passphrase "
                                "is needed to open it").format(path=path))
    driver = _driver(passphrase)
    try:
        con = connect_file(path, passphrase, readonly=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            return revision, bool(tables)
        finally:
            con.close()
    except (driver.DatabaseError, UnicodeDecodeError) as exc:
        explained = explain_failure(exc, path.parent)
        if explained:
            raise DatabaseError(f"{path}: {explained}") from exc
        if passphrase is not None and not is_encrypted(path):
            raise NeedsPassphrase(_("{path}: not encrypted, yet a passphrase was given; unset "
                                    "KEYACCOUNTS_PASSPHRASE to open it").format(path=path)
                                  ) from exc
        if passphrase is not None:
            raise NeedsPassphrase(_("{path}: wrong passphrase (or the file is damaged); "
                                    "nothing was written").format(path=path)) from exc
        if is_corruption(exc):
            raise Damaged(damaged_message(path, str(exc))) from exc
        raise DatabaseError(
            _("{path}: not a readable SQLite database ({reason})").format(path=path, reason=exc)
        ) from exc


def header_overwritten(path: Path) -> bool:
    """Whether a file without SQLite's header still holds a plain (unencrypted) SQLite
    schema: a plain database whose first bytes were overwritten, not an encrypted one
    (SQLCipher encrypts every page, its schema too)."""
    try:
        with open(path, "rb") as f:
            first = f.read(65536)
    except OSError:
        return False
    return b"CREATE TABLE" in first


def _free_bytes(folder: Path) -> int | None:
    try:
        st = os.statvfs(folder)
    except (OSError, AttributeError):  # (no statvfs on Windows)
        return None
    return st.f_bavail * st.f_frsize


def _read_only_folder(folder: Path) -> bool:
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (OSError, AttributeError):
        pass
    return folder.is_dir() and not os.access(folder, os.W_OK)


SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_FULL = 8, 10, 14, 13
LOW_SPACE = 1 << 20  # less than this free, and SQLite's I/O error is a full disk


def explain_failure(exc: BaseException | None, folder: Path | None) -> str | None:
    """What a failure to read or write files in *folder* really is, in the user's words
    (a full disk, a read-only folder, the disk itself), or None for anything else.
    *exc* is an OSError or the driver's (or SQLAlchemy's) error."""
    import errno

    if folder is None:
        return None
    folder = Path(folder) if str(folder) else Path(".")
    full = _("the disk is full (or the file may grow no larger); nothing was saved: free "
             "some space and try again")
    read_only = _("the folder {folder} is read-only, and KeyAccounts writes beside the "
                  "database (its journal); nothing was saved: make the folder writable, "
                  "or copy the database to one that is").format(folder=folder)
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OSError) and not hasattr(exc, "sqlite_errorcode"):
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                return full
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                return read_only if _read_only_folder(folder) else _(
                    "no permission to write there; nothing was saved")
            return None
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None:
            code &= 0xFF
            if code == SQLITE_FULL:
                return full
            if code in (SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_IOERR):
                if _read_only_folder(folder):
                    return read_only
                free = _free_bytes(folder)
                if free is not None and free < LOW_SPACE:
                    return full
                if code == SQLITE_IOERR:
                    return _("the disk could not be read or written (a disk I/O error: the "
                             "disk may be full, removed or failing); nothing was saved")
            return None
        exc = getattr(exc, "orig", None) or exc.__cause__
        seen += 1
    return None


def copy_database(source: Path, target: Path, passphrase: str | None = None) -> Path:
    """Copy a live database with SQLite's online backup API into *target* (a new or
    empty file), as one self-contained file (a rollback journal, not WAL); the copy is
    0600 and, for an encrypted database, encrypted with the same passphrase. Callers
    put it in place (see storage.files.output_file); DatabaseError (SQLite's reason)
    if it cannot be made."""
    target = Path(target)
    if not target.exists():
        _create_private_file(target)
    try:
        src = connect_file(source, passphrase)
        try:
            dst = connect_file(target, passphrase)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except DatabaseError:
        raise
    except Exception as exc:  # noqa: BLE001 — sqlite3's or sqlcipher3's error
        if isinstance(exc, OSError):
            raise
        raise DatabaseError(explain_failure(exc, target.parent) or str(exc)) from None
    return target


def verify_copy(path: Path, passphrase: str | None = None) -> None:
    """Raise DatabaseError (what is wrong, without the path) unless *path* is a complete,
    sound KeyAccounts database: SQLite's quick check passes and its schema revision is
    there."""
    try:
        con = connect_file(path, passphrase, readonly=True)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
            if rows != [("ok",)]:
                detail = " ".join(line for line in rows[0][0].splitlines()
                                  if not line.startswith("***"))
                raise DatabaseError(_("damaged ({detail})").format(detail=detail))
            if con.execute("SELECT version_num FROM alembic_version").fetchone() is None:
                raise DatabaseError(_("not a KeyAccounts database"))
        finally:
            con.close()
    except DatabaseError:
        raise
    except Exception as exc:  # noqa: BLE001 — sqlite3's or sqlcipher3's error
        raise DatabaseError(_("damaged, or not a KeyAccounts database ({reason})"
                              ).format(reason=exc)) from None


CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def is_corruption(exc: BaseException | None) -> bool:
    """Whether *exc* (sqlite3's, sqlcipher3's or SQLAlchemy's, or what it wraps) says
    the file is damaged."""
    seen = 0
    while exc is not None and seen < 5:
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in CORRUPT_CODES:
            return True
        if isinstance(exc, UnicodeDecodeError):  # stored text that is no longer UTF-8
            return True
        text = str(exc)
        if ("database disk image is malformed" in text or "file is not a database" in text
                or "Could not decode to UTF-8" in text):
            return True
        exc = getattr(exc, "orig", None) or exc.__cause__
        seen += 1
    return False


QUICK_CHECK_SECONDS = 0.5  # ~0.46 s checks the whole 94 MB bench portfolio


def quick_check(path: Path, passphrase: str | None = None,
                seconds: float = QUICK_CHECK_SECONDS) -> str | None:
    """SQLite's quick check of *path*, stopped after *seconds* (a large file is checked as
    far as it gets): the first problem found, or None."""
    import time

    deadline = time.monotonic() + seconds
    con = connect_file(path, passphrase, readonly=True)
    try:
        con.set_progress_handler(lambda: time.monotonic() > deadline, 10000)
        try:
            row = con.execute("PRAGMA quick_check(1)").fetchone()
        except Exception as exc:  # noqa: BLE001 — interrupted, or damage
            return str(exc) if is_corruption(exc) else None
        if row is None or row[0] == "ok":
            return None
        return " ".join(line for line in row[0].splitlines() if not line.startswith("***"))
    finally:
        con.close()


def backups_dir(path: Path) -> Path:
    return path.parent / "backups"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to *revision*, each in a transaction of its own."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


class Database:
    """An open KeyAccounts database: a SQLite file (its engine made on first use), or,
    with *url*, a database on a PostgreSQL server (``path`` is None then)."""

    def __init__(self, path: Path | None, engine: Engine | None = None,
                 passphrase: str | None = None, *, url=None):
        self.path = path
        self.url = url
        self.passphrase = passphrase  # for backups of an encrypted database
        self.damaged: str | None = None  # what its check found: then nothing is written
        self._engine = engine
        self._sessions = None
        self._lock = threading.Lock()
        self._joined = threading.local()  # see joined()

    @property
    def is_file(self) -> bool:
        """A SQLite file (with its backups, snapshots, encryption), not a server."""
        return self.url is None

    @property
    def location(self) -> str:
        """The file's path or the server URL (without its password), for messages."""
        if self.url is None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    def _require_file(self, what: str) -> None:
        if self.url is not None:
            raise DatabaseError(_("{db}: {what} works on a SQLite file only").format(
                db=self.location, what=what))

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = make_engine(self.path, self.passphrase)
            return self._engine

    def _sessionmaker(self):
        engine = self.engine
        with self._lock:
            if self._sessions is None:
                from sqlalchemy.orm import sessionmaker

                self._sessions = sessionmaker(engine, expire_on_commit=False)
            return self._sessions

    def session(self) -> Session:
        return self._sessionmaker()()

    @contextmanager
    def dbapi(self) -> Iterator:
        """A DB-API connection for plain rows: one of the storage layer's pool when it
        is up (an encrypted file is keyed once per connection), else a plain one, so
        that reading does not wait for SQLAlchemy to load. Transactions are the
        caller's to write (autocommit otherwise)."""
        self._require_file(_("a plain SQLite connection"))
        if self._engine is None:
            con = self.connect_raw()
            try:
                yield con
            finally:
                con.close()
        else:
            with self.engine.connect() as c:
                yield c.connection.driver_connection

    def connect_raw(self, *, readonly: bool = False):
        """A plain DB-API connection to this database (see :func:`connect_raw`)."""
        self._require_file(_("a plain SQLite connection"))
        return connect_raw(self.path, self.passphrase, readonly=readonly)

    @contextmanager
    def joined(self, session: Session) -> Iterator[None]:
        """Within the block, this thread's units of work are *session*'s (no commit of
        their own): a service call and what is written with it (an outbox entry, the id
        of a change a server applied) are one transaction, the caller's."""
        before = getattr(self._joined, "session", None)
        self._joined.session = session
        try:
            yield
        finally:
            self._joined.session = before

    @property
    def joined_session(self) -> Session | None:
        return getattr(self._joined, "session", None)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends, rolls back on error. It holds
        the write lock from its start (see _begin). Refused (:class:`Damaged`) once the
        database was found damaged. Within :meth:`joined`, the caller's unit of work."""
        if self.damaged is not None:
            raise Damaged(self.damaged)
        outer = self.joined_session
        if outer is not None:
            yield outer
            return
        with self._sessionmaker()() as session:
            try:
                session.connection(execution_options={WRITE: True})
                yield session
                session.commit()
            except BaseException as exc:
                session.rollback()
                if type(exc).__name__ == "StaleDataError":  # the ORM's version check
                    from keyaccounts.domain.errors import VersionConflict

                    raise VersionConflict(_("someone else changed this meanwhile; nothing "
                                            "was saved: reload it and edit again")) from exc
                if self.is_file and "database is locked" in str(exc):
                    raise DatabaseError(_("{path}: another program kept the database busy; "
                                          "nothing was saved, try again").format(
                                              path=self.path.name)) from exc
                raise

    def reopen(self, passphrase: str | None) -> None:
        """Point at the same file with another key (after encrypting or rekeying it)."""
        self._require_file(_("encryption"))
        self.close()
        with self._lock:
            self.passphrase = passphrase

    def close(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.dispose()
            self._engine = self._sessions = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def refuse_if_damaged(path: Path, passphrase: str | None = None) -> None:
    """Raise :class:`Damaged` if *path* fails SQLite's quick check (bounded in time)."""
    problem = quick_check(path, passphrase)
    if problem is not None:
        raise Damaged(damaged_message(path, problem))


def check_sound(path: Path, passphrase: str | None = None) -> None:
    """Raise what is wrong with the database file at *path* (:class:`Damaged`,
    :class:`NeedsPassphrase`, a newer schema …), each said as the user should hear it;
    nothing when it is a sound KeyAccounts database."""
    revision, has_tables = read_state(path, passphrase)
    check_revision(path, revision, has_tables)
    refuse_if_damaged(path, passphrase)


def damaged_message(path: Path, problem: str) -> str:
    return _("{path}: the database is damaged ({problem}); nothing was written").format(
        path=path, problem=problem)


def open_database(path: str | os.PathLike, *, create: bool = True, folders: bool = False,
                  passphrase: str | None = None, check: bool = False) -> Database:
    """Open (migrating as needed) the database at *path*.

    With *create*, a new one is made where there is none (no file, or an empty one);
    else that is :class:`NoDatabase`. Its folder must exist, unless *folders* (the
    default database, in the user's data folder). A new database that could not be
    made (a full disk) leaves nothing behind. An encrypted database needs its
    *passphrase*; a new one is created encrypted when a passphrase is given. With
    *check*, a file that fails SQLite's quick check (bounded in time, see
    :func:`quick_check`) is refused with :class:`Damaged`. *path* may be a database
    URL (:func:`server_url`).
    """
    if is_url(str(path)):
        target = server_url(str(path))
        if not isinstance(target, Path):
            if passphrase is not None:
                raise DatabaseError(_("{url}: encryption works on a SQLite file only").format(
                    url=target.render_as_string(hide_password=True)))
            return _open_server(target, create=create)
        path = target
    path = Path(path)
    require_database(path, create=create, folders=folders)
    created = not path.exists()
    if created:
        try:
            _create_private_file(path)
        except OSError as exc:
            reason = explain_failure(exc, path.parent) or exc.strerror or str(exc)
            raise DatabaseError(_("{path}: cannot be created: {reason}").format(
                path=path, reason=reason)) from None
    try:
        return _open_file(path, passphrase, check)
    except BaseException as exc:
        if created:  # a database that could not be made is none
            for made in (path, *(Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal"))):
                made.unlink(missing_ok=True)
        explained = explain_failure(exc, path.parent)
        if explained and not isinstance(exc, DatabaseError):
            raise DatabaseError(f"{path}: {explained}") from exc
        raise


def require_database(path: Path, *, create: bool = False, folders: bool = False) -> None:
    """For what works on the file itself (backup, restore): raise :class:`NoDatabase`
    unless there is a database at *path*, or one may be made there (*create*; its
    folder made too with *folders*)."""
    path = Path(path)
    if path.exists() and not (path.is_file() and path.stat().st_size == 0):
        return
    if not create:
        if path.exists():
            raise NoDatabase(_("{path}: an empty file (0 bytes), not a database").format(
                path=path))
        raise NoDatabase(_("{path}: no such database").format(path=path))
    if not path.parent.is_dir():
        if not folders:
            raise NoDatabase(_("{path}: the folder {folder} does not exist").format(
                path=path, folder=path.parent))
        path.parent.mkdir(parents=True, exist_ok=True)


def _open_file(path: Path, passphrase: str | None, check: bool) -> Database:
    if path.is_dir():
        raise DatabaseError(_("{path}: is a folder, not a database file").format(path=path))
    if not path.is_file():  # a FIFO would never answer, a device is no database
        raise DatabaseError(_("{path}: not a regular file, so not a database").format(
            path=path))

    revision, has_tables = read_state(path, passphrase)
    known = check_revision(path, revision, has_tables)

    if check and has_tables:
        refuse_if_damaged(path, passphrase)
    if revision == known[-1]:
        return Database(path, None, passphrase)
    engine = make_engine(path, passphrase)
    before = None
    if revision is not None:  # a verified copy, thinned with the backups
        from keyaccounts.storage.backup import make_backup

        before = make_backup(path, passphrase=passphrase, kind=f"before-{known[-1]}")
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        if before is not None:  # each upgrade is a transaction: the file is as it was
            before.unlink(missing_ok=True)
        raise
    return Database(path, engine, passphrase)


def check_revision(where, revision: str | None, has_tables: bool) -> list[str]:
    known = known_revisions()
    if revision is None and has_tables:
        raise DatabaseError(_("{path}: not a KeyAccounts database").format(path=where))
    if revision is not None and revision not in known and (
            not re.fullmatch(r"\d{4}", str(revision)) or revision < known[-1]):
        raise Damaged(_("{path}: the database is damaged: its schema version {found!r} is "
                        "none that KeyAccounts writes").format(path=where, found=revision))
    if revision is not None and revision not in known:
        raise DatabaseError(
            _(
                "{path}: written by a newer version of KeyAccounts (schema {found}; "
                "this version knows up to {head})"
            ).format(path=where, found=revision, head=known[-1])
        )
    return known


def _open_server(url, *, create: bool) -> Database:
    """Open (migrating as needed) the KeyAccounts database at a server *url*. The
    database itself must exist (the server's administrator creates it); every
    migration is one transaction there too, so a failed upgrade changes nothing."""
    from sqlalchemy import inspect, text
    from sqlalchemy.exc import DBAPIError

    shown = url.render_as_string(hide_password=True)
    try:
        engine = make_server_engine(url)
    except ImportError as exc:
        raise DatabaseError(_("{url}: the driver is missing ({reason}): pip install "
                              "'psycopg[binary]'").format(url=shown, reason=exc)) from None
    try:
        with engine.connect() as c:
            tables = set(inspect(c).get_table_names())
            revision = (c.execute(text("SELECT version_num FROM alembic_version")).scalar()
                        if "alembic_version" in tables else None)
    except DBAPIError as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()
        raise DatabaseError(_("{url}: cannot open the database ({reason})").format(
            url=shown, reason=reason[0] if reason else type(exc).__name__)) from None
    if not tables and not create:
        engine.dispose()
        raise NoDatabase(_("{path}: an empty database, with no KeyAccounts schema").format(
            path=shown))
    try:
        known = check_revision(shown, revision, bool(tables))
        if revision != known[-1]:
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(None, engine, url=url)


def passphrase_from_env() -> str | None:
    return os.environ.get(PASSPHRASE_VAR) or None


def encryption_available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True
