"""Refusals that say what is wrong: whatever the arguments, the CLI exits 0 with the change
made, or 2 with one line naming the field and the database unchanged; never a raw
exception. Dates within 1900-2200 everywhere; ASCII digits; amounts that cannot be
misread; JSON imports whose damage is named with its record."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keyaccounts.cli.main import main
from tests.conftest import dump
from tests.safety_cli import ROOT


@pytest.fixture
def acme(tmp_path):
    path = tmp_path / "ka.sqlite3"
    assert main(["--db", str(path), "--create", "account", "add", "Acme"]) == 0
    assert main(["--db", str(path), "contact", "add", "--account", "Acme",
                 "--name", "Zhang Wei"]) == 0
    return path


def refused(capsys, path, *args) -> str:
    """Run the CLI; assert exit 2, one line, the database unchanged; the line."""
    capsys.readouterr()
    before = dump(path)
    code = main(["--db", str(path), *args])
    err = capsys.readouterr().err
    assert code == 2, (args, code, err)
    assert err.count("\n") == 1 and "Error:" not in err and "Traceback" not in err, err
    assert dump(path) == before
    return err


LOG = ["log", "--account", "Acme", "--kind", "call", "--summary", "s"]


@pytest.mark.parametrize("args, field", [
    (LOG + ["--date", "9999-12-31", "--next", "x@+1w"], "date"),
    (LOG + ["--date", "2026-11-27", "--next", "x@+9999y"], "next"),
    (LOG + ["--date", "2026-11-27", "--next", "x@2201-01-01"], "next"),
    (["agenda", "--from", "0001-01-01"], "from"),
    (["health", "--as-of", "9999-12-31"], "as-of"),
    (["alerts", "--as-of", ""], "as-of"),
    (["metrics", "--period", "0000Q1"], "period"),
    (["metrics", "--period", "9999Q4"], "period"),
    (["account", "add", "Big", "--revenue", "1" + "0" * 30], "revenue"),
    (["account", "add", "Big", "--renewal", "1899-12-31"], "renewal"),
    (LOG + ["--date", "2026-11-27", "--settle", "²"], "settle"),
    (LOG + ["--date", "2026-11-27", "--sentiment", "٣"], "sentiment"),
    (LOG + ["--date", "２０２６-11-27"], "date"),
    (["survey", "--account", "Acme", "--kind", "nps", "--score", "①"], "score"),
    (["order", "add", "--account", "Acme", "--amount", "1,5"], "amount"),
    (["order", "add", "--account", "Acme", "--amount", "1e30"], "amount"),
])
def test_each_bad_input_gets_one_line_naming_its_field(acme, capsys, args, field):
    err = refused(capsys, acme, *args)
    assert f" {field}" in err or f"{field}=" in err, err


def test_dates_at_the_edges_of_the_range_are_accepted(acme, capsys):
    for day in ("1900-01-01", "2200-12-31"):
        assert main(["--db", str(acme), *LOG, "--date", day]) == 0
    assert main(["--db", str(acme), "order", "add", "--account", "Acme", "--amount",
                 "1,500"]) == 0


def test_an_argument_that_is_not_utf8_is_refused(acme):
    r = subprocess.run([sys.executable, "-m", "keyaccounts", "--db", str(acme), "account",
                        "add", b"M\xfcller".decode("utf-8", "surrogateescape")],
                       cwd=ROOT, capture_output=True, text=True, errors="replace")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "UTF-8" in r.stderr


NASTY = st.sampled_from([
    "", " ", "0", "-1", "1", "2", "+1w", "+9999y", "-9999y", "9999-12-31", "0001-01-01",
    "1900-01-01", "2200-12-31", "2201-01-01", "2026-02-30", "2026-11-27", "next fri", "下周五",
    "²", "①", "٣", "１２", "1e30", "1" + "0" * 25, "1,5", "1,500", "NaN", "\x00", "\u202e",
    "x@+1w", "x@9999-12-31", "1=2026-12-01", "1=+9999y", "Acme", "nobody", "2026Q1",
    "0000Q1", "9999Q4",
]) | st.text(max_size=12)

COMMANDS = [
    lambda a: LOG + ["--date", a[0], "--next", a[1], "--sentiment", a[2]],
    lambda a: LOG + ["--date", "2026-11-27", "--settle", a[0], "--carry", a[1]],
    lambda a: ["agenda", "--from", a[0]],
    lambda a: ["health", "--as-of", a[0]],
    lambda a: ["alerts", "--as-of", a[0]],
    lambda a: ["metrics", "--period", a[0]],
    lambda a: ["account", "add", f"N{a[1]}", "--revenue", a[0], "--renewal", a[2]],
    lambda a: ["order", "add", "--account", "Acme", "--amount", a[0], "--date", a[1]],
    lambda a: ["survey", "--account", "Acme", "--kind", "nps", "--score", a[0]],
    lambda a: ["churn", "--account", "Acme", "--reason", "other", "--value", a[0],
               "--date", a[1]],
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(range(len(COMMANDS))),
       values=st.lists(NASTY, min_size=3, max_size=3))
def test_any_arguments_change_the_database_or_leave_it_as_it_was(acme, capsys, command,
                                                                  values):
    args = COMMANDS[command](values)
    capsys.readouterr()
    before = dump(acme)
    code = main(["--db", str(acme), *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Error:" not in err, (args, err)
    assert code in (0, 2), (args, code, err)
    if code == 2:
        assert err.count("\n") == 1, err
        assert dump(acme) == before


def _export(tmp_path) -> dict:
    db = tmp_path / "full.sqlite3"
    assert main(["--db", str(db), "--create", "account", "add", "Acme"]) == 0
    assert main(["--db", str(db), "account", "add", "Beta"]) == 0
    assert main(["--db", str(db), *LOG, "--date", "2026-11-27", "--next", "x@+1w"]) == 0
    out = tmp_path / "all.json"
    assert main(["--db", str(db), "export", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _damages(doc: dict):
    def with_change(change):
        d = json.loads(json.dumps(doc))
        change(d)
        return d

    t = lambda d: d["tables"]  # noqa: E731
    yield "account[1].status", with_change(lambda d: t(d)["account"][0].update(
        status="bogus"))
    yield "account[1].id", with_change(lambda d: t(d)["account"][0].update(id="one"))
    yield "account[1].id", with_change(lambda d: t(d)["account"][0].pop("id"))
    yield "account[2]", with_change(lambda d: t(d)["account"][1].update(
        name=t(d)["account"][0]["name"]))
    yield "account[1].name", with_change(lambda d: t(d)["account"][0].update(name=None))
    yield "interaction[1]", with_change(lambda d: t(d)["interaction"][0].update(sentiment=9))
    yield "tables", with_change(lambda d: d.pop("tables"))
    yield "tables", with_change(lambda d: d.update(tables=[1, 2]))
    yield "tables.account", with_change(lambda d: t(d).update(account={"id": 1}))
    yield "account[1].name", with_change(lambda d: t(d)["account"][0].update(
        name="x" * 100_000))
    yield "interaction[1].occurred_at", with_change(lambda d: t(d)["interaction"][0].update(
        occurred_at="0001-01-01T00:00:00"))
    yield "newer version", with_change(lambda d: d.update(schema="9999"))
    yield "account[1].name", with_change(lambda d: t(d)["account"][0].update(
        name="Acme\x1b[2J"))
    yield "account[2].name", with_change(lambda d: t(d)["account"][1].update(name="ＡＣＭＥ"))
    # the lengths the services hold a log to (storage.model.text_limit), not the database's
    yield "interaction[1].our_participants", with_change(
        lambda d: t(d)["interaction"][0].update(our_participants="x" * 1001))
    yield "interaction[1].gift", with_change(
        lambda d: t(d)["interaction"][0].update(gift="x" * 501))


def test_an_import_and_a_log_hold_text_to_the_same_lengths(tmp_path, capsys):
    """One set of limits for every way in: what `log` refuses, an import refuses too,
    and what `log` takes, an export of it brings back in."""
    db = tmp_path / "k.sqlite3"
    assert main(["--db", str(db), "--create", "account", "add", "Acme"]) == 0
    for flag, limit in (("--ours", 1000), ("--gift", 500)):
        refused(capsys, db, *LOG, "--date", "2026-11-27", flag, "y" * (limit + 1))
        assert main(["--db", str(db), *LOG, "--date", "2026-11-27", flag, "y" * limit]) == 0
    out = tmp_path / "all.json"
    assert main(["--db", str(db), "export", "json", "-o", str(out)]) == 0
    target = tmp_path / "copy.sqlite3"
    assert main(["--db", str(target), "--create", "import", str(out)]) == 0
    capsys.readouterr()
    assert main(["--db", str(target), "history", "--account", "Acme", "--json"]) == 0
    assert "y" * 1000 in capsys.readouterr().out


def test_a_damaged_json_export_is_refused_naming_the_record(tmp_path, capsys):
    doc = _export(tmp_path)
    for n, (where, damaged) in enumerate(_damages(doc)):
        source = tmp_path / f"damaged{n}.json"
        source.write_text(json.dumps(damaged), encoding="utf-8")
        target = tmp_path / f"empty{n}.sqlite3"
        assert main(["--db", str(target), "--create", "accounts"]) == 0
        err = refused(capsys, target, "import", str(source))
        assert where in err, (where, err)


@pytest.mark.parametrize("lookalike", [
    "acme", "ＡＣＭＥ", "Acme ", " Acme", "Ac\u200bme", "ACME"])
def test_a_name_that_looks_the_same_is_the_same_account(acme, capsys, lookalike):
    err = refused(capsys, acme, "account", "add", lookalike)
    assert "exists already: Acme" in err
    capsys.readouterr()
    assert main(["--db", str(acme), *LOG, "--date", "2026-11-27"]) == 0
    LOOK = ["log", "--account", lookalike, "--kind", "call", "--summary", "s"]
    assert main(["--db", str(acme), *LOOK, "--date", "2026-11-28"]) == 0
    capsys.readouterr()
    assert main(["--db", str(acme), "accounts", "--json"]) == 0
    assert [a["name"] for a in json.loads(capsys.readouterr().out)] == ["Acme"]


def test_double_spaces_are_one_name(tmp_path, capsys):
    db = tmp_path / "ka.sqlite3"
    assert main(["--db", str(db), "--create", "account", "add", "Acme  Foods"]) == 0
    err = refused(capsys, db, "account", "add", "acme foods")
    assert "Acme  Foods" in err


def _int_flags():
    """Every whole-number flag and argument of every command: (command words, option)."""
    import argparse

    from keyaccounts.cli.common import whole_number
    from keyaccounts.cli.main import build_parser

    def walk(parser, words):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    yield from walk(child, [*words, name])
            elif action.type is whole_number:
                yield words, action

    return list(walk(build_parser(), []))


def test_a_huge_number_on_any_whole_number_flag_is_one_line(acme, capsys):
    flags = _int_flags()
    assert len(flags) >= 10
    for words, action in flags:
        if words[0] in ("bench", "demo"):
            continue
        for value in ("1" + "0" * 30, "-" + "9" * 25, "²"):
            if action.option_strings:
                args = [*words, f"{action.option_strings[-1]}={value}"]
            else:
                args = [*words, "--", value]
            capsys.readouterr()
            before = dump(acme)
            code = main(["--db", str(acme), *args])
            err = capsys.readouterr().err
            assert code == 2 and err.count("\n") == 1 and "Error:" not in err, (args, err)
            assert dump(acme) == before


def test_churn_twice_is_refused_keeping_the_first(acme, capsys):
    assert main(["--db", str(acme), "churn", "--account", "Acme", "--reason", "attracted",
                 "--value", "100", "--date", "2026-11-01"]) == 0
    err = refused(capsys, acme, "churn", "--account", "Acme", "--reason", "other",
                  "--value", "5", "--date", "2026-11-02")
    assert "churned already on 2026-11-01 (attracted)" in err
    assert main(["--db", str(acme), "recovery", "outcome", "--account", "Acme", "--outcome",
                 "won-back", "--date", "2026-12-01"]) == 0
    # Won back, it may be lost again.
    assert main(["--db", str(acme), "churn", "--account", "Acme", "--reason", "other",
                 "--value", "5", "--date", "2027-01-02"]) == 0


@pytest.mark.parametrize("lookalike", ["zhang wei", "ＺＨＡＮＧ WEI", "Zhang  Wei",
                                       "Zhang \u200bWei "])
def test_a_contact_name_that_looks_the_same_is_the_same_contact(acme, capsys, lookalike):
    err = refused(capsys, acme, "contact", "add", "--account", "Acme", "--name", lookalike)
    assert "exists already: Zhang Wei" in err
    assert main(["--db", str(acme), *LOG, "--date", "2026-11-27", "--with", lookalike]) == 0
    # Another account may have its own Zhang Wei.
    assert main(["--db", str(acme), "account", "add", "Beta"]) == 0
    assert main(["--db", str(acme), "contact", "add", "--account", "Beta", "--name",
                 lookalike]) == 0


def test_stored_text_is_printed_with_its_control_characters_visible(acme, capsys):
    import sqlite3

    con = sqlite3.connect(acme)  # as an older version or another tool left it
    con.execute("UPDATE account SET name = 'Ac\x1b[2Jme\u202e', notes = 'a\x07b'")
    con.commit()
    con.close()
    capsys.readouterr()
    for args in (["accounts"], ["contacts"], ["accounts", "--json"]):
        assert main(["--db", str(acme), *args]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\u202e" not in out, out
        assert "\\x1b[2J" in out or "\\u001b[2J" in out, out
    assert json.loads(out)[0]["name"] == "Ac\x1b[2Jme\u202e"  # the same data in JSON
