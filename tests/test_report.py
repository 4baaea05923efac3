"""The quarterly review PDFs: produced, and containing the account's name and figures."""

from datetime import date, datetime

import pytest
from pypdf import PdfReader

from keyaccounts.services import complaints, health, retention
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
    retention.add_need(db, "Acme Foods", "2027Q1", "Shorter lead times", "Five days")
    retention.add_survey(db, "Acme Foods", "nps", 9, date(2027, 3, 1))
    return db


def test_account_report_holds_the_name_and_figures(acme, tmp_path):
    path = report.account_report(acme, "Acme Foods", "2027Q1", tmp_path / "acme.pdf")
    text = text_of(path)
    assert "Quarterly review 2027Q1: Acme Foods" in text
    [h] = health.health(acme, date(2027, 3, 31), "Acme Foods")
    assert f"Health {h.score}" in text
    assert "Strategy for the year" in text and "Send the proposal" in text
    assert "Late pallets" in text and "resolved in 4 days" in text
    assert "Shorter lead times" in text and "NPS 9" in text
    assert "exec: 1 of 1 met this quarter" in text


def test_portfolio_report_and_cli(acme, tmp_path, capsys):
    out = tmp_path / "portfolio.pdf"
    assert main(["--db", acme.location, "report", "--portfolio", "--period", "2027Q1",
                 "-o", str(out)]) == 0
    text = text_of(out)
    assert "Portfolio review 2027Q1" in text and "complaints resolved: 1" in text
    assert main(["--db", acme.location, "report", "--period", "2027Q1", "-o",
                 str(tmp_path / "x.pdf")]) == 2
    assert "--portfolio" in capsys.readouterr().err


def test_chinese_stays_readable_when_a_cjk_font_is_installed(db, tmp_path):
    from matplotlib import font_manager

    from keyaccounts.io.plotting import CJK_FONTS

    if not {f.name for f in font_manager.fontManager.ttflist} & set(CJK_FONTS):
        pytest.skip("no CJK font on this machine")
    sv.add_account(db, "华信精密制造")
    path = report.account_report(db, "华信精密制造", "2027Q1", tmp_path / "cn.pdf")
    assert "华信精密制造" in text_of(path)


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
