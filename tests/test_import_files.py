"""Imports of the files people really have: vCards with photos from Apple, Outlook, Android
and a vCard 4.0 writer; CSVs in encodings that cannot be guessed; damaged files; Excel
workbooks as WeCom exports them; and what an import reports, refuses and writes back."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest

from keyaccounts import services as sv
from keyaccounts.cli.main import main
from keyaccounts.domain.dates import Birthday, parse_birthday
from keyaccounts.i18n import set_language
from keyaccounts.io import importer
from tests.conftest import dump

DATA = Path(__file__).resolve().parent / "data"


def contacts(db):
    return {(c.account, c.name): c for c in sv.list_contacts(db)}


def run(db, capsys, *args) -> tuple[int, str, str]:
    code = main(["--db", db.location, "import", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copy(DATA / name, target)
    return target


# --- vCards as the programs write them, photos included ------------------------------


def test_apple_contacts_photo_and_company_card(db):
    plan = importer.import_file(db, DATA / "apple_photos.vcf")
    c = contacts(db)
    chen = c[("华信精密制造", "陈静")]
    assert chen.birthday == Birthday(9, 23)  # X-APPLE-OMIT-YEAR=1604: no year
    assert chen.phones == ("+86 139 1234 5678",)
    # the company's own card is the account, not a person called 华信精密制造
    assert sorted(plan.new_accounts) == ["Northwind Logistics", "华信精密制造"]
    assert ("华信精密制造", "华信精密制造") not in c
    assert plan.counts()["imported"] == 2 and not plan.skipped


def test_outlook_21_gb2312_with_photo_and_gb_bytes_in_x_properties(db):
    importer.import_file(db, DATA / "outlook_photos.vcf")
    [zhou] = sv.list_contacts(db)
    assert (zhou.account, zhou.name, zhou.title) == ("远航物流", "周明", "副总经理")
    assert zhou.phones == ("+86 21 5555 2345", "139 0000 1111")
    assert zhou.birthday == Birthday(4, 5, 1977)


def test_android_21_soft_breaks_inside_characters_and_photo(db):
    importer.import_file(db, DATA / "android_photos.vcf")
    [zhao] = sv.list_contacts(db)
    assert zhao.account == "金桥能源股份有限公司杭州分公司华东区域销售服务中心"
    assert (zhao.name, zhao.title, zhao.birthday) == ("赵丽华", "区域销售经理", Birthday(8, 6))


def test_vcard_40_kind_org_tel_uri_text_birthday_related_anniversary(db, capsys):
    code, out, err = run(db, capsys, DATA / "v4_photos.vcf")
    assert code == 0, err
    assert "imported 3" in out and "warnings 1" in out
    assert "v4_photos.vcf, line 52, BDAY=circa 1970: not a date" in out
    c = contacts(db)
    assert [a.name for a in sv.list_accounts(db)] == ["Harbor Line Energy"]
    sophia = c[("Harbor Line Energy", "Sophia Wright")]
    daniel = c[("Harbor Line Energy", "Daniel Okafor")]
    mei = c[("Harbor Line Energy", "Mei Lin")]
    assert sophia.phones == ("+1-555-555-0199",) and sophia.birthday == Birthday(3, 14)
    assert daniel.phones == ("+86-571-8888-0000 ext. 102",) and daniel.birthday is None
    assert "circa 1970" in daniel.private_notes
    assert "20090620" in sophia.private_notes  # ANNIVERSARY kept as a note
    # RELATED naming a manager: by the card's UID, and by name
    assert _boss(db, daniel) == "Sophia Wright"
    assert _boss(db, mei) == "Daniel Okafor"


def _boss(db, contact) -> str | None:
    from sqlalchemy import text

    with db.engine.connect() as con:
        row = con.execute(text("SELECT b.name FROM contact c JOIN contact b"
                               " ON b.id = c.reports_to_id WHERE c.id = :id"),
                          {"id": contact.id}).fetchone()
    return row[0] if row else None


def test_a_manager_that_is_not_there_is_a_warning_not_a_failure(db, tmp_path):
    f = tmp_path / "m.vcf"
    f.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Mei Lin\r\nORG:Acme\r\n"
                 "RELATED;TYPE=x-manager;VALUE=text:Nobody Here\r\nEND:VCARD\r\n")
    plan = importer.import_file(db, f)
    assert plan.imported == 1
    assert plan.warnings == ["m.vcf, line 1, RELATED=Nobody Here: no such contact in account "
                             "Acme; the manager is not linked"]


def test_a_card_without_end_is_an_error_on_its_line_and_nothing_is_written(db, capsys):
    before = dump(db)
    code, out, err = run(db, capsys, DATA / "unclosed.vcf")
    assert code == 2
    assert "unclosed.vcf, line 6, END: the card is not closed with END:VCARD" in err
    assert "Nothing was imported." in err and dump(db) == before


def test_skip_invalid_imports_the_good_cards_and_writes_the_cut_one_back(db, tmp_path, capsys):
    f = copy(tmp_path, "unclosed.vcf")
    code, out, err = run(db, capsys, f, "--skip-invalid")
    assert code == 0, err
    assert {c.name for c in sv.list_contacts(db)} == {"Anna Fischer", "Chloe Martin"}
    refused = tmp_path / "unclosed.refused.vcf"
    assert f"refused 1, written unchanged to {refused}" in out
    lines = f.read_bytes().split(b"\r\n")
    assert refused.read_bytes() == b"\r\n".join(lines[5:10]) + b"\r\n"  # lines 6 to 10
    assert refused.stat().st_mode & 0o777 == 0o600


# --- encodings: only what can be justified --------------------------------------------

HEADER = "account,name,title\n"


@pytest.mark.parametrize("encoding, rows", [
    ("latin-1", "Müller GmbH,Jürgen Müller,Einkäufer\nCafé Zoë,Zoë Lefèvre,Acheteuse\n"),
    ("big5", "台灣精密,陳大文,經理\n高雄港務,林美玲,採購主任\n"),
    ("shift_jis", "東京商事,山田太郎,営業部長\n大阪物産,佐藤花子,購買担当\n"),
])
def test_an_encoding_that_cannot_be_told_is_asked_for(db, tmp_path, capsys, encoding, rows):
    f = tmp_path / f"{encoding}.csv"
    f.write_bytes((HEADER + rows).encode(encoding))
    before = dump(db)
    code, out, err = run(db, capsys, f)
    assert code == 2 and dump(db) == before
    assert f"{encoding}.csv, line 2: the text is neither UTF-8 nor Chinese GB18030" in err
    assert "--encoding" in err
    code, out, err = run(db, capsys, f, "--encoding", encoding)
    assert code == 0, err
    names = {c.name for c in sv.list_contacts(db)}
    assert names == {line.split(",")[1] for line in rows.splitlines()}


def test_declared_charset_and_bom_are_reasons_enough(db, tmp_path):
    f = tmp_path / "utf16.csv"
    f.write_bytes(("\ufeff" + HEADER + "华信,张伟,总经理\n").encode("utf-16-le"))
    importer.import_file(db, f)
    assert contacts(db)[("华信", "张伟")].title == "总经理"
    g = tmp_path / "latin.vcf"
    g.write_bytes("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:Jürgen Groß\r\n"
                  "ORG:Müller\r\nEND:VCARD\r\n".encode("latin-1"))
    with pytest.raises(importer.ImportFailed) as err:  # ORG has no CHARSET: not guessed
        importer.import_file(db, g)
    assert "latin.vcf, line 4" in err.value.problems[0]
    set_language("zh_CN")  # the line is the file's, whatever the language says "line" in
    try:
        with pytest.raises(importer.ImportFailed) as err:
            importer.import_file(db, g)
    finally:
        set_language("en")
    assert "latin.vcf，第 4 行" in err.value.problems[0]
    importer.import_file(db, g, encoding="latin-1")
    assert ("Müller", "Jürgen Groß") in contacts(db)


def test_an_unknown_encoding_name_is_one_line(db, capsys):
    code, out, err = run(db, capsys, DATA / "excel_gbk.csv", "--encoding", "klingon")
    assert code == 2 and err.splitlines()[0].startswith("--encoding klingon: no such encoding")


# --- structure: cut quotes, ragged rows ------------------------------------------------


def test_a_csv_cut_inside_a_quoted_field_is_an_error_naming_its_line(db, tmp_path, capsys):
    f = tmp_path / "cut.csv"
    f.write_text(HEADER + 'Acme,Emma Smith,Buyer\nAcme,"Liam Brown,Head of\n'
                 "Acme,Olivia Jones,Manager\nAcme,Noah Davis,Clerk\n")
    before = dump(db)
    code, out, err = run(db, capsys, f, "--skip-invalid")  # structure: never skipped
    assert code == 2 and dump(db) == before
    assert "cut.csv, line 3: a quoted field that starts in this record is never closed" in err


def test_ragged_rows_are_errors_with_their_line(db, tmp_path):
    f = tmp_path / "ragged.csv"
    f.write_text(HEADER + "Acme,Emma Smith,Buyer\nAcme,Liam Brown\nAcme,Olivia,Boss,extra\n"
                 "Acme,Noah Davis,Clerk,,\n")
    with pytest.raises(importer.ImportFailed) as err:
        importer.import_file(db, f)
    assert err.value.problems == ["ragged.csv, line 3: 2 fields where the header has 3",
                                  "ragged.csv, line 4: 4 fields where the header has 3"]


# --- one set of rules for every way in ----------------------------------------------------


def test_control_characters_and_lengths_are_refused_as_the_cli_refuses_them(db, tmp_path,
                                                                          capsys):
    f = tmp_path / "evil.csv"
    f.write_text(HEADER + "Acme,\x1b[31mRed\x1b[0m,Buyer\n"
                 f"Acme,{'x' * 100_000},Buyer\n"
                 "Acme,Bell,Head\x07 of Sales\n"
                 "Acme\u202e,Mirror,Buyer\n"
                 "Acme,Fine Person,Buyer\n")
    before = dump(db)
    with pytest.raises(importer.ImportFailed) as err:
        importer.import_file(db, f)
    assert dump(db) == before
    problems = err.value.problems
    assert [p.split(":")[0].split(", ")[:3] for p in problems] == [
        ["evil.csv", "line 2", "name=\\x1b[31mRed\\x1b[0m"], ["evil.csv", "line 3", "name=xxxxxxxxxxxxxxxxxxxx…"],
        ["evil.csv", "line 4", "title=Head\\x07 of Sales"], ["evil.csv", "line 5", "account=Acme\\u202e"]]
    # the CLI refuses the same values with the same reasons
    sv.add_account(db, "Acme")
    main(["--db", db.location, "contact", "add", "--account", "Acme", "--name", "\x1b[31mRed\x1b[0m"])
    cli_err = capsys.readouterr().err
    assert problems[0].split(": ", 1)[1] in cli_err
    main(["--db", db.location, "contact", "add", "--account", "Acme", "--name", "x" * 100_000])
    assert problems[1].split(": ", 1)[1] in capsys.readouterr().err


def test_a_vcard_name_with_an_override_character_is_refused(db, tmp_path):
    f = tmp_path / "bidi.vcf"
    f.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Evil\u202eName\r\nORG:Acme\r\nEND:VCARD\r\n")
    with pytest.raises(importer.ImportFailed) as err:
        importer.import_file(db, f)
    assert "bidi.vcf, line 3, FN=Evil\\u202eName: contains a control character (U+202E)" \
        in err.value.problems


# --- Excel -------------------------------------------------------------------------------------


def wecom_workbook(path: Path) -> Path:
    """As WeCom exports a contact list: a notes sheet first, then the members under a merged
    title row and a blank row; numbers as numbers, dates as Excel dates or text."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes["A1"] = "导出说明：本文件由企业微信生成"
    ws = wb.create_sheet("成员")
    ws.append(["企业微信通讯录（导出时间 2026-12-01 09:30）"])
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append(["姓名", "职务", "手机", "座机", "企业邮箱", "公司", "生日"])
    ws.append(["张伟", "总经理", 13800138000, "021-5555 1234", "zw@huaxin.example.cn",
               "华信精密制造", dt.datetime(1975, 2, 15)])
    ws.append(["李娜", "采购经理", "139 0000 1111", None, None, "华信精密制造", "1985年3月14日"])
    ws.append(["王强", "工程师", None, None, "wq@huaxin.example.cn", "华信精密制造", "3月14日"])
    ws.append(["赵敏", "财务总监", None, None, None, "华信精密制造", "农历八月十五"])
    ws.append([None] * 7)
    other = wb.create_sheet("Partners")
    other.append(["Name", "Company", "E-mail", "Date of birth"])
    other.append(["Emma Smith", "Bluepeak Foods", "emma@bluepeak.example", dt.date(1980, 6, 12)])
    wb.save(path)
    return path


