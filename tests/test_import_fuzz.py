"""hypothesis over every reader: never a traceback, and the database unchanged on any failure."""

from __future__ import annotations

import csv
import io
import string

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.io import importer, vcard
from tests.conftest import dump

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def import_or_refuse(db, read_it, file: str, tmp_path=None, **options) -> None:
    """Read, plan and apply; any failure is ours, located, and leaves the database as it was."""
    before = dump(db.path)
    try:
        read = read_it()
        importer.apply(db, importer.plan(db, read, **options))
    except importer.ImportFailed as exc:
        assert exc.problems and all(p.startswith(file) for p in exc.problems), exc.problems
        assert dump(db.path) == before
    except KeyAccountsError:
        assert dump(db.path) == before


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
       raw=st.binary(max_size=200), use_raw=st.booleans(), skip=st.booleans())
def test_fuzzed_vcard(db, cards, raw, use_raw, skip):
    if use_raw:
        data = raw
    else:
        data = b"".join(b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + "\r\n".join(c).encode(
            "latin-1", "replace") + b"\r\nEND:VCARD\r\n" for c in cards)
    import_or_refuse(db, lambda: vcard.read_vcard(data, "fuzz.vcf"), "fuzz.vcf",
                     skip_invalid=False if not skip else False)
