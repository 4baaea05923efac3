"""The one rule for text a user stores: trimmed, within its length, no control characters.

Every way in — the services behind the GUI and the CLI, and every import — checks
text with :func:`check_text`, so a limit or a refused character is the same
wherever the text comes from.
"""

from __future__ import annotations

import re

from keyaccounts.domain.errors import ValidationError
from keyaccounts.i18n import _

# C0 and C1 controls (ANSI escapes, BEL, NUL …), DEL, and the bidirectional
# overrides and isolates that make text read differently from what is stored.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{_CONTROL}]")  # refused in any text; tabs and line breaks aside
_SINGLE_LINE_BAD = re.compile(f"[{_CONTROL}\t\n\r\u2028\u2029]")


def check_text(value: str | None, field: str, *, required: bool = False, limit: int = 10_000,
               single_line: bool = False) -> str:
    """*value* trimmed, or a ValidationError naming *field*.

    Single-line fields (names, titles) refuse tabs and line breaks as well; text
    that is multi-line by nature keeps them.
    """
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field, value, _("must not be empty"))
    if len(text) > limit:
        raise ValidationError(field, text[:20] + "…", _("is longer than {n} characters").format(
            n=limit))
    bad = (_SINGLE_LINE_BAD if single_line else CONTROL).search(text)
    if bad:
        raise ValidationError(field, text[:40], _("contains a control character (U+{code:04X})")
                              .format(code=ord(bad.group())))
    return text


_OUTPUT_BAD = re.compile(f"[{_CONTROL}\r\u2028\u2029]")


def visible(text: str, *, lines: bool = False) -> str:
    """*text* with its control characters, line breaks and direction overrides shown as
    escapes (``\\x1b``, ``\\n``, ``\\u202e``): user text in a one-line message or on a
    terminal can neither break the line nor play tricks. With *lines*, line breaks
    and tabs stay (text printed line by line)."""
    return (_OUTPUT_BAD if lines else _SINGLE_LINE_BAD).sub(
        lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
