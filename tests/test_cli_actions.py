"""The CLI does what a user can do in the app: each action through the same service, on
real SQLite files; bad input is one line naming the field, exit 2, the database unchanged."""

import json

import pytest

from keyaccounts.cli import main
from tests.conftest import dump


@pytest.fixture
def cli(tmp_path, capsys):
    path = tmp_path / "actions.sqlite3"

    def run(*args):
        code = main(["--db", str(path), *args])
        out, err = capsys.readouterr()
        return code, out, err

    def ok(*args):
        code, out, err = run(*args)
        assert code == 0, err
        return json.loads(out) if "--json" in args else out

    run.path, run.ok = path, ok
    ok("--create", "account", "add", "华为", "--tier", "A", "--renewal", "2027-03-01")
    ok("account", "add", "Acme")
    ok("contact", "add", "--account", "华为", "--name", "张伟", "--level", "exec",
       "--role", "decision-maker", "--email", "zw@example.com")
    ok("contact", "add", "--account", "华为", "--name", "李娜", "--title", "采购经理")
    ok("log", "--account", "华为", "--kind", "visit", "--date", "2026-11-20", "--with", "张伟",
       "--summary", "Kick-off", "--next", "Send proposal@2026-11-27",
       "--next", "Call back@2026-12-04")
    ok("log", "--account", "Acme", "--kind", "call", "--date", "2026-11-21",
       "--summary", "hello", "--next", "theirs@2026-11-30")
    return run


def followups(cli):
    return {f["id"]: f for f in cli.ok("followups", "--json")}


# --- accounts -------------------------------------------------------------------------


def test_account_edit_changes_every_field(cli):
    a = cli.ok("account", "edit", "华为", "--name", "华为技术", "--tier", "B",
               "--tier-basis", "strategic-fit", "--tier-note", "a reference customer",
               "--industry", "通信", "--owner", "王芳", "--renewal", "2027-06-30",
               "--revenue", "1,200,000", "--status", "at-risk", "--notes", "n", "--json")
    assert (a["name"], a["tier"], a["tier_basis"], a["tier_note"], a["industry"], a["owner"],
            a["renewal"], a["annual_revenue"], a["status"], a["notes"]) == (
        "华为技术", "B", "strategic-fit", "a reference customer", "通信", "王芳",
        "2027-06-30", 1200000, "at-risk", "n")
    cleared = cli.ok("account", "edit", "华为技术", "--renewal", "", "--revenue", "", "--json")
    assert cleared["renewal"] is None and cleared["annual_revenue"] is None
    assert cleared["tier"] == "B"  # what was not named stays
    code, out, _ = cli("account", "edit", "Acme", "--owner", "Li")
    assert code == 0 and "Acme" in out


def test_account_archive_and_restore(cli):
    a = cli.ok("account", "archive", "Acme", "--json")
    assert a["archived"] is True
    assert [x["name"] for x in cli.ok("accounts", "--json")] == ["华为"]
    assert {x["name"] for x in cli.ok("accounts", "--all", "--json")} == {"华为", "Acme"}
    assert "Acme" in cli.ok("account", "restore", "Acme")
    assert {x["name"] for x in cli.ok("accounts", "--json")} == {"华为", "Acme"}


# --- contacts -------------------------------------------------------------------------


def test_contact_edit_changes_every_field(cli):
    c = cli.ok("contact", "edit", "2", "--name", "李娜娜", "--title", "采购总监",
               "--level", "mgmt", "--role", "influencer", "--attitude", "supportive",
               "--email", "ln@example.com", "--email", "li@example.cn", "--phone", "+86 10 1234",
               "--birthday", "08-15", "--lunar", "--notes", "likes tea",
               "--joined", "2020-01-01", "--reports-to", "张伟", "--json")
    assert (c["name"], c["title"], c["level"], c["role"], c["attitude"], c["emails"],
            c["phones"], c["joined"], c["reports_to"]) == (
        "李娜娜", "采购总监", "mgmt", "influencer", "supportive",
        ["ln@example.com", "li@example.cn"], ["+86 10 1234"], "2020-01-01", "张伟")
    assert c["birthday"] == {"month": 8, "day": 15, "year": None, "lunar": True,
                             "leap": False}
    assert "private_notes" not in c
    c = cli.ok("contact", "edit", "2", "--email", "", "--birthday", "", "--reports-to", "",
               "--json")
    assert c["emails"] == [] and c["birthday"] is None and c["reports_to"] is None
    assert c["title"] == "采购总监"


