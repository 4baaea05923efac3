"""The contact-history chain's own invariants, checked over a whole database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from keyaccounts.i18n import _
from keyaccounts.storage.model import FollowUp, FollowUpStatus


def chain_problems(session: Session) -> list[str]:
    """Every way the follow-ups break the chain's rules; empty when sound.

    Each follow-up is open, settled, or carried to exactly one successor of the
    same account opened the day it was carried; nothing closes before it opens;
    the interactions that open and close it belong to its account and are dated
    the day it opened or closed.
    """
    problems: list[str] = []
    followups = session.scalars(
        select(FollowUp).options(selectinload(FollowUp.carried_to),
                                 selectinload(FollowUp.opened_by),
                                 selectinload(FollowUp.closed_by))
    ).all()
    for f in followups:
        say = lambda text, f=f: problems.append(  # noqa: E731
            _("follow-up {id}: {problem}").format(id=f.id, problem=text))
        successor = f.carried_to
        if f.status == FollowUpStatus.OPEN:
            if f.closed_on or f.closed_by_id or successor:
                say(_("open, yet closed or carried"))
        elif f.closed_on is None:
            say(_("closed without a date"))
        elif f.closed_on < f.opened_on:
            say(_("closed before it was opened"))
        if f.status == FollowUpStatus.SETTLED and successor is not None:
            say(_("settled, yet carried"))
        if f.status == FollowUpStatus.CARRIED:
            if successor is None:
                say(_("carried to no successor"))
            elif successor.account_id != f.account_id:
                say(_("carried to another account"))
            elif successor.opened_on != f.closed_on:
                say(_("its successor opened on another day than the carry"))
        for link, day in ((f.opened_by, f.opened_on), (f.closed_by, f.closed_on)):
            if link is None:
                continue
            if link.account_id != f.account_id:
                say(_("linked to an interaction of another account"))
            elif link.occurred_at.date() != day:
                say(_("its date differs from its interaction's"))
    return problems
