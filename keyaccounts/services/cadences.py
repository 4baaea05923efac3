"""Cadences: keep-in-touch intervals and fixed schedules, and when the next contact is due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import select

from keyaccounts.domain.errors import NotFound, ValidationError
from keyaccounts.domain.views import (
    CadenceView,
)
from keyaccounts.i18n import _
from keyaccounts.services.common import MAX_NAME, _text, get_account, parse_enum
from keyaccounts.services.rows import cadence_view
from keyaccounts.storage.db import Database
from keyaccounts.storage.model import (
    Account,
    Cadence,
    CadenceMode,
    InteractionKind,
    Level,
)


def suggest_next_contact(db: Database, account: str | int, kind: str, on: date) -> date | None:
    """When the next contact of this kind is due by the account's cadences."""
    from dateutil.rrule import rrulestr

    kind = parse_enum(InteractionKind, kind, "kind").value
    best = None
    with db.session() as s:
        acc = get_account(s, account)
        for c in acc.cadences:
            if not c.active or kind not in c.kinds:
                continue
            if c.mode == CadenceMode.INTERVAL:
                candidate = on + timedelta(days=c.ideal_days)
            else:
                rule = rrulestr(c.rrule, dtstart=datetime.combine(c.starts_on, datetime.min.time()))
                nxt = rule.after(datetime.combine(on, datetime.min.time()) + timedelta(
                    days=c.tolerance_days))
                candidate = nxt.date() if nxt else None
            if candidate and (best is None or candidate < best):
                best = candidate
    return best


# --- cadences -----------------------------------------------------------------------


def add_cadence(
    db: Database,
    account: str | int,
    kinds: Sequence[str],
    *,
    title: str = "",
    level: str | None = None,
    ideal_days: int | None = None,
    max_days: int | None = None,
    rrule: str | None = None,
    starts_on: date | None = None,
    tolerance_days: int = 7,
) -> CadenceView:
    """A keep-in-touch interval (ideal/max days) or a fixed RFC 5545 schedule."""
    fields = _cadence_fields(kinds, title, level, ideal_days, max_days, rrule, starts_on,
                             tolerance_days)
    with db.transaction() as s:
        acc = get_account(s, account)
        cadence = Cadence(account=acc, **fields)
        s.add(cadence)
        s.flush()
        return cadence_view(cadence)


def _cadence_fields(kinds, title, level, ideal_days, max_days, rrule, starts_on,
                    tolerance_days) -> dict:
    kinds = [parse_enum(InteractionKind, k, "kinds").value for k in kinds]
    if not kinds:
        raise ValidationError("kinds", "", _("name at least one kind of contact"))
    if (rrule is None) == (ideal_days is None):
        raise ValidationError("cadence", None,
                              _("give either an interval (ideal and maximum days) or a rule"))
    if rrule is not None:
        if starts_on is None:
            raise ValidationError("starts_on", None, _("a schedule needs a start date"))
        from dateutil.rrule import rrulestr

        try:
            rrulestr(rrule, dtstart=datetime.combine(starts_on, datetime.min.time()))
        except (ValueError, TypeError) as exc:
            raise ValidationError("rrule", rrule, _("not a valid RFC 5545 rule ({reason})").format(
                reason=exc)) from None
        mode = CadenceMode.SCHEDULE
        ideal_days = max_days = None
    else:
        mode = CadenceMode.INTERVAL
        max_days = ideal_days if max_days is None else max_days
        if ideal_days <= 0 or max_days < ideal_days:
            raise ValidationError("max_days", max_days, _("need 0 < ideal days <= maximum days"))
        starts_on = None
    if tolerance_days < 0:
        raise ValidationError("tolerance_days", tolerance_days, _("must be 0 or more"))
    return dict(title=_text(title, "title", limit=MAX_NAME), kinds=kinds,
                level=parse_enum(Level, level, "level") if level else None, mode=mode,
                ideal_days=ideal_days, max_days=max_days, rrule=rrule, starts_on=starts_on,
                tolerance_days=tolerance_days)


def _cadence(s, cadence_id: int) -> Cadence:
    cadence = s.get(Cadence, cadence_id)
    if cadence is None:
        raise NotFound("cadence", cadence_id, _("no such cadence"))
    return cadence


def get_cadence(db: Database, cadence_id: int) -> CadenceView:
    with db.session() as s:
        return cadence_view(_cadence(s, cadence_id))


def update_cadence(db: Database, cadence_id: int, kinds: Sequence[str], *, title: str = "",
                   level: str | None = None, ideal_days: int | None = None,
                   max_days: int | None = None, rrule: str | None = None,
                   starts_on: date | None = None, tolerance_days: int = 7) -> CadenceView:
    fields = _cadence_fields(kinds, title, level, ideal_days, max_days, rrule, starts_on,
                             tolerance_days)
    with db.transaction() as s:
        cadence = _cadence(s, cadence_id)
        for key, value in fields.items():
            setattr(cadence, key, value)
        s.flush()
        return cadence_view(cadence)


def remove_cadence(db: Database, cadence_id: int) -> None:
    """Stop a cadence; it stays in the database, inactive, so history can explain itself."""
    with db.transaction() as s:
        cadence = _cadence(s, cadence_id)
        cadence.active = False


def list_cadences(db: Database, account: str | int | None = None) -> list[CadenceView]:
    """Active cadences (an account without any follows its tier's defaults)."""
    with db.session() as s:
        query = (select(Cadence).join(Cadence.account).where(Cadence.active.is_(True))
                 .order_by(Account.name, Cadence.id))
        if account is not None:
            query = query.where(Cadence.account_id == get_account(s, account).id)
        return [cadence_view(c) for c in s.scalars(query)]
