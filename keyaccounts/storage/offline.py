"""A local copy of a team database, for working with the server out of reach (issue 17).

* One SQLite file per team connection, in the user's data folder (``offline/``, readable
  by its owner only), named by server, database and login: the same schema, through the
  same migrations, holding what that person may see (the server's row-level security
  decides: the copy is pulled through their own connection).
* :func:`refresh` pulls only what changed since the last refresh: every row people write
  carries ``change_seq`` (set by the server's trigger from one sequence, migration
  0015) and a delete is written to ``deleted_row``; small tables (people, settings,
  shares, marks, alerts, owner history) are copied whole. Accounts that became visible
  (shared, handed over to this person) are pulled whole, those no longer visible
  dropped.
* ``deleted_row`` keeps the server's deletes for :data:`DELETION_HORIZON_DAYS`: older
  entries are pruned at each refresh (as whoever refreshes: every person may) and by
  ``team init``, and a copy last refreshed before the horizon is copied whole again
  (every row pulled, those the server no longer has swept out), never incrementally.
* Rows made in the copy while offline get ids of a range of their own per table
  (:data:`LOCAL_BASE` and up), never a server's, and each write records the rows it
  made and changed, so the outbox (keyaccounts.services.outbox) can pair them with the
  server's when it replays the write, and drop them once the server's rows are pulled.
* Offline, a write that is not one of the outbox's actions is refused: it needs the
  server.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from keyaccounts.domain import clock
from keyaccounts.domain.errors import DatabaseError, KeyAccountsError
from keyaccounts.i18n import _, ngettext
from keyaccounts.storage.db import Damaged, Database, data_dir, open_database

LOCAL_BASE = 1 << 40
# How long the server keeps its log of deleted rows; a copy refreshed less recently
# (by a day's margin for clocks that differ) is copied whole again.
DELETION_HORIZON_DAYS = 90
# Tables whose rows the copy may make offline: each has its own id range.
LOCAL_TABLES = ("account", "contact", "interaction", "follow_up", "cadence", "complaint",
                "survey", "order_line", "need", "churn_event", "owner_history")
# Pulled by the change counter, in an order that satisfies the foreign keys.
COUNTED = ("account", "contact", "contact_private", "interaction", "follow_up", "cadence",
           "complaint", "survey", "order_line", "need", "churn_event")
KEYS = {"contact_private": "contact_id"}
# Copied whole at each refresh (few rows).
WHOLE = ("person", "our_person", "setting", "agenda_mark", "account_share", "owner_history",
         "alert_state")
# An interaction's links, pulled with the interactions they belong to.
LINKS = ("interaction_contact", "interaction_our_person")
ACCOUNT_CHILDREN = ("contact", "interaction", "follow_up", "cadence", "complaint", "survey",
                    "order_line", "need", "churn_event", "alert_state", "owner_history",
                    "account_share")


def local_range(table: str) -> tuple[int, int]:
    n = LOCAL_TABLES.index(table) + 1
    return n * LOCAL_BASE, (n + 1) * LOCAL_BASE


def local_table(row_id) -> str | None:
    """The table of a row the copy made offline (by its id), or None for a server's id."""
    if isinstance(row_id, bool) or not isinstance(row_id, int) or row_id < LOCAL_BASE:
        return None
    n = row_id // LOCAL_BASE - 1
    return LOCAL_TABLES[n] if 0 <= n < len(LOCAL_TABLES) else None


def offline_dir() -> Path:
    return data_dir() / "offline"


def replica_path(url) -> Path:
    """The copy of the team database at *url* (a SQLAlchemy URL) for its login: keyed by
    the server (host, port, socket folder), the database and the login."""
    query = dict(url.query)
    key = "\n".join(str(part) for part in (
        url.host or "", url.port or "", query.get("host", ""), query.get("port", ""),
        url.database or "", url.username or ""))
    digest = hashlib.sha256(key.encode()).hexdigest()[:12]
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", f"{url.database}-{url.username or ''}")[:80]
    return offline_dir() / f"{safe}-{digest}.sqlite3"


