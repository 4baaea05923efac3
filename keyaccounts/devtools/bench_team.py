"""``keyaccounts bench --team``: the team run on a PostgreSQL server (issue 16).

Twenty people (an admin, two leads, seventeen managers in two teams), 4,000 accounts,
600,000 interactions, and contacts and follow-ups in the single-user portfolio's
proportions (keyaccounts.devtools.bench: the same rows, owners spread over the
managers, some accounts shared), written with COPY into a team database that
``team init`` made. Without ``--server`` the run starts a throwaway server
(keyaccounts.devtools.pgserver) and stops it at the end; with ``--server URL`` (an
administrator's connection) the portfolio is kept there in a database named by its
parameters, and reused.

Each figure is the median of several runs against a hand-written SQL baseline through
plain psycopg, connected as the same person (row-level security on) in the same run,
with the single-user figures' targets: a manager's Today page, an account page, a quick
log, the lead's portfolio; and, as whole processes, the lead's first painted screen
while teammates write every few seconds (a writer process), against a bare window.
"""

from __future__ import annotations

import hashlib
import os
import random
import secrets
import subprocess
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from keyaccounts.devtools.bench import Figure, _spawn, figure, median_time, portfolio_rows
from keyaccounts.domain import clock

DEFAULTS = dict(accounts=4000, contacts=30_000, interactions=600_000, followups=120_000,
                years=10, seed=11)
AGENDA_DAYS = 60  # the Today page's (ui.mainwindow.AGENDA_DAYS)
PREFIX = "kab_"  # the bench's people: login roles are the whole server's
TEAMS = (("north", 9), ("south", 8))  # managers per team: 17, with two leads and an admin
AUDITED = {"account": "id", "contact": "account_id", "interaction": "account_id",
           "follow_up": "account_id"}  # tables whose rows record who wrote them
WRITER_SUMMARY = "bench writer"
SAVE_SUMMARY = "bench visit"
BASE_SUMMARY = "baseline visit"
STEP_TEXT = "bench step"
WRITER_URLS = "KEYACCOUNTS_BENCH_WRITER_URLS"


@dataclass(frozen=True)
class People:
    admin: str
    leads: tuple[str, ...]  # one per team, in TEAMS' order
    managers: tuple[str, ...]  # north's first
    team_of: dict[str, str]

    @property
    def all(self) -> tuple[str, ...]:
        return (self.admin, *self.leads, *self.managers)

    def owner(self, n: int) -> str:
        """The owner of the n-th account (from 0): the managers in turn."""
        return self.managers[n % len(self.managers)]


def people() -> People:
    managers, leads, team_of = [], [], {}
    for team, count in TEAMS:
        leads.append(f"{PREFIX}lead_{team}")
        team_of[leads[-1]] = team
        for _n in range(count):
            managers.append(f"{PREFIX}m{len(managers) + 1:02d}")
            team_of[managers[-1]] = team
    return People(f"{PREFIX}admin", tuple(leads), tuple(managers), team_of)


def database_name(params: dict) -> str:
    key = "-".join(f"{k}{params[k]}" for k in sorted(params))
    return "keyaccounts_bench_" + hashlib.sha1(key.encode()).hexdigest()[:12]


def _marker(params: dict) -> str:
    return "keyaccounts bench team portfolio " + " ".join(
        f"{k}={params[k]}" for k in sorted(params))


def with_database(url: str, database: str, login: str | None = None,
                  password: str | None = None) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url).set(database=database)
    if login is not None:
        u = u.set(username=login, password=password)
    return u.render_as_string(hide_password=False)


