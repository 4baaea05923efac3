"""Customer value (DOMAIN.md §1, §11, §12): RFM segments, contribution and lifetime value.

Pure rules on plain figures; :mod:`keyaccounts.services.value` gathers the figures from
the record for a date and never looks past it.

RFM, B2B-style. Recency: days since the last order (an account that never ordered is
the least recent); frequency: orders in the last 12 months; monetary: their amount.
Each is scored 1–5 by its *mid-rank* in the active portfolio: an account's share of
accounts doing worse, plus half the share tied with it, puts it in a fifth
(``1 + floor(5 × share)``). So tied accounts get one score, and a portfolio under five
accounts is spread over the same 1–5 scale (three distinct accounts score 1, 3 and 5;
one account alone, or all accounts tied, score 3) — the scores then are ranks, not
quintiles, and the result says so. The segment comes from recency and the mean of
frequency and monetary, through :data:`SEGMENTS` (one table, best first).

Contribution (边际贡献) over the last 12 months: revenue − cost of goods − contact effort,
where the cost of goods is revenue × (1 − margin rate) and the contact effort a cost per
interaction kind (an executive meeting costs more than a call). An account with no
order yet counts its recorded yearly revenue, as the revenue tiers do.

Lifetime value (CLV, 终身价值): contribution × r / (1 + d − r) — the yearly contribution
kept with retention r each year and discounted at d — with r the share of the tier's
accounts present a year earlier that are still present (the portfolio's own history),
unless the account has an override with its reason.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date

from keyaccounts.domain.numbers import parse_rate
from keyaccounts.domain.vocabulary import InteractionKind
from keyaccounts.i18n import NP_, pgettext

# --- the settings' defaults (the settings are in keyaccounts.domain.settings) -------------

DEFAULT_MARGIN_RATE = 0.30      # gross margin on revenue: cost of goods is the other 70 %
DEFAULT_DISCOUNT_RATE = 0.10    # yearly
DEFAULT_RETENTION = 0.80        # when the portfolio has no year of history to learn from
DEFAULT_COST_PER_KIND = {       # whole currency units per interaction
    InteractionKind.EXEC_MEETING.value: 3000,
    InteractionKind.VISIT.value: 1000,
    InteractionKind.TECH_MEETING.value: 800,
    InteractionKind.REVIEW.value: 800,
    InteractionKind.VALUE_ADD.value: 600,
    InteractionKind.COMPLAINT.value: 400,
    InteractionKind.CARE.value: 200,
    InteractionKind.CALL.value: 100,
    InteractionKind.OTHER.value: 100,
    InteractionKind.EMAIL.value: 20,
    InteractionKind.MESSAGE.value: 20,
}

WINDOW_DAYS = 365  # "the last 12 months": as_of − 365 days to as_of, both included
                   # (the window of the revenue tiers)


def parse_margin_rate(value, field_: str = "margin rate") -> float:
    """A gross margin rate, 0 to 1 (0.3 or "30%"): negative margins are refused."""
    return parse_rate(value, field_)


def parse_retention(value, field_: str = "retention") -> float:
    return parse_rate(value, field_)


# --- RFM ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    name: str       # the token in JSON and the CLI
    label: str      # NP_("RFM segment", …) (SEGMENT_CONTEXT): translated where shown
    r_min: int      # recency score at least
    fm_min: float   # mean of frequency and monetary scores at least


# The segments' words have their own context: "at risk" is also an account's status,
# and is said otherwise in Chinese (流失风险客户, the status 有风险).
SEGMENT_CONTEXT = "RFM segment"
SEGMENTS: tuple[Segment, ...] = (  # best first; the first that matches names the account
    Segment("champions", NP_("RFM segment", "champions"), 4, 4),
    Segment("loyal", NP_("RFM segment", "loyal"), 3, 3),
    Segment("promising", NP_("RFM segment", "promising"), 4, 1),
    Segment("needs-attention", NP_("RFM segment", "needs attention"), 3, 1),
    Segment("at-risk", NP_("RFM segment", "at risk"), 1, 3),
    Segment("hibernating", NP_("RFM segment", "hibernating"), 1, 1),
)
SEGMENT_NAMES = tuple(s.name for s in SEGMENTS)


def segment_of(r: int, f: int, m: int) -> Segment:
    fm = (f + m) / 2
    return next(s for s in SEGMENTS if r >= s.r_min and fm >= s.fm_min)


def segment_label(name: str) -> str:
    return pgettext(SEGMENT_CONTEXT, next(s.label for s in SEGMENTS if s.name == name))


def segment_steps(before: str, after: str) -> int:
    """How many steps down the table from *before* to *after* (negative: up)."""
    return SEGMENT_NAMES.index(after) - SEGMENT_NAMES.index(before)


def quintile_scores(values: Mapping[Hashable, float]) -> dict[Hashable, int]:
    """Scores 1–5 by mid-rank (higher value, higher score); ties share a score."""
    n = len(values)
    ordered = sorted(values.values())
    out = {}
    for key, v in values.items():
        below = _count_below(ordered, v)
        equal = _count_below(ordered, v, inclusive=True) - below
        share = (below + equal / 2) / n
        out[key] = min(5, 1 + math.floor(5 * share))
    return out


def _count_below(ordered: list[float], v: float, inclusive: bool = False) -> int:
    from bisect import bisect_left, bisect_right

    return (bisect_right if inclusive else bisect_left)(ordered, v)


@dataclass(frozen=True)
class OrderFacts:
    """What RFM needs of one account, as of a date."""

    account_id: int
    last_order: date | None
    orders: int        # in the last 12 months
    revenue: int       # in the last 12 months
    last_decision_maker_contact: date | None = None


@dataclass(frozen=True)
class RFM:
    recency_days: int | None          # None: never ordered
    frequency: int
    monetary: int
    r: int
    f: int
    m: int
    segment: str
    decision_maker_days: int | None   # days since the last contact at decision-maker level
    ranked_among: int                 # accounts in the active portfolio
    quintiles: bool                   # False: under 5 accounts, the scores are ranks

    @property
    def segment_label(self) -> str:
        return segment_label(self.segment)

    def as_json(self) -> dict:
        return {"recency_days": self.recency_days, "frequency": self.frequency,
                "monetary": self.monetary, "r": self.r, "f": self.f, "m": self.m,
                "score": f"{self.r}{self.f}{self.m}", "segment": self.segment,
                "segment_label": self.segment_label,
                "decision_maker_days": self.decision_maker_days,
                "ranked_among": self.ranked_among, "quintiles": self.quintiles}


def rfm(facts: list[OrderFacts], as_of: date) -> dict[int, RFM]:
    """RFM for every account of the active portfolio *facts*, as of *as_of*."""
    if not facts:
        return {}
    days = {f.account_id: None if f.last_order is None else (as_of - f.last_order).days
            for f in facts}
    # Higher is better for every score: recency as minus the days, never ordered last.
    r = quintile_scores({k: -math.inf if d is None else -d for k, d in days.items()})
    fq = quintile_scores({f.account_id: f.orders for f in facts})
    mq = quintile_scores({f.account_id: f.revenue for f in facts})
    n = len(facts)
    return {f.account_id: RFM(
        days[f.account_id], f.orders, f.revenue, r[f.account_id], fq[f.account_id],
        mq[f.account_id], segment_of(r[f.account_id], fq[f.account_id], mq[f.account_id]).name,
        None if f.last_decision_maker_contact is None
        else (as_of - f.last_decision_maker_contact).days, n, n >= 5) for f in facts}


# --- contribution and lifetime value ---------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    revenue: int
    margin_rate: float
    margin_source: str                    # "account" (its own rate) or "portfolio"
    revenue_source: str                   # "orders" or "recorded" (no order yet: yearly)
    cost_of_goods: int
    contact_effort: int
    effort_by_kind: dict[str, list[int]]  # kind -> [interactions, cost]
    contribution: int

    def as_json(self) -> dict:
        return dict(self.__dict__)


def contribution(revenue: int, margin_rate: float, interactions: Mapping[str, int],
                 cost_per_kind: Mapping[str, int], margin_source: str = "portfolio",
                 revenue_source: str = "orders") -> Contribution:
    """Revenue − cost of goods (revenue × (1 − margin)) − contact effort (count × cost
    per kind); amounts rounded to whole currency units."""
    cost_of_goods = round(revenue * (1 - margin_rate))
    by_kind = {k: [n, n * int(cost_per_kind.get(k, 0))]
               for k, n in sorted(interactions.items()) if n}
    effort = sum(cost for _n, cost in by_kind.values())
    return Contribution(revenue, margin_rate, margin_source, revenue_source, cost_of_goods,
                        effort, by_kind, revenue - cost_of_goods - effort)


@dataclass(frozen=True)
class Retention:
    rate: float
    source: str       # "tier", "portfolio", "default" or "override"
    present: int      # accounts present a year earlier (tier or portfolio)
    kept: int         # of them, still present
    reason: str = ""  # the override's reason


def retention_rates(year_ago: Mapping[int, str], present_now: set[int]
                    ) -> dict[str, Retention]:
    """Per tier: of the accounts present a year ago (id -> tier then), the share still
    present. A tier with no account a year ago takes the whole portfolio's rate; a
    portfolio with none, :data:`DEFAULT_RETENTION`. Key ``"*"`` is the portfolio's."""
    def rate(ids: list[int], fallback: Retention | None, source: str) -> Retention:
        if not ids:
            return fallback or Retention(DEFAULT_RETENTION, "default", 0, 0)
        kept = sum(1 for i in ids if i in present_now)
        return Retention(kept / len(ids), source, len(ids), kept)

    whole = rate(list(year_ago), None, "portfolio")
    out = {"*": whole}
    for tier in ("A", "B", "C"):
        out[tier] = rate([i for i, t in year_ago.items() if t == tier], whole, "tier")
    return out


