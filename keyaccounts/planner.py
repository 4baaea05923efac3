"""The planner: one agenda of what is overdue, due today and coming.

Sources, each item with a stable ``key`` (kind, source and the day it was
planned for) so that moving, snoozing or finishing it sticks, and an exported
calendar event keeps its identity:

* open follow-ups of the chain, on their due dates;
* cadences (DOMAIN.md §4). A *keep-in-touch interval* is due ``ideal_days``
  after the last matching interaction and overdue after ``max_days``. A *fixed
  schedule* (RFC 5545 rule) plans each occurrence; a matching interaction within
  ``tolerance_days`` either side satisfies it, and the latest unsatisfied past
  occurrence is overdue. Accounts without cadences of their own follow the
  defaults of their tier (:data:`DEFAULT_CADENCES`). "Matching" means one of the
  cadence's kinds and, when the cadence names a level, a contact of that level;
* care: birthdays (solar or lunar, see :mod:`keyaccounts.dates` for leap months
  and short months), work anniversaries, and festivals — lunar 春节 元宵 端午 七夕
  中秋 重阳 (always in the ordinary month of that number), solar 元旦 国庆, the solar
  term 清明, and user-defined ones;
* contract renewals, reminded 90 and 30 days ahead.

Care items carry a lead time (days ahead to act: buy a gift, write a card).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from keyaccounts.dates import Birthday
from keyaccounts.db import Database
from keyaccounts.errors import ValidationError
from keyaccounts.i18n import N_, _
from keyaccounts.model import (
    Account,
    AgendaMark,
    Cadence,
    CadenceMode,
    Contact,
    FollowUp,
    FollowUpStatus,
    Interaction,
    Level,
    Setting,
    Tier,
)

AGENDA_KINDS = ("follow-up", "visit", "call", "exec-meeting", "tech-meeting", "review",
                "birthday", "anniversary", "festival", "renewal", "complaint-deadline")
RENEWAL_REMINDERS = (90, 30)

# Tier defaults (DOMAIN.md §1, §4): how often, and at what level, to be in touch.
DEFAULT_CADENCES: dict[Tier, list[dict]] = {
    Tier.A: [dict(title=N_("Executive meeting each quarter"), kinds=["exec-meeting"],
                  level="exec", rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU", tolerance_days=21),
             dict(title=N_("Visit each month"), kinds=["visit", "review"], level=None,
                  ideal_days=30, max_days=45)],
    Tier.B: [dict(title=N_("Visit each quarter"), kinds=["visit", "review"], level=None,
                  ideal_days=90, max_days=120)],
    Tier.C: [dict(title=N_("Call every six months"), kinds=["call", "visit"], level=None,
                  ideal_days=180, max_days=240)],
}

DEFAULT_LEAD_DAYS = {"birthday": 7, "anniversary": 3, "festival": 7, "renewal": 0}
LEAD_DAYS_SETTING = "care.lead_days"
CUSTOM_FESTIVALS_SETTING = "care.festivals"

# (key, name, month, day, lunar); 清明 is a solar term, not a date of either calendar.
FESTIVALS = [
    ("new-year", N_("New Year's Day"), 1, 1, False),            # 元旦
    ("spring-festival", N_("Spring Festival"), 1, 1, True),     # 春节
    ("lantern", N_("Lantern Festival"), 1, 15, True),           # 元宵
    ("qingming", N_("Qingming Festival"), None, None, False),   # 清明
    ("dragon-boat", N_("Dragon Boat Festival"), 5, 5, True),    # 端午
    ("qixi", N_("Qixi Festival"), 7, 7, True),                  # 七夕
    ("mid-autumn", N_("Mid-Autumn Festival"), 8, 15, True),     # 中秋
    ("national-day", N_("National Day"), 10, 1, False),         # 国庆
    ("double-ninth", N_("Double Ninth Festival"), 9, 9, True),  # 重阳
]


@dataclass(frozen=True)
class AgendaItem:
    date: date
    kind: str
    account: str | None
    contact: str | None
    title: str
    overdue: bool
    source_id: int | str | None
    key: str
    planned: date  # the day it was planned for, before any move
    lead_days: int = 0
    account_id: int | None = None
    movable: bool = True
    series: str = ""  # what stays the same when the item moves on (calendar UID)

    def as_json(self) -> dict:
        return {"date": self.date.isoformat(), "kind": self.kind, "account": self.account,
                "contact": self.contact, "title": self.title, "overdue": self.overdue,
                "source_id": self.source_id, "key": self.key, "planned": self.planned.isoformat(),
                "lead_days": self.lead_days}


def qingming(year: int) -> date | None:
    from lunar_python import Lunar

    try:
        solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    except Exception:  # outside lunar-python's range
        return None
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def festival_dates(year: int, custom: list[dict] | None = None) -> list[tuple[str, str, date]]:
    """(key, name, Gregorian date) of each festival in Gregorian *year*."""
    out = []
    specs = [(key, _(name), month, day, lunar) for key, name, month, day, lunar in FESTIVALS]
    for spec in custom or []:
        specs.append((f"custom-{spec['name']}", spec["name"], int(spec["month"]),
                      int(spec["day"]), bool(spec.get("lunar"))))
    for key, name, month, day, lunar in specs:
        if month is None:
            when = qingming(year)
            if when:
                out.append((key, name, when))
            continue
        b = Birthday(month, day, lunar=lunar)
        for y in ((year - 1, year) if lunar else (year,)):
            when = b.occurrence_in(y)
            if when and when.year == year:
                out.append((key, name, when))
    return out


@dataclass
class _Cad:
    id: int | None
    account_id: int
    title: str
    kinds: list[str]
    level: str | None
    mode: str
    ideal_days: int | None = None
    max_days: int | None = None
    rrule: str | None = None
    starts_on: date | None = None
    tolerance_days: int = 7
    default_index: int = 0  # which tier default, when id is None


def effective_cadences(account: Account) -> list[_Cad]:
    """The account's own active cadences, or its tier's defaults when it has none."""
    own = [c for c in account.cadences if c.active]
    if own:
        return [_Cad(c.id, account.id, c.title, list(c.kinds), c.level.value if c.level else None,
                     c.mode.value, c.ideal_days, c.max_days, c.rrule, c.starts_on,
                     c.tolerance_days) for c in own]
    result = []
    for n, spec in enumerate(DEFAULT_CADENCES[account.tier]):
        mode = "schedule" if "rrule" in spec else "interval"
        result.append(_Cad(None, account.id, _(spec["title"]), spec["kinds"], spec["level"], mode,
                           spec.get("ideal_days"), spec.get("max_days"), spec.get("rrule"),
                           account.created_at.date(), spec.get("tolerance_days", 7), n))
    return result


def _cadence_source(c: _Cad) -> str:
    return str(c.id) if c.id is not None else f"{c.account_id}-tier{c.default_index}"


def _agenda_kind(kinds: list[str]) -> str:
    for k in kinds:
        if k in ("visit", "call", "exec-meeting", "tech-meeting", "review"):
            return k
    return "visit"


def lead_days(db: Database) -> dict[str, int]:
    from keyaccounts.services import get_setting

    stored = get_setting(db, LEAD_DAYS_SETTING, {}) or {}
    return {**DEFAULT_LEAD_DAYS, **{k: int(v) for k, v in stored.items()}}


def agenda(db: Database, start: date | None = None, days: int = 30, *,
           today: date | None = None, include_marked: bool = False) -> list[AgendaItem]:
    """Items from *start* for *days* days, plus what is still pending before *start*.

    Pending items before *start* (open follow-ups, unsatisfied planned contacts)
    come first with ``overdue`` set when they are past their limit.
    Snoozed and done items are left out unless *include_marked*.
    """
    start = start or today or date.today()
    if days < 1 or days > 3660:
        raise ValidationError("days", days, _("must be 1 to 3660"))
    end = start + timedelta(days=days)  # exclusive
    leads = lead_days(db)
    items: list[AgendaItem] = []
    with db.session() as s:
        marks = {m.key: m for m in s.scalars(select(AgendaMark))}
        accounts = s.scalars(select(Account).where(Account.archived.is_(False))
                             .options(selectinload(Account.cadences))).all()
        names = {a.id: a.name for a in accounts}

        # Follow-ups: a carried promise stays one series, named by its first follow-up.
        carried_from = dict(s.execute(select(FollowUp.id, FollowUp.carried_from_id)
                                      .where(FollowUp.carried_from_id.is_not(None))).all())
        for f in s.scalars(select(FollowUp).where(FollowUp.status == FollowUpStatus.OPEN,
                                                  FollowUp.due < end)):
            if f.account_id not in names:
                continue
            root = f.id
            while root in carried_from:
                root = carried_from[root]
            items.append(AgendaItem(f.due, "follow-up", names[f.account_id], None, f.text,
                                    f.due < start, f.id, f"follow-up:{f.id}", f.due,
                                    account_id=f.account_id, series=f"follow-up:{root}"))

        # Cadences need the matching interactions: kinds and the levels of those met.
        horizon = start - timedelta(days=800)
        met_levels: dict[int, set[str]] = defaultdict(set)
        rows = s.execute(select(Interaction.id, Interaction.account_id, Interaction.kind,
                                Interaction.occurred_at)
                         .where(Interaction.occurred_at >= datetime.combine(horizon,
                                                                            datetime.min.time())))
        history: dict[int, list[tuple[date, str, int]]] = defaultdict(list)
        for iid, account_id, kind, occurred in rows:
            history[account_id].append((occurred.date(), kind.value, iid))
        from keyaccounts.model import interaction_contact

        for iid, level in s.execute(
                select(interaction_contact.c.interaction_id, Contact.level)
                .join(Contact, Contact.id == interaction_contact.c.contact_id)
                .join(Interaction, Interaction.id == interaction_contact.c.interaction_id)
                .where(Interaction.occurred_at >= datetime.combine(horizon,
                                                                   datetime.min.time()))):
            met_levels[iid].add(level.value)
        for a in accounts:
            if a.status.value == "churned":
                continue
            for c in effective_cadences(a):
                matches = sorted(d for d, kind, iid in history[a.id] if kind in c.kinds
                                 and (c.level is None or c.level in met_levels[iid]))
                items.extend(_cadence_items(c, a, matches, start, end, marks))

        # Care: birthdays and work anniversaries of current key contacts.
        for c in s.scalars(select(Contact).where(Contact.archived.is_(False),
                                                 Contact.left_on.is_(None))):
            if c.account_id not in names:
                continue
            if c.birthday_month and c.birthday_day:
                b = Birthday(c.birthday_month, c.birthday_day, c.birthday_year,
                             c.birthday_lunar, c.birthday_leap)
                day = b.next_after(start)
                while day and day < end:
                    label = _("Lunar birthday") if b.lunar else _("Birthday")
                    items.append(AgendaItem(day, "birthday", names[c.account_id], c.name,
                                            f"{label}: {c.name}", False, c.id,
                                            f"birthday:{c.id}:{day.isoformat()}", day,
                                            leads["birthday"], c.account_id))
                    day = b.next_after(day + timedelta(days=1))
            if c.joined_on:
                for year in range(start.year, end.year + 1):
                    try:
                        day = c.joined_on.replace(year=year)
                    except ValueError:
                        day = date(year, 2, 28)
                    years = year - c.joined_on.year
                    if years >= 1 and start <= day < end:
                        items.append(AgendaItem(
                            day, "anniversary", names[c.account_id], c.name,
                            _("{name}: {years} years at the company").format(
                                name=c.name, years=years),
                            False, c.id, f"anniversary:{c.id}:{day.isoformat()}", day,
                            leads["anniversary"], c.account_id))

        custom = (s.get(Setting, CUSTOM_FESTIVALS_SETTING) or Setting(value=[])).value or []
        for year in range(start.year, end.year + 1):
            for key, name, day in festival_dates(year, custom):
                if start <= day < end:
                    items.append(AgendaItem(day, "festival", None, None,
                                            _("{festival}: greetings to key contacts").format(
                                                festival=name),
                                            False, key, f"festival:{key}:{day.isoformat()}",
                                            day, leads["festival"]))

        for a in accounts:
            if not a.renewal_date or a.status.value == "churned":
                continue
            for ahead in RENEWAL_REMINDERS:
                day = a.renewal_date - timedelta(days=ahead)
                if start <= day < end:
                    items.append(AgendaItem(
                        day, "renewal", a.name, None,
                        _("Contract renewal on {day} (in {n} days)").format(
                            day=a.renewal_date.isoformat(), n=ahead),
                        False, a.id, f"renewal:{a.id}:{day.isoformat()}", day, 0, a.id,
                        movable=False))

    return _apply_marks(items, marks, start, end, include_marked)


def _cadence_items(c: _Cad, a: Account, matches: list[date], start: date, end: date,
                   marks: dict[str, AgendaMark]) -> list[AgendaItem]:
    kind = _agenda_kind(c.kinds)
    source = _cadence_source(c)
    if c.mode == "interval":
        last = matches[-1] if matches else (c.starts_on or a.created_at.date())
        key_base = f"cadence:{source}"
        # A "done" mark on the current round counts as a contact on that day.
        due = last + timedelta(days=c.ideal_days)
        mark = marks.get(f"{key_base}:{due.isoformat()}")
        if mark and mark.done_on:
            last = max(last, mark.done_on)
            due = last + timedelta(days=c.ideal_days)
        limit = last + timedelta(days=c.max_days)
        if due >= end:
            return []
        return [AgendaItem(due, kind, a.name, None, c.title, start > limit, source,
                           f"{key_base}:{due.isoformat()}", due, 0, a.id, series=key_base)]
    from dateutil.rrule import rrulestr

    rule = rrulestr(c.rrule, dtstart=datetime.combine(c.starts_on, datetime.min.time()))
    tol = timedelta(days=c.tolerance_days)
    window_start = start - timedelta(days=400)
    occurrences = [o.date() for o in rule.between(
        datetime.combine(max(window_start, c.starts_on), datetime.min.time()),
        datetime.combine(end, datetime.min.time()), inc=True)]
    out = []
    latest_missed = None
    for o in occurrences:
        satisfied = any(o - tol <= d <= o + tol for d in matches)
        key = f"cadence:{source}:{o.isoformat()}"
        if satisfied:
            continue
        if o < start:
            latest_missed = (o, key)
            continue
        out.append(AgendaItem(o, kind, a.name, None, c.title, False, source, key, o, 0, a.id))
    if latest_missed:
        o, key = latest_missed
        later = [x for x in occurrences if o < x < start]
        if not later:  # only the newest missed occurrence is still actionable
            out.insert(0, AgendaItem(o, kind, a.name, None, c.title, o + tol < start, source,
                                     key, o, 0, a.id))
    return out


def _apply_marks(items: list[AgendaItem], marks: dict[str, AgendaMark], start: date, end: date,
                 include_marked: bool) -> list[AgendaItem]:
    result = []
    for item in items:
        mark = marks.get(item.key)
        if mark is not None:
            if mark.done_on and not include_marked:
                continue
            if mark.moved_to:
                item = replace(item, date=mark.moved_to, overdue=item.overdue and
                               mark.moved_to < start)
                if item.date >= end:
                    continue
            if mark.snoozed_until and mark.snoozed_until > start and not include_marked:
                continue
        result.append(item)
    result.sort(key=lambda i: (i.date, AGENDA_KINDS.index(i.kind), i.account or "", i.title))
    return result


# --- acting on agenda items -----------------------------------------------------------------


def _mark(db: Database, key: str, **fields) -> None:
    with db.transaction() as s:
        mark = s.get(AgendaMark, key) or AgendaMark(key=key)
        for name, value in fields.items():
            setattr(mark, name, value)
        s.add(mark)


def reschedule(db: Database, item: AgendaItem, to: date, *, today: date | None = None) -> None:
    """Move an item to another day; a follow-up is carried, keeping its history."""
    from keyaccounts import services

    if not item.movable:
        raise ValidationError("item", item.title, _("cannot be moved"))
    if item.kind == "follow-up":
        services.carry_followup(db, int(item.source_id), to, on=today)
    else:
        _mark(db, item.key, moved_to=to)


def snooze(db: Database, item: AgendaItem, until: date) -> None:
    """Hide an item until *until*; it then shows again where it was."""
    _mark(db, item.key, snoozed_until=until)


def mark_done(db: Database, item: AgendaItem, on: date | None = None) -> None:
    """Mark an item done; a follow-up is settled, a planned contact counts as made."""
    from keyaccounts import services

    on = on or date.today()
    if item.kind == "follow-up":
        services.settle_followup(db, int(item.source_id), on=on)
    else:
        _mark(db, item.key, done_on=on)


def find_item(db: Database, key: str, start: date, days: int = 400) -> AgendaItem:
    for item in agenda(db, start - timedelta(days=days), days * 2, include_marked=True):
        if item.key == key:
            return item
    raise ValidationError("item", key, _("no such agenda item"))


@dataclass(frozen=True)
class CareGift:
    day: date
    contact: str
    gift: str
    value: int | None


def gifts_given(db: Database, account: str | int, contacts: list[int] | None = None
                ) -> list[CareGift]:
    """What was given to an account's contacts, newest first."""
    from keyaccounts.services import get_account

    with db.session() as s:
        acc = get_account(s, account)
        query = (select(Interaction).where(Interaction.account_id == acc.id,
                                           Interaction.gift != "")
                 .options(selectinload(Interaction.contacts))
                 .order_by(Interaction.occurred_at.desc()))
        out = []
        for i in s.scalars(query):
            people = [c for c in i.contacts if not contacts or c.id in contacts]
            if contacts and not people:
                continue
            out.append(CareGift(i.occurred_at.date(), ", ".join(c.name for c in people),
                                i.gift, i.gift_value))
        return out



