"""Accounts: create, edit, archive, list, and the account page."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from keyaccounts.domain.dates import Birthday, stored_date
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.views import (
    AccountPage,
    AccountRow,
    AccountView,
    CadenceView,
    ContactLine,
    ContactView,
)
from keyaccounts.i18n import _
from keyaccounts.services.chain import _chain
from keyaccounts.services.common import MAX_NAME, _text, get_account, parse_enum
from keyaccounts.storage.db import Database
from keyaccounts.storage.model import (
    Account,
    AccountStatus,
    Tier,
    TierBasis,
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
        clash = session.scalar(select(Account).where(Account.name == name, Account.id != account.id))
        if clash is not None:
            raise ValidationError("name", name, _("an account with this name exists already"))
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
            setattr(account, key, _text(fields[key], key, limit=100 if one_line else 10_000,
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
        s.flush()
        return AccountView.of(account)


def update_account(db: Database, account_ref: str | int, **fields) -> AccountView:
    with db.transaction() as s:
        account = get_account(s, account_ref)
        _apply_account_fields(s, account, fields)
        s.flush()
        return AccountView.of(account)


def set_account_archived(db: Database, account_ref: str | int, archived: bool) -> AccountView:
    with db.transaction() as s:
        account = get_account(s, account_ref)
        account.archived = archived
        return AccountView.of(account)


ACCOUNT_COLUMNS = ("a.id, a.name, a.tier, a.tier_basis, a.tier_note, a.industry, a.owner,"
                   " a.status, a.renewal_date, a.annual_revenue, a.notes, a.archived")


def _account_view(aid, name, tier, basis, note, industry, owner, status, renewal, revenue,
                  notes, archived) -> AccountView:
    """An AccountView from a row of ACCOUNT_COLUMNS."""
    return AccountView(aid, name, tier, basis, note, industry, owner, status,
                       stored_date(renewal), revenue, notes, bool(archived))


def find_account(db: Database, account_ref: str | int) -> AccountView:
    """The account named (or numbered) *account_ref*; NotFound if there is none."""
    with db.session() as s:
        return AccountView.of(get_account(s, account_ref))


def list_accounts(db: Database, *, include_archived: bool = False) -> list[AccountView]:
    """Accounts by name; plain rows (a quick log lists all of them as it opens)."""
    with db.engine.connect() as c:
        rows = c.connection.driver_connection.execute(
            f"SELECT {ACCOUNT_COLUMNS} FROM account a"
            + ("" if include_archived else " WHERE a.archived = 0") + " ORDER BY a.name"
        ).fetchall()
    return [_account_view(*row) for row in rows]


def account_rows(db: Database, today: date | None = None, *,
                 include_archived: bool = False) -> list[AccountRow]:
    """The accounts list with contact counts, last contact and open/overdue follow-ups.

    Plain rows, no ORM objects: this list is loaded at every start and refresh.
    """
    today = today or clock.today()
    with db.engine.connect() as c:
        # One statement; each figure is an index seek per account.
        rows = c.connection.driver_connection.execute(
            f"SELECT {ACCOUNT_COLUMNS},"
            " (SELECT MAX(occurred_at) FROM interaction i WHERE i.account_id = a.id),"
            " (SELECT COUNT(*) FROM contact ct WHERE ct.account_id = a.id"
            "  AND ct.archived = 0 AND ct.left_on IS NULL),"
            " (SELECT COUNT(*) FROM follow_up f WHERE f.account_id = a.id"
            "  AND f.status = 'open'),"
            " (SELECT COUNT(*) FROM follow_up f WHERE f.account_id = a.id"
            "  AND f.status = 'open' AND f.due < ?) FROM account a"
            + ("" if include_archived else " WHERE a.archived = 0") + " ORDER BY a.name",
            (today.isoformat(),)).fetchall()
    return [AccountRow(_account_view(*row[:12]), people, stored_date(last), n, late)
            for *row, last, people, n, late in rows]



# Not met for longer than this (days, by tier) marks a key contact on the account page.
STALE_AFTER_DAYS = {Tier.A: 60, Tier.B: 120, Tier.C: 240}


def account_page(db: Database, account: str | int, today: date | None = None) -> AccountPage:
    """The account page: header, key contacts with last met, open follow-ups, the chain."""
    today = today or clock.today()
    with db.session() as s:
        acc = get_account(s, account)
        account_view = AccountView.of(acc)
        cadences = tuple(CadenceView.of(c) for c in acc.cadences)
        limit = timedelta(days=STALE_AFTER_DAYS[acc.tier])
        # Plain rows, on the unit of work's connection: a page is opened at every click.
        run = s.connection().connection.driver_connection.execute
        last_met = dict(run(
            "SELECT ic.contact_id, MAX(i.occurred_at) FROM interaction i"
            " JOIN interaction_contact ic ON ic.interaction_id = i.id"
            " WHERE i.account_id = ? GROUP BY ic.contact_id", (acc.id,)).fetchall())
        people = run(
            "SELECT c.id, c.name, c.title, c.level, c.role, c.attitude, c.emails, c.phones,"
            " c.birthday_month, c.birthday_day, c.birthday_year, c.birthday_lunar,"
            " c.birthday_leap, c.private_notes, c.joined_on, c.left_on, boss.name, c.archived"
            " FROM contact c LEFT JOIN contact boss ON boss.id = c.reports_to_id"
            " WHERE c.account_id = ? AND c.archived = 0 ORDER BY c.name", (acc.id,)).fetchall()
    lines = []
    for (cid, name, title, level, role, attitude, emails, phones, month, day, year, lunar,
         leap, notes, joined, left, boss, archived) in people:
        joined, left = stored_date(joined), stored_date(left)
        met_day = stored_date(last_met.get(cid))
        since = met_day or joined
        active = left is None or left > today
        stale = active and (since is None or today - since > limit)
        birthday = (Birthday(month, day, year, bool(lunar), bool(leap))
                    if month is not None and day is not None else None)
        lines.append(ContactLine(ContactView(
            cid, account_view.name, account_view.id, name, title, level, role, attitude,
            tuple(json.loads(emails or "[]")), tuple(json.loads(phones or "[]")), birthday,
            notes, joined, left, boss, bool(archived)), met_day, stale))
    chain, followups = _chain(db, account_view.id, account_view.name)
    # Every open one: opened by an interaction, by an action, or kept from a deleted one.
    open_followups = sorted((f for f in followups if f.status == "open"),
                            key=lambda f: (f.due, f.id))
    return AccountPage(account_view, tuple(lines), tuple(open_followups), tuple(chain),
                       cadences, today)
