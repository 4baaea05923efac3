"""What an import found: problems and warnings, each with its file, place and field."""

from __future__ import annotations

from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.domain.formats import labelled, located
from keyaccounts.i18n import _


class ImportFailed(KeyAccountsError):
    """Problems found in the file; nothing was written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def line_place(line: int) -> str:
    return _("line {line}").format(line=line)


def row_place(sheet: str, row: int) -> str:
    return _("sheet {sheet}, row {row}").format(sheet=sheet, row=row)


def problem(file: str, place: str = "", field: str = "", value: object = None,
            reason: str = "") -> str:
    """``file, line 3, level=boss: expected one of …`` (the parts that are known)."""
    from keyaccounts.domain.text import visible

    shown = f"{field}={visible(str(value))}" if field and value not in (None, "") else field
    return labelled(located(file, place, shown), reason)
