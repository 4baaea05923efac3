"""Key contacts: create, edit, archive, and a contact who left."""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keyaccounts.domain.dates import Birthday
from keyaccounts.domain.errors import ChainConflict, NotFound, ValidationError
from keyaccounts.domain.tiers import NEW_RELATIONSHIP_DAYS
from keyaccounts.domain.views import (
    ContactView,
    FollowUpView,
)
from keyaccounts.i18n import _
from keyaccounts.services.outbox import replayable
from keyaccounts.services.common import (
    MAX_NAME,
    ROLE_WORDS,
    _text,
    check_fields,
    get_account,
    get_contact,
    optional_date,
    parse_enum,
    unique_name,
)
from keyaccounts.services.rows import contact_view, followup_view
from keyaccounts.storage.db import Database
from keyaccounts.storage.model import (
    Account,
    Attitude,
    Contact,
    FollowUp,
    FollowUpStatus,
    Level,
    Role,
)

# --- contacts -----------------------------------------------------------------------

CONTACT_FIELDS = ("name", "title", "level", "role", "attitude", "emails", "phones", "birthday",
                  "private_notes", "joined_on", "left_on", "reports_to")
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE_RE = re.compile(r"\+?[0-9][0-9 ()\-]{2,30}(?:\s*(?:x|ext\.?|转)\s*\d{1,6})?")

MAX_EMAIL, MAX_PHONE = 254, 40


def check_email(value: str, field: str = "email") -> str:
    """One address, trimmed, or a ValidationError (every way in uses this)."""
    text = _text(value, field, limit=MAX_EMAIL, single_line=True)
    if not EMAIL_RE.fullmatch(text):
        raise ValidationError(field, text, _("not an email address"))
    return text


def check_phone(value: str, field: str = "phone") -> str:
    """One phone number, trimmed, or a ValidationError (every way in uses this)."""
    text = _text(value, field, limit=MAX_PHONE, single_line=True)
    if not PHONE_RE.fullmatch(text):
        raise ValidationError(field, text, _("not a phone number"))
    return text


def _apply_contact_fields(s: Session, contact: Contact, account: Account, fields: dict) -> None:
    check_fields(fields, CONTACT_FIELDS)
    if "name" in fields:
        others = select(Contact.id, Contact.name).where(Contact.account_id == account.id,
                                                        Contact.archived.is_(False))
        contact.name = unique_name(
            fields["name"], s.execute(others), contact.id,
            lambda other: _(
                "a contact of {account} with this name exists already: {existing}"
            ).format(account=account.name, existing=other))
    if "title" in fields:
        contact.title = _text(fields["title"], "title", limit=MAX_NAME, single_line=True)
    if "level" in fields:
        contact.level = parse_enum(Level, fields["level"], "level")
    if "role" in fields:
        contact.role = parse_enum(Role, fields["role"], "role")
    if "attitude" in fields:
        contact.attitude = parse_enum(Attitude, fields["attitude"], "attitude")
    if "emails" in fields:
        contact.emails = [check_email(e) for e in fields["emails"] or () if e and e.strip()]
    if "phones" in fields:
        contact.phones = [check_phone(p) for p in fields["phones"] or () if p and p.strip()]
    if "birthday" in fields:
        b: Birthday | None = fields["birthday"]
        contact.birthday_month = b.month if b else None
        contact.birthday_day = b.day if b else None
        contact.birthday_year = b.year if b else None
        contact.birthday_lunar = bool(b and b.lunar)
        contact.birthday_leap = bool(b and b.leap)
    if "private_notes" in fields:
        contact.private_notes = _text(fields["private_notes"], "private_notes")
    for key in ("joined_on", "left_on"):
        if key in fields:
            setattr(contact, key, optional_date(fields[key], key))
    if contact.joined_on and contact.left_on and contact.left_on < contact.joined_on:
        raise ValidationError("left_on", contact.left_on, _("is before the joining date"))
    if "reports_to" in fields:
        ref = fields["reports_to"]
        boss = get_contact(s, account, ref, "reports_to") if ref not in (None, "") else None
        if boss is not None:
            seen, node = set(), boss
            while node is not None and node.id not in seen:
                if node is contact:
                    raise ValidationError("reports_to", ref, _("would make a reporting loop"))
                seen.add(node.id)
                node = node.reports_to
        contact.reports_to = boss


