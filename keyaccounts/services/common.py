"""What every service shares: enum parsing with aliases, text checks, look-ups."""

from __future__ import annotations

from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from keyaccounts.domain.errors import NotFound, ValidationError, VersionConflict
from keyaccounts.domain.names import name_key
from keyaccounts.domain.numbers import is_id
from keyaccounts.domain.text import check_text
from keyaccounts.i18n import N_, _
from keyaccounts.storage.model import (
    Account,
    AccountStatus,
    Contact,
    FollowUp,
    FollowUpStatus,
    InteractionKind,
    Level,
    Role,
    Tier,
    TierBasis,
)

# Accepted spellings for enum fields, beside the canonical tokens.
ALIASES: dict[type, dict[str, str]] = {
    Level: {"executive": "exec", "management": "mgmt", "operational": "ops",
            "高层": "exec", "中层": "mgmt", "基层": "ops"},
    Role: {"decision_maker": "decision-maker", "decision maker": "decision-maker",
           "决策者": "decision-maker", "影响者": "influencer", "支持者": "champion",
           "使用者": "user", "阻碍者": "blocker"},
    InteractionKind: {"exec_meeting": "exec-meeting", "tech_meeting": "tech-meeting",
                      "value_add": "value-add", "meeting": "exec-meeting"},
    AccountStatus: {"at_risk": "at-risk"},
    TierBasis: {"strategic": "strategic-fit", "strategic_fit": "strategic-fit"},
}
MAX_NAME = 200
ROLE_WORDS = {Role.DECISION_MAKER: N_("decision maker"), Role.INFLUENCER: N_("influencer"),
               Role.CHAMPION: N_("champion"), Role.USER: N_("user"), Role.BLOCKER: N_("blocker")}
STATUS_WORDS = {FollowUpStatus.OPEN: N_("open"), FollowUpStatus.SETTLED: N_("settled"),
                FollowUpStatus.CARRIED: N_("carried")}


@cache
def _members(cls) -> dict[str, object]:
    """*cls*'s members by value (a dict lookup: an import parses thousands of values)."""
    return {m.value: m for m in cls}


def parse_enum(cls, value, field: str):
    """The member of *cls* that *value* names (token, alias or member), else an error."""
    if isinstance(value, cls):
        return value
    text = str(value).strip()
    key = text.lower() if text.isascii() else text
    key = ALIASES.get(cls, {}).get(key, key)
    member = _members(cls).get(key if cls is not Tier else key.upper())
    if member is None:
        choices = ", ".join(m.value for m in cls)
        raise ValidationError(field, value, _("expected one of: {choices}").format(
            choices=choices))
    return member


def _text(value: str | None, field: str, *, required: bool = False, limit: int = 10_000,
          single_line: bool = False) -> str:
    return check_text(value, field, required=required, limit=limit, single_line=single_line)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")


# --- look-ups -----------------------------------------------------------------------


def get_account(session: Session, ref: str | int, field: str = "account") -> Account:
    """An account by id or by name: as stored, else as names are compared (see
    domain.names: case, width, spaces and invisible characters aside)."""
    if isinstance(ref, int):
        account = session.get(Account, ref)
    else:
        name = str(ref).strip()
        account = session.scalar(select(Account).where(Account.name == name))
        if account is None:
            key = name_key(name)
            ids = [aid for aid, other in session.execute(select(Account.id, Account.name))
                   if name_key(other) == key]
            account = session.get(Account, ids[0]) if len(ids) == 1 else None
    if account is None:
        raise NotFound(field, ref, _("no such account"))
    return account


def get_contact(session: Session, account: Account, ref: str | int,
                field: str = "contact") -> Contact:
    """A contact of *account* by id or by name."""
    text = str(ref).strip()
    if isinstance(ref, int) or is_id(text):
        contact = session.get(Contact, int(text))
        if contact is not None and contact.account_id != account.id:
            raise ValidationError(field, ref, _("belongs to account {other}, not {account}").format(
                other=contact.account.name, account=account.name))
    else:  # as stored, else as names are compared (see domain.names)
        mine = select(Contact).where(Contact.account_id == account.id)
        found = session.scalars(mine.where(Contact.name == text)).all()
        if not found:
            key = name_key(text)
            found = [c for c in session.scalars(mine) if name_key(c.name) == key]
            if len(found) > 1:  # an archived namesake aside
                found = [c for c in found if not c.archived] or found
        if len(found) > 1:
            raise ValidationError(field, ref, _("several contacts have this name; use the id"))
        contact = found[0] if found else None
    if contact is None:
        raise NotFound(field, ref, _("no such contact in account {account}").format(
            account=account.name))
    return contact


def get_followup(session: Session, account: Account, ref: int, field: str) -> FollowUp:
    followup = session.get(FollowUp, ref)
    if followup is None:
        raise NotFound(field, ref, _("no such follow-up"))
    if followup.account_id != account.id:
        raise ValidationError(field, ref, _("belongs to account {other}, not {account}").format(
            other=followup.account.name, account=account.name))
    return followup


def check_version(row, expected: int | None, what: str) -> None:
    """Refuse an edit made on an outdated copy of *row* (an Audited row): *expected* is
    the version the editor read (None: no check). The ORM's own version check catches
    a change between this read and the write (storage.db turns it into the same error)."""
    if expected is None or row.version == expected:
        return
    who = row.updated_by or _("someone else")
    raise VersionConflict(_("{what} was changed by {who} meanwhile (version {found}, your "
                            "copy is version {expected}); nothing was saved: reload it and "
                            "edit again").format(what=what, who=who, found=row.version,
                                                 expected=expected))
