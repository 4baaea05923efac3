"""Import key contacts from CSV, Excel and vCard files as people really have them.

CSV: text in an encoding the import can justify (see ``decoding``); comma,
semicolon or tab; headers in English or Chinese (see ``HEADERS``), found below a
title line if there is one. Excel workbooks (.xlsx, see ``xlsx``) use the same
column mapping. vCard 2.1, 3.0 and 4.0 from Apple Contacts, Google, Outlook and
Android phones are read by ``vcard``.

Every record is checked with the services' own rules for text, email and phone
(``keyaccounts.domain.text``, ``services.contacts``): one set of limits for every
way in. Each problem names its file, line (or sheet and row) and field. An import
is all or nothing unless asked to skip invalid records: then the good ones are
imported and the refused ones are written, unchanged, to a file beside the
original that the user can fix and import again. Duplicates — the same name in
the same account, or the same email anywhere — are skipped or merged, by choice,
never doubled.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select, true

from keyaccounts.domain.dates import Birthday, parse_birthday
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.names import name_key
from keyaccounts.domain.text import check_text
from keyaccounts.i18n import _
from keyaccounts.io.decoding import decode
from keyaccounts.io.problems import ImportFailed, line_place, problem
from keyaccounts.services.common import MAX_NAME, parse_enum
from keyaccounts.services.contacts import check_email, check_phone
from keyaccounts.storage.db import Database
from keyaccounts.storage.model import (
    Account,
    AccountStatus,
    Attitude,
    Contact,
    ContactPrivate,
    Level,
    Role,
    Tier,
    TierBasis,
)
from keyaccounts.storage.sql import json_array_values

__all__ = ["ImportFailed", "ImportPlan", "import_file", "read_file", "plan", "apply"]

FIELDS = ("account", "name", "family", "given", "title", "level", "role", "email", "phone",
          "birthday", "calendar", "leap")
# Outlook's and Google's CSV exports name the columns in their own words.
HEADERS = {
    "account": ("account", "company", "organization", "organisation", "客户", "公司", "单位",
                "客户名称", "公司名称", "企业", "企业名称", "单位名称", "organization 1 - name",
                "organization name"),
    "name": ("name", "full name", "contact", "display name", "姓名", "名字", "联系人",
             "联系人姓名"),
    "family": ("last name", "family name", "surname", "姓", "姓氏"),
    "given": ("first name", "given name", "名"),
    "title": ("title", "job title", "position", "职务", "职位", "头衔",
              "organization 1 - title"),
    "level": ("level", "层级", "级别"),
    "role": ("role", "角色"),
    "email": ("email", "e-mail", "mail", "email address", "e-mail address", "e-mail 1 - value",
              "e-mail 2 address", "邮箱", "电子邮件", "电子邮箱", "邮件", "企业邮箱", "个人邮箱",
              "邮箱地址"),
    "phone": ("phone", "mobile", "telephone", "tel", "phone number", "mobile phone",
              "business phone", "phone 1 - value", "电话", "手机", "联系电话", "手机号",
              "手机号码", "座机", "办公电话"),
    "birthday": ("birthday", "birth date", "date of birth", "生日", "出生日期"),
    "calendar": ("calendar", "历法"),
    "leap": ("leap", "leap month", "闰月"),
}
CALENDARS = {"solar": False, "gregorian": False, "公历": False, "阳历": False, "新历": False,
             "lunar": True, "chinese": True, "农历": True, "阴历": True, "旧历": True}
YES = {"yes", "y", "true", "1", "是", "闰", "闰月"}
NO = {"no", "n", "false", "0", "否", ""}
HEADER_SEARCH_ROWS = 10  # a title, a date line or merged cells above the real header


@dataclass
class ContactRow:
    line: int
    account: str
    name: str
    title: str = ""
    level: str | None = None
    role: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    birthday: Birthday | None = None
    notes: str = ""  # kept in the contact's notes (a birthday that is not a date …)
    reports_to: str | None = None  # the manager's name, in the same account
    is_account: bool = False  # a vCard KIND:org card: an account, not a person
    place: str = ""


@dataclass
class Record:
    """One record of a file: its place, its bytes (or cells) as read, and what it became."""

    place: str
    raw: object
    row: ContactRow | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class FileRead:
    """A file read and checked: its records, and what a refused-records file needs."""

    path: Path
    kind: str  # csv, vcard, xlsx
    records: list[Record]
    # what comes before the records: the CSV header's last line, xlsx rows above the records
    head: object = b""
    encoding: str = "utf-8"
    sheet: str | None = None
    text: str = ""  # a CSV file's text (its refused records are written from it unchanged)

    @property
    def file(self) -> str:
        return self.path.name

    @property
    def problems(self) -> list[str]:
        return [p for r in self.records for p in r.problems]

    @property
    def rows(self) -> list[ContactRow]:
        return [r.row for r in self.records if r.row is not None and not r.problems]


@dataclass
class ImportPlan:
    file: str
    rows: list[ContactRow]
    new_accounts: list[str] = field(default_factory=list)
    new: list[ContactRow] = field(default_factory=list)
    merged: list[tuple[ContactRow, str]] = field(default_factory=list)  # row, why
    skipped: list[tuple[ContactRow, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    refused: list[Record] = field(default_factory=list)
    refused_path: Path | None = None  # where the refused records are (or would be) written
    source: FileRead | None = None

    @property
    def imported(self) -> int:
        return len(self.new)

    def counts(self) -> dict[str, int]:
        return {"imported": len(self.new), "merged": len(self.merged),
                "skipped": len(self.skipped), "warnings": len(self.warnings),
                "refused": len(self.refused), "new_accounts": len(self.new_accounts)}

    def report(self) -> dict:
        """The summary as data (``import --json``): counts, and what each concerns."""
        return {"file": self.file, **self.counts(),
                "accounts_created": list(self.new_accounts),
                "merged_contacts": [{"account": r.account, "name": r.name, "why": why}
                                    for r, why in self.merged],
                "skipped_contacts": [{"account": r.account, "name": r.name, "why": why}
                                     for r, why in self.skipped],
                "warning_messages": list(self.warnings),
                "refused_problems": [p for r in self.refused for p in r.problems],
                "refused_file": str(self.refused_path) if self.refused_path else None}

    def summary(self) -> str:
        lines = [_("{file}: imported {new}, merged {merged}, skipped as duplicates {skipped}, "
                   "warnings {warnings}, new accounts {accounts}").format(
                       file=self.file, new=len(self.new), merged=len(self.merged),
                       skipped=len(self.skipped), warnings=len(self.warnings),
                       accounts=len(self.new_accounts))]
        if self.refused:
            lines.append(_("refused {n}, written unchanged to {path}").format(
                n=len(self.refused), path=self.refused_path))
        lines += ["  + " + _("account {name}").format(name=a) for a in self.new_accounts]
        lines += [f"  ~ {r.account} / {r.name} ({why})" for r, why in self.merged]
        lines += [f"  = {r.account} / {r.name} ({why})" for r, why in self.skipped]
        lines += ["  ! " + w for w in self.warnings]
        lines += ["  x " + p for r in self.refused for p in r.problems]
        return "\n".join(lines)


# --- one record's fields, checked by the services' own rules ----------------------------


_SEPARATORS = re.compile(r"[;,/；，、\n]")


def _split_multi(value: str) -> list[str]:
    return [v.strip() for v in _SEPARATORS.split(value or "") if v.strip()]


class Checker:
    """Checks one record's fields, collecting each problem with file, place and field."""

    def __init__(self, file: str, record: Record):
        self.file, self.record = file, record

    def add(self, field_name: str, value, reason: str) -> None:
        self.record.problems.append(problem(self.file, self.record.place, field_name, value,
                                            reason))

    def warn(self, field_name: str, value, reason: str) -> None:
        self.record.warnings.append(problem(self.file, self.record.place, field_name, value,
                                            reason))

    def text(self, value: str, field_name: str, *, required: bool = False) -> str:
        try:
            return check_text(value, field_name, required=required, limit=MAX_NAME,
                              single_line=True)
        except ValidationError as exc:
            self.add(field_name, exc.value, exc.reason)
            return ""

    def each(self, values: list[str], check, field_name: str) -> list[str]:
        out = []
        for value in values:
            try:
                out.append(check(value, field_name))
            except ValidationError as exc:
                self.add(field_name, exc.value, exc.reason)
        return out

    def enum(self, cls, value: str, field_name: str) -> str | None:
        value = (value or "").strip()
        if not value:
            return None
        try:
            return parse_enum(cls, value, field_name).value
        except ValidationError as exc:
            self.add(field_name, value, exc.reason)
            return None


