"""Team mode on a PostgreSQL server (issue 16): making a team database and its people.

``init_team`` migrates the database and installs the roles and row-level security of
keyaccounts.storage.team; people are PostgreSQL login roles, managed by an admin's
connection. What each person may read and write is the server's to decide.
"""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta

from sqlalchemy import select

from keyaccounts.domain.errors import DatabaseError, NotFound, ValidationError
from keyaccounts.domain.handover import KEY_CONTACT_DAYS
from keyaccounts.i18n import _
from keyaccounts.domain.views import HandOverView, PersonView
from keyaccounts.services.rows import person_view
from keyaccounts.storage import team as storage_team
from keyaccounts.storage.db import Database, open_database, server_url
from keyaccounts.storage.model import Person

LOGIN_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
LEVELS = ("exec", "mgmt", "ops")


def init_team(url: str) -> str:
    """Make (or upgrade) the team database at *url* (an administrator's connection):
    schema, group role, policies. Refuses, changing nothing, a database that holds
    something else or a single-user KeyAccounts portfolio. Returns the group role."""
    from sqlalchemy import create_engine, inspect, text
    from sqlalchemy.exc import DBAPIError

    target = server_url(url)
    if not hasattr(target, "drivername"):
        raise ValidationError("URL", url, _("a team database lives on a PostgreSQL server"))
    shown = target.render_as_string(hide_password=True)
    engine = create_engine(target)
    try:
        with engine.connect() as c:
            tables = set(inspect(c).get_table_names())
            if tables and "alembic_version" not in tables:
                raise ValidationError("URL", shown, _(
                    "this database holds other tables, not KeyAccounts; nothing was changed"))
            if "account" in tables and not storage_team.is_team_database(c) and c.execute(
                    text("SELECT count(*) FROM account")).scalar():
                raise ValidationError("URL", shown, _(
                    "a single-user KeyAccounts database, not a team database; nothing was "
                    "changed"))
    except DBAPIError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()
        raise DatabaseError(_("{url}: cannot open the database ({reason})").format(
            url=shown, reason=reason[0] if reason else type(exc).__name__)) from None
    finally:
        engine.dispose()
    with open_database(url, create=True) as db:
        with db.engine.begin() as c:
            for statement in storage_team.install_sql(target.database):
                c.exec_driver_sql(statement)
    return storage_team.group_role(target.database)


def _require_team(db: Database) -> None:
    if db.is_file:
        raise ValidationError("db", db.location, _(
            "team mode needs a team database on a PostgreSQL server"))
    with db.engine.connect() as c:
        if not storage_team.is_team_database(c):
            raise ValidationError("db", db.location, _(
                "not a team database: run `keyaccounts team init URL` first"))


def add_person(db: Database, login: str, name: str, role: str, *, level: str | None = None,
               team: str = "") -> tuple[PersonView, str | None]:
    """A new person: a login role with a one-time password (returned, never stored: the
    person sets their own with ``team password``), a member of the team's group. With a
    *level* they are one of our people at once (the relationship map's list); without
    one they become one when a level is set (:func:`edit_person`)."""
    from keyaccounts.services.relmap import team_member

    _require_team(db)
    login = (login or "").strip()
    if not LOGIN_RE.match(login):
        raise ValidationError("login", login, _(
            "expected lower-case letters, digits and _, starting with a letter"))
    if role not in storage_team.ROLES:
        raise ValidationError("role", role, _("expected one of: {choices}").format(
            choices=", ".join(storage_team.ROLES)))
    if level is not None and level not in LEVELS:
        raise ValidationError("level", level, _("expected one of: {choices}").format(
            choices=", ".join(LEVELS)))
    name = (name or "").strip()
    if not name:
        raise ValidationError("name", name, _("required"))
    group = storage_team.quote_ident(storage_team.group_role(db.url.database))
    who = storage_team.quote_ident(login)
    password = None
    with db.transaction() as s:
        if s.get(Person, login) is not None:
            raise ValidationError("login", login, _("this person exists already"))
        c = s.connection()
        exists = c.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(n)s",
                                   {"n": login}).first()
        if exists is None:
            password = secrets.token_urlsafe(12)
            c.exec_driver_sql(f"CREATE ROLE {who} LOGIN PASSWORD "
                              f"'{_encrypted(c, login, password)}'")
        c.exec_driver_sql(f"GRANT {group} TO {who}")
        if role == "admin":
            c.exec_driver_sql(f"GRANT {group} TO {who} WITH ADMIN OPTION")
            c.exec_driver_sql(f"GRANT INSERT, UPDATE ON person TO {who}")
        person = Person(login=login, name=name, role=role, level=level, team=team or "",
                        active=True)
        s.add(person)
        s.flush()
        team_member(s, login, name, level)
        return person_view(person), password


