"""The planner: one agenda of what is overdue, due today and coming.

Sources, each item with a stable ``key`` (kind, source and the day it was
planned for) so that moving, snoozing or finishing it sticks, and an exported
calendar event keeps its identity; :func:`agenda` gathers them, one function each:

* open follow-ups of the chain, on their due dates (``_followup_items``);
* cadences (DOMAIN.md §4; ``_planned_contacts``). A *keep-in-touch interval* is due
  ``ideal_days`` after the last matching interaction and overdue after ``max_days``. A
  *fixed schedule* (RFC 5545 rule) plans each occurrence; a matching interaction within
  ``tolerance_days`` either side satisfies it, and the latest unsatisfied past
  occurrence is overdue. Accounts without cadences of their own follow the
  defaults of their tier (:data:`DEFAULT_CADENCES`). "Matching" means one of the
  cadence's kinds and, when the cadence names a level, a contact of that level;
* care: birthdays (solar or lunar, see :mod:`keyaccounts.domain.dates` for leap months
  and short months) and work anniversaries (``_care_items``), and festivals — lunar 春节
  元宵 端午 七夕 中秋 重阳 (always in the ordinary month of that number), solar 元旦 国庆,
  the solar term 清明, and user-defined ones — with the partnerships' anniversaries
  (``_festival_items``);
* complaint response deadlines, until the first response (``_complaint_deadlines``);
* contract renewals, reminded 90 and 30 days ahead (``_renewal_items``).

Care items carry a lead time (days ahead to act: buy a gift, write a card).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from keyaccounts.domain.dates import anniversaries, is_leap_year, next_birthday
from keyaccounts.domain.formats import both_calendars, labelled, relative_day, short_date
from keyaccounts.domain.errors import ValidationError
from keyaccounts.perf import bulk
from keyaccounts.i18n import N_, _
from keyaccounts.services.outbox import replayable
from keyaccounts.domain.today import AgendaItem
from keyaccounts.domain import clock
from keyaccounts.domain.festivals import BY_KEY, festival_dates, window_end
from keyaccounts.domain.festivals import AWAY, VISITS, WINDOW
from keyaccounts.domain.settings import FESTIVALS as OWN_FESTIVALS, GREETINGS, LEAD_DAYS
from keyaccounts.domain.settings import XIAONIAN
from keyaccounts.domain.tiers import TIER_RHYTHMS

if TYPE_CHECKING:
    from keyaccounts.storage.db import Database
    from keyaccounts.storage.model import Account

AGENDA_KINDS = ("follow-up", "visit", "call", "exec-meeting", "tech-meeting", "review",
                "birthday", "anniversary", "festival", "renewal", "complaint-deadline")
_KIND_ORDER = {kind: n for n, kind in enumerate(AGENDA_KINDS)}
RENEWAL_REMINDERS = (90, 30)
# A level-specific keep-in-touch cadence looks back this far for its last contact;
# none in that time counts as none at all (the contact is long overdue either way).
LEVEL_HORIZON_DAYS = 730

# Tier defaults (DOMAIN.md §1, §4): how often, and at what level, to be in touch.
DEFAULT_CADENCES: dict[str, list[dict]] = {
    "A": [dict(title=N_("Executive meeting each quarter"), kinds=["exec-meeting"],
                  level="exec", rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU", tolerance_days=21),
             dict(title=N_("Visit each month"), kinds=["visit", "review"], level=None,
                  ideal_days=TIER_RHYTHMS["A"].ideal_days, max_days=TIER_RHYTHMS["A"].max_days)],
    "B": [dict(title=N_("Visit each quarter"), kinds=["visit", "review"], level=None,
                  ideal_days=TIER_RHYTHMS["B"].ideal_days, max_days=TIER_RHYTHMS["B"].max_days)],
    "C": [dict(title=N_("Call every six months"), kinds=["call", "visit"], level=None,
                  ideal_days=TIER_RHYTHMS["C"].ideal_days, max_days=TIER_RHYTHMS["C"].max_days)],
}

DEFAULT_LEAD_DAYS = LEAD_DAYS.default
LEAD_DAYS_SETTING = LEAD_DAYS.key
CUSTOM_FESTIVALS_SETTING = OWN_FESTIVALS.key

def _festival_title(festival, name: str, when: date) -> str:
    """What the agenda says of a festival on *when*: a greeting, 春节's greeting window
    (除夕 to 初七), 拜年 visits until 元宵, or a day customers are away (清明)."""
    if festival is None:  # the user's own
        return _("{festival}: greetings to key contacts").format(festival=name)
    name = _(festival.name)
    if festival.custom == WINDOW:
        return _("{festival}: New Year greetings to key contacts from New Year's Eve "
                 "to {end}").format(festival=name, end=short_date(window_end(festival, when),
                                                                  when))
    if festival.custom == VISITS:
        return _("New Year visits to key accounts until the Lantern Festival ({end})").format(
            end=short_date(window_end(festival, when), when))
    if festival.custom == AWAY:
        return _("{festival}: customers are away; plan no visits").format(festival=name)
    return _("{festival}: greetings to key contacts").format(festival=name)


def _partnerships(w: _Window, start: date, end: date, lead: int) -> list:
    """The partnership's anniversaries (合作周年) in [start, end): a year on from each
    account's first order."""
    from sqlalchemy import func, select

    from keyaccounts.storage.model import Order

    names = w.names
    items = []
    for aid, first in w.run(w.only(select(Order.account_id, func.min(Order.ordered_on)),
                                   Order.account_id).group_by(Order.account_id)):
        if aid not in names or first is None:
            continue
        first = first if isinstance(first, date) else date.fromisoformat(str(first)[:10])
        for when, years in anniversaries(first, start, end):
            items.append(AgendaItem(
                when, "anniversary", names[aid], None,
                _("{account}: {years} years of partnership").format(
                    account=names[aid], years=years),
                False, aid, f"partnership:{aid}:{when.isoformat()}", when, lead, aid))
    return items


