"""The outbox: writes made offline against a team server, replayed when it is back (issue 17).

One registry of replayable actions: a service function marked ``@replayable(NAME)``
(quick log with its settles, carries and next steps; a new contact; a follow-up
rescheduled, snoozed or done; a complaint and its answers). Called on a local copy that
is offline (keyaccounts.storage.offline), such a service runs on the copy AND its call
(the action and its arguments, as JSON) is appended to the outbox, in one transaction of
the copy: the write shows at once, "not yet sent". Any other write is refused offline.

:func:`sync` replays the outbox on the server, in order, each entry through the same
service in a transaction of its own, together with its id in ``applied_change``: an
entry that reached the server before the connection dropped is not applied twice (its
rows are read back from there). Then the copy refreshes.

Conflicts are kept, never resolved silently: a follow-up that someone else settled or
carried meanwhile, an account handed over or no longer visible, a contact archived, a
complaint changed since. The entry keeps what was written and what the server has;
:func:`resolve` applies it anyway (where the rules allow), re-attaches it to what is
there now (the log without the follow-up, a carried follow-up's successor, without an
archived contact), or keeps it as a note on the account. An entry whose rows another
entry refers to (a follow-up opened offline, then settled) waits for it; a conflicted
entry never stops the ones after it that do not depend on it.
"""

from __future__ import annotations

import enum
import functools
import importlib
import inspect
import json
import uuid as uuids
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from keyaccounts.domain import clock
from keyaccounts.domain.errors import (
    ChainConflict,
    DatabaseError,
    KeyAccountsError,
    NotFound,
    ValidationError,
    VersionConflict,
)
from keyaccounts.domain.views import EntryView
from keyaccounts.i18n import _

# action -> the service module that defines it (imported when an entry is replayed)
HOMES = {
    "log_interaction": "chain", "carry_followup": "chain", "settle_followup": "chain",
    "add_followup": "chain", "add_contact": "contacts", "add_complaint": "complaints",
    "respond_complaint": "complaints", "resolve_complaint": "complaints",
    "agenda_mark": "planner", "agenda_undo": "planner",
}
REGISTRY: dict[str, tuple[Callable, inspect.Signature]] = {}

# arguments that name rows, and their tables
REFS = {"settle": "follow_up", "carry": "follow_up", "followup_id": "follow_up",
        "contacts": "contact", "contact": "contact", "contact_id": "contact",
        "complaint_id": "complaint"}

PENDING, SENT, CONFLICT, RESOLVED = "pending", "sent", "conflict", "resolved"
APPLY, REATTACH, NOTE = "apply", "reattach", "note"


def replayable(name: str):
    """Mark a service function as an action the outbox may hold (see module doc)."""
    def wrap(fn):
        signature = inspect.signature(fn)
        REGISTRY[name] = (fn, signature)

        @functools.wraps(fn)
        def call(db, *args, **kwargs):
            if getattr(db, "offline", False) and db.joined_session is None:
                return _queue(db, name, signature.bind(db, *args, **kwargs).arguments)
            return fn(db, *args, **kwargs)

        call.action = name
        return call
    return wrap


def action(name: str) -> tuple[Callable, inspect.Signature]:
    if name not in HOMES:
        raise ValidationError("action", name, _("not an action the outbox knows"))
    importlib.import_module(f"keyaccounts.services.{HOMES[name]}")
    return REGISTRY[name]


# --- arguments as JSON ----------------------------------------------------------------


