"""``contact …`` and ``contacts``: the key contacts of an account."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import print_json, table
from keyaccounts.domain.dates import parse_birthday
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
              ["id", _("account"), _("name"), _("title"), _("level"), _("role"),
               _("birthday")])
    return 0


def register(sub) -> None:
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
