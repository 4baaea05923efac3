"""vCard 2.1, 3.0 and 4.0 contacts, read with ``vobject`` and a small layer for its gaps.

The layer works on bytes before ``vobject`` sees text:

- cards are found line by line, so a card without ``END:VCARD`` is an error on
  its own line (not a card that silently swallows the next one);
- properties the app does not import (``PHOTO``, ``LOGO``, ``SOUND``, ``KEY``,
  ``X-…`` but Apple's company flag, and anything unknown) are dropped unread: a base64 JPEG is never
  decoded as text and never stops an import;
- Outlook's quoted-printable text in the card's declared ``CHARSET`` (GB2312)
  and Android's quoted-printable soft line breaks are decoded here; text
  without a declared charset is decoded with an encoding the import can justify;
- each line is handed to ``vobject`` under a group naming its line in the file,
  so every problem points at its line.

After ``vobject``: Apple's year 1604 (no year), ``--MMDD``, ``BDAY;VALUE=text``
(kept as a note, reported), ``tel:`` URIs with extensions, ``KIND:org`` cards
and Apple's company cards (accounts, not people), ``RELATED`` naming a manager, ``ANNIVERSARY`` (a note).
"""

from __future__ import annotations

import codecs
import quopri
import re
from pathlib import Path
from urllib.parse import unquote

from keyaccounts.domain.dates import make_birthday
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.text import check_text
from keyaccounts.i18n import _
from keyaccounts.io.decoding import decode
from keyaccounts.io.importer import Checker, ContactRow, FileRead, Record, full_name
from keyaccounts.io.problems import ImportFailed, line_place, problem
from keyaccounts.services.contacts import check_email, check_phone

# What the app imports; every other property is dropped before it is decoded.
READ = {"VERSION", "FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "BDAY", "ANNIVERSARY", "KIND",
        "RELATED", "UID",
        "X-ABSHOWAS"}  # Apple's mark of a company's card: a flag, not text
MANAGER_TYPES = {"manager", "x-manager", "supervisor", "x-supervisor", "boss"}
_PROPERTY = re.compile(rb"^(?:[A-Za-z0-9-]+\.)?(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[^:]*)?):"
                       rb"(?P<value>.*)$", re.S)


def _logical_lines(data: bytes) -> list[tuple[int, bytes]]:
    """(first physical line, logical line): unfolded; quoted-printable soft breaks joined."""
    out: list[tuple[int, bytes]] = []
    qp_open = False
    for number, line in enumerate(data.splitlines(), 1):
        if qp_open and out and line.strip().upper() != b"END:VCARD":
            n, previous = out[-1]
            out[-1] = (n, previous[:-1] + line)  # vCard 2.1 soft line break ("=" at the end)
        elif line[:1] in (b" ", b"\t") and out and out[-1][1]:
            n, previous = out[-1]
            out[-1] = (n, previous + line[1:])  # folding (RFC 2425, 6350)
        else:
            out.append((number, line))
        head = out[-1][1].split(b":", 1)[0].upper()
        qp_open = b"QUOTED-PRINTABLE" in head and out[-1][1].endswith(b"=")
    return out


def _params(raw: bytes) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in raw.decode("ascii", "replace").split(";"):
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep:  # vCard 2.1 bare parameter: a TYPE or an ENCODING
            upper = key.upper()
            params.setdefault("ENCODING" if upper in ("QUOTED-PRINTABLE", "BASE64", "8BIT", "B")
                              else "TYPE", []).append(upper)
        else:
            params.setdefault(key.strip().upper(), []).extend(
                v.strip('"') for v in value.split(","))
    return params


def _cards(lines: list[tuple[int, bytes]], file: str, physical: list[bytes]):
    """(first line, last line, logical lines) for each card, or a Record with its problem."""
    card: list[tuple[int, bytes]] | None = None
    for number, line in lines:
        stripped = line.strip().upper()
        if stripped == b"BEGIN:VCARD":
            if card is not None:
                yield _unclosed(card, number - 1, file, physical)
            card = [(number, line)]
        elif stripped == b"END:VCARD":
            if card is None:
                yield Record(line_place(number), physical[number - 1], problems=[
                    problem(file, line_place(number), "END", None,
                            _("END:VCARD without a BEGIN:VCARD before it"))])
                continue
            yield card[0][0], number, card[1:]
            card = None
        elif card is not None:
            card.append((number, line))
        elif line.strip():
            yield Record(line_place(number), physical[number - 1], problems=[problem(
                file, line_place(number), "", None, _("text outside any BEGIN:VCARD … END:VCARD"))])
    if card is not None:
        yield _unclosed(card, len(physical), file, physical)


def _unclosed(card, last: int, file: str, physical: list[bytes]) -> Record:
    first = card[0][0]
    return Record(line_place(first), b"".join(physical[first - 1:last]),
                  problems=[problem(file, line_place(first), "END", None,
                                    _("the card is not closed with END:VCARD"))])


