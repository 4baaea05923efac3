"""The bench's "refresh vs full copy" figure (issue 17): after a day's work of a team,
a lead's local copy refreshes with only what changed (the server's change counter),
against a whole copy of the same team made afresh.

:func:`measure_refresh` builds a team on an empty PostgreSQL database (an
administrator's URL): *people* managers of one team and their lead, each manager
owning *accounts_each* accounts with contacts, a history of interactions and open
follow-ups (bulk SQL). The lead makes their copy; then every manager does a day's work
through the services on their own connection (quick logs, each with a next step, one
settling a follow-up); then the lead's copy refreshes (timed, rows counted), and a
whole copy of the same data is made in a fresh file (timed, rows counted).
:func:`figures` turns the measure into the bench's figures.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from keyaccounts.domain import clock


@dataclass(frozen=True)
class RefreshMeasure:
    people: int               # managers who worked that day
    changes: int              # quick logs made that day (each with a next step)
    refresh_rows: int         # rows the incremental refresh pulled
    refresh_seconds: float
    full_rows: int            # rows a whole copy pulls
    full_seconds: float


def _build_team(admin_url: str, people: int, accounts_each: int, contacts_each: int,
                interactions_each: int, followups_each: int) -> dict[str, str]:
    """The team on the empty database at *admin_url*: {login: password} of the lead
    (first) and the managers."""
    from keyaccounts.services import team
    from keyaccounts.storage.db import open_database

    team.init_team(admin_url)
    suffix = secrets.token_hex(3)
    logins = [f"lead_{suffix}"] + [f"m{n}_{suffix}" for n in range(people)]
    passwords: dict[str, str] = {}
    with open_database(admin_url) as admin:
        for n, login in enumerate(logins):
            _person, password = team.add_person(
                admin, login, f"Lead {suffix}" if n == 0 else f"Manager {n} {suffix}",
                "lead" if n == 0 else "manager", team="bench")
            passwords[login] = password or ""
        with admin.engine.begin() as c:
            for login in logins[1:]:
                _bulk(c, login, accounts_each, contacts_each, interactions_each,
                      followups_each)
    return passwords


def _bulk(c, owner: str, accounts: int, contacts: int, interactions: int,
          followups: int) -> None:
    from sqlalchemy import text

    values = {"owner": owner, "accounts": accounts, "contacts": contacts,
              "interactions": interactions, "followups": followups}
    c.execute(text(
        "INSERT INTO account (name, tier, tier_basis, tier_note, industry, owner, status, "
        "notes, archived, created_at) SELECT :owner || ' account ' || n, 'B', 'revenue', "
        "'', '', :owner, 'active', '', false, now() FROM generate_series(1, :accounts) n"),
        values)
    c.execute(text(
        "INSERT INTO contact (account_id, name, title, level, role, attitude, emails, "
        "phones, birthday_lunar, birthday_leap, archived) SELECT a.id, a.name || ' contact "
        "' || n, '', 'mgmt', 'user', 'unknown', '[]', '[]', false, false, false FROM "
        "account a, generate_series(1, :contacts) n WHERE a.owner = :owner"), values)
    c.execute(text(
        "INSERT INTO interaction (account_id, kind, channel, occurred_at, our_participants, "
        "summary, sentiment, gift, created_at) SELECT a.id, 'call', '', now() - n * "
        "interval '3 days', '', 'call ' || n, 0, '', now() FROM account a, "
        "generate_series(1, :interactions) n WHERE a.owner = :owner"), values)
    c.execute(text(
        "INSERT INTO follow_up (account_id, text, due, owner, opened_on, origin, status) "
        "SELECT a.id, 'promise ' || n, current_date + n, '', current_date, '', 'open' "
        "FROM account a, generate_series(1, :followups) n WHERE a.owner = :owner"), values)


def _as(admin_url: str, login: str, password: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(admin_url).set(username=login, password=password or None)
    return url.render_as_string(hide_password=False)


def _copy(server, folder: Path):
    from keyaccounts.storage.offline import open_replica

    return open_replica(server.url, path=folder / f"copy-{secrets.token_hex(4)}.sqlite3")


def measure_refresh(admin_url: str, *, people: int = 20, accounts_each: int = 100,
                    contacts_each: int = 4, interactions_each: int = 30,
                    followups_each: int = 3, logs_each: int = 8) -> RefreshMeasure:
    """Rows and time of the lead's incremental refresh after a day's work of *people*
    managers (*logs_each* quick logs each), against a whole copy (see module doc).
    *admin_url*: an empty database on a PostgreSQL server, as an administrator."""
    from keyaccounts import services as sv
    from keyaccounts.storage.db import open_database
    from keyaccounts.storage.offline import refresh

    passwords = _build_team(admin_url, people, accounts_each, contacts_each,
                            interactions_each, followups_each)
    lead, *managers = passwords
    today = clock.today()
    with tempfile.TemporaryDirectory(prefix="keyaccounts-bench-offline-") as tmp:
        folder = Path(tmp)
        with open_database(_as(admin_url, lead, passwords[lead])) as server:
            with _copy(server, folder) as copy:
                refresh(server, copy)  # the lead's copy, made the day before
                changes = 0
                for login in managers:  # the day's work, each on their own connection
                    with open_database(_as(admin_url, login, passwords[login])) as own:
                        accounts = sv.list_accounts(own)
                        for n in range(logs_each):
                            account = accounts[n % len(accounts)]
                            settle = []
                            if n == 0:
                                settle = [f.id for f in sv.list_followups(own, account.id)][:1]
                            sv.log_interaction(
                                own, account.id, "visit",
                                datetime.combine(today, datetime.min.time())
                                + timedelta(hours=8, minutes=n * 20),
                                f"day's visit {n}", settle=settle,
                                next_steps=[(f"next step {n}", today + timedelta(days=7))])
                            changes += 1
                started = time.perf_counter()
                pulled = refresh(server, copy)
                refresh_seconds = time.perf_counter() - started
            with _copy(server, folder) as whole:
                started = time.perf_counter()
                full = refresh(server, whole)
                full_seconds = time.perf_counter() - started
    # Both count the small tables copied whole at every refresh (people, settings,
    # shares, marks, alerts, owner history).
    return RefreshMeasure(len(managers), changes, pulled.rows + pulled.whole,
                          refresh_seconds, full.rows + full.whole, full_seconds)


def figures(m: RefreshMeasure) -> list:
    """The measure as the bench's figures: the refresh's time against a whole copy's (at
    most a tenth of it), and its rows (at most a tenth of a whole copy's; the whole
    copy's count is named beside it)."""
    from keyaccounts.devtools.bench import figure

    return [
        figure(f"team copy refresh, a day of {m.people} people", m.refresh_seconds,
               m.full_seconds, f"a whole copy ({m.full_rows:,} rows); {m.changes} quick "
               "logs that day", target_ratio=0.1),
        figure(f"team copy refresh rows, a day of {m.people}", m.refresh_rows, None,
               f"a whole copy: {m.full_rows:,} rows", target_abs=m.full_rows / 10,
               unit="rows"),
    ]


def main(argv: list[str] | None = None) -> int:
    """``python -m keyaccounts.devtools.bench_offline ADMIN_URL [PEOPLE]``: the figures
    on their own (ADMIN_URL: an empty database, as an administrator)."""
    import sys

    from keyaccounts.devtools.bench import report

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m keyaccounts.devtools.bench_offline ADMIN_URL [PEOPLE]",
              file=sys.stderr)
        return 2
    people = int(args[1]) if len(args) > 1 else 20
    print(report(figures(measure_refresh(args[0], people=people))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
