"""``keyaccounts value``: RFM segment, contribution and lifetime value (CLV), per account or
for the portfolio, for any date; and the figures' settings (margin rate, discount rate,
cost per interaction kind) and an account's own margin and retention override."""

from __future__ import annotations

from datetime import timedelta

from keyaccounts.cli.common import add_today, day_or_today, print_json, table
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.formats import relative_day
from keyaccounts.i18n import _

CLEAR = ("none", "")


def register(sub) -> None:
    va = sub.add_parser("value", help=_("customer value: RFM segment, contribution and "
                                        "lifetime value (CLV)"))
    which = va.add_mutually_exclusive_group(required=True)
    which.add_argument("--account", metavar="NAME")
    which.add_argument("--portfolio", action="store_true")
    va.add_argument("--as-of", metavar="YYYY-MM-DD")
    va.add_argument("--margin", metavar="RATE",
                    help=_("gross margin rate, e.g. 0.3: the account's own with --account "
                           "(none: the portfolio's), the portfolio's with --portfolio"))
    va.add_argument("--retention", metavar="RATE",
                    help=_("the account's retention rate set by hand (none: the portfolio's "
                           "history); needs --reason"))
    va.add_argument("--reason", metavar="TEXT", help=_("why the retention is set by hand"))
    va.add_argument("--discount", metavar="RATE", help=_("yearly discount rate, below 1"))
    va.add_argument("--cost", action="append", default=[], metavar="KIND=AMOUNT",
                    help=_("cost of one interaction of a kind"))
    va.add_argument("--json", action="store_true")
    add_today(va)
    va.set_defaults(func=cmd_value)


def cmd_value(db, args) -> int:
    from keyaccounts.services import value

    as_of = day_or_today(args.as_of, "as-of")
    if args.portfolio:
        for flag in ("retention", "reason"):
            if getattr(args, flag) is not None:
                raise ValidationError(f"--{flag}", getattr(args, flag),
                                      _("applies to one account: use --account NAME"))
        costs = {}
        for item in args.cost:
            kind, sep, amount = item.partition("=")
            if not sep:
                raise ValidationError("--cost", item, _("expected KIND=AMOUNT"))
            costs[kind.strip()] = amount.strip()
        if args.margin is not None or args.discount is not None or costs:
            value.set_value_settings(db, margin_rate=args.margin, discount_rate=args.discount,
                                     cost_per_kind=costs or None)
        summary = value.portfolio_summary(db, as_of)
        if args.json:
            print_json(summary)
            return 0
        table([(a["account"], a["tier"], a["rfm"]["score"], _segment(a["rfm"]["segment"]),
                 f"{a['contribution']['contribution']:,}", f"{a['clv']['clv']:,}")
                for a in summary["accounts"]],
               [_("account"), _("tier"), "RFM", _("segment"), _("contribution"), "CLV"])
        print()
        table([(_segment(s), *counts.values(), sum(counts.values()))
                for s, counts in summary["segment_by_tier"].items()],
               [_("segment"), "A", "B", "C", _("total")])
        print()
        print(_("as of {day}: contribution {contribution:,}, lifetime value {clv:,}").format(
            day=summary["as_of"], contribution=summary["total_contribution"],
            clv=summary["total_clv"]))
        return 0
    for flag in ("discount",):
        if getattr(args, flag) is not None:
            raise ValidationError(f"--{flag}", getattr(args, flag),
                                  _("applies to the portfolio: use --portfolio"))
    if args.cost:
        raise ValidationError("--cost", args.cost[0], _("applies to the portfolio: use "
                                                         "--portfolio"))
    if args.margin is not None or args.retention is not None:
        clear_m = args.margin is not None and args.margin.strip().lower() in CLEAR
        clear_r = args.retention is not None and args.retention.strip().lower() in CLEAR
        value.set_account_value(db, args.account,
                                margin_rate=None if clear_m else args.margin,
                                retention=None if clear_r else args.retention,
                                reason=args.reason, clear_margin=clear_m,
                                clear_retention=clear_r)
    elif args.reason is not None:
        raise ValidationError("--reason", args.reason, _("goes with --retention RATE"))
    v = value.account_value(db, args.account, as_of)
    if args.json:
        print_json(v)
        return 0
    for line in describe(v):
        print(line)
    return 0


def _segment(name: str) -> str:
    from keyaccounts.domain.value import segment_label

    return segment_label(name)


def describe(v) -> list[str]:
    """An account's value in lines: every figure with the inputs it comes from."""
    r, c, life = v.rfm, v.contribution, v.lifetime
    lines = [_("{account} (tier {tier}), as of {day}").format(
        account=v.account, tier=v.tier, day=v.as_of.isoformat())]
    recency = (_("never ordered") if r.recency_days is None else
               _("{days} days since the last order").format(days=r.recency_days))
    lines.append(_("RFM {r}-{f}-{m}: {segment} (recency: {recency}; frequency: {orders} "
                   "orders in 12 months; monetary: {amount:,}; among {n} accounts)").format(
        r=r.r, f=r.f, m=r.m, segment=r.segment_label, recency=recency, orders=r.frequency,
        amount=r.monetary, n=r.ranked_among))
    lines.append(_("last contact at decision-maker level: {when}").format(
        when=_("none") if r.decision_maker_days is None else
        relative_day(v.as_of - timedelta(days=r.decision_maker_days), v.as_of)))
    lines.append(_("contribution (12 months) {total:,} = revenue {revenue:,} - cost of goods "
                   "{goods:,} (margin {margin:.0%}, {source}) - contact effort {effort:,}")
                 .format(total=c.contribution, revenue=c.revenue, goods=c.cost_of_goods,
                         margin=c.margin_rate, effort=c.contact_effort,
                         source=_("the account's own") if c.margin_source == "account"
                         else _("the portfolio's")))
    if c.revenue_source == "recorded":
        lines.append("  " + _("no order yet: the recorded yearly revenue"))
    for kind, (n, cost) in c.effort_by_kind.items():
        lines.append(f"  {kind}: {n} × {cost // n if n else 0:,} = {cost:,}")
    kept = life.retention
    source = {"tier": _("tier {tier}: {kept} of {present} accounts of a year ago still "
                        "active").format(tier=v.tier, kept=kept.kept, present=kept.present),
              "portfolio": _("the portfolio: {kept} of {present} accounts of a year ago "
                             "still active").format(kept=kept.kept, present=kept.present),
              "default": _("no history yet: the default"),
              "override": _("set by hand: {reason}").format(reason=kept.reason)}[kept.source]
    lines.append(_("lifetime value (CLV) {clv:,} = {formula}").format(clv=life.clv,
                                                                      formula=life.formula))
    lines.append("  " + _("retention {rate:.0%} ({source}); discount rate {d:.0%}").format(
        rate=kept.rate, source=source, d=life.discount_rate))
    lines.extend("  " + note for note in v.notes)
    return lines
