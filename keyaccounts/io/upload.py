"""Moving in (issue 16): a personal SQLite file's portfolio into the team database.

``team upload FILE --owner LOGIN`` reads FILE (a personal SQLite file, or a JSON export)
through the JSON export's own reading (keyaccounts.io.exporter: every value checked as an
import checks it) and writes its accounts, contacts with their private notes, the chain,
cadences, records, alert decisions, agenda marks and settings into the team database,
owned by LOGIN, with new ids. All or nothing, in one transaction.

Running it again adds nothing: an account LOGIN already owns under the same name is taken
as uploaded (it and what hangs off it are left as they are), and a setting the team
database has already is kept. An account whose name another owner's account holds is a
clash: every clash is reported and nothing is uploaded (rename one, then upload again).
People, shares and owner history stay behind (a personal file has none); a festival's
agenda mark too (it would be the whole team's). Our people join the team's one list by
name: a name it has already is that person.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select, update

from keyaccounts.domain.errors import ValidationError, never, stop_if
from keyaccounts.domain.names import name_key
from keyaccounts.i18n import _
from keyaccounts.io import exporter
from keyaccounts.storage.db import Database, open_database, passphrase_from_env
from keyaccounts.storage.model import Account, Setting

# Not a personal portfolio's to bring: the team's people and who sees what.
LEFT_BEHIND = ("person", "account_share", "owner_history")
AUDIT = ("created_by", "updated_by")  # the server records who writes


@dataclass
class UploadResult:
    owner: str
    accounts: list[str] = field(default_factory=list)  # uploaded
    already: list[str] = field(default_factory=list)  # there from an earlier upload
    records: dict[str, int] = field(default_factory=dict)  # rows added, by table

    def as_json(self) -> dict:
        return {"owner": self.owner, "accounts": self.accounts, "already": self.already,
                "records": self.records}


def read_portfolio(path: Path) -> dict[str, list[dict]]:
    """The records of a personal SQLite file, or of a JSON export, by table."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            start = f.read(16)
    except OSError as exc:
        raise ValidationError("FILE", str(path), exc.strerror or str(exc)) from None
    if start.lstrip()[:1] == b"{":
        doc = exporter.read_export(path)
    else:
        with open_database(path, create=False, passphrase=passphrase_from_env()) as src:
            doc = json.loads(exporter.database_json(src, private=True))
    return exporter.export_rows(doc, path)


def upload(db: Database, path: Path, owner: str, *, cancelled=never) -> UploadResult:
    """Copy the portfolio in *path* into the team database *db*, owned by *owner*."""
    from sqlalchemy.exc import IntegrityError

    from keyaccounts.services.team import _person, _require_team

    _require_team(db)
    rows = read_portfolio(path)
    result = UploadResult((owner or "").strip())
    with db.transaction() as s:
        person = _person(s, owner, "owner")
        result.owner = person.login
        seen = {name_key(name): (name, who) for name, who in
                s.execute(select(Account.name, Account.owner))}
        ids: dict[str, dict] = {t.name: {} for t in exporter._data_tables()}
        clashes = []
        for row in rows["account"]:
            held = seen.get(name_key(row["name"]))
            if held is not None:
                if held[1] == person.login:
                    result.already.append(row["name"])
                else:
                    clashes.append(f"{row['name']} ({held[1] or '-'})")
                continue
            item = {k: v for k, v in row.items() if k != "id" and k not in AUDIT}
            item["owner"] = person.login
            try:
                with s.begin_nested():
                    new_id = s.execute(insert(Account).returning(Account.id), item).scalar()
            except IntegrityError:  # held by an account this connection may not see
                clashes.append(_("{name} (another person's)").format(name=row["name"]))
                continue
            ids["account"][row["id"]] = new_id
            result.accounts.append(row["name"])
        if clashes:
            raise ValidationError("FILE", str(path), _(
                "account names held by other owners' accounts, nothing was uploaded: "
                "{names}").format(names="; ".join(clashes)))
        if result.accounts:
            result.records["account"] = len(result.accounts)
        for table in exporter._data_tables():
            stop_if(cancelled)
            if table.name in ("account", *LEFT_BEHIND):
                continue
            if table.name == "setting":
                _settings(s, rows["setting"], result)
            elif table.name == "agenda_mark":
                _marks(s, rows["agenda_mark"], ids, result)
            elif table.name == "our_person":
                _our_people(s, table, rows["our_person"], ids, result)
            else:
                _copy(s, table, rows[table.name], ids, result)
    return result


