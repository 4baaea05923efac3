"""Churn with the decision whether to win the account back, and the win-back itself.

Churn reasons follow DOMAIN.md §12. Whether to pursue defaults from the reason —
not pursued: given up on purpose, forced away, bought by improper inducements;
pursued: attracted by a better offer, left dissatisfied, other — and can be
overridden with a written justification, which is kept.

Each loss is a ChurnEvent: an account won back may be lost again later, and every
loss keeps its day, reason, value, decision and recovery. An account churned and not
won back cannot churn again (that would overwrite the loss recorded).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from keyaccounts.storage.db import Database
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.views import ChurnView
from keyaccounts.i18n import _
from keyaccounts.storage.model import AccountStatus, ChurnEvent, ChurnReason
from keyaccounts.domain import clock

PURSUE_BY_REASON = {ChurnReason.GIVEN_UP: False, ChurnReason.FORCED_AWAY: False,
                    ChurnReason.BOUGHT: False, ChurnReason.ATTRACTED: True,
                    ChurnReason.DISSATISFIED: True, ChurnReason.OTHER: True}
WON_BACK, LOST = "won-back", "lost"


def default_pursue(reason) -> bool:
    from keyaccounts.services.common import parse_enum

    return PURSUE_BY_REASON[parse_enum(ChurnReason, reason, "reason")]


def _events(s, account_id: int) -> list[ChurnEvent]:
    """The account's losses, oldest first (the last one is its churn)."""
    return list(s.scalars(select(ChurnEvent).where(ChurnEvent.account_id == account_id)
                          .order_by(ChurnEvent.churned_on, ChurnEvent.id)))


def _view(e: ChurnEvent) -> ChurnView:
    return ChurnView(e.account_id, e.churned_on, e.reason.value if e.reason else None,
                     bool(e.pursue), e.pursue_justification or "", e.value, e.recovery_cost,
                     e.recovery_outcome, e.recovered_on, e.recovered_value)


def mark_churned(db: Database, account, on: date, reason: str, *, value: int | None = None,
                 cost: int | None = None, pursue: bool | None = None,
                 justification: str = ""):
    """Record the loss; pursue defaults from the reason, overriding needs a justification.

    The value defaults to the account's lifetime value (CLV) on the churn date, and the
    decision shows it against the recovery cost (the ratio DOMAIN.md §12 reviews). An
    account won back may churn again: the earlier losses stay in its history."""
    from keyaccounts.services.common import _text, get_account, parse_enum

    reason_ = parse_enum(ChurnReason, reason, "reason")
    for field, amount in (("value", value), ("cost", cost)):
        if amount is not None and (not isinstance(amount, int) or amount < 0):
            raise ValidationError(field, amount, _("must be a whole number, 0 or more"))
    default = PURSUE_BY_REASON[reason_]
    decided = default if pursue is None else bool(pursue)
    justification = _text(justification, "justification")
    if decided != default and not justification:
        raise ValidationError("justification", "", _(
            "going against the default for this reason needs a written justification"))
    source = "given"
    if value is None:
        from keyaccounts.services.value import value_on

        value, source = value_on(db, account, on), "clv"
    with db.transaction() as s:
        acc = get_account(s, account)
        history = _events(s, acc.id)
        last = history[-1] if history else None
        if last is not None and last.recovery_outcome != WON_BACK:
            # Marking it again would overwrite the churn recorded (its day, reason, value).
            raise ValidationError("account", acc.name, _(
                "churned already on {day} ({reason}); nothing was changed").format(
                    day=last.churned_on.isoformat(),
                    reason=last.reason.value if last.reason else "?"))
        if last is not None and on < (last.recovered_on or last.churned_on):
            raise ValidationError("date", on.isoformat(), _(
                "before the account was won back on {day}").format(
                    day=(last.recovered_on or last.churned_on).isoformat()))
        event = ChurnEvent(account_id=acc.id, churned_on=on, reason=reason_, value=value,
                           recovery_cost=cost, pursue=decided,
                           pursue_justification=justification)
        s.add(event)
        acc.status = AccountStatus.CHURNED
        s.flush()
        return {"account": acc.name, "reason": reason_.value, "pursue": decided,
                "default": default, "value": value, "cost": cost, "value_source": source,
                "value_per_cost": None if not cost else round(value / cost, 4),
                "justification": justification, "churned_on": on.isoformat(),
                "history": [_view(e).as_json() for e in [*history, event]]}


def churn_of(db: Database, account) -> ChurnView | None:
    """The account's latest churn, or None while it has never churned."""
    history = churn_history(db, account)
    return history[-1] if history else None


def churn_history(db: Database, account) -> list[ChurnView]:
    """Every loss of the account with its win-back, oldest first."""
    from keyaccounts.services.common import get_account

    with db.session() as s:
        return [_view(e) for e in _events(s, get_account(s, account).id)]


# --- recovery ---------------------------------------------------------------------------


def plan_recovery(db: Database, account, steps: list[tuple[str, date]], *,
                  on: date | None = None) -> list[int]:
    """A recovery plan: follow-ups on the account's chain, marked as the recovery."""
    from keyaccounts.services.chain import add_followup

    on = on or clock.today()
    return [add_followup(db, account, text, due, origin=_("recovery plan"), opened_on=on).id
            for text, due in steps]


def record_recovery(db: Database, account, outcome: str, on: date, *,
                    recovered_value: int | None = None, cost: int | None = None) -> None:
    """The outcome of the latest loss's win-back: ``won-back`` (the account is active
    again) or ``lost``."""
    from keyaccounts.services.common import get_account

    if outcome not in (WON_BACK, LOST):
        raise ValidationError("outcome", outcome, _("expected won-back or lost"))
    for field, amount in (("value", recovered_value), ("cost", cost)):
        if amount is not None and (not isinstance(amount, int) or amount < 0):
            raise ValidationError(field, amount, _("must be a whole number, 0 or more"))
    with db.transaction() as s:
        acc = get_account(s, account)
        history = _events(s, acc.id)
        if not history:
            raise ValidationError("account", acc.name, _("is not marked as churned"))
        event = history[-1]
        event.recovery_outcome, event.recovered_on = outcome, on
        event.recovered_value = recovered_value if outcome == WON_BACK else 0
        if cost is not None:
            event.recovery_cost = cost
        if outcome == WON_BACK:
            acc.status = AccountStatus.ACTIVE


def lost_before(day: date):
    """A condition on ``Account.id`` for queries: the account has a loss before *day*
    that was not won back by *day* (so it is not present on *day*)."""
    from sqlalchemy import or_

    from keyaccounts.storage.model import Account

    return (select(ChurnEvent.id)
            .where(ChurnEvent.account_id == Account.id, ChurnEvent.churned_on < day,
                   or_(ChurnEvent.recovery_outcome.is_(None),
                       ChurnEvent.recovery_outcome != WON_BACK,
                       ChurnEvent.recovered_on.is_(None), ChurnEvent.recovered_on > day))
            .exists())
