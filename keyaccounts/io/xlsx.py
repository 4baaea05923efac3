"""Contacts from Excel workbooks (.xlsx), the way Chinese offices keep them.

Read with openpyxl in read-only mode. The header row is found under a title
row or merged cells (WeCom and DingTalk exports start with one); headers in
Chinese or English map to fields as in a CSV file (``importer.HEADERS``).
Dates may be Excel dates or text (``1985年3月14日``, ``3月14日``, ``农历八月十五``).
The sheet is ``--sheet NAME``, or else the first sheet that has a header row.
Each problem names the sheet and the row.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from keyaccounts.i18n import _
from keyaccounts.io.importer import (
    HEADER_SEARCH_ROWS,
    FileRead,
    Record,
    cells_by_field,
    check_columns,
    find_header,
    header_field,
    row_from_cells,
)
from keyaccounts.io.problems import ImportFailed, problem, row_place


def cell_text(value) -> str:
    """A cell as the text a CSV would hold: dates as YYYY-MM-DD, whole numbers without
    ".0" (a phone number typed as a number), nothing for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value).strip()


def _open(data: bytes, file: str):
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        reason = (_("an old Excel file (.xls): save it as .xlsx or CSV and import that")
                  if data.startswith(b"\xd0\xcf\x11\xe0") else
                  _("not an Excel workbook (.xlsx) that can be read: {reason}").format(
                      reason=str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__))
        raise ImportFailed([problem(file, "", "", None, reason)]) from None
    except Exception as exc:  # openpyxl raises its own kinds for damaged parts  # noqa: BLE001
        raise ImportFailed([problem(file, "", "", None, _(
            "not an Excel workbook (.xlsx) that can be read: {reason}").format(
                reason=type(exc).__name__))]) from None


def _sheet_rows(ws, limit: int | None = None):
    """(row number, values as read) from the top; read-only sheets skip nothing."""
    for number, values in enumerate(ws.iter_rows(values_only=True), 1):
        yield number, tuple(values)
        if limit is not None and number >= limit:
            return


def _choose(wb, file: str, sheet: str | None):
    """The sheet and the index of its header row among its first rows."""
    if sheet is not None:
        if sheet not in wb.sheetnames:
            raise ImportFailed([problem(file, "", "--sheet", sheet, _(
                "no such sheet; the workbook has: {names}").format(
                    names=", ".join(wb.sheetnames)))])
        names = [sheet]
    else:
        names = wb.sheetnames
    for name in names:
        top = [[cell_text(v) for v in values]
               for _n, values in _sheet_rows(wb[name], HEADER_SEARCH_ROWS)]
        at = find_header(top)
        if at is not None:
            return name, at, top[at]
    if sheet is not None:
        raise ImportFailed([problem(file, row_place(sheet, 1), "", None, _(
            "no header row with a name/姓名 column in its first {n} rows").format(
                n=HEADER_SEARCH_ROWS))])
    raise ImportFailed([problem(file, "", "", None, _(
        "no sheet has a header row with a name/姓名 column (sheets: {names})").format(
            names=", ".join(wb.sheetnames)))])


def read_xlsx(data: bytes, file: str, *, account: str | None = None,
              mapping: dict[int, str] | None = None, sheet: str | None = None,
              path: Path | None = None) -> FileRead:
    wb = _open(data, file)
    try:
        name, at, header = _choose(wb, file, sheet)
        columns = mapping or {n: f for n, h in enumerate(header) if (f := header_field(h))}
        check_columns(file, row_place(name, at + 1), header, columns, account)
        head: list[tuple] = []
        records: list[Record] = []
        for number, values in _sheet_rows(wb[name]):
            if number <= at + 1:
                head.append(values)
                continue
            cells = [cell_text(v) for v in values]
            if not any(cells):
                continue
            record = Record(row_place(name, number), values)
            records.append(record)
            row_from_cells(cells_by_field(cells, columns), record, file, number, account)
    finally:
        wb.close()
    return FileRead(path or Path(file), "xlsx", records, head, "utf-8", name)


def preview(data: bytes, file: str, *, sheet: str | None = None,
            count: int = 3) -> tuple[list[str], list[list[str]]]:
    wb = _open(data, file)
    try:
        name, at, header = _choose(wb, file, sheet)
        rows = [[cell_text(v) for v in values]
                for _n, values in _sheet_rows(wb[name], at + 1 + count)][at + 1:]
    finally:
        wb.close()
    return header, rows


def workbook_bytes(read: FileRead, refused: list[Record]) -> bytes:
    """A workbook with the rows above the records and the refused rows, as they were."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet(read.sheet or "Sheet1")
    for values in read.head:
        ws.append(list(values))
    for record in refused:
        ws.append(list(record.raw))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
