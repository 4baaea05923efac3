"""The quarterly review PDFs: produced, and containing the account's name and figures."""

import os
import re
import subprocess
import sys
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from keyaccounts.services import complaints, health, needs, satisfaction
from keyaccounts.io import report
from keyaccounts import services as sv
from keyaccounts.cli.main import main


def text_of(path):
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def acme(db):
    sv.add_account(db, "Acme Foods", tier="A", owner="Li Na")
    sv.add_contact(db, "Acme Foods", "Emma Smith", level="exec", role="decision-maker")
    sv.log_interaction(db, "Acme Foods", "exec-meeting", datetime(2027, 2, 3, 10),
                       "Strategy for the year", contacts=["Emma Smith"], sentiment=2,
                       next_steps=[("Send the proposal", date(2027, 3, 20))])
    c = complaints.add_complaint(db, "Acme Foods", "Late pallets", date(2027, 1, 10))
    complaints.resolve(db, c.id, date(2027, 1, 14), root_cause="Carrier", what_changed="New "
                       "carrier", customer_informed=True)
    needs.add_need(db, "Acme Foods", "2027Q1", "Shorter lead times", "Five days")
    satisfaction.add_survey(db, "Acme Foods", "nps", 9, date(2027, 3, 1))
    return db


def test_account_report_holds_the_name_and_figures(acme, tmp_path):
    path = report.account_report(acme, "Acme Foods", "2027Q1", tmp_path / "acme.pdf")
    text = text_of(path)
    assert "Quarterly review 1st quarter 2027: Acme Foods" in text
    [h] = health.health(acme, date(2027, 3, 31), "Acme Foods")
    assert f"Health {h.score}" in text
    assert "Strategy for the year" in text and "Send the proposal" in text
    assert "Late pallets" in text and "resolved in 4 days" in text
    assert "Shorter lead times" in text and "NPS 9" in text
    assert "executive: 1 of 1 met this quarter" in text


def test_portfolio_report_and_cli(acme, tmp_path, capsys):
    out = tmp_path / "portfolio.pdf"
    assert main(["--db", acme.location, "report", "--portfolio", "--period", "2027Q1",
                 "-o", str(out)]) == 0
    text = text_of(out)
    assert "Portfolio review 1st quarter 2027" in text and "complaints resolved: 1" in text
    assert main(["--db", acme.location, "report", "--period", "2027Q1", "-o",
                 str(tmp_path / "x.pdf")]) == 2
    assert "--portfolio" in capsys.readouterr().err


def test_chinese_renders_and_extracts_on_a_machine_without_cjk_fonts(tmp_path):
    """The CLI run with the machine's fonts hidden (fontconfig given an empty
    configuration): the report carries its own font, every font it uses is embedded,
    and the Chinese comes back out as text."""
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
                     "<fontconfig><cachedir>" + str(tmp_path / "fc") + "</cachedir>"
                     "</fontconfig>")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FONTCONFIG", "XDG_"))}
    env.update(FONTCONFIG_FILE=str(empty), HOME=str(tmp_path), MPLCONFIGDIR=str(tmp_path),
               XDG_DATA_HOME=str(tmp_path / "data"), LANGUAGE="zh_CN")
    db = tmp_path / "cn.sqlite3"
    summary = ("与华信精密制造的陈静总经理讨论年度合作方案，确定交付周期缩短到五天，"
               "并安排下季度的工程团队培训，双方同意每月召开一次质量复盘会议。") * 2
    for args in (["--create", "account", "add", "华信精密制造", "--tier", "A"],
                 ["contact", "add", "--account", "华信精密制造", "--name", "陈静",
                  "--level", "exec"],
                 ["log", "--account", "华信精密制造", "--kind", "visit", "--date",
                  "2027-02-03", "--with", "陈静", "--summary", summary,
                  "--next", "寄送报价单@2027-03-20"],
                 ["report", "--account", "华信精密制造", "--period", "2027Q1", "-o",
                  str(tmp_path / "cn.pdf")]):
        done = subprocess.run([sys.executable, "-m", "keyaccounts", "--db", str(db), *args],
                              env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
    reader = PdfReader(tmp_path / "cn.pdf")
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert "季度回顾" in text and "华信精密制造" in text and "寄送报价单" in text
    assert "2027年第一季度" in text and "收入排名" in text and "正常" in text
    assert not {"revenue", "active", "visit", ": "} & {w for w in ("revenue", "active",
                                                                "visit", ": ") if w in text}
    assert summary in text  # wrapped over several lines, nothing lost
    for page in reader.pages:  # every font the text is set in is embedded: no system font
        fonts = page["/Resources"]["/Font"]
        used = set(re.findall(rb"(/F[\w+]+) [\d.]+ Tf", page.get_contents().get_data()))
        assert used
        for name in used:
            font = fonts[name.decode()].get_object()
            assert "KeyAccountsSansSC" in font["/BaseFont"]
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_long_chinese_lines_wrap_at_the_measured_width(tmp_path):
    from reportlab.lib.pagesizes import A4

    page = report._Page(tmp_path / "x.pdf", "标题")
    long = "季度回顾：客户关系维护与交付改进，" * 20
    page.line(long)
    page.line("English words are never cut in the middle when they wrap " * 6)
    width = A4[0] - 2 * 18 * 72 / 25.4 - 8
    for paragraph in page.flow[1:]:
        paragraph.wrap(width, 1000)
        widths = paragraph.getActualLineWidths0()
        assert len(widths) > 1 and max(widths) <= width
    english = {w for line in page.flow[2].blPara.lines for text in line[1]
               for w in text.split()}
    assert english == {"English", "words", "are", "never", "cut", "in", "the", "middle",
                       "when", "they", "wrap"}
    page.close()
    assert "季度回顾" in text_of(tmp_path / "x.pdf")


def test_a_stopped_report_leaves_the_earlier_file_and_no_part(acme, tmp_path):
    from keyaccounts.domain.errors import Cancelled

    out = tmp_path / "out"
    out.mkdir()
    path = out / "acme.pdf"
    path.write_bytes(b"last quarter's review")
    pages = []

    def cancelled():  # stops at the second check: data read, the first page drawn
        pages.append(1)
        return len(pages) > 1

    with pytest.raises(Cancelled):
        report.account_report(acme, "Acme Foods", "2027Q1", path, cancelled=cancelled,
                              force=True)
    assert len(pages) == 2
    assert path.read_bytes() == b"last quarter's review"
    assert [p.name for p in out.iterdir()] == ["acme.pdf"]
    with pytest.raises(Cancelled):
        report.portfolio_report(acme, "2027Q1", out / "all.pdf", cancelled=lambda: True)
    assert [p.name for p in out.iterdir()] == ["acme.pdf"]
    report.account_report(acme, "Acme Foods", "2027Q1", path, cancelled=lambda: False,
                          force=True)
    assert "Acme Foods" in text_of(path)
