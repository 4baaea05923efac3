"""``health`` and ``alerts``: relationship health and the risks it raises."""

from __future__ import annotations

from keyaccounts.cli.common import add_today, day_or_today, print_followup, print_json, table
from keyaccounts.domain import clock
from keyaccounts.domain.formats import labelled
from keyaccounts.domain.vocabulary import word
from keyaccounts.i18n import _


def cmd_health(db, args) -> int:
    from keyaccounts.services import health

    as_of = day_or_today(args.as_of, "as-of")
    scores = health.health(db, as_of, args.account)
    if args.json:
        print_json([h.as_json() for h in scores])
        return 0
    for h in scores:
        print(f"{h.account}  {h.score}  {_(health.BAND_WORDS[h.band])}")
        for c in h.components:
            print(f"    {c.points:5.1f}/{c.max:<3g} "
                  + labelled(_(health.COMPONENT_NAMES[c.name]), c.reason))
    return 0


def cmd_alerts(db, args) -> int:
    from keyaccounts.services import alerts

    as_of = day_or_today(args.as_of, "as-of")
    found = alerts.alerts(db, as_of)
    if args.json:
        print_json([a.as_json() for a in found])
    else:
        table([(a.id, a.since, a.account, word(a.kind), a.reason, a.suggested_action)
               for a in found],
              ["id", _("since"), _("account"), _("kind"), _("reason"),
               _("suggested action")])
    return 0


def cmd_alert(db, args) -> int:
    from keyaccounts.services import alerts

    today = clock.today()
    alert = alerts.find(db, args.id, today)
    if args.action == "act":
        print_followup(alerts.act_on(db, alert, today), args)
    else:
        alerts.dismiss(db, alert, args.reason, today)
        if args.json:
            print_json({"id": alert.id, "dismissed_on": today, "reason": args.reason.strip()})
        else:
            print(_("alert {id} dismissed").format(id=alert.id))
    return 0


def register(sub) -> None:
    he = sub.add_parser("health", help=_("relationship health, explained point by point"))
    he.add_argument("--as-of", metavar="YYYY-MM-DD")
    he.add_argument("--account", metavar="NAME")
    he.add_argument("--json", action="store_true")
    add_today(he)
    he.set_defaults(func=cmd_health)

    al = sub.add_parser("alerts", help=_("risk alerts with suggested actions"))
    al.add_argument("--as-of", metavar="YYYY-MM-DD")
    al.add_argument("--json", action="store_true")
    add_today(al)
    al.set_defaults(func=cmd_alerts)

    at = sub.add_parser("alert", help=_("act on an alert or dismiss it"))
    at_sub = at.add_subparsers(dest="action", metavar="ACTION", required=True)
    ac = at_sub.add_parser("act", help=_("create the suggested follow-up (due in a week)"))
    ac.add_argument("id", metavar="ID")
    dm = at_sub.add_parser("dismiss", help=_("dismiss an alert, saying why"))
    dm.add_argument("id", metavar="ID")
    dm.add_argument("--reason", required=True, metavar="TEXT")
    for parser in (ac, dm):
        parser.add_argument("--json", action="store_true")
        add_today(parser)
        parser.set_defaults(func=cmd_alert)
