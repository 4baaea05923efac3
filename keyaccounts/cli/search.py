"""``search``: accounts, contacts and interactions that contain a text."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import print_json, table
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _


def cmd_search(db, args) -> int:
    if not args.text.strip():
        raise ValidationError("TEXT", args.text, _("must not be empty"))
    if args.limit < 1 or args.limit > 1000:
        raise ValidationError("limit", args.limit, _("must be 1 to 1000"))
    hits = services.search(db, args.text, limit=args.limit)
    if args.json:
        print_json(hits)
    else:
        table([(h.kind, h.id, h.account, h.title, h.detail) for h in hits],
              [_("kind"), "id", _("account"), _("title"), _("detail")])
    return 0


def register(sub) -> None:
    se = sub.add_parser("search", help=_("find accounts, contacts and interactions by text"))
    se.add_argument("text", metavar="TEXT")
    se.add_argument("--limit", type=int, default=20, metavar="N",
                    help=_("at most N of each kind"))
    se.add_argument("--json", action="store_true")
    se.set_defaults(func=cmd_search)
