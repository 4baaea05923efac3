"""Team mode's row-level security costs once per query, not once per row read: each
policy tests a row against a set (the accounts the person reads, or writes) that a
function computes once for the query (issue 16: 13.8 s for a manager's Today page at
4,000 accounts when a function ran for every row). Counted in the server, as the
person: the calls of the policies' functions in the transaction
(``pg_stat_xact_user_functions``)."""

from __future__ import annotations

import itertools
import os
import re
import secrets

import psycopg
import pytest

from keyaccounts.services import team
from tests.test_team_rls import account_with_contact

_n = itertools.count(1)
ROWS = 60
FEW = 20  # a few calls a query, however many rows it reads


@pytest.fixture
def team_db(pg_server):
    """A team database with a manager (one account, ROWS interactions each with a
    contact) and the lead of their team; the server counts every function call."""
    url = pg_server.create_database()
    team.init_team(url)
    suffix = f"{os.getpid()}_{next(_n)}_{secrets.token_hex(3)}"
    people = {k: f"{k}_{suffix}" for k in ("ann", "lee")}
    from keyaccounts.storage.db import open_database

    with open_database(url) as db:
        team.add_person(db, people["ann"], "Ann", "manager", team="north")
        team.add_person(db, people["lee"], "Lee", "lead", team="north")
    with connect(pg_server, url, "keyaccounts") as admin:
        admin.execute(f'ALTER DATABASE "{database(url)}" SET track_functions = \'all\'')
    with connect(pg_server, url, people["ann"]) as con:
        aid, cid = account_with_contact(con, "ann")
        for n in range(ROWS):
            iid = con.execute("INSERT INTO interaction (account_id, kind, channel, "
                              "occurred_at, our_participants, summary, sentiment, gift, "
                              f"created_at) VALUES ({aid}, 'visit', '', now(), '', "
                              f"'visit {n}', 0, '', now()) RETURNING id").fetchone()[0]
            con.execute("INSERT INTO interaction_contact (interaction_id, contact_id) "
                        f"VALUES ({iid}, {cid})")
    yield url, people
    pg_server.drop_database(url)


def connect(pg_server, url, login):
    return psycopg.connect(host=pg_server.socket_dir, port=5432, user=login,
                           dbname=database(url), autocommit=True)


def database(url):
    from sqlalchemy.engine import make_url

    return make_url(url).database


def calls(con, sql):
    """What *sql* returns, and how many times it called the policies' functions."""
    with con.transaction():
        rows = con.execute(sql).fetchall()
        called = con.execute(  # triggers aside (they run once per row written)
            "SELECT coalesce(sum(f.calls), 0) FROM pg_stat_xact_user_functions f"
            " JOIN pg_proc p ON p.oid = f.funcid"
            " WHERE f.funcname LIKE 'ka\\_%' AND p.prorettype <> 'trigger'::regtype"
        ).fetchone()[0]
    return rows, called


@pytest.mark.parametrize("who", ["ann", "lee"])
def test_reading_many_rows_calls_the_policy_functions_a_few_times(pg_server, team_db, who):
    url, people = team_db
    with connect(pg_server, url, people[who]) as con:
        for sql in ("SELECT count(*) FROM interaction",
                    "SELECT count(*) FROM interaction i JOIN interaction_contact ic"
                    " ON ic.interaction_id = i.id JOIN contact c ON c.id = ic.contact_id"):
            rows, called = calls(con, sql)
            assert rows == [(ROWS,)]
            assert 0 < called < FEW, (sql, called)  # once per row read was ≥ ROWS
        rows, called = calls(con, "UPDATE interaction SET summary = summary || '.' RETURNING id")
        assert len(rows) == ROWS and 0 < called < FEW


def test_no_policy_that_reads_rows_calls_a_function_per_row(pg_server, team_db):
    url, _people = team_db
    with connect(pg_server, url, "keyaccounts") as admin:
        # What an older version made: a function its policies called for each row.
        admin.execute("CREATE FUNCTION ka_can_read(aid integer, who name) RETURNS boolean "
                      "LANGUAGE sql STABLE AS $$ SELECT true $$")
    assert team.init_team(url)  # run again, it upgrades
    with connect(pg_server, url, "keyaccounts") as admin:
        assert admin.execute("SELECT count(*) FROM pg_proc WHERE proname = 'ka_can_read'"
                             ).fetchone() == (0,)
        policies = admin.execute("SELECT tablename, policyname, qual FROM pg_policies"
                                 " WHERE cmd <> 'INSERT'").fetchall()
    assert len(policies) > 20
    for table, name, qual in policies:
        # Every function called under a sub-select (computed once per query).
        per_row = re.sub(r"\( ?SELECT ka_\w+\(CURRENT_USER\) AS \w+\)", "", qual)
        assert not re.search(r"\bka_\w+\(", per_row), (table, name, qual)
