"""Backups, restore and the integrity check.

Backups are made with SQLite's online backup API, so a live database is copied
consistently, into ``backups/`` beside the database, readable by the owner only.
A backup counts only once it is complete and verified: it is written under a
temporary name, checked (``PRAGMA quick_check`` and the KeyAccounts schema),
flushed to disk and only then renamed; a kill, a full disk, a missing passphrase
or a damaged database leaves no file that looks like a backup.  Which backups are
verified is remembered in ``backups/.verified`` (name, size, modification time);
a file that is not there is checked before it counts.

Thinning counts verified backups only and never deletes anything else: every
backup of the last day, then one a day for a week, one a week for two months, one
a month for a year, and whatever the dates say the newest KEEP_NEWEST.  The copies
kept before a schema upgrade are thinned the same way.

A restore checks the file first (a sound SQLite file, a KeyAccounts schema this
version knows, integrity and foreign keys), keeps the current database as a
backup, and only then puts the copy in place with the backup API, under the
database's write lock, so that a program writing to it meanwhile loses nothing
it has been told is saved; nothing is ever overwritten without a copy.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from keyaccounts.storage import snapshot
from keyaccounts.storage.db import (
    NeedsPassphrase,
    check_revision,
    read_state,
    backups_dir,
    connect_file,
    connect_raw,
    copy_database,
    is_encrypted,
    known_revisions,
    quick_check,
    verify_copy,
)
from keyaccounts.storage.files import OutputRefused, output_file, write_output
from keyaccounts.domain.errors import DatabaseError
from keyaccounts.i18n import _
from keyaccounts.domain import clock

STAMP = "%Y%m%d-%H%M%S"
KEEP_ALL = timedelta(days=1)
DAILY, WEEKLY, MONTHLY = 7, 8, 12
KEEP_NEWEST = 3  # verified backups thinning keeps whatever the dates (a clock far ahead)
VERIFIED = ".verified"
PARTIAL_RE = re.compile(r"^\..+\.(?P<pid>\d+)\.partial(?:-journal|-wal|-shm)?$")


def _name_re(stem: str) -> re.Pattern:
    """This database's backups: ``STEM-STAMP[-N].sqlite3`` and the copies kept before a
    schema upgrade, ``STEM-before-REV-STAMP.sqlite3``."""
    return re.compile(rf"^{re.escape(stem)}-(?:before-\d{{4}}-)?(?P<stamp>\d{{8}}-\d{{6}})"
                      rf"(?:-\d+)?\.sqlite3$")


def backup_name(db_path: Path, when: datetime) -> str:
    return f"{db_path.stem}-{when.strftime(STAMP)}.sqlite3"


def _new_backup_path(db_path: Path, when: datetime, kind: str = "") -> Path:
    folder = backups_dir(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    base = f"{db_path.stem}-{kind + '-' if kind else ''}{when.strftime(STAMP)}"
    target, n = folder / f"{base}.sqlite3", 1
    while target.exists():
        target, n = folder / f"{base}-{n}.sqlite3", n + 1
    return target


def make_backup(db_path: Path, target: Path | None = None, *, when: datetime | None = None,
                passphrase: str | None = None, force: bool = False, kind: str = "") -> Path:
    """A verified copy of the database (live is fine): to *target* (never over the
    database, a backup or, unless *force*, an existing file), or a new file in backups/
    (*kind*: "before-REV" for the copy kept before a schema upgrade).

    Raises DatabaseError, leaving nothing behind, when the database cannot be read or
    its copy fails the check (a damaged database is never backed up)."""
    db_path = Path(db_path)
    if passphrase is None and is_encrypted(db_path):
        raise NeedsPassphrase(_("{path}: encrypted, or not a SQLite database; not backed up "
                                "without its passphrase").format(path=db_path))
    automatic = target is None
    target = _new_backup_path(db_path, when or clock.now(), kind) if automatic else Path(target)
    try:
        with output_file(target, force=force, protect=db_path, protect_backups=not automatic,
                         verify=lambda tmp: verify_copy(tmp, passphrase)) as tmp:
            copy_database(db_path, tmp, passphrase)
    except OutputRefused:
        raise
    except DatabaseError as exc:
        raise DatabaseError(_("{path}: not backed up ({reason})").format(
            path=db_path, reason=exc)) from None
    if automatic:
        _remember_verified(target)
    return target


def list_backups(db_path: Path) -> list[tuple[datetime, Path]]:
    """This database's backups (verified or not), newest first."""
    db_path = Path(db_path)
    folder = backups_dir(db_path)
    name_re = _name_re(db_path.stem)
    found = []
    if folder.is_dir():
        for p in folder.iterdir():
            if (m := name_re.match(p.name)):
                try:
                    found.append((datetime.strptime(m.group("stamp"), STAMP), p))
                except ValueError:  # 20261399-...: not a stamp
                    continue
    return sorted(found, reverse=True)


