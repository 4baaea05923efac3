"""``team …``: a team database on a PostgreSQL server and its people (issue 16)."""

from __future__ import annotations

import sys

from keyaccounts.cli.common import print_json, table
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.vocabulary import word
from keyaccounts.i18n import _


def cmd_team_init(_db, args) -> int:
    from keyaccounts.services import team

    group = team.init_team(args.url)
    print(_("team database ready; its people are members of the role {group}").format(
        group=group))
    return 0


def cmd_user_add(db, args) -> int:
    from keyaccounts.services import team

    person, password = team.add_person(db, args.login, args.name, args.role,
                                       level=args.level, team=args.team or "")
    if args.json:
        print_json({"person": person, "password": password})
    elif password is None:
        print(_("{login} added (an existing login role: its password is unchanged)").format(
            login=person.login))
    else:
        print(_("{login} added; one-time password: {password} (they set their own with "
                "`keyaccounts team password`)").format(login=person.login, password=password))
    return 0


def cmd_user_list(db, args) -> int:
    from keyaccounts.services import team

    people = team.list_people(db)
    if args.json:
        print_json(people)
    else:
        table([(p.login, p.name, word(p.role), word(p.level), p.team,
                _("yes") if p.active else _("no")) for p in people],
              [_("login"), _("full name"), _("role"), _("level"), _("team"), _("can log in")])
    return 0


def cmd_user_edit(db, args) -> int:
    from keyaccounts.services import team

    if args.name is None and args.level is None:
        raise ValidationError("login", args.login, _("give at least one field to change"))
    person = team.edit_person(db, args.login, name=args.name, level=args.level)
    if args.json:
        print_json(person)
    elif person.level:
        print(_("{login} changed; one of our people ({level})").format(
            login=person.login, level=word(person.level)))
    else:
        print(_("{login} changed").format(login=person.login))
    return 0


def cmd_user_disable(db, args) -> int:
    from keyaccounts.services import team

    person = team.disable_person(db, args.login)
    if args.json:
        print_json(person)
    else:
        print(_("{login} can no longer log in; what they wrote is kept").format(
            login=person.login))
    return 0


def cmd_password(db, args) -> int:
    from keyaccounts.services import team

    if sys.stdin.isatty():
        import getpass

        password = getpass.getpass(_("new password: "))
        if getpass.getpass(_("again: ")) != password:
            raise ValidationError("password", None, _("the two entries differ"))
    else:
        password = sys.stdin.readline().rstrip("\n")
    login = team.set_password(db, password)
    print(_("password of {login} changed").format(login=login))
    return 0


def cmd_share(db, args) -> int:
    from keyaccounts.services import team

    if args.action == "share":
        team.share_account(db, args.account, args.with_, write=args.write)
        print(_("{account} shared with {login}").format(account=args.account,
                                                        login=args.with_))
    else:
        team.unshare_account(db, args.account, args.with_)
        print(_("{account} no longer shared with {login}").format(account=args.account,
                                                                  login=args.with_))
    return 0


def _print_hand_overs(done, as_json: bool) -> None:
    if as_json:
        print_json(done)
        return
    for h in done:
        print(_("{account}: from {old} to {new}; {moved} open follow-ups moved, {opened} "
                "opened to meet the key contacts").format(
                    account=h.account, old=h.from_owner or "-", new=h.to_owner,
                    moved=h.followups_moved, opened=h.followups_opened))


def cmd_hand_over(db, args) -> int:
    from keyaccounts.cli.common import day_or_today
    from keyaccounts.services import team

    done = team.hand_over(db, args.account, args.to, args.reason, day_or_today(args.on, "on"))
    _print_hand_overs([done], args.json)
    return 0


def cmd_team_hand_over(db, args) -> int:
    from keyaccounts.cli.common import day_or_today
    from keyaccounts.services import team

    done = team.hand_over_all(db, args.from_, args.to, args.reason,
                              day_or_today(args.on, "on"))
    _print_hand_overs(done, args.json)
    if not args.json:
        print(_("{n} accounts handed over").format(n=len(done)))
    return 0


