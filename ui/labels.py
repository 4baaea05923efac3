"""Display names of the domain's tokens, translated with Qt (context "Labels").

Each name is translated when asked for, alone: a list of a thousand rows asks a
thousand times.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_LEVEL = {
    "exec": QT_TRANSLATE_NOOP("Labels", "Executive"),
    "mgmt": QT_TRANSLATE_NOOP("Labels", "Management"),
    "ops": QT_TRANSLATE_NOOP("Labels", "Operational"),
}

_ROLE = {
    "decision-maker": QT_TRANSLATE_NOOP("Labels", "Decision maker"),
    "influencer": QT_TRANSLATE_NOOP("Labels", "Influencer"),
    "champion": QT_TRANSLATE_NOOP("Labels", "Champion"),
    "user": QT_TRANSLATE_NOOP("Labels", "User"),
    "blocker": QT_TRANSLATE_NOOP("Labels", "Blocker"),
}

_ATTITUDE = {
    "supportive": QT_TRANSLATE_NOOP("Labels", "Supportive"),
    "neutral": QT_TRANSLATE_NOOP("Labels", "Neutral"),
    "skeptical": QT_TRANSLATE_NOOP("Labels", "Skeptical"),
    "opposed": QT_TRANSLATE_NOOP("Labels", "Opposed"),
    "unknown": QT_TRANSLATE_NOOP("Labels", "Unknown"),
}

_KIND = {
    "visit": QT_TRANSLATE_NOOP("Labels", "Visit"),
    "call": QT_TRANSLATE_NOOP("Labels", "Call"),
    "email": QT_TRANSLATE_NOOP("Labels", "Email"),
    "message": QT_TRANSLATE_NOOP("Labels", "Message"),
    "exec-meeting": QT_TRANSLATE_NOOP("Labels", "Executive meeting"),
    "tech-meeting": QT_TRANSLATE_NOOP("Labels", "Technical meeting"),
    "review": QT_TRANSLATE_NOOP("Labels", "Business review"),
    "care": QT_TRANSLATE_NOOP("Labels", "Care"),
    "complaint": QT_TRANSLATE_NOOP("Labels", "Complaint"),
    "value-add": QT_TRANSLATE_NOOP("Labels", "Value-added service"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}

_STATUS = {
    "active": QT_TRANSLATE_NOOP("Labels", "Active"),
    "at-risk": QT_TRANSLATE_NOOP("Labels", "At risk"),
    "churned": QT_TRANSLATE_NOOP("Labels", "Churned"),
    "open": QT_TRANSLATE_NOOP("Labels", "Open"),
    "settled": QT_TRANSLATE_NOOP("Labels", "Settled"),
    "carried": QT_TRANSLATE_NOOP("Labels", "Carried"),
}

_TIER = {
    "A": QT_TRANSLATE_NOOP("Labels", "A · key"),
    "B": QT_TRANSLATE_NOOP("Labels", "B · important"),
    "C": QT_TRANSLATE_NOOP("Labels", "C · ordinary"),
}

_TIER_BASIS = {
    "revenue": QT_TRANSLATE_NOOP("Labels", "revenue rank"),
    "strategic-fit": QT_TRANSLATE_NOOP("Labels", "strategic fit"),
    "growth": QT_TRANSLATE_NOOP("Labels", "growth potential"),
    "stability": QT_TRANSLATE_NOOP("Labels", "stability"),
    "influence": QT_TRANSLATE_NOOP("Labels", "industry influence"),
}

_SENTIMENT = {
    -2: QT_TRANSLATE_NOOP("Labels", "-2 very negative"),
    -1: QT_TRANSLATE_NOOP("Labels", "-1 negative"),
    0: QT_TRANSLATE_NOOP("Labels", "0 neutral"),
    1: QT_TRANSLATE_NOOP("Labels", "+1 positive"),
    2: QT_TRANSLATE_NOOP("Labels", "+2 very positive"),
}


def name(table: dict, token, default, context: str = "Labels") -> str:
    """The translation of *token*'s name in *table* (strings marked with
    QT_TRANSLATE_NOOP in *context*), else *default*."""
    source = table.get(token)
    if source is None:
        return default
    return QCoreApplication.translate(context, source)  # strings marked with QT_TRANSLATE_NOOP


def level(token: str | None) -> str:
    return name(_LEVEL, token or "", token or "")


def role(token: str) -> str:
    return name(_ROLE, token, token)


def attitude(token: str) -> str:
    return name(_ATTITUDE, token, token)


def kind(token: str) -> str:
    return name(_KIND, token, token)


def status(token: str) -> str:
    return name(_STATUS, token, token)


def tier(token: str) -> str:
    return name(_TIER, token, token)


def tier_basis(token: str) -> str:
    return name(_TIER_BASIS, token, token)


def sentiment(value: int) -> str:
    return name(_SENTIMENT, value, str(value))

LEVELS = ("exec", "mgmt", "ops")
ROLES = ("decision-maker", "influencer", "champion", "user", "blocker")
ATTITUDES = ("supportive", "neutral", "skeptical", "opposed", "unknown")
KINDS = ("visit", "call", "email", "message", "exec-meeting", "tech-meeting", "review", "care",
         "complaint", "value-add", "other")
TIERS = ("A", "B", "C")
STATUSES = ("active", "at-risk", "churned")
TIER_BASES = ("revenue", "strategic-fit", "growth", "stability", "influence")


def first_weekday() -> int:
    """The day weeks start on where the user is (0 = Monday … 6 = Sunday), from the
    locale: one rule for every calendar of the app (month and week views, the date
    pickers)."""
    from PySide6.QtCore import QLocale

    return QLocale().firstDayOfWeek().value - 1


def week_start(day):
    """The first day of *day*'s week (see :func:`first_weekday`)."""
    from datetime import timedelta

    return day - timedelta(days=(day.weekday() - first_weekday()) % 7)
