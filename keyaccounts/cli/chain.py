"""``log`` and ``history``: the contact-history chain (interactions and what they did to
the follow-ups)."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import amount, followup_id, print_json, table
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
        owner=args.owner or "", gift=args.gift or "",
        gift_value=amount(args.gift_value, "gift-value", thousands=True), our_people=args.our)
    if args.json:
        print_json({"id": result.interaction_id, "opened": list(result.opened),
                    "settled": list(result.settled),
                    "carried": [{"id": k, "successor": v} for k, v in result.carried.items()]})
        return 0
    print(_("interaction {id}").format(id=result.interaction_id))
    _offer_unlisted(db, args.ours)
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


def interaction_id(text: str) -> int:
    if not text.strip().isdigit():
        raise ValidationError("ID", text, _("expected an interaction id (a number)"))
    return int(text)


def cmd_interaction_edit(db, args) -> int:
    fields = {}
    if args.date is not None:
        fields["occurred_at"] = parse_datetime(args.date, "date")
    for flag, key in (("kind", "kind"), ("summary", "summary"), ("ours", "our_participants"),
                      ("channel", "channel")):
        if getattr(args, flag) is not None:
            fields[key] = getattr(args, flag)
    if args.sentiment is not None:
        fields["sentiment"] = sentiment_of(args.sentiment)
    if args.with_ is not None:
        fields["contacts"] = [c for c in args.with_ if c.strip()]
    if args.our:
        fields["our_people"] = args.our
    if not fields:
        raise ValidationError("interaction", args.id, _("give at least one field to change"))
    view = services.edit_interaction(db, interaction_id(args.id), **fields)
    if args.json:
        print_json({k: v for k, v in to_json(view).items() if k != "account"})
    else:
        print(_("interaction {id} changed; the follow-ups it opened and closed stay "
                "linked to it").format(id=view.id))
        _offer_unlisted(db, view.our_participants if args.ours is not None else None)
    return 0


def _offer_unlisted(db, text: str | None) -> None:
    """The names of our participants just typed that are not our people's."""
    if text and text.strip():
        from keyaccounts.cli.relmap import print_unlisted
        from keyaccounts.services.relmap import unlisted_participants

        print_unlisted(unlisted_participants(db, text))


def cmd_interaction_delete(db, args) -> int:
    result = services.delete_interaction(db, interaction_id(args.id))
    if args.json:
        print_json({"id": result.interaction_id, "reopened": list(result.reopened),
                    "removed": list(result.removed_successors),
                    "kept": list(result.detached)})
        return 0
    print(_("interaction {id} deleted").format(id=result.interaction_id))
    for fid in result.reopened:
        print(_("follow-up {id} is open again (it had been settled or carried by this "
                "interaction)").format(id=fid))
    for fid in result.removed_successors:
        print(_("follow-up {id} removed (the successor of a carry that is undone)").format(
            id=fid))
    for fid in result.detached:
        print(_("follow-up {id} kept (it was opened by this interaction; its origin is "
                "noted)").format(id=fid))
    return 0


def cmd_value_adds(db, args) -> int:
    found = services.value_adds(db, args.account, period=args.period)
    if args.json:
        print_json(found)
    else:
        table([(i.id, i.date, i.account, ", ".join(i.contacts), i.summary) for i in found],
              ["id", _("date"), _("account"), _("contact"), _("summary")])
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
    lg.add_argument("--our", action="append", default=[], metavar="NAME",
                    help=_("one of our people who took part (see `people list`)"))
    lg.add_argument("--channel", metavar="TEXT", help=_("e.g. WeChat, WeCom, DingTalk"))
    lg.add_argument("--owner", metavar="TEXT", help=_("owner of the new follow-ups"))
    lg.add_argument("--settle", action="append", default=[], metavar="ID")
    lg.add_argument("--carry", action="append", default=[], metavar="ID=YYYY-MM-DD")
    lg.add_argument("--next", action="append", default=[], metavar="TEXT@YYYY-MM-DD")
    lg.add_argument("--gift", metavar="TEXT", help=_("a gift or gesture given"))
    lg.add_argument("--gift-value", metavar="AMOUNT",
                    help=_("its value (checked against the gift limit in the settings)"))
    lg.add_argument("--json", action="store_true")
    lg.set_defaults(func=cmd_log)

    it = sub.add_parser("interaction", help=_("change or delete a logged interaction"))
    it_sub = it.add_subparsers(dest="action", metavar="ACTION", required=True)
    e = it_sub.add_parser("edit", help=_("change an interaction; its links to follow-ups stay"))
    e.add_argument("id", metavar="ID")
    e.add_argument("--kind", metavar="KIND")
    e.add_argument("--date", metavar="YYYY-MM-DD[ HH:MM]")
    e.add_argument("--with", dest="with_", action="append", metavar="CONTACT",
                   help=_("replaces the people met; an empty value clears them"))
    e.add_argument("--summary", metavar="TEXT")
    e.add_argument("--sentiment", metavar="N")
    e.add_argument("--ours", metavar="TEXT", help=_("our participants"))
    e.add_argument("--our", action="append", default=[], metavar="NAME",
                   help=_("one of our people who took part (see `people list`)"))
    e.add_argument("--channel", metavar="TEXT", help=_("e.g. WeChat, WeCom, DingTalk"))
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_interaction_edit)
    d = it_sub.add_parser("delete", help=_("delete an interaction; its follow-ups are "
                                           "reopened or kept, never lost"))
    d.add_argument("id", metavar="ID")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_interaction_delete)

    va = sub.add_parser("value-add", help=_("value-added services given to accounts"))
    va_sub = va.add_subparsers(dest="action", metavar="ACTION", required=True)
    vl = va_sub.add_parser("list", help=_("list value-added services, newest first"))
    vl.add_argument("--account", metavar="NAME")
    vl.add_argument("--period", metavar="2027Q1")
    vl.add_argument("--json", action="store_true")
    vl.set_defaults(func=cmd_value_adds)

    h = sub.add_parser("history", help=_("an account's contact-history chain"))
    h.add_argument("--account", required=True, metavar="NAME")
    h.add_argument("--json", action="store_true")
    h.set_defaults(func=cmd_history)
