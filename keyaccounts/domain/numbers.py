"""Whole numbers and rates as people type them: ASCII digits only (no ², ①, full-width or other
scripts' digits), within what the database stores, commas only where they cannot be
misread (1,500 is fifteen hundred; 1,5 could be one and a half: refused)."""

from __future__ import annotations

import re

from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _

MAX_WHOLE = 10 ** 15  # amounts in yuan and the like; far inside SQLite's 64-bit integers
MAX_ID = 2 ** 63 - 1


def parse_whole(text, field: str, *, minimum: int = 0, maximum: int = MAX_WHOLE,
                thousands: bool = False, reason: str | None = None) -> int:
    """*text* as a whole number from *minimum* to *maximum*, else ValidationError naming
    *field* (with *reason* for text that is not a number at all)."""
    raw = str(text).strip()
    sign, digits = "", raw
    if minimum < 0 and raw[:1] in ("+", "-"):
        sign, digits = raw[0], raw[1:]
    if thousands and "," in digits:
        if not re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", digits):
            raise ValidationError(field, text, _(
                "is ambiguous: commas only between groups of three digits (1,500), or none"))
        digits = digits.replace(",", "")
    if not re.fullmatch(r"[0-9]+", digits):
        raise ValidationError(field, text, reason or (
            _("must be a whole number, 0 or more") if minimum == 0
            else _("expected a whole number")))
    value = int(sign + digits)
    if not minimum <= value <= maximum:
        raise ValidationError(field, text, _("must be from {low} to {high}").format(
            low=minimum, high=maximum))
    return value


def parse_rate(value, field: str, *, high: float = 1, below: bool = False) -> float:
    """A rate from 0 to *high* (below it when *below*), given as a number or as text in
    ASCII digits: 0.25, .25 or 25%; else ValidationError naming *field*."""
    import math

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        rate = float(value)
    else:
        m = re.fullmatch(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(%?)", str(value).strip(),
                         re.ASCII)
        if not m:
            raise ValidationError(field, value, _("expected a number such as 0.25"))
        rate = float(m.group(1)) / (100 if m.group(2) else 1)
    if not math.isfinite(rate) or rate < 0 or rate > high or (below and rate >= high):
        raise ValidationError(field, value, (
            _("must be from {low} to below {high}") if below else
            _("must be from {low} to {high}")).format(low=0, high=high))
    return rate


def is_id(text) -> bool:
    """Whether *text* reads as a record's id (ASCII digits that SQLite can hold)."""
    text = str(text).strip()
    return bool(re.fullmatch(r"[0-9]{1,18}", text))
