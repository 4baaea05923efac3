"""Import key contacts from CSV and vCard files as people really have them.

CSV: UTF-8, UTF-8 with BOM, or GB18030/GBK as Chinese-locale Excel saves it;
comma, semicolon or tab; headers in English or Chinese (see ``HEADERS``).
vCard 2.1, 3.0 and 4.0 as Apple Contacts, Google Contacts, Outlook and Android
export them: folded lines, quoted-printable with soft breaks, CHARSET
parameters, grouped properties (``item1.EMAIL``), birthdays with or without a
year (``--0314``, ``--03-14``, Apple's year 1604), ORG as the account.

An import is all or nothing: every problem is collected with its file, line
and field, and if there is one nothing is written. Accounts that do not exist
yet are created and reported. Duplicates — the same name in the same account,
or the same email anywhere — are skipped or merged, by choice, never doubled.
"""

from __future__ import annotations

import json

import codecs
import csv
import io
import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from keyaccounts.domain.dates import Birthday, make_birthday, parse_birthday
from keyaccounts.storage.db import Database
from keyaccounts.domain.errors import KeyAccountsError, ValidationError
from keyaccounts.i18n import _
from keyaccounts.storage.model import Account, AccountStatus, Contact, Level, Role, Tier, TierBasis
from keyaccounts.services.contacts import EMAIL_RE, PHONE_RE
from keyaccounts.services.common import parse_enum

FIELDS = ("account", "name", "title", "level", "role", "email", "phone", "birthday", "calendar",
          "leap")
HEADERS = {
    "account": ("account", "company", "organization", "organisation", "客户", "公司", "单位",
                "客户名称"),
    "name": ("name", "full name", "contact", "姓名", "名字", "联系人"),
    "title": ("title", "job title", "position", "职务", "职位", "头衔"),
    "level": ("level", "层级", "级别"),
    "role": ("role", "角色"),
    "email": ("email", "e-mail", "mail", "邮箱", "电子邮件", "电子邮箱"),
    "phone": ("phone", "mobile", "telephone", "tel", "电话", "手机", "联系电话"),
    "birthday": ("birthday", "birth date", "date of birth", "生日", "出生日期"),
    "calendar": ("calendar", "历法"),
    "leap": ("leap", "leap month", "闰月"),
}
CALENDARS = {"solar": False, "gregorian": False, "公历": False, "阳历": False, "新历": False,
             "lunar": True, "chinese": True, "农历": True, "阴历": True, "旧历": True}
YES = {"yes", "y", "true", "1", "是", "闰", "闰月"}
NO = {"no", "n", "false", "0", "否", ""}


class ImportFailed(KeyAccountsError):
    """Problems found in the file; nothing was written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


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


@dataclass
class ImportPlan:
    file: str
    rows: list[ContactRow]
    new_accounts: list[str] = field(default_factory=list)
    new: list[ContactRow] = field(default_factory=list)
    merged: list[tuple[ContactRow, str]] = field(default_factory=list)  # row, why
    skipped: list[tuple[ContactRow, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [_("{file}: {new} new contacts, {merged} merged, {skipped} duplicates skipped, "
                   "{accounts} new accounts").format(
                       file=self.file, new=len(self.new), merged=len(self.merged),
                       skipped=len(self.skipped), accounts=len(self.new_accounts))]
        lines += ["  + " + _("account {name}").format(name=a) for a in self.new_accounts]
        lines += [f"  ~ {r.account} / {r.name} ({why})" for r, why in self.merged]
        lines += [f"  = {r.account} / {r.name} ({why})" for r, why in self.skipped]
        return "\n".join(lines)


# --- decoding -----------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK and GB2312)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _split_multi(value: str) -> list[str]:
    return [v.strip() for v in re.split(r"[;,/；，、\n]", value or "") if v.strip()]


class _Collector:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[str] = []

    def add(self, line: int, field_name: str, value, reason: str) -> None:
        shown = f"={value}" if value not in (None, "") else ""
        self.problems.append(_("{file}, line {line}, {field}{value}: {reason}").format(
            file=self.file, line=line, field=field_name, value=shown, reason=reason))


def _validate(row: ContactRow, raw: dict, c: _Collector) -> None:
    """Turn raw strings into the row's typed fields, collecting problems."""
    if not row.name:
        c.add(row.line, "name", "", _("must not be empty"))
    if not row.account:
        c.add(row.line, "account", "", _("must not be empty (or give --account)"))
    for key, cls in (("level", Level), ("role", Role)):
        value = (raw.get(key) or "").strip()
        if value:
            try:
                setattr(row, key, parse_enum(cls, value, key).value)
            except ValidationError as exc:
                c.add(row.line, key, value, exc.reason)
    for e in row.emails:
        if not EMAIL_RE.fullmatch(e):
            c.add(row.line, "email", e, _("not an email address"))
    for p in row.phones:
        if not PHONE_RE.fullmatch(p):
            c.add(row.line, "phone", p, _("not a phone number"))
    text = (raw.get("birthday") or "").strip()
    calendar = (raw.get("calendar") or "").strip().lower()
    leap = (raw.get("leap") or "").strip().lower()
    if calendar and calendar not in CALENDARS:
        c.add(row.line, "calendar", raw.get("calendar"), _("expected solar or lunar (公历 or 农历)"))
        return
    if leap not in YES and leap not in NO:
        c.add(row.line, "leap", raw.get("leap"), _("expected yes or no (是 or 否)"))
        return
    if text:
        try:
            row.birthday = parse_birthday(text, lunar=CALENDARS.get(calendar, False),
                                          leap=leap in YES)
        except ValidationError as exc:
            c.add(row.line, "birthday", text, exc.reason)