def edit_person(db: Database, login: str, *, name: str | None = None,
                level: str | None = None) -> PersonView:
    """Change a person's full name or level; a person with a level is one of our people
    (their row follows the name and level)."""
    from keyaccounts.services.relmap import team_member

    _require_team(db)
    if level is not None and level not in LEVELS:
        raise ValidationError("level", level, _("expected one of: {choices}").format(
            choices=", ".join(LEVELS)))
    if name is not None:
        name = name.strip()
        if not name:
            raise ValidationError("name", name, _("required"))
    with db.transaction() as s:
        person = s.get(Person, (login or "").strip())
        if person is None:
            raise NotFound("login", login, _("no such person"))
        if name is not None:
            person.name = name
        if level is not None:
            person.level = level
        s.flush()
        team_member(s, person.login, person.name, person.level, active=person.active)
        return person_view(person)


def _encrypted(connection, login: str, password: str) -> str:
    """The password as the server stores it (SCRAM), computed here by libpq: the clear
    text never travels to the server or its logs."""
    pgconn = connection.connection.driver_connection.pgconn
    return pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256"
                                   ).decode()


def list_people(db: Database) -> list[PersonView]:
    with db.session() as s:
        return [person_view(p) for p in s.scalars(select(Person).order_by(Person.login))]


def disable_person(db: Database, login: str) -> PersonView:
    """The person can no longer log in; nothing they wrote is lost or re-attributed. As
    one of our people they are no longer offered, and the meetings they were at stay
    theirs."""
    from keyaccounts.services.relmap import team_member_left

    _require_team(db)
    with db.transaction() as s:
        person = s.get(Person, login)
        if person is None:
            raise NotFound("login", login, _("no such person"))
        person.active = False
        team_member_left(s, login)
        s.connection().exec_driver_sql(f"ALTER ROLE {storage_team.quote_ident(login)} NOLOGIN")
        s.flush()
        return person_view(person)


def set_password(db: Database, password: str) -> str:
    """The connected person's own password (stored by the server as SCRAM only)."""
    _require_team(db)
    if len(password or "") < 8:
        raise ValidationError("password", None, _("at least 8 characters"))
    with db.transaction() as s:
        c = s.connection()
        login = c.exec_driver_sql("SELECT current_user").scalar()
        c.exec_driver_sql(f"ALTER ROLE {storage_team.quote_ident(login)} PASSWORD "
                          f"'{_encrypted(c, login, password)}'")
        return login


# --- sharing and hand-over ----------------------------------------------------------


def _person(s, login: str, field: str) -> Person:
    person = s.get(Person, (login or "").strip())
    if person is None:
        raise NotFound(field, login, _("no such person"))
    if not person.active:
        raise ValidationError(field, login, _("this person is disabled"))
    return person


def share_account(db: Database, account_ref: str | int, login: str, *,
                  write: bool = False) -> None:
    """Share an account with a person, to read or (*write*) also to write."""
    from keyaccounts.services.common import get_account
    from keyaccounts.storage.model import AccountShare

    with db.transaction() as s:
        account = get_account(s, account_ref)
        person = _person(s, login, "with")
        if person.login == account.owner:
            raise ValidationError("with", login, _("owns this account already"))
        share = s.get(AccountShare, (account.id, person.login))
        if share is None:
            s.add(AccountShare(account_id=account.id, login=person.login, can_write=write))
        else:
            share.can_write = write


def unshare_account(db: Database, account_ref: str | int, login: str) -> None:
    from keyaccounts.services.common import get_account
    from keyaccounts.storage.model import AccountShare

    with db.transaction() as s:
        account = get_account(s, account_ref)
        share = s.get(AccountShare, (account.id, (login or "").strip()))
        if share is None:
            raise NotFound("with", login, _("this account is not shared with them"))
        s.delete(share)


