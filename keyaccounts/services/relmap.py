"""The relationship map (issue 20): our people who meet customers, who of ours met whom,
and each account's map as of a date (level matching, counterparts, coverage gaps).

The rules are :mod:`keyaccounts.domain.relmap`'s; here the queries, the same on SQLite
and PostgreSQL. Only interactions dated on or before the day count (no look-ahead).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from keyaccounts.domain import clock
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.names import name_key
from keyaccounts.domain.relmap import (
    MapContact,
    Meeting,
    MetSummary,
    RelationshipMap,
    build_map,
    match_participants,
    split_participants,
    window_start,
)
from keyaccounts.domain.views import OurPersonView
from keyaccounts.i18n import _
from keyaccounts.services.common import MAX_NAME, _text, get_account, parse_enum
from keyaccounts.storage.db import Database
from keyaccounts.storage.model import (
    Account,
    Contact,
    Interaction,
    Level,
    OurPerson,
    interaction_contact,
    interaction_our_person,
)


def _view(p: OurPerson) -> OurPersonView:
    return OurPersonView(p.id, p.name, p.title, str(p.level), p.login)


def add_person(db: Database, name: str, level: str, *, title: str = "",
               login: str | None = None) -> OurPersonView:
    """Add one of our people. Interactions already logged whose free text of our
    participants names them exactly are linked to them (the text stays as typed)."""
    with db.transaction() as s:
        name = _text(name, "name", required=True, limit=MAX_NAME, single_line=True)
        level = parse_enum(Level, level, "level")
        title = _text(title, "title", limit=MAX_NAME, single_line=True)
        login = _text(login, "login", limit=63, single_line=True) or None
        key = name_key(name)
        for other in s.scalars(select(OurPerson.name)):
            if name_key(other) == key:
                raise ValidationError("name", name, _(
                    "one of our people has this name already: {existing}").format(
                        existing=other))
        person = OurPerson(name=name, title=title, level=level, login=login, archived=False)
        s.add(person)
        s.flush()
        _link_existing(s, person)
        return _view(person)


def _link_existing(s: Session, person: OurPerson) -> None:
    """Link to *person* the interactions whose free text names them exactly."""
    linked = set(s.execute(select(interaction_our_person.c.interaction_id).where(
        interaction_our_person.c.person_id == person.id)).scalars())
    people = {name_key(person.name): person.id}
    rows = [{"interaction_id": iid, "person_id": person.id}
            for iid, text in s.execute(select(Interaction.id, Interaction.our_participants)
                                       .where(Interaction.our_participants != ""))
            if iid not in linked and match_participants(text, people)]
    if rows:
        s.execute(interaction_our_person.insert(), rows)


def team_member(s: Session, login: str, name: str, level: str | None, *,
                active: bool = True) -> None:
    """Team mode: a person of the team with a *level* is one of our people, tied by their
    login (issue 20). Their row is made, or the one already tied to the login (or, not
    tied to any, of the same name) takes their name and level; without a level nothing
    is done (someone who does not meet customers: an administrator). Another login's
    person of ours with the same name is refused: names link interactions, so they are
    unique."""
    if level is None:
        return
    level = parse_enum(Level, level, "level")
    key = name_key(name)
    mine = s.scalars(select(OurPerson).where(OurPerson.login == login)).first()
    for other in s.scalars(select(OurPerson)):
        if other is mine or name_key(other.name) != key:
            continue
        if mine is None and other.login is None:
            mine = other  # the list kept before the team: the same person
            continue
        raise ValidationError("name", name, _(
            "one of our people has this name already: {existing}").format(existing=other.name))
    if mine is None:
        mine = OurPerson(name=name, title="", level=level, login=login, archived=not active)
        s.add(mine)
    else:
        mine.name, mine.level, mine.login, mine.archived = name, level, login, not active
    s.flush()
    _link_existing(s, mine)


def team_member_left(s: Session, login: str) -> None:
    """A disabled person of the team is no longer offered among our people; the
    interactions they were at keep them (their history, counterparts and gaps)."""
    for person in s.scalars(select(OurPerson).where(OurPerson.login == login)):
        person.archived = True


def list_people(db: Database, *, include_archived: bool = False) -> list[OurPersonView]:
    """Our people, by level (executives first), then name."""
    order = {"exec": 0, "mgmt": 1, "ops": 2}
    with db.session() as s:
        query = select(OurPerson)
        if not include_archived:
            query = query.where(OurPerson.archived.is_(False))
        found = [_view(p) for p in s.scalars(query)]
    return sorted(found, key=lambda p: (order[p.level], name_key(p.name), p.id))


def link_ours(s: Session, text: str, named: Sequence[str] = ()) -> tuple[str, list[OurPerson]]:
    """The free text of our participants with every *named* person in it, and the people
    of ours it names exactly. A *named* person who is not on the list is refused."""
    people = {name_key(p.name): p for p in s.scalars(select(OurPerson))}
    keys = {name_key(n) for n in split_participants(text)}
    added: list[str] = []
    for ref in named:
        ref = str(ref).strip()
        if not ref:
            continue
        person = people.get(name_key(ref))
        if person is None:
            raise ValidationError("our", ref, _(
                "not one of our people (add them with `keyaccounts people add`)"))
        if name_key(person.name) not in keys:
            added.append(person.name)
            keys.add(name_key(person.name))
    if added:
        text = ", ".join([text.strip(), *added] if text.strip() else added)
    ids = match_participants(text, {k: p.id for k, p in people.items()})
    by_id = {p.id: p for p in people.values()}
    return text, [by_id[i] for i in ids]


def unlisted(s: Session, text: str) -> list[str]:
    """The names in a free text of our participants that are not our people's (kept as
    text; offered to be added to the list)."""
    known = {name_key(n) for n in s.scalars(select(OurPerson.name))}
    found: list[str] = []
    for name in split_participants(text):
        if name_key(name) not in known and name_key(name) not in map(name_key, found):
            found.append(name)
    return found


def link_all(s: Session) -> int:
    """Link every interaction to the people of ours its free text names exactly (an
    import of interactions written before the list, or by someone who kept another);
    links already there stay. Returns how many were made."""
    people = {name_key(name): pid for pid, name in s.execute(select(OurPerson.id,
                                                                    OurPerson.name))}
    if not people:
        return 0
    linked = {(iid, pid) for iid, pid in s.execute(select(
        interaction_our_person.c.interaction_id, interaction_our_person.c.person_id))}
    rows = [{"interaction_id": iid, "person_id": pid}
            for iid, text in s.execute(select(Interaction.id, Interaction.our_participants)
                                       .where(Interaction.our_participants != ""))
            for pid in match_participants(text, people) if (iid, pid) not in linked]
    if rows:
        s.execute(interaction_our_person.insert(), rows)
    return len(rows)


def unlisted_participants(db: Database, text: str | None = None) -> list[str]:
    """The names of our participants in *text* (by default: over all the interactions,
    in the order first logged) that are not our people's: what a log, an edit or an
    import offers to add to the list."""
    with db.session() as s:
        if text is None:
            text = ", ".join(s.scalars(select(Interaction.our_participants).where(
                Interaction.our_participants != "").order_by(Interaction.occurred_at,
                                                             Interaction.id)))
        return unlisted(s, text)


# --- the map ----------------------------------------------------------------------------


def _end(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), datetime.min.time())


def _gather(s: Session, account_ids: Iterable[int] | None, as_of: date
            ) -> tuple[dict[int, list[MapContact]], dict[int, list[Meeting]],
                       dict[int, MetSummary]]:
    """The contacts (joined by *as_of*), per account; the meetings in the window the
    rules read (the twelve months to *as_of*: domain.relmap.window_start), per account;
    and each contact's whole history before the date summed up by the database (first
    and last met, last met by our executives), not read row by row."""
    ids = None if account_ids is None else list(account_ids)
    query = select(Contact.id, Contact.account_id, Contact.name, Contact.title,
                   Contact.level, Contact.role, Contact.attitude, Contact.reports_to_id,
                   Contact.joined_on, Contact.left_on, Contact.successor_id).where(
        Contact.archived.is_(False),
        Contact.joined_on.is_(None) | (Contact.joined_on <= as_of))
    if ids is not None:
        query = query.where(Contact.account_id.in_(ids))
    contacts: dict[int, list[MapContact]] = defaultdict(list)
    for (cid, aid, name, title, level, role, attitude, boss, joined, left,
         successor) in s.execute(query.order_by(Contact.id)):
        contacts[aid].append(MapContact(cid, name, title, str(level), str(role),
                                        str(attitude), boss, joined, left, successor))

    def met(*columns):
        q = (select(*columns)
             .join(interaction_contact, interaction_contact.c.interaction_id == Interaction.id)
             .outerjoin(interaction_our_person,
                        interaction_our_person.c.interaction_id == Interaction.id)
             .outerjoin(OurPerson, OurPerson.id == interaction_our_person.c.person_id)
             .where(Interaction.occurred_at < _end(as_of)))
        return q if ids is None else q.where(Interaction.account_id.in_(ids))

    window = met(Interaction.account_id, interaction_contact.c.contact_id,
                 Interaction.occurred_at, OurPerson.name, OurPerson.level).where(
        Interaction.occurred_at >= _end(window_start(as_of)))
    meetings: dict[int, list[Meeting]] = defaultdict(list)
    for aid, cid, occurred, person, level in s.execute(window):
        meetings[aid].append(Meeting(cid, occurred.date(), person,
                                     None if level is None else str(level)))
    by_exec = case((OurPerson.level == Level.EXECUTIVE, Interaction.occurred_at))
    history = met(interaction_contact.c.contact_id, func.min(Interaction.occurred_at),
                  func.max(Interaction.occurred_at), func.max(by_exec)).group_by(
        interaction_contact.c.contact_id)
    summary = {cid: MetSummary(_day(first), _day(last), _day(last_exec))
               for cid, first, last, last_exec in s.execute(history)}
    return contacts, meetings, summary


def _day(value) -> date | None:
    """A day from an aggregate of a timestamp (SQLite gives the text it stores)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.date()