def _solar_days_filter(query, start: date, end: date):
    """*query* (of contacts) keeping lunar birthdays, anniversaries, and the solar
    birthdays whose month and day fall in [start, end): a month's window reads a
    twelfth of them."""
    from keyaccounts.storage.model import Contact

    if (end - start).days >= 366:
        return query
    days, day = set(), start
    while day < end:
        days.add(day.month * 100 + day.day)
        if day.month == 2 and day.day == 28 and not is_leap_year(day.year):
            days.add(229)  # 29 February falls on the 28th in common years
        day += timedelta(days=1)
    return query.where(Contact.birthday_lunar | Contact.joined_on.is_not(None)
                       | (Contact.birthday_month * 100 + Contact.birthday_day).in_(sorted(days)))


class _Mark:
    """What the user did to a planned item (an agenda_mark row), as the agenda reads it."""

    __slots__ = ("moved_to", "snoozed_until", "done_on")

    def __init__(self, moved_to: date | None, snoozed_until: date | None,
                 done_on: date | None):
        self.moved_to, self.snoozed_until, self.done_on = moved_to, snoozed_until, done_on


@dataclass(slots=True)
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
    own = [_Cad(c.id, account.id, c.title, list(c.kinds), c.level.value if c.level else None,
                c.mode.value, c.ideal_days, c.max_days, c.rrule, c.starts_on, c.tolerance_days)
           for c in account.cadences if c.active]
    return own or tier_defaults(account.id, account.tier.value, account.created_at.date())


def tier_defaults(account_id: int, tier: str, created: date) -> list[_Cad]:
    return [_Cad(None, account_id, title, kinds, level, mode, ideal, maximum, rule, created,
                 tolerance, n)
            for n, (title, kinds, level, mode, ideal, maximum, rule, tolerance)
            in enumerate(_tier_specs(tier, _(DEFAULT_CADENCES["A"][0]["title"])))]


@lru_cache(maxsize=32)
def _tier_specs(tier: str, _language_marker: str) -> tuple[tuple, ...]:
    """A tier's default cadences, translated (cached per language: the marker is a
    translated title)."""
    return tuple((_(spec["title"]), spec["kinds"], spec["level"],
                  "schedule" if "rrule" in spec else "interval", spec.get("ideal_days"),
                  spec.get("max_days"), spec.get("rrule"), spec.get("tolerance_days", 7))
                 for spec in DEFAULT_CADENCES[tier])


def _cadence_source(c: _Cad) -> str:
    return str(c.id) if c.id is not None else f"{c.account_id}-tier{c.default_index}"


def _agenda_kind(kinds: list[str]) -> str:
    for k in kinds:
        if k in ("visit", "call", "exec-meeting", "tech-meeting", "review"):
            return k
    return "visit"


def lead_days(db: Database) -> dict[str, int]:
    from keyaccounts.services.settings import get_setting

    return _lead_days(get_setting(db, LEAD_DAYS_SETTING))


def _lead_days(stored: dict | None) -> dict[str, int]:
    return {k: int(v) for k, v in LEAD_DAYS.value(stored).items()}


