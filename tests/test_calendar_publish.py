"""``calendar publish``: the agenda in a real CalDAV server (Radicale, started here on
127.0.0.1), read back with an independent client (the caldav library's own objects,
not the app's code): added, carried, settled, published twice, other events untouched,
and one clear line for a bad address, a server that is down and a wrong password."""

from __future__ import annotations

import io
import json

import caldav
import pytest

from keyaccounts.cli.main import main
from keyaccounts.storage.db import open_database
from tests.radicale_server import free_port, radicale

pytestmark = pytest.mark.sqlite_only  # the agenda's queries are tested on both engines
TODAY = "2026-11-28"
FOREIGN = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Someone else//EN
BEGIN:VEVENT
UID:dentist-2026@example.com
DTSTAMP:20261101T080000Z
DTSTART:20261201T090000Z
DTEND:20261201T100000Z
SUMMARY:Dentist
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with radicale(tmp_path_factory.mktemp("radicale"),
                  {"anna": "secret", "bob": "bobs-own"}) as url:
        yield url


@pytest.fixture
def cli(tmp_path, capsys, monkeypatch):
    target = str(tmp_path / "k.sqlite3")
    open_database(target).close()

    def run(*args, stdin: str | None = None):
        if stdin is not None:
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--db", target, *args])
        out, err = capsys.readouterr()
        return code, out, err

    run.path = target
    return run


def seed(cli):
    assert cli("account", "add", "华为", "--tier", "A", "--renewal", "2027-03-01")[0] == 0
    assert cli("contact", "add", "--account", "华为", "--name", "张伟", "--level", "exec",
               "--birthday", "1975-12-15")[0] == 0
    code, out, _ = cli("log", "--account", "华为", "--kind", "visit", "--date", "2026-11-20",
                       "--with", "张伟", "--summary", "Kick-off",
                       "--next", "Send proposal@2026-11-27", "--next", "Call back@2026-12-04")
    assert code == 0, out


def new_calendar(url: str, user: str, password: str, name: str):
    """A calendar made, and later read, by the caldav library directly."""
    principal = caldav.DAVClient(url=url, username=user, password=password).principal()
    return principal.make_calendar(name=name)


def events(cal) -> dict[str, object]:
    """UID -> the VEVENT, as the server has them now."""
    out = {}
    for obj in cal.events():
        component = obj.icalendar_component
        out[str(component["uid"])] = component
    return out


def publish(cli, url, *more, password="secret", user="anna"):
    return cli("calendar", "publish", url, "--user", user, "--password-stdin",
               "--today", TODAY, "--json", *more, stdin=password + "\n")


