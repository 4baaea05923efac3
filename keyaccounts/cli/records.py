"""The account's records: ``complaints``/``complaint``, ``survey``, ``churn``, ``recovery``,
``order``, ``tiers`` and ``metrics``."""

from __future__ import annotations

import sys
from pathlib import Path

from keyaccounts.cli.common import add_today, amount, day_or_today, print_json, table
from keyaccounts.domain import clock
from keyaccounts.domain.dates import parse_date
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.numbers import MAX_WHOLE, parse_whole
from keyaccounts.i18n import _


def cmd_complaints(db, args) -> int:
    from keyaccounts.services.complaints import list_complaints

    today = clock.today()
    found = list_complaints(db, args.account, open_only=args.open)
    if args.json:
        print_json([c.as_json(today) for c in found])
    else:
        table([(c.id, c.account, c.received_on, c.severity, c.deadline, c.state(today),
                c.summary) for c in found],
              ["id", _("account"), _("received"), _("severity"), _("deadline"), _("state"),
               _("summary")])
    return 0


def cmd_complaint(db, args) -> int:
    from keyaccounts.services import complaints

    on = day_or_today(args.date, "date")
    if args.action == "add":
        c = complaints.add_complaint(db, args.account, args.summary, on, severity=args.severity,
                                     category=args.category, contact=args.contact)
    elif args.action == "respond":
        c = complaints.respond(db, args.id, on)
    else:
        c = complaints.resolve(db, args.id, on, root_cause=args.root_cause,
                               what_changed=args.changed, customer_informed=args.informed)
    if args.json:
        print_json(c.as_json(on))
    else:
        print(_("complaint {id}: {state}, deadline {deadline}").format(
            id=c.id, state=c.state(on), deadline=c.deadline))
    return 0


def cmd_survey(db, args) -> int:
    from keyaccounts.services.satisfaction import add_survey

    on = day_or_today(args.date, "date")
    score = parse_whole(args.score, "score", minimum=-MAX_WHOLE, maximum=MAX_WHOLE)
    made = add_survey(db, args.account, args.kind, score, on, contact=args.contact,
                      comment=args.comment or "")
    print(made.id)
    return 0


def cmd_churn(db, args) -> int:
    from keyaccounts.services.churn import mark_churned

    on = day_or_today(args.date, "date")
    decided = mark_churned(db, args.account, on, args.reason, pursue=args.pursue,
                           justification=args.justification or "",
                           value=amount(args.value, "value"), cost=amount(args.cost, "cost"))
    if args.json:
        print_json(decided)
    else:
        print((_("{account}: churned ({reason}); win-back pursued") if decided["pursue"]
               else _("{account}: churned ({reason}); win-back not pursued")).format(
            account=decided["account"], reason=decided["reason"]))
        clv = decided["value_source"] == "clv"
        if decided["cost"]:
            worth = (_("lifetime value at the churn date {value:,} against a recovery cost "
                       "of {cost:,} ({ratio:.1f}×)") if clv else
                     _("value {value:,} against a recovery cost of {cost:,} ({ratio:.1f}×)"))
        else:
            worth = _("lifetime value at the churn date {value:,}") if clv else _(
                "value {value:,}")
        print(worth.format(value=decided["value"], cost=decided["cost"],
                           ratio=decided["value_per_cost"]))
        for earlier in decided["history"][:-1]:  # lost before, and won back
            print(_("churned before on {day} ({reason}); won back on {back}").format(
                day=earlier["churned_on"], reason=earlier["reason"],
                back=earlier["recovered_on"]))
    return 0


def cmd_order(db, args) -> int:
    from keyaccounts.services import revenue

    if args.action == "import":
        from keyaccounts.io import orders
        from keyaccounts.io.importer import ImportFailed

        try:
            count = orders.import_orders(db, Path(args.file))
        except ImportFailed as exc:
            for problem in exc.problems[:50]:
                print(problem, file=sys.stderr)
            print(_("Nothing was imported."), file=sys.stderr)
            return 2
        print(_("{count} orders imported").format(count=count))
        return 0
    on = day_or_today(args.date, "date")
    value = amount(args.amount, "amount", thousands=True)
    print(revenue.add_order(db, args.account, value, on, args.note or ""))
    return 0


def cmd_tiers(db, args) -> int:
    from keyaccounts.services import revenue

    as_of = day_or_today(args.as_of, "as-of")
    suggestions = revenue.suggest_tiers(db, as_of, args.by)
    if args.apply:
        changed = revenue.apply_tiers(db, as_of, args.by)
        print(_("{n} tiers changed").format(n=changed), file=sys.stderr)
    if args.json:
        print_json([t.as_json() for t in suggestions])
    else:
        measure = {"revenue": _("revenue"), "contribution": _("contribution"), "clv": "CLV"}
        table([(t.account, f"{t.value:,}", f"{t.cumulative:.0%}", t.current, t.suggested,
                t.reason) for t in suggestions],
              [_("account"), measure[args.by], _("cumulative"), _("tier"), _("suggested"),
               _("manual because")])
    return 0


