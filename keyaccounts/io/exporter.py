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
from keyaccounts.domain.text import check_text
from keyaccounts.i18n import _
from keyaccounts.storage.files import write_output
from keyaccounts.storage.model import Account, Base, text_limit
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


NOT_DATA = {"snapshot", "account_stamp", "account_cache", "outbox", "sync_state", "applied_change", "deleted_row"}


def _data_tables():
    """The model's tables in dependency order, without the snapshots (a cache, not data)
    and a team copy's bookkeeping (keyaccounts.storage.offline)."""
    return [t for t in Base.metadata.sorted_tables if t.name not in NOT_DATA]


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
                if not private and table.name == "contact_private":
                    item["notes"] = ""
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


INT_RANGE = (-(2 ** 63), 2 ** 63 - 1)  # what SQLite stores


def read_export(path: Path) -> dict:
    """A JSON export's document, checked to be one this version reads."""
    from keyaccounts.storage.db import known_revisions

    try:
        if Path(path).exists() and not Path(path).is_file():  # a FIFO would never end
            raise ValidationError("FILE", str(path), _("not a regular file"))
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError("FILE", str(path), _("not a readable JSON export ({reason})")
                              .format(reason=exc)) from None
    if not isinstance(doc, dict) or doc.get("format") != JSON_FORMAT:
        raise ValidationError("FILE", str(path), _("not a KeyAccounts JSON export"))
    schema = doc.get("schema")
    if doc.get("version") != 1 or (schema is not None and schema not in known_revisions()):
        raise ValidationError("FILE", str(path), _(
            "written by a newer version of KeyAccounts (schema {found}; this version knows "
            "up to {head})").format(found=schema, head=head_revision()))
    return doc


def export_rows(doc: dict, path) -> dict[str, list[dict]]:
    """An export's records by table (in the order they load), brought up to this schema
    and checked as the services would check them (types, dates, choices, lengths,
    required fields, names alike); the first bad one is named with its position."""
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise ValidationError(f"{path}: tables", None, _("missing, or not an object"))
    _churn_as_events(tables)
    contacts = tables.get("contact")
    if "contact_private" not in tables and isinstance(contacts, list):
        # An export from before schema 0013 keeps private notes on the contact.
        tables["contact_private"] = [
            {"contact_id": c.get("id"), "notes": c.pop("private_notes", None)}
            for c in contacts if isinstance(c, dict) and c.get("private_notes")]
        for c in contacts:
            if isinstance(c, dict):
                c.pop("private_notes", None)
    out = {}
    for table in _data_tables():
        rows = tables.get(table.name, [])
        if not isinstance(rows, list):
            raise ValidationError(f"{path}: tables.{table.name}", None,
                                  _("not a list of records"))
        typed = [_typed_row(table, row, f"{path}: {table.name}[{n}]")
                 for n, row in enumerate(rows, 1)]
        _same_names(table.name, typed, path)
        out[table.name] = typed
    return out


def import_json(db: Database, path: Path) -> dict[str, int]:
    """Load an export into an empty database, all or nothing, keeping every id. Every
    value is checked (:func:`export_rows`); a record the database refuses (a duplicate,
    a broken link) is named with its table and position. The interactions are linked to
    the people of ours their free text names exactly (services.relmap.link_all)."""
    from sqlalchemy.exc import IntegrityError

    rows = export_rows(read_export(path), path)
    counts = {}
    with db.transaction() as s:
        if s.scalar(select(func.count()).select_from(Account)):
            raise ValidationError("db", db.location, _("a JSON export loads only into an "
                                                         "empty database"))
        for table in _data_tables():
            typed = rows[table.name]
            if typed:
                try:
                    with s.begin_nested():
                        s.execute(insert(table), typed)
                except IntegrityError:  # find the record, and say what is wrong with it
                    for n, item in enumerate(typed, 1):
                        try:
                            with s.begin_nested():
                                s.execute(insert(table), [item])
                        except IntegrityError as exc:
                            raise ValidationError(f"{path}: {table.name}[{n}]", None,
                                                  _refusal(exc)) from None
                    raise
            counts[table.name] = len(typed)
        # Our participants named exactly as one of our people are linked to them, as a
        # quick log links them (an export from before the list, or people listed here).
        from keyaccounts.services.relmap import link_all

        made = link_all(s)
        if made:
            counts["interaction_our_person"] = counts.get("interaction_our_person", 0) + made
    return counts


# Before schema 0012 an account held its one churn; each is now a churn_event.
_CHURN_ON_ACCOUNT = {"churned_on": "churned_on", "churn_reason": "reason",
                     "churn_value": "value", "recovery_cost": "recovery_cost",
                     "pursue": "pursue", "pursue_justification": "pursue_justification",
                     "recovery_outcome": "recovery_outcome", "recovered_on": "recovered_on",
                     "recovered_value": "recovered_value"}


