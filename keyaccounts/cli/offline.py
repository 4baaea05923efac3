"""``sync`` and ``outbox``: working with a team server out of reach (issue 17).

With ``--db`` a team server's URL, a command opens the local copy when the server is out
of reach (it says so, and since when, on standard error); the quick logs, new contacts,
follow-up and complaint actions are then queued in the outbox (exit 0, "queued"), any
other write is refused. ``sync`` sends the outbox and refreshes the copy.
"""

from __future__ import annotations

import sys

from keyaccounts.cli.common import print_json, table
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _


def _server_and_copy(db, what: str):
    """(the server, its local copy) for a command that needs both."""
    from keyaccounts.storage.offline import NeedsServer, ReplicaDatabase, open_replica

    if isinstance(db, ReplicaDatabase):
        raise NeedsServer(_("{server}: out of reach (offline since {since}); {what} needs "
                              "the server, nothing was changed").format(
            server=db.server_location, since=db.since_text(), what=what))
    if db.is_file:
        raise ValidationError("db", db.location, _("{what} works with a team server's URL"
                                                   ).format(what=what))
    return db, open_replica(db.url)


def _copy(db):
    """The local copy of *db* (None when this computer has none yet)."""
    from keyaccounts.storage.offline import ReplicaDatabase, open_replica, replica_path

    if isinstance(db, ReplicaDatabase):
        return db
    if db.is_file:
        raise ValidationError("db", db.location, _("the outbox belongs to a team server's "
                                                   "URL"))
    if not replica_path(db.url).exists():
        return None
    return open_replica(db.url, create=False)


def cmd_sync(db, args) -> int:
    from keyaccounts.services import outbox

    server, copy = _server_and_copy(db, "sync")
    try:
        result = outbox.sync(server, copy)
    finally:
        copy.close()
    if args.json:
        print_json(result.as_json())
        return 0 if not result.offline else 2
    if result.offline:
        print(result.message, file=sys.stderr)
        return 2
    print(_("sent: {sent}; already on the server: {already}; conflicts: {conflicts}; "
            "waiting: {waiting}").format(sent=len(result.sent), already=len(result.already),
                                         conflicts=len(result.conflicts),
                                         waiting=len(result.waiting)))
    if result.kept_aside:
        print(_("the local copy was damaged: kept aside, with its outbox, as {aside}; made "
                "anew from the server").format(aside=result.kept_aside), file=sys.stderr)
    print(_("refreshed: {rows} rows copied, {deleted} removed").format(
        rows=result.refreshed_rows, deleted=result.refreshed_deleted))
    if result.conflicts:
        print(_("conflicts are kept: `keyaccounts outbox` shows them, `keyaccounts outbox "
                "resolve ID --apply|--reattach|--note` settles each"))
    return 0


def _state_word(state: str) -> str:
    words = {"pending": _("not yet sent"), "conflict": _("conflict"), "sent": _("sent"),
             "resolved": _("resolved")}
    return words.get(state, state)


def cmd_outbox(db, args) -> int:
    from keyaccounts.services import outbox

    if getattr(args, "outbox_action", None) == "resolve":
        return cmd_resolve(db, args)
    copy = _copy(db)
    entries = [] if copy is None else outbox.list_entries(copy, everything=args.all)
    if args.json:
        print_json([e.as_json() for e in entries])
        return 0
    if not entries:
        print(_("the outbox is empty"))
        return 0
    from keyaccounts.domain.formats import date_time

    rows = []
    for e in entries:
        why = "; ".join(outbox.conflict_message(c) for c in e.conflicts)
        if e.waits_for is not None:
            why = _("waits for entry {entry}").format(entry=e.waits_for)
        rows.append((e.id, date_time(e.created_at), _state_word(e.state), e.description, why))
    table(rows, [_("id"), _("written"), _("state"), _("what"), _("server")])
    return 0


def cmd_resolve(db, args) -> int:
    from keyaccounts.services import outbox

    how = [h for h, on in (("apply", args.apply), ("reattach", args.reattach),
                           ("note", args.note)) if on]
    if len(how) != 1:
        raise ValidationError("resolve", None, _("give one of --apply, --reattach, --note"))
    server, copy = _server_and_copy(db, "outbox resolve")
    try:
        entry = outbox.resolve(server, copy, args.id, how[0])
    finally:
        copy.close()
    if args.json:
        print_json(entry.as_json())
    else:
        print(_("entry {id} resolved ({how}): {what}").format(id=entry.id, how=how[0],
                                                              what=entry.description))
    return 0


def notices(db, command: str) -> None:
    """What a command on a team connection says on standard error: offline (and since
    when), writes queued, or changes made offline not yet sent."""
    from keyaccounts.storage.offline import ReplicaDatabase, waiting

    if isinstance(db, ReplicaDatabase) and db.offline:
        say_offline(db)
        if db.queued:
            print(_("offline: queued in the outbox, not yet sent ({n} waiting); `keyaccounts "
                    "sync` sends it once the server is back").format(
                n=_pending(db)), file=sys.stderr)
        return
    if db is None or db.is_file or command in ("sync", "outbox"):
        return
    count = waiting(db.url)
    if count:
        print(_("{n} changes made offline are not yet sent: run `keyaccounts sync`"
              ).format(n=count), file=sys.stderr)


def say_offline(db) -> None:
    print(_("{server}: out of reach; offline since {since}, reading the local copy").format(
        server=db.server_location, since=db.since_text()), file=sys.stderr)


def _pending(copy) -> int:
    from keyaccounts.services import outbox

    return outbox.counts(copy)["pending"]


def register(sub) -> None:
    s = sub.add_parser("sync", help=_("send the changes made offline to the team server, "
                                      "then refresh the local copy"))
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_sync)
    o = sub.add_parser("outbox", help=_("the changes made offline: not yet sent, or in "
                                        "conflict"))
    o.add_argument("--json", action="store_true")
    o.add_argument("--all", action="store_true", help=_("also those sent or resolved"))
    o.set_defaults(func=cmd_outbox)
    o_sub = o.add_subparsers(dest="outbox_action", metavar="ACTION")
    r = o_sub.add_parser("resolve", help=_("settle a conflict: apply it anyway, re-attach it "
                                           "to what the server has now, or keep it as a "
                                           "note on the account"))
    r.add_argument("id", metavar="ID", type=int)
    r.add_argument("--apply", action="store_true")
    r.add_argument("--reattach", action="store_true")
    r.add_argument("--note", action="store_true")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_outbox)