def test_publish_carry_settle_and_again(cli, server):
    seed(cli)
    cal = new_calendar(server, "anna", "secret", "Work")
    cal.save_event(FOREIGN)
    code, out, err = cli("agenda", "--today", TODAY, "--days", "90", "--json")
    agenda = json.loads(out)
    assert any(i["kind"] == "birthday" for i in agenda)

    code, out, err = publish(cli, str(cal.url))
    assert (code, err) == (0, "")
    first = json.loads(out)
    assert first["added"] == len(agenda) and first["updated"] == first["deleted"] == 0
    found = events(cal)
    assert len(found) == len(agenda) + 1 and "dentist-2026@example.com" in found
    ours = {u: e for u, e in found.items() if u.endswith("@keyaccounts.local")}
    proposal = [e for e in ours.values() if "Send proposal" in str(e["summary"])]
    assert len(proposal) == 1  # overdue: shown today, where it will be seen
    assert proposal[0].decoded("dtstart").isoformat() == TODAY
    assert str(proposal[0]["summary"]).startswith("! Send proposal — 华为")
    call_back = [u for u, e in ours.items() if "Call back" in str(e["summary"])]
    assert len(call_back) == 1
    assert ours[call_back[0]].decoded("dtstart").isoformat() == "2026-12-04"
    assert all(e.walk("VALARM") for e in ours.values())

    # a second run with nothing changed writes nothing
    code, out, err = publish(cli, str(cal.url))
    assert code == 0
    assert json.loads(out) == dict(first, added=0, unchanged=len(agenda))
    assert set(events(cal)) == set(found)

    # carry "Call back" to 10 December: the same event moves
    assert cli("followup", "carry", "2", "--to", "2026-12-10", "--today", TODAY)[0] == 0
    code, out, err = publish(cli, str(cal.url))
    assert (json.loads(out)["added"], json.loads(out)["updated"]) == (0, 1)
    after = events(cal)
    assert set(after) == set(found)
    assert after[call_back[0]].decoded("dtstart").isoformat() == "2026-12-10"

    # settle "Send proposal": its event goes, the dentist stays as it was
    assert cli("followup", "settle", "1", "--today", TODAY)[0] == 0
    code, out, err = publish(cli, str(cal.url))
    assert (json.loads(out)["deleted"], json.loads(out)["added"]) == (1, 0)
    after = events(cal)
    assert not [e for e in after.values() if "Send proposal" in str(e["summary"])]
    assert len(after) == len(found) - 1
    assert after["dentist-2026@example.com"].to_ical() == found[
        "dentist-2026@example.com"].to_ical()

    # only some kinds: the rest of what the app wrote leaves, the dentist stays
    code, out, err = publish(cli, str(cal.url), "--kinds", "follow-up")
    assert code == 0
    left = events(cal)
    assert {str(e["categories"].cats[0]) for u, e in left.items()
            if u.endswith("@keyaccounts.local")} == {"follow-up"}
    assert "dentist-2026@example.com" in left


def test_by_name_saved_for_later_and_password_in_the_keyring(cli, server, tmp_path,
                                                            monkeypatch):
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    # a file keyring of the test's own stands for the system's
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring.cfg")
    monkeypatch.setattr(keyring.core, "_keyring_backend", ring)
    seed(cli)
    code, out, err = cli("calendar", "publish", server, "--user", "bob", "--calendar",
                         "客户拜访", "--password-stdin", "--keyring", "--save", "--today",
                         TODAY, stdin="bobs-own\n")
    assert (code, err) == (0, ""), err
    assert "added" in out
    principal = caldav.DAVClient(url=server, username="bob", password="bobs-own").principal()
    [cal] = [c for c in principal.calendars() if c.get_display_name() == "客户拜访"]
    assert events(cal)
    # the database keeps where, never the password; the keyring keeps that
    with open(cli.path, "rb") as f:
        assert b"bobs-own" not in f.read()
    assert keyring.get_password("KeyAccounts CalDAV", f"bob@{server}") == "bobs-own"
    # later: no address, no password given
    code, out, err = cli("calendar", "publish", "--today", TODAY, "--json", stdin="")
    assert (code, err) == (0, "")
    assert json.loads(out)["added"] == 0 and json.loads(out)["unchanged"] == len(events(cal))


@pytest.mark.parametrize("case", ["wrong password", "server down", "bad address",
                                  "no calendar", "not a calendar", "no password"])
def test_one_clear_line_and_exit_2(cli, server, case):
    seed(cli)
    args = {"wrong password": [server + "anna/", "--user", "anna", "--password-stdin"],
            "server down": [f"http://127.0.0.1:{free_port()}/cal/", "--user", "anna",
                            "--password-stdin"],
            "bad address": ["ftp://example.com/cal"],
            "no calendar": [server + "anna/nothing-here/", "--user", "anna",
                            "--password-stdin"],
            "not a calendar": [server + "anna/", "--user", "anna", "--password-stdin"],
            "no password": [server + "anna/", "--user", "anna"]}[case]
    stdin = {"wrong password": "not-it\n", "no password": ""}.get(case, "secret\n")
    code, out, err = cli("calendar", "publish", *args, "--today", TODAY, stdin=stdin)
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1, err
    assert {"wrong password": "refused the user name or password",
            "server down": "cannot reach the server",
            "bad address": "expected the calendar's address",
            "no calendar": "no calendar at this address",
            "not a calendar": "not a calendar",
            "no password": "--password-stdin"}[case] in err
