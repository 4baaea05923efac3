"""The domain's vocabulary: the kinds of things KeyAccounts speaks of (DOMAIN.md's words).

Enum values are the short tokens of the public CLI and JSON contract (``exec``,
``decision-maker``, ``exec-meeting`` …); the members carry the domain's names.
The storage layer maps them to columns; the GUI and the CLI show them through
their labels.
"""

from __future__ import annotations

import enum


class Tier(enum.StrEnum):
    A = "A"  # key
    B = "B"  # important
    C = "C"  # ordinary


class TierBasis(enum.StrEnum):
    """Why an account has its tier (DOMAIN.md §1)."""

    REVENUE = "revenue"
    STRATEGIC_FIT = "strategic-fit"
    GROWTH = "growth"
    STABILITY = "stability"
    INFLUENCE = "influence"


class AccountStatus(enum.StrEnum):
    ACTIVE = "active"
    AT_RISK = "at-risk"
    CHURNED = "churned"


class Level(enum.StrEnum):
    """A key contact's level, to be met by the same level on our side (§2)."""

    EXECUTIVE = "exec"
    MANAGEMENT = "mgmt"
    OPERATIONAL = "ops"


class Role(enum.StrEnum):
    DECISION_MAKER = "decision-maker"
    INFLUENCER = "influencer"
    CHAMPION = "champion"
    USER = "user"
    BLOCKER = "blocker"


class Attitude(enum.StrEnum):
    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    SKEPTICAL = "skeptical"
    OPPOSED = "opposed"
    UNKNOWN = "unknown"


class InteractionKind(enum.StrEnum):
    VISIT = "visit"
    CALL = "call"
    EMAIL = "email"
    MESSAGE = "message"  # WeChat, WeCom, DingTalk and the like
    EXEC_MEETING = "exec-meeting"
    TECH_MEETING = "tech-meeting"
    REVIEW = "review"
    CARE = "care"
    COMPLAINT = "complaint"
    VALUE_ADD = "value-add"
    OTHER = "other"


class FollowUpStatus(enum.StrEnum):
    OPEN = "open"
    SETTLED = "settled"
    CARRIED = "carried"


class Severity(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class ComplaintCategory(enum.StrEnum):
    DELIVERY = "delivery"
    QUALITY = "quality"
    SERVICE = "service"
    PRICE = "price"
    OTHER = "other"


class SurveyKind(enum.StrEnum):
    NPS = "nps"    # 0..10: how likely to recommend us
    CSAT = "csat"  # 1..5: how satisfied


class ChurnReason(enum.StrEnum):
    """Why an account was lost (DOMAIN.md §12)."""

    GIVEN_UP = "given-up"            # 主动放弃的客户
    FORCED_AWAY = "forced-away"      # 被迫离开的客户
    BOUGHT = "bought"                # 被收买的客户
    ATTRACTED = "attracted"          # 被吸引的客户
    DISSATISFIED = "dissatisfied"    # 主动离开的客户
    OTHER = "other"                  # 其他原因


class CadenceMode(enum.StrEnum):
    INTERVAL = "interval"  # keep in touch: ideal and maximum gap
    SCHEDULE = "schedule"  # fixed RFC 5545 recurrence rule


SENTIMENT_MIN, SENTIMENT_MAX = -2, 2


# What each token is called where people read it (the reports, the CLI's text); the
# desktop app's labels (ui/labels.py) say the same in its own catalogue.
from keyaccounts.i18n import N_, _  # noqa: E402

WORDS = {
    "revenue": N_("revenue rank"), "strategic-fit": N_("strategic fit"),
    "growth": N_("growth potential"), "stability": N_("stability"),
    "influence": N_("industry influence"),
    "active": N_("active"), "at-risk": N_("at risk"), "churned": N_("churned"),
    "exec": N_("executive"), "mgmt": N_("management"), "ops": N_("operational"),
    "visit": N_("visit"), "call": N_("call"), "email": N_("email"), "message": N_("message"),
    "exec-meeting": N_("executive meeting"), "tech-meeting": N_("technical meeting"),
    "review": N_("business review"), "care": N_("care"), "complaint": N_("complaint"),
    "value-add": N_("value-added service"), "other": N_("other"),
    "low": N_("low"), "medium": N_("medium"), "high": N_("high"), "critical": N_("critical"),
    "open": N_("awaiting an answer"), "overdue": N_("overdue, not answered"),
    "responded": N_("answered"), "resolved": N_("resolved"),
    "follow-up": N_("follow-up"), "birthday": N_("birthday"),
    "anniversary": N_("anniversary"), "festival": N_("festival"), "renewal": N_("renewal"),
    "complaint-deadline": N_("complaint deadline"),
    "complaint-overdue": N_("complaint unanswered"),
    "executive-gap": N_("executive contact beyond its cadence"),
    "key-person": N_("key person changed"), "broken-chain": N_("broken chain"),
    "sentiment-falling": N_("sentiment falling"), "renewal-risk": N_("renewal at risk"),
    "no-value-add": N_("no value added"), "segment-falling": N_("value segment falling"),
    "new-owner": N_("new owner, key contacts not met"),
    "coverage-gap": N_("relationship coverage gap"),
    # a person's role on a team database (keyaccounts.storage.team.ROLES)
    "manager": N_("account manager"), "lead": N_("team lead"), "admin": N_("administrator"),
}


def word(token: str | None) -> str:
    """*token* (a tier basis, status, level, interaction kind, severity, complaint
    state or team role) in the message language; an unknown one as it is."""
    return _(WORDS[token]) if token in WORDS else (token or "")