def cmd_metrics(db, args) -> int:
    from keyaccounts.services.metrics import metrics

    result = metrics(db, args.period)
    if args.json:
        print_json(result)
    else:
        from keyaccounts.services.metrics import measure_lines

        for name, shown in measure_lines(result):
            print(_("{name}: {value}").format(name=name, value=shown))
    return 0


def cmd_recovery(db, args) -> int:
    from keyaccounts.services import churn

    on = day_or_today(args.date, "date")
    if args.action == "plan":
        steps = []
        for item in args.step:
            text, sep, due = item.rpartition("@")
            if not sep or not text.strip():
                raise ValidationError("step", item, _("expected \"TEXT@YYYY-MM-DD\""))
            steps.append((text.strip(), parse_date(due, on, "step")))
        if not steps:
            raise ValidationError("step", "", _("give at least one --step"))
        for fid in churn.plan_recovery(db, args.account, steps, on=on):
            print(_("follow-up {id}").format(id=fid))
        return 0
    churn.record_recovery(db, args.account, args.outcome, on,
                              recovered_value=amount(args.value, "value"),
                              cost=amount(args.cost, "cost"))
    print(args.outcome)
    return 0


def cmd_need(db, args) -> int:
    from keyaccounts.domain.dates import quarter_of
    from keyaccounts.services import needs

    if args.action == "add":
        period = args.period or quarter_of(clock.today())
        nid = needs.add_need(db, args.account, period, args.concern, args.expectation or "")
        if args.json:
            print_json({"id": nid, "period": period.strip().upper()})
        else:
            print(_("need {id} ({period})").format(id=nid, period=period.strip().upper()))
        return 0
    if args.action == "meet":
        if not args.id.strip().isdigit():
            raise ValidationError("ID", args.id, _("expected a need id (a number)"))
        needs.set_need_met(db, int(args.id), not args.unmet)
        if args.json:
            print_json({"id": int(args.id), "met": not args.unmet})
        else:
            print((_("need {id} met") if not args.unmet else _("need {id} not met")).format(
                id=int(args.id)))
        return 0
    period = args.period or quarter_of(clock.today())
    review = needs.needs_review(db, args.account, period)
    if args.json:
        print_json(review)
    else:
        table([(n["id"], n["period"], n["concern"], n["expectation"],
                "✓" if n["met"] else (_("still unmet") if n["period"] < review["period"]
                                      else ""))
               for n in review["still_unmet"] + review["needs"]],
              ["id", _("period"), _("concern"), _("expectation"), _("met")])
    return 0


