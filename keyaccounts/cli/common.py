"""What every command group shares: the parser class, output (tables, JSON), the day a
command runs on, and parsing of the small values that flags carry.

Imports the domain and (lazily, in the groups) the services; never the ORM.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date

from keyaccounts.domain import clock
from keyaccounts.domain.dates import parse_iso_date
from keyaccounts.domain.numbers import MAX_ID, parse_whole
from keyaccounts.domain.formats import labelled
from keyaccounts.domain.text import CONTROL, visible
from keyaccounts.domain.views import to_json
from keyaccounts.i18n import _, ngettext

PROG = "keyaccounts"


class UsageError(Exception):
    pass


def whole_number(text: str) -> int:
    """The type of every whole-number flag (``type=int`` is this): ASCII digits, a sign
    allowed, within what the database stores; else argparse's one-line refusal."""
    from keyaccounts.domain.errors import ValidationError

    try:
        return parse_whole(text, "", minimum=-MAX_ID, maximum=MAX_ID,
                           reason=_("expected a whole number"))
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(f"{visible(str(text))}: {exc.reason}") from None


# argparse's own words ("usage:", "the following arguments are required: …") come from
# module-level gettext calls; they read the CLI's catalogue (cli/argparse_words.py lists
# them for it), in the language every other message of the CLI is in.
argparse._ = _
argparse.ngettext = ngettext


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage block
        raise UsageError(message)

    def add_argument(self, *args, **kwargs):
        if kwargs.get("type") is int:  # int("1" * 30) is fine for Python, not for SQLite
            kwargs["type"] = whole_number
        return super().add_argument(*args, **kwargs)


def fail(message: str, code: int) -> int:
    """Print one error line on stderr (control characters in it made visible, so that
    what the user typed can neither break the line nor drive the terminal); return
    *code* (the exit status)."""
    print(labelled(labelled(PROG, _("error")), visible(message)), file=sys.stderr)
    return code


def add_today(parser: argparse.ArgumentParser) -> None:
    """``--today``: run as if this were the day (read through keyaccounts.domain.clock)."""
    parser.add_argument("--today", metavar="YYYY-MM-DD",
                        help=_("run as if today were this day"))


def day_or_today(text: str | None, field: str) -> date:
    """The date a flag gives, else (no flag; an empty one is refused) today by the clock."""
    return parse_iso_date(text, field) if text is not None else clock.today()


class VisibleOutput:
    """What the CLI prints goes through this: control characters (ANSI escapes, BEL,
    direction overrides) shown as escapes, line breaks and tabs kept; stored text (from
    an older version, an import) can neither drive the terminal nor hide what it says."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(visible(text, lines=True))

    def __getattr__(self, name):
        return getattr(self.stream, name)


def print_json(value) -> None:
    text = json.dumps(to_json(value), ensure_ascii=False, indent=2)
    # JSON's own escapes for what it leaves raw (DEL, C1, direction overrides): the
    # same data, shown safely.
    sys.stdout.write(CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def table(rows: list[Sequence[object]], headers: Sequence[str]) -> None:
    from unicodedata import east_asian_width

    def width(text: str) -> int:
        return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)

    cells = [[visible(str(h)) for h in headers]] + [
        ["" if c is None else visible(str(c)) for c in r] for r in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    for n, row in enumerate(cells):
        line = "  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths))
        print(line.rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def amount(text: str | None, field: str, *, thousands: bool = False) -> int | None:
    """A whole amount, 0 or more, from a flag (None stays None); *thousands* allows 1,200."""
    if text is None:
        return None
    return parse_whole(text, field, thousands=thousands)


def followup_id(text: str, field: str) -> int:
    return parse_whole(text, field, maximum=MAX_ID,
                       reason=_("expected a follow-up id (a number)"))