def _hand_over(s, account, to: Person, reason: str, on: date, by: str) -> HandOverView:
    from keyaccounts.storage.model import (
        Contact,
        FollowUp,
        FollowUpStatus,
        Level,
        OwnerHistory,
        Role,
    )

    previous = account.owner
    if previous == to.login:
        raise ValidationError("to", to.login, _("owns this account already"))
    moved = 0
    for f in s.scalars(select(FollowUp).where(FollowUp.account_id == account.id,
                                              FollowUp.status == FollowUpStatus.OPEN)):
        f.owner = to.login
        moved += 1
    key = s.scalars(select(Contact).where(
        Contact.account_id == account.id, ~Contact.archived, Contact.left_on.is_(None),
        (Contact.level == Level.EXECUTIVE) | (Contact.role == Role.DECISION_MAKER))
        .order_by(Contact.name)).all()
    for contact in key:
        s.add(FollowUp(account_id=account.id, owner=to.login, opened_on=on,
                       due=on + timedelta(days=KEY_CONTACT_DAYS),
                       text=_("Meet {contact}, a key contact, as the new owner").format(
                           contact=contact.name),
                       origin=_("hand-over from {old} to {new}").format(
                           old=previous or "-", new=to.login),
                       status=FollowUpStatus.OPEN))
    s.add(OwnerHistory(account_id=account.id, from_owner=previous, to_owner=to.login,
                       reason=reason, on_date=on, by_login=by))
    # The new rows first, while the one handing over still writes the account.
    s.flush()
    account.owner = to.login
    s.flush()
    return HandOverView(account.name, previous, to.login, on, moved, len(key))


def _current_login(s) -> str:
    if s.get_bind().dialect.name != "postgresql":
        return ""
    return s.connection().exec_driver_sql("SELECT current_user").scalar()


def _may_hand_over(s, account_owner: str, me: str, to: Person) -> None:
    """The owner, or a lead of the owner's team (handing to someone of that team)."""
    if not me:  # a SQLite file: one user
        return
    mine = s.get(Person, me)
    if mine is None:  # the database's administrator
        return
    if account_owner == me:
        return
    owner = s.get(Person, account_owner)
    if mine.role == "lead" and mine.active and owner is not None and owner.team == mine.team:
        if to.team != mine.team:
            raise ValidationError("to", to.login, _("is not in your team"))
        return
    raise ValidationError("account", None, _(
        "only its owner or a lead of the owner's team hands an account over"))


def hand_over(db: Database, account_ref: str | int, to_login: str, reason: str,
              on: date | None = None) -> HandOverView:
    """Give an account to another person: its open follow-ups become theirs, a follow-up
    to meet each executive and decision maker is opened for them, the change is kept."""
    from keyaccounts.domain import clock
    from keyaccounts.services.common import _text, get_account

    on = on or clock.today()
    reason = _text(reason, "reason", required=True)
    with db.transaction() as s:
        account = get_account(s, account_ref)
        to = _person(s, to_login, "to")
        _may_hand_over(s, account.owner, _current_login(s), to)
        return _hand_over(s, account, to, reason, on, _current_login(s))


def hand_over_all(db: Database, from_login: str, to_login: str, reason: str,
                  on: date | None = None) -> list[HandOverView]:
    """Everything a (leaving) person owns, to another, in one transaction."""
    from keyaccounts.domain import clock
    from keyaccounts.services.common import _text
    from keyaccounts.storage.model import Account

    on = on or clock.today()
    reason = _text(reason, "reason", required=True)
    with db.transaction() as s:
        source = s.get(Person, (from_login or "").strip())
        if source is None:
            raise NotFound("from", from_login, _("no such person"))
        to = _person(s, to_login, "to")
        me = _current_login(s)
        done = []
        for account in s.scalars(select(Account).where(Account.owner == source.login)
                                 .order_by(Account.name)).all():
            _may_hand_over(s, account.owner, me, to)
            done.append(_hand_over(s, account, to, reason, on, me))
        return done


def owner_history(db: Database, account_ref: str | int) -> list[dict]:
    from keyaccounts.services.accounts import owner_changes
    from keyaccounts.services.common import get_account

    with db.session() as s:
        return [h.as_json() for h in owner_changes(s, get_account(s, account_ref).id)]