def test_contact_archive_restore_and_left(cli):
    cli.ok("contact", "archive", "2")
    assert [c["name"] for c in cli.ok("contacts", "--json")] == ["张伟"]
    cli.ok("contact", "restore", "2")
    f = cli.ok("contact", "left", "1", "--on", "2026-11-25", "--successor", "李娜", "--json")
    assert f["due"] == "2026-12-25" and "李娜" in f["text"] and "张伟" in f["text"]
    assert f["status"] == "open" and f["opened_on"] == "2026-11-25"
    people = {c["name"]: c for c in cli.ok("contacts", "--json")}
    assert people["张伟"]["left"] == "2026-11-25"
    # Leaving twice is refused; nothing changes.
    before = dump(cli.path)
    code, out, err = cli("contact", "left", "1", "--on", "2026-11-26")
    assert code == 2 and out == "" and "has already left" in err
    assert dump(cli.path) == before


# --- the chain --------------------------------------------------------------------------


def test_interaction_edit(cli):
    i = cli.ok("interaction", "edit", "1", "--summary", "Kick-off, revised", "--sentiment", "2",
               "--kind", "exec-meeting", "--with", "张伟", "--with", "李娜",
               "--date", "2026-11-19 09:30", "--channel", "WeCom", "--json")
    assert (i["summary"], i["sentiment"], i["kind"], i["contacts"], i["date"], i["time"],
            i["channel"]) == ("Kick-off, revised", 2, "exec-meeting", ["张伟", "李娜"],
                              "2026-11-19", "09:30", "WeCom")
    assert [f["id"] for f in i["opened"]] == [1, 2]
    assert followups(cli)[1]["opened_on"] == "2026-11-19"  # the chain moves with it


def test_interaction_edit_refuses_to_rewrite_the_chain(cli):
    cli.ok("log", "--account", "华为", "--kind", "call", "--date", "2026-11-25",
           "--summary", "s", "--settle", "1")
    before = dump(cli.path)
    # Interaction 3 settles follow-up 1 (opened on 11-20): it cannot move before that.
    code, out, err = cli("interaction", "edit", "3", "--date", "2026-11-18")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "follow-up 1" in err and "2026-11-20" in err
    assert dump(cli.path) == before


def test_interaction_delete_states_what_happens_to_the_chain(cli):
    cli.ok("log", "--account", "华为", "--kind", "call", "--date", "2026-11-25",
           "--summary", "s", "--settle", "1", "--carry", "2=2026-12-20", "--next", "new@+1w")
    # Interaction 3 settled 1, carried 2 to 4, opened 5.
    code, out, _ = cli("interaction", "delete", "3")
    assert code == 0
    assert "follow-up 1 is open again" in out and "follow-up 2 is open again" in out
    assert "follow-up 4 removed" in out and "follow-up 5 kept" in out
    fus = followups(cli)
    assert fus[1]["status"] == fus[2]["status"] == fus[5]["status"] == "open"
    assert 4 not in fus and "deleted" in fus[5]["origin"]
    assert [c["id"] for c in cli.ok("history", "--account", "华为", "--json")] == [1]


def test_interaction_delete_json(cli):
    assert cli.ok("interaction", "delete", "2", "--json") == {
        "id": 2, "reopened": [], "removed": [], "kept": [3]}