def test_wecom_workbook_title_row_chinese_headers_and_dates(db, tmp_path, capsys):
    f = wecom_workbook(tmp_path / "通讯录.xlsx")
    code, out, err = run(db, capsys, f)
    assert code == 0, err
    assert "imported 4" in out
    c = contacts(db)
    zhang = c[("华信精密制造", "张伟")]
    assert zhang.phones == ("13800138000", "021-5555 1234")
    assert zhang.birthday == Birthday(2, 15, 1975) and zhang.emails == ("zw@huaxin.example.cn",)
    assert c[("华信精密制造", "李娜")].birthday == Birthday(3, 14, 1985)
    assert c[("华信精密制造", "王强")].birthday == Birthday(3, 14)
    assert c[("华信精密制造", "赵敏")].birthday == Birthday(8, 15, lunar=True)


def test_workbook_sheet_by_name_and_unknown_sheet(db, tmp_path, capsys):
    f = wecom_workbook(tmp_path / "book.xlsx")
    code, out, err = run(db, capsys, f, "--sheet", "Partners")
    assert code == 0, err
    assert contacts(db)[("Bluepeak Foods", "Emma Smith")].birthday == Birthday(6, 12, 1980)
    before = dump(db)
    code, out, err = run(db, capsys, f, "--sheet", "Nope")
    assert code == 2 and dump(db) == before
    assert "book.xlsx, --sheet=Nope: no such sheet; the workbook has: 说明, 成员, Partners" in err


