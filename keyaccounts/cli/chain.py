"""``log`` and ``history``: the contact-history chain (interactions and what they did to
the follow-ups)."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import followup_id, print_json
from keyaccounts.domain.dates import parse_date, parse_datetime
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.numbers import parse_whole
from keyaccounts.domain.views import to_json
from keyaccounts.i18n import _


def sentiment_of(text: str) -> int:
    return parse_whole(text, "sentiment", minimum=-2, maximum=2,
                       reason=_("must be a whole number from -2 to 2"))


def cmd_log(db, args) -> int:
    when = parse_datetime(args.date, "date")
    carry = {}
    for item in args.carry:
        ref, sep, due = item.partition("=")
        if not sep:
            raise ValidationError("carry", item, _("expected ID=YYYY-MM-DD"))
        carry[followup_id(ref, "carry")] = parse_date(due, when.date(), "carry")
    steps = []
    for item in args.next:
        text, sep, due = item.rpartition("@")
        if not sep or not text.strip():
            raise ValidationError("next", item, _("expected \"TEXT@YYYY-MM-DD\""))
        steps.append((text.strip(), parse_date(due, when.date(), "next")))
    sentiment = sentiment_of(args.sentiment)
    result = services.log_interaction(
        db, args.account, args.kind, when, args.summary, contacts=args.with_,
        sentiment=sentiment, our_participants=args.ours or "", channel=args.channel or "",
        settle=[followup_id(s, "settle") for s in args.settle], carry=carry, next_steps=steps,
        owner=args.owner or "")
    if args.json:
        print_json({"id": result.interaction_id, "opened": list(result.opened),
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


def cmd_history(db, args) -> int:
    chain = services.history(db, args.account)
    if args.json:
        print_json([{k: v for k, v in to_json(i).items() if k != "account"} for i in chain])
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


def register(sub) -> None:
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

    h = sub.add_parser("history", help=_("an account's contact-history chain"))
    h.add_argument("--account", required=True, metavar="NAME")
    h.add_argument("--json", action="store_true")
    h.set_defaults(func=cmd_history)