def test_value_add_list(cli):
    cli.ok("log", "--account", "华为", "--kind", "value-add", "--date", "2026-11-22",
           "--summary", "Industry report", "--with", "李娜")
    cli.ok("log", "--account", "Acme", "--kind", "value-add", "--date", "2027-01-05",
           "--summary", "Introduction")
    found = cli.ok("value-add", "list", "--json")
    assert [(v["account"], v["summary"], v["date"]) for v in found] == [
        ("Acme", "Introduction", "2027-01-05"), ("华为", "Industry report", "2026-11-22")]
    assert found[1]["contacts"] == ["李娜"]
    assert [v["summary"] for v in cli.ok("value-add", "list", "--account", "华为",
                                         "--json")] == ["Industry report"]
    assert [v["summary"] for v in cli.ok("value-add", "list", "--period", "2027Q1",
                                         "--json")] == ["Introduction"]


# --- follow-ups and the agenda's actions ------------------------------------------------


def test_followup_add_settle_carry(cli):
    f = cli.ok("followup", "add", "--account", "Acme", "Send the contract@+3d",
               "--today", "2026-11-28", "--json")
    assert (f["id"], f["text"], f["due"], f["opened_on"]) == (
        4, "Send the contract", "2026-12-01", "2026-11-28")
    s = cli.ok("followup", "settle", "4", "--today", "2026-11-29", "--json")
    assert (s["status"], s["closed_on"]) == ("settled", "2026-11-29")
    c = cli.ok("followup", "carry", "3", "--to", "2026-12-15", "--today", "2026-11-28",
               "--json")
    assert (c["id"], c["due"], c["carried_from"]) == (5, "2026-12-15", 3)
    assert followups(cli)[3]["status"] == "carried"
    code, out, _ = cli("followup", "settle", "1", "--today", "2026-11-28")
    assert code == 0 and "Send proposal" in out


def test_followup_reschedule_snooze_done(cli):
    cli.ok("followup", "reschedule", "1", "--to", "2026-12-10", "--today", "2026-11-28")
    fus = followups(cli)
    assert fus[1]["status"] == "carried" and fus[4]["due"] == "2026-12-10"

    cli.ok("followup", "snooze", "2", "--days", "7", "--today", "2026-11-28")
    agenda = lambda day: [i["source_id"] for i in cli.ok(  # noqa: E731
        "agenda", "--today", day, "--days", "30", "--json") if i["kind"] == "follow-up"]
    assert 2 not in agenda("2026-11-28")
    assert 2 in agenda("2026-12-05")
    assert followups(cli)[2]["status"] == "open"  # hidden, not closed

    done = cli.ok("followup", "done", "3", "--today", "2026-11-28", "--json")
    assert done["done_on"] == "2026-11-28"
    assert followups(cli)[3]["status"] == "settled"


def test_done_and_snooze_on_an_agenda_item_by_key(cli):
    cli.ok("contact", "edit", "2", "--birthday", "12-03")
    items = [i for i in cli.ok("agenda", "--from", "2026-11-28", "--days", "14", "--json")
             if i["kind"] == "birthday"]
    assert len(items) == 1
    key = items[0]["key"]
    cli.ok("followup", "done", key, "--today", "2026-12-01")
    assert not [i for i in cli.ok("agenda", "--from", "2026-11-28", "--days", "14", "--json")
                if i["kind"] == "birthday"]


# --- cadences ---------------------------------------------------------------------------