def test_workbook_problems_name_sheet_and_row_and_refused_rows_go_to_a_workbook(db, tmp_path,
                                                                                capsys):
    f = wecom_workbook(tmp_path / "book.xlsx")
    wb = openpyxl.load_workbook(f)
    wb["成员"]["G5"] = "1985年2月30日"
    wb["成员"]["E6"] = "not-an-email"
    wb.save(f)
    code, out, err = run(db, capsys, f)
    assert code == 2
    assert "book.xlsx, sheet 成员, row 5, birthday=1985年2月30日: no such date" in err
    assert "book.xlsx, sheet 成员, row 6, email=not-an-email: not an email address" in err
    code, out, err = run(db, capsys, f, "--skip-invalid")
    assert code == 0 and "imported 2" in out
    back = openpyxl.load_workbook(tmp_path / "book.refused.xlsx")
    rows = [list(r) for r in back.active.iter_rows(values_only=True)]
    assert rows[2][:2] == ["姓名", "职务"] and [r[0] for r in rows[3:]] == ["李娜", "王强"]
    assert rows[3][6] == "1985年2月30日"


def test_not_a_workbook_is_one_line(db, tmp_path, capsys):
    f = tmp_path / "old.xlsx"
    f.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    code, out, err = run(db, capsys, f)
    assert code == 2 and "old.xlsx: an old Excel file (.xls)" in err


