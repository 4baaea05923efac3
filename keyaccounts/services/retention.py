"""Satisfaction surveys, and churn with the decision whether to win the account back.

Churn reasons follow DOMAIN.md §12. Whether to pursue defaults from the reason —
not pursued: given up on purpose, forced away, bought by improper inducements;
pursued: attracted by a better offer, left dissatisfied, other — and can be
overridden with a written justification, which is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from keyaccounts.storage.db import Database
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.views import ChurnView
from keyaccounts.i18n import _
from keyaccounts.storage.model import AccountStatus, ChurnReason, Survey, SurveyKind
from keyaccounts.domain import clock

PURSUE_BY_REASON = {ChurnReason.GIVEN_UP: False, ChurnReason.FORCED_AWAY: False,
                    ChurnReason.BOUGHT: False, ChurnReason.ATTRACTED: True,
                    ChurnReason.DISSATISFIED: True, ChurnReason.OTHER: True}
SCALES = {SurveyKind.NPS: (0, 10), SurveyKind.CSAT: (1, 5)}


@dataclass(frozen=True)
class SurveyView:
    id: int
    account_id: int
    contact: str | None
    kind: str
    score: int
    taken_on: date
    comment: str


def add_survey(db: Database, account, kind: str, score: int, taken_on: date, *,
               contact=None, comment: str = "") -> SurveyView:
    from keyaccounts.services.common import _text, get_account, get_contact, parse_enum

    kind_ = parse_enum(SurveyKind, kind, "kind")
    low, high = SCALES[kind_]
    if not isinstance(score, int) or isinstance(score, bool) or not low <= score <= high:
        raise ValidationError("score", score, _("{kind} scores run from {low} to {high}").format(
            kind=kind_.value.upper(), low=low, high=high))
    with db.transaction() as s:
        acc = get_account(s, account)
        person = get_contact(s, acc, contact, "contact") if contact not in (None, "") else None
        survey = Survey(account_id=acc.id, contact_id=person.id if person else None, kind=kind_,
                        score=score, taken_on=taken_on, comment=_text(comment, "comment"))
        s.add(survey)
        s.flush()
        return SurveyView(survey.id, acc.id, person.name if person else None, kind_.value,
                          score, taken_on, survey.comment)


def list_surveys(db: Database, account=None) -> list[SurveyView]:
    from keyaccounts.storage.model import Contact
    from keyaccounts.services.common import get_account

    with db.session() as s:
        query = (select(Survey, Contact.name).outerjoin(Contact, Contact.id == Survey.contact_id)
                 .order_by(Survey.taken_on.desc(), Survey.id.desc()))
        if account is not None:
            query = query.where(Survey.account_id == get_account(s, account).id)
        return [SurveyView(v.id, v.account_id, name, v.kind.value, v.score, v.taken_on,
                           v.comment) for v, name in s.execute(query)]


def default_pursue(reason) -> bool:
    from keyaccounts.services.common import parse_enum

    return PURSUE_BY_REASON[parse_enum(ChurnReason, reason, "reason")]


def mark_churned(db: Database, account, on: date, reason: str, *, value: int | None = None,
                 cost: int | None = None, pursue: bool | None = None,
                 justification: str = ""):
    """Record the loss; pursue defaults from the reason, overriding needs a justification.

    The value defaults to the account's lifetime value (CLV) on the churn date, and the
    decision shows it against the recovery cost (the ratio DOMAIN.md §12 reviews)."""
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
        if acc.churned_on is not None and acc.recovery_outcome != "won-back":
            # Marking it again would overwrite the churn recorded (its day, reason, value).
            raise ValidationError("account", acc.name, _(
                "churned already on {day} ({reason}); nothing was changed").format(
                    day=acc.churned_on.isoformat(),
                    reason=acc.churn_reason.value if acc.churn_reason else "?"))
        acc.status = AccountStatus.CHURNED
        acc.churned_on, acc.churn_reason = on, reason_
        acc.churn_value, acc.recovery_cost = value, cost
        acc.pursue, acc.pursue_justification = decided, justification
        return {"account": acc.name, "reason": reason_.value, "pursue": decided,
                "default": default, "value": value, "cost": cost, "value_source": source,
                "value_per_cost": None if not cost else round(value / cost, 4),
                "justification": justification, "churned_on": on.isoformat()}


def churn_of(db: Database, account) -> ChurnView | None:
    """The account's churn, or None while it has not churned."""
    from keyaccounts.services.common import get_account

    with db.session() as s:
        acc = get_account(s, account)
        if acc.churned_on is None:
            return None
        return ChurnView(acc.id, acc.churned_on,
                         acc.churn_reason.value if acc.churn_reason else None,
                         bool(acc.pursue), acc.pursue_justification or "", acc.churn_value,
                         acc.recovery_cost)


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
    """The outcome of a win-back: ``won-back`` (the account is active again) or ``lost``."""
    from keyaccounts.services.common import get_account

    if outcome not in ("won-back", "lost"):
        raise ValidationError("outcome", outcome, _("expected won-back or lost"))
    for field, amount in (("value", recovered_value), ("cost", cost)):
        if amount is not None and (not isinstance(amount, int) or amount < 0):
            raise ValidationError(field, amount, _("must be a whole number, 0 or more"))
    with db.transaction() as s:
        acc = get_account(s, account)
        if acc.churned_on is None:
            raise ValidationError("account", acc.name, _("is not marked as churned"))
        acc.recovery_outcome, acc.recovered_on = outcome, on
        acc.recovered_value = recovered_value if outcome == "won-back" else 0
        if cost is not None:
            acc.recovery_cost = cost
        if outcome == "won-back":
            acc.status = AccountStatus.ACTIVE


