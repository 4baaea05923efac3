"""The needs profile (DOMAIN.md §7): per quarter, what an account is concerned about and
expects, whether it has been met, and what stayed unmet from earlier quarters."""

from __future__ import annotations

from sqlalchemy import select

from keyaccounts.domain.dates import parse_period
from keyaccounts.storage.db import Database
from keyaccounts.i18n import _


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
