"""Backups, restore and the integrity check.

Backups are made with SQLite's online backup API, so a live database is copied
consistently, into ``backups/`` beside the database, readable by the owner only.
They are thinned the way Anki thins its own: every backup of the last day, then
one a day for a week, one a week for two months, one a month for a year.

A restore checks the file first (a sound SQLite file, a KeyAccounts schema this
version knows, integrity and foreign keys), keeps the current database as a
backup, and only then puts the copy in place; nothing is ever overwritten
without a copy.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from keyaccounts.storage import snapshot
from keyaccounts.storage.db import (
    backup_file,
    backups_dir,
    connect_file,
    connect_raw,
    is_encrypted,
    known_revisions,
)
from keyaccounts.domain.errors import DatabaseError
from keyaccounts.i18n import _
from keyaccounts.domain import clock

NAME_RE = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3$")
KEEP_ALL = timedelta(days=1)
DAILY, WEEKLY, MONTHLY = 7, 8, 12


def backup_name(db_path: Path, when: datetime) -> str:
    return f"{db_path.stem}-{when.strftime('%Y%m%d-%H%M%S')}.sqlite3"


def make_backup(db_path: Path, target: Path | None = None, *,
                when: datetime | None = None, passphrase: str | None = None) -> Path:
    """Copy the database (live is fine) to *target*, or a new file in backups/."""
    db_path = Path(db_path)
    when = when or clock.now()
    if target is None:
        folder = backups_dir(db_path)
        target = folder / backup_name(db_path, when)
        n = 1
        while target.exists():
            target = folder / f"{db_path.stem}-{when.strftime('%Y%m%d-%H%M%S')}-{n}.sqlite3"
            n += 1
    target = Path(target)
    if target.exists():
        raise DatabaseError(_("{path}: exists already; choose another name").format(path=target))
    return backup_file(db_path, target, passphrase)


def list_backups(db_path: Path) -> list[tuple[datetime, Path]]:
    """This database's automatic backups, newest first."""
    db_path = Path(db_path)
    folder = backups_dir(db_path)
    found = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = NAME_RE.match(p.name)
            if m and m.group("stem") == db_path.stem:
                found.append((datetime.strptime(m.group("stamp"), "%Y%m%d-%H%M%S"), p))
    return sorted(found, reverse=True)


def to_keep(stamps: list[datetime], now: datetime) -> set[datetime]:
    """Which backups thinning keeps: all of the last day, then one per day / week / month."""
    keep, seen = set(), set()
    for stamp in sorted(stamps, reverse=True):
        age = now - stamp
        if age <= KEEP_ALL:
            keep.add(stamp)
            continue
        if age <= timedelta(days=DAILY):
            bucket = ("day", stamp.date())
        elif age <= timedelta(weeks=WEEKLY):
            bucket = ("week", stamp.isocalendar()[:2])
        elif age <= timedelta(days=31 * MONTHLY):
            bucket = ("month", (stamp.year, stamp.month))
        else:
            continue
        if bucket not in seen:  # newest of each bucket
            seen.add(bucket)
            keep.add(stamp)
    return keep