def row_from_cells(raw: dict[str, str], record: Record, file: str, line: int,
                   account: str | None) -> ContactRow:
    """A contact from a table's cells (CSV or Excel), every field checked. *raw* holds each
    field's first non-empty cell; emails and phones all their columns, one per line."""
    c = Checker(file, record)
    first = raw.get
    if account:
        account_name = c.text(account, "account", required=True)
    elif first("account"):
        account_name = c.text(first("account"), "account", required=True)
    else:
        account_name = ""
        c.add("account", "", _("must not be empty (or give --account)"))
    name = first("name") or full_name(first("family", ""), first("given", ""))
    row = ContactRow(line, account_name, c.text(name, "name", required=True),
                     c.text(first("title", ""), "title"), place=record.place)
    row.level = c.enum(Level, first("level", ""), "level")
    row.role = c.enum(Role, first("role", ""), "role")
    if "email" in raw:
        row.emails = c.each(_split_multi(raw["email"]), check_email, "email")
    if "phone" in raw:
        row.phones = c.each(_split_multi(raw["phone"]), check_phone, "phone")
    text, calendar, leap = first("birthday", "").strip(), first("calendar", ""), first("leap", "")
    if text in ("0/0/00", "0/0/0000", "0000-00-00"):  # Outlook's CSV export: no birthday
        text = ""
    if calendar.strip() and calendar.strip().lower() not in CALENDARS:
        c.add("calendar", calendar, _("expected solar or lunar (公历 or 农历)"))
    elif leap.strip().lower() not in YES | NO:
        c.add("leap", leap, _("expected yes or no (是 or 否)"))
    elif text:
        try:
            row.birthday = parse_birthday(text, lunar=CALENDARS.get(calendar.strip().lower(),
                                                                    False),
                                          leap=leap.strip().lower() in YES)
        except ValidationError as exc:
            c.add("birthday", text, exc.reason)
    record.row = row
    return row