# --- CSV ------------------------------------------------------------------------------


def header_field(header: str) -> str | None:
    key = header.strip().lower().replace("_", " ")
    for name, synonyms in HEADERS.items():
        if key in synonyms:
            return name
    return None


def read_csv(data: bytes, file: str, *, account: str | None = None,
             mapping: dict[int, str] | None = None) -> list[ContactRow]:
    """Rows of a CSV file; *mapping* (column index -> field) overrides the headers."""
    c = _Collector(file)
    try:
        text = decode_text(data)
    except UnicodeDecodeError:
        raise ImportFailed([_("{file}: not text in UTF-8 or GB18030").format(file=file)]) from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailed([_("{file}: the file is empty").format(file=file)]) from None
    except csv.Error as exc:
        raise ImportFailed([_("{file}, line 1: {reason}").format(file=file, reason=exc)]) from None
    columns = mapping or {n: f for n, h in enumerate(header) if (f := header_field(h))}
    if "name" not in columns.values():
        raise ImportFailed([_("{file}, line 1: no name/姓名 column among: {headers}").format(
            file=file, headers=", ".join(header))])
    if "account" not in columns.values() and not account:
        raise ImportFailed([_("{file}, line 1: no account/客户 column; give --account").format(
            file=file)])
    rows = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            raw = {f: (values[n] if n < len(values) else "") for n, f in columns.items()}
            row = ContactRow(line, (account or raw.get("account") or "").strip(),
                             (raw.get("name") or "").strip(), (raw.get("title") or "").strip(),
                             emails=_split_multi(raw.get("email", "")),
                             phones=_split_multi(raw.get("phone", "")))
            _validate(row, raw, c)
            rows.append(row)
    except csv.Error as exc:
        c.problems.append(_("{file}, line {line}: {reason}").format(
            file=file, line=reader.line_num, reason=exc))
    if c.problems:
        raise ImportFailed(c.problems)
    return rows


# --- vCard ----------------------------------------------------------------------------

PROP_RE = re.compile(rb"^(?:(?P<group>[A-Za-z0-9-]+)\.)?(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[^:]*)?):(?P<value>.*)$", re.S)


def _vcard_lines(data: bytes) -> list[tuple[int, bytes]]:
    """Logical lines with their first physical line number: unfolded, QP soft breaks joined."""
    physical = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
    out: list[tuple[int, bytes]] = []
    for number, line in enumerate(physical, 1):
        if line[:1] in (b" ", b"\t") and out:
            n, previous = out[-1]
            out[-1] = (n, previous + line[1:])  # RFC 6350 / 2426 folding
        elif out and out[-1][1].endswith(b"=") and b"QUOTED-PRINTABLE" in out[-1][1].upper() \
                .split(b":", 1)[0]:
            n, previous = out[-1]
            out[-1] = (n, previous + b"\n" + line)  # vCard 2.1 soft line break, kept for QP
        else:
            out.append((number, line))
    return [(n, l) for n, l in out if l.strip()]


