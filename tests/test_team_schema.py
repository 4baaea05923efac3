"""Migration 0013 (team mode's schema), on both engines: private notes in a table of
their own, who wrote each row (the server's triggers) and its version."""

from __future__ import annotations

import json

import sqlalchemy as sa

from keyaccounts import services as sv
from keyaccounts.io import exporter
from keyaccounts.storage import db as kdb


def test_upgrade_moves_private_notes_into_their_own_table(empty_target):
    is_file = "://" not in empty_target
    engine = (kdb.make_engine(empty_target) if is_file
              else kdb.make_server_engine(kdb.server_url(empty_target)))
    kdb.upgrade(engine, "0011")
    with engine.begin() as c:
        c.exec_driver_sql(
            "INSERT INTO account (id, name, tier, tier_basis, tier_note, industry, owner, "
            "status, notes, archived, created_at, pursue_justification, retention_reason) "
            "VALUES (1, 'Acme', 'A', 'revenue', '', '', 'me', 'active', '', false, "
            "'2020-01-01 00:00:00', '', '')")
        for cid, notes in ((1, "likes tea"), (2, "")):
            c.exec_driver_sql(
                "INSERT INTO contact (id, account_id, name, title, level, role, attitude, "
                "emails, phones, birthday_lunar, birthday_leap, private_notes, archived) "
                f"VALUES ({cid}, 1, 'P{cid}', '', 'exec', 'user', 'unknown', '[]', '[]', "
                f"false, false, '{notes}', false)")
    engine.dispose()
    with kdb.open_database(empty_target) as database:
        contacts = {c.name: c for c in sv.list_contacts(database, "Acme")}
        assert contacts["P1"].private_notes == "likes tea"
        assert contacts["P2"].private_notes == ""
        page = sv.account_page(database, "Acme")
        assert {line.contact.name: line.contact.private_notes for line in page.contacts} == {
            "P1": "likes tea", "P2": ""}
        with database.engine.connect() as c:
            rows = c.exec_driver_sql("SELECT contact_id, notes FROM contact_private").all()
            columns = {col["name"] for col in sa.inspect(c).get_columns("contact")}
        assert [tuple(r) for r in rows] == [(1, "likes tea")]
        assert "private_notes" not in columns


def test_private_notes_are_written_edited_and_cleared(db):
    sv.add_account(db, "Acme")
    contact = sv.add_contact(db, "Acme", "Li", private_notes="first")
    sv.update_contact(db, contact.id, private_notes="second")
    [seen] = sv.list_contacts(db, "Acme")
    assert seen.private_notes == "second"
    sv.update_contact(db, contact.id, private_notes="")
    [seen] = sv.list_contacts(db, "Acme")
    assert seen.private_notes == ""


def test_rows_carry_a_version_and_on_a_server_who_wrote_them(db, engine):
    account = sv.add_account(db, "Acme")
    sv.update_account(db, "Acme", industry="retail")
    sv.update_account(db, "Acme", tier="A")
    with db.engine.connect() as c:
        created_by, updated_by, version = c.exec_driver_sql(
            f"SELECT created_by, updated_by, version FROM account WHERE id = {account.id}").one()
    assert version == 3
    # On a server the triggers name the login that wrote (the test server's superuser);
    # a SQLite file has one user, and names nobody.
    expected = "keyaccounts" if engine == "postgresql" else ""
    assert (created_by, updated_by) == (expected, expected)


def test_an_export_from_before_the_team_schema_still_loads(tmp_path):
    doc = {"format": exporter.JSON_FORMAT, "version": 1, "schema": "0011", "tables": {
        "account": [{"id": 1, "name": "Acme", "tier": "B", "tier_basis": "revenue",
                     "tier_note": "", "industry": "", "owner": "", "status": "active",
                     "notes": "", "archived": False, "created_at": "2024-01-01T00:00:00"}],
        "contact": [{"id": 7, "account_id": 1, "name": "Li", "title": "", "level": "exec",
                     "role": "user", "attitude": "unknown", "emails": [], "phones": [],
                     "birthday_lunar": False, "birthday_leap": False,
                     "private_notes": "likes tea", "archived": False}]}}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with kdb.open_database(tmp_path / "new.sqlite3") as database:
        exporter.import_json(database, path)
        [contact] = sv.list_contacts(database, "Acme")
    assert (contact.id, contact.private_notes) == (7, "likes tea")
