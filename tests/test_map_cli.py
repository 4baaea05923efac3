"""The relationship map's CLI (``people``, ``log --our``, ``map --json``, ``contact edit
--reports-to``) and migration 0014 from a 0013 database, on both engines."""

import json
from datetime import datetime

import sqlalchemy as sa

from keyaccounts.cli.main import main
from keyaccounts.services import relmap as rm
from keyaccounts.storage import db as kdb
from keyaccounts.storage.db import open_database
from tests.conftest import dump
from tests.test_team_rls import team_db  # noqa: F401  (a fixture)


def run(target, capsys, *args):
    code = main(["--db", target, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_people_log_and_map_from_the_command_line(db_target, capsys):
    open_database(db_target).close()

    def cli(*args):
        return run(db_target, capsys, *args)

    assert cli("account", "add", "华为", "--tier", "A")[0] == 0
    assert cli("contact", "add", "--account", "华为", "--name", "王总", "--level", "exec",
               "--role", "decision-maker")[1].strip() == "1"
    assert cli("contact", "add", "--account", "华为", "--name", "李经理", "--level", "mgmt",
               "--role", "champion")[0] == 0
    assert cli("contact", "edit", "2", "--reports-to", "1")[0] == 0
    code, out, _ = cli("people", "add", "张总", "--level", "exec", "--title", "CEO", "--json")
    assert code == 0 and json.loads(out) == {"id": 1, "name": "张总", "title": "CEO",
                                             "level": "exec", "login": None}
    assert cli("people", "add", "小刘", "--level", "ops")[1].strip() == "2"
    assert json.loads(cli("people", "list", "--json")[1])[1]["name"] == "小刘"
    assert cli("log", "--account", "华为", "--kind", "exec-meeting", "--date", "2026-09-01",
               "--with", "王总", "--summary", "strategy", "--our", "张总", "--our", "小刘")[0] == 0
    assert cli("log", "--account", "华为", "--kind", "visit", "--date", "2026-10-01",
               "--with", "李经理", "--summary", "plan", "--ours", "小刘, a guest")[0] == 0
    # Bad input: one line, exit 2, nothing changed.
    before = dump(db_target)
    code, _out, err = cli("log", "--account", "华为", "--kind", "visit", "--date", "2026-10-02",
                          "--summary", "x", "--our", "Nobody")
    assert code == 2 and "Nobody" in err and len(err.strip().splitlines()) == 1
    code, _out, err = cli("people", "add", "张总", "--level", "ops")
    assert code == 2 and "张总" in err
    code, _out, err = cli("people", "add", "赵", "--level", "ceo")
    assert code == 2 and "level" in err
    assert dump(db_target) == before

    code, out, _ = cli("map", "--account", "华为", "--as-of", "2026-10-15", "--json")
    assert code == 0
    found = json.loads(out)
    assert found == {
        "account": "华为",
        "contacts": [
            {"id": 1, "name": "王总", "level": "exec", "role": "decision-maker",
             "attitude": "unknown", "reports_to": None, "last_met": "2026-09-01",
             "counterparts": [{"name": "小刘", "level": "ops", "meetings": 1,
                               "last_met": "2026-09-01"},
                              {"name": "张总", "level": "exec", "meetings": 1,
                               "last_met": "2026-09-01"}],
             "matched": True},
            {"id": 2, "name": "李经理", "level": "mgmt", "role": "champion",
             "attitude": "unknown", "reports_to": 1, "last_met": "2026-10-01",
             "counterparts": [{"name": "小刘", "level": "ops", "meetings": 1,
                               "last_met": "2026-10-01"}],
             "matched": False}],
        "gaps": []}
    # No look-ahead: before the meetings, nobody was met.
    early = json.loads(cli("map", "--account", "华为", "--as-of", "2026-08-31", "--json")[1])
    assert [c["last_met"] for c in early["contacts"]] == [None, None]
    assert [g["kind"] for g in early["gaps"]] == ["no-exec-tie"]
    assert set(early["gaps"][0]) == {"kind", "contact", "reason", "suggested_action"}
    code, out, _ = cli("map", "--account", "华为", "--as-of", "2026-10-15")
    assert code == 0 and "王总" in out and "张总" in out
    code, _out, err = cli("map", "--account", "Nope", "--json")
    assert code == 2 and "Nope" in err
    code, _out, err = cli("map", "--account", "华为", "--as-of", "2026-13-01")
    assert code == 2 and "as-of" in err


def test_interaction_edit_links_our_people_and_offers_the_others(db_target, capsys):
    open_database(db_target).close()

    def cli(*args):
        return run(db_target, capsys, *args)

    assert cli("account", "add", "Acme", "--tier", "A")[0] == 0
    assert cli("contact", "add", "--account", "Acme", "--name", "Boss", "--level", "exec",
               "--role", "decision-maker")[0] == 0
    assert cli("people", "add", "Chen", "--level", "exec")[0] == 0
    assert cli("people", "add", "Wu", "--level", "ops")[0] == 0
    code, out, _ = cli("log", "--account", "Acme", "--kind", "visit", "--date", "2026-09-01",
                       "--with", "Boss", "--summary", "visit", "--ours", "a guest", "--json")
    iid = json.loads(out)["id"]
    code, out, err = cli("interaction", "edit", str(iid), "--ours", "chen, Lee")
    assert code == 0, err
    assert "Lee" in out and "people add" in out and "chen" not in out.split(":")[-1]
    with open_database(db_target) as database:
        [boss] = rm.relationship_map(database, "Acme", datetime(2026, 9, 2).date()).contacts
        assert [p.name for p in boss.counterparts] == ["Chen"]
    code, out, err = cli("interaction", "edit", str(iid), "--our", "Wu", "--json")
    assert code == 0, err
    assert json.loads(out)["our_participants"] == "chen, Lee, Wu"  # the text as typed
    with open_database(db_target) as database:
        [boss] = rm.relationship_map(database, "Acme", datetime(2026, 9, 2).date()).contacts
        assert sorted(p.name for p in boss.counterparts) == ["Chen", "Wu"]
    before = dump(db_target)
    code, _out, err = cli("interaction", "edit", str(iid), "--our", "Nobody")
    assert code == 2 and "Nobody" in err and len(err.strip().splitlines()) == 1
    assert dump(db_target) == before


def test_an_import_links_our_participants_to_the_list(db_target, capsys, tmp_path):
    """An export written before our people were listed (free text only), loaded where
    they are: exact names are linked, the others kept as text and offered."""
    from keyaccounts import services as sv
    from keyaccounts.io import exporter

    with open_database(tmp_path / "old.sqlite3") as old:
        sv.add_account(old, "Acme", tier="A")
        sv.add_contact(old, "Acme", "Boss", level="exec", role="decision-maker")
        sv.log_interaction(old, "Acme", "exec-meeting", datetime(2026, 9, 1, 10), "strategy",
                           contacts=["Boss"], our_participants="张总、Lee")
        sv.log_interaction(old, "Acme", "visit", datetime(2026, 10, 1, 10), "visit",
                           contacts=["Boss"], our_participants="小刘")
        data = json.loads(exporter.database_json(old))
    for table in ("our_person", "interaction_our_person"):
        del data["tables"][table]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with open_database(db_target) as database:
        rm.add_person(database, "张总", "exec")
    code, out, err = run(db_target, capsys, "import", str(path), "--json")
    assert code == 0, err
    loaded = json.loads(out)
    assert loaded["loaded"]["interaction"] == 2
    assert loaded["loaded"]["interaction_our_person"] == 1
    assert loaded["unlisted_participants"] == ["Lee", "小刘"]
    with open_database(db_target) as database:
        [boss] = rm.relationship_map(database, "Acme", datetime(2026, 10, 2).date()).contacts
        assert [(p.name, p.level) for p in boss.counterparts] == [("张总", "exec")]
        assert [i.our_participants for i in sv.history(database, "Acme")] == [
            "小刘", "张总、Lee"]
        rm.add_person(database, "小刘", "ops")  # added later: linked then
        [boss] = rm.relationship_map(database, "Acme", datetime(2026, 10, 2).date()).contacts
        assert sorted(p.name for p in boss.counterparts) == ["小刘", "张总"]


def test_migration_0014_links_exact_names_and_keeps_the_text(empty_target):
    """A 0013 database: the team's people with a level become our people; free-text
    participants named exactly are linked, every text stays as typed."""
    is_file = "://" not in empty_target
    engine = (kdb.make_engine(empty_target) if is_file
              else kdb.make_server_engine(kdb.server_url(empty_target)))
    kdb.upgrade(engine, "0013")

    def insert(c, table_name, **row):
        c.execute(sa.insert(sa.table(table_name, *(sa.column(k) for k in row))), row)

    with engine.begin() as c:
        insert(c, "account", id=1, name="Acme", tier="A", tier_basis="revenue", tier_note="",
               industry="", owner="", status="active", notes="", archived=False,
               created_at=datetime(2020, 1, 1), retention_reason="")
        insert(c, "contact", id=1, account_id=1, name="Boss", title="", level="exec",
               role="decision-maker", attitude="unknown", emails="[]", phones="[]",
               birthday_lunar=False, birthday_leap=False, archived=False)
        for login, name, level in (("zhang", "张总", "exec"), ("li", "李四", None)):
            insert(c, "person", login=login, name=name, role="manager", level=level, team="",
                   active=True, created_at=datetime(2020, 1, 1))
        texts = {1: "张总、Bob", 2: "张总 ", 3: "李四", 4: ""}
        for iid, text in texts.items():
            insert(c, "interaction", id=iid, account_id=1, kind="visit", channel="",
                   occurred_at=datetime(2026, 3, iid, 10), our_participants=text,
                   summary=f"s{iid}", sentiment=0, gift="",
                   created_at=datetime(2026, 3, iid, 10))
            insert(c, "interaction_contact", interaction_id=iid, contact_id=1)
    engine.dispose()

    with kdb.open_database(empty_target) as database:
        assert [(p.name, p.level, p.login) for p in rm.list_people(database)] == [
            ("张总", "exec", "zhang")]
        with database.engine.connect() as c:
            links = c.exec_driver_sql("SELECT interaction_id, person_id FROM "
                                      "interaction_our_person ORDER BY 1").all()
            kept = dict(c.exec_driver_sql("SELECT id, our_participants FROM interaction").all())
        assert [tuple(r) for r in links] == [(1, 1), (2, 1)]
        assert kept == texts
        found = rm.relationship_map(database, "Acme", datetime(2026, 4, 1).date())
        [boss] = found.contacts
        assert [(p.name, p.meetings) for p in boss.counterparts] == [("张总", 2)]
        # Adding 李四 links their interaction too: nothing was lost.
        rm.add_person(database, "李四", "mgmt")
        [boss] = rm.relationship_map(database, "Acme", datetime(2026, 4, 1).date()).contacts
        assert [(p.name, p.meetings) for p in boss.counterparts] == [("张总", 2), ("李四", 1)]


def test_on_a_team_server_our_people_are_shared_and_links_follow_the_interaction(
        pg_server, team_db):  # noqa: F811  (the fixture imported above)
    """Our people are the team's one list (each row records who wrote it); which of
    them was at an interaction is read and written as the interaction is."""
    import psycopg
    import pytest

    from tests.test_team_rls import connect, names

    url, people = team_db
    with connect(pg_server, url, people["ann"]) as con:
        pid = con.execute("INSERT INTO our_person (name, title, level, archived) VALUES "
                          "('Zhou', 'GM', 'exec', false) RETURNING id").fetchone()[0]
        iid = con.execute("SELECT id FROM interaction").fetchone()[0]
        con.execute(f"INSERT INTO interaction_our_person VALUES ({iid}, {pid})")
        assert names(con, "SELECT created_by FROM our_person") == [people["ann"]]
    with connect(pg_server, url, people["bob"]) as con:
        assert names(con, "SELECT name FROM our_person") == ["Zhou"]
        assert names(con, "SELECT interaction_id FROM interaction_our_person") == []
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not his interaction
            con.execute(f"INSERT INTO interaction_our_person VALUES ({iid}, {pid})")
    with connect(pg_server, url, people["lee"]) as con:  # the lead of their team
        assert names(con, "SELECT interaction_id FROM interaction_our_person") == [iid]


def test_a_team_person_with_a_level_is_one_of_our_people(pg_server, team_db, capsys):  # noqa: F811,E501
    """In team mode the team's people are our people: one added with a level at once
    (an interaction naming them is linked); one without a level when it is set; a
    disabled one is no longer offered and their meetings stay theirs."""
    import os

    url, people = team_db
    zoe, max_ = f"zoe_{os.getpid()}", f"max_{os.getpid()}"
    try:
        code, out, err = run(url, capsys, "history", "--account", "ann account", "--json")
        assert code == 0, err
        [iid] = [i["id"] for i in json.loads(out)]
        code, _, err = run(url, capsys, "interaction", "edit", str(iid), "--ours",
                           "Zoe Wu, a guest", "--with", "ann contact")
        assert code == 0, err
        code, out, err = run(url, capsys, "team", "user", "add", zoe, "--name", "Zoe Wu",
                             "--role", "manager", "--level", "exec", "--json")
        assert code == 0, err
        code, out, err = run(url, capsys, "people", "list", "--json")
        assert [(p["name"], p["level"], p["login"]) for p in json.loads(out)] == [
            ("Zoe Wu", "exec", zoe)]
        with open_database(url) as database:
            [boss] = rm.relationship_map(database, "ann account").contacts
        assert [(p.name, p.level, p.meetings) for p in boss.counterparts] == [
            ("Zoe Wu", "exec", 1)]
        # Without a level: not (yet) one of ours; setting it makes them one (the person
        # of ours of that name listed before, not tied to a login, is them).
        assert run(url, capsys, "people", "add", "Max", "--level", "mgmt")[0] == 0
        code, _, err = run(url, capsys, "team", "user", "add", max_, "--name", "Max",
                           "--role", "manager")
        assert code == 0, err
        code, out, _ = run(url, capsys, "people", "list", "--json")
        assert [(p["name"], p["login"]) for p in json.loads(out)] == [
            ("Zoe Wu", zoe), ("Max", None)]
        code, out, err = run(url, capsys, "team", "user", "edit", max_, "--level", "ops")
        assert code == 0, err
        code, out, _ = run(url, capsys, "people", "list", "--json")
        assert [(p["name"], p["level"], p["login"]) for p in json.loads(out)] == [
            ("Zoe Wu", "exec", zoe), ("Max", "ops", max_)]
        # A second person of the same name is refused, nothing changed.
        code, _, err = run(url, capsys, "team", "user", "edit", people["bob"], "--name",
                           "Zoe Wu", "--level", "mgmt")
        assert code == 2 and "Zoe Wu" in err and len(err.strip().splitlines()) == 1
        code, out, _ = run(url, capsys, "team", "user", "list", "--json")
        assert {p["login"]: (p["name"], p["level"]) for p in json.loads(out)}[
            people["bob"]] == ("Bob", None)
        # The listing says the words; --json keeps the tokens.
        code, out, _ = run(url, capsys, "team", "user", "list")
        assert "account manager" in out and "executive" in out and " exec " not in out
        # Disabled: no longer offered; the meeting stays hers on the map.
        code, _, err = run(url, capsys, "team", "user", "disable", zoe)
        assert code == 0, err
        code, out, _ = run(url, capsys, "people", "list", "--json")
        assert [p["name"] for p in json.loads(out)] == ["Max"]
        with open_database(url) as database:
            [boss] = rm.relationship_map(database, "ann account").contacts
        assert [p.name for p in boss.counterparts] == ["Zoe Wu"]
    finally:
        import psycopg  # noqa: F401

        from tests.test_team_rls import connect

        with connect(pg_server, url, "keyaccounts") as admin:
            for login in (zoe, max_):
                admin.execute(f'DROP ROLE IF EXISTS "{login}"')
