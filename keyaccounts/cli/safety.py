"""``backup``, ``restore`` and ``check``: they work on the database file itself (even a
damaged one), so they get its path, not an opened database."""

from __future__ import annotations

import sys
from pathlib import Path

from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _
from keyaccounts.storage.db import passphrase_from_env


def cmd_backup(path, args) -> int:
    from keyaccounts.storage.backup import backup_if_changed, latest_backup, make_backup
    from keyaccounts.storage.db import check_sound

    passphrase = passphrase_from_env()
    check_sound(path, passphrase)  # never a damaged copy, among the good ones or elsewhere
    if args.output:
        print(make_backup(path, Path(args.output), passphrase=passphrase, force=args.force))
        return 0
    made = backup_if_changed(path, passphrase=passphrase)
    if made is None:
        made = latest_backup(path, passphrase)
        print(_("No change since the latest backup, {path}: nothing to do.").format(
            path=made), file=sys.stderr)
    print(made)
    return 0


def cmd_restore(path, args) -> int:
    from keyaccounts.storage.backup import restore

    source = Path(args.file)
    if not source.is_file():
        raise ValidationError("FILE", args.file, _("no such file"))
    kept = restore(path, source, passphrase_from_env())
    print(_("Restored {source} into {path}.").format(source=source, path=path))
    if kept:
        print(_("The database as it was is kept in {kept}.").format(kept=kept))
    return 0


def cmd_check(path, args) -> int:
    from keyaccounts.storage.backup import check_file

    report = check_file(path, passphrase_from_env())
    print(report.text())
    return 0 if report.sound else 1


def register(sub) -> None:
    bk = sub.add_parser("backup", help=_("copy the database safely, even while in use"))
    bk.add_argument("-o", "--output", metavar="FILE")
    bk.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    bk.set_defaults(func=cmd_backup, raw_path=True)

    rs = sub.add_parser("restore", help=_("replace the database with a checked backup"))
    rs.add_argument("file", metavar="FILE")
    rs.set_defaults(func=cmd_restore, raw_path=True)

    ck = sub.add_parser("check", help=_("integrity, foreign keys and the chain's rules"))
    ck.set_defaults(func=cmd_check, raw_path=True)
