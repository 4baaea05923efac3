"""``agenda`` and ``export-ics``: what is overdue, due and coming."""

from __future__ import annotations

from datetime import date

from keyaccounts.cli.common import add_today, day_or_today, print_json, table
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.vocabulary import word
from keyaccounts.i18n import _


def agenda_window(args) -> tuple[date, int]:
    start = day_or_today(args.from_, "from")
    if args.days < 1 or args.days > 3660:
        raise ValidationError("days", args.days, _("must be 1 to 3660"))
    return start, args.days


def cmd_agenda(db, args) -> int:
    from keyaccounts.services import planner

    start, days = agenda_window(args)
    items = planner.agenda(db, start, days)
    if args.json:
        print_json([i.as_json() for i in items])
    else:
        table([(i.date, "!" if i.overdue else "", word(i.kind), i.account or "",
                i.contact or "",
                i.title) for i in items],
              [_("date"), "", _("kind"), _("account"), _("contact"), _("what")])
    return 0


def cmd_export_ics(db, args) -> int:
    from keyaccounts.io.ics import write_ics
    from keyaccounts.services import planner

    start, days = agenda_window(args)
    count = write_ics(args.output, planner.agenda(db, start, days), start, force=args.force,
                      protect=db.path)
    print(_("{count} events written to {path}").format(count=count, path=args.output))
    return 0


def register(sub) -> None:
    ag = sub.add_parser("agenda", help=_("what is overdue, due and coming"))
    ag.add_argument("--from", dest="from_", metavar="YYYY-MM-DD")
    ag.add_argument("--days", type=int, default=30, metavar="N")
    ag.add_argument("--json", action="store_true")
    add_today(ag)
    ag.set_defaults(func=cmd_agenda)

    ex = sub.add_parser("export-ics", help=_("export the agenda as an iCalendar file"))
    ex.add_argument("-o", "--output", required=True, metavar="FILE")
    ex.add_argument("--from", dest="from_", metavar="YYYY-MM-DD")
    ex.add_argument("--days", type=int, default=90, metavar="N")
    ex.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))
    add_today(ex)
    ex.set_defaults(func=cmd_export_ics)