# --- needs profile ----------------------------------------------------------------------

PERIOD_RE = r"(\d{4})Q([1-4])"


def parse_period(text: str, field: str = "period") -> tuple[date, date]:
    """``2027Q1`` -> (2027-01-01, 2027-04-01): the quarter, end exclusive."""
    import re

    from keyaccounts.domain.dates import in_range

    m = re.fullmatch(PERIOD_RE, (text or "").strip().upper(), re.ASCII)
    if not m:
        raise ValidationError(field, text, _("expected a quarter such as 2027Q1"))
    year, quarter = int(m.group(1)), int(m.group(2))
    if year < 1:  # 0000Q1: no such year
        raise ValidationError(field, text, _("no such date"))
    start = in_range(date(year, 3 * quarter - 2, 1), field, text)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, end


def quarter_of(day: date) -> str:
    """The quarter a day is in, as ``2027Q1``."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def add_need(db: Database, account, period: str, concern: str, expectation: str = "") -> int:
    from keyaccounts.storage.model import Need
    from keyaccounts.services.common import _text, get_account

    parse_period(period)
    with db.transaction() as s:
        acc = get_account(s, account)
        need = Need(account_id=acc.id, period=period.strip().upper(),
                    concern=_text(concern, "concern", required=True),
                    expectation=_text(expectation, "expectation"), met=False)
        s.add(need)
        s.flush()
        return need.id


def set_need_met(db: Database, need_id: int, met: bool = True) -> None:
    from keyaccounts.domain.errors import NotFound
    from keyaccounts.storage.model import Need

    with db.transaction() as s:
        need = s.get(Need, need_id)
        if need is None:
            raise NotFound("need", need_id, _("no such need"))
        need.met = met


def needs_review(db: Database, account, period: str) -> dict:
    """The period's needs, and what stayed unmet from earlier periods (highlighted)."""
    from keyaccounts.storage.model import Need
    from keyaccounts.services.common import get_account

    parse_period(period)
    period = period.strip().upper()
    with db.session() as s:
        acc = get_account(s, account)
        needs = s.scalars(select(Need).where(Need.account_id == acc.id)
                          .order_by(Need.period, Need.id)).all()
        row = lambda n: {"id": n.id, "period": n.period, "concern": n.concern,  # noqa: E731
                         "expectation": n.expectation, "met": n.met}
        return {"account": acc.name, "period": period,
                "needs": [row(n) for n in needs if n.period == period],
                "still_unmet": [row(n) for n in needs if n.period < period and not n.met]}