@dataclass(frozen=True)
class LifetimeValue:
    clv: int
    contribution: int          # yearly: the last 12 months'
    retention: Retention
    discount_rate: float

    @property
    def formula(self) -> str:
        return (f"{self.contribution:,} × {self.retention.rate:.2f} / "
                f"(1 + {self.discount_rate:.2f} - {self.retention.rate:.2f})")

    def as_json(self) -> dict:
        return {"clv": self.clv, "contribution": self.contribution,
                "retention_rate": round(self.retention.rate, 4),
                "retention_source": self.retention.source,
                "retention_present": self.retention.present,
                "retention_kept": self.retention.kept,
                "retention_reason": self.retention.reason,
                "discount_rate": self.discount_rate, "formula": self.formula}


def lifetime_value(yearly_contribution: int, retention: Retention, discount_rate: float
                   ) -> LifetimeValue:
    """CLV = contribution × r / (1 + d − r), rounded to whole units."""
    r, d = retention.rate, discount_rate
    return LifetimeValue(round(yearly_contribution * r / (1 + d - r)), yearly_contribution,
                         retention, d)


@dataclass(frozen=True)
class AccountValue:
    """An account's value as of a date: RFM, the last 12 months' contribution, CLV."""

    account_id: int
    account: str
    tier: str
    as_of: date
    rfm: RFM
    contribution: Contribution
    lifetime: LifetimeValue
    notes: list[str] = field(default_factory=list)

    @property
    def clv(self) -> int:
        return self.lifetime.clv

    def as_json(self) -> dict:
        return {"account": self.account, "tier": self.tier, "as_of": self.as_of.isoformat(),
                "rfm": self.rfm.as_json(), "contribution": self.contribution.as_json(),
                "clv": self.lifetime.as_json(), "notes": list(self.notes)}
