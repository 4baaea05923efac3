"""Team mode's row-level security, proven in the server: each person connects with plain
psycopg and raw SQL (the app's own checks are not the protection)."""

from __future__ import annotations

import itertools
import os
import secrets

import psycopg
import pytest

from keyaccounts import services as sv
from keyaccounts.domain.errors import ValidationError
from keyaccounts.services import team
from keyaccounts.storage.db import open_database

_n = itertools.count(1)


@pytest.fixture
def team_db(pg_server):
    """A team database with two managers and a lead of team north, and a manager of
    team south; each manager owns one account with a contact, its private notes, an
    interaction and a follow-up."""
    url = pg_server.create_database()
    team.init_team(url)
    # Roles are the whole server's: names of this database's own (the counter alone
    # would repeat when this module is also imported under another name).
    suffix = f"{os.getpid()}_{next(_n)}_{secrets.token_hex(3)}"
    people = {k: f"{k}_{suffix}" for k in ("ann", "bob", "lee", "sam")}
    with open_database(url) as db:
        team.add_person(db, people["ann"], "Ann", "manager", team="north")
        team.add_person(db, people["bob"], "Bob", "manager", team="north")
        team.add_person(db, people["lee"], "Lee", "lead", team="north")
        team.add_person(db, people["sam"], "Sam", "manager", team="south")
    for who in ("ann", "bob", "sam"):
        with connect(pg_server, url, people[who]) as con:
            aid, cid = account_with_contact(con, who)
            con.execute(f"INSERT INTO contact_private (contact_id, notes) VALUES ({cid}, "
                        f"'{who} private')")
            con.execute("INSERT INTO interaction (account_id, kind, channel, occurred_at, "
                        "our_participants, summary, sentiment, gift, created_at) VALUES "
                        f"({aid}, 'visit', '', now(), '', '{who} visit', 0, '', now())")
            con.execute("INSERT INTO follow_up (account_id, text, due, owner, opened_on, "
                        f"origin, status) VALUES ({aid}, '{who} promise', current_date, '', "
                        "current_date, '', 'open')")
    yield url, people
    pg_server.drop_database(url)


def account_with_contact(con, who: str) -> tuple[int, int]:
    """'{who} account' with an executive '{who} contact', written by raw SQL on *con*
    (the person's own connection: they own it); their ids."""
    aid = con.execute("INSERT INTO account (name, tier, tier_basis, tier_note, "
                      "industry, owner, status, notes, archived, created_at) VALUES "
                      f"('{who} account', 'A', 'revenue', '', '', '', 'active', '', "
                      "false, now()) RETURNING id").fetchone()[0]
    cid = con.execute("INSERT INTO contact (account_id, name, title, level, role, "
                      "attitude, emails, phones, birthday_lunar, birthday_leap, "
                      f"archived) VALUES ({aid}, '{who} contact', '', 'exec', "
                      "'decision-maker', 'unknown', '[]', '[]', false, false, false) "
                      "RETURNING id").fetchone()[0]
    return aid, cid


def connect(pg_server, url, login):
    from sqlalchemy.engine import make_url

    return psycopg.connect(host=pg_server.socket_dir, port=5432, user=login,
                           dbname=make_url(url).database, autocommit=True)


def names(con, sql):
    return sorted(r[0] for r in con.execute(sql).fetchall())