def _signature(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _load_verified(folder: Path) -> dict:
    try:
        data = json.loads((folder / VERIFIED).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_verified(folder: Path, data: dict) -> None:
    try:
        write_output(folder / VERIFIED, json.dumps(data, sort_keys=True).encode(), force=True)
    except (OutputRefused, OSError):  # a read-only folder: they are checked again next time
        pass


def _remember_verified(path: Path) -> None:
    data = _load_verified(path.parent)
    data[path.name] = _signature(path)
    _save_verified(path.parent, data)


def verified_backups(db_path: Path, passphrase: str | None = None) -> list[tuple[datetime, Path]]:
    """This database's backups that are complete and sound, newest first. A file not
    verified before (or changed since) is checked now; an encrypted one needs the
    passphrase to count."""
    backups = list_backups(db_path)
    if not backups:
        return []
    folder = backups[0][1].parent
    known = _load_verified(folder)
    remembered = {}
    found = []
    for stamp, path in backups:
        signature = _signature(path)
        if signature is None:
            continue
        if known.get(path.name) != signature:
            if passphrase is None and is_encrypted(path):
                continue
            try:
                verify_copy(path, passphrase)
            except DatabaseError:
                continue
        remembered[path.name] = signature
        found.append((stamp, path))
    if remembered != known:
        _save_verified(folder, remembered)
    return found


def latest_backup(db_path: Path, passphrase: str | None = None) -> Path | None:
    """The latest verified backup, or None."""
    found = verified_backups(db_path, passphrase)
    return found[0][1] if found else None


def to_keep(stamps: list[datetime], now: datetime, newest: int = KEEP_NEWEST) -> set[datetime]:
    """Which backups thinning keeps: all of the last day, then one per day / week / month,
    and the *newest* whatever their age."""
    keep, seen = set(sorted(stamps, reverse=True)[:newest]), set()
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


def thin(db_path: Path, now: datetime | None = None,
         passphrase: str | None = None) -> list[Path]:
    """Delete the verified backups thinning does not keep (and what killed backups left
    half-written); return what was removed. A file that is not a verified backup is
    never counted, and never deleted."""
    backups = verified_backups(db_path, passphrase)
    keep = to_keep([s for s, _p in backups], now or clock.now())
    removed = []
    for stamp, path in backups:
        if stamp not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    _remove_abandoned(backups_dir(Path(db_path)))
    return removed


def _remove_abandoned(folder: Path) -> None:
    """Half-written backups of processes that are gone (killed, or out of disk)."""
    if not folder.is_dir():
        return
    for p in folder.iterdir():
        if (m := PARTIAL_RE.match(p.name)) and not _alive(int(m.group("pid"))):
            p.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def backup_and_thin(db_path: Path, when: datetime | None = None,
                    passphrase: str | None = None) -> Path:
    """A backup in backups/, then thinning; noted in the database (see
    :func:`backup_if_changed`) before the copy, so a change made during it is not
    taken for backed up (and the note is dropped if the backup fails)."""
    con = connect_raw(Path(db_path), passphrase)
    try:
        snapshot.mark_backed_up(con)
    finally:
        con.close()
    try:
        path = make_backup(db_path, when=when, passphrase=passphrase)
    except BaseException:
        con = connect_raw(Path(db_path), passphrase)
        try:
            snapshot.forget_backed_up(con)
        except Exception:  # noqa: BLE001 — the failure says what matters
            pass
        finally:
            con.close()
        raise
    thin(db_path, when, passphrase)
    return path


def backup_if_changed(db_path: Path, when: datetime | None = None,
                      passphrase: str | None = None) -> Path | None:
    """The automatic backup: :func:`backup_and_thin`, unless there is a verified backup
    already and nothing has changed since the last one began (its note is still there:
    any change drops it, as it drops the snapshots). None when none was needed."""
    if verified_backups(db_path, passphrase):
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
    try:  # what cannot be read at all, said as opening it says it
        revision, has_tables = read_state(path, passphrase)
        check_revision(path, revision, has_tables)
    except DatabaseError as exc:
        text = str(exc)
        report.problems.append(text.removeprefix(f"{path}: "))
        return report
    try:
        con = connect_file(path, passphrase, readonly=True)
    except Exception as exc:  # noqa: BLE001 — sqlite3 or sqlcipher3
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
        report.problems += _text_problems(con, tables)
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
            scratch = None
        else:  # an older schema: check a migrated copy, never the file itself
            scratch = tempfile.TemporaryDirectory(prefix="keyaccounts-check-")
            tmp = Path(scratch.name) / path.name
            copy_database(path, tmp, passphrase)
            db = open_database(tmp, passphrase=passphrase)
        try:
            with db.session() as s:
                report.problems += chain_problems(s)
        finally:
            db.close()
            if scratch is not None:
                scratch.cleanup()
    return report


def _text_problems(con, tables: set[str], most: int = 20) -> list[str]:
    """Stored text that is not UTF-8 (flipped bytes SQLite's own check cannot see: the
    file is sound, a value in it is not): each with its table, row and column."""
    problems: list[str] = []
    text_columns = [(table, r[1]) for table in sorted(tables)
                    for r in con.execute(f'PRAGMA table_info("{table}")')
                    if "CHAR" in r[2].upper() or "TEXT" in r[2].upper() or not r[2]]
    con.text_factory = bytes
    try:
        for table, column in text_columns:
            for rowid, value in con.execute(f'SELECT rowid, "{column}" FROM "{table}" '
                                            f'WHERE typeof("{column}") = \'text\''):
                try:
                    value.decode("utf-8")
                except UnicodeDecodeError:
                    problems.append(_("damaged text: {table} row {row}, {column} is not "
                                      "UTF-8").format(table=table, row=rowid, column=column))
                    if len(problems) >= most:
                        return problems
    finally:
        con.text_factory = str
    return problems


def latest_good_backup(db_path: Path, passphrase: str | None = None) -> Path | None:
    """The latest verified backup that also passes the full check (chain included)."""
    for _stamp, path in verified_backups(db_path, passphrase):
        if check_file(path, passphrase).sound:
            return path
    return None


def restore(db_path: Path, source: Path, passphrase: str | None = None) -> Path | None:
    """Replace the database with *source* after checking it; return the kept copy.

    The current database is backed up first (a damaged one is kept as it is, in
    backups/). A sound database gets *source* through SQLite's backup API under its
    write lock: a program writing to it meanwhile waits, then writes to the restored
    data; its -wal and -shm are never touched."""
    db_path, source = Path(db_path), Path(source)
    if db_path.exists() and os.path.samefile(db_path, source):
        raise DatabaseError(_("{path}: is the database itself").format(path=source))
    _same_encryption(db_path, source, passphrase)
    report = check_file(source, passphrase)
    if not report.sound:
        raise DatabaseError(_("{path}: cannot be restored: {problem}").format(
            path=source, problem=report.problems[0]))
    if not db_path.exists() or db_path.stat().st_size == 0:
        with output_file(db_path, force=True) as tmp:
            copy_database(source, tmp, passphrase)
        return None
    try:
        kept = make_backup(db_path, passphrase=passphrase)
    except OutputRefused:
        raise
    except DatabaseError as exc:
        if not _damaged(db_path, passphrase):  # sound, but not copied: a full disk, …
            raise DatabaseError(_("{path}: not restored: the database could not be backed "
                                  "up first ({reason}); nothing was changed").format(
                                      path=db_path, reason=exc)) from None
        return _replace_damaged(db_path, source, passphrase)
    src = connect_file(source, passphrase, readonly=True)
    try:
        dst = connect_raw(db_path, passphrase)
        try:
            src.backup(dst)  # waits for the write lock (sleeping between tries)
        finally:
            dst.close()
    except Exception as exc:  # noqa: BLE001 — sqlite3's or sqlcipher3's error
        raise DatabaseError(_("{path}: not restored ({reason}); the database is as it was, "
                              "and kept in {kept}").format(path=db_path, reason=exc,
                                                           kept=kept)) from None
    finally:
        src.close()
    return kept


def _same_encryption(db_path: Path, source: Path, passphrase: str | None) -> None:
    """Refuse a restore that would change the encryption without being asked to."""
    if passphrase is not None and not is_encrypted(source):
        raise DatabaseError(_("{source}: not encrypted, while the database is: restoring it "
                              "would leave the data unencrypted; decrypt the database first "
                              "(then encrypt it again); nothing was changed").format(
                                  source=source))
    if (passphrase is None and db_path.exists() and is_encrypted(db_path)
            and source.resolve().parent != backups_dir(db_path).resolve()):
        raise NeedsPassphrase(_("{path}: encrypted (or its first bytes are damaged); give its "
                                "passphrase (KEYACCOUNTS_PASSPHRASE) to restore over it, or "
                                "restore one of its own backups; nothing was changed").format(
                                    path=db_path))


def _damaged(db_path: Path, passphrase: str | None) -> bool:
    """Whether the database fails SQLite's check (or cannot be read as one at all)."""
    try:
        return quick_check(db_path, passphrase, seconds=10) is not None
    except Exception:  # noqa: BLE001 — not a database (sqlite3's or sqlcipher3's error)
        return True


def _replace_damaged(db_path: Path, source: Path, passphrase: str | None) -> Path:
    """Keep the damaged file as it is (a private copy in backups/), then put a copy of
    *source* in its place."""
    folder = backups_dir(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    kept = folder / f"{db_path.stem}-damaged-{clock.now().strftime(STAMP)}{db_path.suffix}"
    with output_file(kept) as tmp, open(db_path, "rb") as damaged, open(tmp, "wb") as out:
        while chunk := damaged.read(1 << 20):
            out.write(chunk)
    with output_file(db_path, force=True) as tmp:
        copy_database(source, tmp, passphrase)
        for suffix in ("-wal", "-shm"):  # the damaged file's: never to be applied to the copy
            Path(str(db_path) + suffix).unlink(missing_ok=True)
    return kept