UNREACHABLE = ("connection refused", "no such file or directory", "timeout expired",
               "could not translate host name", "network is unreachable", "no route to host",
               "server closed the connection", "the database system is shutting down",
               "the database system is starting up", "connection timed out",
               "could not receive data", "could not send data", "connection reset",
               "terminating connection", "server conn crashed", "ssl syscall error",
               "the connection is closed", "the connection is lost", "consuming input failed",
               "connection is bad", "eof detected", "failed to resolve host",
               "name or service not known", "temporary failure in name resolution")


def is_unreachable(exc: BaseException | str) -> bool:
    """Whether *exc* (or a message) says the server is out of reach, as opposed to a
    refusal (a wrong password, a disabled person, no such database)."""
    text = str(exc).lower()
    return any(words in text for words in UNREACHABLE)


def answers(server: Database) -> bool:
    """Whether the team server answers (a connection is made, a query runs); False when
    it is out of reach, any other failure raised as it is."""
    from sqlalchemy.exc import DBAPIError

    for _attempt in range(2):
        try:
            with server.engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
            return True
        except DBAPIError as exc:
            if not is_unreachable(exc):
                raise
            server.engine.dispose()  # the pool's connections are gone: one more try
    return False


class NeedsServer(KeyAccountsError):
    """Offline, a change or command that only the server can take: refused, nothing
    changed (the CLI's exit 2)."""


class ReplicaDatabase(Database):
    """The local copy (a SQLite file). ``offline``: opened because the server is out of
    reach; then writes go through the outbox only (see module doc)."""

    def __init__(self, path: Path, engine=None, passphrase=None, *, server_url=None,
                 offline: bool = False):
        super().__init__(path, engine, passphrase)
        self.server_url = server_url
        self.offline = offline
        self.queued: list[int] = []  # outbox entries this connection queued
        self.kept_aside: Path | None = None  # a damaged copy moved aside on opening
        self._tracking = threading.local()

    @property
    def server_location(self) -> str:
        return (self.server_url.render_as_string(hide_password=True)
                if self.server_url is not None else str(self.path))

    def _sessionmaker(self):
        made = self._sessions is None
        sessions = super()._sessionmaker()
        if made:
            from sqlalchemy import event

            event.listen(sessions, "before_flush", self._before_flush)
        return sessions

    def _before_flush(self, session, _context, _instances) -> None:
        from sqlalchemy import inspect as sa_inspect
        from sqlalchemy import text

        track = getattr(self._tracking, "rows", None)
        new = sorted(session.new, key=lambda o: sa_inspect(o).insert_order)
        for obj in new:
            table = getattr(obj, "__tablename__", None)
            if table in LOCAL_TABLES and getattr(obj, "id", None) is None:
                low, high = local_range(table)
                top = session.execute(text(f"SELECT max(id) FROM {table} WHERE id >= :low "
                                           "AND id < :high"), {"low": low, "high": high}
                                      ).scalar()
                taken = session.info.setdefault("local_ids", {})
                nxt = max(top + 1 if top is not None else low, taken.get(table, low))
                obj.id = nxt
                taken[table] = nxt + 1
                if track is not None:
                    track["made"].setdefault(table, []).append(nxt)
        if track is not None:
            for obj in session.dirty:
                table = getattr(obj, "__tablename__", None)
                row_id = getattr(obj, "id", None)
                if table in LOCAL_TABLES and isinstance(row_id, int) and row_id < LOCAL_BASE:
                    touched = track["touched"].setdefault(table, [])
                    if row_id not in touched:
                        touched.append(row_id)

    def start_tracking(self) -> dict:
        rows = {"made": {}, "touched": {}}
        self._tracking.rows = rows
        return rows

    def stop_tracking(self) -> None:
        self._tracking.rows = None

    def transaction(self):
        if self.offline and self.joined_session is None:
            raise NeedsServer(_(
                "{server}: out of reach (offline since {since}); this change needs the team "
                "server, nothing was saved. Quick logs, new contacts, follow-ups and "
                "complaints are kept in the outbox and sent later").format(
                    server=self.server_location, since=self.since_text()))
        return super().transaction()

    # --- the copy's own bookkeeping -------------------------------------------------

    def state(self, key: str, default=None):
        with self.dbapi() as con:
            row = con.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def refreshed_at(self) -> datetime | None:
        value = self.state("refreshed_at")
        return datetime.fromisoformat(value) if value else None

    def since_text(self) -> str:
        from keyaccounts.domain.formats import date_time

        when = self.refreshed_at()
        return date_time(when) if when is not None else _("never refreshed")


