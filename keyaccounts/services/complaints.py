"""Complaints (DOMAIN.md §8): answered fast and honestly, they deepen a relationship.

Each complaint gets a response deadline from its severity (configurable in the
``complaints.deadline_days`` setting), then a first response, a resolution with
its root cause and what changed, and whether the customer was told. Logging an
interaction of kind *complaint* records one (medium severity until said
otherwise). Deadlines appear in the agenda; one passed without a response is a
risk alert and costs health points.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keyaccounts.storage.db import Database
from keyaccounts.domain.errors import NotFound, ValidationError
from keyaccounts.i18n import _
from keyaccounts.domain.views import ComplaintView
from keyaccounts.services.rows import complaint_view
from keyaccounts.services.outbox import replayable
from keyaccounts.storage.model import Complaint, ComplaintCategory, Setting, Severity
from keyaccounts.domain.settings import DEADLINE_DAYS

DEADLINE_SETTING = DEADLINE_DAYS.key
DEFAULT_DEADLINE_DAYS = DEADLINE_DAYS.default


def deadline_days(session: Session) -> dict[str, int]:
    row = session.get(Setting, DEADLINE_SETTING)
    return DEADLINE_DAYS.value(row.value if row else None)


def new_complaint(session: Session, account_id: int, summary: str, received_on: date, *,
                  severity: str = "medium", category: str = "other", contact_id=None,
                  interaction_id=None) -> Complaint:
    """A complaint in the caller's unit of work (log_interaction uses it too)."""
    from keyaccounts.services.common import parse_enum

    level = parse_enum(Severity, severity, "severity")
    complaint = Complaint(account_id=account_id, contact_id=contact_id,
                          interaction_id=interaction_id, summary=summary,
                          category=parse_enum(ComplaintCategory, category, "category"),
                          severity=level, received_on=received_on,
                          deadline=received_on + timedelta(
                              days=int(deadline_days(session)[level.value])),
                          root_cause="", what_changed="", customer_informed=False)
    session.add(complaint)
    return complaint


@replayable("add_complaint")
def add_complaint(db: Database, account, summary: str, received_on: date, *,
                  severity: str = "medium", category: str = "other",
                  contact=None) -> ComplaintView:
    from keyaccounts.services.common import _text, get_account, get_contact

    with db.transaction() as s:
        acc = get_account(s, account)
        person = get_contact(s, acc, contact, "contact") if contact not in (None, "") else None
        c = new_complaint(s, acc.id, _text(summary, "summary", required=True), received_on,
                          severity=severity, category=category,
                          contact_id=person.id if person else None)
        s.flush()
        s.refresh(c)
        return complaint_view(c)


def _get(s: Session, complaint_id: int) -> Complaint:
    c = s.get(Complaint, complaint_id)
    if c is None:
        raise NotFound("complaint", complaint_id, _("no such complaint"))
    return c


@replayable("respond_complaint")
def respond(db: Database, complaint_id: int, on: date) -> ComplaintView:
    """Record the first response to the customer."""
    with db.transaction() as s:
        c = _get(s, complaint_id)
        if on < c.received_on:
            raise ValidationError("date", on, _("is before the complaint was received"))
        if c.first_response_on is None:
            c.first_response_on = on
        return complaint_view(c)


def response_date(db: Database, complaint_id: int) -> date | None:
    """The day the customer was first answered, if they were."""
    with db.session() as s:
        return _get(s, complaint_id).first_response_on


def withdraw_response(db: Database, complaint_id: int) -> ComplaintView:
    """Undo :func:`respond`: the complaint is unanswered again (not once resolved)."""
    with db.transaction() as s:
        c = _get(s, complaint_id)
        if c.resolved_on is not None:
            raise ValidationError("complaint", complaint_id, _("is resolved already"))
        c.first_response_on = None
        return complaint_view(c)


@replayable("resolve_complaint")
def resolve(db: Database, complaint_id: int, on: date, *, root_cause: str, what_changed: str,
            customer_informed: bool) -> ComplaintView:
    """Close a complaint: why it happened, what changed, and whether the customer knows."""
    from keyaccounts.services.common import _text

    with db.transaction() as s:
        c = _get(s, complaint_id)
        if on < c.received_on:
            raise ValidationError("date", on, _("is before the complaint was received"))
        if c.resolved_on is not None:
            raise ValidationError("complaint", complaint_id, _("is resolved already"))
        c.root_cause = _text(root_cause, "root_cause", required=True)
        c.what_changed = _text(what_changed, "what_changed", required=True)
        c.customer_informed = bool(customer_informed)
        c.first_response_on = c.first_response_on or on
        c.resolved_on = on
        return complaint_view(c)


def list_complaints(db: Database, account=None, *, open_only: bool = False
                    ) -> list[ComplaintView]:
    from keyaccounts.services.common import get_account

    with db.session() as s:
        query = (select(Complaint).options(selectinload(Complaint.account),
                                           selectinload(Complaint.contact))
                 .order_by(Complaint.received_on.desc(), Complaint.id.desc()))
        if account is not None:
            query = query.where(Complaint.account_id == get_account(s, account).id)
        if open_only:
            query = query.where(Complaint.resolved_on.is_(None))
        return [complaint_view(c) for c in s.scalars(query)]