def test_cadence_add_list_edit_remove(cli):
    c = cli.ok("cadence", "add", "--account", "华为", "--kinds", "visit,exec-meeting",
               "--title", "Top-level", "--level", "exec", "--every", "30/45", "--json")
    assert (c["id"], c["mode"], c["kinds"], c["level"], c["ideal_days"], c["max_days"]) == (
        1, "interval", ["visit", "exec-meeting"], "exec", 30, 45)
    r = cli.ok("cadence", "add", "--account", "Acme", "--kinds", "review",
               "--rule", "FREQ=MONTHLY;BYDAY=1MO", "--starts", "2027-01-01", "--json")
    assert (r["mode"], r["rrule"], r["starts_on"], r["tolerance_days"]) == (
        "schedule", "FREQ=MONTHLY;BYDAY=1MO", "2027-01-01", 7)
    assert [x["id"] for x in cli.ok("cadence", "list", "--json")] == [2, 1]  # by account
    e = cli.ok("cadence", "edit", "1", "--every", "20", "--json")
    assert (e["ideal_days"], e["max_days"], e["kinds"], e["title"], e["level"]) == (
        20, 20, ["visit", "exec-meeting"], "Top-level", "exec")
    e = cli.ok("cadence", "edit", "1", "--level", "", "--tolerance", "3", "--json")
    assert e["level"] is None and e["tolerance_days"] == 3 and e["ideal_days"] == 20
    code, out, _ = cli("cadence", "list")
    assert code == 0 and "Top-level" in out
    cli.ok("cadence", "remove", "1")
    assert [x["id"] for x in cli.ok("cadence", "list", "--account", "华为", "--json")] == []


# --- needs, gifts, alerts, settings, search ---------------------------------------------


def test_need_add_list_meet(cli):
    n = cli.ok("need", "add", "--account", "华为", "--concern", "Faster delivery",
               "--expectation", "2 weeks", "--today", "2026-11-28", "--json")
    assert n == {"id": 1, "period": "2026Q4"}
    cli.ok("need", "add", "--account", "华为", "--concern", "Price", "--period", "2027Q1")
    review = cli.ok("need", "list", "--account", "华为", "--period", "2027Q1", "--json")
    assert [x["concern"] for x in review["needs"]] == ["Price"]
    assert [x["concern"] for x in review["still_unmet"]] == ["Faster delivery"]
    cli.ok("need", "meet", "1")
    review = cli.ok("need", "list", "--account", "华为", "--period", "2027Q1", "--json")
    assert review["still_unmet"] == []
    this = cli.ok("need", "list", "--account", "华为", "--today", "2026-11-28", "--json")
    assert this["period"] == "2026Q4" and this["needs"][0]["met"] is True


def test_gifts_and_the_gift_limit(cli):
    cli.ok("log", "--account", "华为", "--kind", "care", "--date", "2026-11-22",
           "--with", "李娜", "--summary", "Mid-autumn", "--gift", "月饼", "--gift-value", "300")
    cli.ok("log", "--account", "华为", "--kind", "care", "--date", "2026-11-23",
           "--with", "张伟", "--summary", "Tea", "--gift", "茶叶", "--gift-value", "500")
    assert cli.ok("gifts", "--contact", "2", "--json") == [
        {"day": "2026-11-22", "contact": "李娜", "gift": "月饼", "value": 300}]
    code, out, _ = cli("gifts", "--contact", "1")
    assert code == 0 and "茶叶" in out and "月饼" not in out

    cli.ok("settings", "set", "care.gift_limit", "400")
    before = dump(cli.path)
    code, out, err = cli("log", "--account", "华为", "--kind", "care", "--date", "2026-11-24",
                         "--summary", "x", "--gift", "酒", "--gift-value", "800")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "gift_value" in err and "800" in err and "400" in err
    assert dump(cli.path) == before
    cli.ok("log", "--account", "华为", "--kind", "care", "--date", "2026-11-24",
           "--summary", "x", "--gift", "花", "--gift-value", "400")


def test_alert_act_and_dismiss(cli):
    found = cli.ok("alerts", "--today", "2026-12-20", "--json")
    chain = [a for a in found if a["kind"] == "broken-chain"]
    assert {a["account"] for a in chain} == {"华为", "Acme"}
    assert all(a["id"] for a in found) and len({a["id"] for a in found}) == len(found)
    huawei = next(a for a in chain if a["account"] == "华为")
    acme = next(a for a in chain if a["account"] == "Acme")
    f = cli.ok("alert", "act", huawei["id"], "--today", "2026-12-20", "--json")
    assert f["due"] == "2026-12-27" and f["text"] == huawei["suggested_action"]
    cli.ok("alert", "dismiss", acme["id"], "--reason", "They are on holiday",
           "--today", "2026-12-20")
    left = {a["id"] for a in cli.ok("alerts", "--today", "2026-12-20", "--json")}
    assert huawei["id"] not in left and acme["id"] not in left
    before = dump(cli.path)
    code, _, err = cli("alert", "act", huawei["id"], "--today", "2026-12-20")
    assert code == 2 and "alert" in err and huawei["id"] in err
    assert dump(cli.path) == before


