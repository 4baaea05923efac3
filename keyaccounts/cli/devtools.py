"""``demo`` and ``bench``: a demo portfolio, and the speed and memory measures."""

from __future__ import annotations

import sys

from keyaccounts.cli.common import add_today
from keyaccounts.domain import clock
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _


def cmd_demo(db, args) -> int:
    from keyaccounts.devtools.demo import build_demo

    if args.accounts < 1 or args.accounts > 5000:
        raise ValidationError("accounts", args.accounts, _("must be 1 to 5000"))
    if args.years < 1 or args.years > 20:
        raise ValidationError("years", args.years, _("must be 1 to 20"))
    summary = build_demo(db, accounts=args.accounts, years=args.years, seed=args.seed,
                         today=clock.today())
    print(_("Demo portfolio written to {path}: {accounts} accounts, {contacts} contacts, "
            "{interactions} interactions, {followups} follow-ups.").format(
                path=db.location, **summary))
    return 0


def cmd_bench(path, args) -> int:
    from keyaccounts.devtools import bench

    params = dict(bench.DEFAULTS)
    for key in ("accounts", "contacts", "interactions", "followups", "years"):
        value = getattr(args, key)
        if value is not None:
            if value < 1:
                raise ValidationError(key, value, _("must be 1 or more"))
            params[key] = value
    portfolio = bench.portfolio_path(params)
    if not portfolio.exists() or args.rebuild:
        print(_("Building the benchmark portfolio ({path})…").format(path=portfolio),
              file=sys.stderr)
        bench.build_portfolio(portfolio, **params)
    figures = bench.measure(portfolio, runs=args.runs, gui=not args.no_gui)
    print(bench.as_json(figures, params) if args.json else bench.report(figures))
    return 0 if all(f.ok for f in figures) else 1


def register_demo(sub) -> None:
    d = sub.add_parser("demo", help=_("fill an empty database with a demo portfolio"))
    d.add_argument("--accounts", type=int, default=40, metavar="N")
    d.add_argument("--years", type=int, default=3, metavar="Y")
    d.add_argument("--seed", type=int, default=7, metavar="S")
    add_today(d)
    d.set_defaults(func=cmd_demo)


def register_bench(sub) -> None:
    be = sub.add_parser("bench", help=_("measure speed and memory on a large portfolio"))
    for key in ("accounts", "contacts", "interactions", "followups", "years"):
        be.add_argument(f"--{key}", type=int, metavar="N")
    be.add_argument("--runs", type=int, default=5, metavar="N")
    be.add_argument("--rebuild", action="store_true")
    be.add_argument("--no-gui", action="store_true", help=_("skip the measures that start Qt"))
    be.add_argument("--json", action="store_true")
    be.set_defaults(func=cmd_bench, raw_path=True)