def _set_state(connection, key: str, value) -> None:
    connection.exec_driver_sql(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
        "SET value = excluded.value", (key, json.dumps(value)))


def open_replica(url, *, offline: bool = False, create: bool = True,
                 passphrase: str | None = None, path: Path | None = None) -> ReplicaDatabase:
    """The copy of the team database at *url* (made, empty, when there is none and
    *create*); :class:`DatabaseError` when there is none and not *create*. Encrypted
    with the user's passphrase (*passphrase*, else ``KEYACCOUNTS_PASSPHRASE``) when
    there is one. *path*: a file of its own instead of the user's copy (the bench)."""
    from keyaccounts.storage.db import passphrase_from_env

    passphrase = passphrase if passphrase is not None else passphrase_from_env()
    path = path or replica_path(url)
    if not path.exists() and not create:
        raise DatabaseError(_("{server}: out of reach, and this computer has no copy of it "
                              "yet (one is made at the first connection)").format(
                                  server=url.render_as_string(hide_password=True)))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(path.parent, 0o700)
    except OSError:
        pass
    aside = None
    try:
        opened = open_database(path, create=create, check=True, passphrase=passphrase)
    except Damaged as exc:
        # Never discarded: kept aside, and the copy made anew (from the server at the
        # next refresh) with the outbox of the damaged one, as far as it can be read:
        # what was written offline is still sent.
        aside = keep_aside(path)
        opened = open_database(path, create=True, check=True, passphrase=passphrase)
        salvaged = salvage_outbox(aside, opened, passphrase)
        if offline:
            opened.close()
            raise DatabaseError(_("{server}: out of reach, and its local copy is damaged "
                                  "({problem}); the copy, with its outbox, was kept aside as "
                                  "{aside}").format(server=url.render_as_string(
                                      hide_password=True), problem=exc, aside=aside)
                                + "; " + (_("its outbox could not be read, it stays there")
                                          if salvaged is None else
                                          ngettext("the change it had not yet sent is sent "
                                                   "when the server answers",
                                                   "the {count} changes it had not yet sent "
                                                   "are sent when the server answers",
                                                   salvaged).format(count=salvaged)
                                          if salvaged else
                                          _("it had no changes waiting to be sent"))) from None
    replica = ReplicaDatabase(path, opened._engine, passphrase, server_url=url,
                              offline=offline)
    replica.kept_aside = aside
    return replica


OUTBOX_COLUMNS = ("id", "uuid", "action", "args", "created_at", "state", "account_id",
                  "context", "local_rows", "server_rows", "conflict", "resolution", "sent_at")


def salvage_outbox(damaged: Path, new: Database, passphrase: str | None) -> int | None:
    """Copy the outbox of a *damaged* copy (kept aside) into the *new* one: every entry,
    by its own id (the sent ones pair the rows later entries name with the server's);
    how many were not yet sent. None, nothing copied, when it cannot be read (the
    damaged file stays aside, as it is)."""
    from keyaccounts.storage.db import connect_raw

    try:
        con = connect_raw(damaged, passphrase, readonly=True)
        try:
            rows = con.execute(f"SELECT {', '.join(OUTBOX_COLUMNS)} FROM outbox ORDER BY id"
                               ).fetchall()
        finally:
            con.close()
    except Exception:  # noqa: BLE001 — the damage reached the outbox: it stays aside
        return None
    if not rows:
        return 0
    with new.engine.connect() as local:
        with local.execution_options(keyaccounts_write=True).begin():
            local.exec_driver_sql(
                f"INSERT INTO outbox ({', '.join(OUTBOX_COLUMNS)}) VALUES "
                f"({', '.join('?' * len(OUTBOX_COLUMNS))})", [tuple(r) for r in rows])
    return sum(1 for r in rows if r[OUTBOX_COLUMNS.index("state")] in ("pending", "conflict"))


def keep_aside(path: Path) -> Path:
    """Move a damaged copy (and its journal) aside, beside it, named with the time."""
    aside = path.with_name(f"{path.stem}.damaged-{clock.now():%Y%m%d-%H%M%S}{path.suffix}")
    path.rename(aside)
    for suffix in ("-wal", "-shm", "-journal"):
        extra = Path(f"{path}{suffix}")
        if extra.exists():
            extra.rename(Path(f"{aside}{suffix}"))
    return aside


