"""Export contacts (CSV, vCard 3.0) and the whole database (readable JSON).

Private personal notes are left out unless asked for. The JSON file holds
every row of every table and imports into an empty database with nothing lost.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select

from keyaccounts import __version__
from keyaccounts.storage.db import Database, head_revision
from keyaccounts.domain.errors import ValidationError, never, stop_if
from keyaccounts.i18n import _
from keyaccounts.storage.files import write_output
from keyaccounts.storage.model import Account, Base
from keyaccounts.services.contacts import list_contacts
from keyaccounts.domain import clock

JSON_FORMAT = "keyaccounts-export"


def contacts_csv(db: Database, account=None, *, private: bool = False,
                 cancelled=never) -> bytes:
    """UTF-8 with BOM, so Excel opens Chinese names right; the importer reads it back."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    header = ["account", "name", "title", "level", "role", "email", "phone", "birthday",
              "calendar", "leap"] + (["private_notes"] if private else [])
    writer.writerow(header)
    for n, c in enumerate(list_contacts(db, account)):
        if n % 500 == 0:
            stop_if(cancelled)
        b = c.birthday
        birthday = ""
        if b:
            birthday = (f"{b.year:04d}-" if b.year else "") + f"{b.month:02d}-{b.day:02d}"
        row = [c.account, c.name, c.title, c.level, c.role, "; ".join(c.emails),
               "; ".join(c.phones), birthday, ("lunar" if b and b.lunar else "solar") if b else "",
               ("yes" if b and b.leap else "no") if b else ""]
        if private:
            row.append(c.private_notes)
        writer.writerow(row)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\n", "\\n"))


def _fold(line: str) -> str:
    """RFC 6350 folding at 75 octets, never inside a UTF-8 character."""
    parts, current = [], b""
    for ch in line:
        encoded = ch.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current)
            current = b""
        current += encoded
    parts.append(current)
    return "\r\n ".join(p.decode("utf-8") for p in parts)


def contacts_vcard(db: Database, account=None, *, private: bool = False,
                   cancelled=never) -> bytes:
    cards = []
    for n, c in enumerate(list_contacts(db, account)):
        if n % 500 == 0:
            stop_if(cancelled)
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(c.name)}",
                 f"N:{_escape(c.name)};;;;", f"ORG:{_escape(c.account)}"]
        if c.title:
            lines.append(f"TITLE:{_escape(c.title)}")
        lines += [f"EMAIL;TYPE=INTERNET:{e}" for e in c.emails]
        lines += [f"TEL;TYPE=CELL:{p}" for p in c.phones]
        b = c.birthday
        if b and not b.lunar:
            lines.append(f"BDAY:{b.year:04d}-{b.month:02d}-{b.day:02d}" if b.year
                         else f"BDAY:--{b.month:02d}{b.day:02d}")
        elif b:
            lines.append(f"X-KEYACCOUNTS-LUNAR-BIRTHDAY:{b}")
        if private and c.private_notes:
            lines.append(f"NOTE:{_escape(c.private_notes)}")
        lines.append("END:VCARD")
        cards.append("\r\n".join(_fold(line) for line in lines))
    return ("\r\n".join(cards) + "\r\n").encode("utf-8")


def _data_tables():
    """The model's tables in dependency order, without the snapshots (a cache, not data)."""
    from keyaccounts.storage.model import Snapshot

    return [t for t in Base.metadata.sorted_tables if t.name != Snapshot.__tablename__]


def database_json(db: Database, *, private: bool = False, cancelled=never) -> bytes:
    """Every row of every table, dates as ISO text, in an order that imports back."""
    tables = {}
    with db.engine.connect() as c:
        for table in _data_tables():
            rows = []
            for n, row in enumerate(c.execute(select(table).order_by(
                    *table.primary_key.columns))):
                if n % 2000 == 0:
                    stop_if(cancelled)
                item = {k: _plain(v) for k, v in row._mapping.items()}
                if not private and table.name == "contact":
                    item["private_notes"] = ""
                rows.append(item)
            tables[table.name] = rows
    doc = {"format": JSON_FORMAT, "version": 1, "schema": head_revision(),
           "app": f"KeyAccounts {__version__}", "exported": clock.now().isoformat(
               timespec="seconds"), "tables": tables}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    return value


def import_json(db: Database, path: Path) -> dict[str, int]:
    """Load an export into an empty database, all or nothing, keeping every id."""
    from datetime import date as date_type

    from sqlalchemy import Date, DateTime

    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError("FILE", str(path), _("not a readable JSON export ({reason})")
                              .format(reason=exc)) from None
    if not isinstance(doc, dict) or doc.get("format") != JSON_FORMAT:
        raise ValidationError("FILE", str(path), _("not a KeyAccounts JSON export"))
    counts = {}
    with db.transaction() as s:
        if s.scalar(select(func.count()).select_from(Account)):
            raise ValidationError("db", str(db.path), _("a JSON export loads only into an "
                                                         "empty database"))
        for table in _data_tables():
            rows = doc["tables"].get(table.name, [])
            typed = []
            for n, row in enumerate(rows, 1):
                item = {}
                for col in table.columns:
                    if col.name not in row:
                        continue
                    value = row[col.name]
                    try:
                        if value is not None and isinstance(col.type, DateTime):
                            value = datetime.fromisoformat(value)
                        elif value is not None and isinstance(col.type, Date):
                            value = date_type.fromisoformat(value)
                    except (TypeError, ValueError):
                        raise ValidationError(f"{table.name}[{n}].{col.name}", value,
                                              _("not a date")) from None
                    item[col.name] = value
                typed.append(item)
            if typed:
                s.execute(insert(table), typed)
            counts[table.name] = len(typed)
    return counts


def write(path: Path, data: bytes, *, force: bool = False, db: Database | None = None) -> Path:
    """Write an export safely (see storage.files): never over *db*'s files or backups,
    over an existing file only with *force*, readable by the owner only."""
    return write_output(path, data, force=force, protect=db.path if db else None)
