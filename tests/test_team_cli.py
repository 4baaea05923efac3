"""``keyaccounts team …`` on a real PostgreSQL server: init, people, passwords."""

from __future__ import annotations

import io
import json
import os
import sys

import psycopg
from sqlalchemy.engine import make_url

from keyaccounts.cli import main


def run(capsys, *argv, stdin: str | None = None):
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(list(argv))
    finally:
        sys.stdin = saved
    out, err = capsys.readouterr()
    return code, out, err


def test_team_init_people_and_password(pg_server, capsys):
    url = pg_server.create_database()
    login = f"cli_ann_{os.getpid()}"
    try:
        code, out, err = run(capsys, "team", "init", url)
        assert code == 0, err
        code, out, err = run(capsys, "--db", url, "team", "user", "add", login, "--name", "Ann",
                             "--role", "manager", "--team", "north", "--json")
        assert code == 0, err
        added = json.loads(out)
        assert added["person"]["login"] == login and len(added["password"]) >= 12
        code, out, _ = run(capsys, "--db", url, "team", "user", "list", "--json")
        assert [(p["login"], p["role"], p["team"], p["active"]) for p in json.loads(out)] == [
            (login, "manager", "north", True)]
        # Bad input: one line, exit 2, nothing changed.
        code, out, err = run(capsys, "--db", url, "team", "user", "add", "x", "--name", "X",
                             "--role", "boss")
        assert code == 2 and "role=boss" in err and len(err.strip().splitlines()) == 1
        code, _, err = run(capsys, "--db", url, "team", "user", "disable", "nobody_here")
        assert code == 2 and "nobody_here" in err
        # The person sets their own password; the server keeps only its SCRAM verifier.
        as_ann = make_url(url).set(username=login).render_as_string(hide_password=False)
        code, out, err = run(capsys, "--db", as_ann, "team", "password",
                             stdin="a long secret\n")
        assert code == 0, err
        with pg_server.admin() as admin:
            stored = admin.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                                   (login,)).fetchone()[0]
        assert stored.startswith("SCRAM-SHA-256$") and "a long secret" not in stored
        code, _, err = run(capsys, "--db", as_ann, "team", "password", stdin="short\n")
        assert code == 2
        code, out, err = run(capsys, "--db", url, "team", "user", "disable", login)
        assert code == 0, err
        code, _, err = run(capsys, "--db", as_ann, "accounts")
        assert code == 2 and err.strip().endswith(  # one line, in words, naming the server
            f"{login} may no longer log in: the team's administrator has disabled this login.")
        assert len(err.strip().splitlines()) == 1 and f"error: {login}@" in err
    finally:
        pg_server.drop_database(url)
        with pg_server.admin() as admin:
            admin.execute(f'DROP ROLE IF EXISTS "{login}"')
            admin.execute(f'DROP ROLE IF EXISTS "keyaccounts_{make_url(url).database}"')


def test_team_init_refuses_what_is_not_a_team_database(pg_server, capsys):
    url = pg_server.create_database()
    try:
        with psycopg.connect(host=pg_server.socket_dir, port=5432, user="keyaccounts",
                             dbname=make_url(url).database, autocommit=True) as con:
            con.execute("CREATE TABLE payroll (id integer)")
        code, _, err = run(capsys, "team", "init", url)
        assert code == 2 and "other tables" in err
        with psycopg.connect(host=pg_server.socket_dir, port=5432, user="keyaccounts",
                             dbname=make_url(url).database, autocommit=True) as con:
            assert [r[0] for r in con.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")] == ["payroll"]
    finally:
        pg_server.drop_database(url)


def test_a_refused_password_or_a_server_down_is_one_line_exit_2(pg_server, capsys, tmp_path,
                                                              monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # no copy of any server here
    url = pg_server.create_database()
    login = f"cli_pat_{os.getpid()}"
    try:
        assert run(capsys, "team", "init", url)[0] == 0
        assert run(capsys, "--db", url, "team", "user", "add", login, "--name", "Pat",
                   "--role", "manager")[0] == 0
        pg_server.require_password(login, "the right secret")
        wrong = make_url(url).set(username=login, password="a wrong one")
        code, out, err = run(capsys, "--db", wrong.render_as_string(hide_password=False),
                             "accounts")
        assert code == 2 and out == ""
        assert err.strip().endswith(f"the server refused the password of {login}.")
        assert len(err.strip().splitlines()) == 1 and "a wrong one" not in err
        down = make_url(url).set(username=login, query={"host": str(tmp_path / "nowhere")})
        code, out, err = run(capsys, "--db", down.render_as_string(hide_password=False),
                             "accounts")
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
        assert "out of reach" in err and "Error" not in err
        # A name that does not resolve is out of reach too, not the resolver's words.
        code, out, err = run(capsys, "--db", f"postgresql+psycopg://{login}@nohost.invalid/ka",
                             "accounts")
        assert code == 2 and "out of reach" in err and "resolve" not in err, err
    finally:
        pg_server.drop_database(url)
        with pg_server.admin() as admin:
            admin.execute(f'DROP ROLE IF EXISTS "{login}"')
            admin.execute(f'DROP ROLE IF EXISTS "keyaccounts_{make_url(url).database}"')