def test_a_manager_reads_and_writes_only_their_own_accounts(pg_server, team_db):
    url, people = team_db
    with connect(pg_server, url, people["ann"]) as con:
        assert names(con, "SELECT name FROM account") == ["ann account"]
        assert names(con, "SELECT owner FROM account") == [people["ann"]]
        assert names(con, "SELECT name FROM contact") == ["ann contact"]
        assert names(con, "SELECT summary FROM interaction") == ["ann visit"]
        assert names(con, "SELECT text FROM follow_up") == ["ann promise"]
        assert names(con, "SELECT notes FROM contact_private") == ["ann private"]
        assert names(con, "SELECT created_by FROM interaction") == [people["ann"]]
        # Another's rows are unwritable: an UPDATE or DELETE finds nothing, an INSERT
        # into their account is refused.
        assert con.execute("UPDATE account SET notes = 'x' WHERE name = 'bob account'"
                           ).rowcount == 0
        assert con.execute("DELETE FROM follow_up WHERE text = 'bob promise'").rowcount == 0
        assert con.execute("UPDATE contact_private SET notes = 'x'").rowcount == 1  # her own
        with psycopg.connect(host=pg_server.socket_dir, port=5432, user="keyaccounts",
                             dbname=con.info.dbname, autocommit=True) as admin:
            bob_account = admin.execute("SELECT id FROM account WHERE name = 'bob account'"
                                        ).fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("INSERT INTO interaction (account_id, kind, channel, occurred_at, "
                        "our_participants, summary, sentiment, gift, created_at) VALUES "
                        f"({bob_account}, 'visit', '', now(), '', 'sneaky', 0, '', now())")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            con.execute("INSERT INTO person (login, name, role, team, active, created_at) "
                        "VALUES ('x', 'X', 'lead', 'north', true, now())")


def test_a_lead_reads_the_whole_team_but_no_private_notes(pg_server, team_db):
    url, people = team_db
    with connect(pg_server, url, people["lee"]) as con:
        assert names(con, "SELECT name FROM account") == ["ann account", "bob account"]
        assert names(con, "SELECT summary FROM interaction") == ["ann visit", "bob visit"]
        assert names(con, "SELECT notes FROM contact_private") == []
    with connect(pg_server, url, people["sam"]) as con:  # another team
        assert names(con, "SELECT name FROM account") == ["sam account"]


def test_a_shared_account_is_read_and_written_as_shared(pg_server, team_db):
    url, people = team_db
    with connect(pg_server, url, people["ann"]) as con:
        aid = con.execute("SELECT id FROM account").fetchone()[0]
        con.execute(f"INSERT INTO account_share (account_id, login, can_write) VALUES "
                    f"({aid}, '{people['bob']}', false)")
    with connect(pg_server, url, people["bob"]) as con:
        assert names(con, "SELECT name FROM account") == ["ann account", "bob account"]
        assert names(con, "SELECT notes FROM contact_private") == ["bob private"]
        assert con.execute(f"UPDATE account SET notes = 'x' WHERE id = {aid}").rowcount == 0
    with connect(pg_server, url, people["ann"]) as con:
        con.execute(f"UPDATE account_share SET can_write = true WHERE account_id = {aid}")
    with connect(pg_server, url, people["bob"]) as con:
        assert con.execute(f"UPDATE account SET notes = 'x' WHERE id = {aid}").rowcount == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not his to hand over
            con.execute(f"UPDATE account SET owner = '{people['bob']}' WHERE id = {aid}")


def test_people_are_listed_and_a_disabled_one_cannot_log_in(pg_server, team_db):
    url, people = team_db
    with open_database(url) as db:
        listed = {p.login: p for p in team.list_people(db)}
        assert listed[people["lee"]].role == "lead"
        assert listed[people["sam"]].team == "south"
        team.disable_person(db, people["bob"])
        assert not {p.login: p for p in team.list_people(db)}[people["bob"]].active
        with pytest.raises(ValidationError):
            team.add_person(db, people["ann"], "Ann again", "manager")
        with pytest.raises(ValidationError):
            team.add_person(db, "Bad Name", "X", "manager")
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        connect(pg_server, url, people["bob"])
    with connect(pg_server, url, "keyaccounts") as admin:  # what bob wrote stays his
        assert names(admin, "SELECT created_by FROM interaction WHERE summary = 'bob visit'"
                     ) == [people["bob"]]