@bulk
def agenda(db: Database, start: date | None = None, days: int = 30, *,
           today: date | None = None, include_marked: bool = False,
           pending: bool = True, snoozed: bool = False) -> list[AgendaItem]:
    """Items from *start* for *days* days, plus what is still pending before *start*.

    Pending items before *start* (open follow-ups, unsatisfied planned contacts)
    come first with ``overdue`` set when they are past their limit; a calendar,
    which shows only its own days, leaves them out with ``pending=False``.
    Snoozed and done items are left out unless *include_marked*; with *snoozed*, a
    snoozed item is shown on the day it returns, with ``snoozed_until`` set (the Today
    page: it showed nowhere, as if gone).

    One function per source of items (the module's docstring lists them), each reading
    what it needs on one connection (:class:`_Window`); the marks (moved, snoozed, done)
    apply to them all. On a team server, a manager's own (:func:`own_agenda`).
    """
    start = start or today or clock.today()
    result = own_agenda(db, _gather(db, start, days, pending, include_marked, snoozed, None,
                                    True))
    return result if pending else [i for i in result if i.date >= start]


def account_agendas(db: Database, start: date, days: int,
                    accounts: Collection[int] | None = None, *,
                    snoozed: bool = False) -> list[AgendaItem]:
    """The agenda's items (pending ones included, marked ones left out) of *accounts*
    (None: every account) as anyone who may read them sees them: no festival's, and on a
    team server not a manager's own pick (the per-account cache of
    keyaccounts.storage.snapshot keeps them per account and assembles the agenda:
    :func:`festival_agenda`, then :func:`own_agenda`)."""
    return _gather(db, start, days, True, False, snoozed, accounts, False)


def festival_agenda(db: Database, start: date, days: int, *,
                    snoozed: bool = False) -> list[AgendaItem]:
    """The festivals' items of the agenda (of no one account), as :func:`agenda` has
    them."""
    return _gather(db, start, days, True, False, snoozed, (), True)


def _gather(db: Database, start: date, days: int, pending: bool, include_marked: bool,
            snoozed: bool, accounts: Collection[int] | None,
            festivals: bool) -> list[AgendaItem]:
    if days < 1 or days > 3660:
        raise ValidationError("days", days, _("must be 1 to 3660"))
    end = start + timedelta(days=days)  # exclusive
    with db.engine.connect() as c:
        w = _window(c, start, end, pending, accounts)
        marks = _marks(w)
        items = [*_festival_items(w)] if festivals else []
        if w.accounts:
            items += [*_followup_items(w), *_planned_contacts(w, marks), *_care_items(w),
                      *_complaint_deadlines(w), *_partnership_items(w), *_renewal_items(w)]
    return _apply_marks(items, marks, start, end, include_marked, snoozed)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


@dataclass(slots=True)
class _Window:
    """What every source of agenda items reads: one connection (plain tuples of Core
    statements: this runs over whole portfolios), the days asked for, and the accounts
    shown with their names and the care lead times."""

    c: Any
    start: date
    end: date  # exclusive
    pending: bool  # also what is still pending before start
    accounts: list  # (id, name, tier, status, renewal, created) of accounts not archived
    names: dict[int, str]
    leads: dict[str, int]
    ids: list[int] | None = None  # only these accounts (None: all)

    def run(self, query) -> list:
        return self.c.execute(query).all()

    def only(self, query, column):
        """*query* kept to the accounts asked for, by *column* (an account id)."""
        return query if self.ids is None else query.where(column.in_(self.ids))

    def setting(self, key: str):
        from sqlalchemy import select

        from keyaccounts.storage.model import Setting

        return self.c.scalar(select(Setting.value).where(Setting.key == key))


def _window(c, start: date, end: date, pending: bool,
            ids: Collection[int] | None = None) -> _Window:
    from sqlalchemy import select

    from keyaccounts.storage.model import Account

    ids = None if ids is None else sorted(ids)
    query = select(Account.id, Account.name, Account.tier, Account.status,
                   Account.renewal_date, Account.created_at).where(~Account.archived)
    if ids is not None:
        query = query.where(Account.id.in_(ids))
    accounts = c.execute(query).all() if ids != [] else []
    w = _Window(c, start, end, pending, accounts, {a[0]: a[1] for a in accounts}, {}, ids)
    w.leads = _lead_days(w.setting(LEAD_DAYS_SETTING))
    return w


def _marks(w: _Window) -> dict[str, _Mark]:
    """The marks on agenda items, by key: moved, snoozed, done."""
    from sqlalchemy import select

    from keyaccounts.storage.model import AgendaMark

    return {key: _Mark(moved, snoozed, done) for key, moved, snoozed, done in w.run(
        select(AgendaMark.key, AgendaMark.moved_to, AgendaMark.snoozed_until,
               AgendaMark.done_on))}