def waiting(url) -> int:
    """How many writes made offline wait in the copy of *url* (0 without a copy), read
    without opening the copy as a database (no migration, no check): cheap enough for
    every command."""
    from keyaccounts.storage.db import connect_raw, passphrase_from_env

    path = replica_path(url)
    if not path.exists():
        return 0
    try:
        con = connect_raw(path, passphrase_from_env(), readonly=True)
        try:
            return con.execute("SELECT count(*) FROM outbox WHERE state = 'pending'"
                               ).fetchone()[0]
        finally:
            con.close()
    except Exception:  # noqa: BLE001 — a hint only; sync says what is wrong
        return 0


def open_team_or_copy(value: str, *, create: bool = False) -> Database:
    """The team database at the URL *value*; when its server is out of reach, the local
    copy (offline) if this computer has one. Any other failure is raised as it is."""
    from keyaccounts.storage.db import server_url

    from keyaccounts.storage.db import passphrase_from_env

    url = server_url(value)
    if isinstance(url, Path):  # sqlite:///PATH: a file, as ever
        return open_database(url, create=create, passphrase=passphrase_from_env(),
                             check=True)
    try:
        return open_database(value, create=create)
    except DatabaseError as exc:
        if not is_unreachable(exc):
            raise
        return open_replica(url, offline=True, create=False)


# --- refresh ------------------------------------------------------------------------


@dataclass(frozen=True)
class RefreshResult:
    rows: int           # rows people write, copied or updated (by the change counter)
    deleted: int        # rows deleted
    whole: int          # rows of the small tables, copied whole
    full: bool          # a whole copy (the first, or one refreshed before the horizon)
    seq: int            # the last change pulled
    pruned: int = 0     # entries of the server's deletion log pruned (past the horizon)


def prune_deletions(server: Database) -> int:
    """Delete the entries of the server's deletion log older than the horizon (in a
    transaction of its own, before a refresh reads); how many. A login the server does
    not let prune prunes nothing."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    cutoff = clock.now() - timedelta(days=DELETION_HORIZON_DAYS)
    try:
        with server.engine.begin() as connection:
            done = connection.execute(text("DELETE FROM deleted_row WHERE deleted_at < "
                                           ":cutoff"), {"cutoff": cutoff})
            return max(done.rowcount, 0)
    except DBAPIError as exc:
        if is_unreachable(exc):
            raise
        return 0


def _beyond_horizon(replica: ReplicaDatabase) -> bool:
    """Whether the copy was last refreshed before the deletion log's horizon: deletes
    since may have been pruned from the server's log."""
    when = replica.refreshed_at()
    return when is not None and when < clock.now() - timedelta(days=DELETION_HORIZON_DAYS - 1)


def _tables():
    from keyaccounts.storage.model import Base

    return Base.metadata.tables


def _upsert(local, table, rows: list[dict]) -> None:
    if not rows:
        return
    from sqlalchemy.dialects.sqlite import insert

    statement = insert(table)
    keys = [c.name for c in table.primary_key.columns]
    others = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys}
    if others:
        statement = statement.on_conflict_do_update(index_elements=keys, set_=others)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=keys)
    for start in range(0, len(rows), 500):
        local.execute(statement, rows[start:start + 500])


def _clear_clashes(local, table: str, rows: list[dict]) -> None:
    """A follow-up carried offline and, meanwhile, on the server: the server's successor
    wins in the copy (the offline one stays in the outbox, a conflict)."""
    if table != "follow_up":
        return
    for row in rows:
        if row.get("carried_from_id") is not None:
            local.exec_driver_sql("DELETE FROM follow_up WHERE carried_from_id = ? AND id >= ? "
                                  "AND id <> ?", (row["carried_from_id"], LOCAL_BASE, row["id"]))


# A row takes its number when it is written, and is seen when its transaction commits:
# a long transaction may commit a lower number after a refresh has read higher ones.
# Each refresh reads again this many numbers below the last one it saw (the copy's
# upserts make a row read twice harmless).
OVERLAP = 500


