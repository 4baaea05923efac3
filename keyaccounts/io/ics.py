"""iCalendar (RFC 5545) export of the agenda, with the icalendar library.

One all-day VEVENT per agenda item. The UID comes from the item's stable key,
so importing a newer export updates events instead of doubling them; items
with a lead time carry a VALARM that many days ahead, the rest one at 09:00.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from keyaccounts import __version__
from keyaccounts.domain import clock
from keyaccounts.domain.today import AgendaItem

UID_DOMAIN = "keyaccounts.local"


def uid(item: AgendaItem) -> str:
    """Stable across exports: a promise carried on, or a keep-in-touch round whose date
    moved, keeps its UID, so a calendar updates the event instead of adding one."""
    safe = "".join(ch if ch.isalnum() or ch in "-." else "-" for ch in (item.series or item.key))
    return f"{safe}@{UID_DOMAIN}"


def stamp_now() -> datetime:
    """DTSTAMP: now by the clock, in UTC, to the second."""
    return clock.now().astimezone(timezone.utc).replace(microsecond=0)


def calendar():
    """An empty VCALENDAR with the app's PRODID (no METHOD: see :func:`to_ics`)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", f"-//KeyAccounts//KeyAccounts {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    return cal


def event(item: AgendaItem, start: date, stamp: datetime):
    """The all-day VEVENT of one agenda item, with its alarm; what is overdue is shown on
    *start*, where it will be seen. A calendar file and a CalDAV calendar get the same."""
    from icalendar import Alarm, Event

    ev = Event()
    ev.add("uid", uid(item))
    ev.add("dtstamp", stamp)
    day = max(item.date, start)
    ev.add("dtstart", day)
    ev.add("dtend", day + timedelta(days=1))
    summary = item.title if not item.account else f"{item.title} — {item.account}"
    if item.date < start:
        summary = f"! {summary} ({item.date.isoformat()})"
    ev.add("summary", summary)
    lines = [f"{item.kind}"]
    if item.contact:
        lines.append(item.contact)
    if item.overdue:
        lines.append("overdue")
    ev.add("description", "\n".join(lines))
    ev.add("categories", [item.kind])
    ev.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    if item.lead_days:
        alarm.add("trigger", timedelta(days=-item.lead_days))
    else:
        alarm.add("trigger", timedelta(hours=9))
    ev.add_component(alarm)
    return ev


def to_ics(items: list[AgendaItem], start: date, *, stamp: datetime | None = None) -> bytes:
    """The agenda as one calendar file (METHOD:PUBLISH, for import or subscription)."""
    stamp = stamp or stamp_now()
    cal = calendar()
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "KeyAccounts")
    for item in items:
        cal.add_component(event(item, start, stamp))
    return cal.to_ical()


def write_ics(path, items: list[AgendaItem], start: date, *, force: bool = False,
              protect=None) -> int:
    """Write the calendar safely (see storage.files; *protect*: the database's path)."""
    from keyaccounts.storage.files import write_output

    write_output(path, to_ics(items, start), force=force, protect=protect)
    return len(items)

