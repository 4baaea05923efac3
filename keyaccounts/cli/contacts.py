"""``contact …`` and ``contacts``: the key contacts of an account."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import print_followup, print_json, table
from keyaccounts.domain.dates import parse_birthday, parse_iso_date
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _


def cmd_contact_add(db, args) -> int:
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
        print_json(contact)
    else:
        print(contact.id)
    return 0


def cmd_contacts(db, args) -> int:
    contacts = services.list_contacts(db, args.account)
    if args.json:
        print_json([c.as_json() for c in contacts])
    else:
        table([(c.id, c.account, c.name, c.title, c.level, c.role, c.birthday or "")
               for c in contacts],
              ["id", _("account"), _("full name"), _("job title"), _("level"), _("role"),
               _("birthday")])
    return 0


def contact_id(text: str, field: str = "ID") -> int:
    if not text.strip().isdigit():
        raise ValidationError(field, text, _("expected a contact id (a number)"))
    return int(text)


def cmd_contact_edit(db, args) -> int:
    fields = {}
    for flag, key in (("name", "name"), ("title", "title"), ("level", "level"),
                      ("role", "role"), ("attitude", "attitude"),
                      ("notes", "private_notes"), ("reports_to", "reports_to")):
        if getattr(args, flag) is not None:
            fields[key] = getattr(args, flag)
    if args.email is not None:
        fields["emails"] = args.email
    if args.phone is not None:
        fields["phones"] = args.phone
    if args.birthday is not None:
        fields["birthday"] = (parse_birthday(args.birthday, lunar=args.lunar, leap=args.leap)
                              if args.birthday.strip() else None)
    elif args.lunar or args.leap:
        raise ValidationError("birthday", None, _("--lunar and --leap need --birthday"))
    for flag, key in (("joined", "joined_on"), ("left", "left_on")):
        value = getattr(args, flag)
        if value is not None:
            fields[key] = parse_iso_date(value, flag) if value.strip() else None
    if not fields:
        raise ValidationError("contact", args.id, _("give at least one field to change"))
    contact = services.update_contact(db, contact_id(args.id), **fields)
    if args.json:
        print_json(contact.as_json())
    else:
        print(_("contact {id} changed: {name}").format(id=contact.id, name=contact.name))
    return 0


def cmd_contact_archive(db, args) -> int:
    archived = args.action == "archive"
    contact = services.set_contact_archived(db, contact_id(args.id), archived)
    if args.json:
        print_json(contact.as_json())
    elif archived:
        print(_("contact {id} archived: {name}").format(id=contact.id, name=contact.name))
    else:
        print(_("contact {id} restored: {name}").format(id=contact.id, name=contact.name))
    return 0


def cmd_contact_left(db, args) -> int:
    followup = services.mark_contact_left(
        db, contact_id(args.id), parse_iso_date(args.on, "on"), successor=args.successor,
        owner=args.owner or "")
    print_followup(followup, args)
    return 0


def cmd_gifts(db, args) -> int:
    from keyaccounts.services import planner

    given = planner.contact_gifts(db, contact_id(args.contact, "contact"))
    if args.json:
        print_json(given)
    else:
        table([(g.day, g.contact, g.gift, "" if g.value is None else f"{g.value:,}")
               for g in given],
              [_("date"), _("contact"), _("gift"), _("value")])
    return 0


def register(sub) -> None:
    con = sub.add_parser("contact", help=_("add, change or archive a key contact"))
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

    e = con_sub.add_parser("edit", help=_("change a key contact's fields"))
    e.add_argument("id", metavar="ID")
    e.add_argument("--name", metavar="NAME")
    e.add_argument("--title", metavar="TEXT")
    e.add_argument("--level", metavar="exec|mgmt|ops")
    e.add_argument("--role", metavar="decision-maker|influencer|champion|user|blocker")
    e.add_argument("--attitude", metavar="supportive|neutral|skeptical|opposed|unknown")
    e.add_argument("--email", action="append", metavar="E",
                   help=_("replaces every email; an empty value clears them"))
    e.add_argument("--phone", action="append", metavar="P",
                   help=_("replaces every phone; an empty value clears them"))
    e.add_argument("--birthday", metavar="YYYY-MM-DD|MM-DD", help=_("an empty value clears it"))
    e.add_argument("--lunar", action="store_true", help=_("the birthday is a lunar date"))
    e.add_argument("--leap", action="store_true", help=_("in a leap month (闰月)"))
    e.add_argument("--notes", metavar="TEXT", help=_("private personal notes"))
    e.add_argument("--joined", metavar="YYYY-MM-DD", help=_("an empty value clears it"))
    e.add_argument("--left", metavar="YYYY-MM-DD", help=_("an empty value clears it"))
    e.add_argument("--reports-to", metavar="ID|NAME", help=_("an empty value clears it"))
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_contact_edit)
    for action, text in (("archive", _("archive a key contact (kept, hidden from lists)")),
                         ("restore", _("bring an archived key contact back"))):
        r = con_sub.add_parser(action, help=text)
        r.add_argument("id", metavar="ID")
        r.add_argument("--json", action="store_true")
        r.set_defaults(func=cmd_contact_archive)
    lf = con_sub.add_parser("left", help=_("a key contact left; plan meeting the successor"))
    lf.add_argument("id", metavar="ID")
    lf.add_argument("--on", required=True, metavar="YYYY-MM-DD")
    lf.add_argument("--successor", metavar="ID|NAME")
    lf.add_argument("--owner", metavar="TEXT", help=_("owner of the new follow-up"))
    lf.add_argument("--json", action="store_true")
    lf.set_defaults(func=cmd_contact_left)

    c = sub.add_parser("contacts", help=_("list key contacts"))
    c.add_argument("--account", metavar="NAME")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_contacts)

    g = sub.add_parser("gifts", help=_("what was given to a key contact"))
    g.add_argument("--contact", required=True, metavar="ID")
    g.add_argument("--json", action="store_true")
    g.set_defaults(func=cmd_gifts)