def _params(raw: bytes) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in raw.decode("ascii", "replace").split(";"):
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep:  # vCard 2.1 bare parameter: a TYPE or an ENCODING
            upper = key.upper()
            params.setdefault("ENCODING" if upper in ("QUOTED-PRINTABLE", "BASE64", "8BIT")
                              else "TYPE", []).append(upper)
        else:
            params.setdefault(key.upper(), []).extend(v.strip('"') for v in value.split(","))
    return params


def _value(raw: bytes, params: dict[str, list[str]]) -> str:
    encoding = (params.get("ENCODING") or [""])[0].upper()
    if encoding == "QUOTED-PRINTABLE":
        raw = quopri.decodestring(raw.replace(b"=\n", b""))
    elif encoding in ("BASE64", "B"):
        import base64

        raw = base64.b64decode(raw + b"=" * (-len(raw) % 4))
    charset = (params.get("CHARSET") or ["utf-8"])[0]
    try:
        return raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return decode_text(raw)


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\,;nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split_structured(value: str) -> list[str]:
    return [_unescape(p) for p in re.split(r"(?<!\\);", value)]


def parse_vcard_birthday(value: str, params: dict[str, list[str]]) -> Birthday:
    text = value.strip()
    m = re.match(r"^(\d{4}|--)-?(\d{2})-?(\d{2})", text)
    if not m:
        raise ValidationError("BDAY", value, _("expected a date such as 1985-03-14 or --0314"))
    year = None if m.group(1) == "--" else int(m.group(1))
    if year == 1604 or "1604" in params.get("X-APPLE-OMIT-YEAR", []):
        year = None  # Apple's way of saying "no year"
    return make_birthday(int(m.group(2)), int(m.group(3)), year, field="BDAY")


def read_vcard(data: bytes, file: str, *, account: str | None = None) -> list[ContactRow]:
    c = _Collector(file)
    rows: list[ContactRow] = []
    card: dict | None = None
    for number, line in _vcard_lines(data):
        m = PROP_RE.match(line.strip())
        if not m:
            c.add(number, "vCard", line[:30].decode("utf-8", "replace"),
                  _("not a vCard property line"))
            continue
        name = m.group("name").decode("ascii").upper()
        params = _params(m.group("params"))
        if name == "BEGIN":
            card = {"line": number, "emails": [], "phones": [], "version": ""}
            continue
        if card is None:
            continue
        if name == "END":
            row = ContactRow(card["line"], (account or card.get("org") or "").strip(),
                             (card.get("fn") or card.get("n") or "").strip(),
                             card.get("title", ""), emails=card["emails"],
                             phones=card["phones"], birthday=card.get("bday"))
            if not row.name:
                c.add(row.line, "FN", "", _("the card has no name"))
            if not row.account:
                c.add(row.line, "ORG", "", _("the card has no organisation; give --account"))
            rows.append(row)
            card = None
            continue
        try:
            value = _value(m.group("value"), params)
        except ValueError as exc:
            c.add(number, name, "", str(exc))
            continue
        if name == "VERSION":
            card["version"] = value.strip()
        elif name == "FN":
            card["fn"] = _unescape(value)
        elif name == "N":
            parts = _split_structured(value) + [""] * 5
            family, given = parts[0].strip(), parts[1].strip()
            cjk = any("\u4e00" <= ch <= "\u9fff" for ch in family + given)
            card["n"] = f"{family}{given}" if cjk else " ".join(p for p in (given, family) if p)
        elif name == "ORG":
            card["org"] = _split_structured(value)[0]
        elif name == "TITLE":
            card["title"] = _unescape(value).strip()
        elif name == "EMAIL":
            card["emails"].append(value.strip())
            if not EMAIL_RE.fullmatch(value.strip()):
                c.add(number, "EMAIL", value.strip(), _("not an email address"))
        elif name == "TEL":
            phone = value.strip().removeprefix("tel:")
            card["phones"].append(phone)
            if not PHONE_RE.fullmatch(phone):
                c.add(number, "TEL", phone, _("not a phone number"))
        elif name == "BDAY":
            try:
                card["bday"] = parse_vcard_birthday(value, params)
            except ValidationError as exc:
                c.add(number, "BDAY", value.strip(), exc.reason)
    if card is not None:
        c.add(card["line"], "END", "", _("the card is not closed with END:VCARD"))
    if not rows and not c.problems:
        c.problems.append(_("{file}: no vCard found").format(file=file))
    if c.problems:
        raise ImportFailed(c.problems)
    return rows


