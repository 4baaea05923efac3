"""Accounts: create, edit, archive, list, and the account page."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from keyaccounts.domain.dates import Birthday
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.names import name_key
from keyaccounts.domain.tiers import TIER_RHYTHMS
from keyaccounts.domain.views import (
    AccountPage,
    AccountRow,
    AccountView,
    CadenceView,
    ContactLine,
    ContactView,
    OwnerChange,
)
from keyaccounts.i18n import _
from keyaccounts.services.chain import _chain
from keyaccounts.services.common import (
    MAX_NAME,
    _text,
    check_version,
    get_account,
    parse_enum,
)
from keyaccounts.storage.db import Database
from keyaccounts.storage.sql import as_text
from keyaccounts.storage.model import (
    Account,
    text_limit,
    AccountStatus,
    Contact,
    ContactPrivate,
    FollowUp,
    FollowUpStatus,
    Interaction,
    Tier,
    TierBasis,
    interaction_contact,
)
from keyaccounts.domain import clock

# --- accounts -----------------------------------------------------------------------

ACCOUNT_FIELDS = ("name", "tier", "tier_basis", "tier_note", "industry", "owner", "status",
                  "renewal_date", "annual_revenue", "notes")


def _apply_account_fields(session: Session, account: Account, fields: dict) -> None:
    unknown = set(fields) - set(ACCOUNT_FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0], None, _("unknown field"))
    if "name" in fields:
        name = _text(fields["name"], "name", required=True, limit=MAX_NAME, single_line=True)
        key = name_key(name)
        for other_id, other in session.execute(select(Account.id, Account.name)):
            if other_id != account.id and name_key(other) == key:  # the same name to a reader
                raise ValidationError("name", name, _(
                    "an account with this name exists already: {existing}").format(
                        existing=other))
        account.name = name
    if "tier" in fields:
        account.tier = parse_enum(Tier, fields["tier"], "tier")
    if "tier_basis" in fields:
        account.tier_basis = parse_enum(TierBasis, fields["tier_basis"], "tier_basis")
    if "status" in fields:
        account.status = parse_enum(AccountStatus, fields["status"], "status")
    for key in ("tier_note", "industry", "owner", "notes"):
        if key in fields:
            one_line = key in ("industry", "owner")
            setattr(account, key, _text(fields[key], key, limit=text_limit(getattr(Account, key)),
                                         single_line=one_line))
    if "renewal_date" in fields:
        value = fields["renewal_date"]
        if value is not None and not isinstance(value, date):
            raise ValidationError("renewal", value, _("expected a date as YYYY-MM-DD"))
        account.renewal_date = value
    if "annual_revenue" in fields:
        value = fields["annual_revenue"]
        if value is not None and (not isinstance(value, int) or value < 0):
            raise ValidationError("annual_revenue", value, _("must be a whole number, 0 or more"))
        account.annual_revenue = value


def add_account(db: Database, name: str, **fields) -> AccountView:
    with db.transaction() as s:
        account = Account(name="", tier=Tier.C, tier_basis=TierBasis.REVENUE,
                          status=AccountStatus.ACTIVE)
        _apply_account_fields(s, account, {"name": name, **fields})
        s.add(account)
        _flush_name(s, account)
        return AccountView.of(account)


def _flush_name(s: Session, account: Account) -> None:
    """Flush; on a team server another person's account (not visible to this one) may
    hold the name already: said as such, not as the database's error."""
    from sqlalchemy.exc import IntegrityError

    try:
        with s.begin_nested():
            s.flush()
    except IntegrityError as exc:
        if not any(m in str(exc.orig) for m in ("uq_account_name", "account.name")):
            raise
        raise ValidationError("name", account.name, _(
            "an account with this name exists already (another person's)")) from None


def update_account(db: Database, account_ref: str | int, *, if_version: int | None = None,
                   **fields) -> AccountView:
    """Change the fields named; with *if_version*, only if the account is still at that
    version (the copy the edit was made on), else VersionConflict naming who changed it."""
    with db.transaction() as s:
        account = get_account(s, account_ref)
        check_version(account, if_version, account.name)
        _apply_account_fields(s, account, fields)
        _flush_name(s, account)
        return AccountView.of(account)


def set_account_archived(db: Database, account_ref: str | int, archived: bool) -> AccountView:
    with db.transaction() as s:
        account = get_account(s, account_ref)
        account.archived = archived
        return AccountView.of(account)


def _account_columns() -> tuple:
    """The columns of an AccountView, in its order."""
    return (Account.id, Account.name, as_text(Account.tier), as_text(Account.tier_basis),
            Account.tier_note, Account.industry, Account.owner, as_text(Account.status),
            Account.renewal_date, Account.annual_revenue, Account.notes, Account.archived,
            Account.version)


def _account_view(aid, name, tier, basis, note, industry, owner, status, renewal, revenue,
                  notes, archived, version) -> AccountView:
    """An AccountView from a row of _account_columns()."""
    return AccountView(aid, name, tier, basis, note, industry, owner, status, renewal, revenue,
                       notes, archived, version)


def _accounts(query, include_archived: bool):
    return (query if include_archived else query.where(~Account.archived)).order_by(Account.name)


