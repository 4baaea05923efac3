"""The Today page's views kept for a fast start: per account underneath, a whole first
screen on top (on a file).

**Per account** (:mod:`keyaccounts.storage.cache`, on a file and on a team server
alike): each account's agenda items (``agenda:60``) and its health mark with its alerts
(``health``), each for one day and one language, and for the app's version and the
schema revision (:func:`generation`). An entry is valid while its account's stamp (and
the global one) is the one read before it was computed; triggers raise a stamp in the
very transaction that changes the account's rows, whoever writes. :func:`agenda` and
:func:`health` assemble the views from the valid entries and compute only the accounts
written to since (:func:`per_account`); what is of no one account is computed whole each
time: the festivals' items, the portfolio-relative ``segment-falling`` alerts, and on a
team server a manager's own pick of the agenda.

**The first screen** (a *snapshot*, in SQLite files only): the start of the agenda's
groups and the first alerts, stored as JSON in the ``snapshot`` table of the same file.
In the file, not beside it: every other table has triggers that delete all snapshots on
any INSERT, UPDATE or DELETE, whoever writes (the app, the CLI, an import, a migration,
another tool): a snapshot that exists is current, and one assembled while another
connection committed is not kept (``PRAGMA data_version``). Rebuilt from the entries,
it costs little. A missing *today's* snapshot while the app is idle also tells it that
another program wrote (:func:`is_current`). On a team server, where people write all
day, the first screen is assembled from the entries instead
(:func:`_server_first_screen`). The app keeps the next days' views ahead of time
(:func:`prepare`).

The file's first paint reads with sqlite3 (or SQLCipher) alone — this module must stay
importable without SQLAlchemy; the rest runs on the storage layer's connections.
A snapshot or entry that cannot be read or kept is a miss, or not kept, and says why in
the log; any other error is a bug and is raised.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import sys
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date

from keyaccounts import __version__
from keyaccounts.storage import cache
from keyaccounts.domain.today import AgendaItem, Alert, HealthMark, group_agenda

log = logging.getLogger(__name__)

TABLE = "snapshot"
UNGUARDED = {TABLE, "alembic_version", "account_stamp", "account_cache"}
_EVENTS = ("INSERT", "UPDATE", "DELETE")


def _trigger(table: str, event: str) -> str:
    return f"snapshot_stale_after_{event.lower()}_{table}"


def guarded_tables(execute: Callable) -> list[str]:
    rows = execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                   " AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    return [r[0] for r in rows if r[0] not in UNGUARDED]


def install_triggers(execute: Callable) -> None:
    """Make every table (but the snapshots' own) delete the snapshots when it changes.

    Idempotent. A migration that adds a table, or rebuilds one (a batch alteration
    copies the table and loses its triggers), calls this at its end; a test checks
    that every table is guarded.
    """
    for table in guarded_tables(execute):
        for event in _EVENTS:
            execute(f'CREATE TRIGGER IF NOT EXISTS "{_trigger(table, event)}" AFTER {event}'
                    f' ON "{table}" BEGIN DELETE FROM {TABLE}; END')


def drop_triggers(execute: Callable) -> None:
    for (name,) in execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                           " AND name LIKE 'snapshot_stale_after_%'").fetchall():
        execute(f'DROP TRIGGER "{name}"')


def _database_errors() -> tuple[type[Exception], ...]:
    """What reading or writing a snapshot may meet without a bug: the DB-API's errors
    (a busy, read-only or damaged file), sqlite3's and, when an encrypted file is
    open, SQLCipher's."""
    cipher = sys.modules.get("sqlcipher3")
    return (sqlite3.Error,) if cipher is None else (sqlite3.Error, cipher.Error)


PAYLOADS = 2  # the payloads' shape: raised when it changes (2: health entries' figures)


def generation(con) -> str:
    """What a snapshot or a per-account entry was computed by: the app's version, the
    payloads' shape (PAYLOADS) and the database's schema revision (Alembic's). One of
    another generation is never read, and goes when the next ones are kept. *con*: a
    DB-API or SQLAlchemy connection."""
    execute = getattr(con, "exec_driver_sql", None) or con.execute
    row = execute("SELECT version_num FROM alembic_version").fetchone()
    return f"{__version__}/{PAYLOADS}/{row[0] if row else ''}"


def _key(name: str, day: date, language: str, generation: str) -> str:
    return f"{name}|{day.isoformat()}|{language}|{generation}"


def _payload(con, key: str):
    """The payload of the snapshot of *key*, or None: missing or stale."""
    row = con.execute(f"SELECT payload FROM {TABLE} WHERE name = ?", (key,)).fetchone()
    return None if row is None else json.loads(row[0])


def data_version(con) -> int:
    """SQLite's count of commits by *other* connections, as *con* sees it."""
    return con.execute("PRAGMA data_version").fetchone()[0]


def write(con, day: date, language: str, payloads: dict, *, since: int,
          prune_before: date | None = None) -> bool:
    """Store each payload (JSON-able) of *payloads* as the snapshot of its name for
    *day*, in one transaction, unless another connection has committed anything since
    :func:`data_version` gave *since* (the payloads were computed from what may no
    longer be there); snapshots of days before *prune_before*, and of other
    generations, go. Returns whether it wrote (a read-only or busy file: no snapshot,
    no harm; the log says why)."""
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            if data_version(con) != since:
                con.execute("ROLLBACK")
                return False
            kept = generation(con)
            con.execute(f"DELETE FROM {TABLE} WHERE name != ? AND (name NOT LIKE ? OR day < ?)",
                        (BACKED_UP, f"%|{kept}", prune_before.isoformat() if prune_before else ""))
            con.executemany(
                f"INSERT OR REPLACE INTO {TABLE} (name, day, language, payload)"
                " VALUES (?, ?, ?, ?)",
                [(_key(name, day, language, kept), day.isoformat(), language,
                  json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
                 for name, payload in payloads.items()])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    except _database_errors() as exc:
        log.warning("snapshots of %s not kept: %s", day, exc)
        return False
    return True


# --- the automatic backups' marker ---------------------------------------------------------

BACKED_UP = "backed-up"  # one row, of the last day: never pruned


def mark_backed_up(con) -> bool:
    """Note, as a backup begins, that the data is as backed up. Whatever changes it
    afterwards (the triggers, as for every snapshot) drops the note; the app's own
    snapshots leave it be. Returns whether it could note it."""
    try:
        con.execute(f"INSERT OR REPLACE INTO {TABLE} (name, day, language, payload)"
                    " VALUES (?, '9999-12-31', '', '{}')", (BACKED_UP,))
    except _database_errors() as exc:  # a read-only file: each automatic backup is made
        log.warning("the backup is not noted in the file: %s", exc)
        return False
    return True


def forget_backed_up(con) -> None:
    """Drop the note of :func:`mark_backed_up` (the backup it announced failed)."""
    con.execute(f"DELETE FROM {TABLE} WHERE name = ?", (BACKED_UP,))


def backed_up(con) -> bool:
    """Whether nothing has changed since the last backup began (see mark_backed_up)."""
    try:
        return _has(con, BACKED_UP)
    except _database_errors() as exc:
        log.warning("cannot tell whether the file changed since its last backup: %s", exc)
        return False


# --- the per-account cache ------------------------------------------------------------------


def _caches(db) -> bool:
    """Whether *db* keeps per-account entries: a server does, a file too unless found
    damaged."""
    return getattr(db, "damaged", None) is None


def _run(c) -> Callable:
    """cache.runner over a SQLAlchemy connection (its driver's own placeholders)."""
    return cache.runner(c.exec_driver_sql,
                        "qmark" if c.dialect.paramstyle == "qmark" else "format")


def per_account(db, name: str, day: date, compute: Callable, *,
                prune_before: date | None = None, empty: Callable | None = None
                ) -> dict[int, object]:
    """The payload of view *name* on *day* (current language) of every account not
    archived that the connection may read, by account id: the valid entries as kept
    (keyaccounts.storage.cache), the others computed and kept. ``compute(ids)`` gives the
    payloads (by account) of the accounts *ids*, or of all with None (when most are
    stale: one pass over the portfolio is cheaper than a long list of ids); an account
    it gives nothing for has ``empty()``, if given (else it is not kept). Entries of days
    before *prune_before* go."""
    from keyaccounts.i18n import language

    lang, iso = language(), day.isoformat()
    with db.engine.connect() as c:
        run = _run(c)
        kept_by = generation(c)
        read = cache.stamps(run)  # before computing: a write meanwhile leaves them stale
        shown = [aid for (aid,) in run("SELECT id FROM account WHERE NOT archived")]
        kept = cache.valid(run, name, iso, lang, kept_by, read) if _caches(db) else {}
    stale = [aid for aid in shown if aid not in kept]
    if stale:
        fresh = compute(None if 2 * len(stale) > len(shown) else stale)
        fresh = {aid: fresh[aid] if aid in fresh else empty() for aid in stale
                 if aid in fresh or empty is not None}
        _store(db, name, iso, lang, kept_by, read, fresh,
               (prune_before or day).isoformat())
        kept.update(fresh)
    return {aid: kept[aid] for aid in shown if aid in kept}


def _store(db, name: str, iso: str, lang: str, kept_by: str, read: dict[int, int],
           payloads: dict[int, object], prune_before: str) -> None:
    """Keep *payloads* (see :func:`per_account`); on a team server only those of the
    accounts this person may write (the row-level security of the cache). A busy or
    read-only file keeps nothing (the log says why)."""
    if not payloads or not _caches(db):
        return
    from sqlalchemy.exc import OperationalError

    from keyaccounts.storage.db import WRITE
    from keyaccounts.storage.team import is_team_database

    try:
        with db.engine.connect().execution_options(**{WRITE: True}) as c, c.begin():
            run = _run(c)
            if not db.is_file and is_team_database(c):
                writable = {aid for (aid,) in run(
                    "SELECT id FROM account WHERE id = ANY(?)"
                    " AND id IN (SELECT ka_writable_accounts(current_user))",
                    (sorted(payloads),))}
                payloads = {aid: p for aid, p in payloads.items() if aid in writable}
            cache.store(run, name, iso, lang, kept_by, read, payloads,
                        prune_before=prune_before)
    except OperationalError as exc:
        log.warning("%s of %s not kept per account: %s", name, iso, exc)


# --- the Today page's agenda ---------------------------------------------------------------

AGENDA = "agenda:{days}"  # per account
FIRST_SCREEN = "agenda:{days}:first"  # a snapshot (a file's first paint)
FIRST_ROWS = 100  # of the groups together, in order: more than the tallest screen shows


def first_rows(groups: list[list]) -> list[list]:
    """The start of *groups* that a first screen can show: FIRST_ROWS items in all,
    the first group's first (a large portfolio's Overdue alone fills the screen)."""
    left, shown = FIRST_ROWS, []
    for members in groups:
        shown.append(members[:left])
        left -= len(shown[-1])
    return shown


class FirstScreen:
    """The start of each Today group (AGENDA_GROUPS order) with the group's full count,
    and the first risk alerts with theirs (None when health is not kept yet): enough to
    paint the page while the rest loads."""

    __slots__ = ("groups", "counts", "alerts", "alert_count")

    def __init__(self, groups: list[list[AgendaItem]], counts: list[int],
                 alerts: list[Alert] | None = None, alert_count: int = 0):
        self.groups, self.counts = groups, counts
        self.alerts, self.alert_count = alerts, alert_count


def _encode(item: AgendaItem) -> list:
    return [item.date.isoformat(), item.kind, item.account, item.contact, item.title,
            item.overdue, item.source_id, item.key, item.planned.isoformat(), item.lead_days,
            item.account_id, item.movable, item.series,
            item.snoozed_until.isoformat() if item.snoozed_until else None]


def _decode(rows: list[list]) -> list[AgendaItem]:
    days: dict[str, date] = {}  # thousands of items share a few hundred days

    def day(text: str) -> date:
        value = days.get(text)
        if value is None:
            value = days[text] = date.fromisoformat(text)
        return value

    return [AgendaItem(day(r[0]), r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], day(r[8]),
                       r[9], r[10], bool(r[11]), r[12],
                       day(r[13]) if len(r) > 13 and r[13] else None) for r in rows]


@contextmanager
def _connection(db, *, plain: bool = False):
    """A DB-API connection: for the first paint a plain read-only one; else
    :meth:`Database.dbapi` (the storage layer's, when it is up)."""
    if plain:
        con = db.connect_raw(readonly=True)
        try:
            yield con
        finally:
            con.close()
    else:
        with db.dbapi() as con:
            yield con


def _keeps(db) -> bool:
    """Whether *db* keeps snapshots of the first screen: a SQLite file does (unless
    found damaged: nothing is written to it then), a server does not."""
    return getattr(db, "is_file", True) and getattr(db, "damaged", None) is None


def _cached(db, names: list[str], day: date, *, plain: bool = False) -> list:
    """The payloads of snapshots *names* of *day*, in the current language; None for
    each missing one, and for all when the file cannot be read (the log says why) or
    keeps none."""
    from keyaccounts.i18n import language

    if not _keeps(db):
        return [None for _name in names]
    try:
        with _connection(db, plain=plain) as con:
            kept = generation(con)
            return [_payload(con, _key(name, day, language(), kept)) for name in names]
    except _database_errors() as exc:
        log.warning("snapshots of %s not read: %s", day, exc)
        return [None for _name in names]


def _has(con, key: str) -> bool:
    """Whether the snapshot table holds *key*, read on *con* without decoding it."""
    return con.execute(f"SELECT 1 FROM {TABLE} WHERE name = ?", (key,)).fetchone() is not None


def _kept(con, name: str, day: date) -> bool:
    """Whether snapshot *name* of *day* (in the current language) is there; False, too,
    when the file cannot be read now (the log says why)."""
    from keyaccounts.i18n import language

    try:
        return _has(con, _key(name, day, language(), generation(con)))
    except _database_errors() as exc:
        log.warning("snapshot %s of %s not read: %s", name, day, exc)
        return False


def is_current(con, day: date, days: int) -> bool:
    """Whether the Today snapshot of *day* is there, read on *con*: nothing has changed
    since it was kept (a cheap way for a window to notice what another program wrote)."""
    return _kept(con, FIRST_SCREEN.format(days=days), day)


def cached_first_screen(db, day: date, days: int) -> FirstScreen | None:
    """The first screen of that agenda and its alerts (see :class:`FirstScreen`), or
    None. On a file reads with sqlite3 alone, on one plain connection; on a team server
    see :func:`_server_first_screen`."""
    if not getattr(db, "is_file", True):
        return _server_first_screen(db, day, days)
    first, alerts = _cached(db, [FIRST_SCREEN.format(days=days), HEALTH_FIRST], day,
                            plain=True)
    if first is None:
        return None
    screen = FirstScreen([_decode(rows) for rows in first["groups"]], first["counts"])
    if alerts is not None:
        screen.alerts, screen.alert_count = _decode_alerts(alerts["alerts"]), alerts["count"]
    return screen


def _server_first_screen(db, day: date, days: int) -> FirstScreen | None:
    """On a team server (where people write all day, so no whole snapshot would last),
    the first screen assembled from the per-account entries of *day*, without computing
    any account: the valid ones, and for an account written to since its entry was
    kept, that last entry — the window's worker assembles the agenda right after
    (:func:`agenda`, computing those accounts only) and shows it in place of this one.
    With the festivals' items and a manager's own pick; the open alerts from the health
    entries (the portfolio-relative ``segment-falling`` ones come with the worker's).
    None while some account shown has no entry of the day at all (a first start: the
    worker computes them)."""
    from sqlalchemy.exc import DBAPIError

    from keyaccounts.i18n import language
    from keyaccounts.services import planner

    name = AGENDA.format(days=days)
    try:
        with db.engine.connect() as c:
            run = _run(c)
            shown = {aid for (aid,) in run("SELECT id FROM account WHERE NOT archived")}
            kept: dict[str, dict[int, str]] = {name: {}, HEALTH: {}}
            for aid, view, payload in run(
                    f"SELECT account_id, name, payload FROM {cache.CACHE} WHERE day = ?"
                    " AND language = ? AND generation = ? AND name IN (?, ?)",
                    (day.isoformat(), language(), generation(c), name, HEALTH)):
                if aid in shown:
                    kept[view][aid] = payload
            handled = {(aid, kind, cause, str(since)[:10]) for aid, kind, cause, since in run(
                "SELECT account_id, kind, cause, since FROM alert_state")}
    except DBAPIError as exc:  # the server's (gone, refusing): a miss, said in the log
        log.warning("first screen of %s not read from the server: %s", day, exc)
        return None
    if not shown or len(kept[name]) < len(shown):
        return None
    items = planner.festival_agenda(db, day, days, snoozed=True)
    for payload in kept[name].values():
        items += _decode(json.loads(payload))
    items = planner.own_agenda(db, planner.sort_items(items))
    groups = group_agenda(items, day)
    screen = FirstScreen(first_rows(groups), [len(g) for g in groups])
    if len(kept[HEALTH]) == len(shown):
        from keyaccounts.services.alerts import ordered

        found = [a for payload in kept[HEALTH].values()
                 for a in _decode_alerts(json.loads(payload)["alerts"])
                 if (a.account_id, a.kind, a.cause, a.since.isoformat()) not in handled]
        found = ordered(found)
        screen.alerts, screen.alert_count = found[:FIRST_ALERTS], len(found)
    return screen


def agenda(db, day: date, days: int, *, today: date | None = None) -> list[AgendaItem]:
    """The agenda of *days* days from *day* as the Today page shows it
    (:func:`keyaccounts.services.planner.agenda`, snoozed items on the day they return):
    each account's items as kept per account, only the stale accounts' computed
    (:func:`per_account`), with the festivals' and, on a team server, a manager's own
    pick; on a file its first screen kept as the snapshot for a start on *day*
    (snapshots and entries of days before *today*, default *day*, go)."""
    from keyaccounts.services import planner
    from keyaccounts.i18n import language

    def compute(ids):
        found: dict[int, list] = {}
        for item in planner.account_agendas(db, day, days, ids, snoozed=True):
            found.setdefault(item.account_id, []).append(_encode(item))
        return found

    since = _since(db)
    kept = per_account(db, AGENDA.format(days=days), day, compute, prune_before=today,
                       empty=list)
    items = planner.festival_agenda(db, day, days, snoozed=True)
    for rows in kept.values():
        items += _decode(rows)
    items = planner.own_agenda(db, planner.sort_items(items))  # a copy's too
    if since is not None:
        groups = group_agenda(items, day)
        first = {"groups": [[_encode(i) for i in g] for g in first_rows(groups)],
                 "counts": [len(g) for g in groups]}
        with _connection(db) as con:
            write(con, day, language(), {FIRST_SCREEN.format(days=days): first},
                  since=since, prune_before=today or day)
    return items


def _since(db) -> int | None:
    """On a file that keeps snapshots, its data_version now (see :func:`write`)."""
    if not _keeps(db):
        return None
    with _connection(db) as con:
        return data_version(con)


# --- health and risk alerts ------------------------------------------------------------------

HEALTH = "health"  # per account
HEALTH_FIRST = "health:first"  # the first alerts, a snapshot for the first paint
FIRST_ALERTS = 20  # the panel shows about ten
TREND_DAYS = 30  # the accounts list's arrows compare with this many days before


def _encode_alert(a: Alert) -> list:
    return [a.account, a.account_id, a.kind, a.cause, a.since.isoformat(), a.reason,
            a.suggested_action]


def _decode_alerts(rows: list[list]) -> list[Alert]:
    return [Alert(a[0], a[1], a[2], a[3], date.fromisoformat(a[4]), a[5], a[6]) for a in rows]


def health_entries(db, day: date, *, today: date | None = None) -> dict[int, dict]:
    """Each account's health on *day* as kept per account (:func:`per_account`; the
    stale accounts computed): its ``name``; its ``mark`` (score, band, the score of
    TREND_DAYS before); its ``alerts`` (encoded, handled ones too, no ``segment-falling``
    one: those are relative to the whole portfolio); and the ``figures`` the lead's
    portfolio counts — ``neglected`` (no contact for longer than the cadence allows at
    most), follow-ups ``overdue``, ``complaints_overdue``."""
    from datetime import timedelta

    from keyaccounts.services import alerts as alert_rules
    from keyaccounts.services import health as scoring

    def compute(ids):
        facts, now, found = alert_rules.assess(db, day, include_handled=True, accounts=ids,
                                               segments=False)
        weights, bands = scoring.settings(db)
        before = {aid: scoring.score_facts(f, day - timedelta(days=TREND_DAYS), weights,
                                           bands).score
                  for aid, f in scoring.gather_facts(db, day - timedelta(days=TREND_DAYS),
                                                     accounts=ids).items()}
        out = {}
        for h in now:
            f = facts[h.account_id]
            out[h.account_id] = {
                "name": h.account, "mark": [h.score, h.band, before.get(h.account_id)],
                "alerts": [], "figures": {
                    "neglected": scoring.neglected(f, day), "overdue": f.overdue,
                    "complaints_overdue": f.complaints_overdue}}
        for a in found:
            out[a.account_id]["alerts"].append(_encode_alert(a))
        return out

    return per_account(db, HEALTH, day, compute, prune_before=today)


def health(db, day: date, *, today: date | None = None
           ) -> tuple[list[HealthMark], list[Alert]]:
    """Every account's health mark and the open risk alerts on *day*
    (:func:`keyaccounts.services.alerts.health_and_alerts`, with each score of
    TREND_DAYS before): each account's kept per account, only the stale accounts'
    computed (:func:`per_account`); the ``segment-falling`` alerts, relative to the
    whole portfolio, computed whole each time. On a file the first alerts are kept as
    the snapshot for a start on *day*."""

    from keyaccounts.services import alerts as alert_rules
    from keyaccounts.i18n import language

    since = _since(db)
    kept = health_entries(db, day, today=today)
    marks = [HealthMark(aid, *entry["mark"]) for aid, entry in
             sorted(kept.items(), key=lambda e: e[1]["name"])]
    found = alert_rules.segment_alerts(db, day, kept)
    for entry in kept.values():
        found += _decode_alerts(entry["alerts"])
    found = alert_rules.ordered(alert_rules.unhandled(db, found))
    if since is not None:
        with _connection(db) as con:
            write(con, day, language(), {HEALTH_FIRST: {
                "count": len(found), "alerts": [_encode_alert(a) for a in found[:FIRST_ALERTS]]}},
                since=since, prune_before=today or day)
    return marks, found


def prepare(db, today: date, days: int, ahead: int = 3) -> int:
    """Keep the Today page's views of the next *ahead* days (its agenda, and for the
    next day its health and alerts too), so that tomorrow's first start, or Monday's, is
    as quick: on a file their first-screen snapshots (those missing), on a server the
    next day's per-account entries (only the stale ones are computed). Returns how many
    views it assembled."""
    from datetime import timedelta

    made = 0
    for n in range(1, ahead + 1 if _keeps(db) else 2):
        day = today + timedelta(days=n)
        if _keeps(db):
            with _connection(db) as con:
                missing_agenda = not is_current(con, day, days)
                missing_health = n == 1 and not _kept(con, HEALTH_FIRST, day)
        else:
            missing_agenda = missing_health = True
        if missing_agenda:
            agenda(db, day, days, today=today)
            made += 1
        if missing_health:
            health(db, day, today=today)
            made += 1
    return made
