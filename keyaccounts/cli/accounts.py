"""``account …`` and ``accounts``: the accounts themselves."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import amount, print_json, table
from keyaccounts.domain.dates import parse_iso_date
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
    accounts = services.list_accounts(db, include_archived=args.all)
    if args.json:
        print_json(accounts)
    else:
        table([(a.id, a.name, a.tier, a.status, a.industry, a.owner, a.renewal)
               for a in accounts],
              ["id", _("name"), _("tier"), _("status"), _("industry"), _("owner"),
               _("renewal")])
    return 0


def register(sub) -> None:
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
