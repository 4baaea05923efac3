"""Import and export of contacts: real-looking files from each source, all or nothing,
duplicates, round trips, and fuzzing that never yields a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

from keyaccounts.io import exporter, importer
from keyaccounts import services as sv
from keyaccounts.cli.main import main
from keyaccounts.domain.dates import Birthday
from tests.conftest import dump

DATA = Path(__file__).resolve().parent / "data"


def contacts(db):
    return {(c.account, c.name): c for c in sv.list_contacts(db)}


def test_apple_contacts(db):
    plan = importer.import_file(db, DATA / "apple.vcf")
    assert sorted(plan.new_accounts) == ["Northwind Logistics", "华信精密制造"]
    c = contacts(db)
    wang = c[("华信精密制造", "王芳")]
    assert wang.title == "采购总监"
    assert wang.emails == ("wangfang@huaxin.example.cn", "fang.wang@example.com")  # grouped
    assert wang.birthday == Birthday(3, 14)  # Apple's 1604: no year
    assert c[("Northwind Logistics", "Oliver Davies")].birthday == Birthday(11, 2, 1979)


def test_google_contacts(db):
    importer.import_file(db, DATA / "google.vcf")
    c = contacts(db)
    emma = c[("Bluepeak Foods", "Emma Smith")]
    assert emma.birthday == Birthday(5, 21) and emma.phones == ("+44 7700 900123",)
    assert emma.title.endswith("folds the line at seventy-five octets")  # unfolded
    assert c[("Bluepeak Foods", "刘洋")].birthday == Birthday(5, 21)


def test_outlook_vcard_21_in_gb2312_with_quoted_printable(db):
    importer.import_file(db, DATA / "outlook.vcf")
    [li] = sv.list_contacts(db)
    assert (li.account, li.name, li.title) == ("远航物流", "李娜", "总经理")
    assert li.birthday == Birthday(6, 12, 1980)
    assert li.emails == ("lina@yuanhang.example.cn",)


def test_android_vcard_21_with_soft_line_breaks(db):
    importer.import_file(db, DATA / "android.vcf")
    [zhang] = sv.list_contacts(db)
    assert zhang.account == "金桥能源股份有限公司" and zhang.name == "张伟"
    assert zhang.title == "工程师" and zhang.phones == ("13800138000", "010-88886666")


def test_vcard_40_and_account_override(db):
    importer.import_file(db, DATA / "v4.vcf", account="Everyone Here")
    [sophia] = sv.list_contacts(db)
    assert sophia.account == "Everyone Here" and sophia.phones == ("+1-555-555-0199",)
    assert sophia.birthday == Birthday(3, 14)


def test_excel_csv_utf8_with_bom(db):
    importer.import_file(db, DATA / "excel_utf8_bom.csv")
    c = contacts(db)
    emma = c[("Acme Foods", "Emma Smith")]
    assert (emma.level, emma.role, emma.birthday) == ("exec", "decision-maker",
                                                      Birthday(2, 15, 1975))
    assert c[("Acme Foods", "Liam Brown")].birthday == Birthday(3, 14)


def test_excel_csv_gbk_chinese_headers_semicolons(db):
    plan = importer.import_file(db, DATA / "excel_gbk.csv")
    assert plan.new_accounts == ["华信精密制造", "远航物流"]
    c = contacts(db)
    zhang = c[("华信精密制造", "张伟")]
    assert (zhang.level, zhang.role) == ("exec", "decision-maker")
    assert zhang.birthday == Birthday(2, 15, 1975, lunar=True)
    assert c[("华信精密制造", "李娜")].birthday == Birthday(6, 10, 1987, lunar=True, leap=True)
    assert (c[("远航物流", "王强")].level, c[("远航物流", "王强")].role) == ("ops", "user")


def test_one_bad_row_and_nothing_is_written_every_error_located(db, capsys):
    sv.add_account(db, "Keep")
    before = dump(db)
    with pytest.raises(importer.ImportFailed) as err:
        importer.import_file(db, DATA / "bad.csv")
    problems = err.value.problems
    assert "bad.csv, line 3, level=boss" in problems[0]
    assert any("bad.csv, line 4, birthday=1980-02-30: no such date" in p for p in problems)
    assert any("bad.csv, line 5, account" in p for p in problems)
    assert any("bad.csv, line 5, email=not-an-email" in p for p in problems)
    assert dump(db) == before
    assert main(["--db", db.location, "import", str(DATA / "bad.csv")]) == 2
    assert "Nothing was imported." in capsys.readouterr().err
    assert dump(db) == before


def test_dry_run_writes_nothing(db, capsys):
    before = dump(db)
    assert main(["--db", db.location, "import", str(DATA / "excel_gbk.csv"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "imported 3" in out and "new accounts 2" in out and "Dry run" in out
    assert dump(db) == before


def test_duplicates_are_skipped_or_merged_never_doubled(db):
    sv.add_account(db, "Acme Foods")
    sv.add_contact(db, "Acme Foods", "Emma Smith", emails=["old@acme.example"])
    sv.add_account(db, "Other")
    sv.add_contact(db, "Other", "Liam B.", emails=["liam@acme.example"])
    plan = importer.import_file(db, DATA / "excel_utf8_bom.csv")
    assert [(r.name, why) for r, why in plan.skipped] == [
        ("Emma Smith", "same name in the same account"),
        ("Liam Brown", "same email liam@acme.example")]
    assert len(sv.list_contacts(db)) == 2
    importer.import_file(db, DATA / "excel_utf8_bom.csv", duplicates="merge")
    c = contacts(db)
    assert len(c) == 2
    emma = c[("Acme Foods", "Emma Smith")]
    assert emma.emails == ("old@acme.example", "emma@acme.example")
    assert (emma.level, emma.birthday) == ("exec", Birthday(2, 15, 1975))
    assert c[("Other", "Liam B.")].title == "Buyer"


def test_exports_round_trip_and_keep_private_notes_private(db, tmp_path):
    sv.add_account(db, "华信")
    sv.add_contact(db, "华信", "张伟", title="总经理, 董事", level="exec", role="decision-maker",
                   emails=["zw@example.cn"], phones=["+86 138 0000 0000"],
                   birthday=Birthday(8, 15, 1970, lunar=True), private_notes="喜欢喝茶")
    sv.add_contact(db, "华信", "Emma Smith", birthday=Birthday(2, 29))
    csv_plain = exporter.contacts_csv(db)
    assert "喜欢喝茶".encode() not in csv_plain
    assert "喜欢喝茶".encode() in exporter.contacts_csv(db, private=True)
    assert "喜欢喝茶".encode() not in exporter.contacts_vcard(db)
    (tmp_path / "c.csv").write_bytes(csv_plain)
    (tmp_path / "c.vcf").write_bytes(exporter.contacts_vcard(db))
    from keyaccounts.storage.db import open_database

    for name in ("c.csv", "c.vcf"):
        with open_database(tmp_path / f"{name}.sqlite3") as other:
            importer.import_file(other, tmp_path / name)
            got = {c.name: c for c in sv.list_contacts(other)}
            assert got["张伟"].title == "总经理, 董事" and got["张伟"].emails == ("zw@example.cn",)
            assert got["Emma Smith"].birthday == Birthday(2, 29)
            if name == "c.csv":  # vCard has no lunar birthdays: kept as an X- property only
                assert got["张伟"].birthday == Birthday(8, 15, 1970, lunar=True)
    assert all(len(line) <= 75 for line in exporter.contacts_vcard(db).split(b"\r\n"))


def test_whole_database_json_round_trip(demo_db, tmp_path):
    from keyaccounts.storage.db import open_database

    data = exporter.database_json(demo_db, private=True)
    (tmp_path / "all.json").write_bytes(data)
    with open_database(tmp_path / "empty.sqlite3") as empty:
        counts = exporter.import_json(empty, tmp_path / "all.json")
        assert counts["interaction"] > 100
        again = json.loads(exporter.database_json(empty, private=True))
    original = json.loads(data)
    assert again["tables"] == original["tables"]
    notes = [c["notes"] for c in original["tables"]["contact_private"] if c["notes"]]
    assert notes  # the demo has some, and they made the round trip
    plain = json.loads(exporter.database_json(demo_db))
    assert not [c for c in plain["tables"]["contact_private"] if c["notes"]]
    with pytest.raises(Exception) as err:  # not into a database that has data
        exporter.import_json(demo_db, tmp_path / "all.json")
    assert "empty database" in str(err.value)


# --- fuzzing of the CLI (the readers' fuzzing is in test_import_fuzz.py) -------------


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=st.lists(st.sampled_from(
    ["log", "contact", "add", "import", "export", "agenda", "health", "--account", "Acme",
     "--kind", "visit", "call", "--date", "2026-02-30", "2026-11-01", "--summary", "x",
     "--settle", "abc", "1", "--carry", "1=x", "--next", "@", "--days", "-1", "--json",
     "--level", "boss", "--name", "N", "-o", "/nonexistent/x", "--from", "2026", "张伟"]),
    max_size=8))
def test_fuzzed_cli_arguments_never_give_a_traceback(db, capsys, args):
    sv.add_account(db, "Acme") if not sv.list_accounts(db) else None
    before = dump(db)
    code = main(["--db", db.location, *args])
    out, err = capsys.readouterr()
    assert isinstance(code, int) and "Traceback" not in err
    if code != 0:
        assert dump(db) == before
