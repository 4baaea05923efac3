"""``calendar publish``: the agenda into a CalDAV calendar (keyaccounts.io.publish).

The password is never a flag (it would show in the process list and the shell's
history): it comes from standard input (``--password-stdin``, for scripts), from the
system keyring (``--keyring``; one typed or piped in is kept there after a publish that
worked), or from a prompt on a terminal.
"""

from __future__ import annotations

import sys

from keyaccounts.cli.common import add_today, day_or_today, print_json
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _


def _password(args, target, use_keyring: bool) -> tuple[str | None, bool]:
    """(the password, whether to keep it in the keyring after a publish that works)."""
    from keyaccounts.io import publish

    if not target.user:
        if args.password_stdin:
            raise ValidationError("password-stdin", "", _("give --user too"))
        return None, False
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line[:-1] if line.endswith("\n") else line
        password = password[:-1] if password.endswith("\r") else password
        if not password:
            raise ValidationError("password-stdin", "", _("standard input gave no password"))
        return password, use_keyring
    if use_keyring:
        stored = publish.stored_password(target)
        if stored is not None:
            return stored, False
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        password = getpass.getpass(_("Password for {user} at {url}: ").format(
            user=target.user, url=target.url))
        return password, use_keyring
    raise ValidationError("password", "", _(
        "none given: use --password-stdin, or --keyring once it is kept there"))


def cmd_publish(db, args) -> int:
    from keyaccounts.io import publish

    config = publish.load_config(db)
    if args.url:
        target = publish.Target(publish.check_url(args.url, "URL"), args.user or "",
                                args.calendar or "")
    elif config.target is not None:
        saved = config.target
        target = publish.Target(saved.url, args.user if args.user is not None else saved.user,
                                args.calendar if args.calendar is not None else saved.calendar)
    else:
        raise ValidationError("URL", "", _(
            "give the calendar's address (none is kept: publish once with --save)"))
    if args.days < 1 or args.days > 3660:
        raise ValidationError("days", args.days, _("must be 1 to 3660"))
    kinds = publish.check_kinds([k.strip() for part in args.kinds or [] for k in part.split(",")
                                 if k.strip()])
    start = day_or_today(args.from_, "from")
    use_keyring = args.keyring or (not args.url and config.keyring)
    password, keep = _password(args, target, use_keyring)
    result = publish.publish_agenda(db, target, password, start=start, days=args.days,
                                    kinds=kinds)
    if keep and password:
        publish.remember_password(target, password)
    if args.save:
        publish.save_config(db, publish.Config(target, use_keyring))
    if args.json:
        print_json({**result.as_json(), "url": target.url, "calendar": target.calendar or None})
    else:
        print(_("{url}: {added} added, {updated} updated, {deleted} deleted, {unchanged} "
                "unchanged").format(url=target.url, **result.as_json()))
    return 0


def register(sub) -> None:
    cal = sub.add_parser("calendar", help=_("the agenda in your own calendar (CalDAV)"))
    cal_sub = cal.add_subparsers(dest="action", metavar="ACTION", required=True)
    pub = cal_sub.add_parser("publish", help=_(
        "write the agenda into a CalDAV calendar: added, moved and removed as it changes; "
        "events the app did not write are left alone"))
    pub.add_argument("url", nargs="?", metavar="URL", help=_(
        "the calendar's address, or the server's with --calendar (default: the one kept "
        "with --save)"))
    pub.add_argument("--user", metavar="USER")
    pub.add_argument("--calendar", metavar="NAME",
                     help=_("the calendar of this name on the server (made if missing)"))
    pub.add_argument("--password-stdin", action="store_true",
                     help=_("read the password from standard input"))
    pub.add_argument("--keyring", action="store_true",
                     help=_("take the password from the system keyring, and keep one given "
                            "there"))
    pub.add_argument("--save", action="store_true",
                     help=_("keep the address, user and calendar (never the password) for "
                            "the app and later publishes"))
    pub.add_argument("--from", dest="from_", metavar="YYYY-MM-DD")
    pub.add_argument("--days", type=int, default=90, metavar="N")
    pub.add_argument("--kinds", action="append", metavar="KIND,…",
                     help=_("only these agenda kinds (follow-up, visit, birthday, festival, …)"))
    pub.add_argument("--json", action="store_true")
    add_today(pub)
    pub.set_defaults(func=cmd_publish)