def test_settings_get_set_list(cli):
    listed = cli.ok("settings", "list", "--json")
    keys = {s["key"] for s in listed}
    assert {"care.gift_limit", "complaints.deadline_days"} <= keys
    assert all({"key", "value", "default", "meaning"} <= s.keys() for s in listed)
    cli.ok("settings", "set", "care.gift_limit", "1000")
    assert cli.ok("settings", "get", "care.gift_limit", "--json") == 1000
    code, out, _ = cli("settings", "get", "care.gift_limit")
    assert code == 0 and out.strip() == "1000"
    # A mapping may name some of its entries; the others keep their defaults.
    leads = cli.ok("settings", "set", "care.lead_days", "birthday=10, festival=3", "--json")
    assert leads == {"birthday": 10, "anniversary": 3, "festival": 3, "renewal": 0}
    assert cli.ok("settings", "get", "care.lead_days", "--json") == leads
    code, out, _ = cli("settings", "set", "care.festivals", "公司周年 05-20; 老板生日 lunar 03-03")
    assert code == 0 and out.strip() == "公司周年 05-20; 老板生日 lunar 03-03"
    assert [f["name"] for f in cli.ok("settings", "get", "care.festivals", "--json")] == [
        "公司周年", "老板生日"]
    # An empty value restores the default.
    assert cli.ok("settings", "set", "care.gift_limit", "", "--json") is None
    assert {s["key"]: s["value"] for s in cli.ok("settings", "list", "--json")}[
        "care.gift_limit"] is None


def test_search(cli):
    hits = cli.ok("search", "kick", "--json")
    assert [(h["kind"], h["id"], h["account"]) for h in hits] == [("interaction", 1, "华为")]
    hits = cli.ok("search", "张", "--json")
    assert [(h["kind"], h["title"]) for h in hits] == [("contact", "张伟")]
    code, out, _ = cli("search", "Acme")
    assert code == 0 and "Acme" in out


# --- one clock ----------------------------------------------------------------------------