def _followup_items(w: _Window) -> list[AgendaItem]:
    """Open follow-ups on their due dates: a carried promise stays one series, named by
    its first follow-up."""
    from sqlalchemy import select

    from keyaccounts.storage.model import FollowUp, FollowUpStatus

    start, names = w.start, w.names
    carried_from = dict(w.run(select(FollowUp.id, FollowUp.carried_from_id)
                              .where(FollowUp.carried_from_id.is_not(None))))
    due_in = select(FollowUp.id, FollowUp.account_id, FollowUp.text, FollowUp.due).where(
        FollowUp.status == FollowUpStatus.OPEN, FollowUp.due < w.end)
    items = []
    due_in = w.only(due_in, FollowUp.account_id)
    for fid, aid, text_, due in w.run(due_in if w.pending
                                      else due_in.where(FollowUp.due >= start)):
        if aid not in names:
            continue
        root = fid
        while root in carried_from:
            root = carried_from[root]
        key = f"follow-up:{fid}"
        items.append(AgendaItem(due, "follow-up", names[aid], None, text_, due < start, fid,
                                key, due, 0, aid, True,
                                key if root == fid else f"follow-up:{root}"))
    return items


def _planned_contacts(w: _Window, marks: dict[str, _Mark]) -> list[AgendaItem]:
    """The cadences' planned contacts: each account's own cadences, else its tier's.
    Intervals need the last matching contact (by kind, and by level where a cadence
    names one): grouped maxima. Schedules need the contacts near each recent
    occurrence: the rows of the last 400 days and a little."""
    from sqlalchemy import func, literal, select, true, union_all

    from keyaccounts.storage.model import (
        Account,
        Cadence,
        Contact,
        Interaction,
        interaction_contact,
    )

    start, end, end_at = w.start, w.end, _midnight(w.end)
    own: dict[int, list[_Cad]] = defaultdict(list)
    for (cid, aid, title, kinds, level, mode, ideal, maximum, rule, starts,
         tolerance) in w.run(w.only(select(Cadence.id, Cadence.account_id, Cadence.title,
                                           Cadence.kinds, Cadence.level, Cadence.mode,
                                           Cadence.ideal_days, Cadence.max_days,
                                           Cadence.rrule, Cadence.starts_on,
                                           Cadence.tolerance_days)
                                    .where(Cadence.active), Cadence.account_id)):
        own[aid].append(_Cad(cid, aid, title, kinds, level, mode, ideal, maximum, rule,
                             starts, tolerance))
    cadences = {aid: own.get(aid) or tier_defaults(aid, tier, created and created.date())
                for aid, _n, tier, status, _r, created in w.accounts if status != "churned"}
    last_by_kind: dict[tuple[int, str, str | None], date] = {}
    interval_kinds = sorted({k for cads in cadences.values() for cad in cads
                             if cad.mode == "interval" for k in cad.kinds})
    if interval_kinds:  # one index seek per account and kind
        k = union_all(*(select(literal(kind).label("kind")) for kind in interval_kinds)
                      ).cte("k")
        for aid, kind, last in w.run(w.only(
                select(Account.id, k.c.kind,
                       select(func.max(Interaction.occurred_at))
                       .where(Interaction.account_id == Account.id,
                              Interaction.kind == k.c.kind, Interaction.occurred_at < end_at)
                       .scalar_subquery())
                .join(k, true()).where(~Account.archived), Account.id)):
            if last:
                last_by_kind[(aid, kind, None)] = last.date()
    levels = {cad.level for cads in cadences.values() for cad in cads
              if cad.level and cad.mode == "interval"}
    for level in levels:  # within LEVEL_HORIZON_DAYS: older is overdue either way
        for aid, kind, last in w.run(w.only(
                select(Interaction.account_id, Interaction.kind,
                       func.max(Interaction.occurred_at))
                .join(interaction_contact,
                      interaction_contact.c.interaction_id == Interaction.id)
                .join(Contact, Contact.id == interaction_contact.c.contact_id)
                .where(Contact.level == level,
                       Interaction.occurred_at >= _midnight(
                           start - timedelta(days=LEVEL_HORIZON_DAYS)),
                       Interaction.occurred_at < end_at), Interaction.account_id)
                .group_by(Interaction.account_id, Interaction.kind)):
            last_by_kind[(aid, kind, level)] = last.date()
    recent = _midnight(start - timedelta(days=460))
    scheduled = sorted({k for cads in cadences.values() for cad in cads
                        if cad.mode == "schedule" for k in cad.kinds})
    history: dict[int, list[tuple[date, str, int]]] = defaultdict(list)
    met_levels: dict[int, set[str]] = defaultdict(set)
    if scheduled:  # only the kinds some schedule counts, with the levels met
        seen: set[int] = set()
        for iid, aid, kind, occurred, level in w.run(w.only(
                select(Interaction.id, Interaction.account_id, Interaction.kind,
                       Interaction.occurred_at, Contact.level)
                .outerjoin(interaction_contact,
                           interaction_contact.c.interaction_id == Interaction.id)
                .outerjoin(Contact, Contact.id == interaction_contact.c.contact_id)
                .where(Interaction.kind.in_(scheduled), Interaction.occurred_at >= recent,
                       Interaction.occurred_at < end_at), Interaction.account_id)):
            if iid not in seen:
                seen.add(iid)
                history[aid].append((occurred.date(), kind, iid))
            if level:
                met_levels[iid].add(level)
    items = []
    for aid, name, _tier, status, _renewal, created in w.accounts:
        if aid not in cadences:
            continue
        account = _AccountRow(aid, name, created and created.date())
        for cad in cadences[aid]:
            if cad.mode == "interval":
                found = [last_by_kind.get((aid, k, cad.level)) for k in cad.kinds]
                found = [d for d in found if d]
                matches = [max(found)] if found else []
            else:
                matches = sorted(d for d, kind, iid in history[aid]
                                 if kind in cad.kinds
                                 and (cad.level is None or cad.level in met_levels[iid]))
            items.extend(_cadence_items(cad, account, matches, start, end, marks))
    return items


