"""The command line: ``keyaccounts`` / ``python -m keyaccounts``.

Commands, flags and JSON keys are a public contract that users' scripts rely
on: add freely, never rename or drop.  Exit codes: 0 success, 2 bad input
(one line on stderr naming the field and the value; the database unchanged),
1 a database that cannot be opened or another failure (one line, no traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from keyaccounts import __version__, services
from keyaccounts.domain.dates import parse_birthday, parse_date, parse_datetime, parse_iso_date
from keyaccounts.storage.db import Database, open_database, passphrase_from_env, resolve_path
from keyaccounts.domain.errors import DatabaseError, KeyAccountsError, ValidationError
from keyaccounts.i18n import _
from keyaccounts.domain.views import to_json
from keyaccounts.domain import clock

PROG = "keyaccounts"


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise UsageError(message)


def _today(args) -> date:
    return parse_iso_date(args.today, "today") if getattr(args, "today", None) else clock.today()


def _print_json(value) -> None:
    json.dump(to_json(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _table(rows: list[Sequence[object]], headers: Sequence[str]) -> None:
    from unicodedata import east_asian_width

    def width(text: str) -> int:
        return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)

    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        line = "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths))
        print(line.rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


# --- commands -------------------------------------------------------------------------


def cmd_demo(db: Database, args) -> int:
    from keyaccounts.devtools.demo import build_demo

    if args.accounts < 1 or args.accounts > 5000:
        raise ValidationError("accounts", args.accounts, _("must be 1 to 5000"))
    if args.years < 1 or args.years > 20:
        raise ValidationError("years", args.years, _("must be 1 to 20"))
    summary = build_demo(db, accounts=args.accounts, years=args.years, seed=args.seed,
                         today=_today(args))
    print(_("Demo portfolio written to {path}: {accounts} accounts, {contacts} contacts, "
            "{interactions} interactions, {followups} follow-ups.").format(
                path=db.path, **summary))
    return 0


def cmd_account_add(db: Database, args) -> int:
    fields = {}
    if args.tier is not None:
        fields["tier"] = args.tier
    if args.industry is not None:
        fields["industry"] = args.industry
    if args.owner is not None:
        fields["owner"] = args.owner
    if args.renewal is not None:
        fields["renewal_date"] = parse_iso_date(args.renewal, "renewal")
    if args.revenue is not None:
        fields["annual_revenue"] = _amount(args.revenue, "revenue")
    account = services.add_account(db, args.name, **fields)
    if args.json:
        _print_json(account)
    else:
        print(account.id)
    return 0


def cmd_accounts(db: Database, args) -> int:
    accounts = services.list_accounts(db, include_archived=args.all)
    if args.json:
        _print_json(accounts)
    else:
        _table([(a.id, a.name, a.tier, a.status, a.industry, a.owner, a.renewal)
                for a in accounts],
               ["id", _("name"), _("tier"), _("status"), _("industry"), _("owner"),
                _("renewal")])
    return 0


def cmd_contact_add(db: Database, args) -> int:
    fields = {"title": args.title or "", "emails": args.email, "phones": args.phone}
    for key in ("level", "role", "attitude"):
        if getattr(args, key) is not None:
            fields[key] = getattr(args, key)
    if args.birthday:
        fields["birthday"] = parse_birthday(args.birthday, lunar=args.lunar, leap=args.leap)
    elif args.lunar or args.leap:
        raise ValidationError("birthday", None, _("--lunar and --leap need --birthday"))
    contact = services.add_contact(db, args.account, args.name, **fields)
    if args.json:
        _print_json(contact)
    else:
        print(contact.id)
    return 0


def cmd_contacts(db: Database, args) -> int:
    contacts = services.list_contacts(db, args.account)
    if args.json:
        _print_json([c.as_json() for c in contacts])
    else:
        _table([(c.id, c.account, c.name, c.title, c.level, c.role, c.birthday or "")
                for c in contacts],
               ["id", _("account"), _("name"), _("title"), _("level"), _("role"),
                _("birthday")])
    return 0


def _amount(text: str | None, field: str, *, thousands: bool = False) -> int | None:
    """A whole amount, 0 or more, from a flag (None stays None); *thousands* allows 1,200."""
    if text is None:
        return None
    digits = text.replace(",", "") if thousands else text
    if not digits.isdigit():
        raise ValidationError(field, text, _("must be a whole number, 0 or more"))
    return int(digits)


def _int(text: str, field: str) -> int:
    if not text.strip().isdigit():
        raise ValidationError(field, text, _("expected a follow-up id (a number)"))
    return int(text)


def cmd_log(db: Database, args) -> int:
    when = parse_datetime(args.date, "date")
    carry = {}
    for item in args.carry:
        ref, sep, due = item.partition("=")
        if not sep:
            raise ValidationError("carry", item, _("expected ID=YYYY-MM-DD"))
        carry[_int(ref, "carry")] = parse_date(due, when.date(), "carry")
    steps = []
    for item in args.next:
        text, sep, due = item.rpartition("@")
        if not sep or not text.strip():
            raise ValidationError("next", item, _("expected \"TEXT@YYYY-MM-DD\""))
        steps.append((text.strip(), parse_date(due, when.date(), "next")))
    try:
        sentiment = int(args.sentiment)
    except ValueError:
        raise ValidationError("sentiment", args.sentiment,
                              _("must be a whole number from -2 to 2")) from None
    result = services.log_interaction(
        db, args.account, args.kind, when, args.summary, contacts=args.with_,
        sentiment=sentiment, our_participants=args.ours or "", channel=args.channel or "",
        settle=[_int(s, "settle") for s in args.settle], carry=carry, next_steps=steps,
        owner=args.owner or "")
    if args.json:
        _print_json({"id": result.interaction_id, "opened": list(result.opened),
                     "settled": list(result.settled),
                     "carried": [{"id": k, "successor": v} for k, v in result.carried.items()]})
        return 0
    print(_("interaction {id}").format(id=result.interaction_id))
    successors = set(result.carried.values())
    for fid in result.opened:
        if fid not in successors:
            print(_("follow-up {id}").format(id=fid))
    for old, new in result.carried.items():
        print(_("follow-up {id} carried to {successor}").format(id=old, successor=new))
    return 0


def cmd_followups(db: Database, args) -> int:
    followups = services.list_followups(db, args.account, open_only=args.open)
    if args.json:
        _print_json(followups)
    else:
        today = clock.today()
        _table([(f.id, f.account, f.due, f.status + (" !" if f.overdue_on(today) else ""),
                 f.text) for f in followups],
               ["id", _("account"), _("due"), _("status"), _("text")])
    return 0


def cmd_history(db: Database, args) -> int:
    chain = services.history(db, args.account)
    if args.json:
        _print_json([{k: v for k, v in to_json(i).items() if k != "account"} for i in chain])
        return 0
    for i in chain:
        contacts = ", ".join(i.contacts)
        print(f"#{i.id}  {i.date} {i.time}  {i.kind}  {i.sentiment:+d}  {contacts}")
        print(f"    {i.summary}")
        for f in i.settled:
            print("    " + _("settled #{id}: {text}").format(id=f.id, text=f.text))
        for f in i.carried:
            print("    " + _("carried #{id} to #{successor}: {text}").format(
                id=f.id, successor=f.carried_to, text=f.text))
        for f in i.opened:
            print("    " + _("opened #{id} due {due}: {text}").format(
                id=f.id, due=f.due, text=f.text))
    return 0


def _agenda_window(args) -> tuple[date, int]:
    start = parse_iso_date(args.from_, "from") if args.from_ else clock.today()
    if args.days < 1 or args.days > 3660:
        raise ValidationError("days", args.days, _("must be 1 to 3660"))
    return start, args.days


def cmd_agenda(db: Database, args) -> int:
    from keyaccounts.services import planner

    start, days = _agenda_window(args)
    items = planner.agenda(db, start, days)
    if args.json:
        _print_json([i.as_json() for i in items])
    else:
        _table([(i.date, "!" if i.overdue else "", i.kind, i.account or "", i.contact or "",
                 i.title) for i in items],
               [_("date"), "", _("kind"), _("account"), _("contact"), _("title")])
    return 0


def cmd_export_ics(db: Database, args) -> int:
    from keyaccounts.services import planner
    from keyaccounts.io.ics import write_ics

    start, days = _agenda_window(args)
    try:
        count = write_ics(args.output, planner.agenda(db, start, days), start)
    except OSError as exc:
        raise ValidationError("output", args.output, exc.strerror or str(exc)) from None
    print(_("{count} events written to {path}").format(count=count, path=args.output))
    return 0


def cmd_health(db: Database, args) -> int:
    from keyaccounts.services import health

    as_of = parse_iso_date(args.as_of, "as-of") if args.as_of else clock.today()
    scores = health.health(db, as_of, args.account)
    if args.json:
        _print_json([h.as_json() for h in scores])
        return 0
    for h in scores:
        print(f"{h.account}  {h.score}  {_(health.BAND_WORDS[h.band])}")
        for c in h.components:
            print(f"    {c.points:5.1f}/{c.max:<3g} {_(health.COMPONENT_NAMES[c.name])}: {c.reason}")
    return 0


def cmd_alerts(db: Database, args) -> int:
    from keyaccounts.services import alerts

    as_of = parse_iso_date(args.as_of, "as-of") if args.as_of else clock.today()
    found = alerts.alerts(db, as_of)
    if args.json:
        _print_json([a.as_json() for a in found])
    else:
        _table([(a.since, a.account, a.kind, a.reason, a.suggested_action) for a in found],
               [_("since"), _("account"), _("kind"), _("reason"), _("suggested action")])
    return 0


def cmd_backup(path, args) -> int:
    from keyaccounts.storage.backup import make_backup, thin

    made = make_backup(path, Path(args.output) if args.output else None,
                       passphrase=passphrase_from_env())
    if not args.output:
        thin(path)
    print(made)
    return 0


def cmd_restore(path, args) -> int:
    from keyaccounts.storage.backup import restore

    source = Path(args.file)
    if not source.is_file():
        raise ValidationError("FILE", args.file, _("no such file"))
    kept = restore(path, source, passphrase_from_env())
    print(_("Restored {source} into {path}.").format(source=source, path=path))
    if kept:
        print(_("The database as it was is kept in {kept}.").format(kept=kept))
    return 0


def cmd_check(path, args) -> int:
    from keyaccounts.storage.backup import check_file

    report = check_file(path, passphrase_from_env())
    print(report.text())
    return 0 if report.sound else 1


def cmd_import(db: Database, args) -> int:
    from keyaccounts.io import exporter, importer

    path = Path(args.file)
    if args.format == "json" or (args.format is None and path.suffix.lower() == ".json"):
        if args.dry_run:
            raise ValidationError("dry-run", "", _("not available for a JSON export"))
        counts = exporter.import_json(db, path)
        print(_("Loaded {path}: {counts}").format(
            path=path, counts=", ".join(f"{k} {v}" for k, v in counts.items() if v)))
        return 0
    try:
        p = importer.import_file(db, path, args.format, account=args.account,
                                 dry_run=args.dry_run, duplicates=args.duplicates,
                                 encoding=args.encoding, sheet=args.sheet,
                                 skip_invalid=args.skip_invalid)
    except importer.ImportFailed as exc:
        for problem in exc.problems[:50]:
            print(problem, file=sys.stderr)
        if len(exc.problems) > 50:
            print(_("… and {n} more").format(n=len(exc.problems) - 50), file=sys.stderr)
        print(_("Nothing was imported."), file=sys.stderr)
        return 2
    print(p.summary())
    if args.dry_run:
        print(_("Dry run: nothing was written."))
    return 0


def cmd_export(db: Database, args) -> int:
    from keyaccounts.io import exporter

    if args.what == "json":
        data = exporter.database_json(db, private=args.private)
    elif args.format == "vcard":
        data = exporter.contacts_vcard(db, args.account, private=args.private)
    else:
        data = exporter.contacts_csv(db, args.account, private=args.private)
    exporter.write(Path(args.output), data)
    print(args.output)
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


def cmd_complaints(db: Database, args) -> int:
    from keyaccounts.services.complaints import list_complaints

    today = clock.today()
    found = list_complaints(db, args.account, open_only=args.open)
    if args.json:
        _print_json([c.as_json(today) for c in found])
    else:
        _table([(c.id, c.account, c.received_on, c.severity, c.deadline, c.state(today),
                 c.summary) for c in found],
               ["id", _("account"), _("received"), _("severity"), _("deadline"), _("state"),
                _("summary")])
    return 0


def cmd_complaint(db: Database, args) -> int:
    from keyaccounts.services import complaints

    on = parse_iso_date(args.date, "date") if args.date else clock.today()
    if args.action == "add":
        c = complaints.add_complaint(db, args.account, args.summary, on, severity=args.severity,
                                     category=args.category, contact=args.contact)
    elif args.action == "respond":
        c = complaints.respond(db, args.id, on)
    else:
        c = complaints.resolve(db, args.id, on, root_cause=args.root_cause,
                               what_changed=args.changed, customer_informed=args.informed)
    if args.json:
        _print_json(c.as_json(on))
    else:
        print(_("complaint {id}: {state}, deadline {deadline}").format(
            id=c.id, state=c.state(on), deadline=c.deadline))
    return 0


def cmd_survey(db: Database, args) -> int:
    from keyaccounts.services.retention import add_survey

    on = parse_iso_date(args.date, "date") if args.date else clock.today()
    if not args.score.lstrip("-").isdigit():
        raise ValidationError("score", args.score, _("expected a whole number"))
    made = add_survey(db, args.account, args.kind, int(args.score), on, contact=args.contact,
                      comment=args.comment or "")
    print(made.id)
    return 0


def cmd_churn(db: Database, args) -> int:
    from keyaccounts.services.retention import mark_churned

    on = parse_iso_date(args.date, "date") if args.date else clock.today()
    decided = mark_churned(db, args.account, on, args.reason, pursue=args.pursue,
                           justification=args.justification or "",
                           value=_amount(args.value, "value"), cost=_amount(args.cost, "cost"))
    if args.json:
        _print_json(decided)
    else:
        print(_("{account}: churned ({reason}); win-back {decision}").format(
            account=decided["account"], reason=decided["reason"],
            decision=_("pursued") if decided["pursue"] else _("not pursued")))
    return 0


def cmd_order(db: Database, args) -> int:
    from keyaccounts.services import revenue

    if args.action == "import":
        from keyaccounts.io.importer import ImportFailed

        try:
            count = revenue.import_orders(db, Path(args.file))
        except ImportFailed as exc:
            for problem in exc.problems[:50]:
                print(problem, file=sys.stderr)
            print(_("Nothing was imported."), file=sys.stderr)
            return 2
        print(_("{count} orders imported").format(count=count))
        return 0
    on = parse_iso_date(args.date, "date") if args.date else clock.today()
    amount = _amount(args.amount, "amount", thousands=True)
    print(revenue.add_order(db, args.account, amount, on, args.note or ""))
    return 0


def cmd_tiers(db: Database, args) -> int:
    from keyaccounts.services import revenue

    as_of = parse_iso_date(args.as_of, "as-of") if args.as_of else clock.today()
    suggestions = revenue.suggest_tiers(db, as_of)
    if args.apply:
        changed = revenue.apply_tiers(db, as_of)
        print(_("{n} tiers changed").format(n=changed), file=sys.stderr)
    if args.json:
        _print_json([t.as_json() for t in suggestions])
    else:
        _table([(t.account, f"{t.revenue:,}", f"{t.cumulative:.0%}", t.current, t.suggested,
                 t.reason) for t in suggestions],
               [_("account"), _("revenue"), _("cumulative"), _("tier"), _("suggested"),
                _("manual because")])
    return 0


def cmd_metrics(db: Database, args) -> int:
    from keyaccounts.services.metrics import metrics

    result = metrics(db, args.period)
    if args.json:
        _print_json(result)
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")
    return 0


def cmd_report(db: Database, args) -> int:
    from keyaccounts.io import report

    if args.portfolio == bool(args.account):
        raise ValidationError("account", args.account or "",
                              _("give either --account NAME or --portfolio"))
    if args.portfolio:
        made = report.portfolio_report(db, args.period, Path(args.output))
    else:
        made = report.account_report(db, args.account, args.period, Path(args.output))
    print(made)
    return 0


def cmd_recovery(db: Database, args) -> int:
    from keyaccounts.services import retention

    on = parse_iso_date(args.date, "date") if args.date else clock.today()
    if args.action == "plan":
        steps = []
        for item in args.step:
            text, sep, due = item.rpartition("@")
            if not sep or not text.strip():
                raise ValidationError("step", item, _("expected \"TEXT@YYYY-MM-DD\""))
            steps.append((text.strip(), parse_date(due, on, "step")))
        if not steps:
            raise ValidationError("step", "", _("give at least one --step"))
        for fid in retention.plan_recovery(db, args.account, steps, on=on):
            print(_("follow-up {id}").format(id=fid))
        return 0
    retention.record_recovery(db, args.account, args.outcome, on,
                              recovered_value=_amount(args.value, "value"),
                              cost=_amount(args.cost, "cost"))
    print(args.outcome)
    return 0


# --- parser ---------------------------------------------------------------------------


def build_parser() -> Parser:
    p = Parser(prog=PROG, description=_("Key-account relationship maintenance."))
    p.add_argument("--db", metavar="PATH",
                   help=_("database file (default: $KEYACCOUNTS_DB or the user data folder)"))
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)

    d = sub.add_parser("demo", help=_("fill an empty database with a demo portfolio"))
    d.add_argument("--accounts", type=int, default=40, metavar="N")
    d.add_argument("--years", type=int, default=3, metavar="Y")
    d.add_argument("--seed", type=int, default=7, metavar="S")
    d.add_argument("--today", metavar="YYYY-MM-DD")
    d.set_defaults(func=cmd_demo)

    acc = sub.add_parser("account", help=_("add an account"))
    acc_sub = acc.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = acc_sub.add_parser("add", help=_("add an account"))
    a.add_argument("name", metavar="NAME")
    a.add_argument("--tier", metavar="A|B|C")
    a.add_argument("--industry", metavar="TEXT")
    a.add_argument("--owner", metavar="TEXT")
    a.add_argument("--renewal", metavar="YYYY-MM-DD")
    a.add_argument("--revenue", metavar="AMOUNT")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_account_add)

    a = sub.add_parser("accounts", help=_("list accounts"))
    a.add_argument("--all", action="store_true", help=_("include archived accounts"))
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_accounts)

    con = sub.add_parser("contact", help=_("add a key contact"))
    con_sub = con.add_subparsers(dest="action", metavar="ACTION", required=True)
    c = con_sub.add_parser("add", help=_("add a key contact"))
    c.add_argument("--account", required=True, metavar="NAME")
    c.add_argument("--name", required=True, metavar="NAME")
    c.add_argument("--title", metavar="TEXT")
    c.add_argument("--level", metavar="exec|mgmt|ops")
    c.add_argument("--role", metavar="decision-maker|influencer|champion|user|blocker")
    c.add_argument("--attitude", metavar="supportive|neutral|skeptical|opposed|unknown")
    c.add_argument("--email", action="append", default=[], metavar="E")
    c.add_argument("--phone", action="append", default=[], metavar="P")
    c.add_argument("--birthday", metavar="YYYY-MM-DD|MM-DD")
    c.add_argument("--lunar", action="store_true", help=_("the birthday is a lunar date"))
    c.add_argument("--leap", action="store_true", help=_("in a leap month (闰月)"))
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_contact_add)

    c = sub.add_parser("contacts", help=_("list key contacts"))
    c.add_argument("--account", metavar="NAME")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_contacts)

    lg = sub.add_parser("log", help=_("log an interaction and move the chain on"))
    lg.add_argument("--account", required=True, metavar="NAME")
    lg.add_argument("--kind", required=True, metavar="KIND")
    lg.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    lg.add_argument("--with", dest="with_", action="append", default=[], metavar="CONTACT")
    lg.add_argument("--summary", required=True, metavar="TEXT")
    lg.add_argument("--sentiment", default="0", metavar="N")
    lg.add_argument("--ours", metavar="TEXT", help=_("our participants"))
    lg.add_argument("--channel", metavar="TEXT", help=_("e.g. WeChat, WeCom, DingTalk"))
    lg.add_argument("--owner", metavar="TEXT", help=_("owner of the new follow-ups"))
    lg.add_argument("--settle", action="append", default=[], metavar="ID")
    lg.add_argument("--carry", action="append", default=[], metavar="ID=YYYY-MM-DD")
    lg.add_argument("--next", action="append", default=[], metavar="TEXT@YYYY-MM-DD")
    lg.add_argument("--json", action="store_true")
    lg.set_defaults(func=cmd_log)

    f = sub.add_parser("followups", help=_("list follow-ups"))
    f.add_argument("--account", metavar="NAME")
    f.add_argument("--open", action="store_true", help=_("only open ones"))
    f.add_argument("--json", action="store_true")
    f.set_defaults(func=cmd_followups)

    h = sub.add_parser("history", help=_("an account's contact-history chain"))
    h.add_argument("--account", required=True, metavar="NAME")
    h.add_argument("--json", action="store_true")
    h.set_defaults(func=cmd_history)

    ag = sub.add_parser("agenda", help=_("what is overdue, due and coming"))
    ag.add_argument("--from", dest="from_", metavar="YYYY-MM-DD")
    ag.add_argument("--days", type=int, default=30, metavar="N")
    ag.add_argument("--json", action="store_true")
    ag.set_defaults(func=cmd_agenda)

    ex = sub.add_parser("export-ics", help=_("export the agenda as an iCalendar file"))
    ex.add_argument("-o", "--output", required=True, metavar="FILE")
    ex.add_argument("--from", dest="from_", metavar="YYYY-MM-DD")
    ex.add_argument("--days", type=int, default=90, metavar="N")
    ex.set_defaults(func=cmd_export_ics)

    he = sub.add_parser("health", help=_("relationship health, explained point by point"))
    he.add_argument("--as-of", metavar="YYYY-MM-DD")
    he.add_argument("--account", metavar="NAME")
    he.add_argument("--json", action="store_true")
    he.set_defaults(func=cmd_health)

    al = sub.add_parser("alerts", help=_("risk alerts with suggested actions"))
    al.add_argument("--as-of", metavar="YYYY-MM-DD")
    al.add_argument("--json", action="store_true")
    al.set_defaults(func=cmd_alerts)

    cs = sub.add_parser("complaints", help=_("complaints with their deadline state"))
    cs.add_argument("--account", metavar="NAME")
    cs.add_argument("--open", action="store_true", help=_("only unresolved ones"))
    cs.add_argument("--json", action="store_true")
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
        parser.set_defaults(func=cmd_complaint)

    sv_ = sub.add_parser("survey", help=_("record an NPS or CSAT result"))
    sv_.add_argument("--account", required=True, metavar="NAME")
    sv_.add_argument("--kind", required=True, metavar="nps|csat")
    sv_.add_argument("--score", required=True, metavar="N")
    sv_.add_argument("--contact", metavar="NAME")
    sv_.add_argument("--comment", metavar="TEXT")
    sv_.add_argument("--date", metavar="YYYY-MM-DD")
    sv_.set_defaults(func=cmd_survey)

    ch = sub.add_parser("churn", help=_("mark an account lost, and whether to win it back"))
    ch.add_argument("--account", required=True, metavar="NAME")
    ch.add_argument("--reason", required=True,
                    metavar="given-up|forced-away|bought|attracted|dissatisfied|other")
    ch.add_argument("--value", metavar="AMOUNT", help=_("estimated yearly value"))
    ch.add_argument("--cost", metavar="AMOUNT", help=_("what a recovery would cost"))
    decision = ch.add_mutually_exclusive_group()
    decision.add_argument("--pursue", dest="pursue", action="store_true", default=None)
    decision.add_argument("--no-pursue", dest="pursue", action="store_false")
    ch.add_argument("--justification", metavar="TEXT",
                    help=_("why, when going against the default for the reason"))
    ch.add_argument("--date", metavar="YYYY-MM-DD")
    ch.add_argument("--json", action="store_true")
    ch.set_defaults(func=cmd_churn)

    od = sub.add_parser("order", help=_("record orders (revenue) of an account"))
    od_sub = od.add_subparsers(dest="action", metavar="ACTION", required=True)
    oa = od_sub.add_parser("add", help=_("record an order"))
    oa.add_argument("--account", required=True, metavar="NAME")
    oa.add_argument("--amount", required=True, metavar="AMOUNT")
    oa.add_argument("--date", metavar="YYYY-MM-DD")
    oa.add_argument("--note", metavar="TEXT")
    oa.set_defaults(func=cmd_order)
    oi = od_sub.add_parser("import", help=_("import orders from CSV: account, date, amount"))
    oi.add_argument("file", metavar="FILE")
    oi.set_defaults(func=cmd_order)

    ti = sub.add_parser("tiers", help=_("ABC tiers suggested from revenue (80/20)"))
    ti.add_argument("--as-of", metavar="YYYY-MM-DD")
    ti.add_argument("--apply", action="store_true", help=_("set the suggested tiers"))
    ti.add_argument("--json", action="store_true")
    ti.set_defaults(func=cmd_tiers)

    rp = sub.add_parser("report", help=_("the quarterly review as PDF"))
    rp.add_argument("--account", metavar="NAME")
    rp.add_argument("--portfolio", action="store_true")
    rp.add_argument("--period", required=True, metavar="2027Q1")
    rp.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    rp.set_defaults(func=cmd_report)

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
        parser.set_defaults(func=cmd_recovery)

    bk = sub.add_parser("backup", help=_("copy the database safely, even while in use"))
    bk.add_argument("-o", "--output", metavar="FILE")
    bk.set_defaults(func=cmd_backup, raw_path=True)

    rs = sub.add_parser("restore", help=_("replace the database with a checked backup"))
    rs.add_argument("file", metavar="FILE")
    rs.set_defaults(func=cmd_restore, raw_path=True)

    im = sub.add_parser("import", help=_("import contacts (CSV, vCard) or a JSON export"))
    im.add_argument("file", metavar="FILE")
    im.add_argument("--format", choices=("csv", "vcard", "xlsx", "json"))
    im.add_argument("--account", metavar="NAME", help=_("put every contact in this account"))
    im.add_argument("--dry-run", action="store_true", help=_("show what would happen"))
    im.add_argument("--duplicates", choices=("skip", "merge"), default="skip",
                    help=_("what to do with a contact that exists already"))
    im.add_argument("--encoding", metavar="NAME",
                    help=_("the text's encoding when it cannot be told (latin-1, big5, …)"))
    im.add_argument("--sheet", metavar="NAME",
                    help=_("the workbook's sheet (default: the first with a header row)"))
    im.add_argument("--skip-invalid", action="store_true",
                    help=_("import the valid records; write the refused ones to a file "
                           "beside the original"))
    im.set_defaults(func=cmd_import)

    ex = sub.add_parser("export", help=_("export contacts or the whole database"))
    ex.add_argument("what", choices=("contacts", "json"))
    ex.add_argument("-o", "--output", required=True, metavar="FILE")
    ex.add_argument("--format", choices=("csv", "vcard"), default="csv")
    ex.add_argument("--account", metavar="NAME")
    ex.add_argument("--private", action="store_true",
                    help=_("include private personal notes (left out unless asked for)"))
    ex.set_defaults(func=cmd_export)

    be = sub.add_parser("bench", help=_("measure speed and memory on a large portfolio"))
    for key in ("accounts", "contacts", "interactions", "followups", "years"):
        be.add_argument(f"--{key}", type=int, metavar="N")
    be.add_argument("--runs", type=int, default=5, metavar="N")
    be.add_argument("--rebuild", action="store_true")
    be.add_argument("--no-gui", action="store_true", help=_("skip the measures that start Qt"))
    be.add_argument("--json", action="store_true")
    be.set_defaults(func=cmd_bench, raw_path=True)

    ck = sub.add_parser("check", help=_("integrity, foreign keys and the chain's rules"))
    ck.set_defaults(func=cmd_check, raw_path=True)
    return p


def _latest_backup_hint(args) -> str:
    from keyaccounts.storage.backup import list_backups

    from keyaccounts.storage.db import NeedsPassphrase

    hint = ""
    if isinstance(sys.exc_info()[1], NeedsPassphrase):
        hint = " " + _("(if it is encrypted, set KEYACCOUNTS_PASSPHRASE)")
    backups = list_backups(resolve_path(args.db))
    if backups and not getattr(args, "raw_path", False):
        hint += " " + _("(latest backup: {path}; `keyaccounts restore` puts it back)").format(
            path=backups[0][1])
    return hint


def _fail(message: str, code: int) -> int:
    label = _("error")
    print(f"{PROG}: {label}: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        return _fail(str(exc).replace("\n", " "), 2)
    db = None
    try:
        path = resolve_path(args.db)
        if getattr(args, "raw_path", False):  # works on the file, even a damaged one
            return args.func(path, args)
        db = open_database(path, passphrase=passphrase_from_env())
        return args.func(db, args)
    except ValidationError as exc:
        return _fail(exc.message, 2)
    except DatabaseError as exc:
        return _fail(str(exc) + _latest_backup_hint(args), 1)
    except KeyAccountsError as exc:
        return _fail(str(exc), 2)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # never a traceback for a user; KEYACCOUNTS_DEBUG shows it
        if os.environ.get("KEYACCOUNTS_DEBUG"):
            raise
        return _fail(f"{type(exc).__name__}: {exc}", 1)
    finally:
        if db is not None:
            db.close()
