"""``account …`` and ``accounts``: the accounts themselves."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import amount, print_json, table
from keyaccounts.domain.dates import parse_iso_date
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _


def cmd_account_add(db, args) -> int:
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
        fields["annual_revenue"] = amount(args.revenue, "revenue")
    account = services.add_account(db, args.name, **fields)
    if args.json:
        print_json(account)
    else:
        print(account.id)
    return 0


def cmd_accounts(db, args) -> int:
    accounts = services.list_accounts(db, include_archived=args.all, owner=args.owner)
    if args.json:
        print_json(accounts)
    else:
        table([(a.id, a.name, a.tier, a.status, a.industry, a.owner, a.renewal)
               for a in accounts],
              ["id", _("name"), _("tier"), _("status"), _("industry"), _("owner"),
               _("renewal")])
    return 0


def _account_fields(args) -> dict:
    """The fields that ``account edit`` flags change; an empty value clears a renewal date
    or a revenue."""
    fields = {}
    for flag, key in (("name", "name"), ("tier", "tier"), ("tier_basis", "tier_basis"),
                      ("tier_note", "tier_note"), ("industry", "industry"),
                      ("owner", "owner"), ("status", "status"), ("notes", "notes")):
        if getattr(args, flag) is not None:
            fields[key] = getattr(args, flag)
    if args.renewal is not None:
        fields["renewal_date"] = (parse_iso_date(args.renewal, "renewal")
                                  if args.renewal.strip() else None)
    if args.revenue is not None:
        fields["annual_revenue"] = (amount(args.revenue, "revenue", thousands=True)
                                    if args.revenue.strip() else None)
    return fields


def cmd_account_edit(db, args) -> int:
    fields = _account_fields(args)
    if not fields:
        raise ValidationError("account", args.account, _("give at least one field to change"))
    account = services.update_account(db, args.account, if_version=args.if_version, **fields)
    if args.json:
        print_json(account)
    else:
        print(_("account {id} changed: {name}").format(id=account.id, name=account.name))
    return 0


def cmd_account_archive(db, args) -> int:
    archived = args.action == "archive"
    account = services.set_account_archived(db, args.account, archived)
    if args.json:
        print_json(account)
    elif archived:
        print(_("account {id} archived: {name}").format(id=account.id, name=account.name))
    else:
        print(_("account {id} restored: {name}").format(id=account.id, name=account.name))
    return 0


def register(sub) -> None:
    acc = sub.add_parser("account", help=_("add, change, archive or restore an account"))
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

    e = acc_sub.add_parser("edit", help=_("change an account's fields"))
    e.add_argument("account", metavar="NAME")
    e.add_argument("--name", metavar="NAME", help=_("a new name"))
    e.add_argument("--tier", metavar="A|B|C")
    e.add_argument("--tier-basis", metavar="revenue|strategic-fit|growth|stability")
    e.add_argument("--tier-note", metavar="TEXT", help=_("why the tier, when set by hand"))
    e.add_argument("--industry", metavar="TEXT")
    e.add_argument("--owner", metavar="TEXT")
    e.add_argument("--status", metavar="active|at-risk|churned")
    e.add_argument("--renewal", metavar="YYYY-MM-DD", help=_("an empty value clears it"))
    e.add_argument("--revenue", metavar="AMOUNT", help=_("an empty value clears it"))
    e.add_argument("--notes", metavar="TEXT")
    e.add_argument("--if-version", type=int, metavar="N",
                   help=_("only if the account is still at this version (`accounts --json` "
                          "shows it); else nothing changes"))
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_account_edit)
    for action, text in (("archive", _("archive an account (kept, hidden from lists)")),
                         ("restore", _("bring an archived account back"))):
        r = acc_sub.add_parser(action, help=text)
        r.add_argument("account", metavar="NAME")
        r.add_argument("--json", action="store_true")
        r.set_defaults(func=cmd_account_archive)
    from keyaccounts.cli.team import register_account_actions

    register_account_actions(acc_sub)

    a = sub.add_parser("accounts", help=_("list accounts"))
    a.add_argument("--all", action="store_true", help=_("include archived accounts"))
    a.add_argument("--owner", metavar="OWNER", help=_("only the accounts of this owner"))
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_accounts)