def header_field(header: str) -> str | None:
    key = re.sub(r"\s+", " ", str(header or "").strip().lower().replace("_", " "))
    key = key.rstrip("*：:").strip()  # "姓名*", "Name:" as templates mark them
    for name, synonyms in HEADERS.items():
        if key in synonyms:
            return name
    return None


def find_header(rows: list[list[str]]) -> int | None:
    """The index of the real header row among the first rows: the first that names a
    name column (a title or merged cells above it are passed over)."""
    for n, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if {header_field(v) for v in values} & NAMES:
            return n
    return None


NAMES = {"name", "family", "given"}  # a full name, or its parts


def full_name(family: str, given: str) -> str:
    """姓 then 名 for Chinese names (张 + 伟 = 张伟); given then family otherwise."""
    family, given = family.strip(), given.strip()
    if any("\u4e00" <= ch <= "\u9fff" for ch in family + given):
        return family + given
    return " ".join(p for p in (given, family) if p)


def check_columns(file: str, place: str, header: list[str], columns: dict[int, str],
                  account: str | None) -> None:
    if not NAMES & set(columns.values()):
        raise ImportFailed([problem(file, place, "", None, _(
            "no name/姓名 column among: {headers}").format(
                headers=", ".join(str(h) for h in header if h)))])
    if "account" not in columns.values() and not account:
        raise ImportFailed([problem(file, place, "", None, _(
            "no account/客户 column; give --account"))])


def cells_by_field(values: list[str], columns: dict[int, str]) -> dict[str, str]:
    """Each field's first non-empty cell; every email and phone cell (several columns
    may hold them: 手机, 座机), one per line."""
    raw: dict[str, str] = {}
    count = len(values)
    for n, f in columns.items():
        if n < count and (value := values[n]) and not value.isspace():
            if f not in raw:
                raw[f] = value
            elif f in ("email", "phone"):
                raw[f] += "\n" + value
    return raw


# --- CSV ------------------------------------------------------------------------------


