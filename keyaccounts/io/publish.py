"""The agenda in the user's own calendar, over CalDAV (RFC 4791), with the caldav library.

One calendar object per agenda item: the same all-day event, stable UID and alarm as
``export-ics`` (keyaccounts.io.ics), plus ``X-KEYACCOUNTS-DIGEST``, a hash of what the
event says. A publish makes the calendar show the agenda as it is now:

- an item not in the calendar yet is added;
- one whose event says something else (a carried follow-up moved, a title changed) is
  written over, at the address where it is;
- an event the app wrote earlier (its UID ends in ``@keyaccounts.local``) whose item is no
  longer on the agenda (settled, done, out of the window or the kinds) is deleted;
- everything else is left alone: unchanged events are not written again, and events that
  the app did not write are never touched.

So a second publish with nothing changed writes nothing. Give each database its own
calendar: two databases publishing into one would delete each other's events.

The password never touches the database or a file: it comes from the caller (a prompt,
standard input) or from the system keyring (:func:`stored_password`,
:func:`remember_password`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from keyaccounts.domain.errors import Cancelled, KeyAccountsError, ValidationError, never
from keyaccounts.domain.formats import labelled
from keyaccounts.domain.today import AgendaItem
from keyaccounts.i18n import _
from keyaccounts.io.ics import UID_DOMAIN, calendar, event, stamp_now, uid

DIGEST = "X-KEYACCOUNTS-DIGEST"
KEYRING_SERVICE = "KeyAccounts CalDAV"
TIMEOUT_S = 30
CALENDAR_TYPE = "{urn:ietf:params:xml:ns:caldav}calendar"


class PublishError(KeyAccountsError):
    """The calendar could not be reached or written: one line naming the address."""


@dataclass(frozen=True)
class Target:
    """Where to publish: a calendar's address, or a server's (or the user's principal's)
    with *calendar* naming the calendar there (made if it does not exist)."""

    url: str
    user: str = ""
    calendar: str = ""


@dataclass(frozen=True)
class Published:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0

    def as_json(self) -> dict:
        return {"added": self.added, "updated": self.updated, "deleted": self.deleted,
                "unchanged": self.unchanged}


def check_url(url: str, field: str = "url") -> str:
    """*url* if it is an http(s) address with a host; else a ValidationError."""
    text = (url or "").strip()
    try:
        parts = urlsplit(text)
        host, _port = parts.hostname, parts.port  # a bad port raises here
    except ValueError:
        host = None
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not host:
        raise ValidationError(field, url, _(
            "expected the calendar's address, https://… (or http://…)"))
    if parts.username or parts.password:
        shown = parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl()
        raise ValidationError(field, shown, _(
            "leave the user name and password out of the address"))
    return text


def ours(event_uid: str) -> bool:
    return event_uid.endswith("@" + UID_DOMAIN)


def resource(item: AgendaItem, start: date, stamp) -> tuple[str, str, bytes]:
    """(UID, digest, the calendar object) of one item: a VCALENDAR holding its one VEVENT,
    without METHOD (RFC 4791 §4.1). The digest leaves DTSTAMP out: it changes each run."""
    ev = event(item, start, stamp)
    body = b"\n".join(line for line in ev.to_ical().splitlines()
                      if not line.startswith(b"DTSTAMP"))
    digest = hashlib.sha256(body).hexdigest()[:32]
    ev.add(DIGEST, digest)
    cal = calendar()
    cal.add_component(ev)
    return uid(item), digest, cal.to_ical()


def publish(target: Target, password: str | None, items: list[AgendaItem], start: date, *,
            progress=None, cancelled=never) -> Published:
    """Make the calendar at *target* show *items* (see the module's doc). *progress*
    (done, total) is told after each write; *cancelled()* is checked between writes."""
    url = check_url(target.url)
    wanted: dict[str, tuple[str, bytes]] = {}
    stamp = stamp_now()
    for item in items:
        key, digest, data = resource(item, start, stamp)
        wanted.setdefault(key, (digest, data))  # one event per UID, the first wins
    with _failures(url, target.user):
        cal = _open_calendar(target, url, password)
        found: dict[str, list] = {}
        for obj in cal.events():
            try:
                component = obj.icalendar_component
            except Exception:  # noqa: BLE001 — someone else's event we cannot read: not ours
                continue
            key = str(component.get("uid", ""))
            if ours(key):
                found.setdefault(key, []).append((obj, str(component.get(DIGEST, ""))))
        writes = [k for k, (digest, _data) in wanted.items()
                  if k not in found or found[k][0][1] != digest]
        deletes = [obj for k, objs in found.items() for n, (obj, _d) in enumerate(objs)
                   if k not in wanted or n > 0]
        total, done = len(writes) + len(deletes), 0
        added = updated = 0
        for key in writes:
            _stop_if(cancelled)
            data = wanted[key][1].decode("utf-8")
            if key in found:
                obj = found[key][0][0]
                obj.data = data
                obj.save()
                updated += 1
            else:
                cal.save_event(data)
                added += 1
            done += 1
            if progress:
                progress(done, total)
        for obj in deletes:
            _stop_if(cancelled)
            obj.delete()
            done += 1
            if progress:
                progress(done, total)
    return Published(added, updated, len(deletes), len(wanted) - len(writes))


def _stop_if(cancelled) -> None:
    if cancelled():
        raise Cancelled(_("cancelled; the calendar is partly updated: publish again to "
                          "finish"))


def _open_calendar(target: Target, url: str, password: str | None):
    import caldav

    client = caldav.DAVClient(url=url, username=target.user or None,
                              password=password if target.user else None, timeout=TIMEOUT_S)
    if not target.calendar:
        from caldav.elements import dav

        cal = client.calendar(url=url)
        kinds = cal.get_properties([dav.ResourceType()]).get(dav.ResourceType.tag) or []
        if CALENDAR_TYPE not in ([kinds] if isinstance(kinds, str) else kinds):
            raise PublishError(labelled(url, _(
                "not a calendar (give the calendar's own address, or the server's and a "
                "calendar name)")))
        return cal
    principal = client.principal()
    for cal in principal.calendars():
        if (cal.get_display_name() or "") == target.calendar:
            return cal
    return principal.make_calendar(name=target.calendar)


class _failures:
    """Turns what the network and the server say into one line naming the address."""

    def __init__(self, url: str, user: str):
        self.url, self.user = url, user

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is None or isinstance(exc, KeyAccountsError):
            return False
        from caldav.lib import error as dav

        if isinstance(exc, dav.AuthorizationError):
            reason = _("the server refused the user name or password") if self.user else _(
                "the server asks for a user name and password (--user)")
        elif isinstance(exc, dav.NotFoundError):
            reason = _("no calendar at this address (give the calendar's own address, or "
                       "the server's and a calendar name)")
        elif isinstance(exc, dav.DAVError):
            reason = _("the server refused: {what}").format(what=_short(exc))
        elif isinstance(exc, (OSError, TimeoutError)):  # niquests' errors are OSErrors
            reason = _("cannot reach the server ({what})").format(what=_cause(exc))
        else:
            return False
        raise PublishError(labelled(self.url, reason)) from exc


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:120] + "…") if len(text) > 120 else (text or type(exc).__name__)


def _cause(exc: BaseException) -> str:
    """The innermost reason: 'Connection refused', 'Name or service not known', …"""
    text = str(exc)
    for marker in ("[Errno", "Failed to resolve", "timed out", "Read timed out"):
        at = text.find(marker)
        if at >= 0:
            found = text[at:].split("]", 1)[-1] if marker == "[Errno" else text[at:]
            return _short(found.split("'")[0].split(")")[0].strip(" :")) or _short(exc)
    return _short(exc)


# --- the database's calendar and the agenda ----------------------------------------------

SETTING_KEY = "calendar.caldav"  # {"url", "user", "calendar", "keyring"}: never a password


@dataclass(frozen=True)
class Config:
    """The calendar a database publishes to, kept in it (for the app and the command
    line); *keyring*: the password is in the system keyring."""

    target: Target | None = None
    keyring: bool = False


def load_config(db) -> Config:
    from keyaccounts.services import get_setting

    stored = get_setting(db, SETTING_KEY) or {}
    if not isinstance(stored, dict) or not stored.get("url"):
        return Config()
    return Config(Target(str(stored["url"]), str(stored.get("user") or ""),
                         str(stored.get("calendar") or "")), bool(stored.get("keyring")))


def save_config(db, config: Config) -> None:
    """Keep *config* (checked first; an empty address forgets the calendar)."""
    from keyaccounts.services import set_setting

    t = config.target
    if t is None or not t.url.strip():
        set_setting(db, SETTING_KEY, None)
        return
    value = {"url": check_url(t.url), "user": t.user.strip(), "calendar": t.calendar.strip(),
             "keyring": bool(config.keyring)}
    set_setting(db, SETTING_KEY, value)


def check_kinds(kinds) -> tuple[str, ...] | None:
    """Agenda kinds named by the user (None: all), each one the agenda knows."""
    from keyaccounts.services.planner import AGENDA_KINDS

    if not kinds:
        return None
    for kind in kinds:
        if kind not in AGENDA_KINDS:
            raise ValidationError("kinds", kind, _("unknown; known: {kinds}").format(
                kinds=", ".join(AGENDA_KINDS)))
    return tuple(kinds)


def publish_agenda(db, target: Target, password: str | None, *, start: date | None = None,
                   days: int = 90, kinds=None, progress=None, cancelled=never) -> Published:
    """Publish the agenda from *start* (today by the clock) for *days* days, what is
    still pending before it included, of the *kinds* given (all if none)."""
    from keyaccounts.domain import clock
    from keyaccounts.services import planner

    check_url(target.url)
    kinds = check_kinds(kinds)
    start = start or clock.today()
    items = planner.agenda(db, start, days)
    if kinds is not None:
        items = [i for i in items if i.kind in kinds]
    return publish(target, password, items, start, progress=progress, cancelled=cancelled)


# --- the system keyring ------------------------------------------------------------------


def _keyring_name(target: Target) -> str:
    return f"{target.user}@{target.url}"


def stored_password(target: Target) -> str | None:
    """The password the keyring keeps for this user at this address; None if it keeps
    none or there is no usable keyring."""
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, _keyring_name(target))
    except (ImportError, KeyringError, RuntimeError):
        return None


def remember_password(target: Target, password: str) -> None:
    """Keep *password* in the system keyring (never in the database or a file); a
    PublishError if the system has no keyring to keep it."""
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, _keyring_name(target), password)
    except (ImportError, KeyringError, RuntimeError) as exc:
        raise PublishError(_("no system keyring to keep the password in ({what})").format(
            what=_short(exc))) from exc


def forget_password(target: Target) -> None:
    try:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError

        keyring.delete_password(KEYRING_SERVICE, _keyring_name(target))
    except (ImportError, PasswordDeleteError, KeyringError, RuntimeError):
        pass
