"""``people`` and ``map``: our people who meet customers, and an account's relationship
map (key people by reports-to, our counterparts, level matching, coverage gaps)."""

from __future__ import annotations

from keyaccounts.cli.common import add_today, day_or_today, print_json, table
from keyaccounts.domain.formats import labelled, listed
from keyaccounts.domain.vocabulary import word
from keyaccounts.i18n import N_, _, ngettext

MATCHING_WORDS = {
    "matched": N_("met by our same level"), "under": N_("met only by our lower levels"),
    "over": N_("met only by our higher levels"), "unlinked": N_("met, by no one on our list"),
    "unmet": N_("not met within the rhythm"), "left": N_("left"),
}


def print_unlisted(names: list[str]) -> None:
    """Our participants kept as text (not on the list of our people), offered to be
    added."""
    if names:
        print(_("Our participants not on the list of our people, kept as text (add them "
                "with `keyaccounts people add NAME --level exec|mgmt|ops`): {names}").format(
                    names=listed(names)))


def cmd_people_add(db, args) -> int:
    from keyaccounts.services import relmap

    person = relmap.add_person(db, args.name, args.level, title=args.title or "",
                               login=args.login)
    if args.json:
        print_json(person.as_json())
    else:
        print(person.id)
    return 0


def cmd_people_list(db, args) -> int:
    from keyaccounts.services import relmap

    people = relmap.list_people(db)
    if args.json:
        print_json([p.as_json() for p in people])
    else:
        table([(p.id, p.name, p.title, word(p.level)) for p in people],
              ["id", _("full name"), _("job title"), _("level")])
    return 0


def cmd_map(db, args) -> int:
    from keyaccounts.services import relmap

    found = relmap.relationship_map(db, args.account, day_or_today(args.as_of, "as-of"))
    if args.json:
        print_json(found.as_json())
        return 0
    names = {f.contact.id: f.contact.name for f in found.contacts}
    table([(f.contact.id, f.contact.name, word(f.contact.level),
            names.get(f.contact.reports_to, ""), f.last_met or "",
            listed(ngettext("{name} ({level}, {n} meeting)", "{name} ({level}, {n} meetings)",
                            p.meetings).format(name=p.name, level=word(p.level), n=p.meetings)
                   for p in f.counterparts),
            _(MATCHING_WORDS[f.matching])) for f in found.contacts],
          ["id", _("full name"), _("level"), _("reports to"), _("last met"),
           _("our counterparts"), _("level matching")])
    for g in found.gaps:
        print(labelled(g.reason, g.suggested_action))
    return 0


def register(sub) -> None:
    pe = sub.add_parser("people", help=_("our people who meet customers, with their level"))
    pe_sub = pe.add_subparsers(dest="action", metavar="ACTION", required=True)
    a = pe_sub.add_parser("add", help=_("add one of our people"))
    a.add_argument("name", metavar="NAME")
    a.add_argument("--level", required=True, metavar="exec|mgmt|ops")
    a.add_argument("--title", metavar="TEXT")
    a.add_argument("--login", metavar="LOGIN", help=_("their login on a team database"))
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_people_add)
    ls = pe_sub.add_parser("list", help=_("list our people"))
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_people_list)

    m = sub.add_parser("map", help=_("an account's relationship map: key people, our "
                                     "counterparts, level matching, gaps"))
    m.add_argument("--account", required=True, metavar="NAME")
    m.add_argument("--as-of", metavar="YYYY-MM-DD")
    m.add_argument("--json", action="store_true")
    add_today(m)
    m.set_defaults(func=cmd_map)