def _delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _csv_records(text: str, file: str):
    """(first line, last line, values) for each record; a quote that never closes, or
    quotes that do not pair, stop the reading with the line where the record began."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    start = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = (_("a quoted field that starts in this record is never closed")
                      if "end of data" in str(exc) else
                      _("its quotes do not pair up ({reason})").format(reason=exc))
            raise ImportFailed([problem(file, line_place(start), "", None, reason)]) from None
        yield start, reader.line_num, values
        start = reader.line_num + 1


def read_csv(data: bytes, file: str, *, account: str | None = None,
             mapping: dict[int, str] | None = None, encoding: str | None = None,
             path: Path | None = None) -> FileRead:
    """The records of a CSV file; *mapping* (column index -> field) overrides the headers."""
    text, used = decode(data, file, encoding)
    records_iter = _csv_records(text, file)
    head: list[tuple[int, int, list[str]]] = []
    for item in records_iter:
        head.append(item)
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if not head:
        raise ImportFailed([problem(file, "", "", None, _("the file is empty"))])
    at = find_header([values for _s, _e, values in head])
    if at is None and mapping:
        at = 0  # columns chosen by hand: the first row is the header
    if at is None:
        header = head[0][2]
        check_columns(file, line_place(head[0][0]), header, {}, account)
    _s, header_end, header = head[at]
    columns = mapping or {n: f for n, h in enumerate(header) if (f := header_field(h))}
    check_columns(file, line_place(head[at][0]), header, columns, account)
    width = len(header)
    records: list[Record] = []
    place_of = _("line {line}").format

    def rest():
        yield from head[at + 1:]
        yield from records_iter

    for start, end, values in rest():
        if not any(v.strip() for v in values):
            continue
        record = Record(place_of(line=start), (start, end))
        records.append(record)
        if len(values) != width and any(v.strip() for v in values[width:]) or len(values) < width:
            record.problems.append(problem(file, record.place, "", None, _(
                "{n} fields where the header has {m}").format(n=len(values), m=width)))
            continue
        row_from_cells(cells_by_field(values, columns), record, file, start, account)
    read = FileRead(path or Path(file), "csv", records, header_end, used)
    read.text = text
    return read


# --- reading any file ----------------------------------------------------------------------


def detect_format(path: Path, data: bytes | None = None) -> str:
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    head = data[:512] if data is not None else b""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if re.match(rb"^(\xef\xbb\xbf)?\s*BEGIN:VCARD", head, re.I):
        return "vcard"
    return "csv"


def _regular_file(path: Path) -> bytes:
    import stat

    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise ImportFailed([problem(path.name, "", "", None, _("not a regular file"))])
        return path.read_bytes()
    except OSError as exc:
        raise ImportFailed([f"{path}: {exc.strerror}"]) from None


def read_file(path: Path, fmt: str | None = None, *, account: str | None = None,
              mapping: dict[int, str] | None = None, encoding: str | None = None,
              sheet: str | None = None) -> FileRead:
    path = Path(path)
    data = _regular_file(path)
    fmt = fmt or detect_format(path, data)
    if fmt == "vcard":
        from keyaccounts.io import vcard

        return vcard.read_vcard(data, path.name, account=account, encoding=encoding, path=path)
    if fmt == "xlsx":
        from keyaccounts.io import xlsx

        return xlsx.read_xlsx(data, path.name, account=account, mapping=mapping, sheet=sheet,
                              path=path)
    return read_csv(data, path.name, account=account, mapping=mapping, encoding=encoding,
                    path=path)


def preview(path: Path, *, encoding: str | None = None, sheet: str | None = None,
            count: int = 3) -> tuple[list[str], list[list[str]]]:
    """The header row (as found) and the first rows under it, for matching columns."""
    path = Path(path)
    data = _regular_file(path)
    if detect_format(path, data) == "xlsx":
        from keyaccounts.io import xlsx

        return xlsx.preview(data, path.name, sheet=sheet, count=count)
    text, _used = decode(data, path.name, encoding)
    rows = []
    try:
        for _s, _e, values in _csv_records(text, path.name):
            rows.append(values)
            if len(rows) >= HEADER_SEARCH_ROWS + count:
                break
    except ImportFailed:
        pass
    at = find_header(rows) or 0
    return (rows[at] if rows else []), rows[at + 1:at + 1 + count]


# --- planning and applying --------------------------------------------------------------


def plan(db: Database, read: FileRead, file: str | None = None, *, duplicates: str = "skip",
         skip_invalid: bool = False) -> ImportPlan:
    """What importing *read* would do. Problems stop it (ImportFailed) unless
    *skip_invalid*: then the records with problems are set aside to be written back."""
    if duplicates not in ("skip", "merge"):
        raise ValidationError("duplicates", duplicates, _("expected skip or merge"))
    problems = read.problems
    if problems and not skip_invalid:
        raise ImportFailed(problems)
    rows = read.rows
    result = ImportPlan(file or read.file, rows, source=read,
                        warnings=[w for r in read.records if not r.problems for w in r.warnings],
                        refused=[r for r in read.records if r.problems])
    if result.refused:
        result.refused_path = refused_path(read)
    with db.engine.connect() as c:  # plain rows: a portfolio holds thousands of contacts
        accounts = {name_key(name): name for name in c.scalars(select(Account.name))}
        existing = {(name_key(account), name_key(name)) for account, name in c.execute(
            select(Account.name, Contact.name).join(Account, Account.id == Contact.account_id)
            .where(~Contact.archived))}
        # Every stored address, unpacked by the database's JSON functions (json.loads per
        # contact was a tenth of a 5,000-row import into a large portfolio).
        address = json_array_values(c.dialect.name, Contact.emails)
        emails = {e.casefold() for e in c.scalars(
            select(address.c.value).select_from(Contact).join(address, true()))}
    seen_names, seen_emails = set(existing), set(emails)
    for row in rows:
        if name_key(row.account) not in accounts:  # the same name to a reader: one account
            accounts[name_key(row.account)] = row.account
            result.new_accounts.append(row.account)
        elif row.is_account:
            if accounts[name_key(row.account)] not in result.new_accounts:
                result.skipped.append((row, _("the account exists already")))
            continue
        else:
            row.account = accounts[name_key(row.account)]
        if row.is_account:
            continue
        key = (name_key(row.account), name_key(row.name))
        clash = None
        if key in seen_names:
            clash = _("same name in the same account")
        else:
            shared = [e for e in row.emails if e.casefold() in seen_emails]
            if shared:
                clash = _("same email {email}").format(email=shared[0])
        if clash is None:
            result.new.append(row)
            seen_names.add(key)
            seen_emails.update(e.casefold() for e in row.emails)
        elif duplicates == "merge":
            result.merged.append((row, clash))
        else:
            result.skipped.append((row, clash))
    for row in rows:
        if row.reports_to and (name_key(row.account), name_key(row.reports_to)) not in \
                seen_names:
            result.warnings.append(problem(result.file, row.place, "RELATED", row.reports_to,
                                           _("no such contact in account {account}; the "
                                             "manager is not linked").format(
                                               account=row.account)))
            row.reports_to = None
    return result


def refused_path(read: FileRead) -> Path:
    """A new file beside the original for the refused records (never over a file)."""
    stem, suffix = read.path.stem, read.path.suffix or ".csv"
    if read.kind == "xlsx":
        suffix = ".xlsx"
    for n in range(1, 1000):
        candidate = read.path.with_name(f"{stem}.refused{'' if n == 1 else f'-{n}'}{suffix}")
        if not candidate.exists():
            return candidate
    raise ImportFailed([problem(read.file, "", "", None, _("too many refused files beside it"))])


def write_refused(p: ImportPlan, protect: Path | None = None) -> None:
    """The refused records, unchanged, in a new file beside the original, written as
    every output is (never over a file or the database, mode 0600, whole or not at all)."""
    from keyaccounts.storage.files import write_output

    read, path = p.source, p.refused_path
    if read.kind == "xlsx":
        from keyaccounts.io import xlsx

        data = xlsx.workbook_bytes(read, p.refused)
    elif read.kind == "vcard":
        data = b"".join(r.raw for r in p.refused)
    else:  # the header's lines and the refused records' lines, as they were
        physical = list(io.StringIO(read.text, newline=""))
        text = "".join(physical[:read.head]) + "".join(
            "".join(physical[r.raw[0] - 1:r.raw[1]]) for r in p.refused)
        data = text.encode(read.encoding)
    write_output(path, data, protect=protect)


def apply(db: Database, p: ImportPlan) -> None:
    """Write the plan in one transaction (and the refused records beside the file)."""
    if p.refused and p.refused_path is not None:
        write_refused(p, protect=Path(db.path) if db.path else None)
    try:
        _apply(db, p)
    except BaseException:
        if p.refused_path is not None:
            p.refused_path.unlink(missing_ok=True)
        raise


def _apply(db: Database, p: ImportPlan) -> None:
    with db.transaction() as s:
        wanted = {r.account for r in p.new} | {r.account for r, _w in p.merged}
        accounts = {a.name: a for a in s.scalars(select(Account).where(Account.name.in_(wanted)))}
        for name in p.new_accounts:
            accounts[name] = Account(name=name, tier=Tier.C, tier_basis=TierBasis.REVENUE,
                                     status=AccountStatus.ACTIVE, tier_note="", industry="",
                                     owner="", notes="")
            s.add(accounts[name])
        s.flush()
        # New contacts in one executemany on the unit of work's own connection: thousands
        # of ORM objects would cost seconds.
        values = []
        for row in p.new:
            b = row.birthday
            values.append(dict(
                account_id=accounts[row.account].id, name=row.name, title=row.title,
                level=Level(row.level or "ops"), role=Role(row.role or "user"),
                attitude=Attitude.UNKNOWN, emails=row.emails, phones=row.phones,
                birthday_month=b.month if b else None, birthday_day=b.day if b else None,
                birthday_year=b.year if b else None, birthday_lunar=bool(b and b.lunar),
                birthday_leap=bool(b and b.leap), archived=False))
        if values:
            ids = s.connection().execute(insert(Contact.__table__).returning(
                Contact.id, sort_by_parameter_order=True), values).scalars().all()
            notes = [dict(contact_id=cid, notes=row.notes)
                     for cid, row in zip(ids, p.new) if row.notes]
            if notes:
                s.connection().execute(insert(ContactPrivate.__table__), notes)
        for row, _why in p.merged:
            target = _find_duplicate(s, accounts[row.account], row)
            target.title = target.title or row.title
            if row.level and target.level == Level.OPERATIONAL:
                target.level = Level(row.level)
            if row.role and target.role == Role.USER:
                target.role = Role(row.role)
            target.emails = list(dict.fromkeys([*(target.emails or []), *row.emails]))
            target.phones = list(dict.fromkeys([*(target.phones or []), *row.phones]))
            if target.birthday_month is None and row.birthday:
                _set_birthday(target, row.birthday)
            if row.notes and row.notes not in (target.private_notes or ""):
                target.private_notes = "\n".join(n for n in (target.private_notes, row.notes) if n)
        s.flush()
        for row in (*p.new, *(r for r, _w in p.merged)):
            if row.reports_to:
                _link_manager(s, accounts[row.account], row)


def _link_manager(s, account: Account, row: ContactRow) -> None:
    """The row's contact reports to its manager, unless a link is there already."""
    same = {name_key(c.name): c for c in s.scalars(
        select(Contact).where(Contact.account_id == account.id, Contact.archived.is_(False)))}
    contact, boss = same.get(name_key(row.name)), same.get(name_key(row.reports_to))
    if contact is None or boss is None or boss is contact or contact.reports_to_id is not None:
        return
    node, seen = boss, set()
    while node is not None and node.id not in seen:  # never a reporting loop
        if node is contact:
            return
        seen.add(node.id)
        node = node.reports_to
    contact.reports_to = boss