def _care_items(w: _Window) -> list[AgendaItem]:
    """Birthdays (solar or lunar) and work anniversaries of current key contacts."""
    from sqlalchemy import select

    from keyaccounts.storage.model import Contact

    start, end, names, leads = w.start, w.end, w.names, w.leads
    lunar_label, solar_label = _("Lunar birthday"), _("Birthday")
    items = []
    for cid, aid, cname, month, day, year, lunar, leap, joined in w.run(w.only(_solar_days_filter(
            select(Contact.id, Contact.account_id, Contact.name, Contact.birthday_month,
                   Contact.birthday_day, Contact.birthday_year, Contact.birthday_lunar,
                   Contact.birthday_leap, Contact.joined_on)
            .where(~Contact.archived, Contact.left_on.is_(None),
                   Contact.birthday_month.is_not(None) | Contact.joined_on.is_not(None)),
            start, end), Contact.account_id)):
        if aid not in names:
            continue
        if month and day:
            lunar, leap = bool(lunar), bool(leap)
            when = next_birthday(month, day, lunar, leap, start)
            while when and when < end:
                title = labelled(lunar_label, _("{name}, {day}").format(
                    name=cname, day=both_calendars(when))) if lunar else \
                    labelled(solar_label, cname)
                items.append(AgendaItem(when, "birthday", names[aid], cname,
                                        title, False, cid,
                                        f"birthday:{cid}:{when.isoformat()}", when,
                                        leads["birthday"], aid))
                when = next_birthday(month, day, lunar, leap, when + timedelta(days=1))
        if joined:
            for when, years in anniversaries(joined, start, end):
                items.append(AgendaItem(
                    when, "anniversary", names[aid], cname,
                    _("{name}: {years} years at the company").format(
                        name=cname, years=years),
                    False, cid, f"anniversary:{cid}:{when.isoformat()}", when,
                    leads["anniversary"], aid))
    return items


def _complaint_deadlines(w: _Window) -> list[AgendaItem]:
    """Complaint response deadlines, until the first response."""
    from sqlalchemy import select

    from keyaccounts.storage.model import Complaint

    start, names = w.start, w.names
    deadlines = select(Complaint.id, Complaint.account_id, Complaint.summary,
                       Complaint.deadline).where(Complaint.first_response_on.is_(None),
                                                 Complaint.resolved_on.is_(None),
                                                 Complaint.deadline < w.end)
    deadlines = w.only(deadlines, Complaint.account_id)
    items = []
    for cid, aid, summary, deadline in w.run(
            deadlines if w.pending else deadlines.where(Complaint.deadline >= start)):
        if aid not in names:
            continue
        items.append(AgendaItem(deadline, "complaint-deadline", names[aid], None,
                                _("Answer the complaint: {summary}").format(
                                    summary=summary[:60]),
                                deadline < start, cid, f"complaint:{cid}", deadline,
                                account_id=aid, movable=False))
    return items


