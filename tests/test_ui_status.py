"""The status bar counts in proper plural forms: "1 account", not "1 accounts"."""

from __future__ import annotations

from datetime import date

import pytest

from keyaccounts import services as sv
from tests.conftest import shown_window

pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 11, 25)


def test_one_account_is_counted_in_the_singular(qtbot, db, settings, english):
    sv.add_account(db, "Acme Foods", tier="A")
    w = shown_window(qtbot, db, settings, TODAY)
    qtbot.waitUntil(lambda: w.status.text().startswith("1 account · 0 overdue · "))
    sv.add_account(db, "Beta Logistics", tier="B")
    w.reload()
    w.worker.wait()
    qtbot.waitUntil(lambda: w.status.text().startswith("2 accounts · "))
    w.worker.wait()


def test_the_accounts_list_counts_what_it_shows_in_proper_plurals(qtbot, db, settings,
                                                                  english):
    from PySide6.QtWidgets import QApplication

    sv.add_account(db, "Acme Foods", tier="A")
    w = shown_window(qtbot, db, settings, TODAY)
    w.go("accounts")
    w.worker.wait()
    lst = w.accounts_list
    qtbot.waitUntil(lambda: lst.count.text() == "1 account")
    lst.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is lst.search)
    qtbot.keyClicks(QApplication.focusWidget(), "zzz")
    assert lst.count.text() == "0 of 1 account"
    w.worker.wait()


def test_the_window_mixins_plurals_are_looked_up_in_their_own_context(qtbot, db, settings):
    """PySide's tr() stopped at MainWindow's context for a plural form (its number
    already makes it differ from the source): "Logged. 2 follow-up(s) opened." in
    Chinese too."""
    from PySide6.QtCore import QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    from ui import resources

    w = shown_window(qtbot, db, settings, TODAY)
    chinese = QTranslator()
    assert chinese.load(QLocale("zh_CN"), "keyaccounts", "_", str(resources.path("i18n")))
    QApplication.installTranslator(chinese)
    try:
        assert w.tr("Logged. %n follow-up(s) opened.", "", 2) == "已记录。新增 2 项跟进。"  # Actions
        assert w.tr("%n order(s) imported.", "", 3) == "已导入 3 笔订单。"  # Files
        assert w.tr("%n account(s)", "", 1) == "1 个客户"  # MainWindow
        assert w.tr("&Refresh") == "刷新(&R)"  # Menus, no number
        assert w.tr("Not a string of ours %n", "", 4) == "Not a string of ours 4"
    finally:
        QApplication.removeTranslator(chinese)
    w.worker.wait()
