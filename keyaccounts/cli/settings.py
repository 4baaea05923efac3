"""``settings list|get|set``: the portfolio's settings (the registry in
keyaccounts.domain.settings: key, type, default and meaning)."""

from __future__ import annotations

from keyaccounts import services
from keyaccounts.cli.common import print_json, table
from keyaccounts.domain.settings import setting
from keyaccounts.i18n import _


def cmd_settings(db, args) -> int:
    if args.action == "list":
        found = services.list_settings(db)
        if args.json:
            print_json([{"key": s.key, "type": s.kind, "value": value, "default": s.default,
                         "meaning": _(s.meaning)} for s, value in found])
        else:
            table([(s.key, s.format(value), _(s.meaning)) for s, value in found],
                  [_("key"), _("value"), _("meaning")])
        return 0
    if args.action == "get":
        value = services.setting_value(db, args.key)
    else:
        value = services.write_setting(db, args.key, args.value)
    if args.json:
        print_json(value)
    else:
        print(setting(args.key).format(value))
    return 0


def register(sub) -> None:
    st = sub.add_parser("settings", help=_("the portfolio's settings: list, get or set"))
    st_sub = st.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = st_sub.add_parser("list", help=_("every setting with its value and meaning"))
    g = st_sub.add_parser("get", help=_("one setting's value"))
    g.add_argument("key", metavar="KEY")
    s = st_sub.add_parser("set", help=_("set a setting; an empty value restores the default"))
    s.add_argument("key", metavar="KEY")
    s.add_argument("value", metavar="VALUE",
                   help=_("a number, NAME=NUMBER pairs separated by commas, or festivals"))
    for parser in (ls, g, s):
        parser.add_argument("--json", action="store_true")
        parser.set_defaults(func=cmd_settings)
