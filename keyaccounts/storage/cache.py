"""The per-account cache: derived views (an account's agenda items, its health mark and
alerts) kept in the database per account, valid until something of that account
changes — so that many people writing all day invalidate only what they touch, on a
SQLite file and on a team's PostgreSQL server alike (issue 16, "Many writers, still
instant").

Two tables (migration 0016):

* ``account_stamp(account_id, stamp)``: a counter per account, raised by triggers in
  the very transaction that changes any row hanging off the account (directly by
  ``account_id``, or through its contact or interaction: :data:`THROUGH`), whoever
  writes (the app, the CLI, an import, raw SQL on another connection). The row
  ``account_id = 0`` is the global stamp, raised by the tables tied to no one account
  (settings, people, our people: :data:`GLOBAL`; an agenda mark without an account).
  A missing row is stamp 0.
* ``account_cache(account_id, name, day, language, generation, stamp, global_stamp,
  payload)``: one JSON payload per account, view *name*, day and language, computed by
  *generation* (app version and schema revision, as the snapshots). An entry is valid
  iff its generation is the current one, its ``stamp`` the account's stamp now and its
  ``global_stamp`` the global one now.

The stamps are read **before** computing and stored with the entry: a write committed
during the computation leaves the entry invalid from the start (conservative, no race,
the same on both engines). Nothing private (``contact_private``) goes into a payload.

On a team server, row-level security (keyaccounts.storage.team) gives the cache and the
stamps the account's own predicate: a person reads the entries of the accounts they may
read, and stores only those of the accounts they may write; the stamps are written by
``SECURITY DEFINER`` trigger functions only.

Plain DB-API (sqlite3, SQLCipher, psycopg) or SQLAlchemy's ``exec_driver_sql``: *run*
is ``run(sql, params)`` returning rows, with ``?`` placeholders (see :func:`runner`).
This module must stay importable without SQLAlchemy (the first paint reads with it).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

STAMP, CACHE = "account_stamp", "account_cache"
GLOBAL_ID = 0

# Tables whose rows name their account; agenda_mark's may be NULL (a festival's mark,
# or one written by a tool that did not say): the global stamp then.
DIRECT = {"account": "id", "contact": "account_id", "interaction": "account_id",
          "follow_up": "account_id", "cadence": "account_id", "complaint": "account_id",
          "survey": "account_id", "order_line": "account_id", "need": "account_id",
          "churn_event": "account_id", "alert_state": "account_id",
          "owner_history": "account_id", "account_share": "account_id",
          "agenda_mark": "account_id"}
NULL_IS_GLOBAL = {"agenda_mark"}
# Tables that reach their account through a parent row: (parent, column naming it). A
# row whose parent is gone (a cascade) raises nothing: the parent's delete did.
THROUGH = {"contact_private": ("contact", "contact_id"),
           "interaction_contact": ("interaction", "interaction_id"),
           "interaction_our_person": ("interaction", "interaction_id")}
GLOBAL = ("setting", "person", "our_person")
# Not inputs of any view: the caches themselves, the schema's version, a team copy's
# and the server's bookkeeping of changes (their data rows are stamped where written).
UNSTAMPED = {STAMP, CACHE, "snapshot", "alembic_version", "applied_change", "outbox",
             "sync_state", "deleted_row"}
_EVENTS = ("INSERT", "UPDATE", "DELETE")


def runner(execute: Callable, paramstyle: str = "qmark") -> Callable:
    """``run(sql, params) -> rows`` over *execute* (a DB-API connection's or cursor's
    ``execute``, or SQLAlchemy's ``exec_driver_sql``); *paramstyle* "format" for
    psycopg (``%s``)."""
    def run(sql: str, params: tuple | list = ()):
        if paramstyle != "qmark":
            sql = sql.replace("%", "%%").replace("?", "%s")
        result = execute(sql, tuple(params))
        rows = getattr(result, "returns_rows", None)  # SQLAlchemy's result
        if rows is None:  # a DB-API cursor
            rows = result.description is not None
        return result.fetchall() if rows else []
    return run


# --- triggers ---------------------------------------------------------------------------


def _account_of(table: str, row: str) -> str | None:
    """SQL for the account of *row* (NEW or OLD) of *table* (SQLite), None for global."""
    if table in DIRECT:
        column = f"{row}.{DIRECT[table]}"
        return f"coalesce({column}, 0)" if table in NULL_IS_GLOBAL else column
    if table in THROUGH:
        parent, column = THROUGH[table]
        return f"(SELECT account_id FROM {parent} WHERE id = {row}.{column})"
    return None


def _sqlite_trigger(table: str) -> str:
    return f"account_stamp_after_{{}}_{table}"


def stamped_tables(execute: Callable) -> list[str]:
    rows = execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                   " AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    return [r[0] for r in rows if r[0] not in UNSTAMPED]


def install_sqlite_triggers(execute: Callable) -> None:
    """Make every table of a SQLite file (but :data:`UNSTAMPED`) raise the stamp of the
    account its rows belong to (an unknown table: the global one). Idempotent; a
    migration that adds or rebuilds a table calls it at its end."""
    for table in stamped_tables(execute):
        for event in _EVENTS:
            rows = {"INSERT": ("NEW",), "DELETE": ("OLD",), "UPDATE": ("OLD", "NEW")}[event]
            ids = [_account_of(table, r) for r in rows]
            ids = ["0"] if ids[0] is None else ids
            pick = " UNION ".join(f"SELECT {a} AS a" for a in ids)
            execute(f'CREATE TRIGGER IF NOT EXISTS "{_sqlite_trigger(table).format(event.lower())}"'
                    f' AFTER {event} ON "{table}" BEGIN'
                    # (no OR IGNORE: an outer statement's ON CONFLICT would override it)
                    f" INSERT INTO {STAMP} (account_id, stamp) SELECT x.a, 0 FROM ({pick}) x"
                    f" WHERE x.a IS NOT NULL AND NOT EXISTS"
                    f" (SELECT 1 FROM {STAMP} s WHERE s.account_id = x.a);"
                    f" UPDATE {STAMP} SET stamp = stamp + 1 WHERE account_id IN ({pick});"
                    " END")


def drop_sqlite_triggers(execute: Callable) -> None:
    for (name,) in execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                           " AND name LIKE 'account_stamp_after_%'").fetchall():
        execute(f'DROP TRIGGER "{name}"')


def _pg_select(table: str, rows: str) -> str:
    """The accounts of the transition table *rows* of *table* (PostgreSQL)."""
    if table in DIRECT:
        column = DIRECT[table]
        pick = f"coalesce({column}, 0)" if table in NULL_IS_GLOBAL else column
        return f"SELECT {pick} FROM {rows}"
    if table in THROUGH:
        parent, column = THROUGH[table]
        return f"SELECT p.account_id FROM {rows} r JOIN {parent} p ON p.id = r.{column}"
    return f"SELECT 0 FROM {rows}"


def _pg_bump(select: str) -> str:
    # In the accounts' order: two transactions raising the same accounts wait for each
    # other rather than deadlock.
    return (f"INSERT INTO {STAMP} AS s (account_id, stamp) SELECT DISTINCT a, 1 FROM"
            f" ({select}) x(a) WHERE a IS NOT NULL ORDER BY a"
            " ON CONFLICT (account_id) DO UPDATE SET stamp = s.stamp + 1;")


def postgresql_sql(tables: Iterable[str]) -> list[str]:
    """The statements that make *tables* raise their accounts' stamps on a server: one
    ``SECURITY DEFINER`` function per table (a person's row-level security must not stop
    the raise), and a statement-level trigger per event over its transition table (a
    bulk load raises each account once per statement, not once per row). A migration
    that adds a table runs them for it (and says in :data:`DIRECT`, :data:`THROUGH`,
    :data:`GLOBAL` or :data:`UNSTAMPED` how its rows reach an account: a project test
    fails until it does)."""
    out = []
    for table in tables:
        if table in UNSTAMPED:
            continue
        both = f"{_pg_select(table, 'new_rows')} UNION {_pg_select(table, 'old_rows')}"
        out.append(
            f"CREATE OR REPLACE FUNCTION ka_stamp_{table}() RETURNS trigger LANGUAGE plpgsql"
            " SECURITY DEFINER SET search_path = public AS $$ BEGIN"
            f" IF TG_OP = 'INSERT' THEN {_pg_bump(_pg_select(table, 'new_rows'))}"
            f" ELSIF TG_OP = 'DELETE' THEN {_pg_bump(_pg_select(table, 'old_rows'))}"
            f" ELSE {_pg_bump(both)} END IF; RETURN NULL; END $$")
        for event in _EVENTS:
            name = f"ka_stamp_{event.lower()}"
            refs = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
                    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}[event]
            out.append(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            out.append(f"CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {refs}"
                       f" FOR EACH STATEMENT EXECUTE FUNCTION ka_stamp_{table}()")
    return out


def postgresql_drop_sql(tables: Iterable[str]) -> list[str]:
    out = []
    for table in tables:
        if table in UNSTAMPED:
            continue
        out += [f"DROP TRIGGER IF EXISTS ka_stamp_{e.lower()} ON {table}" for e in _EVENTS]
        out.append(f"DROP FUNCTION IF EXISTS ka_stamp_{table}()")
    return out


def postgresql_tables(execute: Callable) -> list[str]:
    rows = execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                   " ORDER BY tablename").fetchall()
    return [r[0] for r in rows if r[0] not in UNSTAMPED]


# --- reading and keeping entries --------------------------------------------------------


def stamps(run: Callable) -> dict[int, int]:
    """Every stamp the connection may read, by account (0: the global one)."""
    return {aid: stamp for aid, stamp in run(f"SELECT account_id, stamp FROM {STAMP}")}


def valid(run: Callable, name: str, day: str, language: str, generation: str,
          now: dict[int, int], accounts: Iterable[int] | None = None) -> dict[int, object]:
    """The valid entries of view *name* (day ISO, language, generation), decoded, by
    account: those whose stamps are the ones in *now* (:func:`stamps`); of *accounts*
    only, when given."""
    rows = run(f"SELECT account_id, stamp, global_stamp, payload FROM {CACHE}"
               " WHERE name = ? AND day = ? AND language = ? AND generation = ?",
               (name, day, language, generation))
    wanted = None if accounts is None else set(accounts)
    glob = now.get(GLOBAL_ID, 0)
    return {aid: json.loads(payload) for aid, stamp, global_stamp, payload in rows
            if global_stamp == glob and stamp == now.get(aid, 0)
            and (wanted is None or aid in wanted)}


def store(run: Callable, name: str, day: str, language: str, generation: str,
          read: dict[int, int], payloads: dict[int, object], *,
          prune_before: str | None = None) -> None:
    """Keep *payloads* (by account) as entries of view *name*, with the stamps *read*
    before they were computed (:func:`stamps`); an entry stored meanwhile from newer
    stamps is not overwritten. Entries of days before *prune_before* go. The caller
    owns the transaction."""
    if prune_before:
        run(f"DELETE FROM {CACHE} WHERE day < ?", (prune_before,))
    glob = read.get(GLOBAL_ID, 0)
    rows = [(aid, name, day, language, generation, read.get(aid, 0), glob,
             json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
            for aid, payload in payloads.items()]
    for start in range(0, len(rows), _CHUNK):  # a few statements, not one per account
        part = rows[start:start + _CHUNK]
        run(f"INSERT INTO {CACHE} (account_id, name, day, language, generation, stamp,"
            " global_stamp, payload) VALUES "
            + ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?)"] * len(part))
            + " ON CONFLICT (account_id, name, day, language) DO UPDATE SET"
            " generation = excluded.generation, stamp = excluded.stamp,"
            " global_stamp = excluded.global_stamp, payload = excluded.payload"
            f" WHERE {CACHE}.generation != excluded.generation"
            f" OR {CACHE}.global_stamp < excluded.global_stamp"
            f" OR {CACHE}.global_stamp = excluded.global_stamp"
            f" AND {CACHE}.stamp <= excluded.stamp",
            [value for row in part for value in row])


_CHUNK = 100  # rows of one INSERT: 800 parameters, within every SQLite's limit