def _festival_items(w: _Window) -> list[AgendaItem]:
    """Festivals (public, optional ones switched on, the user's own): greetings to key
    contacts, if there is anyone to greet (of no one account: the whole portfolio's)."""
    from sqlalchemy import select, true

    from keyaccounts.storage.model import Account, Contact

    start, end, leads = w.start, w.end, w.leads
    greeted = w.c.scalar(select(true()).select_from(Contact)
                         .join(Account, Account.id == Contact.account_id)
                         .where(~Contact.archived, Contact.left_on.is_(None), ~Account.archived)
                         .limit(1))
    custom = OWN_FESTIVALS.value(w.setting(CUSTOM_FESTIVALS_SETTING))
    switched = GREETINGS.value(w.setting(GREETINGS.key))
    xiaonian = XIAONIAN.value(w.setting(XIAONIAN.key))
    items = []
    for year_ in range(start.year, end.year + 1) if greeted else ():
        for key, fname, when in festival_dates(year_, custom, xiaonian):
            public = BY_KEY.get(key)
            if not start <= when < end or (public and public.optional
                                           and not switched.get(key)):
                continue
            title, lead = _festival_title(public, fname, when), leads["festival"]
            if public and public.lead_days is not None:
                lead = public.lead_days
            items.append(AgendaItem(when, "festival", None, None, title, False, key,
                                    f"festival:{key}:{when.isoformat()}", when, lead))
    return items


def _partnership_items(w: _Window) -> list[AgendaItem]:
    """Switched on (a festival setting), the partnerships' anniversaries."""
    if not GREETINGS.value(w.setting(GREETINGS.key)).get("partnership"):
        return []
    return _partnerships(w, w.start, w.end, w.leads["anniversary"])


def _renewal_items(w: _Window) -> list[AgendaItem]:
    """Contract renewals, reminded RENEWAL_REMINDERS days ahead (not for a lost account)."""
    items = []
    for aid, name, _tier, status, renewal, _created in w.accounts:
        if not renewal or status == "churned":
            continue
        for ahead in RENEWAL_REMINDERS:
            when = renewal - timedelta(days=ahead)
            if w.start <= when < w.end:
                items.append(AgendaItem(
                    when, "renewal", name, None,
                    _("Contract renewal on {day} ({when})").format(
                        day=short_date(renewal, when), when=relative_day(renewal, when)),
                    False, aid, f"renewal:{aid}:{when.isoformat()}", when, 0, aid,
                    movable=False))
    return items


def own_agenda(db: Database, items: list[AgendaItem]) -> list[AgendaItem]:
    """On a team server, a manager's agenda is their own: the accounts they own, and of
    those shared with them only the follow-ups assigned to them, and what is no account's
    (the festivals) (a lead's is the team's, as the server shows it). The same on this
    computer's copy of a team database (offline), which holds the accounts shared with
    them too."""
    from sqlalchemy import select

    from keyaccounts.storage.model import Account, FollowUp, FollowUpStatus, Person
    from keyaccounts.storage.team import is_team_database

    copy_of = getattr(getattr(db, "server_url", None), "username", None)
    if db.is_file and not copy_of:
        return items  # a file of one's own
    with db.engine.connect() as c:
        if db.is_file:
            me = copy_of
        elif is_team_database(c):
            me = c.exec_driver_sql("SELECT current_user").scalar()
        else:
            return items
        role = c.execute(select(Person.role).where(Person.login == me)).scalar()
        if role != "manager":
            return items
        mine = set(c.execute(select(Account.id).where(Account.owner == me)).scalars())
        assigned = set(c.execute(select(FollowUp.id).where(
            FollowUp.owner == me, FollowUp.status == FollowUpStatus.OPEN)).scalars())
    return [i for i in items if i.account_id is None or i.account_id in mine
            or (i.kind == "follow-up" and i.source_id in assigned)]


@dataclass(slots=True)
class _AccountRow:
    id: int
    name: str
    created: date


@lru_cache(maxsize=4096)
def _occurrences(rule: str, starts_on: date, first: date, end: date) -> tuple[date, ...]:
    """A schedule's occurrences in [first, end], cached: many accounts share a rule."""
    from dateutil.rrule import rrulestr

    r = rrulestr(rule, dtstart=datetime.combine(starts_on, datetime.min.time()))
    return tuple(o.date() for o in r.between(datetime.combine(first, datetime.min.time()),
                                             datetime.combine(end, datetime.min.time()),
                                             inc=True))


def _cadence_items(c: _Cad, a: _AccountRow, matches: list[date], start: date, end: date,
                   marks: dict[str, _Mark]) -> list[AgendaItem]:
    kind = _agenda_kind(c.kinds)
    source = _cadence_source(c)
    if c.mode == "interval":
        last = matches[-1] if matches else (c.starts_on or a.created)
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
    tol = timedelta(days=c.tolerance_days)
    window_start = start - timedelta(days=400)
    occurrences = _occurrences(c.rrule, c.starts_on, max(window_start, c.starts_on), end)
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