# --- what an import tells, and what it writes back ----------------------------------------


def test_skip_invalid_csv_writes_refused_rows_unchanged_in_the_files_encoding(db, tmp_path,
                                                                             capsys):
    f = tmp_path / "gbk.csv"
    f.write_bytes("客户;姓名;层级;生日\n华信;张伟;高层;1975-02-15\n华信;李娜;老板;1980-01-01\n"
                  "华信;王强;;1980-02-30\n".encode("gbk"))
    (tmp_path / "gbk.refused.csv").write_text("the user's own file")
    code, out, err = run(db, capsys, f, "--skip-invalid")
    assert code == 0, err
    assert "gbk.csv: imported 1, merged 0, skipped as duplicates 0, warnings 0" in out
    assert "gbk.csv, line 3, level=老板" in out and "gbk.csv, line 4, birthday=1980-02-30" in out
    assert (tmp_path / "gbk.refused.csv").read_text() == "the user's own file"  # untouched
    again = tmp_path / "gbk.refused-2.csv"
    assert again.read_bytes() == "客户;姓名;层级;生日\n华信;李娜;老板;1980-01-01\n" \
        "华信;王强;;1980-02-30\n".encode("gbk")
    again.write_bytes(again.read_bytes().replace("老板".encode("gbk"), "高层".encode("gbk"))
                      .replace(b"02-30", b"02-28"))
    code, out, err = run(db, capsys, again)
    assert code == 0 and len(sv.list_contacts(db)) == 3