def read_vcard(data: bytes, file: str, *, account: str | None = None,
               encoding: str | None = None, path: Path | None = None) -> FileRead:
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):  # a whole file in UTF-16: its mark justifies it
            data = decode(data, file)[0].encode("utf-8")
            encoding = "utf-8"
    data = data.removeprefix(codecs.BOM_UTF8)
    physical = data.splitlines(keepends=True)  # refused cards are written back unchanged
    items = list(_cards(_logical_lines(data), file, physical))
    # Text without a declared charset: one justified encoding for the whole file,
    # judged on the values the import reads (a photo's bytes are no evidence).
    undeclared = []
    for item in items:
        if isinstance(item, Record):
            continue
        for number, line in item[2]:
            m = _PROPERTY.match(line)
            if m and m.group("name").upper().decode() in READ:
                params = _params(m.group("params"))
                if "CHARSET" not in params:
                    value = m.group("value")
                    if "QUOTED-PRINTABLE" in (params.get("ENCODING") or [""])[0].upper():
                        value = quopri.decodestring(value)
                    undeclared.append((number, value))
    sample = b"\n".join(v.replace(b"\n", b" ") for _n, v in undeclared)
    _text, used = decode(sample, file, encoding,  # a sample line's place is its card line's
                         line_in_file=lambda n: undeclared[n - 1][0])
    records, uids = [], {}
    for item in items:
        if isinstance(item, Record):
            records.append(item)
            continue
        first, last, lines = item
        record = Record(line_place(first), b"".join(physical[first - 1:last]))
        records.append(record)
        _read_card(record, first, lines, file, used, account, uids)
    if not records:
        raise ImportFailed([problem(file, "", "", None, _("no vCard found"))])
    for record in records:  # RELATED;VALUE=uri naming another card of the file by its UID
        row = record.row
        if row is not None and row.reports_to and row.reports_to.startswith("uid:"):
            row.reports_to = uids.get(row.reports_to[4:])
    return FileRead(path or Path(file), "vcard", records, b"", used)


def _text_line(number: int, line: bytes, file: str, encoding: str,
               record: Record) -> str | None:
    """The property as a vCard 3.0 text line for vobject, grouped by its line number;
    None for what is not imported."""
    m = _PROPERTY.match(line)
    if not m:
        record.problems.append(problem(file, line_place(number), "", None,
                                       _("not a vCard property line")))
        return None
    name = m.group("name").decode("ascii").upper()
    if name not in READ:
        return None
    params = _params(m.group("params"))
    value = m.group("value")
    transfer = (params.pop("ENCODING", None) or [""])[0].upper()
    charset = (params.pop("CHARSET", None) or [encoding])[0]
    if transfer == "QUOTED-PRINTABLE":
        value = quopri.decodestring(value)
    elif transfer in ("BASE64", "B"):
        return None  # an inline binary value in a text property: nothing to read as text
    try:
        text = value.decode(charset)
    except LookupError:
        record.problems.append(problem(file, line_place(number), name, None, _(
            "unknown CHARSET {charset}").format(charset=charset)))
        return None
    except UnicodeDecodeError:
        record.problems.append(problem(file, line_place(number), name, None, _(
            "not valid {charset} text").format(charset=charset)))
        return None
    if transfer == "QUOTED-PRINTABLE":  # decoded text: escape its line breaks for vobject
        text = text.replace("\\", "\\\\").replace("\r\n", "\\n").replace("\n", "\\n")
        if name not in ("N", "ORG"):
            text = text.replace(",", "\\,")
    text = text.replace("\r", "").replace("\n", "\\n")
    shown = "".join(f";{k}={','.join(_quote(v) for v in vs)}" for k, vs in params.items()
                    if re.fullmatch(r"[A-Za-z0-9-]+", k))
    return f"L{number}.{name}{shown}:{text}"


def _quote(value: str) -> str:
    value = value.replace('"', "")
    return f'"{value}"' if re.search(r"[,;:]", value) else value


