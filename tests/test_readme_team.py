"""The README's team-server set-up, run as written: the commands of its "A team server"
block against the test server, then what it says a manager and a lead do next."""

from __future__ import annotations

import io
import json
import re
import shlex
import sys
from pathlib import Path

from sqlalchemy.engine import make_url

from keyaccounts.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
ADMIN_URL = "postgresql+psycopg://postgres@/keyaccounts"  # as the README writes it


def setup_commands() -> list[str]:
    """The shell block under "### A team server", one command a line (continuations
    joined, comments dropped)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### A team server", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    joined = block.replace("\\\n", " ")
    return [line.split("#", 1)[0].strip() for line in joined.splitlines()
            if line.split("#", 1)[0].strip()]


def run(capsys, argv: list[str], stdin: str | None = None):
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        code = main(argv)
    finally:
        sys.stdin = saved
    out, err = capsys.readouterr()
    return code, out, err


def test_the_readme_team_server_setup_runs_as_written(pg_server, capsys):
    commands = setup_commands()
    # What the README has IT run: the package, an empty database, then the app's commands.
    assert commands[0].startswith("sudo apt install postgresql")
    assert commands[1] == "sudo -u postgres createdb keyaccounts"
    app_commands = commands[2:]
    assert app_commands and all(c.startswith("keyaccounts ") for c in app_commands)

    url = pg_server.create_database()  # the createdb step, on the test server
    logins = set()
    try:
        for command in app_commands:
            argv = [url if word == ADMIN_URL else word for word in shlex.split(command)[1:]]
            if argv[:3] == ["team", "user", "add"] or argv[2:5] == ["team", "user", "add"]:
                logins.add(argv[argv.index("add") + 1])
            code, out, err = run(capsys, argv)
            assert code == 0, f"{command}: {err}"
        assert logins == {"wang", "zhao"}

        def as_person(login: str) -> str:
            return make_url(url).set(username=login).render_as_string(hide_password=False)

        # "A manager then connects as themselves and sets their own password."
        code, _, err = run(capsys, ["--db", as_person("wang"), "team", "password"],
                           stdin="a long secret of wang\n")
        assert code == 0, err
        code, _, err = run(capsys, ["--db", as_person("wang"), "account", "add", "Acme Steel",
                                    "--tier", "A"])
        assert code == 0, err
        # The manager's account is theirs; the lead of their team reads it.
        code, out, err = run(capsys, ["--db", as_person("wang"), "accounts", "--json"])
        assert code == 0, err
        assert [(a["name"], a["owner"]) for a in json.loads(out)] == [("Acme Steel", "wang")]
        code, out, err = run(capsys, ["--db", as_person("zhao"), "accounts", "--json"])
        assert code == 0, err
        assert [a["name"] for a in json.loads(out)] == ["Acme Steel"]
        code, out, err = run(capsys, ["--db", url, "team", "user", "list", "--json"])
        assert code == 0, err
        assert {(p["login"], p["role"], p["team"]) for p in json.loads(out)} == {
            ("wang", "manager", "north"), ("zhao", "lead", "north")}
    finally:
        pg_server.drop_database(url)
        with pg_server.admin() as admin:
            for login in logins | {f"keyaccounts_{make_url(url).database}"}:
                admin.execute(f'DROP ROLE IF EXISTS "{login}"')
