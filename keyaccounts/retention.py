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

from keyaccounts.db import Database
from keyaccounts.errors import ValidationError
from keyaccounts.i18n import _
from keyaccounts.model import AccountStatus, ChurnReason, Survey, SurveyKind

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
    from keyaccounts.services import _text, get_account, get_contact, parse_enum

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
    from keyaccounts.model import Contact
    from keyaccounts.services import get_account

    with db.session() as s:
        query = (select(Survey, Contact.name).outerjoin(Contact, Contact.id == Survey.contact_id)
                 .order_by(Survey.taken_on.desc(), Survey.id.desc()))
        if account is not None:
            query = query.where(Survey.account_id == get_account(s, account).id)
        return [SurveyView(v.id, v.account_id, name, v.kind.value, v.score, v.taken_on,
                           v.comment) for v, name in s.execute(query)]


def default_pursue(reason) -> bool:
    from keyaccounts.services import parse_enum

    return PURSUE_BY_REASON[parse_enum(ChurnReason, reason, "reason")]


def mark_churned(db: Database, account, on: date, reason: str, *, value: int | None = None,
                 cost: int | None = None, pursue: bool | None = None,
                 justification: str = ""):
    """Record the loss; pursue defaults from the reason, overriding needs a justification."""
    from keyaccounts.services import _text, get_account, parse_enum

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
    with db.transaction() as s:
        acc = get_account(s, account)
        acc.status = AccountStatus.CHURNED
        acc.churned_on, acc.churn_reason = on, reason_
        acc.churn_value, acc.recovery_cost = value, cost
        acc.pursue, acc.pursue_justification = decided, justification
        return {"account": acc.name, "reason": reason_.value, "pursue": decided,
                "default": default, "value": value, "cost": cost,
                "justification": justification, "churned_on": on.isoformat()}