def _apply_marks(items: list[AgendaItem], marks: dict[str, _Mark], start: date, end: date,
                 include_marked: bool, snoozed: bool = False) -> list[AgendaItem]:
    result = [] if marks else items
    for item in items if marks else ():
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
                if not snoozed or mark.snoozed_until >= end:
                    continue
                item = replace(item, date=max(item.date, mark.snoozed_until), overdue=False,
                               snoozed_until=mark.snoozed_until)
        result.append(item)
    return sort_items(result)


def sort_items(items: list[AgendaItem]) -> list[AgendaItem]:
    """*items* in the agenda's order: by day, kind, account and title, then key (unique:
    the same order however the items were gathered)."""
    order = _KIND_ORDER
    items.sort(key=lambda i: (i.date, order[i.kind], i.account or "", i.title, i.key))
    return items


# --- acting on agenda items -----------------------------------------------------------------


@dataclass(frozen=True)
class Undo:
    """What an action on an agenda item changed, for :func:`undo` to put back: the
    item's mark as it was (``None``: it had none), or the follow-up settled or opened by
    carrying, or the complaint answered."""

    key: str
    mark: tuple[date | None, date | None, date | None] | None = None
    had_mark: bool = False
    settled: int | None = None
    successor: int | None = None
    answered: int | None = None
    account_id: int | None = None  # the marked item's


@replayable("agenda_mark")
def _mark(db: Database, key: str, *, account_id: int | None = None, **fields) -> Undo:
    """Mark the item *key* (of *account_id*: a write to that account only, for the
    per-account cache; None, a festival's, touches every account's)."""
    from keyaccounts.storage.model import AgendaMark

    with db.transaction() as s:
        mark = s.get(AgendaMark, key)
        before = Undo(key, (mark.moved_to, mark.snoozed_until, mark.done_on)
                      if mark is not None else None, mark is not None, account_id=account_id)
        mark = mark or AgendaMark(key=key, account_id=account_id)
        for name, value in fields.items():
            setattr(mark, name, value)
        s.add(mark)
    return before


def reschedule(db: Database, item: AgendaItem, to: date, *, today: date | None = None) -> Undo:
    """Move an item to another day; a follow-up is carried, keeping its history."""
    from keyaccounts import services

    if not item.movable:
        raise ValidationError("item", item.title, _("cannot be moved"))
    if item.kind == "follow-up":
        successor = services.carry_followup(db, int(item.source_id), to, on=today)
        return Undo(item.key, successor=successor.id)
    return _mark(db, item.key, account_id=item.account_id, moved_to=to)


def snooze(db: Database, item: AgendaItem, until: date) -> Undo:
    """Hide an item until *until*; it then shows again where it was."""
    return _mark(db, item.key, account_id=item.account_id, snoozed_until=until)


def mark_done(db: Database, item: AgendaItem, on: date | None = None) -> Undo:
    """Mark an item done; a follow-up is settled (closed without a contact: a chain event
    of its own), a complaint answered, a planned contact counts as made."""
    from keyaccounts import services

    on = on or clock.today()
    if item.kind == "follow-up":
        services.settle_followup(db, int(item.source_id), on=on)
        return Undo(item.key, settled=int(item.source_id))
    if item.kind == "complaint-deadline":
        from keyaccounts.services.complaints import respond, response_date

        if response_date(db, int(item.source_id)) is not None:
            return Undo(item.key)  # answered already: nothing to do, nothing to undo
        respond(db, int(item.source_id), on)
        return Undo(item.key, answered=int(item.source_id))
    return _mark(db, item.key, account_id=item.account_id, done_on=on)


def undo(db: Database, done: Undo) -> None:
    """Put back what :func:`reschedule`, :func:`snooze` or :func:`mark_done` changed.
    Offline on a team server's copy, it is kept in the outbox like the action it undoes
    (and sent after it)."""
    _undo(db, done.key, mark=done.mark, had_mark=done.had_mark, settled=done.settled,
          successor=done.successor, answered=done.answered, account_id=done.account_id)


@replayable("agenda_undo")
def _undo(db: Database, key: str, *, mark=None, had_mark: bool = False,
          settled: int | None = None, successor: int | None = None,
          answered: int | None = None, account_id: int | None = None) -> None:
    """:func:`undo`, by its parts (an outbox entry keeps them as they are)."""
    from keyaccounts import services
    from keyaccounts.storage.model import AgendaMark

    if settled is not None:
        services.reopen_followup(db, settled)
    elif successor is not None:
        services.uncarry_followup(db, successor)
    elif answered is not None:
        from keyaccounts.services.complaints import withdraw_response

        withdraw_response(db, answered)
    else:
        with db.transaction() as s:
            row = s.get(AgendaMark, key)
            if not had_mark:
                if row is not None:
                    s.delete(row)
            else:
                row = row or AgendaMark(key=key, account_id=account_id)
                row.moved_to, row.snoozed_until, row.done_on = mark
                s.add(row)


