"""``keyaccounts bench``: speed and memory at scale, as ratios against baselines
measured in the same run on the same machine.

The portfolio (2,000 accounts, 15,000 contacts, 300,000 interactions, 60,000
follow-ups over 10 years by default) is built once with bulk inserts and reused,
keyed by its parameters. Each figure is the median of several runs. Baselines:

* app start to the first painted Today page — a bare PySide6 QMainWindow started
  the same way (a fresh process that shows a window and exits once painted);
* each SQL-bound operation — a hand-written sqlite3 query that returns the same
  rows (named in the table);
* the rest have absolute targets; among them, for a day's interactions (open a page,
  an account, the next month, log a call, resize), the longest the window goes without
  handling events until the action's work is done (``ui.bench_probe freeze``).
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from keyaccounts.storage import snapshot
from keyaccounts.storage.db import data_dir, open_database
from keyaccounts.domain import clock

DEFAULTS = dict(accounts=2000, contacts=15000, interactions=300_000, followups=60_000,
                years=10, seed=11)
KINDS = ("visit", "call", "email", "message", "exec-meeting", "tech-meeting", "review",
         "care", "value-add", "complaint")
KIND_WEIGHTS = (20, 25, 15, 15, 5, 8, 5, 3, 3, 1)
LEVELS = ("exec", "mgmt", "ops")
ROLES = ("decision-maker", "influencer", "champion", "user", "blocker")


@dataclass
class Figure:
    name: str
    value: float          # seconds, or MB for memory
    unit: str
    baseline: float | None
    baseline_name: str
    ratio: float | None
    target: str
    ok: bool
    runs: int


def portfolio_path(params: dict) -> Path:
    key = "-".join(f"{k}{params[k]}" for k in sorted(params))
    return data_dir() / "bench" / f"portfolio-{key}.sqlite3"


def build_portfolio(path: Path, *, accounts: int, contacts: int, interactions: int,
                    followups: int, years: int, seed: int, today: date | None = None) -> None:
    """A large, consistent portfolio written with bulk inserts (the schema by Alembic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    for table, columns, rows in portfolio_rows(
            accounts=accounts, contacts=contacts, interactions=interactions,
            followups=followups, years=years, seed=seed, today=today):
        con.executemany(f"INSERT INTO {table} ({', '.join(columns)})"
                        f" VALUES ({','.join('?' * len(columns))})", rows)
    con.commit()
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def portfolio_rows(*, accounts: int, contacts: int, interactions: int, followups: int,
                   years: int, seed: int, today: date | None = None,
                   owner: Callable[[int], str] = lambda n: f"Owner {n % 12}"
                   ) -> list[tuple[str, tuple[str, ...], list[tuple]]]:
    """The portfolio's rows, table by table in the order they are written: (table,
    columns, rows), ids given. *owner* names the owner of the n-th account (from 0).
    Both engines' benches write these (SQLite with inserts, PostgreSQL with COPY)."""
    today = today or clock.today()
    rng = random.Random(seed)
    tables = []
    start = today - timedelta(days=365 * years)
    created = datetime.combine(start, datetime.min.time()).isoformat(sep=" ")
    revenue = sorted((int(50_000_000 * (r + 1) ** -1.3) for r in range(accounts)), reverse=True)
    acc_rows = []
    for n in range(accounts):
        tier = "A" if n < accounts * 0.2 else "B" if n < accounts * 0.5 else "C"
        renewal = (today + timedelta(days=rng.randint(-30, 360))).isoformat()
        acc_rows.append((n + 1, f"Account {n + 1:05d}", tier, "revenue", "", "industry",
                         owner(n), "active", renewal, revenue[n], "", 0, created))
    tables.append(("account", ("id", "name", "tier", "tier_basis", "tier_note", "industry",
                               "owner", "status", "renewal_date", "annual_revenue", "notes",
                               "archived", "created_at"), acc_rows))
    contact_rows, by_account = [], {a: [] for a in range(1, accounts + 1)}
    for cid in range(1, contacts + 1):
        account = (cid - 1) % accounts + 1
        level = LEVELS[0] if len(by_account[account]) == 0 else rng.choice(LEVELS)
        role = "decision-maker" if level == "exec" else rng.choice(ROLES[1:])
        bday = (rng.randint(1, 12), rng.randint(1, 28)) if rng.random() < 0.6 else (None, None)
        contact_rows.append((cid, account, f"Contact {cid}", "Title", level, role, "unknown",
                             json.dumps([f"c{cid}@example.com"]), "[]", bday[0], bday[1], None,
                             int(rng.random() < 0.3), 0, 0))
        by_account[account].append((cid, level))
    tables.append(("contact", ("id", "account_id", "name", "title", "level", "role", "attitude",
                               "emails", "phones", "birthday_month", "birthday_day",
                               "birthday_year", "birthday_lunar", "birthday_leap", "archived"),
                   contact_rows))
    # Interactions: the first account is the big one (~1,500); the rest by tier.
    big = min(1500, interactions // 4)
    weights = [(3.0 if n < accounts * 0.2 else 1.5 if n < accounts * 0.5 else 1.0)
               * rng.uniform(0.7, 1.3) for n in range(1, accounts)]
    total_weight = sum(weights)
    counts = [big] + [max(1, int((interactions - big) * w / total_weight)) for w in weights]
    span = (today - start).days
    inter_rows, link_rows, iid = [], [], 0
    per_account: dict[int, list[tuple[int, date]]] = {}
    for account, count in enumerate(counts, 1):
        days = sorted(rng.randrange(span) for _n in range(count))
        people = by_account[account]
        mine = []
        for d in days:
            iid += 1
            day = start + timedelta(days=d)
            when = datetime.combine(day, datetime.min.time()).replace(hour=9 + d % 8)
            kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
            inter_rows.append((iid, account, kind, "", when.isoformat(sep=" "), "",
                               f"Interaction {iid} about delivery and pricing",
                               rng.randint(-1, 2), "", None, when.isoformat(sep=" ")))
            for cid, _level in rng.sample(people, min(len(people), rng.randint(1, 2))):
                link_rows.append((iid, cid))
            mine.append((iid, day))
        per_account[account] = mine
    tables.append(("interaction", ("id", "account_id", "kind", "channel", "occurred_at",
                                   "our_participants", "summary", "sentiment", "gift",
                                   "gift_value", "created_at"), inter_rows))
    tables.append(("interaction_contact", ("interaction_id", "contact_id"), link_rows))
    # Follow-ups: opened by interactions; most settled by a later one of the account.
    fu_rows, fid = [], 0
    opener_pool = [(a, n) for a, items in per_account.items() for n in range(len(items))]
    rng.shuffle(opener_pool)
    for account, n in opener_pool[:followups]:
        items = per_account[account]
        opener_id, opened = items[n]
        fid += 1
        due = opened + timedelta(days=rng.randint(5, 30))
        later = items[n + 1: n + 6]
        if later and rng.random() < 0.9:
            closer_id, closed = later[rng.randrange(len(later))]
            fu_rows.append((fid, account, f"Next step {fid}", due.isoformat(), "",
                            opened.isoformat(), opener_id, "", "settled", closed.isoformat(),
                            closer_id, None))
        else:
            fu_rows.append((fid, account, f"Next step {fid}", due.isoformat(), "",
                            opened.isoformat(), opener_id, "", "open", None, None, None))
    tables.append(("follow_up", ("id", "account_id", "text", "due", "owner", "opened_on",
                                 "opened_by_id", "origin", "status", "closed_on",
                                 "closed_by_id", "carried_from_id"), fu_rows))
    return tables


# --- measuring --------------------------------------------------------------------------


def median_time(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _n in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def figure(name, value, baseline, baseline_name, target_ratio=None, target_abs=None,
           unit="s", runs=1) -> Figure:
    ratio = value / baseline if baseline else None
    ok, parts = True, []
    if target_ratio is not None:
        parts.append(f"<= {target_ratio:g} x")
        ok = ok and ratio is not None and ratio <= target_ratio
    if target_abs is not None:
        parts.append(f"<= {target_abs:g} {unit if unit != 's' else 's'}")
        ok = ok and value <= target_abs
    return Figure(name, value, unit, baseline, baseline_name, ratio, ", ".join(parts), ok, runs)


def _spawn(probes: list[tuple[list[str], Callable[[], None] | None]], env: dict, runs: int
           ) -> list[tuple[float, str]]:
    """For each probe (ARGS, before): the median time from starting ``python -m
    ui.bench_probe ARGS`` (a fresh process each run, after *before*) to the moment it
    reports its window painted (or to its exit), and its last output. The probes take
    turns, run by run, so that the machine's drift over the runs falls on all alike."""
    times: list[list[float]] = [[] for _p in probes]
    outs = [""] * len(probes)
    root = Path(__file__).resolve().parents[2]
    for _n in range(runs):
        for i, (args, before) in enumerate(probes):
            if before is not None:
                before()
            if hasattr(os, "sync"):  # what the last probe wrote (a cold start keeps
                os.sync()            # megabytes of snapshots) is not this one's to flush
            t = time.time()
            done = subprocess.run([sys.executable, "-m", "ui.bench_probe", *args], env=env,
                                  cwd=root, capture_output=True, text=True, timeout=600)
            ended = time.time()
            if done.returncode != 0:
                raise RuntimeError((done.stderr.strip().splitlines() or ["probe failed"])[-1])
            outs[i] = done.stdout
            painted = [float(line.split()[1]) for line in outs[i].splitlines()
                       if line.startswith("PAINTED")]
            times[i].append((painted[0] if painted else ended) - t)
    return [(statistics.median(t), out) for t, out in zip(times, outs)]


def _value(out: str, key: str) -> float:
    return max(float(line.split()[1]) for line in out.splitlines() if line.startswith(key))


def measure(path: Path, *, runs: int = 5, gui: bool = True, today: date | None = None
            ) -> list[Figure]:
    from keyaccounts.services import health, planner
    from keyaccounts import services

    today = today or clock.today()
    figures: list[Figure] = []
    db = open_database(path)
    raw = sqlite3.connect(path)
    try:
        big = 1  # the account with ~1,500 interactions

        # Accounts list: rows with last contact and open/overdue follow-up counts.
        t, rows = median_time(lambda: services.account_rows(db, today), runs)
        b, base_rows = median_time(lambda: raw.execute(
            "SELECT a.*, (SELECT MAX(occurred_at) FROM interaction i WHERE i.account_id = a.id),"
            " (SELECT COUNT(*) FROM contact ct WHERE ct.account_id = a.id AND ct.archived = 0"
            " AND ct.left_on IS NULL), (SELECT COUNT(*) FROM follow_up f"
            " WHERE f.account_id = a.id AND f.status = 'open'), (SELECT COUNT(*) FROM follow_up f"
            " WHERE f.account_id = a.id AND f.status = 'open' AND f.due < ?) FROM account a"
            " WHERE a.archived = 0 ORDER BY a.name", (today.isoformat(),)).fetchall(), runs)
        assert len(rows) == len(base_rows)
        figures.append(figure("accounts list load", t, b, "sqlite3: accounts with last contact, "
                              "people, open and overdue follow-ups", target_ratio=3,
                              target_abs=0.1, runs=runs))

        # Account page with its whole chain.
        t, page = median_time(lambda: services.account_page(db, big, today), runs)
        b, base = median_time(lambda: (
            raw.execute("SELECT * FROM interaction WHERE account_id = ?"
                        " ORDER BY occurred_at DESC", (big,)).fetchall(),
            raw.execute("SELECT ic.*, ct.name, ct.level FROM interaction_contact ic"
                        " JOIN interaction i ON i.id = ic.interaction_id"
                        " JOIN contact ct ON ct.id = ic.contact_id WHERE i.account_id = ?",
                        (big,)).fetchall(),
            raw.execute("SELECT * FROM follow_up WHERE account_id = ?", (big,)).fetchall(),
            raw.execute("SELECT * FROM contact WHERE account_id = ? ORDER BY name",
                        (big,)).fetchall(),
            raw.execute("SELECT ic.contact_id, MAX(i.occurred_at) FROM interaction i"
                        " JOIN interaction_contact ic ON ic.interaction_id = i.id"
                        " WHERE i.account_id = ? GROUP BY ic.contact_id", (big,)).fetchall(),
            raw.execute("SELECT * FROM account WHERE id = ?", (big,)).fetchall(),
            raw.execute("SELECT * FROM cadence WHERE account_id = ?", (big,)).fetchall()),
            runs)
        assert len(page.chain) == len(base[0])
        figures.append(figure(f"account page ({len(page.chain)} interactions)", t, b,
                              "sqlite3: it, its interactions, people met, follow-ups, "
                              "contacts last met, cadences",
                              target_ratio=3, target_abs=0.15, runs=runs))

        # Agenda and calendar month.
        def agenda_baseline(days):
            end = (today + timedelta(days=days)).isoformat()
            return raw.execute("SELECT * FROM follow_up WHERE status = 'open' AND due < ?",
                               (end,)).fetchall()
        t, items = median_time(lambda: planner.agenda(db, today, 30, today=today), runs)
        b, _r = median_time(lambda: agenda_baseline(30), runs)
        figures.append(figure(f"30-day agenda ({len(items)} items)", t, b,
                              "sqlite3: the open follow-ups due in it", target_abs=0.1,
                              runs=runs))
        first = today - timedelta(days=today.day)  # as the calendar shows a month: 6 weeks
        t, items = median_time(lambda: planner.agenda(db, first, 42, today=today,
                                                      pending=False), runs)
        b, _r = median_time(lambda: raw.execute(
            "SELECT * FROM follow_up WHERE status = 'open' AND due >= ? AND due < ?",
            (first.isoformat(), (first + timedelta(days=42)).isoformat())).fetchall(), runs)
        figures.append(figure(f"calendar month ({len(items)} items)", t, b,
                              "sqlite3: the open follow-ups due in it", target_abs=0.1,
                              runs=runs))

        # Health.
        t, scores = median_time(lambda: health.health(db, today), runs)
        figures.append(figure(f"health of all {len(scores)} accounts", t, None, "",
                              target_abs=0.5, runs=runs))
        t, trend = median_time(lambda: health.trend(db, big, today, 104), max(1, runs // 2))
        figures.append(figure("2-year weekly health trend", t, None, "", target_abs=0.3,
                              runs=max(1, runs // 2)))

        figures.append(_save_figure(path, big, today, runs))

        # Import of a 5,000-row CSV, into a copy.
        figures.append(_import_figure(path, runs=max(1, runs // 2)))
    finally:
        raw.close()
        db.close()
    if gui:
        figures += _gui_figures(path, runs=max(3, runs // 2))
    return figures


def _save_figure(path: Path, account: int, today: date, runs: int) -> Figure:
    """Saving a quick log with a next step, on a copy (the portfolio stays as built): as
    the app does (synchronous=FULL, every commit on disk before it is acknowledged), and
    for comparison with synchronous=NORMAL (what a power cut could take back)."""
    import shutil
    import tempfile

    from sqlalchemy import event

    from keyaccounts import services

    def quick_logs(normal: bool) -> float:
        copy = Path(tempfile.mkdtemp()) / "save.sqlite3"
        shutil.copy(path, copy)
        db = open_database(copy)
        if normal:
            event.listen(db.engine, "connect", lambda con, _record: con.execute(
                "PRAGMA synchronous = NORMAL"))
        try:
            t, _r = median_time(lambda: services.log_interaction(
                db, account, "visit", clock.now(), "bench visit",
                next_steps=[("bench step", today + timedelta(days=7))]), runs)
        finally:
            db.close()
            shutil.rmtree(copy.parent, ignore_errors=True)
        return t

    t, b = quick_logs(normal=False), quick_logs(normal=True)
    return figure("save a quick log", t, b,
                  "the same save with synchronous=NORMAL (FULL: a power cut loses none)",
                  target_abs=0.1, runs=runs)


def _import_figure(path: Path, runs: int) -> Figure:
    import csv
    import io
    import shutil
    import tempfile

    from keyaccounts.io import importer

    folder = Path(tempfile.mkdtemp())
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["account", "name", "title", "level", "role", "email", "birthday"])
    for n in range(5000):
        w.writerow([f"Import {n % 200}", f"Person {n}", "Manager", LEVELS[n % 3],
                    ROLES[n % 5], f"p{n}@import.example", f"{1960 + n % 40}-0{1 + n % 9}-1{n % 9}"])
    csv_path = folder / "people.csv"
    csv_path.write_text(out.getvalue(), encoding="utf-8")
    times, base_times = [], []
    for n in range(runs):
        copy = folder / f"copy{n}.sqlite3"
        shutil.copy(path, copy)
        db = open_database(copy)
        t = time.perf_counter()
        importer.import_file(db, csv_path)
        times.append(time.perf_counter() - t)
        db.close()
        base = folder / f"base{n}.sqlite3"
        shutil.copy(path, base)
        t = time.perf_counter()
        con = sqlite3.connect(base)
        rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))[1:]
        con.executemany("INSERT INTO contact (account_id, name, title, level, role, attitude,"
                        " emails, phones, birthday_lunar, birthday_leap, archived)"
                        " VALUES (1, ?, ?, ?, ?, 'unknown', ?, '[]', 0, 0, 0)",
                        [(r[1], r[2], r[3], r[4], json.dumps([r[5]])) for r in rows])
        con.commit()
        con.close()
        base_times.append(time.perf_counter() - t)
    shutil.rmtree(folder, ignore_errors=True)
    return figure("import of a 5,000-row CSV", statistics.median(times),
                  statistics.median(base_times), "sqlite3: parse and insert the same rows",
                  target_ratio=3, target_abs=5.0, runs=runs)


def _gui_figures(path: Path, runs: int) -> list[Figure]:
    import compileall
    import tempfile

    # Byte-compiled first, as an installed app is: a source edited since its last run
    # (or PYTHONDONTWRITEBYTECODE) would otherwise be compiled again at every start.
    root = Path(__file__).resolve().parents[2]
    for package in ("keyaccounts", "ui"):
        compileall.compile_dir(root / package, quiet=2)

    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               XDG_CONFIG_HOME=tempfile.mkdtemp())

    def forget_snapshots():  # as after a change from outside (the CLI, another tool)
        con = sqlite3.connect(path)
        with con:  # but for the backups' note: each start would back the portfolio up
            con.execute("DELETE FROM snapshot WHERE name != ?", (snapshot.BACKED_UP,))
        con.close()

    app = ["app", str(path)]
    _spawn([(app, None)], env, 1)  # the app keeps today's snapshot, as it usually has
    # The usual start (warm: the snapshot kept, for today or ahead of time for the next
    # days; each cold run keeps it again) and one after an outside change (cold).
    # At least fifteen starts of each: a start's time varies more, run to run, than the
    # other figures do (5-10 % on a shared machine).
    starts = max(runs, 15)
    (bare, _o), (warm, out), (cold, _o) = _spawn(
        [(["bare"], None), (app, None), (app, forget_snapshots)], env, starts)
    (_t, filtered), (_t, opened) = _spawn([(["filter", str(path)], None),
                                          (["account", str(path), "1"], None)], env, 1)
    freezes, visited_kb = _freezes(path, env, min(runs, 3))
    return [figure("app start to the painted Today page", warm, bare,
                   "a bare PySide6 QMainWindow, same way", target_ratio=1.5, runs=starts),
            figure("  … after an outside change (no snapshot)", cold, bare,
                   "a bare PySide6 QMainWindow, same way", runs=starts),
            figure("peak resident memory (app, all loaded)", _value(out, "RSS_KB") / 1024, None,
                   "", target_abs=300, unit="MB", runs=starts),
            figure("  … every page visited, charts drawn", visited_kb / 1024, None, "",
                   target_abs=300, unit="MB", runs=min(runs, 3)),
            figure(f"filter keystroke ({int(_value(filtered, 'ROWS'))} rows)",
                   _value(filtered, "SECONDS"), None, "", target_abs=0.03, runs=8),
            figure(f"account page read and shown ({int(_value(opened, 'INTERACTIONS'))})",
                   _value(opened, "SECONDS"), None, "", target_abs=0.15, runs=5)] + [
            figure(f"longest freeze: {action}", seconds, None, "", target_abs=0.1,
                   runs=min(runs, 3))
            for action, seconds in freezes.items()]


def _freezes(path: Path, env: dict, runs: int) -> tuple[dict[str, float], float]:
    """Per action of the freeze probe, the median of its longest freeze over *runs*
    (each on a fresh copy of the portfolio: the probe logs a call); and the highest
    peak resident memory (KB) of those runs, every page having been visited."""
    import shutil
    import tempfile

    seen: dict[str, list[float]] = {}
    peak_kb = 0.0
    folder = Path(tempfile.mkdtemp())
    for n in range(runs):
        copy = folder / f"freeze{n}.sqlite3"
        shutil.copy(path, copy)
        (_t, out), = _spawn([(["freeze", str(copy)], None)], env, 1)
        for line in out.splitlines():
            if line.startswith("FREEZE "):
                _word, seconds, action = line.split(" ", 2)
                seen.setdefault(action, []).append(float(seconds))
        peak_kb = max(peak_kb, _value(out, "RSS_KB"))
    shutil.rmtree(folder, ignore_errors=True)
    return {action: statistics.median(values) for action, values in seen.items()}, peak_kb


def report(figures: list[Figure]) -> str:
    lines = [f"{'measure':44} {'median':>10} {'baseline':>10} {'ratio':>7}  target         ok"]
    for f in figures:
        value = f"{f.value * 1000:.1f} ms" if f.unit == "s" else f"{f.value:.0f} {f.unit}"
        base = f"{f.baseline * 1000:.1f} ms" if f.baseline else "—"
        ratio = f"{f.ratio:.2f}" if f.ratio is not None else "—"
        ok = ("yes" if f.ok else "NO") if f.target else "—"
        lines.append(f"{f.name[:44]:44} {value:>10} {base:>10} {ratio:>7}  {f.target or '—':14} "
                     f"{ok}")
    return "\n".join(lines)


def as_json(figures: list[Figure], params: dict) -> str:
    import platform

    return json.dumps({"params": params, "machine": {
        "python": platform.python_version(), "system": platform.platform(),
        "processor": platform.processor() or platform.machine(), "cpus": os.cpu_count()},
        "figures": [asdict(f) for f in figures]}, indent=2)