def test_init_refuses_a_single_user_database_and_upgrades_a_team_one(pg_server, team_db):
    url, _people = team_db
    assert team.init_team(url)  # run again: nothing lost
    plain = pg_server.create_database(template=pg_server.template)
    try:
        with open_database(plain) as db:
            sv.add_account(db, "Mine")
        with pytest.raises(ValidationError, match="single-user"):
            team.init_team(plain)
        with open_database(plain) as db:
            assert [a.name for a in sv.list_accounts(db)] == ["Mine"]
            with pytest.raises(ValidationError, match="not a team database"):
                team.add_person(db, "zed", "Zed", "manager")
    finally:
        pg_server.drop_database(plain)


def test_the_app_as_a_person_sees_what_the_server_lets_it(pg_server, team_db):
    url, people = team_db
    from sqlalchemy.engine import make_url

    as_ann = make_url(url).set(username=people["ann"]).render_as_string(hide_password=False)
    with open_database(as_ann) as db:
        assert [a.name for a in sv.list_accounts(db)] == ["ann account"]
        added = sv.add_account(db, "ann second")
        assert added.owner == ""  # the server fills it in
        assert sorted(a.owner for a in sv.list_accounts(db)) == [people["ann"]] * 2


def test_the_per_account_cache_is_the_accounts_own(pg_server, team_db):
    """Entries kept per account (keyaccounts.storage.cache) are read and written under the
    account's own policy: a manager never reads another's cached items, nor forges them;
    the stamps only the triggers write."""
    from sqlalchemy.engine import make_url

    from keyaccounts.storage import snapshot

    url, people = team_db
    with open_database(url) as admin, admin.engine.connect() as c:  # the fixture's day
        day = c.exec_driver_sql("SELECT opened_on FROM follow_up WHERE text = 'ann promise'"
                                ).scalar()

    def as_(who):
        return make_url(url).set(username=people[who]).render_as_string(hide_password=False)

    with open_database(as_("ann")) as db:
        items = snapshot.agenda(db, day, 60)
        assert {i.account for i in items if i.account} == {"ann account"}
        snapshot.health(db, day)
    with open_database(as_("lee")) as db:  # the lead: every account of team north
        lead_items = snapshot.agenda(db, day, 60)
        assert {i.account for i in lead_items if i.account} == {"ann account", "bob account"}
    with connect(pg_server, url, people["ann"]) as ann, \
            connect(pg_server, url, people["bob"]) as bob, \
            connect(pg_server, url, people["sam"]) as sam:
        kept = ann.execute("SELECT a.name, c.name, c.payload FROM account_cache c "
                           "JOIN account a ON a.id = c.account_id").fetchall()
        assert {(r[0], r[1]) for r in kept} == {("ann account", "agenda:60"),
                                                ("ann account", "health")}
        assert all("ann private" not in r[2] for r in kept)  # nothing private inside
        assert "ann promise" in next(r[2] for r in kept if r[1] == "agenda:60")
        # Bob's entry the lead kept; Sam (another team) sees neither, Bob only his.
        assert bob.execute("SELECT count(*) FROM account_cache WHERE payload LIKE "
                           "'%ann promise%'").fetchone()[0] == 0
        assert bob.execute("SELECT count(*) FROM account_cache").fetchone()[0] == 1
        assert sam.execute("SELECT count(*) FROM account_cache").fetchone()[0] == 0
        assert sam.execute("SELECT count(*) FROM account_stamp WHERE account_id != 0"
                           ).fetchone()[0] == 1  # his own account's stamp only
        ann_id = ann.execute("SELECT id FROM account WHERE name = 'ann account'").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sam.execute("INSERT INTO account_cache (account_id, name, day, language, "
                        "generation, stamp, global_stamp, payload) VALUES "
                        f"({ann_id}, 'agenda:60', '2026-11-28', 'en', 'x', 0, 0, '[]')")
        assert sam.execute("UPDATE account_cache SET payload = '[]'").rowcount == 0
        assert sam.execute("DELETE FROM account_cache").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sam.execute("UPDATE account_stamp SET stamp = 0")