def _contact_by_id(s, contact_id: int) -> Contact:
    contact = s.get(Contact, contact_id)
    if contact is None:
        raise NotFound("contact", contact_id, _("no such contact"))
    return contact


@replayable("add_contact")
def add_contact(db: Database, account: str | int, name: str, **fields) -> ContactView:
    with db.transaction() as s:
        acc = get_account(s, account)
        contact = Contact(account_id=acc.id, name="", level=Level.OPERATIONAL, role=Role.USER,
                          attitude=Attitude.UNKNOWN, emails=[], phones=[])
        _apply_contact_fields(s, contact, acc, {"name": name, **fields})
        s.add(contact)
        s.flush()
        return contact_view(contact)


def update_contact(db: Database, contact_id: int, **fields) -> ContactView:
    with db.transaction() as s:
        contact = _contact_by_id(s, contact_id)
        _apply_contact_fields(s, contact, contact.account, fields)
        s.flush()
        return contact_view(contact)


def list_contacts(db: Database, account: str | int | None = None, *,
                  include_archived: bool = False) -> list[ContactView]:
    with db.session() as s:
        query = (select(Contact).join(Contact.account)
                 .options(selectinload(Contact.reports_to))
                 .order_by(Account.name, Contact.level, Contact.name))
        if account is not None:
            query = query.where(Contact.account_id == get_account(s, account).id)
        if not include_archived:
            query = query.where(Contact.archived.is_(False))
        return [contact_view(c) for c in s.scalars(query)]


def contact_account_id(db: Database, contact_id: int) -> int:
    """The id of the account a contact belongs to."""
    with db.session() as s:
        return _contact_by_id(s, contact_id).account_id


def set_contact_archived(db: Database, contact_id: int, archived: bool) -> ContactView:
    with db.transaction() as s:
        contact = _contact_by_id(s, contact_id)
        contact.archived = archived
        return contact_view(contact)


def mark_contact_left(db: Database, contact_id: int, left_on: date, *,
                      successor: int | None = None, owner: str = "") -> FollowUpView:
    """Record that a key contact left; open a follow-up to build the new relationship.

    *successor* is the contact who takes the role, if known.  The follow-up is
    due :data:`NEW_RELATIONSHIP_DAYS` after the departure.
    """
    with db.transaction() as s:
        contact = _contact_by_id(s, contact_id)
        if contact.joined_on and left_on < contact.joined_on:
            raise ValidationError("left_on", left_on, _("is before the joining date"))
        if contact.left_on is not None:
            raise ValidationError("contact", contact.name, _("has already left"))
        contact.left_on = left_on
        if successor is not None:
            heir = get_contact(s, contact.account, successor, "successor")
            if heir.id == contact.id:
                raise ValidationError("successor", heir.name, _("is the contact who left"))
            contact.successor_id = heir.id  # drawn on the relationship map
            text = _("Build a relationship with {name} ({title}), who takes over from {old}"
                     ).format(name=heir.name, title=heir.title or _(ROLE_WORDS[heir.role]),
                              old=contact.name)
        else:
            text = _("Find out who takes over from {old} ({title}) and meet them").format(
                old=contact.name, title=contact.title or _(ROLE_WORDS[contact.role]))
        f = FollowUp(account_id=contact.account_id, text=text,
                     due=left_on + timedelta(days=NEW_RELATIONSHIP_DAYS), owner=owner,
                     opened_on=left_on,
                     origin=_("{name} left on {day}").format(name=contact.name,
                                                             day=left_on.isoformat()))
        s.add(f)
        s.flush()
        return followup_view(f)


def undo_contact_left(db: Database, contact_id: int, followup_id: int) -> None:
    """Take back :func:`mark_contact_left`: the contact is current again, its follow-up gone."""
    with db.transaction() as s:
        contact = s.get(Contact, contact_id)
        f = s.get(FollowUp, followup_id)
        if contact is None or f is None:
            raise NotFound("contact", contact_id, _("no such contact"))
        if f.status != FollowUpStatus.OPEN:
            raise ChainConflict(_("The follow-up {id} has been acted on since; "
                                  "it stays.").format(id=f.id))
        contact.left_on = None
        contact.successor_id = None
        s.delete(f)
