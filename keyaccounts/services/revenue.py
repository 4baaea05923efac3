"""Orders and revenue per account; ABC tiers suggested from revenue (80/20), or from
contribution or lifetime value.

Accounts ranked by revenue of the last twelve months (or their recorded yearly
revenue where no orders exist): those bringing the first 80 % are A, the next
15 % B, the rest C. An account whose tier rests on something other than revenue
(strategic fit, growth, stability, influence) keeps it: a manual override, with
its reason in the tier note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from keyaccounts.storage.db import Database
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.views import OrderView
from keyaccounts.i18n import _
from keyaccounts.storage.model import Account, Order, Tier, TierBasis
from keyaccounts.domain import clock

A_SHARE, B_SHARE = 0.80, 0.95


def add_order(db: Database, account, amount: int, on: date, note: str = "") -> int:
    from keyaccounts.services.common import _text, get_account

    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise ValidationError("amount", amount, _("must be a whole number, 0 or more"))
    with db.transaction() as s:
        acc = get_account(s, account)
        order = Order(account_id=acc.id, ordered_on=on, amount=amount, note=_text(note, "note"))
        s.add(order)
        s.flush()
        return order.id


def list_orders(db: Database, account, limit: int = 200) -> list[OrderView]:
    """The account's latest orders, newest first."""
    from keyaccounts.services.common import get_account

    with db.session() as s:
        acc = get_account(s, account)
        return [OrderView(o.id, o.account_id, o.ordered_on, o.amount, o.note)
                for o in s.scalars(select(Order).where(Order.account_id == acc.id)
                                   .order_by(Order.ordered_on.desc(), Order.id.desc())
                                   .limit(limit))]


def revenue_between(db: Database, start: date, end: date) -> dict[int, int]:
    """Order revenue per account id in [start, end)."""
    with db.session() as s:
        return dict(s.execute(select(Order.account_id, func.sum(Order.amount))
                              .where(Order.ordered_on >= start, Order.ordered_on < end)
                              .group_by(Order.account_id)).all())


TIER_MEASURES = ("revenue", "contribution", "clv")


@dataclass(frozen=True)
class TierSuggestion:
    account: str
    account_id: int
    revenue: int
    share: float        # of the portfolio's measure (negative values count as 0)
    cumulative: float   # share of the accounts ranked above and this one
    current: str
    suggested: str
    manual: bool        # tier rests on more than the measure: kept
    reason: str
    by: str = "revenue"  # what ranks: revenue, contribution or clv
    value: int = 0       # the account's figure of that measure

    def as_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class ParetoPoint:
    """An account on the portfolio's Pareto curve (ranked by a measure, largest first)."""

    id: int             # the account's
    name: str
    tier: str           # its tier now
    value: int          # its figure of the measure
    revenue: int        # its revenue (last 12 months; recorded yearly revenue without orders)
    share: float        # of the portfolio's measure (negative values count as 0)
    before: float       # share of the measure of the accounts ranked above it
    cumulative: float   # ... of those and this one
    accounts: float     # share of the accounts ranked above it and this one
    tier_basis: str
    tier_note: str

    @property
    def suggested(self) -> str:
        """The tier the 80/20 rule gives: A for the first 80 % of the measure, B for the
        next 15 %, C for the rest."""
        return "A" if self.before < A_SHARE else "B" if self.before < B_SHARE else "C"


def pareto(db: Database, as_of: date | None = None, by: str = "revenue", *,
           owner: str | None = None) -> list[ParetoPoint]:
    """The Pareto curve of the portfolio (archived accounts aside): accounts ranked by
    revenue of the last 12 months (recorded yearly revenue without orders), by
    contribution or by lifetime value (:mod:`keyaccounts.services.value`), with the
    running share of the measure; with *owner*, of that owner's accounts alone. The one
    home of the 80/20 ranking: tiers and the portfolio's chart both read it."""
    if by not in TIER_MEASURES:
        raise ValidationError("by", by, _("expected one of: {choices}").format(
            choices=", ".join(TIER_MEASURES)))
    as_of = as_of or clock.today()
    orders = revenue_between(db, as_of - timedelta(days=365), as_of + timedelta(days=1))
    measure: dict[int, int] = {}
    if by != "revenue":
        from keyaccounts.services.value import portfolio_value

        measure = {v.account_id: v.clv if by == "clv" else v.contribution.contribution
                   for v in portfolio_value(db, as_of)}
    with db.session() as s:
        accounts = s.execute(select(Account.id, Account.name, Account.tier,
                                    Account.annual_revenue, Account.tier_basis,
                                    Account.tier_note)
                             .where(Account.archived.is_(False),
                                    *([] if owner is None else [Account.owner == owner]))
                             ).all()
    figures = {a.id: orders.get(a.id, a.annual_revenue or 0) for a in accounts}
    ranked = sorted(((measure.get(a.id, 0) if by != "revenue" else figures[a.id], a)
                     for a in accounts), key=lambda x: (-x[0], x[1].name))
    total = sum(max(0, v) for v, _a in ranked) or 1
    out, running = [], 0
    for n, (v, a) in enumerate(ranked, 1):
        before = running / total
        running += max(0, v)
        out.append(ParetoPoint(a.id, a.name, a.tier.value, v, figures[a.id], max(0, v) / total,
                               before, running / total, n / len(ranked),
                               a.tier_basis.value, a.tier_note or ""))
    return out


def suggest_tiers(db: Database, as_of: date | None = None, by: str = "revenue"
                  ) -> list[TierSuggestion]:
    """The tiers the Pareto curve (:func:`pareto`) suggests: the accounts bringing the
    first 80 % of the measure are A, the next 15 % B; a tier resting on more than
    revenue (a manual override, its reason in the tier note) stays."""
    out = []
    for p in pareto(db, as_of, by):
        manual = p.tier_basis != TierBasis.REVENUE.value
        out.append(TierSuggestion(p.name, p.id, p.revenue, p.share, p.cumulative, p.tier,
                                  p.tier if manual else p.suggested, manual,
                                  p.tier_note if manual else "", by, p.value))
    return out


def apply_tiers(db: Database, as_of: date | None = None, by: str = "revenue") -> int:
    """Set the suggested tiers (manual overrides stay); returns how many changed."""
    changes = [t for t in suggest_tiers(db, as_of, by) if t.suggested != t.current]
    with db.transaction() as s:
        for t in changes:
            s.get(Account, t.account_id).tier = Tier(t.suggested)
    return len(changes)