def _copy(s, table, rows: list[dict], ids: dict[str, dict], result: UploadResult) -> None:
    """The rows of *table* whose account was uploaded, their links to new ids."""
    single = [c.name for c in table.primary_key.columns] == ["id"]
    links = {c.name: next(iter(c.foreign_keys)).column.table.name
             for c in table.columns if c.foreign_keys}
    items, olds, later = [], [], []
    for row in rows:
        if "account_id" in links and row.get("account_id") not in ids["account"]:
            continue  # an account left as it was (uploaded before)
        item = {k: v for k, v in row.items() if k not in AUDIT}
        keep = True
        for column, target in links.items():
            old = item.get(column)
            if old is None:
                continue
            if target == table.name:  # to a row of the same table: set once all are in
                later.append((row["id"], column, old))
                item[column] = None
            elif old in ids[target]:
                item[column] = ids[target][old]
            elif table.c[column].nullable:
                item[column] = None
            else:
                keep = False
        if not keep:
            continue
        if table.name == "alert_state" and item["kind"] == "complaint-overdue":
            complaint = ids["complaint"].get(int(item["cause"]))
            if complaint is None:
                continue
            item["cause"] = str(complaint)
        if single:
            olds.append(item.pop("id"))
        items.append(item)
    if not items:
        return
    if single:
        new = s.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                        items).scalars().all()
        ids[table.name].update(zip(olds, new))
        for old_id, column, old_ref in later:
            if old_ref in ids[table.name]:
                s.execute(update(table).where(table.c.id == ids[table.name][old_id])
                          .values({column: ids[table.name][old_ref]}))
    else:
        s.execute(insert(table), items)
    result.records[table.name] = len(items)


def _our_people(s, table, rows: list[dict], ids: dict[str, dict],
                result: UploadResult) -> None:
    """Our people are the team's one list: a name the team has already is that person
    (their meetings link to them), a new name joins the list."""
    known = dict(s.execute(select(table.c.name, table.c.id)).all())
    added = 0
    for row in rows:
        if row["name"] in known:
            ids["our_person"][row["id"]] = known[row["name"]]
            continue
        item = {k: v for k, v in row.items() if k != "id" and k not in AUDIT}
        new_id = s.execute(insert(table).returning(table.c.id), item).scalar()
        ids["our_person"][row["id"]] = known[row["name"]] = new_id
        added += 1
    if added:
        result.records["our_person"] = added


_MARK_SOURCES = {"follow-up": "follow_up", "cadence": "cadence", "birthday": "contact",
                 "anniversary": "contact", "complaint": "complaint", "partnership": "account",
                 "renewal": "account"}


def _marks(s, rows: list[dict], ids: dict[str, dict], result: UploadResult) -> None:
    """Agenda marks name their item by kind, source id and day: the ids become the new
    ones; a tier's default cadence is named by its account."""
    from keyaccounts.storage.model import AgendaMark

    have = set(s.scalars(select(AgendaMark.key)))
    items = []
    for row in rows:
        kind, _sep, rest = row["key"].partition(":")
        source, sep, day = rest.partition(":")
        target = _MARK_SOURCES.get(kind)
        if target is None:
            continue  # a festival's: the whole team's agenda
        if kind == "cadence" and "-tier" in source:
            aid, _t, n = source.partition("-tier")
            new = ids["account"].get(int(aid)) if aid.isdigit() else None
            source = None if new is None else f"{new}-tier{n}"
        else:
            new = ids[target].get(int(source)) if source.isdigit() else None
            source = None if new is None else str(new)
        if source is None:
            continue
        key = f"{kind}:{source}{sep}{day}"
        if key not in have:
            items.append({**row, "key": key})
    if items:
        s.execute(insert(AgendaMark), items)
        result.records["agenda_mark"] = len(items)


def _settings(s, rows: list[dict], result: UploadResult) -> None:
    """The file's settings the team database has not set (the team's stay)."""
    have = set(s.scalars(select(Setting.key)))
    items = [row for row in rows if row["key"] not in have]
    if items:
        s.execute(insert(Setting), items)
        result.records["setting"] = len(items)