def relationship_map(db: Database, account: str | int, as_of: date | None = None
                     ) -> RelationshipMap:
    """The map of one account as of the end of *as_of* (today by default)."""
    as_of = as_of or clock.today()
    with db.session() as s:
        acc = get_account(s, account)
        contacts, meetings, summary = _gather(s, [acc.id], as_of)
        return build_map(acc.name, acc.id, str(acc.tier), as_of, contacts[acc.id],
                         meetings[acc.id], summary)


def maps(db: Database, as_of: date, account_ids: Iterable[int] | None = None
         ) -> dict[int, RelationshipMap]:
    """The maps of the (non-archived) accounts, or of those given, in four queries;
    none while our people are not listed (nobody of ours can be said to have met
    anyone)."""
    with db.session() as s:
        if s.execute(select(OurPerson.id).limit(1)).first() is None:
            return {}
        query = select(Account.id, Account.name, Account.tier).where(~Account.archived)
        if account_ids is not None:
            query = query.where(Account.id.in_(list(account_ids)))
        accounts = s.execute(query).all()
        contacts, meetings, summary = _gather(s, None if account_ids is None else
                                              [a for a, _n, _t in accounts], as_of)
    return {aid: build_map(name, aid, str(tier), as_of, contacts[aid], meetings[aid], summary)
            for aid, name, tier in accounts}