def _read_card(record: Record, first_line: int, lines, file: str, encoding: str, account: str | None,
               uids: dict[str, str]) -> None:
    import vobject

    text_lines = [t for n, line in lines if line.strip()
                  if (t := _text_line(n, line, file, encoding, record)) is not None]
    if record.problems:
        return
    try:
        card = vobject.readOne("BEGIN:VCARD\r\n" + "\r\n".join(text_lines) + "\r\nEND:VCARD\r\n")
    except Exception as exc:  # vobject's parse errors are of several kinds  # noqa: BLE001
        record.problems.append(problem(file, record.place, "", None, _(
            "the card cannot be read: {reason}").format(reason=str(exc).splitlines()[0][:80])))
        return
    c = Checker(file, record)
    props: dict[str, list] = {}
    for child in card.getChildren():
        props.setdefault(child.name.upper(), []).append(child)
    card_place = record.place

    def at(prop) -> None:  # what the checker finds next is on the property's own line
        record.place = line_place(int(prop.group[1:])) if prop.group else card_place

    def first(name: str) -> str:
        """The first non-empty value of *name*; the checker is placed on its line."""
        for prop in props.get(name, ()):
            value = prop.value  # ORG: the organisation, then its units
            value = _plain(value[0] if isinstance(value, list) and value else value)
            if value:
                at(prop)
                return value
        record.place = card_place
        return ""

    is_org = (first("KIND").lower() in ("org", "organization")
              or first("X-ABSHOWAS").upper() == "COMPANY")
    row = ContactRow(first_line, "", "", place=card_place)
    record.row = row
    name = first("FN")
    if not name:
        for prop in props.get("N", ()):
            at(prop)
            name = full_name(_plain(getattr(prop.value, "family", "")),
                             _plain(getattr(prop.value, "given", "")))
    if is_org:
        row.is_account = True
        row.account = c.text(account or name or first("ORG"), "FN", required=True)
        record.place = card_place
        return
    row.name = c.text(name, "FN", required=True)
    org = first("ORG")
    if account:
        row.account = c.text(account, "account", required=True)
    elif org:
        row.account = c.text(org, "ORG", required=True)
    else:
        c.add("ORG", "", _("the card has no organisation; give --account"))
    row.title = c.text(first("TITLE"), "TITLE")
    for prop in props.get("EMAIL", ()):
        at(prop)
        row.emails += c.each([_plain(prop.value)], check_email, "EMAIL")
    for prop in props.get("TEL", ()):
        at(prop)
        row.phones += c.each([_phone(_plain(prop.value))], check_phone, "TEL")
    notes = []
    for prop in props.get("BDAY", ()):
        at(prop)
        value = _plain(prop.value)
        if "text" in [v.lower() for v in prop.params.get("VALUE", [])]:
            notes.append(_("Birthday (as written in the card): {text}").format(text=value))
            c.warn("BDAY", value, _("not a date; kept in the contact's notes"))
            continue
        try:
            row.birthday = parse_vcard_date(value, prop.params)
        except ValidationError as exc:
            c.add("BDAY", value, exc.reason)
    for prop in props.get("ANNIVERSARY", ()):
        notes.append(_("Anniversary: {text}").format(text=_plain(prop.value)))
    for prop in props.get("RELATED", ()):
        kinds = {t.lower() for v in prop.params.get("TYPE", []) for t in v.split(",")}
        if kinds & MANAGER_TYPES:
            at(prop)
            value = _plain(prop.value)
            if value.lower().startswith("urn:uuid:") or (
                    "uri" in [v.lower() for v in prop.params.get("VALUE", [])]):
                row.reports_to = "uid:" + value.lower().removeprefix("urn:uuid:")
            else:
                row.reports_to = c.text(value, "RELATED") or None
    uid = first("UID")
    if uid:
        uids[uid.lower().removeprefix("urn:uuid:")] = row.name
    record.place = card_place
    try:  # notes are multi-line text within the services' limit
        row.notes = check_text("\n".join(notes), "NOTE")
    except ValidationError as exc:
        c.add("NOTE", exc.value, exc.reason)


def _plain(value) -> str:
    """A property's value as one trimmed string (vobject gives lists for some)."""
    if isinstance(value, (list, tuple)):
        value = " ".join(_plain(v) for v in value if v)
    return str(value or "").strip()


def _phone(value: str) -> str:
    """A ``tel:`` URI as a number people read: ``tel:+86-571-8888-0000;ext=102`` ->
    ``+86-571-8888-0000 ext. 102``."""
    value = value.strip()
    if not value.lower().startswith("tel:"):
        return value
    number, *params = unquote(value[4:]).split(";")
    number = number.replace(".", " ")
    ext = next((p.split("=", 1)[1] for p in params if p.lower().startswith("ext=")), "")
    return f"{number} ext. {ext}" if ext else number


def parse_vcard_date(value: str, params: dict | None = None):
    """A birthday from ``19800612``, ``1980-06-12``, ``1980-06-12T00:00:00Z``,
    ``--0314`` / ``--03-14`` (no year), and Apple's ``1604-03-14`` (no year)."""
    text = value.strip()
    m = re.match(r"^(\d{4}|--)-?(\d{2})-?(\d{2})(?:T[\d:]*Z?)?$", text)
    if not m:
        raise ValidationError("BDAY", value, _("expected a date such as 1985-03-14 or --0314"))
    year = None if m.group(1) == "--" else int(m.group(1))
    if year == 1604 or str(year) in (params or {}).get("X-APPLE-OMIT-YEAR", []):
        year = None  # Apple's way of saying "no year"
    return make_birthday(int(m.group(2)), int(m.group(3)), year, field="BDAY")