def customize_cadences(db: Database, account: str | int) -> None:
    """Give an account its own copy of its tier's default cadences, to edit."""
    from keyaccounts.services import get_account

    with db.transaction() as s:
        acc = get_account(s, account)
        if any(c.active for c in acc.cadences):
            return
        for c in effective_cadences(acc):
            s.add(Cadence(account_id=acc.id, title=c.title, kinds=list(c.kinds),
                          level=Level(c.level) if c.level else None,
                          mode=CadenceMode(c.mode), ideal_days=c.ideal_days,
                          max_days=c.max_days, rrule=c.rrule, starts_on=c.starts_on,
                          tolerance_days=c.tolerance_days))


def parse_custom_festivals(text: str) -> list[dict]:
    """One festival a line: ``NAME MM-DD`` or ``NAME 农历 MM-DD`` / ``NAME lunar MM-DD``."""
    import re

    festivals = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"(.+?)\s+(?:(lunar|农历)\s+)?(\d{1,2})-(\d{1,2})", line, re.IGNORECASE)
        if not m:
            raise ValidationError(f"line {number}", line,
                                  _("expected NAME MM-DD or NAME lunar MM-DD"))
        lunar = m.group(2) is not None
        month, day = int(m.group(3)), int(m.group(4))
        from keyaccounts.dates import make_birthday

        make_birthday(month, day, lunar=lunar, field=f"line {number}")
        festivals.append({"name": m.group(1).strip(), "month": month, "day": day,
                          "lunar": lunar})
    return festivals


def format_custom_festivals(festivals: list[dict]) -> str:
    return "\n".join(f"{f['name']} {'lunar ' if f.get('lunar') else ''}{f['month']:02d}-{f['day']:02d}"
                     for f in festivals)


def set_custom_festivals(db: Database, text: str) -> list[dict]:
    from keyaccounts.services import set_setting

    festivals = parse_custom_festivals(text)
    set_setting(db, CUSTOM_FESTIVALS_SETTING, festivals)
    return festivals


def custom_festivals(db: Database) -> list[dict]:
    from keyaccounts.services import get_setting

    return get_setting(db, CUSTOM_FESTIVALS_SETTING, []) or []
