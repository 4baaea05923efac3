"""Customer value in the app: its settings, the accounts list's columns and filter, the
account page's Value tab, the Portfolio's segment × tier table — typed and clicked as a
user would, then the database checked."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt

from keyaccounts import services as sv
from keyaccounts.services import revenue, value

pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 11, 27)


@pytest.fixture
def ops(qtbot, db):
    from ui.operations import Operations
    from ui.worker import DbWorker

    return Operations(db, DbWorker())


@pytest.fixture
def book(db):
    """Alpha (A, a steady buyer), Beta (B), Quiet (C, never ordered: one call)."""
    for name, tier in (("Alpha", "A"), ("Beta", "B"), ("Quiet", "C")):
        sv.add_account(db, name, tier=tier)
    for name, amount, day in (("Alpha", 100_000, date(2026, 3, 1)),
                              ("Alpha", 50_000, date(2026, 9, 1)),
                              ("Beta", 40_000, date(2026, 6, 1))):
        revenue.add_order(db, name, amount, day)
    sv.log_interaction(db, "Alpha", "exec-meeting", datetime(2026, 4, 1, 10), "strategy")
    sv.log_interaction(db, "Alpha", "call", datetime(2026, 5, 1, 10), "order status")
    sv.log_interaction(db, "Quiet", "call", datetime(2025, 10, 1, 10), "hello")
    return db


def test_settings_dialog_edits_the_value_figures(qtbot, book, ops, settings):
    from ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(ops, settings, lambda _d: False, False, False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.margin.value() == 30 and dialog.discount.value() == 10
    assert dialog.costs["exec-meeting"].value() == 3000
    dialog.margin.setFocus()
    dialog.margin.lineEdit().selectAll()
    qtbot.keyClicks(dialog.margin, "40")
    dialog.costs["exec-meeting"].setFocus()
    dialog.costs["exec-meeting"].lineEdit().selectAll()
    qtbot.keyClicks(dialog.costs["exec-meeting"], "2500")
    dialog.discount.setFocus()
    dialog.discount.lineEdit().selectAll()
    qtbot.keyClicks(dialog.discount, "12.5")
    qtbot.keyClick(dialog.discount, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    margin, discount, costs = value.value_settings(book)
    assert (margin, discount, costs["exec-meeting"], costs["call"]) == (0.4, 0.125, 2500, 100)
    # 150,000 × 0.4 − (2,500 + 100) = 57,400
    assert value.account_value(book, "Alpha", TODAY).contribution.contribution == 57_400


def test_the_segment_alert_reads_as_words(qtbot, db):
    from keyaccounts.services import alerts
    from ui.widgets.alerts import AlertsView

    for n, name in enumerate(["Top", "P2", "P3", "P4", "P5"]):
        sv.add_account(db, name, tier="A" if name == "Top" else "C")
        for month in range(1, 13):  # Top buys the most, the latest, until August
            if name != "Top":
                revenue.add_order(db, name, 1000 * (n + 1), date(2026, month, 5))
            elif month <= 8:
                revenue.add_order(db, name, 10_000, date(2026, month, 20))
    found = [a for a in alerts.alerts(db, date(2026, 12, 1)) if a.kind == "segment-falling"]
    view = AlertsView()
    qtbot.addWidget(view)
    view.set_alerts(found)
    text = view.model.index(0, 1).data()
    assert text.startswith("Value segment falling: customer-value segment fell from "
                           "champions to "), text
    assert "segment-falling" not in text


def test_accounts_list_shows_and_filters_by_value(qtbot, book, english):
    from ui.pages.accounts import AccountsList, AccountsModel

    view = AccountsList()
    qtbot.addWidget(view)
    view.show()
    view.set_rows(sv.account_rows(book, TODAY), TODAY)
    values = value.portfolio_value(book, TODAY)
    view.set_value(values)
    by_name = {v.account: v for v in values}

    def shown(column):
        return [view.proxy.index(r, column).data() for r in range(view.proxy.rowCount())]

    assert shown(AccountsModel.NAME) == ["Alpha", "Beta", "Quiet"]
    assert shown(AccountsModel.SEGMENT) == [by_name[n].rfm.segment_label
                                            for n in ("Alpha", "Beta", "Quiet")]
    # 150,000 × 0.3 − (3,000 + 100) = 41,900
    assert shown(AccountsModel.CONTRIBUTION)[0] == "41,900"
    assert shown(AccountsModel.CLV)[0] == f"{by_name['Alpha'].clv:,}"
    view.view.sortByColumn(AccountsModel.CLV, Qt.SortOrder.DescendingOrder)
    clvs = [by_name[n].clv for n in shown(AccountsModel.NAME)]
    assert clvs == sorted(clvs, reverse=True)
    view.view.sortByColumn(AccountsModel.CONTRIBUTION, Qt.SortOrder.AscendingOrder)
    contributions = [by_name[n].contribution.contribution for n in shown(AccountsModel.NAME)]
    assert contributions == sorted(contributions)
    # the segment filter, chosen from the keyboard
    view.segment.setFocus()
    target = view.segment.findData(by_name["Quiet"].rfm.segment)
    while view.segment.currentIndex() != target:
        qtbot.keyClick(view.segment, Qt.Key.Key_Down)
    assert shown(AccountsModel.NAME) == ["Quiet"]
    assert view.count.text() == "1 of 3 accounts"
    view.show_segment(None)
    assert view.proxy.rowCount() == 3


def test_account_page_value_tab_explains_the_figures_and_keeps_a_retention_override(
        qtbot, book, ops, english):
    from PySide6.QtCore import QTimer

    from ui.pages.account import AccountView

    alpha = next(a for a in sv.list_accounts(book) if a.name == "Alpha")
    view = AccountView()
    qtbot.addWidget(view)
    view.ops = ops
    view.show()
    view.show_page(sv.account_page(book, alpha.id, TODAY))
    ops.worker.wait()
    qtbot.waitUntil(lambda: view.value_view.value is not None)
    v = value.account_value(book, "Alpha", TODAY)
    assert view.segment_badge.isVisible() and view.segment_badge.text() == v.rfm.segment_label
    view.tabs.setCurrentWidget(view.value_view)
    rows = {figure.strip(): (shown, how) for figure, shown, how in view.value_view.rows()}
    assert rows["Recency (R)"][0] == f"{v.rfm.r} / 5"
    assert rows["Frequency (F)"][1] == "2 orders in the last 12 months"
    # 150,000 × 0.3 − (3,000 + 100) = 41,900: every step shown
    assert rows["Contribution (12 months)"][0] == "41,900"
    assert rows["Revenue"][0] == "150,000" and rows["Cost of goods"][0] == "-105,000"
    assert rows["Contact effort"][0] == "-3,100"
    assert rows["Executive meeting"] == ("-3,000", "1 × 3,000")
    assert rows["Lifetime value (CLV)"][0] == f"{v.clv:,}"
    assert rows["Formula"][1] == v.lifetime.formula
    assert rows["Retention (r)"][0] == f"{round(v.lifetime.retention.rate * 100):g} %"

    def fill(reason: str):
        dialog = view.value_dialog
        try:
            qtbot.keyClicks(dialog.retention, "60%")
            qtbot.keyClicks(dialog.reason, reason)
            dialog.accept()
            if dialog.isVisible():  # refused: the error says why, and nothing was written
                assert "reason" in dialog.error.text()
                assert value.account_value(book, "Alpha", TODAY).lifetime.retention.source \
                    != "override"
                qtbot.keyClicks(dialog.reason, "Contract ends next year")
                dialog.accept()
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, lambda: fill(""))
    view.value_view.edit_button.click()
    ops.worker.wait()
    kept = value.account_value(book, "Alpha", TODAY).lifetime.retention
    assert (kept.source, kept.rate, kept.reason) == ("override", 0.6, "Contract ends next year")
    qtbot.waitUntil(lambda: view.value_view.value.lifetime.retention.source == "override")
    rows = {figure.strip(): (shown, how) for figure, shown, how in view.value_view.rows()}
    assert rows["Retention (r)"] == ("60 %", "set by hand: Contract ends next year")

    def clear():
        dialog = view.value_dialog
        try:
            assert dialog.retention.text() == "60%"
            dialog.retention.selectAll()
            qtbot.keyClick(dialog.retention, Qt.Key.Key_Delete)
            dialog.accept()
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, clear)
    view.value_view.edit_button.click()
    assert value.account_value(book, "Alpha", TODAY).lifetime.retention.source != "override"


def test_churn_dialog_weighs_the_lifetime_value_against_the_recovery_cost(qtbot, book, ops):
    from PySide6.QtCore import QTimer

    from keyaccounts.services import churn
    from ui.pages.records import RecordsView

    alpha = next(a for a in sv.list_accounts(book) if a.name == "Alpha")
    clv = value.value_on(book, "Alpha", TODAY)
    records = RecordsView()
    qtbot.addWidget(records)
    records.show_account(ops, alpha.id, TODAY)
    seen = {}

    def fill():
        dialog = records.last_dialog
        try:
            value_edit, cost, worth = (dialog.editors[k] for k in ("value", "cost", "worth"))
            seen["placeholder"] = value_edit.placeholderText()
            qtbot.keyClicks(cost, "10,000")
            seen["worth"] = worth.text()
            dialog.accept()
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, fill)
    records.mark_churned()
    assert f"{clv:,}" in seen["placeholder"]
    assert f"{clv:,}" in seen["worth"] and "10,000" in seen["worth"]
    assert f"{clv / 10_000:,.1f} recovered per 1 spent" in seen["worth"]
    assert churn.churn_of(book, alpha.id).value == clv  # empty: the CLV of the day


def test_portfolio_segment_by_tier_table_opens_its_accounts(qtbot, book):
    from ui.pages.portfolio import PortfolioPage

    values = value.portfolio_value(book, TODAY)
    table = value.segment_by_tier(values)
    page = PortfolioPage()
    qtbot.addWidget(page)
    page.show()
    page.set_value(values)
    grid = page.segments
    from keyaccounts.domain.value import SEGMENT_NAMES

    for row, name in enumerate(SEGMENT_NAMES):
        assert [grid.item(row, c).text() for c in range(4)] == [
            str(table[name][t]) for t in "ABC"] + [str(sum(table[name].values()))]
    alpha = next(v for v in values if v.account == "Alpha")
    row = SEGMENT_NAMES.index(alpha.rfm.segment)
    with qtbot.waitSignal(page.open_accounts) as opened:
        grid.setFocus()
        grid.setCurrentCell(row, 0)
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert alpha.account_id in opened.args[0]


def test_the_window_feeds_the_value_to_the_accounts_list_and_the_portfolio(qtbot, book,
                                                                           settings):
    from PySide6.QtWidgets import QApplication

    from tests.conftest import shown_window

    window = shown_window(qtbot, book, settings, TODAY)
    expected = {v.account_id: v.rfm.segment for v in value.portfolio_value(book, TODAY)}
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    window.worker.wait()
    model = window.accounts_list.model
    assert {a: model.segment(a) for a in expected} == expected
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    window.worker.wait()
    table = window.portfolio_page.segments
    total = sum(int(table.item(row, 3).text()) for row in range(table.rowCount()))
    assert total == len(expected) == 3
    window.worker.wait()
