"""The Records tab: actions on a row only with a row, the row kept after acting, and
the day a complaint was answered asked for (today unless told otherwise)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from keyaccounts import services as sv
from keyaccounts.services import complaints as cm

pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 11, 25)


@pytest.fixture
def records(qtbot, db, settings):
    from ui.mainwindow import MainWindow

    sv.add_account(db, "Acme Foods", tier="A")
    cm.add_complaint(db, "Acme Foods", "Pallets late", TODAY - timedelta(days=5),
                     severity="high")
    cm.add_complaint(db, "Acme Foods", "Invoice wrong", TODAY - timedelta(days=2),
                     severity="low")
    window = MainWindow(db, settings, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    window.worker.wait()
    window.go("accounts")
    window.accounts_list.select_account(sv.list_accounts(db)[0].id)
    window.worker.wait()
    view = window.account_view
    view.tabs.setCurrentWidget(view.records_tab)
    yield view.records
    window.worker.wait()


def row_of(tree, text):
    return next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                if tree.topLevelItem(i).text(2).startswith(text))


def test_answered_asks_the_day_and_keeps_the_row(qtbot, records, db):
    tree = records.complaints
    assert tree.currentItem() is None
    assert not records.buttons["respond"].isEnabled()
    assert not records.buttons["resolve"].isEnabled()
    assert not records.buttons["met"].isEnabled()
    tree.setCurrentItem(row_of(tree, "Pallets"))
    assert records.buttons["respond"].isEnabled() and records.buttons["resolve"].isEnabled()

    def answer():
        dialog = records.last_dialog
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.editors["date"].edit)
        edit = QApplication.focusWidget()
        edit.selectAll()
        qtbot.keyClicks(edit, "yesterday")
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    records.buttons["respond"].click()
    [pallets] = [c for c in cm.list_complaints(db, "Acme Foods") if c.summary == "Pallets late"]
    assert pallets.first_response_on == TODAY - timedelta(days=1)
    assert tree.currentItem() is not None and tree.currentItem().text(2) == "Pallets late"
    assert not records.buttons["respond"].isEnabled()   # answered: only resolving is left
    assert records.buttons["resolve"].isEnabled()