def refresh(server: Database, replica: ReplicaDatabase) -> RefreshResult:
    """Pull into *replica* what changed on *server* since the last refresh (everything
    the first time), in one transaction of the copy, from one snapshot of the server,
    streamed in chunks (a lead's first copy of a whole team is never all in memory)."""
    from sqlalchemy import select, text

    tables = _tables()
    pruned = prune_deletions(server)
    last = replica.state("seq")
    # Copied whole again, the rows the server no longer has swept out afterwards.
    sweep = last is not None and _beyond_horizon(replica)
    full = last is None or sweep
    last = -1 if full else int(last)
    since = -1 if full else max(last - OVERLAP, 0)
    repull = replica.state("repull", {}) or {}
    n = {"copied": 0, "deleted": 0, "whole": 0, "overlap": 0, "top": last}
    with replica.dbapi() as con:
        local_accounts = {r[0] for r in con.execute(
            "SELECT id FROM account WHERE id < ?", (LOCAL_BASE,))}
    with server.engine.connect() as remote, replica.engine.connect() as local:
        remote = remote.execution_options(isolation_level="REPEATABLE READ")
        local = local.execution_options(keyaccounts_write=True)
        with local.begin(), remote.begin():
            local.exec_driver_sql("PRAGMA defer_foreign_keys = ON")

            def stream(query):
                result = remote.execution_options(stream_results=True).execute(query)
                for part in result.mappings().partitions(CHUNK):
                    yield [dict(r) for r in part]

            visible = {r[0] for r in remote.execute(text("SELECT id FROM account"))}
            for name in reversed(WHOLE):
                local.exec_driver_sql(f"DELETE FROM {name}")
            for account_id in sorted(local_accounts - visible):  # no longer theirs to see
                _drop_account(local, account_id)
                n["deleted"] += 1
            for part in stream(text("SELECT seq, table_name, row_id FROM deleted_row WHERE "
                                    "seq > :last ORDER BY seq").bindparams(last=since)):
                for row in part:
                    n["top"] = max(n["top"], row["seq"])
                    if row["table_name"] in tables:
                        cursor = local.exec_driver_sql(
                            f"DELETE FROM {row['table_name']} WHERE "
                            f"{KEYS.get(row['table_name'], 'id')} = ?", (row["row_id"],))
                        n["deleted"] += max(cursor.rowcount, 0)
            for name in ("person", "setting", "agenda_mark"):
                for part in stream(select(tables[name])):
                    _upsert(local, tables[name], part)
                    n["whole"] += len(part)
            new_accounts = sorted(visible - local_accounts) if not full else []
            interactions: list[int] = []
            seen: dict[str, set[int]] = {name: set() for name in COUNTED}

            def take(name, part, *, counted: bool) -> None:
                if sweep:
                    seen[name].update(r[KEYS.get(name, "id")] for r in part)
                if counted:
                    n["overlap"] += sum(1 for r in part if r["change_seq"] <= last)
                    n["top"] = max([n["top"], *(r["change_seq"] for r in part)])
                _clear_clashes(local, name, part)
                _upsert(local, tables[name], part)
                n["copied"] += len(part)
                if name == "interaction":
                    interactions.extend(r["id"] for r in part)

            for name in COUNTED:
                t = tables[name]
                key = t.c[KEYS.get(name, "id")]
                for part in stream(select(t).where(t.c.change_seq > since)
                                   .order_by(t.c.change_seq)):
                    take(name, part, counted=True)
                ids = repull.get(name) or []
                for start in range(0, len(ids), CHUNK):
                    for part in stream(select(t).where(key.in_(ids[start:start + CHUNK]))):
                        take(name, part, counted=False)
                if new_accounts:  # shared with them, handed to them: whatever the age
                    if name == "account":
                        where = t.c.id.in_(new_accounts)
                    elif name == "contact_private":
                        where = t.c.contact_id.in_(select(tables["contact"].c.id).where(
                            tables["contact"].c.account_id.in_(new_accounts)))
                    else:
                        where = t.c.account_id.in_(new_accounts)
                    for part in stream(select(t).where(where, t.c.change_seq <= since)):
                        take(name, part, counted=False)
            if sweep:  # what the server no longer has (its deletes may be pruned)
                for name in reversed(COUNTED):
                    key = KEYS.get(name, "id")
                    gone = [r[0] for r in local.exec_driver_sql(
                        f"SELECT {key} FROM {name} WHERE {key} < ?", (LOCAL_BASE,))
                        if r[0] not in seen[name]]
                    for start in range(0, len(gone), 500):
                        part = gone[start:start + 500]
                        cursor = local.exec_driver_sql(
                            f"DELETE FROM {name} WHERE {key} IN ("
                            + ",".join("?" * len(part)) + ")", tuple(part))
                        n["deleted"] += max(cursor.rowcount, 0)
            for link in LINKS:
                ic = tables[link]
                for start in range(0, len(interactions), CHUNK):
                    part = interactions[start:start + CHUNK]
                    local.exec_driver_sql(f"DELETE FROM {link} WHERE interaction_id "
                                          "IN (" + ",".join("?" * len(part)) + ")", tuple(part))
                    links = [dict(r._mapping) for r in remote.execute(
                        select(ic).where(ic.c.interaction_id.in_(part)))]
                    _upsert(local, ic, links)
                    n["copied"] += len(links)
            for name in ("account_share", "owner_history", "alert_state"):
                for part in stream(select(tables[name])):
                    _upsert(local, tables[name], part)
                    n["whole"] += len(part)
            _set_state(local, "seq", n["top"])
            _set_state(local, "refreshed_at", clock.now().isoformat(timespec="seconds"))
            _set_state(local, "repull", {})
    return RefreshResult(n["copied"] - n["overlap"], n["deleted"], n["whole"], full, n["top"],
                         pruned)


