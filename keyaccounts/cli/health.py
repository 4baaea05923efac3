"""``health``, ``alerts`` and ``portfolio``: relationship health, the risks it raises,
and the portfolio by owner (the team lead's view)."""

from __future__ import annotations

from keyaccounts.cli.common import add_today, day_or_today, print_json, table
from keyaccounts.domain import clock
from keyaccounts.domain.formats import labelled, listed
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
        followup = alerts.act_on(db, alert, today)
        if args.json:
            print_json(followup)
        else:
            print(_("follow-up {id} due {due}: {text}").format(
                id=followup.id, due=followup.due, text=followup.text))
    else:
        alerts.dismiss(db, alert, args.reason, today)
        if args.json:
            print_json({"id": alert.id, "dismissed_on": today, "reason": args.reason.strip()})
        else:
            print(_("alert {id} dismissed").format(id=alert.id))
    return 0


def cmd_portfolio(db, args) -> int:
    from keyaccounts.services import portfolio

    as_of = day_or_today(args.as_of, "as-of")
    view = portfolio.by_owner(db, as_of, args.owner)
    if args.json:
        print_json(view.as_json())
        return 0
    table([(o.owner or "-", o.name, o.accounts, o.bands["green"], o.bands["amber"],
            o.bands["red"], len(o.at_risk), len(o.neglected), o.overdue_followups,
            o.complaints_past_deadline, o.hand_overs_in_progress) for o in view.owners],
          [_("owner"), _("name"), _("accounts"), _(health_words("green")),
           _(health_words("amber")), _(health_words("red")), _("at risk"), _("neglected"),
           _("follow-ups past due"), _("complaints past deadline"),
           _("hand-overs in progress")])
    for o in view.owners:
        for label, names in ((_("at risk"), o.at_risk), (_("neglected"), o.neglected)):
            if names:
                print(labelled(f"{o.owner or '-'} · {label}", listed(sorted(names))))
    for c in view.complaints:
        print(labelled(_("complaint past deadline"), _(
            "{account} ({owner}), due {day}: {summary}").format(
                account=c.account, owner=c.owner or "-", day=c.deadline.isoformat(),
                summary=c.summary)))
    for h in view.hand_overs:
        print(labelled(_("hand-over in progress"), _(
            "{account}, from {old} to {new} on {day}; still to meet: {names}").format(
                account=h.account, old=h.from_owner or "-", new=h.to_owner,
                day=h.on.isoformat(), names=listed(h.unmet))))
    return 0


def health_words(band: str) -> str:
    from keyaccounts.services import health

    return health.BAND_WORDS[band]


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

    po = sub.add_parser("portfolio", help=_("the portfolio by owner: health, risk, neglect, "
                                            "overdue follow-ups, late complaints, "
                                            "hand-overs"))
    po.add_argument("--as-of", metavar="YYYY-MM-DD")
    po.add_argument("--owner", metavar="LOGIN", help=_("only this owner's accounts"))
    po.add_argument("--json", action="store_true")
    add_today(po)
    po.set_defaults(func=cmd_portfolio)

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