def _churn_as_events(tables: dict) -> None:
    """An export written before churn events: its accounts' churns become events."""
    accounts = tables.get("account")
    if "churn_event" in tables or not isinstance(accounts, list):
        return
    events = []
    for row in accounts:
        if isinstance(row, dict) and row.get("churned_on") is not None:
            events.append({"id": len(events) + 1, "account_id": row.get("id"),
                           **{new: row.get(old) for old, new in _CHURN_ON_ACCOUNT.items()
                              if old in row}})
    tables["churn_event"] = events


def _same_names(table: str, rows: list[dict], path) -> None:
    """Names that look the same are one name (domain.names): two accounts, or two
    contacts of one account, named alike are refused, as the services refuse them."""
    from keyaccounts.domain.names import name_key

    if table not in ("account", "contact"):
        return
    seen: dict = {}
    for n, row in enumerate(rows, 1):
        if not isinstance(row.get("name"), str) or row.get("archived"):
            continue
        key = (row.get("account_id") if table == "contact" else None, name_key(row["name"]))
        if key in seen:
            raise ValidationError(f"{path}: {table}[{n}].name", row["name"], _(
                "the same name as {table}[{first}]: {existing}").format(
                    table=table, first=seen[key][0], existing=seen[key][1]))
        seen[key] = (n, row["name"])


def _typed_row(table, row, where: str) -> dict:
    from datetime import date as date_type

    from sqlalchemy import JSON, Boolean, Date, DateTime, Enum, Float, Integer, Numeric, String

    from keyaccounts.domain.dates import in_range

    if not isinstance(row, dict):
        raise ValidationError(where, None, _("not a record (an object)"))
    item = {}
    for col in table.columns:
        field = f"{where}.{col.name}"
        if col.name not in row:
            if col.primary_key:
                raise ValidationError(field, None, _("missing"))
            continue
        value, t = row[col.name], col.type
        if value is None:
            if not col.nullable or col.primary_key:
                raise ValidationError(field, None, _("must not be empty"))
        elif isinstance(t, JSON):
            pass
        elif isinstance(t, (DateTime, Date)):
            try:
                parsed = (datetime if isinstance(t, DateTime) else date_type).fromisoformat(value)
            except (TypeError, ValueError):
                raise ValidationError(field, value, _("not a date")) from None
            value = in_range(parsed, field, value)
        elif isinstance(t, Enum):
            if value not in t.enums:
                raise ValidationError(field, value, _("expected one of: {choices}").format(
                    choices=", ".join(t.enums)))
        elif isinstance(t, Boolean):
            if not isinstance(value, bool):
                raise ValidationError(field, value, _("expected true or false"))
        elif isinstance(t, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(field, value, _("expected a whole number"))
            if not INT_RANGE[0] <= value <= INT_RANGE[1]:
                raise ValidationError(field, value, _("is too large"))
        elif isinstance(t, (Float, Numeric)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValidationError(field, value, _("expected a number"))
        elif isinstance(t, String):  # Text too
            if not isinstance(value, str):
                raise ValidationError(field, value, _("expected text"))
            # The rule every way in uses: a short field is one line, no control
            # characters anywhere (domain.text); stored as exported (trimmed already).
            value = check_text(value, field, limit=text_limit(col),
                               single_line=t.length is not None)
        item[col.name] = value
    return item


def _refusal(exc) -> str:
    """What the database's refusal of a record means, in the user's words."""
    detail = str(getattr(exc, "orig", exc))
    if "UNIQUE" in detail:
        return _("duplicates another record ({detail})").format(detail=detail)
    if "NOT NULL" in detail:
        return _("a required field is empty ({detail})").format(detail=detail)
    if "FOREIGN KEY" in detail:
        return _("refers to a record that is not in the file")
    if "CHECK" in detail:
        return _("a value is out of range ({detail})").format(detail=detail)
    return detail


def write(path: Path, data: bytes, *, force: bool = False, db: Database | None = None) -> Path:
    """Write an export safely (see storage.files): never over *db*'s files or backups,
    over an existing file only with *force*, readable by the owner only."""
    return write_output(path, data, force=force, protect=db.path if db else None)


EXPORTS = ("csv", "vcard", "json", "ics")


def export(db: Database, what: str, path: Path, *, account=None, private: bool = False,
           force: bool = False, today=None, days: int = 90, cancelled=never) -> Path:
    """Write one export of *what* (one of EXPORTS) to *path*: the one door the CLI and
    the desktop app both use. "ics" is the agenda of *days* days from *today*."""
    if what == "ics":
        from keyaccounts.io.ics import write_ics
        from keyaccounts.services import planner

        start = today or clock.today()
        write_ics(path, planner.agenda(db, start, days, today=start), start, force=force,
                  protect=db.path)
        return Path(path)
    if what == "json":
        data = database_json(db, private=private, cancelled=cancelled)
    elif what == "vcard":
        data = contacts_vcard(db, account, private=private, cancelled=cancelled)
    elif what == "csv":
        data = contacts_csv(db, account, private=private, cancelled=cancelled)
    else:
        raise ValueError(what)
    return write(Path(path), data, force=force, db=db)
