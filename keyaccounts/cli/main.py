"""The command line: ``keyaccounts`` / ``python -m keyaccounts``.

Commands, flags and JSON keys are a public contract that users' scripts rely
on: add freely, never rename or drop.  Exit codes: 0 success, 2 bad input
(one line on stderr naming the field and the value; the database unchanged),
1 a database that cannot be opened or another failure (one line, no traceback).

Each command group lives in its own module beside this one and registers its
sub-commands (``register(sub)``); a handler gets the opened database (or, for the
commands that work on the file itself, its path) and the parsed arguments.
``--today`` on a command sets the day it runs on, through keyaccounts.domain.clock.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from collections.abc import Sequence

from keyaccounts import __version__
from keyaccounts.cli import (
    accounts,
    agenda,
    cadences,
    chain,
    contacts,
    devtools,
    followups,
    health,
    io,
    offline,
    publish,
    records,
    relmap,
    safety,
    search,
    settings,
    team,
    value,
)
from keyaccounts.cli.common import PROG, Parser, UsageError, VisibleOutput, fail
from keyaccounts.domain import clock
from keyaccounts.domain.dates import parse_iso_date
from keyaccounts.domain.errors import DatabaseError, KeyAccountsError, ValidationError
from keyaccounts.i18n import _
from keyaccounts.storage.db import (
    ENV_VAR,
    NoDatabase,
    explain_failure,
    is_corruption,
    is_url,
    open_database,
    passphrase_from_env,
    require_database,
    resolve_target,
    server_url,
)


def build_parser() -> Parser:
    p = Parser(prog=PROG, description=_("Key-account relationship maintenance."))
    p.add_argument("--db", metavar="PATH",
                   help=_("database file (default: $KEYACCOUNTS_DB or the user data folder)"))
    p.add_argument("--create", action="store_true",
                   help=_("make a new database at --db (in a folder that exists); without "
                          "it, only the default database is ever made"))
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    devtools.register_demo(sub)
    for group in (accounts, contacts, chain, followups, cadences, agenda, health, records,
                  value, search, settings, io, publish, safety, team, relmap, offline):
        group.register(sub)
    devtools.register_bench(sub)
    return p


def _with_hint(args, error: str) -> str:
    """*error* and what to do next, in one message: the passphrase, or --create, and the
    latest verified backup to restore."""
    from keyaccounts.storage.backup import latest_backup
    from keyaccounts.storage.db import NeedsPassphrase

    hint = None
    if isinstance(sys.exc_info()[1], NeedsPassphrase) and passphrase_from_env() is None:
        hint = "passphrase"
    if isinstance(sys.exc_info()[1], NoDatabase) and args.command != "backup":
        hint = "create"
    target = resolve_target(args.db)
    try:
        latest = None if is_url(str(target)) else latest_backup(target, passphrase_from_env())
    except Exception:  # noqa: BLE001 — the hint must not hide the error itself
        latest = None
    wrong_key = isinstance(sys.exc_info()[1], NeedsPassphrase) and passphrase_from_env()
    if latest is None or args.command == "restore" or wrong_key:
        message = {
            None: "{error}",
            "passphrase": _("{error} (if it is encrypted, set KEYACCOUNTS_PASSPHRASE)"),
            "create": _("{error} (a new database is made only with --create, in a folder "
                        "that exists)"),
        }[hint]
    else:
        message = {
            None: _("{error} (latest backup: {path}; `keyaccounts restore` puts it back)"),
            "passphrase": _("{error} (if it is encrypted, set KEYACCOUNTS_PASSPHRASE; "
                            "latest backup: {path}, `keyaccounts restore` puts it back)"),
            "create": _("{error} (a new database is made only with --create, in a folder "
                        "that exists; latest backup: {path}, `keyaccounts restore` puts it "
                        "back)"),
        }[hint]
    return message.format(error=error, path=latest)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        return fail(str(exc).replace("\n", " "), 2)
    for arg in sys.argv[1:] if argv is None else argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8, kept by surrogateescape
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            return fail(_("{arg}: not valid UTF-8 text").format(arg=shown), 2)
    db = None
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleOutput(sys.stdout), VisibleOutput(sys.stderr)
    try:
        if getattr(args, "today", None):
            clock.set_today(parse_iso_date(args.today, "today"))
        path = resolve_target(args.db)
        default = not (args.db or os.environ.get(ENV_VAR))  # made where it belongs
        if getattr(args, "no_db", False):  # names its own database (team init URL)
            return args.func(None, args)
        if getattr(args, "raw_path", False):  # works on the file, even a damaged one
            if is_url(str(path)):
                path = server_url(str(path))
                if not isinstance(path, Path):
                    raise ValidationError("db", path.render_as_string(hide_password=True), _(
                        "this command works on a SQLite file only; use the server's own "
                        "tools"))
            if args.command in ("backup", "restore"):
                require_database(path, create=args.command == "restore" and (
                    args.create or default), folders=default)
            return args.func(path, args)
        if is_url(str(path)):  # a team server; out of reach, its local copy (encrypted
            # with KEYACCOUNTS_PASSPHRASE when it is set)
            from keyaccounts.storage.offline import open_team_or_copy

            try:
                db = open_team_or_copy(str(path), create=args.create)
            except DatabaseError as exc:  # down, refusing the password, a disabled login
                from keyaccounts.services.datafile import refused

                return fail(str(refused(str(path), exc)), 2)
        else:
            db = open_database(path, create=args.create or default, folders=default,
                               passphrase=passphrase_from_env(), check=True)
        code = args.func(db, args)
        offline.notices(db, args.command)
        return code
    except ValidationError as exc:
        return fail(exc.message, 2)
    except DatabaseError as exc:
        return fail(_with_hint(args, str(exc)), 1)
    except KeyAccountsError as exc:
        return fail(str(exc), 2)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback for a user; KEYACCOUNTS_DEBUG shows it
        if os.environ.get("KEYACCOUNTS_DEBUG"):
            raise
        where = resolve_target(args.db)
        explained = None if is_url(str(where)) else explain_failure(exc, Path(where).parent)
        if explained:
            return fail(f"{where}: {explained}", 1)
        if is_corruption(exc):  # the write (a transaction) was rolled back
            return fail(_with_hint(args, _(
                "{path}: the database is damaged; nothing was written").format(
                    path=resolve_target(args.db))), 1)
        return fail(f"{type(exc).__name__}: {exc}", 1)
    finally:
        sys.stdout, sys.stderr = streams
        clock.set_today(None)
        if db is not None:
            db.close()