def find_item(db: Database, key: str, start: date, days: int = 400, *,
              field: str = "item") -> AgendaItem:
    for item in agenda(db, start - timedelta(days=days), days * 2, include_marked=True):
        if item.key == key:
            return item
    raise ValidationError(field, key, _("no such agenda item"))


def item_for(db: Database, ref: str, today: date, field: str = "item") -> AgendaItem:
    """The agenda item that *ref* names: an open follow-up's id, or an item's ``key``."""
    from keyaccounts.services.chain import _open_followup

    text = str(ref).strip()
    if not text.isdigit():
        return find_item(db, text, today, field=field)
    with db.session() as s:
        due = _open_followup(s, int(text), field).due
    for item in agenda(db, due, 1, include_marked=True):
        if item.kind == "follow-up" and item.source_id == int(text):
            return item
    raise ValidationError(field, ref, _("is not on the agenda (its account is archived)"))


def snooze_days(db: Database, item: AgendaItem, days: int, today: date) -> date:
    """Snooze an item for *days* days from *today*; returns the day it shows again."""
    if days < 1 or days > 3660:
        raise ValidationError("days", days, _("must be 1 to 3660"))
    until = today + timedelta(days=days)
    snooze(db, item, until)
    return until


@dataclass(frozen=True)
class CareGift:
    day: date
    contact: str
    gift: str
    value: int | None


def gifts_given(db: Database, account: str | int, contacts: list[int] | None = None
                ) -> list[CareGift]:
    """What was given to an account's contacts, newest first."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from keyaccounts.storage.model import Interaction
    from keyaccounts.services.common import get_account

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


def contact_gifts(db: Database, contact_id: int) -> list[CareGift]:
    """What was given to one key contact, newest first."""
    from keyaccounts.services.contacts import contact_account_id

    return gifts_given(db, contact_account_id(db, contact_id), [contact_id])


def cadences_in_force(db: Database, account: str | int) -> list[_Cad]:
    """The account's own active cadences, or its tier's defaults when it has none."""
    from keyaccounts.services.common import get_account

    with db.session() as s:
        return effective_cadences(get_account(s, account))


@dataclass(frozen=True)
class Shortfall:
    """A cadence in force that a contact of its kind would still leave due: it names a
    *level* (exec, mgmt, ops) and nobody of that level is among those met."""

    title: str
    level: str


def shortfall(db: Database, account: str | int, kind: str,
              contacts: list[int]) -> list[Shortfall]:
    """What a contact of *kind* with *contacts* (ids) would not count for, and why:
    each cadence in force of that kind whose level none of them has. Said before
    saving, so an executive meeting is not logged with nobody met by mistake."""
    from keyaccounts.services.common import get_account
    from keyaccounts.storage.model import Contact

    with db.session() as s:
        acc = get_account(s, account)
        cadences = effective_cadences(acc)
        levels = {c.level.value for c in s.query(Contact).filter(
            Contact.id.in_(list(contacts) or [-1]), Contact.account_id == acc.id)}
    return [Shortfall(c.title, c.level) for c in cadences
            if kind in c.kinds and c.level and c.level not in levels]


def customize_cadences(db: Database, account: str | int) -> None:
    """Give an account its own copy of its tier's default cadences, to edit."""
    from keyaccounts.storage.model import Cadence, CadenceMode, Level
    from keyaccounts.services.common import get_account

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
        from keyaccounts.domain.dates import make_birthday

        make_birthday(month, day, lunar=lunar, field=f"line {number}")
        festivals.append({"name": m.group(1).strip(), "month": month, "day": day,
                          "lunar": lunar})
    return festivals


def format_custom_festivals(festivals: list[dict]) -> str:
    from keyaccounts.domain.settings import format_festivals

    return format_festivals(festivals)


def set_custom_festivals(db: Database, text: str) -> list[dict]:
    from keyaccounts.services.settings import set_settings

    festivals = parse_custom_festivals(text)
    set_settings(db, {CUSTOM_FESTIVALS_SETTING: festivals})
    return festivals


def custom_festivals(db: Database) -> list[dict]:
    from keyaccounts.services.settings import setting_value

    return setting_value(db, CUSTOM_FESTIVALS_SETTING)
