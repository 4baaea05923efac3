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

    if args.server is not None and not args.team:
        raise ValidationError("--server", None, _("only with --team"))
    if args.team:
        from keyaccounts.devtools import bench_team

        params = dict(bench_team.DEFAULTS)
    else:
        params = dict(bench.DEFAULTS)
    for key in ("accounts", "contacts", "interactions", "followups", "years"):
        value = getattr(args, key)
        if value is not None:
            if value < 1:
                raise ValidationError(key, value, _("must be 1 or more"))
            params[key] = value
    if args.team:
        return _bench_team(args, params)
    portfolio = bench.portfolio_path(params)
    if not portfolio.exists() or args.rebuild:
        print(_("Building the benchmark portfolio ({path})…").format(path=portfolio),
              file=sys.stderr)
        bench.build_portfolio(portfolio, **params)
    figures = bench.measure(portfolio, runs=args.runs, gui=not args.no_gui)
    print(bench.as_json(figures, params) if args.json else bench.report(figures))
    return 0 if all(f.ok for f in figures) else 1


def _bench_team(args, params: dict) -> int:
    from keyaccounts.devtools import bench, bench_team
    from keyaccounts.devtools.pgserver import Unavailable
    from keyaccounts.domain.errors import DatabaseError

    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    server = args.server
    if server is not None:
        try:
            url = make_url(server)
        except ArgumentError:
            url = None
        if url is None or not url.drivername.startswith("postgresql") or not url.database:
            shown = url.render_as_string(hide_password=True) if url is not None else server
            raise ValidationError("--server", shown, _(
                "expected a PostgreSQL URL naming a database and an administrator, "
                "e.g. postgresql+psycopg://admin@host/postgres"))
        server = url.set(drivername="postgresql+psycopg").render_as_string(
            hide_password=False)

    def say(_step):
        print(_("Building the team benchmark portfolio on the PostgreSQL server…"),
              file=sys.stderr)

    shown = (make_url(server).render_as_string(hide_password=True) if server
             else _("the bench's server"))
    try:
        import psycopg
    except ImportError as exc:  # an optional dependency ('keyaccounts[postgresql]')
        raise DatabaseError(_("{url}: the driver is missing ({reason}): pip install "
                              "'psycopg[binary]'").format(url=shown, reason=exc)) from None
    try:
        figures = bench_team.run(server, params, runs=args.runs, gui=not args.no_gui,
                                 rebuild=args.rebuild, say=say)
    except Unavailable as exc:
        raise DatabaseError(_("cannot start a PostgreSQL server: {reason}").format(
            reason=exc)) from None
    except psycopg.OperationalError as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0].strip()
        raise DatabaseError(_("{url}: cannot connect ({reason})").format(
            url=shown, reason=reason)) from None
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
    be.add_argument("--team", action="store_true", help=_(
        "the team run: 20 people, 4,000 accounts on a PostgreSQL server"))
    be.add_argument("--server", metavar="URL", help=_(
        "with --team: an administrator's connection to a server that keeps the "
        "portfolio (default: a throwaway server started and stopped here)"))
    be.set_defaults(func=cmd_bench, raw_path=True)
