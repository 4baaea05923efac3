"""``followups``: the promises of the chain."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import add_today, print_json, table
from keyaccounts.domain import clock
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


def register(sub) -> None:
    f = sub.add_parser("followups", help=_("list follow-ups"))
    f.add_argument("--account", metavar="NAME")
    f.add_argument("--open", action="store_true", help=_("only open ones"))
    f.add_argument("--json", action="store_true")
    add_today(f)
    f.set_defaults(func=cmd_followups)