def cmd_upload(db, args) -> int:
    from pathlib import Path

    from keyaccounts.io import upload

    done = upload.upload(db, Path(args.file), args.owner)
    if args.json:
        print_json(done)
        return 0
    print(_("{n} accounts uploaded for {owner}; {records} records in all").format(
        n=len(done.accounts), owner=done.owner, records=sum(done.records.values())))
    if done.already:
        print(_("already in the team database, left as they are: {names}").format(
            names=", ".join(done.already)))
    return 0


def register_account_actions(acc_sub) -> None:
    """``account share|unshare|hand-over`` (beside the other ``account`` actions)."""
    for action, text in (("share", _("share an account with a person (to read; --write to "
                                     "also write)")),
                         ("unshare", _("stop sharing an account with a person"))):
        p = acc_sub.add_parser(action, help=text)
        p.add_argument("account", metavar="NAME")
        p.add_argument("--with", dest="with_", metavar="LOGIN", required=True)
        if action == "share":
            p.add_argument("--write", action="store_true")
        p.set_defaults(func=cmd_share)
    h = acc_sub.add_parser("hand-over", help=_("give an account to another person, with its "
                                               "open follow-ups"))
    h.add_argument("account", metavar="NAME")
    h.add_argument("--to", metavar="LOGIN", required=True)
    h.add_argument("--reason", metavar="TEXT", required=True)
    h.add_argument("--on", metavar="YYYY-MM-DD")
    h.add_argument("--json", action="store_true")
    h.set_defaults(func=cmd_hand_over)


def register(sub) -> None:
    t = sub.add_parser("team", help=_("a team database on a PostgreSQL server, its people"))
    t_sub = t.add_subparsers(dest="action", metavar="ACTION", required=True)
    i = t_sub.add_parser("init", help=_("make (or upgrade) a team database: schema, roles, "
                                        "row-level security"))
    i.add_argument("url", metavar="URL", help=_("the database, as an administrator who may "
                                                "create roles"))
    i.set_defaults(func=cmd_team_init, no_db=True)

    u = t_sub.add_parser("user", help=_("add, list or disable people (an admin's connection)"))
    u_sub = u.add_subparsers(dest="user_action", metavar="ACTION", required=True)
    a = u_sub.add_parser("add", help=_("add a person: a login of the server"))
    a.add_argument("login", metavar="LOGIN")
    a.add_argument("--name", metavar="NAME", required=True)
    a.add_argument("--role", metavar="manager|lead|admin", required=True)
    a.add_argument("--level", metavar="exec|mgmt|ops",
                   help=_("their level: with one they are one of our people, who meet "
                          "customers, at once; without one when it is set (team user edit)"))
    a.add_argument("--team", metavar="TEAM")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_user_add)
    listing = u_sub.add_parser("list", help=_("list the team's people"))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_user_list)
    e = u_sub.add_parser("edit", help=_("change a person's full name or level (with a level "
                                        "they are one of our people)"))
    e.add_argument("login", metavar="LOGIN")
    e.add_argument("--name", metavar="NAME")
    e.add_argument("--level", metavar="exec|mgmt|ops")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_user_edit)
    d = u_sub.add_parser("disable", help=_("a person can no longer log in (nothing they "
                                           "wrote is lost)"))
    d.add_argument("login", metavar="LOGIN")
    d.add_argument("--json", action="store_true")
    d.set_defaults(func=cmd_user_disable)

    p = t_sub.add_parser("password", help=_("set your own password (read from the terminal, "
                                            "or one line of standard input)"))
    p.set_defaults(func=cmd_password)

    h = t_sub.add_parser("hand-over", help=_("give everything a person owns to another, in "
                                             "one transaction"))
    h.add_argument("--from", dest="from_", metavar="LOGIN", required=True)
    h.add_argument("--to", metavar="LOGIN", required=True)
    h.add_argument("--reason", metavar="TEXT", required=True)
    h.add_argument("--on", metavar="YYYY-MM-DD")
    h.add_argument("--json", action="store_true")
    h.set_defaults(func=cmd_team_hand_over)

    up = t_sub.add_parser("upload", help=_("copy a personal file's portfolio into the team "
                                           "database, owned by a person (all or nothing; "
                                           "twice adds nothing)"))
    up.add_argument("file", metavar="FILE", help=_("a personal SQLite file or a JSON export"))
    up.add_argument("--owner", metavar="LOGIN", required=True)
    up.add_argument("--json", action="store_true")
    up.set_defaults(func=cmd_upload)
