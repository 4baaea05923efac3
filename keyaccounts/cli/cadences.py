"""``cadence …``: how often an account wants each kind of contact (an interval in days,
or a fixed RFC 5545 schedule)."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import print_json, table
from keyaccounts.domain.dates import parse_iso_date
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _


def _cadence_id(text: str) -> int:
    if not text.strip().isdigit():
        raise ValidationError("ID", text, _("expected a cadence id (a number)"))
    return int(text)


def _fields(args, current=None) -> dict:
    """The service's keyword arguments from the flags, over *current* (a CadenceView) for
    ``edit``; an interval and a rule exclude each other."""
    if args.every is not None and args.rule is not None:
        raise ValidationError("rule", args.rule, _("give either --every or --rule, not both"))
    fields = {}
    if current is not None:
        fields = dict(kinds=list(current.kinds), title=current.title, level=current.level,
                      ideal_days=current.ideal_days, max_days=current.max_days,
                      rrule=current.rrule, starts_on=current.starts_on,
                      tolerance_days=current.tolerance_days)
    if args.kinds is not None:
        fields["kinds"] = [k for k in args.kinds.split(",") if k.strip()]
    if args.title is not None:
        fields["title"] = args.title
    if args.level is not None:
        fields["level"] = args.level or None
    if args.every is not None:
        ideal, sep, most = args.every.partition("/")
        if not ideal.strip().isdigit() or (sep and not most.strip().isdigit()):
            raise ValidationError("every", args.every, _("expected DAYS or DAYS/MAX-DAYS"))
        fields.update(ideal_days=int(ideal), max_days=int(most) if sep else None,
                      rrule=None, starts_on=None)
    if args.rule is not None:
        fields.update(rrule=args.rule, ideal_days=None, max_days=None)
    if args.starts is not None:
        fields["starts_on"] = parse_iso_date(args.starts, "starts")
    if args.tolerance is not None:
        fields["tolerance_days"] = args.tolerance
    return fields


def _print(cadence, args, line: str) -> None:
    if args.json:
        print_json(cadence)
    else:
        print(line.format(id=cadence.id, account=cadence.account))


def cmd_add(db, args) -> int:
    if args.kinds is None:
        raise ValidationError("kinds", "", _("name at least one kind of contact"))
    fields = _fields(args)
    kinds = fields.pop("kinds")
    cadence = services.add_cadence(db, args.account, kinds, **fields)
    _print(cadence, args, _("cadence {id} added to {account}"))
    return 0


def cmd_edit(db, args) -> int:
    cid = _cadence_id(args.id)
    current = services.get_cadence(db, cid)
    fields = _fields(args, current)
    kinds = fields.pop("kinds")
    cadence = services.update_cadence(db, cid, kinds, **fields)
    _print(cadence, args, _("cadence {id} of {account} changed"))
    return 0


def cmd_remove(db, args) -> int:
    cid = _cadence_id(args.id)
    services.remove_cadence(db, cid)
    if args.json:
        print_json({"id": cid, "active": False})
    else:
        print(_("cadence {id} stopped (kept, inactive, so the history explains "
                "itself)").format(id=cid))
    return 0


def _rhythm(c) -> str:
    if c.mode == "interval":
        return _("every {ideal} days (at most {most})").format(ideal=c.ideal_days,
                                                               most=c.max_days)
    from keyaccounts.domain.rhythm import describe

    return _("{rule} from {day}").format(rule=describe(c.rrule), day=c.starts_on)


def cmd_list(db, args) -> int:
    found = services.list_cadences(db, args.account)
    if args.json:
        print_json(found)
    else:
        table([(c.id, c.account, c.title, ",".join(c.kinds), c.level or "", _rhythm(c))
               for c in found],
              ["id", _("account"), _("title"), _("kinds"), _("level"), _("rhythm")])
    return 0


def register(sub) -> None:
    cd = sub.add_parser("cadence", help=_("how often to contact an account, by kind"))
    cd_sub = cd.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = cd_sub.add_parser("add", help=_("add a cadence: an interval or a schedule"))
    a.add_argument("--account", required=True, metavar="NAME")
    e = cd_sub.add_parser("edit", help=_("change a cadence"))
    e.add_argument("id", metavar="ID")
    for parser in (a, e):
        parser.add_argument("--kinds", metavar="KIND[,KIND…]")
        parser.add_argument("--title", metavar="TEXT")
        parser.add_argument("--level", metavar="exec|mgmt|ops",
                            help=_("the level of the people met; empty for any"))
        parser.add_argument("--every", metavar="DAYS[/MAX]",
                            help=_("an interval: ideal days, and at most MAX days"))
        parser.add_argument("--rule", metavar="RRULE",
                            help=_("a schedule as an RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=1MO"))
        parser.add_argument("--starts", metavar="YYYY-MM-DD", help=_("the schedule's first day"))
        parser.add_argument("--tolerance", type=int, metavar="DAYS",
                            help=_("days late before a scheduled contact counts as missed"))
    a.set_defaults(func=cmd_add)
    e.set_defaults(func=cmd_edit)
    ls = cd_sub.add_parser("list", help=_("active cadences"))
    ls.add_argument("--account", metavar="NAME")
    ls.set_defaults(func=cmd_list)
    r = cd_sub.add_parser("remove", help=_("stop a cadence"))
    r.add_argument("id", metavar="ID")
    r.set_defaults(func=cmd_remove)
    for parser in (a, e, ls, r):
        parser.add_argument("--json", action="store_true")