def thin(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups thinning does not keep; return what was removed."""
    backups = list_backups(db_path)
    keep = to_keep([s for s, _p in backups], now or clock.now())
    removed = []
    for stamp, path in backups:
        if stamp not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def backup_and_thin(db_path: Path, when: datetime | None = None,
                    passphrase: str | None = None) -> Path:
    """A backup in backups/, then thinning; noted in the database (see
    :func:`backup_if_changed`) before the copy, so a change made during it is not
    taken for backed up."""
    con = connect_raw(Path(db_path), passphrase)
    try:
        snapshot.mark_backed_up(con)
    finally:
        con.close()
    path = make_backup(db_path, when=when, passphrase=passphrase)
    thin(db_path, when)
    return path


def backup_if_changed(db_path: Path, when: datetime | None = None,
                      passphrase: str | None = None) -> Path | None:
    """The automatic backup: :func:`backup_and_thin`, unless there is a backup already
    and nothing has changed since it began (its note is still there: any change drops
    it, as it drops the snapshots). None when none was needed."""
    if list_backups(db_path):
        con = connect_raw(Path(db_path), passphrase, readonly=True)
        try:
            if snapshot.backed_up(con):
                return None
        finally:
            con.close()
    return backup_and_thin(db_path, when, passphrase)


# --- checking ------------------------------------------------------------------------


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def sound(self) -> bool:
        return not self.problems

    def text(self) -> str:
        lines = [_("{path}: {verdict}").format(
            path=self.path, verdict=_("sound") if self.sound else _("problems found"))]
        for table, n in self.counts.items():
            lines.append(f"  {table}: {n}")
        lines += [f"  ! {p}" for p in self.problems]
        return "\n".join(lines)


def check_file(path: Path, passphrase: str | None = None) -> CheckReport:
    """Integrity, foreign keys, schema and the chain's invariants of a database file."""
    path = Path(path)
    report = CheckReport(path)
    if not path.is_file():
        report.problems.append(_("no such file"))
        return report
    if passphrase is None and is_encrypted(path):
        report.problems.append(_("encrypted, or not a SQLite database: give the passphrase "
                                 "(KEYACCOUNTS_PASSPHRASE)"))
        return report
    try:
        con = connect_file(path, passphrase, readonly=True)
    except (sqlite3.Error, Exception) as exc:  # sqlite3 or sqlcipher3
        report.problems.append(str(exc))
        return report
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            report.problems += [_("integrity: {detail}").format(detail=r[0]) for r in rows[:20]]
            return report
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            report.problems.append(_("not a KeyAccounts database"))
            return report
        revision = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] not in known_revisions():
            report.problems.append(_("written by a newer version of KeyAccounts"))
            return report
        for row in con.execute("PRAGMA foreign_key_check").fetchall()[:20]:
            report.problems.append(_("foreign key: {table} row {row} points to a missing "
                                     "{parent}").format(table=row[0], row=row[1], parent=row[2]))
        for table in ("account", "contact", "interaction", "follow_up"):
            if table in tables:
                report.counts[table] = con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except Exception as exc:  # the driver's DatabaseError, sqlite3 or sqlcipher3
        if not type(exc).__name__.endswith("Error"):
            raise
        report.problems.append(str(exc))
        return report
    finally:
        con.close()
    if report.sound:
        from keyaccounts.storage.db import open_database
        from keyaccounts.storage.integrity import chain_problems

        if revision[0] == known_revisions()[-1]:
            from keyaccounts.storage.db import Database, make_engine

            db = Database(path, make_engine(path, passphrase), passphrase)
        else:  # an older schema: check a migrated copy, never the file itself
            import tempfile

            tmp = Path(tempfile.mkdtemp()) / path.name
            backup_file(path, tmp, passphrase)
            db = open_database(tmp, passphrase=passphrase)
        try:
            with db.session() as s:
                report.problems += chain_problems(s)
        finally:
            db.close()
    return report


def latest_good_backup(db_path: Path, passphrase: str | None = None) -> Path | None:
    for _stamp, path in list_backups(db_path):
        if check_file(path, passphrase).sound:
            return path
    return None


def restore(db_path: Path, source: Path, passphrase: str | None = None) -> Path:
    """Replace the database with *source* after checking it; return the kept copy."""
    db_path, source = Path(db_path), Path(source)
    report = check_file(source, passphrase)
    if not report.sound:
        raise DatabaseError(_("{path}: cannot be restored: {problem}").format(
            path=source, problem=report.problems[0]))
    kept = None
    if db_path.exists():
        try:
            kept = make_backup(db_path, passphrase=passphrase)
        except Exception:  # a damaged (or differently keyed) current file: keep it as it is
            kept = backups_dir(db_path) / (db_path.stem + "-damaged-"
                                           + clock.now().strftime("%Y%m%d-%H%M%S")
                                           + db_path.suffix)
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(db_path, kept)
    tmp = db_path.with_name(db_path.name + ".restoring")
    tmp.unlink(missing_ok=True)
    backup_file(source, tmp, passphrase)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_path)
    return kept