def conninfo(url: str) -> dict:
    """psycopg's keywords for a SQLAlchemy URL (a unix socket's folder in ?host=)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    kw = {"user": u.username, "password": u.password, "host": u.host, "port": u.port,
          "dbname": u.database}
    kw.update(u.query)
    return {k: v for k, v in kw.items() if v is not None}


def connect(url: str, **kw):
    import psycopg

    return psycopg.connect(**conninfo(url), **kw)


# --- the portfolio ----------------------------------------------------------------------


def is_built(server_url: str, params: dict) -> bool:
    name = database_name(params)
    with connect(server_url, autocommit=True) as con:
        row = con.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                          "WHERE datname = %s", (name,)).fetchone()
    return row is not None and row[0] == _marker(params)


def build_team_portfolio(server_url: str, *, accounts: int, contacts: int,
                         interactions: int, followups: int, years: int, seed: int,
                         today: date | None = None) -> str:
    """The team database for these parameters on the server at *server_url* (an
    administrator's connection), made again from nothing; returns its URL."""
    from keyaccounts.services import team

    params = dict(accounts=accounts, contacts=contacts, interactions=interactions,
                  followups=followups, years=years, seed=seed)
    name = database_name(params)
    with connect(server_url, autocommit=True) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{name}"')
    url = with_database(server_url, name)
    team.init_team(url)
    who = people()
    from keyaccounts.storage.db import open_database

    with open_database(url) as db:
        existing = {p.login for p in team.list_people(db)}
        for login in who.all:
            if login in existing:
                continue
            role = ("admin" if login == who.admin else "lead" if login in who.leads
                    else "manager")
            team.add_person(db, login, login.removeprefix(PREFIX).replace("_", " ").title(),
                            role, team=who.team_of.get(login, ""))
    tables = portfolio_rows(accounts=accounts, contacts=contacts, interactions=interactions,
                            followups=followups, years=years, seed=seed, today=today,
                            owner=who.owner)
    owner_of = {row[0]: row[6] for row in tables[0][2]}  # account id -> owner
    rng = random.Random(seed)
    shares = []
    for aid in owner_of:  # some accounts shared with a teammate (a tenth; a third of
        if aid % 10 == 5:  # those to write)
            owner = owner_of[aid]
            mates = [m for m in who.managers
                     if who.team_of[m] == who.team_of[owner] and m != owner]
            shares.append((aid, rng.choice(mates), aid % 30 == 5))
    tables.append(("account_share", ("account_id", "login", "can_write"), shares))
    with connect(url) as con:
        try:  # as a superuser: no triggers (who wrote each row is given below)
            con.execute("SET session_replication_role = replica")
        except Exception:  # noqa: BLE001 — another administrator: the triggers run
            con.rollback()
        with con.cursor() as cur:
            for table, columns, rows in tables:
                key = AUDITED.get(table)
                if key is not None:
                    at = columns.index(key)
                    columns = (*columns, "created_by", "updated_by")
                    rows = ((*r, owner_of[r[at]], owner_of[r[at]]) for r in rows)
                with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            for table in ("account", "contact", "interaction", "follow_up"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                            f"(SELECT max(id) FROM {table}))")
        con.commit()
    with connect(url, autocommit=True) as con:
        con.execute("VACUUM ANALYZE")
    with connect(server_url, autocommit=True) as con:
        con.execute(f"COMMENT ON DATABASE \"{name}\" IS '{_marker(params)}'")
    return url


def person_urls(url: str) -> dict[str, str]:
    """Each bench person's connection: a new password for each run (set by the admin's
    connection, as SCRAM), so that a kept server needs no stored one."""
    urls = {}
    with connect(url, autocommit=True) as con:
        for login in people().all:
            password = secrets.token_urlsafe(12)
            scram = con.pgconn.encrypt_password(password.encode(), login.encode(),
                                                b"scram-sha-256").decode()
            con.execute(f"ALTER ROLE \"{login}\" PASSWORD '{scram}'")
            urls[login] = with_database(url, _database(url), login, password)
    return urls


def _database(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).database


def forget_bench_writes(url: str) -> None:
    """What the measures and the writer logged: the portfolio stays as built."""
    with connect(url, autocommit=True) as con:
        con.execute("DELETE FROM follow_up WHERE text = %s", (STEP_TEXT,))
        con.execute("DELETE FROM interaction WHERE summary IN (%s, %s, %s)",
                    (WRITER_SUMMARY, SAVE_SUMMARY, BASE_SUMMARY))


# --- measuring --------------------------------------------------------------------------


def measure(url: str, *, runs: int = 5, gui: bool = True, today: date | None = None,
            checks: dict | None = None) -> list[Figure]:
    """The team figures on the bench's team database at *url* (an administrator's
    connection). *checks*, when given, receives each service result with its
    baseline's rows (the tests compare them)."""
    from keyaccounts import services
    from keyaccounts.services import planner, portfolio
    from keyaccounts.storage.db import open_database

    if today is not None and today != clock.today():
        with clock.frozen(today):  # what the measures write, written on that day too
            return measure(url, runs=runs, gui=gui, checks=checks)
    today = clock.today()
    checks = {} if checks is None else checks
    who = people()
    urls = person_urls(url)
    manager, lead = who.managers[0], who.leads[0]
    big = 1  # the account with ~1,500 interactions, the first manager's
    figures: list[Figure] = []
    try:
        with open_database(urls[manager]) as db, connect(urls[manager]) as raw:
            # Another account of theirs (if they have one) for the quick logs.
            other = raw.execute("SELECT id FROM account WHERE owner = current_user"
                                " ORDER BY id = %s, id LIMIT 1", (big,)).fetchone()[0]
            # A manager's Today page: their own agenda, as the server shows it to them.
            end = today + timedelta(days=AGENDA_DAYS)
            t, items = median_time(lambda: planner.agenda(db, today, AGENDA_DAYS,
                                                          today=today), runs)
            b, base = median_time(lambda: raw.execute(
                "SELECT f.id FROM follow_up f JOIN account a ON a.id = f.account_id"
                " WHERE f.status = 'open' AND f.due < %s AND NOT a.archived"
                " AND (a.owner = current_user OR f.owner = current_user)",
                (end,)).fetchall(), runs)
            checks["today"] = (sorted(i.source_id for i in items if i.kind == "follow-up"),
                               sorted(r[0] for r in base))
            figures.append(figure(f"manager's Today page ({len(items)} items)", t, b,
                                  "psycopg as them: their open follow-ups due in it",
                                  target_abs=0.1, runs=runs))

            # The Today page as the window loads it: each account's items as kept, only
            # the account a teammate wrote to since computed again.
            from keyaccounts.services import datafile

            datafile.agenda(db, today, AGENDA_DAYS)  # the entries, as a first start keeps them
            t_kept, kept = _after_a_write(raw, other, runs,
                                          lambda: datafile.agenda(db, today, AGENDA_DAYS))
            fresh = planner.agenda(db, today, AGENDA_DAYS, today=today)
            checks["today kept"] = (sorted(i.key for i in kept), sorted(i.key for i in fresh))
            figures.append(figure(
                f"manager's Today page as kept per account, one written since ({len(kept)} "
                "items)", t_kept, b,
                "psycopg as them: their open follow-ups due in it", target_abs=0.1, runs=runs))

            # An account page with its whole chain.
            t, page = median_time(lambda: services.account_page(db, big, today), runs)
            b, base = median_time(lambda: (
                raw.execute("SELECT * FROM interaction WHERE account_id = %s"
                            " ORDER BY occurred_at DESC", (big,)).fetchall(),
                raw.execute("SELECT ic.*, ct.name, ct.level FROM interaction_contact ic"
                            " JOIN interaction i ON i.id = ic.interaction_id"
                            " JOIN contact ct ON ct.id = ic.contact_id WHERE i.account_id = %s",
                            (big,)).fetchall(),
                raw.execute("SELECT * FROM follow_up WHERE account_id = %s", (big,)).fetchall(),
                raw.execute("SELECT * FROM contact WHERE account_id = %s ORDER BY name",
                            (big,)).fetchall(),
                raw.execute("SELECT ic.contact_id, MAX(i.occurred_at) FROM interaction i"
                            " JOIN interaction_contact ic ON ic.interaction_id = i.id"
                            " WHERE i.account_id = %s GROUP BY ic.contact_id",
                            (big,)).fetchall(),
                raw.execute("SELECT * FROM account WHERE id = %s", (big,)).fetchall(),
                raw.execute("SELECT * FROM cadence WHERE account_id = %s", (big,)).fetchall()),
                runs)
            raw.rollback()
            checks["account page"] = (sorted(e.id for e in page.chain),
                                      sorted(r[0] for r in base[0]))
            figures.append(figure(f"account page ({len(page.chain)} interactions)", t, b,
                                  "psycopg as its owner: it, its interactions, people met, "
                                  "follow-ups, contacts last met, cadences",
                                  target_ratio=3, target_abs=0.15, runs=runs))

            # A quick log with a next step, as the app saves it.
            def baseline_save():
                with raw.transaction():
                    iid = raw.execute(
                        "INSERT INTO interaction (account_id, kind, channel, occurred_at,"
                        " our_participants, summary, sentiment, gift, created_at) VALUES"
                        " (%s, 'visit', '', %s, '', %s, 0, '', %s) RETURNING id",
                        (other, clock.now(), BASE_SUMMARY, clock.now())).fetchone()[0]
                    raw.execute("INSERT INTO follow_up (account_id, text, due, owner,"
                                " opened_on, opened_by_id, origin, status) VALUES"
                                " (%s, %s, %s, '', %s, %s, '', 'open')",
                                (other, STEP_TEXT, today + timedelta(days=7), today, iid))
                return iid

            t, saved = median_time(lambda: services.log_interaction(
                db, other, "visit", clock.now(), SAVE_SUMMARY,
                next_steps=[(STEP_TEXT, today + timedelta(days=7))]), runs)
            b, base_id = median_time(baseline_save, runs)
            raw.autocommit = True
            row = "SELECT account_id, kind, created_by FROM interaction WHERE id = %s"
            checks["quick log"] = (raw.execute(row, (saved.interaction_id,)).fetchone(),
                                   raw.execute(row, (base_id,)).fetchone())
            figures.append(figure("save a quick log", t, b,
                                  "psycopg as them: insert the interaction and its step",
                                  target_abs=0.1, runs=runs))

        with open_database(urls[lead]) as db, connect(urls[lead]) as raw:
            # The lead's portfolio: every account of the team, by owner.
            def portfolio_baseline():
                return raw.execute(
                    "SELECT a.owner, count(*), sum((SELECT count(*) FROM follow_up f"
                    " WHERE f.account_id = a.id AND f.opened_on <= %(d)s AND f.due < %(d)s"
                    " AND (f.closed_on IS NULL OR f.closed_on > %(d)s))),"
                    " max((SELECT max(i.occurred_at) FROM interaction i"
                    " WHERE i.account_id = a.id))"
                    " FROM account a WHERE NOT a.archived GROUP BY a.owner",
                    {"d": today}).fetchall()

            # Computed whole (nothing kept yet: a day's first look), then as the page
            # loads it while teammates write: each account's as kept, the one written
            # to since computed again.
            cold, view = median_time(lambda: portfolio.by_owner(db, today), 1)
            b, base = median_time(portfolio_baseline, runs)
            raw.rollback()
            written = raw.execute("SELECT min(id) FROM account").fetchone()[0]
            t_kept, view = _after_a_write(raw, written, runs,
                                          lambda: portfolio.by_owner(db, today))
            checks["portfolio"] = (sorted((o.owner, o.accounts, o.overdue_followups)
                                          for o in view.owners),
                                   sorted((r[0], r[1], int(r[2])) for r in base))
            accounts = sum(o.accounts for o in view.owners)
            figures.append(figure(f"lead's portfolio ({accounts} accounts), computed whole",
                                  cold, b, "psycopg as the lead: accounts, overdue follow-ups "
                                  "and last contact by owner", target_abs=0.5, runs=1))
            figures.append(figure(
                f"lead's portfolio as kept per account, one written since ({accounts} "
                "accounts)", t_kept, b, "psycopg as the lead: accounts, "
                "overdue follow-ups and last contact by owner", target_abs=0.5, runs=runs))
        if gui:
            try:
                figures.append(_first_screen_figure(urls, lead, runs=max(3, runs)))
            except subprocess.TimeoutExpired as exc:  # the other figures still count
                figures.append(figure(f"lead's first screen: not painted in {exc.timeout:g} s",
                                      exc.timeout, None, "", target_ratio=2))
    finally:
        forget_bench_writes(url)
    return figures


def _after_a_write(raw, account: int, runs: int, view):
    """The median time of ``view()`` each time right after a teammate's write to
    *account* (an interaction logged on *raw*, forgotten with the bench's writes), and
    its last result: a page read while others write, its other accounts as kept."""
    times, result = [], None
    for _n in range(runs):
        raw.execute("INSERT INTO interaction (account_id, kind, channel, occurred_at,"
                    " our_participants, summary, sentiment, gift, created_at) VALUES"
                    " (%s, 'call', '', %s, '', %s, 0, '', %s)",
                    (account, clock.now(), WRITER_SUMMARY, clock.now()))
        raw.commit()
        started = time.perf_counter()
        result = view()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _first_screen_figure(urls: dict[str, str], lead: str, runs: int) -> Figure:
    """The lead's first screen, painted, as a whole process (the app started as a user
    does), while a writer process logs an interaction as one manager or another every
    few seconds; against a bare window started the same way. The lead's app has run
    before (the per-account entries of the day kept, as yesterday's app or this
    morning's first start keeps them): the teammates' writes leave their accounts'
    entries stale, and only those are computed again."""
    import compileall

    from keyaccounts.services import datafile
    from keyaccounts.storage.db import open_database

    with open_database(urls[lead]) as db:
        datafile.agenda(db, clock.today(), AGENDA_DAYS)
        datafile.health(db, clock.today())

    root = Path(__file__).resolve().parents[2]
    for package in ("keyaccounts", "ui"):
        compileall.compile_dir(root / package, quiet=2)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               XDG_CONFIG_HOME=tempfile.mkdtemp())
    managers = [urls[m] for m in people().managers]
    # The connections (with their passwords) through the environment, not the arguments.
    writer = subprocess.Popen([sys.executable, "-m", "keyaccounts.devtools.bench_team",
                               "writer", "3"], cwd=root,
                              env=dict(env, **{WRITER_URLS: "\n".join(managers)}),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        app = ["first", urls[lead]]  # ends once painted (a lead's rest loads for long)
        (bare, _o), (start, _o) = _spawn([(["bare"], None), (app, None)], env, runs)
        if writer.poll() is not None:
            raise RuntimeError(f"the writer stopped: {writer.stderr.read().strip()[-300:]}")
    finally:
        writer.terminate()
        writer.wait(timeout=30)
    return figure("lead's first screen, teammates writing", start, bare,
                  "a bare PySide6 QMainWindow, same way", target_ratio=2, runs=runs)


def writer(interval: float, urls: list[str]) -> None:
    """Until stopped: every *interval* seconds, one manager or another (in turn) logs
    an interaction on an account of theirs, as the app does."""
    from keyaccounts import services
    from keyaccounts.storage.db import open_database

    dbs = [open_database(u) for u in urls]
    mine = []
    for db in dbs:
        with db.engine.connect() as c:
            mine.append(c.exec_driver_sql("SELECT id FROM account WHERE owner = current_user"
                                          " ORDER BY id LIMIT 20").scalars().all())
    rng = random.Random(1)
    n = 0
    while True:
        db, accounts = dbs[n % len(dbs)], mine[n % len(dbs)]
        if accounts:
            services.log_interaction(db, rng.choice(accounts), "call", clock.now(),
                                     WRITER_SUMMARY)
        n += 1
        time.sleep(interval)


def run(server: str | None, params: dict, *, runs: int, gui: bool, rebuild: bool,
        say=lambda text: None) -> list[Figure]:
    """The team run: on a throwaway server (*server* None: started and stopped here) or
    on the server at *server*, whose portfolio is kept and reused; then the refresh of
    a lead's local copy after a day of the team (:func:`refresh_figures`)."""
    if server is None:
        from keyaccounts.devtools.pgserver import PgServer

        pg = PgServer()
        try:
            pg.start()
            say("build")
            url = build_team_portfolio(pg.url("postgres"), **params)
            return measure(url, runs=runs, gui=gui) + refresh_figures(pg.url("postgres"),
                                                                      params)
        finally:
            pg.stop()
    if rebuild or not is_built(server, params):
        say("build")
        url = build_team_portfolio(server, **params)
    else:
        url = with_database(server, database_name(params))
    return measure(url, runs=runs, gui=gui) + refresh_figures(server, params)


REFRESH_DATABASE = "keyaccounts_bench_refresh"


def refresh_figures(server_url: str, params: dict) -> list[Figure]:
    """A lead's copy refreshed after a day's work of the 20 people against a whole copy
    (keyaccounts.devtools.bench_offline), at the run's size (its accounts spread over
    the managers, with as many contacts, interactions and follow-ups an account), on a
    database of its own made, and dropped with its logins, here."""
    from keyaccounts.devtools import bench_offline

    managers = len(people().managers)
    each = max(1, params["accounts"] // managers)
    per_account = {k: max(1, params[k] // params["accounts"])
                   for k in ("contacts", "interactions", "followups")}

    def drop(con) -> None:
        con.execute(f'DROP DATABASE IF EXISTS "{REFRESH_DATABASE}" WITH (FORCE)')
        group = f"keyaccounts_{REFRESH_DATABASE}"
        members = [r for (r,) in con.execute(
            "SELECT m.rolname FROM pg_roles m JOIN pg_auth_members a ON a.member = m.oid "
            "JOIN pg_roles g ON g.oid = a.roleid WHERE g.rolname = %s", (group,))]
        for role in [*members, group]:
            con.execute(f'DROP ROLE IF EXISTS "{role}"')

    with connect(server_url, autocommit=True) as con:
        drop(con)
        con.execute(f'CREATE DATABASE "{REFRESH_DATABASE}"')
    try:
        measured = bench_offline.measure_refresh(
            with_database(server_url, REFRESH_DATABASE), people=managers,
            accounts_each=each, contacts_each=per_account["contacts"],
            interactions_each=per_account["interactions"],
            followups_each=per_account["followups"])
    finally:
        with connect(server_url, autocommit=True) as con:
            drop(con)
    return bench_offline.figures(measured)


if __name__ == "__main__":  # the writer process of the first-screen figure
    if sys.argv[1:2] == ["writer"]:
        writer(float(sys.argv[2]), os.environ[WRITER_URLS].split("\n"))