def test_the_report_counts_merged_skipped_and_warnings(db, tmp_path, capsys):
    sv.add_account(db, "Harbor Line Energy")
    sv.add_contact(db, "Harbor Line Energy", "Sophia Wright")
    code, out, err = run(db, capsys, DATA / "v4_photos.vcf", "--duplicates", "merge",
                         "--dry-run")
    assert code == 0
    assert out.splitlines()[0] == ("v4_photos.vcf: imported 2, merged 1, skipped as duplicates "
                                   "1, warnings 1, new accounts 0")


def test_dry_run_with_skip_invalid_writes_no_file(db, tmp_path, capsys):
    f = copy(tmp_path, "unclosed.vcf")
    code, out, err = run(db, capsys, f, "--skip-invalid", "--dry-run")
    assert code == 0 and "refused 1" in out
    assert not (tmp_path / "unclosed.refused.vcf").exists()


def test_a_fifo_is_refused_at_once(db, tmp_path, capsys):
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    code, out, err = run(db, capsys, fifo)
    assert code == 2 and "pipe.csv: not a regular file" in err


@pytest.mark.parametrize("text, expected", [
    ("1985年3月14日", Birthday(3, 14, 1985)), ("3月14日", Birthday(3, 14)),
    ("农历八月十五", Birthday(8, 15, lunar=True)), ("腊月廿三", Birthday(12, 23, lunar=True)),
    ("农历2020年闰四月初十", Birthday(4, 10, 2020, lunar=True, leap=True)),
    ("12月31号", Birthday(12, 31)),
])
def test_birthdays_as_written_in_chinese(text, expected):
    assert parse_birthday(text) == expected


def test_the_report_as_json(db, tmp_path, capsys):
    import json

    f = copy(tmp_path, "unclosed.vcf")
    code, out, err = run(db, capsys, f, "--skip-invalid", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert {k: report[k] for k in ("file", "imported", "merged", "skipped", "warnings",
                                   "refused", "new_accounts", "dry_run")} == {
        "file": "unclosed.vcf", "imported": 2, "merged": 0, "skipped": 0, "warnings": 0,
        "refused": 1, "new_accounts": 1, "dry_run": False}
    assert report["accounts_created"] == ["Northwind Logistics"]
    assert report["refused_file"] == str(tmp_path / "unclosed.refused.vcf")
    assert report["refused_problems"] == [
        "unclosed.vcf, line 6, END: the card is not closed with END:VCARD"]


def test_outlook_and_google_csv_exports_with_split_names(db, tmp_path):
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        '"First Name","Middle Name","Last Name","Company","Job Title","E-mail Address",'
        '"Business Phone","Mobile Phone","Birthday"\r\n'
        '"Emma","","Smith","Bluepeak Foods","Buyer","emma@bluepeak.example",'
        '"+44 20 7946 0000","+44 7700 900123","0/0/00"\r\n'
        '"伟","","张","华信精密制造","总经理","zw@huaxin.example.cn","","13800138000",'
        '"1975-02-15"\r\n', encoding="utf-8-sig")
    importer.import_file(db, outlook)
    c = contacts(db)
    emma = c[("Bluepeak Foods", "Emma Smith")]
    assert emma.phones == ("+44 20 7946 0000", "+44 7700 900123") and emma.birthday is None
    assert c[("华信精密制造", "张伟")].birthday == Birthday(2, 15, 1975)
    google = tmp_path / "google.csv"
    google.write_text("Name,Given Name,Family Name,Organization 1 - Name,Organization 1 - Title,"
                      "E-mail 1 - Value,Phone 1 - Value\n"
                      "Liam Brown,Liam,Brown,Acme,CTO,liam@acme.example,+1 555 0100\n")
    importer.import_file(db, google)
    assert contacts(db)[("Acme", "Liam Brown")].title == "CTO"
