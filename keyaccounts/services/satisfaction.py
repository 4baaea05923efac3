"""Satisfaction surveys: NPS (0–10) and CSAT (1–5), per account, contact and date
(the health score's satisfaction component reads them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from keyaccounts.storage.db import Database
from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _
from keyaccounts.storage.model import Survey, SurveyKind

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
