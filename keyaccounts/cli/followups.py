"""``followups`` and ``followup …``: the promises of the chain, and the agenda's actions on
them (``reschedule``, ``snooze`` and ``done`` also take an agenda item's ``key`` from
``agenda --json``, for birthdays, planned contacts and the other items)."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import (add_today, followup_id, print_followup, print_json,
                                    table)
from keyaccounts.domain import clock
from keyaccounts.domain.dates import parse_date
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _


def cmd_followups(db, args) -> int:
    followups = services.list_followups(db, args.account, open_only=args.open)
    if args.json:
        print_json(followups)
    else:
        today = clock.today()
        table([(f.id, f.account, f.due, f.status + (" !" if f.overdue_on(today) else ""),
                f.text) for f in followups],
              ["id", _("account"), _("due"), _("status"), _("text")])
    return 0


def cmd_add(db, args) -> int:
    text, sep, due = args.step.rpartition("@")
    if not sep or not text.strip():
        raise ValidationError("TEXT@DATE", args.step, _("expected \"TEXT@YYYY-MM-DD\""))
    today = clock.today()
    followup = services.add_followup(db, args.account, text.strip(),
                                     parse_date(due, today, "due"), owner=args.owner or "",
                                     opened_on=today)
    print_followup(followup, args)
    return 0


def cmd_settle(db, args) -> int:
    followup = services.settle_followup(db, followup_id(args.id, "ID"), on=clock.today())
    print_followup(followup, args, _("follow-up {id} settled: {text}"))
    return 0


def cmd_carry(db, args) -> int:
    today = clock.today()
    successor = services.carry_followup(db, followup_id(args.id, "ID"),
                                        parse_date(args.to, today, "to"), on=today)
    print_followup(successor, args, _("carried to follow-up {id}, due {due}: {text}"))
    return 0


def cmd_agenda_action(db, args) -> int:
    """``reschedule``, ``snooze`` and ``done``: what the Today page does to an item."""
    from keyaccounts.services import planner

    today = clock.today()
    item = planner.item_for(db, args.id, today, "ID")
    if args.action == "reschedule":
        to = parse_date(args.to, today, "to")
        planner.reschedule(db, item, to, today=today)
        line = _("{title}: moved to {day}").format(title=item.title, day=to)
        result = {"key": item.key, "date": to}
    elif args.action == "snooze":
        if args.days < 1 or args.days > 3660:
            raise ValidationError("days", args.days, _("must be 1 to 3660"))
        until = planner.snooze_days(db, item, args.days, today)
        line = _("{title}: snoozed until {day}").format(title=item.title, day=until)
        result = {"key": item.key, "snoozed_until": until}
    else:
        planner.mark_done(db, item, today)
        line = _("{title}: done").format(title=item.title)
        result = {"key": item.key, "done_on": today}
    if args.json:
        print_json(result)
    else:
        print(line)
    return 0


def register(sub) -> None:
    f = sub.add_parser("followups", help=_("list follow-ups"))
    f.add_argument("--account", metavar="NAME")
    f.add_argument("--open", action="store_true", help=_("only open ones"))
    f.add_argument("--json", action="store_true")
    add_today(f)
    f.set_defaults(func=cmd_followups)

    fu = sub.add_parser("followup", help=_("add, settle, carry or reschedule a follow-up"))
    fu_sub = fu.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = fu_sub.add_parser("add", help=_("a follow-up that no interaction opened"))
    a.add_argument("--account", required=True, metavar="NAME")
    a.add_argument("step", metavar="TEXT@DATE")
    a.add_argument("--owner", metavar="TEXT")
    a.set_defaults(func=cmd_add)
    s = fu_sub.add_parser("settle", help=_("mark a follow-up done without logging a contact"))
    s.add_argument("id", metavar="ID")
    s.set_defaults(func=cmd_settle)
    c = fu_sub.add_parser("carry", help=_("carry a follow-up to a new due date (its history "
                                          "is kept)"))
    c.add_argument("id", metavar="ID")
    c.add_argument("--to", required=True, metavar="DATE")
    c.set_defaults(func=cmd_carry)
    r = fu_sub.add_parser("reschedule", help=_("move a follow-up or an agenda item to a day"))
    r.add_argument("id", metavar="ID|KEY")
    r.add_argument("--to", required=True, metavar="DATE")
    n = fu_sub.add_parser("snooze", help=_("hide a follow-up or an agenda item for some days"))
    n.add_argument("id", metavar="ID|KEY")
    n.add_argument("--days", required=True, type=int, metavar="N")
    d = fu_sub.add_parser("done", help=_("mark a follow-up or an agenda item done"))
    d.add_argument("id", metavar="ID|KEY")
    for parser in (r, n, d):
        parser.set_defaults(func=cmd_agenda_action)
    for parser in (a, s, c, r, n, d):
        parser.add_argument("--json", action="store_true")
        add_today(parser)
