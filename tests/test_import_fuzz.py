"""hypothesis over every reader: never a traceback, and the database unchanged on any failure."""

from __future__ import annotations

import csv
import datetime as dt
import io
import string
from pathlib import Path

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.io import importer, vcard
from tests.conftest import dump

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def import_or_refuse(db, read_it, file: str, **options) -> None:
    """Read, plan and apply; any failure is ours, located, and leaves the database as it was."""
    before = dump(db)
    try:
        read = read_it()
        importer.apply(db, importer.plan(db, read, **options))
    except importer.ImportFailed as exc:
        assert exc.problems and all(p.startswith(file) for p in exc.problems), exc.problems
        assert dump(db) == before
    except KeyAccountsError:
        assert dump(db) == before


text_cells = st.text(alphabet=string.printable + "张伟客户高层农历是否；，\x1b\u202e", max_size=12)


@FUZZ
@given(rows=st.lists(st.lists(text_cells, min_size=1, max_size=10), max_size=6),
       header=st.sampled_from(["account,name,level,birthday,calendar,leap,email",
                               "客户;姓名;层级;生日;历法;闰月;邮箱", "name", "", "x,y",
                               "通讯录\n姓名,手机,企业邮箱,公司"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "latin-1"]),
       cut=st.integers(min_value=0, max_value=400))
def test_fuzzed_csv(db, rows, header, encoding, cut):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if ";" in header else ",")
    for row in rows:
        writer.writerow(row)
    data = (header + "\n" + out.getvalue()).encode(encoding, "replace")[:cut or None]
    import_or_refuse(db, lambda: importer.read_csv(data, "fuzz.csv"), "fuzz.csv")


vcard_lines = st.sampled_from([
    "FN:张伟", "N:Zhang;Wei;;;", "ORG:华信", "ORG;CHARSET=gb2312:=C0=EE", "TITLE:经理",
    "EMAIL:zw@example.cn", "EMAIL:not-an-email", "TEL:+86 138 0000 0000",
    "TEL;VALUE=uri:tel:+86-571-8888-0000;ext=102", "TEL;VALUE=uri:tel:", "BDAY:--0314",
    "BDAY:1604-03-14", "BDAY;VALUE=text:circa 1970", "BDAY:1980-02-30", "KIND:org",
    "RELATED;TYPE=x-manager;VALUE=text:张伟", "RELATED;TYPE=x-manager:urn:uuid:1",
    "UID:urn:uuid:1", "ANNIVERSARY:--0612", "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\xff",
    "X-CUSTOM;CHARSET=nonsense:\xff\xfe", "NOTE;ENCODING=QUOTED-PRINTABLE:a=0D=0A=", "b",
    "BEGIN:VCARD", "END:VCARD", " folded", "garbage", "FN;CHARSET=gb2312:\xc0\xee",
    "ORG:\x1b[31mred", "FN:" + "x" * 300])


@FUZZ
@given(cards=st.lists(st.lists(vcard_lines, max_size=8), min_size=0, max_size=4),
       raw=st.binary(max_size=200), use_raw=st.booleans())
def test_fuzzed_vcard(db, cards, raw, use_raw):
    if use_raw:
        data = raw
    else:
        data = b"".join(b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(c).encode(
            "latin-1", "replace") + b"\r\nEND:VCARD\r\n" for c in cards)
    import_or_refuse(db, lambda: vcard.read_vcard(data, "fuzz.vcf"), "fuzz.vcf")


def _workbook(sheets) -> bytes:
    import io as _io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, rows in enumerate(sheets):
        ws = wb.create_sheet(f"S{n}")
        for row in rows:
            ws.append(row)
    out = _io.BytesIO()
    wb.save(out)
    return out.getvalue()


xlsx_cells = (st.text(alphabet=string.ascii_letters + string.digits + " @.-张伟客户农历八月十五年月日",
                      max_size=12)
              | st.sampled_from(["姓名", "name", "公司", "Company", "手机", "生日", "邮箱", "职务",
                                 "1985年3月14日", "农历八月十五", "3月14日", "1980-02-30"])
              | st.integers(min_value=-10**12, max_value=10**12)
              | st.floats(allow_nan=False, allow_infinity=False)
              | st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31))
              | st.none())


@FUZZ
@given(sheets=st.lists(st.lists(st.lists(xlsx_cells, max_size=7), max_size=6), min_size=1,
                       max_size=3),
       cut=st.integers(min_value=0, max_value=3000), sheet=st.sampled_from([None, "S0", "S1"]),
       skip=st.booleans())
def test_fuzzed_xlsx(db, sheets, cut, sheet, skip):
    import tempfile

    from keyaccounts.io import xlsx

    data = _workbook(sheets)
    if cut:
        data = data[:cut]  # a damaged workbook
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.xlsx"
        path.write_bytes(data)
        import_or_refuse(db, lambda: xlsx.read_xlsx(data, "fuzz.xlsx", sheet=sheet, path=path),
                         "fuzz.xlsx", skip_invalid=skip)


@FUZZ
@given(cards=st.lists(st.lists(vcard_lines, max_size=8), min_size=1, max_size=4))
def test_fuzzed_vcard_skipping_invalid_cards_writes_them_back_unchanged(db, cards):
    import tempfile

    data = b"".join(b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(c).encode(
        "latin-1", "replace") + b"\r\nEND:VCARD\r\n" for c in cards)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.vcf"
        path.write_bytes(data)
        before = dump(db)
        try:
            plan = importer.import_file(db, path, skip_invalid=True)
        except (importer.ImportFailed, KeyAccountsError):
            assert dump(db) == before
            return
        refused = b"".join(r.raw for r in plan.refused)
        if plan.refused:
            assert plan.refused_path.read_bytes() == refused
            assert all(r.raw in data for r in plan.refused)
        else:
            assert plan.refused_path is None