def encode(value):
    if isinstance(value, datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, date):
        return {"$d": value.isoformat()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {"$map": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [encode(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot keep {type(value).__name__} in the outbox")


def decode(value):
    if isinstance(value, dict):
        if "$dt" in value:
            return datetime.fromisoformat(value["$dt"])
        if "$d" in value:
            return date.fromisoformat(value["$d"])
        if "$map" in value:
            return {_key(decode(k)): decode(v) for k, v in value["$map"]}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def _key(k):
    return tuple(k) if isinstance(k, list) else k


def _call(db, name: str, arguments: dict):
    fn, signature = action(name)
    kwargs = {}
    for key, value in arguments.items():
        parameter = signature.parameters[key]
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            kwargs.update(value)
        else:
            kwargs[key] = value
    return fn(db, **kwargs)


def _ref_ids(arguments: dict):
    """(table, id) of every row the arguments name by id."""
    for name, table in REFS.items():
        value = arguments.get(name)
        items = value.keys() if isinstance(value, dict) else (
            value if isinstance(value, (list, tuple)) else [value])
        for item in items:
            row_id = _as_id(item)
            if row_id is not None:
                yield table, row_id


def _as_id(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


# --- writing offline ------------------------------------------------------------------


def _context(s, arguments: dict) -> dict:
    """What the copy holds, before the write, of the rows it names: the account (and its
    owner) and each row's version, to tell a conflict at replay."""
    from keyaccounts.services.common import get_account
    from keyaccounts.storage.model import Complaint, Contact, FollowUp

    classes = {"follow_up": FollowUp, "contact": Contact, "complaint": Complaint}
    context: dict = {"rows": {}}
    account = None
    if arguments.get("account") is not None:
        try:
            account = get_account(s, arguments["account"])
        except KeyAccountsError:
            account = None
    for table, row_id in _ref_ids(arguments):
        row = s.get(classes[table], row_id)
        if row is None:
            continue
        context["rows"].setdefault(table, {})[str(row_id)] = row.version
        if account is None:
            account = row.account
    if account is None and arguments.get("key"):
        context["item"] = arguments["key"]
    if account is not None:
        context["account_id"] = account.id
        context["account"] = account.name
        context["owner"] = account.owner
    return context


def _by_id(s, arguments: dict, context: dict) -> dict:
    """The arguments naming the account and contacts by id, as the copy knows them: a
    rename meanwhile is no conflict, an archived contact is told as one."""
    from keyaccounts.services.common import get_contact
    from keyaccounts.storage.model import Account

    kept = dict(arguments)
    if "account_id" not in context:
        return kept
    if isinstance(arguments.get("account"), str):
        kept["account"] = context["account_id"]
    account = s.get(Account, context["account_id"])

    def one(ref):
        if ref in (None, "") or _as_id(ref) is not None:
            return ref
        try:
            return get_contact(s, account, ref).id
        except KeyAccountsError:
            return ref

    if isinstance(arguments.get("contacts"), (list, tuple)):
        kept["contacts"] = [one(ref) for ref in arguments["contacts"]]
    if "contact" in arguments:
        kept["contact"] = one(arguments["contact"])
    return kept


def _queue(db, name: str, arguments: dict):
    """Run the action on the offline copy and append it to the outbox, in one transaction."""
    from keyaccounts.storage.db import Database
    from keyaccounts.storage.model import OutboxEntry

    arguments = {k: v for k, v in arguments.items() if k != "db"}
    with Database.transaction(db) as s:
        context = _context(s, arguments)
        kept = _by_id(s, arguments, context)
        encoded = json.dumps(encode(kept), ensure_ascii=False, sort_keys=True)
        rows = db.start_tracking()
        try:
            with db.joined(s):
                result = _call(db, name, arguments)
            s.flush()
        finally:
            db.stop_tracking()
        entry = OutboxEntry(uuid=str(uuids.uuid4()), action=name, args=encoded,
                            created_at=clock.now(), state=PENDING,
                            account_id=context.get("account_id"),
                            context=json.dumps(context, ensure_ascii=False),
                            local_rows=json.dumps(rows))
        s.add(entry)
        s.flush()
        db.queued.append(entry.id)
    return result


# --- what the outbox holds ------------------------------------------------------------


def _words() -> dict[str, str]:
    return {
        "log_interaction": _("log {kind} with {account}: {summary}"),
        "carry_followup": _("reschedule follow-up {followup_id} to {to}"),
        "settle_followup": _("mark follow-up {followup_id} done"),
        "add_followup": _("new follow-up for {account}: {text}"),
        "add_contact": _("new contact {name} at {account}"),
        "add_complaint": _("new complaint from {account}: {summary}"),
        "respond_complaint": _("first response to complaint {complaint_id}"),
        "resolve_complaint": _("resolve complaint {complaint_id}"),
        "agenda_mark": _("agenda item {key}"),
        "agenda_undo": _("undo on agenda item {key}"),
    }


def describe(name: str, arguments: dict, account: str = "") -> str:
    """One line saying what the entry does, in the user's words."""
    values = {k: (v.isoformat() if isinstance(v, (date, datetime)) else v)
              for k, v in arguments.items()}
    values.setdefault("account", "")
    if account:
        values["account"] = account
    fields = arguments.get("fields") or {}
    values.update({k: v for k, v in fields.items() if k not in values})
    if "kind" in values:
        from keyaccounts.domain.vocabulary import word

        values["kind"] = word(str(values["kind"]))
    text = _words().get(name, name)
    try:
        return text.format_map(_Missing(values))
    except (ValueError, IndexError):
        return name


class _Missing(dict):
    def __missing__(self, key):
        return ""


def conflict_message(c: dict) -> str:
    kind = c.get("kind")
    if kind == "followup_closed":
        from keyaccounts.services.common import STATUS_WORDS

        status = {k.value: v for k, v in STATUS_WORDS.items()}.get(c.get("status"))
        return _("follow-up {id} is already {status} on the server (on {on}, by {by})").format(
            id=c.get("id"), status=_(status) if status else c.get("status"),
            on=c.get("closed_on") or "-", by=c.get("by") or "-")
    if kind == "followup_gone":
        return _("follow-up {id} is no longer on the server").format(id=c.get("id"))
    if kind == "handed_over":
        return _("the account was handed over: its owner is now {server} (it was {mine})"
                 ).format(server=c.get("server") or "-", mine=c.get("mine") or "-")
    if kind == "account_gone":
        return _("the account is no longer yours to see or write on the server (handed "
                 "over, or no longer shared)")
    if kind == "contact_archived":
        return _("contact {id} was archived on the server (by {by})").format(
            id=c.get("id"), by=c.get("by") or "-")
    if kind == "contact_gone":
        return _("contact {id} is no longer on the server").format(id=c.get("id"))
    if kind == "version":
        return _("{what} {id} was changed on the server by {by} since (version {server}, "
                 "yours was made on {mine})").format(
            what=c.get("table"), id=c.get("id"), by=c.get("by") or "-",
            server=c.get("server"), mine=c.get("mine"))
    if kind == "depends":
        return _("it builds on entry {entry}, which was not sent").format(
            entry=c.get("entry"))
    if kind == "no_write":
        return _("the server refused the write: this account is not yours to write")
    return c.get("message") or _("the server refused it")


def _entry_view(e, waits_for: int | None = None) -> EntryView:
    context = json.loads(e.context or "{}")
    arguments, account = decode(json.loads(e.args)), context.get("account", "")
    conflicts = tuple(json.loads(e.conflict or "[]"))
    return EntryView(e.id, e.uuid, e.action, arguments, e.created_at, e.state, account,
                     conflicts, e.resolution, waits_for,
                     description=describe(e.action, arguments, account),
                     conflict_messages=tuple(conflict_message(c) for c in conflicts))


def list_entries(replica, *, everything: bool = False) -> list[EntryView]:
    """The outbox: the entries not yet sent and those in conflict (*everything*: the
    sent and resolved too), in order."""
    from sqlalchemy import select

    from keyaccounts.storage.model import OutboxEntry

    with replica.session() as s:
        query = select(OutboxEntry).order_by(OutboxEntry.id)
        if not everything:
            query = query.where(OutboxEntry.state.in_((PENDING, CONFLICT)))
        entries = s.scalars(query).all()
        waits = _waiting(s)
        return [_entry_view(e, waits.get(e.id)) for e in entries]


def counts(replica) -> dict[str, int]:
    """How many entries are not yet sent, and in conflict."""
    with replica.dbapi() as con:
        rows = dict(con.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
    return {"pending": rows.get(PENDING, 0), "conflict": rows.get(CONFLICT, 0)}


# --- replay ---------------------------------------------------------------------------


class _Unmapped(Exception):
    def __init__(self, row_id: int):
        super().__init__(row_id)
        self.row_id = row_id


class _Conflicted(Exception):
    def __init__(self, found: list[dict]):
        super().__init__(found)
        self.found = found


class Unreachable(DatabaseError):
    """The server went out of reach during the replay: the rest stays in the outbox."""


def _made(e) -> dict[str, list[int]]:
    """The rows an entry made in the copy (kept by id after the copy dropped them)."""
    rows = json.loads(e.local_rows or "{}")
    made = {k: list(v) for k, v in rows.get("made_dropped", {}).items()}
    for table, ids in rows.get("made", {}).items():
        made[table] = sorted(set(made.get(table, [])) | set(ids))
    return made


def _id_map(s) -> dict[int, int]:
    """Rows made offline -> the server's rows, from the entries the server took."""
    from sqlalchemy import select

    from keyaccounts.storage.model import OutboxEntry

    mapping = {}
    for e in s.scalars(select(OutboxEntry).where(OutboxEntry.server_rows != "")):
        made = _made(e)
        server = json.loads(e.server_rows or "{}")
        for table, ids in made.items():
            for mine, theirs in zip(sorted(ids), sorted(server.get(table, []))):
                mapping[mine] = theirs
    return mapping


def _makers(s) -> dict[int, tuple[int, str]]:
    """Row made offline -> (the entry that made it, its state)."""
    from sqlalchemy import select

    from keyaccounts.storage.model import OutboxEntry

    makers = {}
    for e in s.scalars(select(OutboxEntry)):
        for ids in _made(e).values():
            for row_id in ids:
                makers[row_id] = (e.id, e.state)
    return makers


def _waiting(s) -> dict[int, int]:
    """Pending entry -> the unsent entry it builds on."""
    from sqlalchemy import select

    from keyaccounts.storage.model import OutboxEntry
    from keyaccounts.storage.offline import local_table

    makers = _makers(s)
    mapping = _id_map(s)
    waits = {}
    for e in s.scalars(select(OutboxEntry).where(OutboxEntry.state == PENDING)):
        for _table, row_id in _ref_ids(decode(json.loads(e.args))):
            if local_table(row_id) and row_id not in mapping and row_id in makers:
                maker, state = makers[row_id]
                if maker != e.id and state in (PENDING, CONFLICT):
                    waits[e.id] = maker
                    break
    return waits


def _translate(value, mapping: dict[int, int]):
    from keyaccounts.storage.offline import local_table

    if isinstance(value, dict):
        return {_translate(k, mapping): _translate(v, mapping) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_translate(v, mapping) for v in value]
    row_id = _as_id(value)
    if row_id is not None and local_table(row_id):
        if row_id not in mapping:
            raise _Unmapped(row_id)
        return mapping[row_id] if isinstance(value, int) else str(mapping[row_id])
    return value


def _check(s, arguments: dict, context: dict) -> list[dict]:
    """The conflicts of an entry with what the server has now (in the replay's own
    transaction, as the person sees it)."""
    from keyaccounts.storage.model import Account, Complaint, Contact, FollowUp, FollowUpStatus

    found = []
    account_id = context.get("account_id")
    if account_id is not None and account_id < (1 << 40):
        account = s.get(Account, account_id)
        if account is None:
            return [{"kind": "account_gone", "account": context.get("account")}]
        if "owner" in context and account.owner != context["owner"]:
            found.append({"kind": "handed_over", "mine": context["owner"],
                          "server": account.owner})
    versions = context.get("rows", {})
    for table, row_id in _ref_ids(arguments):
        if table == "follow_up":
            f = s.get(FollowUp, row_id)
            if f is None:
                found.append({"kind": "followup_gone", "id": row_id})
            elif f.status != FollowUpStatus.OPEN:
                successor = f.carried_to
                found.append({"kind": "followup_closed", "id": row_id,
                              "status": f.status.value, "closed_on": f.closed_on.isoformat()
                              if f.closed_on else None, "by": f.updated_by,
                              "successor": successor.id if successor is not None and
                              successor.status == FollowUpStatus.OPEN else None})
        elif table == "contact":
            c = s.get(Contact, row_id)
            if c is None:
                found.append({"kind": "contact_gone", "id": row_id})
            elif c.archived:
                found.append({"kind": "contact_archived", "id": row_id, "by": c.updated_by})
        elif table == "complaint":
            c = s.get(Complaint, row_id)
            mine = versions.get("complaint", {}).get(str(row_id))
            if c is not None and mine is not None and c.version != mine:
                found.append({"kind": "version", "table": "complaint", "id": row_id,
                              "mine": mine, "server": c.version, "by": c.updated_by})
    return found


def _classify(exc: BaseException) -> dict:
    if isinstance(exc, VersionConflict):
        return {"kind": "version", "message": str(exc)}
    message = exc.message if isinstance(exc, ValidationError) else str(exc)
    if isinstance(exc, NotFound) and exc.field == "account":
        return {"kind": "account_gone", "message": message}
    return {"kind": "refused", "message": message}


def _apply(server, entry_uuid: str, name: str, arguments: dict, context: dict, *,
           force: bool) -> tuple[str, object]:
    """Apply one entry on the server in a transaction of its own: ("sent", rows made),
    ("already", rows made) when the server had it, or ("conflict", conflicts)."""
    from sqlalchemy import event
    from sqlalchemy.exc import DBAPIError, IntegrityError

    from keyaccounts.storage.model import AppliedChange
    from keyaccounts.storage.offline import LOCAL_TABLES, is_unreachable

    made: dict[str, list[int]] = {}

    def after_flush(session, _context):
        for obj in session.new:
            table = getattr(obj, "__tablename__", None)
            if table in LOCAL_TABLES and getattr(obj, "id", None) is not None:
                made.setdefault(table, []).append(obj.id)

    try:
        with server.transaction() as s:
            done = s.get(AppliedChange, entry_uuid)
            if done is not None:
                return "already", json.loads(done.result or "{}")
            if not force:
                found = _check(s, arguments, context)
                if found:
                    raise _Conflicted(found)
            event.listen(s, "after_flush", after_flush)
            try:
                with server.joined(s):
                    _call(server, name, arguments)
                s.flush()
            finally:
                event.remove(s, "after_flush", after_flush)
            login = s.connection().exec_driver_sql("SELECT current_user").scalar()
            s.add(AppliedChange(uuid=entry_uuid, login=login, applied_at=clock.now(),
                                result=json.dumps(made)))
            s.flush()
        return "sent", made
    except _Conflicted as exc:
        return "conflict", exc.found
    except (ValidationError, ChainConflict, VersionConflict) as exc:
        return "conflict", [_classify(exc)]
    except IntegrityError:  # the same entry, applied meanwhile by another replay
        with server.session() as s:
            done = s.get(AppliedChange, entry_uuid)
            if done is not None:
                return "already", json.loads(done.result or "{}")
        raise
    except DBAPIError as exc:
        if is_unreachable(exc):
            raise Unreachable(_("{server}: out of reach again; the rest stays in the outbox"
                                ).format(server=server.location)) from None
        text = str(getattr(exc, "orig", exc))
        if "row-level security" in text or "permission denied" in text or \
                "InsufficientPrivilege" in type(getattr(exc, "orig", exc)).__name__:
            return "conflict", [{"kind": "no_write", "message": text.splitlines()[0]}]
        raise


@dataclass
class SyncResult:
    sent: list[int] = field(default_factory=list)
    already: list[int] = field(default_factory=list)   # the server had them (sent before)
    conflicts: list[int] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)
    refreshed_rows: int = 0
    refreshed_deleted: int = 0
    full: bool = False
    offline: bool = False
    message: str = ""
    kept_aside: str = ""  # a damaged copy (with its outbox) moved aside, made anew

    def as_json(self) -> dict:
        return {"sent": self.sent, "already_applied": self.already,
                "conflicts": self.conflicts, "waiting": self.waiting,
                "refreshed": {"rows": self.refreshed_rows, "deleted": self.refreshed_deleted,
                              "full": self.full}, "offline": self.offline,
                "message": self.message, "kept_aside": self.kept_aside}


def _record(replica, entry_id: int, **values) -> None:
    from keyaccounts.storage.db import Database
    from keyaccounts.storage.model import OutboxEntry

    with Database.transaction(replica) as s:
        e = s.get(OutboxEntry, entry_id)
        for key, value in values.items():
            setattr(e, key, value)


def replay(server, replica) -> SyncResult:
    """Send the outbox's pending entries to the server, in order (see module doc)."""
    from sqlalchemy import select

    from keyaccounts.storage.model import OutboxEntry
    from keyaccounts.storage.offline import local_table

    result = SyncResult()
    with replica.session() as s:
        ids = s.scalars(select(OutboxEntry.id).where(OutboxEntry.state == PENDING)
                        .order_by(OutboxEntry.id)).all()
    for entry_id in ids:
        with replica.session() as s:
            e = s.get(OutboxEntry, entry_id)
            mapping, makers = _id_map(s), _makers(s)
            arguments = decode(json.loads(e.args))
            context = json.loads(e.context or "{}")
            uuid, name = e.uuid, e.action
        try:
            arguments = _translate(arguments, mapping)
            if local_table(context.get("account_id")):
                raise _Unmapped(context["account_id"])
        except _Unmapped as missing:
            maker, state = makers.get(missing.row_id, (None, None))
            if maker is not None and maker != entry_id and state in (PENDING, CONFLICT):
                result.waiting.append(entry_id)
                continue
            _record(replica, entry_id, state=CONFLICT, conflict=json.dumps(
                [{"kind": "depends", "entry": maker}]))
            result.conflicts.append(entry_id)
            continue
        try:
            outcome, detail = _apply(server, uuid, name, arguments, context, force=False)
        except Unreachable as exc:  # what was sent stays sent; the rest waits
            result.offline, result.message = True, str(exc)
            return result
        if outcome == "conflict":
            _record(replica, entry_id, state=CONFLICT, conflict=json.dumps(detail))
            result.conflicts.append(entry_id)
        else:
            _record(replica, entry_id, state=SENT, server_rows=json.dumps(detail),
                    sent_at=clock.now())
            (result.sent if outcome == "sent" else result.already).append(entry_id)
    return result


def _tidy(replica) -> None:
    """Drop the rows the copy made for entries the server has now taken (its own rows
    came with the refresh); rows of the server a conflicted entry changed in the copy
    are pulled again."""
    from sqlalchemy import select

    from keyaccounts.storage.model import OutboxEntry
    from keyaccounts.storage.offline import drop_local_rows

    with replica.session() as s:
        done = [(e.id, json.loads(e.local_rows or "{}")) for e in s.scalars(
            select(OutboxEntry).where(OutboxEntry.state.in_((SENT, RESOLVED)))
            .order_by(OutboxEntry.id.desc()))]
    for entry_id, rows in done:
        made = rows.get("made", {})
        if any(made.values()) and drop_local_rows(replica, made):
            rows["made_dropped"] = made
            rows["made"] = {}
            _record(replica, entry_id, local_rows=json.dumps(rows))


def sync(server, replica) -> SyncResult:
    """Replay the outbox, then refresh the copy (only what changed since the last time)."""
    from keyaccounts.storage.offline import refresh

    from sqlalchemy.exc import DBAPIError

    from keyaccounts.storage.offline import is_unreachable

    result = replay(server, replica)
    if result.offline:
        return result
    try:
        pulled = refresh(server, replica)
    except DBAPIError as exc:  # the copy's transaction rolled back: refreshed next time
        if not is_unreachable(exc):
            raise
        result.offline = True
        result.message = _("{server}: out of reach again; the rest stays in the outbox"
                           ).format(server=server.location)
        return result
    _tidy(replica)
    if replica.kept_aside is not None:
        result.kept_aside = str(replica.kept_aside)
    result.refreshed_rows, result.refreshed_deleted, result.full = (
        pulled.rows, pulled.deleted, pulled.full)
    return result


# --- resolving a conflict -------------------------------------------------------------


def _reattached(name: str, arguments: dict, conflicts: list[dict]) -> dict | None:
    """The entry re-attached to what the server has now: the follow-ups already closed
    left out (a carried one's open successor taken instead), archived contacts left
    out; None when nothing of it is left to apply."""
    closed = {c["id"]: c.get("successor") for c in conflicts
              if c.get("kind") in ("followup_closed", "followup_gone")}
    contacts = {c["id"] for c in conflicts if c.get("kind") in ("contact_archived",
                                                              "contact_gone")}
    if not closed and not contacts:
        return dict(arguments)
    new = dict(arguments)
    if name == "log_interaction":
        new["settle"] = [closed.get(_as_id(f)) or f for f in arguments.get("settle", ())
                         if _as_id(f) not in closed or closed.get(_as_id(f))]
        carry = arguments.get("carry") or {}
        new["carry"] = {(closed.get(_as_id(f)) or f): d for f, d in carry.items()
                        if _as_id(f) not in closed or closed.get(_as_id(f))}
        new["contacts"] = [c for c in arguments.get("contacts", ())
                           if _as_id(c) not in contacts]
        return new
    if name in ("carry_followup", "settle_followup"):
        successor = closed.get(_as_id(arguments.get("followup_id")))
        if successor is None:
            return None
        new["followup_id"] = successor
        return new
    if name == "add_complaint" and _as_id(arguments.get("contact")) in contacts:
        new["contact"] = None
        return new
    return None


def resolve(server, replica, entry_id: int, how: str) -> EntryView:
    """Resolve a conflicted entry: *how* is ``apply`` (anyway, where the rules allow),
    ``reattach`` (to what the server has now) or ``note`` (kept as a note on the
    account). Refused, the entry kept as it is, when that cannot be done."""
    from keyaccounts.storage.model import OutboxEntry

    if how not in (APPLY, REATTACH, NOTE):
        raise ValidationError("how", how, _("expected apply, reattach or note"))
    with replica.session() as s:
        e = s.get(OutboxEntry, entry_id)
        if e is None:
            raise NotFound("ID", entry_id, _("no such entry in the outbox"))
        if e.state != CONFLICT:
            raise ValidationError("ID", entry_id, _("is not in conflict ({state})").format(
                state=e.state))
        mapping = _id_map(s)
        arguments = decode(json.loads(e.args))
        context = json.loads(e.context or "{}")
        conflicts = json.loads(e.conflict or "[]")
        view = _entry_view(e)
        local = json.loads(e.local_rows or "{}")
    if how == NOTE:
        account_id = context.get("account_id")
        if account_id is None:
            raise ValidationError("ID", entry_id, _(
                "names no account to keep it on; apply or re-attach it instead"))
        _keep_as_note(server, account_id, view)
        outcome, detail = "sent", {}
    else:
        try:
            arguments = _translate(arguments, mapping)
        except _Unmapped:
            raise ValidationError("ID", entry_id, _(
                "builds on an entry that was not sent; keep it as a note instead")) from None
        if how == REATTACH:
            arguments = _reattached(e.action, arguments, conflicts)
            if arguments is None:
                raise ValidationError("ID", entry_id, _(
                    "nothing of it is left to re-attach; keep it as a note instead"))
        outcome, detail = _apply(server, view.uuid, e.action, arguments, context, force=True)
        if outcome == "conflict":
            raise ValidationError("ID", entry_id, _("cannot be applied: {reason}").format(
                reason="; ".join(conflict_message(c) for c in detail)))
    from keyaccounts.storage.offline import add_repull

    add_repull(replica, local.get("touched", {}))
    _record(replica, entry_id, state=RESOLVED, resolution=how,
            server_rows=json.dumps(detail) if how != NOTE else "", sent_at=clock.now())
    if how == NOTE:  # its rows in the copy are no one's: dropped at the next sync
        local["made_dropped"] = local.get("made", {})
        from keyaccounts.storage.offline import drop_local_rows

        if drop_local_rows(replica, local.get("made", {})):
            local["made"] = {}
        _record(replica, entry_id, local_rows=json.dumps(local))
    with replica.session() as s:
        return _entry_view(s.get(OutboxEntry, entry_id))


def _keep_as_note(server, account_id: int, view: EntryView) -> None:
    """The entry as a paragraph of the account's notes, through the account service."""
    from keyaccounts.domain.formats import date_time
    from keyaccounts.services.accounts import update_account
    from keyaccounts.services.common import get_account

    with server.session() as s:
        try:
            notes = get_account(s, account_id).notes
        except NotFound:
            raise ValidationError("ID", view.id, _(
                "its account is no longer yours to see on the server; nothing was "
                "written")) from None
    paragraph = _("Written offline on {when}, not applied: {what}").format(
        when=date_time(view.created_at), what=view.description)
    from sqlalchemy.exc import DBAPIError

    try:
        update_account(server, account_id, notes=(notes + "\n\n" if notes else "") + paragraph)
    except DBAPIError:
        raise ValidationError("ID", view.id, _(
            "the server refused the note: this account is not yours to write; nothing was "
            "written")) from None


# --- for the app: one connection's offline state --------------------------------------


@dataclass(frozen=True)
class OfflineStatus:
    team: bool                 # a team server's connection (else nothing to show)
    offline: bool              # working on the local copy
    since: datetime | None     # the copy's last refresh
    pending: int               # entries not yet sent
    conflicts: int             # entries in conflict


def _copy_of(db, *, create: bool = False):
    from keyaccounts.storage.offline import ReplicaDatabase, open_replica, replica_path

    if isinstance(db, ReplicaDatabase):
        return db, False
    if db.is_file or (not create and not replica_path(db.url).exists()):
        return None, False
    return open_replica(db.url), True


def status(db) -> OfflineStatus:
    """Whether *db* (as the app holds it) is a team connection, offline and since when,
    and what its outbox holds."""
    from keyaccounts.storage.offline import ReplicaDatabase

    copy, opened = _copy_of(db)
    if copy is None:
        return OfflineStatus(not db.is_file, False, None, 0, 0)
    try:
        found = counts(copy)
        return OfflineStatus(True, isinstance(db, ReplicaDatabase) and db.offline,
                             copy.refreshed_at(), found["pending"], found["conflict"])
    finally:
        if opened:
            copy.close()


def sync_connection(db) -> SyncResult:
    """Replay and refresh for the app's server connection *db* (its copy made at the
    first time)."""
    from keyaccounts.storage.offline import NeedsServer, ReplicaDatabase

    if isinstance(db, ReplicaDatabase) or db.is_file:
        raise NeedsServer(_("sync needs a connection to the team server"))
    copy, _opened = _copy_of(db, create=True)
    try:
        return sync(db, copy)
    finally:
        copy.close()


def entries_of(db) -> list[EntryView]:
    """The outbox of *db*'s copy: entries not yet sent, and those in conflict."""
    copy, opened = _copy_of(db)
    if copy is None:
        return []
    try:
        return list_entries(copy)
    finally:
        if opened:
            copy.close()


def resolve_on(db, entry_id: int, how: str) -> EntryView:
    """:func:`resolve` for the app's server connection *db*."""
    from keyaccounts.storage.offline import NeedsServer, ReplicaDatabase

    if isinstance(db, ReplicaDatabase) or db.is_file:
        raise NeedsServer(_("resolving a conflict needs a connection to the team server"))
    copy, _opened = _copy_of(db, create=True)
    try:
        return resolve(db, copy, entry_id, how)
    finally:
        copy.close()


def reconnect(db):
    """The server's connection again, for a copy opened offline; None while it is still
    out of reach."""
    from keyaccounts.storage.db import open_database
    from keyaccounts.storage.offline import ReplicaDatabase, is_unreachable

    if not (isinstance(db, ReplicaDatabase) and db.offline):
        return db
    try:
        return open_database(db.server_url.render_as_string(hide_password=False),
                             create=False)
    except DatabaseError as exc:
        if is_unreachable(exc):
            return None
        raise


def unsent(db) -> dict[str, set]:
    """What the pages mark "not yet sent" while *db* is a local copy: the rows of the
    copy that writes not yet on the server made or changed (ids, by table), and the
    agenda items marked (done, snoozed, moved) by such writes (their keys, under
    ``agenda_mark``). Nothing on a server's connection or a file: what they show is
    all where it is kept."""
    from keyaccounts.storage.offline import ReplicaDatabase

    rows: dict[str, set] = {}
    if not isinstance(db, ReplicaDatabase):
        return rows
    with db.dbapi() as con:
        found = con.execute("SELECT action, args, local_rows FROM outbox WHERE state IN "
                            "(?, ?)", (PENDING, CONFLICT)).fetchall()
    for name, args, text in found:
        local = json.loads(text or "{}")
        for part in ("made", "touched"):
            for table, ids in local.get(part, {}).items():
                rows.setdefault(table, set()).update(ids)
        if name in ("agenda_mark", "agenda_undo"):
            key = decode(json.loads(args)).get("key")
            if key:
                rows.setdefault("agenda_mark", set()).add(key)
    return rows


def out_of_reach(error: BaseException) -> bool:
    """Whether *error* (a failed operation's) says the team server is out of reach."""
    from keyaccounts.storage.offline import is_unreachable

    return is_unreachable(error)


@dataclass(frozen=True)
class Checked:
    """What :func:`check_connection` found: the outcome of a sync (None: none was run),
    and the database the app works on from now on (None: the one it has)."""

    result: SyncResult | None
    switch_to: object | None = None


def check_connection(db, *, send: bool = True) -> Checked:
    """What the app does every minute on a team connection *db*.

    * On its copy offline: when the server answers again, the outbox is sent and the
      copy refreshed, and the server's connection handed back to work on (the app
      closes the copy); nothing while the server is still out of reach.
    * On the server: when it no longer answers, its copy, opened offline, handed back
      to work on (if this computer has one); else, with *send*, what waits is sent."""
    from keyaccounts.storage.offline import (
        ReplicaDatabase,
        answers,
        open_replica,
        replica_path,
    )

    if isinstance(db, ReplicaDatabase):
        server = reconnect(db)
        if server is None or server is db:
            return Checked(None)
        try:
            result = sync(server, db)
        except BaseException:
            server.close()
            raise
        if result.offline:  # out of reach again, midway: still on the copy
            server.close()
            return Checked(result)
        return Checked(result, server)
    if db.is_file:
        return Checked(None)
    if not answers(db):
        if not replica_path(db.url).exists():
            return Checked(None)
        return Checked(None, open_replica(db.url, offline=True, create=False))
    return Checked(sync_connection(db) if send else None)
