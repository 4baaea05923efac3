"""The relationship map's rules (DOMAIN.md §2, §10): level matching (高层对接高层) and
coverage gaps, computed from the chain for any date, like health (no look-ahead).

Pure Python: :mod:`keyaccounts.services.relmap` gathers the meetings and calls these.

* **Our participants.** The free text of an interaction is split into names
  (:func:`split_participants`); a name that is exactly one of our people's (compared as
  :func:`keyaccounts.domain.names.name_key` does) links the interaction to that person.
  The text stays as typed, so nothing is lost.
* **Counterparts.** For each customer contact, the people of ours who met them in the
  :data:`WINDOW_DAYS` before the date (the date included), most meetings first.
* **Level matching.** A contact is *matched* when one of our people of the same level
  met them within the tier's rhythm for that level (:func:`rhythm_days`): an executive
  within the tier's executive window, others within its stale limit. Otherwise the
  finding says how: ``under`` (met only by our lower levels: their executive by our
  operational staff), ``over`` (met only by our higher levels: their user by our CEO),
  ``unlinked`` (met, but by no one on the list), ``unmet``.
* **Gaps**, each with a suggested action: ``no-exec-tie`` (a current decision maker
  not met by anyone of our executive level within the tier's executive window),
  ``single-threaded`` (every decision maker met in the window was met by one and the
  same person of ours), ``no-champion`` (a tier-A account with no current champion),
  ``no-successor`` (a decision maker or champion who left in the window with no
  successor recorded).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from keyaccounts.domain.dates import quarter_start
from keyaccounts.domain.formats import short_date
from keyaccounts.domain.names import name_key
from keyaccounts.domain.tiers import TIER_RHYTHMS
from keyaccounts.i18n import _, ngettext

WINDOW_DAYS = 365
LEVEL_RANK = {"exec": 0, "mgmt": 1, "ops": 2}
GAP_KINDS = ("no-exec-tie", "single-threaded", "no-champion", "no-successor")
_SEPARATORS = re.compile(r"[,，、;；/\n]+")


def split_participants(text: str) -> list[str]:
    """The names in a free-text list of our participants ("张总, 李经理、Ann")."""
    return [part.strip() for part in _SEPARATORS.split(text or "") if part.strip()]


def match_participants(text: str, people: dict[str, int]) -> list[int]:
    """Ids of our people named exactly in *text*; *people* maps name_key -> id."""
    found: list[int] = []
    for name in split_participants(text):
        pid = people.get(name_key(name))
        if pid is not None and pid not in found:
            found.append(pid)
    return found


def rhythm_days(tier: str, level: str) -> int:
    """Within how many days a contact of *level* must be met on an account of *tier*."""
    r = TIER_RHYTHMS[tier]
    return r.executive_good if level == "exec" else r.stale_days


# Level matching reads only the window: every tier's rhythm fits in it.
assert all(max(r.executive_good, r.stale_days) <= WINDOW_DAYS for r in TIER_RHYTHMS.values())


def recency(last_met: date | None, tier: str, level: str, as_of: date) -> str:
    """How recently a contact was met against the tier's rhythm for their level:
    ``fresh`` (within it), ``fading`` (within twice it), ``cold`` (beyond), ``never``."""
    if last_met is None:
        return "never"
    days = (as_of - last_met).days
    rhythm = rhythm_days(tier, level)
    return "fresh" if days <= rhythm else "fading" if days <= 2 * rhythm else "cold"


@dataclass(frozen=True)
class Meeting:
    """One of our people (or an unlisted participant: *level* None) at one
    interaction with one contact."""

    contact_id: int
    day: date
    person: str | None = None
    level: str | None = None


@dataclass(frozen=True)
class MetSummary:
    """One contact's meetings on or before the date, summed up: all the rules read of
    what is older than the window (:data:`WINDOW_DAYS`): when they were first and last
    met, and last met by one of our executives."""

    first: date | None = None
    last: date | None = None
    last_exec: date | None = None


def summarise(meetings: Iterable[Meeting]) -> dict[int, MetSummary]:
    """Each contact's :class:`MetSummary` from *meetings* (every one on or before the
    date): what services.relmap asks the database for, in one aggregate query."""
    found: dict[int, list] = {}
    for m in meetings:
        entry = found.setdefault(m.contact_id, [m.day, m.day, None])
        entry[0], entry[1] = min(entry[0], m.day), max(entry[1], m.day)
        if m.level == "exec":
            entry[2] = m.day if entry[2] is None else max(entry[2], m.day)
    return {cid: MetSummary(*entry) for cid, entry in found.items()}


def window_start(as_of: date) -> date:
    """The rules read the meetings after this day, up to *as_of* (the counterparts'
    twelve months; every tier's rhythm fits in them)."""
    return as_of - timedelta(days=WINDOW_DAYS)


@dataclass(frozen=True)
class MapContact:
    id: int
    name: str
    title: str
    level: str
    role: str
    attitude: str
    reports_to: int | None
    joined_on: date | None = None
    left_on: date | None = None
    successor: int | None = None


@dataclass(frozen=True)
class Counterpart:
    name: str
    level: str
    meetings: int
    last_met: date

    def as_json(self) -> dict:
        return {"name": self.name, "level": self.level, "meetings": self.meetings,
                "last_met": self.last_met.isoformat()}


@dataclass(frozen=True)
class ContactFinding:
    contact: MapContact
    last_met: date | None
    counterparts: tuple[Counterpart, ...]
    matching: str  # matched | under | over | unlinked | unmet | left
    left: bool
    recency: str = "never"  # fresh | fading | cold | never (:func:`recency`)

    @property
    def matched(self) -> bool:
        return self.matching == "matched"

    def as_json(self) -> dict:
        c = self.contact
        return {"id": c.id, "name": c.name, "level": c.level, "role": c.role,
                "attitude": c.attitude, "reports_to": c.reports_to,
                "last_met": self.last_met.isoformat() if self.last_met else None,
                "counterparts": [p.as_json() for p in self.counterparts],
                "matched": self.matched}


@dataclass(frozen=True)
class Gap:
    kind: str
    contact: int | None
    reason: str
    suggested_action: str
    since: date

    def as_json(self) -> dict:
        return {"kind": self.kind, "contact": self.contact, "reason": self.reason,
                "suggested_action": self.suggested_action}


@dataclass(frozen=True)
class RelationshipMap:
    account: str
    account_id: int
    tier: str
    as_of: date
    contacts: tuple[ContactFinding, ...]
    gaps: tuple[Gap, ...] = field(default=())

    def as_json(self) -> dict:
        return {"account": self.account,
                "contacts": [c.as_json() for c in self.contacts],
                "gaps": [g.as_json() for g in self.gaps]}


def is_current(c: MapContact, as_of: date) -> bool:
    return (c.joined_on is None or c.joined_on <= as_of) and (
        c.left_on is None or c.left_on > as_of)


def counterparts(meetings: list[Meeting], as_of: date) -> tuple[Counterpart, ...]:
    """Our listed people who met one contact in the window, most meetings first."""
    start = window_start(as_of)
    seen: dict[str, list] = {}
    for m in meetings:
        if m.person is None or m.level is None or not start < m.day <= as_of:
            continue
        entry = seen.setdefault(m.person, [m.level, 0, m.day])
        entry[1] += 1
        entry[2] = max(entry[2], m.day)
    found = [Counterpart(name, level, n, last) for name, (level, n, last) in seen.items()]
    return tuple(sorted(found, key=lambda p: (-p.meetings, -p.last_met.toordinal(), p.name)))


def matching(contact: MapContact, meetings: list[Meeting], tier: str, as_of: date) -> str:
    if not is_current(contact, as_of):
        return "left"
    start = as_of - timedelta(days=rhythm_days(tier, contact.level))
    recent = [m for m in meetings if start < m.day <= as_of]
    if not recent:
        return "unmet"
    levels = {m.level for m in recent if m.level is not None}
    if contact.level in levels:
        return "matched"
    if not levels:
        return "unlinked"
    rank = LEVEL_RANK[contact.level]
    return "under" if all(LEVEL_RANK[lv] > rank for lv in levels) else "over"


def build_map(account: str, account_id: int, tier: str, as_of: date,
              contacts: list[MapContact], meetings: list[Meeting],
              summary: dict[int, MetSummary] | None = None) -> RelationshipMap:
    """The map of one account on *as_of*. *meetings*: those after
    :func:`window_start` and on or before *as_of* (others are left out); *summary*: each
    contact's whole history before the date, summed up — by default from *meetings*,
    which then must hold every meeting on or before the date."""
    if summary is None:
        summary = summarise(m for m in meetings if m.day <= as_of)
    start = window_start(as_of)
    by_contact: dict[int, list[Meeting]] = {c.id: [] for c in contacts}
    for m in meetings:
        if start < m.day <= as_of and m.contact_id in by_contact:
            by_contact[m.contact_id].append(m)
    findings = []
    for c in contacts:
        mine = by_contact[c.id]
        last = summary.get(c.id, MetSummary()).last
        findings.append(ContactFinding(
            c, last, counterparts(mine, as_of), matching(c, mine, tier, as_of),
            not is_current(c, as_of), recency(last, tier, c.level, as_of)))
    gaps = find_gaps(tier, as_of, findings, summary)
    return RelationshipMap(account, account_id, tier, as_of, tuple(findings), tuple(gaps))


def _months(days: int) -> int:
    return max(1, round(days / 30.4))


def find_gaps(tier: str, as_of: date, findings: list[ContactFinding],
              summary: dict[int, MetSummary]) -> list[Gap]:
    gaps: list[Gap] = []
    window = window_start(as_of)
    current = [f for f in findings if not f.left]
    deciders = [f for f in current if f.contact.role == "decision-maker"]
    exec_days = TIER_RHYTHMS[tier].executive_good
    for f in deciders:
        met = summary.get(f.contact.id, MetSummary())
        last = met.last_exec
        if last is not None and (as_of - last).days <= exec_days:
            continue
        start = last or f.contact.joined_on or met.first
        if start is None:
            reason = _("decision maker {name} has never met anyone of our executive level"
                       ).format(name=f.contact.name)
            since = window
        else:
            n = _months((as_of - start).days)
            reason = ngettext("decision maker {name} has not met anyone of our executive "
                              "level for {n} month",
                              "decision maker {name} has not met anyone of our executive "
                              "level for {n} months", n).format(name=f.contact.name, n=n)
            since = start + timedelta(days=exec_days)
        gaps.append(Gap("no-exec-tie", f.contact.id, reason, _(
            "Arrange a meeting of our executive with {name}").format(name=f.contact.name),
            since))
    met_deciders = [f for f in deciders if f.counterparts]
    ours = {p.name for f in met_deciders for p in f.counterparts}
    if met_deciders and len(ours) == 1:
        [person] = ours
        gaps.append(Gap("single-threaded", None, _(
            "every decision maker is met by {person} alone: one departure away from losing "
            "the tie").format(person=person), _(
            "Introduce a second person of ours to the decision makers, besides {person}"
        ).format(person=person), quarter_start(as_of)))
    if tier == "A" and not any(f.contact.role == "champion" for f in current):
        gaps.append(Gap("no-champion", None, _("a key account with no champion"),
                        _("Find and win a champion among the key contacts"),
                        quarter_start(as_of)))
    for f in findings:
        c = f.contact
        if (f.left and c.successor is None and c.role in ("decision-maker", "champion")
                and c.left_on is not None and window < c.left_on <= as_of):
            gaps.append(Gap("no-successor", c.id, _(
                "{name} left on {day} and no successor is recorded").format(
                    name=c.name, day=short_date(c.left_on, as_of)), _(
                "Find out who takes over from {name} and meet them").format(name=c.name),
                c.left_on))
    return gaps


CHART_ROW = 6  # people with neither manager nor reports: so many to a row


def chart_cells(findings) -> dict[int, tuple[float, int]]:
    """Where each contact's box goes on the org chart (the Map tab, the quarterly
    review): (column, row), a manager centred over their reports, roots on row 0; people
    with neither manager nor reports in rows of their own below the trees."""
    ids = {f.contact.id for f in findings}
    children: dict[int, list[int]] = {i: [] for i in ids}
    for f in findings:
        boss = f.contact.reports_to
        if boss in ids and boss != f.contact.id:
            children[boss].append(f.contact.id)
    roots, loners = [], []
    for f in findings:
        if f.contact.reports_to in ids and f.contact.reports_to != f.contact.id:
            continue
        (roots if children[f.contact.id] else loners).append(f.contact.id)
    width: dict[int, int] = {}
    seen: set[int] = set()

    def measure(node: int) -> int:
        seen.add(node)
        kids = [k for k in children[node] if k not in seen]
        children[node] = kids
        width[node] = max(1, sum(measure(k) for k in kids))
        return width[node]

    for root in roots:
        measure(root)
    for f in findings:  # a loop (not made through the app) starts a tree of its own
        if f.contact.id not in seen and f.contact.id not in loners:
            roots.append(f.contact.id)
            measure(f.contact.id)
    cells: dict[int, tuple[float, int]] = {}
    deepest = -1

    def place(node: int, left: int, depth: int) -> None:
        nonlocal deepest
        deepest = max(deepest, depth)
        cells[node] = (left + (width[node] - 1) / 2, depth)
        for kid in children[node]:
            place(kid, left, depth + 1)
            left += width[kid]

    column = 0
    for root in roots:
        place(root, column, 0)
        column += width[root]
    for n, node in enumerate(loners):
        row, col = divmod(n, CHART_ROW)
        cells[node] = (float(col), deepest + 1 + row)
    return cells