# --- planning and applying --------------------------------------------------------------


def read_file(path: Path, fmt: str | None = None, *, account: str | None = None,
              mapping: dict[int, str] | None = None) -> list[ContactRow]:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed([f"{path}: {exc.strerror}"]) from None
    fmt = fmt or ("vcard" if path.suffix.lower() in (".vcf", ".vcard") or
                  data.lstrip(codecs.BOM_UTF8)[:11].upper() == b"BEGIN:VCARD" else "csv")
    if fmt == "vcard":
        return read_vcard(data, path.name, account=account)
    return read_csv(data, path.name, account=account, mapping=mapping)


def plan(db: Database, rows: list[ContactRow], file: str, *, duplicates: str = "skip"
         ) -> ImportPlan:
    if duplicates not in ("skip", "merge"):
        raise ValidationError("duplicates", duplicates, _("expected skip or merge"))
    result = ImportPlan(file, rows)
    with db.engine.connect() as c:  # plain rows: a portfolio holds thousands of contacts
        run = c.connection.driver_connection.execute
        accounts = {name.casefold(): name for (name,) in run("SELECT name FROM account")}
        existing = {(account.casefold(), name.casefold()) for account, name in run(
            "SELECT a.name, c.name FROM contact c JOIN account a ON a.id = c.account_id"
            " WHERE NOT c.archived")}
        # Every stored address, unpacked by SQLite's JSON functions (json.loads per
        # contact was a tenth of a 5,000-row import into a large portfolio).
        emails = {e.casefold() for (e,) in run(
            "SELECT j.value FROM contact c, json_each(c.emails) AS j")}
    seen_names, seen_emails = set(existing), set(emails)
    for row in rows:
        key = (row.account.casefold(), row.name.casefold())
        if row.account.casefold() not in accounts:
            accounts[row.account.casefold()] = row.account
            result.new_accounts.append(row.account)
        else:
            row.account = accounts[row.account.casefold()]
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
    return result


def apply(db: Database, p: ImportPlan) -> None:
    """Write the plan in one transaction."""
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
        # of ORM objects (or even Core's per-row type processing) would cost seconds.
        values = []
        for row in p.new:
            b = row.birthday
            values.append((accounts[row.account].id, row.name, row.title,
                           Level(row.level or "ops").value, Role(row.role or "user").value,
                           json.dumps(row.emails), json.dumps(row.phones),
                           b.month if b else None, b.day if b else None, b.year if b else None,
                           bool(b and b.lunar), bool(b and b.leap)))
        if values:
            s.connection().connection.driver_connection.executemany(
                "INSERT INTO contact (account_id, name, title, level, role, attitude, emails,"
                " phones, birthday_month, birthday_day, birthday_year, birthday_lunar,"
                " birthday_leap, private_notes, archived)"
                " VALUES (?, ?, ?, ?, ?, 'unknown', ?, ?, ?, ?, ?, ?, ?, '', 0)", values)
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


def _set_birthday(contact: Contact, b: Birthday | None) -> None:
    if b is None:
        return
    contact.birthday_month, contact.birthday_day, contact.birthday_year = b.month, b.day, b.year
    contact.birthday_lunar, contact.birthday_leap = b.lunar, b.leap


def _find_duplicate(s, account: Account, row: ContactRow) -> Contact:
    s.flush()
    same = s.scalars(select(Contact).where(Contact.account_id == account.id)).all()
    for c in same:
        if c.name.casefold() == row.name.casefold():
            return c
    wanted = {e.casefold() for e in row.emails}
    for c in s.scalars(select(Contact)):
        if wanted & {e.casefold() for e in (c.emails or [])}:
            return c
    raise ValidationError("name", row.name, _("no duplicate to merge into"))


def import_file(db: Database, path: Path, fmt: str | None = None, *, account: str | None = None,
                dry_run: bool = False, duplicates: str = "skip",
                mapping: dict[int, str] | None = None) -> ImportPlan:
    rows = read_file(path, fmt, account=account, mapping=mapping)
    p = plan(db, rows, Path(path).name, duplicates=duplicates)
    if not dry_run:
        apply(db, p)
    return p