def find_account(db: Database, account_ref: str | int) -> AccountView:
    """The account named (or numbered) *account_ref*; NotFound if there is none."""
    with db.session() as s:
        return AccountView.of(get_account(s, account_ref))


def list_accounts(db: Database, *, include_archived: bool = False,
                  owner: str | None = None) -> list[AccountView]:
    """Accounts by name (those of *owner* only, when given); plain rows (a quick log
    lists all of them as it opens)."""
    query = select(*_account_columns())
    if owner is not None:
        query = query.where(Account.owner == owner)
    with db.engine.connect() as c:
        rows = c.execute(_accounts(query, include_archived)).all()
    return [_account_view(*row) for row in rows]


def account_rows(db: Database, today: date | None = None, *,
                 include_archived: bool = False) -> list[AccountRow]:
    """The accounts list with contact counts, last contact and open/overdue follow-ups.

    Plain rows, no ORM objects: this list is loaded at every start and refresh.
    """
    today = today or clock.today()
    is_open = (FollowUp.account_id == Account.id) & (FollowUp.status == FollowUpStatus.OPEN)
    # One statement; each figure is an index seek per account.
    query = select(
        *_account_columns(),
        select(func.max(Interaction.occurred_at))
        .where(Interaction.account_id == Account.id).scalar_subquery(),
        select(func.count()).where(Contact.account_id == Account.id, ~Contact.archived,
                                   Contact.left_on.is_(None)).scalar_subquery(),
        select(func.count()).where(is_open).scalar_subquery(),
        select(func.count()).where(is_open, FollowUp.due < today).scalar_subquery())
    with db.engine.connect() as c:
        rows = c.execute(_accounts(query, include_archived)).all()
    return [AccountRow(_account_view(*row[:13]), people, last and last.date(), n, late)
            for *row, last, people, n, late in rows]



# Not met for longer than this (days, by tier) marks a key contact on the account page.
STALE_AFTER_DAYS = {Tier(t): r.stale_days for t, r in TIER_RHYTHMS.items()}


def account_page(db: Database, account: str | int, today: date | None = None) -> AccountPage:
    """The account page: header, key contacts with last met, open follow-ups, the chain."""
    today = today or clock.today()
    with db.session() as s:
        acc = get_account(s, account)
        account_view = AccountView.of(acc)
        cadences = tuple(CadenceView.of(c) for c in acc.cadences)
        limit = timedelta(days=STALE_AFTER_DAYS[acc.tier])
        # Plain rows, on the unit of work's connection: a page is opened at every click.
        last_met = dict(s.execute(
            select(interaction_contact.c.contact_id, func.max(Interaction.occurred_at))
            .select_from(Interaction)
            .join(interaction_contact, interaction_contact.c.interaction_id == Interaction.id)
            .where(Interaction.account_id == acc.id)
            .group_by(interaction_contact.c.contact_id)).all())
        boss = aliased(Contact)
        people = s.execute(
            select(Contact.id, Contact.name, Contact.title, as_text(Contact.level),
                   as_text(Contact.role), as_text(Contact.attitude), Contact.emails, Contact.phones, Contact.birthday_month,
                   Contact.birthday_day, Contact.birthday_year, Contact.birthday_lunar,
                   Contact.birthday_leap, ContactPrivate.notes, Contact.joined_on,
                   Contact.left_on, boss.name, Contact.archived)
            .outerjoin(boss, boss.id == Contact.reports_to_id)
            .outerjoin(ContactPrivate, ContactPrivate.contact_id == Contact.id)
            .where(Contact.account_id == acc.id, ~Contact.archived)
            .order_by(Contact.name)).all()
        owners = owner_changes(s, acc.id)
    lines = []
    for (cid, name, title, level, role, attitude, emails, phones, month, day, year, lunar,
         leap, notes, joined, left, boss_name, archived) in people:
        met = last_met.get(cid)
        met_day = met and met.date()
        since = met_day or joined
        active = left is None or left > today
        stale = active and (since is None or today - since > limit)
        birthday = (Birthday(month, day, year, lunar, leap)
                    if month is not None and day is not None else None)
        lines.append(ContactLine(ContactView(
            cid, account_view.name, account_view.id, name, title, level, role, attitude,
            tuple(emails or ()), tuple(phones or ()), birthday,
            notes or "", joined, left, boss_name, archived), met_day, stale))
    chain, followups = _chain(db, account_view.id, account_view.name)
    # Every open one: opened by an interaction, by an action, or kept from a deleted one.
    open_followups = sorted((f for f in followups if f.status == "open"),
                            key=lambda f: (f.due, f.id))
    return AccountPage(account_view, tuple(lines), tuple(open_followups), tuple(chain),
                       cadences, today, owners)


def owner_changes(s: Session, account_id: int) -> tuple[OwnerChange, ...]:
    """The account's hand-overs, oldest first."""
    from keyaccounts.storage.model import OwnerHistory

    return tuple(OwnerChange(h.from_owner, h.to_owner, h.reason, h.on_date, h.by_login)
                 for h in s.scalars(select(OwnerHistory).where(
                     OwnerHistory.account_id == account_id).order_by(OwnerHistory.id)))