CHUNK = 2000


def _drop_account(local, account_id: int) -> None:
    """An account and everything hanging off it, out of the copy."""
    for link in LINKS:
        local.exec_driver_sql(f"DELETE FROM {link} WHERE interaction_id IN (SELECT id "
                              "FROM interaction WHERE account_id = ?)", (account_id,))
    local.exec_driver_sql("DELETE FROM contact_private WHERE contact_id IN (SELECT id FROM "
                          "contact WHERE account_id = ?)", (account_id,))
    for name in ACCOUNT_CHILDREN:
        local.exec_driver_sql(f"DELETE FROM {name} WHERE account_id = ?", (account_id,))
    # Its views kept per account too (keyaccounts.storage.cache): its follow-ups' words.
    local.exec_driver_sql("DELETE FROM account_cache WHERE account_id = ?", (account_id,))
    local.exec_driver_sql("DELETE FROM account WHERE id = ?", (account_id,))


def add_repull(replica: ReplicaDatabase, rows: dict[str, list[int]]) -> None:
    """Rows of the server the copy changed offline by a write the server did not take:
    pulled again, whatever their counter, at the next refresh."""
    if not any(rows.values()):
        return
    wanted = replica.state("repull", {}) or {}
    for table, ids in rows.items():
        wanted[table] = sorted(set(wanted.get(table, [])) | set(ids))
    with replica.engine.connect() as local:
        with local.execution_options(keyaccounts_write=True).begin():
            _set_state(local, "repull", wanted)


def drop_local_rows(replica: ReplicaDatabase, made: dict[str, list[int]]) -> bool:
    """Delete rows the copy made offline (the server's own come with the next refresh);
    False, and nothing deleted, while another row of the copy still refers to them."""
    if not any(made.values()):
        return True
    with replica.engine.connect() as local:
        local = local.execution_options(keyaccounts_write=True)
        with local.begin() as tx:
            local.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            for table in reversed(LOCAL_TABLES):
                for row_id in made.get(table, []):
                    local.exec_driver_sql(f"DELETE FROM {table} WHERE id = ?", (row_id,))
            for table, ids in made.items():  # still referred to? (no whole-file check)
                for child, column in _references(table):
                    for start in range(0, len(ids), 500):
                        part = ids[start:start + 500]
                        if local.exec_driver_sql(
                                f"SELECT 1 FROM {child} WHERE {column} IN ("
                                + ",".join("?" * len(part)) + ") LIMIT 1",
                                tuple(part)).first() is not None:
                            tx.rollback()
                            return False
    return True


def _references(table: str) -> list[tuple[str, str]]:
    """(table, column) of the foreign keys to *table* that a delete does not follow
    (neither ON DELETE CASCADE nor SET NULL)."""
    found = []
    for child in _tables().values():
        for fk in child.foreign_keys:
            if fk.column.table.name == table and (fk.ondelete or "").upper() not in (
                    "CASCADE", "SET NULL"):
                found.append((child.name, fk.parent.name))
    return found
