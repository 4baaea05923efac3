"""Display names of the domain's tokens, translated with Qt (context "Labels")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def level(token: str | None) -> str:
    return {
        "exec": QCoreApplication.translate("Labels", "Executive"),
        "mgmt": QCoreApplication.translate("Labels", "Management"),
        "ops": QCoreApplication.translate("Labels", "Operational"),
    }.get(token or "", token or "")


def role(token: str) -> str:
    return {
        "decision-maker": QCoreApplication.translate("Labels", "Decision maker"),
        "influencer": QCoreApplication.translate("Labels", "Influencer"),
        "champion": QCoreApplication.translate("Labels", "Champion"),
        "user": QCoreApplication.translate("Labels", "User"),
        "blocker": QCoreApplication.translate("Labels", "Blocker"),
    }.get(token, token)


def attitude(token: str) -> str:
    return {
        "supportive": QCoreApplication.translate("Labels", "Supportive"),
        "neutral": QCoreApplication.translate("Labels", "Neutral"),
        "skeptical": QCoreApplication.translate("Labels", "Skeptical"),
        "opposed": QCoreApplication.translate("Labels", "Opposed"),
        "unknown": QCoreApplication.translate("Labels", "Unknown"),
    }.get(token, token)


def kind(token: str) -> str:
    return {
        "visit": QCoreApplication.translate("Labels", "Visit"),
        "call": QCoreApplication.translate("Labels", "Call"),
        "email": QCoreApplication.translate("Labels", "Email"),
        "message": QCoreApplication.translate("Labels", "Message"),
        "exec-meeting": QCoreApplication.translate("Labels", "Executive meeting"),
        "tech-meeting": QCoreApplication.translate("Labels", "Technical meeting"),
        "review": QCoreApplication.translate("Labels", "Business review"),
        "care": QCoreApplication.translate("Labels", "Care"),
        "complaint": QCoreApplication.translate("Labels", "Complaint"),
        "value-add": QCoreApplication.translate("Labels", "Value-added service"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }.get(token, token)


def status(token: str) -> str:
    return {
        "active": QCoreApplication.translate("Labels", "Active"),
        "at-risk": QCoreApplication.translate("Labels", "At risk"),
        "churned": QCoreApplication.translate("Labels", "Churned"),
        "open": QCoreApplication.translate("Labels", "Open"),
        "settled": QCoreApplication.translate("Labels", "Settled"),
        "carried": QCoreApplication.translate("Labels", "Carried"),
    }.get(token, token)


def tier(token: str) -> str:
    return {
        "A": QCoreApplication.translate("Labels", "A · key"),
        "B": QCoreApplication.translate("Labels", "B · important"),
        "C": QCoreApplication.translate("Labels", "C · ordinary"),
    }.get(token, token)


def tier_basis(token: str) -> str:
    return {
        "revenue": QCoreApplication.translate("Labels", "revenue rank"),
        "strategic-fit": QCoreApplication.translate("Labels", "strategic fit"),
        "growth": QCoreApplication.translate("Labels", "growth potential"),
        "stability": QCoreApplication.translate("Labels", "stability"),
        "influence": QCoreApplication.translate("Labels", "industry influence"),
    }.get(token, token)


def sentiment(value: int) -> str:
    return {
        -2: QCoreApplication.translate("Labels", "−2 very negative"),
        -1: QCoreApplication.translate("Labels", "−1 negative"),
        0: QCoreApplication.translate("Labels", "0 neutral"),
        1: QCoreApplication.translate("Labels", "+1 positive"),
        2: QCoreApplication.translate("Labels", "+2 very positive"),
    }[value]


LEVELS = ("exec", "mgmt", "ops")
ROLES = ("decision-maker", "influencer", "champion", "user", "blocker")
ATTITUDES = ("supportive", "neutral", "skeptical", "opposed", "unknown")
KINDS = ("visit", "call", "email", "message", "exec-meeting", "tech-meeting", "review", "care",
         "complaint", "value-add", "other")
TIERS = ("A", "B", "C")
STATUSES = ("active", "at-risk", "churned")
TIER_BASES = ("revenue", "strategic-fit", "growth", "stability", "influence")