def register(sub) -> None:
    cs = sub.add_parser("complaints", help=_("complaints with their deadline state"))
    cs.add_argument("--account", metavar="NAME")
    cs.add_argument("--open", action="store_true", help=_("only unresolved ones"))
    cs.add_argument("--json", action="store_true")
    add_today(cs)
    cs.set_defaults(func=cmd_complaints)

    cp = sub.add_parser("complaint", help=_("record, answer or resolve a complaint"))
    cp_sub = cp.add_subparsers(dest="action", metavar="ACTION", required=True)
    ca = cp_sub.add_parser("add", help=_("record a complaint"))
    ca.add_argument("--account", required=True, metavar="NAME")
    ca.add_argument("--summary", required=True, metavar="TEXT")
    ca.add_argument("--severity", default="medium", metavar="low|medium|high|critical")
    ca.add_argument("--category", default="other",
                    metavar="delivery|quality|service|price|other")
    ca.add_argument("--contact", metavar="NAME")
    cr = cp_sub.add_parser("respond", help=_("record the first response"))
    cr.add_argument("id", type=int, metavar="ID")
    cv = cp_sub.add_parser("resolve", help=_("resolve, with root cause and what changed"))
    cv.add_argument("id", type=int, metavar="ID")
    cv.add_argument("--root-cause", required=True, metavar="TEXT")
    cv.add_argument("--changed", required=True, metavar="TEXT")
    cv.add_argument("--informed", action="store_true", help=_("the customer was told"))
    for parser in (ca, cr, cv):
        parser.add_argument("--date", metavar="YYYY-MM-DD")
        parser.add_argument("--json", action="store_true")
        add_today(parser)
        parser.set_defaults(func=cmd_complaint)

    sv_ = sub.add_parser("survey", help=_("record an NPS or CSAT result"))
    sv_.add_argument("--account", required=True, metavar="NAME")
    sv_.add_argument("--kind", required=True, metavar="nps|csat")
    sv_.add_argument("--score", required=True, metavar="N")
    sv_.add_argument("--contact", metavar="NAME")
    sv_.add_argument("--comment", metavar="TEXT")
    sv_.add_argument("--date", metavar="YYYY-MM-DD")
    add_today(sv_)
    sv_.set_defaults(func=cmd_survey)

    ch = sub.add_parser("churn", help=_("mark an account lost, and whether to win it back"))
    ch.add_argument("--account", required=True, metavar="NAME")
    ch.add_argument("--reason", required=True,
                    metavar="given-up|forced-away|bought|attracted|dissatisfied|other")
    ch.add_argument("--value", metavar="AMOUNT",
                    help=_("estimated value (default: its lifetime value at the churn date)"))
    ch.add_argument("--cost", metavar="AMOUNT", help=_("what a recovery would cost"))
    decision = ch.add_mutually_exclusive_group()
    decision.add_argument("--pursue", dest="pursue", action="store_true", default=None)
    decision.add_argument("--no-pursue", dest="pursue", action="store_false")
    ch.add_argument("--justification", metavar="TEXT",
                    help=_("why, when going against the default for the reason"))
    ch.add_argument("--date", metavar="YYYY-MM-DD")
    ch.add_argument("--json", action="store_true")
    add_today(ch)
    ch.set_defaults(func=cmd_churn)

    od = sub.add_parser("order", help=_("record orders (revenue) of an account"))
    od_sub = od.add_subparsers(dest="action", metavar="ACTION", required=True)
    oa = od_sub.add_parser("add", help=_("record an order"))
    oa.add_argument("--account", required=True, metavar="NAME")
    oa.add_argument("--amount", required=True, metavar="AMOUNT")
    oa.add_argument("--date", metavar="YYYY-MM-DD")
    oa.add_argument("--note", metavar="TEXT")
    add_today(oa)
    oa.set_defaults(func=cmd_order)
    oi = od_sub.add_parser("import", help=_("import orders from CSV: account, date, amount"))
    oi.add_argument("file", metavar="FILE")
    oi.set_defaults(func=cmd_order)

    ti = sub.add_parser("tiers", help=_("ABC tiers suggested from revenue (80/20)"))
    ti.add_argument("--as-of", metavar="YYYY-MM-DD")
    ti.add_argument("--by", default="revenue", metavar="revenue|contribution|clv",
                    help=_("what ranks the accounts"))
    ti.add_argument("--apply", action="store_true", help=_("set the suggested tiers"))
    ti.add_argument("--json", action="store_true")
    add_today(ti)
    ti.set_defaults(func=cmd_tiers)

    nd = sub.add_parser("need", help=_("what an account needs this quarter, and whether "
                                       "it was met"))
    nd_sub = nd.add_subparsers(dest="action", metavar="ACTION", required=True)
    na = nd_sub.add_parser("add", help=_("record a need (a concern and what they expect)"))
    na.add_argument("--account", required=True, metavar="NAME")
    na.add_argument("--concern", required=True, metavar="TEXT")
    na.add_argument("--expectation", metavar="TEXT")
    na.add_argument("--period", metavar="2027Q1", help=_("default: this quarter"))
    nl = nd_sub.add_parser("list", help=_("a quarter's needs, and those still unmet from "
                                          "earlier quarters"))
    nl.add_argument("--account", required=True, metavar="NAME")
    nl.add_argument("--period", metavar="2027Q1", help=_("default: this quarter"))
    nm = nd_sub.add_parser("meet", help=_("mark a need met"))
    nm.add_argument("id", metavar="ID")
    nm.add_argument("--unmet", action="store_true", help=_("mark it not met again"))
    for parser in (na, nl, nm):
        parser.add_argument("--json", action="store_true")
        add_today(parser)
        parser.set_defaults(func=cmd_need)

    me = sub.add_parser("metrics", help=_("retention, repeat purchase, growth, complaints, "
                                          "win-back for a quarter"))
    me.add_argument("--period", required=True, metavar="2027Q1")
    me.add_argument("--json", action="store_true")
    me.set_defaults(func=cmd_metrics)

    rc = sub.add_parser("recovery", help=_("win back a churned account: plan and outcome"))
    rc_sub = rc.add_subparsers(dest="action", metavar="ACTION", required=True)
    rpl = rc_sub.add_parser("plan", help=_("the recovery plan as follow-ups on the chain"))
    rpl.add_argument("--account", required=True, metavar="NAME")
    rpl.add_argument("--step", action="append", default=[], metavar="TEXT@YYYY-MM-DD")
    rou = rc_sub.add_parser("outcome", help=_("won back or lost, with value and cost"))
    rou.add_argument("--account", required=True, metavar="NAME")
    rou.add_argument("--outcome", required=True, choices=("won-back", "lost"))
    rou.add_argument("--value", metavar="AMOUNT", help=_("recovered yearly value"))
    rou.add_argument("--cost", metavar="AMOUNT", help=_("what the recovery cost"))
    for parser in (rpl, rou):
        parser.add_argument("--date", metavar="YYYY-MM-DD")
        add_today(parser)
        parser.set_defaults(func=cmd_recovery)