def test_today_sets_the_day_of_day_dependent_commands(cli):
    late = lambda day: [i["source_id"] for i in cli.ok(  # noqa: E731
        "agenda", "--today", day, "--days", "3", "--json")
        if i["kind"] == "follow-up" and i["overdue"]]
    assert late("2026-11-28") == [1]
    assert late("2026-12-05") == [1, 3, 2]
    code, out, _ = cli("followups", "--today", "2026-11-28")
    assert code == 0 and "open !" in out
    h = cli.ok("health", "--today", "2026-11-28", "--json")
    assert {x["as_of"] for x in h} == {"2026-11-28"}


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("args, field, value", [
    (["account", "edit", "Nobody", "--tier", "A"], "account", "Nobody"),
    (["account", "edit", "华为", "--tier", "Z"], "tier", "Z"),
    (["account", "edit", "华为", "--name", "Acme"], "name", "Acme"),
    (["account", "edit", "华为", "--renewal", "2027-02-30"], "renewal", "2027-02-30"),
    (["account", "edit", "华为", "--revenue", "lots"], "revenue", "lots"),
    (["account", "edit", "华为", "--status", "sleeping"], "status", "sleeping"),
    (["account", "edit", "华为"], "account", "华为"),
    (["account", "archive", "Nobody"], "account", "Nobody"),
    (["contact", "edit", "99", "--title", "x"], "contact", "99"),
    (["contact", "edit", "x1", "--title", "x"], "ID", "x1"),
    (["contact", "edit", "2", "--email", "not-an-email"], "email", "not-an-email"),
    (["contact", "edit", "2", "--reports-to", "2"], "reports_to", "2"),
    (["contact", "edit", "2", "--birthday", "02-30"], "birthday", "02-30"),
    (["contact", "archive", "99"], "contact", "99"),
    (["contact", "left", "1", "--on", "2026-13-01"], "on", "2026-13-01"),
    (["contact", "left", "1", "--on", "2026-11-25", "--successor", "Nobody"], "successor",
     "Nobody"),
    (["interaction", "edit", "9", "--summary", "x"], "interaction", "9"),
    (["interaction", "edit", "1", "--sentiment", "7"], "sentiment", "7"),
    (["interaction", "edit", "1", "--kind", "party"], "kind", "party"),
    (["interaction", "delete", "9"], "interaction", "9"),
    (["log", "--account", "华为", "--kind", "care", "--date", "2026-11-22", "--summary", "x",
      "--gift-value", "-5"], "gift-value", "-5"),
    (["followup", "add", "--account", "Acme", "no date"], "TEXT@DATE", "no date"),
    (["followup", "add", "--account", "Acme", "x@2020-01-01", "--today", "2026-11-28"],
     "due", "2020-01-01"),
    (["followup", "add", "--account", "Nobody", "x@+1d"], "account", "Nobody"),
    (["followup", "settle", "99"], "follow-up", "99"),
    (["followup", "carry", "1", "--to", "2026-11-01", "--today", "2026-11-28"], "due",
     "2026-11-01"),
    (["followup", "reschedule", "99", "--to", "+1w"], "ID", "99"),
    (["followup", "snooze", "1", "--days", "0"], "days", "0"),
    (["followup", "done", "birthday:9:2026-01-01"], "ID", "birthday:9:2026-01-01"),
    (["cadence", "add", "--account", "华为", "--kinds", "visit"], "cadence", ""),
    (["cadence", "add", "--account", "华为", "--kinds", "party", "--every", "30"], "kinds",
     "party"),
    (["cadence", "add", "--account", "华为", "--kinds", "visit", "--every", "30/10"],
     "max_days", "10"),
    (["cadence", "add", "--account", "华为", "--kinds", "visit", "--every", "often"],
     "every", "often"),
    (["cadence", "add", "--account", "华为", "--kinds", "visit", "--rule", "FREQ=SOMETIMES",
      "--starts", "2027-01-01"], "rrule", "FREQ=SOMETIMES"),
    (["cadence", "edit", "9", "--every", "30"], "cadence", "9"),
    (["cadence", "remove", "9"], "cadence", "9"),
    (["need", "add", "--account", "华为", "--concern", "x", "--period", "2027Q5"], "period",
     "2027Q5"),
    (["need", "add", "--account", "华为", "--concern", " "], "concern", ""),
    (["need", "meet", "9"], "need", "9"),
    (["gifts", "--contact", "99"], "contact", "99"),
    (["alert", "act", "nothing"], "alert", "nothing"),
    (["alert", "dismiss", "nothing", "--reason", "x"], "alert", "nothing"),
    (["settings", "set", "care.gift_limit", "a lot"], "care.gift_limit", "a lot"),
    (["settings", "set", "no.such.key", "1"], "key", "no.such.key"),
    (["settings", "get", "no.such.key"], "key", "no.such.key"),
    (["settings", "set", "care.lead_days", "birthday=-1"], "care.lead_days.birthday", "-1"),
    (["settings", "set", "care.lead_days", "wedding=3"], "care.lead_days.wedding", "3"),
    (["settings", "set", "care.lead_days", "birthday"], "care.lead_days", "birthday"),
    (["settings", "set", "care.festivals", "公司周年 13-40"], "line 1", "13-40"),
    (["search", " "], "TEXT", ""),
    (["agenda", "--today", "2026-02-30"], "today", "2026-02-30"),
])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(cli, args, field, value):
    before = dump(cli.path)
    code, out, err = cli(*args)
    assert code == 2, err
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert field in err and value in err
    assert dump(cli.path) == before
