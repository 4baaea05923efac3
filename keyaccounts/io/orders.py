"""Import orders from a CSV file (account, date, amount, and a note): all rows or none;
each problem names its line. Headers in English or Chinese, as the contacts' import
reads them (``importer.header_field``), in any encoding ``decoding`` can justify.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlalchemy import select

from keyaccounts.domain.dates import parse_iso_date
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.formats import located
from keyaccounts.domain.names import name_key
from keyaccounts.domain.numbers import parse_whole
from keyaccounts.i18n import _
from keyaccounts.io.decoding import decode
from keyaccounts.io.importer import header_field
from keyaccounts.io.problems import ImportFailed, line_place, problem
from keyaccounts.storage.db import Database
from keyaccounts.storage.model import Account, Order


def import_orders(db: Database, path: Path) -> int:
    """CSV with account, date, amount (and note): all rows or none; errors name the line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError("FILE", str(path), exc.strerror or str(exc)) from None
    text, _encoding = decode(data, path.name)  # ImportFailed says where and what to do
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise ValidationError("FILE", str(path), _("the file is empty"))
    names = [h.strip().lower() for h in rows[0]]
    column = {"account": None, "date": None, "amount": None, "note": None}
    for n, h in enumerate(names):
        key = header_field(h) or {"日期": "date", "金额": "amount", "备注": "note"}.get(h, h)
        if key in column:
            column[key] = n
    missing = [k for k in ("account", "date", "amount") if column[k] is None]
    if missing:
        raise ValidationError(located(path.name, line_place(1)), ", ".join(missing),
                              _("these columns are missing"))
    problems, orders = [], []
    with db.session() as s:
        accounts = {name_key(a.name): a.id for a in s.scalars(select(Account))}
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        get = lambda k: row[column[k]].strip() if column[k] is not None and column[k] < len(row) else ""  # noqa
        where = line_place(line)
        account_id = accounts.get(name_key(get("account")))
        if account_id is None:
            problems.append(problem(path.name, where, "account", get("account"),
                                    _("no such account")))
            continue
        try:
            day = parse_iso_date(get("date"), "date")
        except ValidationError as exc:
            problems.append(problem(path.name, where, "date", get("date"), exc.reason))
            continue
        try:
            amount = parse_whole(get("amount"), "amount", thousands=True)
        except ValidationError as exc:
            problems.append(problem(path.name, where, "amount", get("amount"), exc.reason))
            continue
        orders.append(Order(account_id=account_id, ordered_on=day, amount=amount,
                            note=get("note")))
    if problems:
        raise ImportFailed(problems)
    with db.transaction() as s:
        s.add_all(orders)
    return len(orders)