def _set_birthday(contact: Contact, b: Birthday | None) -> None:
    if b is None:
        return
    contact.birthday_month, contact.birthday_day, contact.birthday_year = b.month, b.day, b.year
    contact.birthday_lunar, contact.birthday_leap = b.lunar, b.leap


def _find_duplicate(s, account: Account, row: ContactRow) -> Contact:
    s.flush()
    same = s.scalars(select(Contact).where(Contact.account_id == account.id)).all()
    for c in same:
        if name_key(c.name) == name_key(row.name):
            return c
    wanted = {e.casefold() for e in row.emails}
    for c in s.scalars(select(Contact)):
        if wanted & {e.casefold() for e in (c.emails or [])}:
            return c
    raise ValidationError("name", row.name, _("no duplicate to merge into"))


def import_file(db: Database, path: Path, fmt: str | None = None, *, account: str | None = None,
                dry_run: bool = False, duplicates: str = "skip",
                mapping: dict[int, str] | None = None, encoding: str | None = None,
                sheet: str | None = None, skip_invalid: bool = False) -> ImportPlan:
    read = read_file(path, fmt, account=account, mapping=mapping, encoding=encoding,
                     sheet=sheet)
    p = plan(db, read, duplicates=duplicates, skip_invalid=skip_invalid)
    if not dry_run:
        apply(db, p)
    return p
