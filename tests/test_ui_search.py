"""The global search: hits in a popup wide enough to read them, the date first; an
interaction opens the account's chain scrolled to it."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from keyaccounts import services as sv

pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 11, 25)


@pytest.fixture
def window(qtbot, db, settings):
    from ui.mainwindow import MainWindow

    sv.add_account(db, "Northwind Foods", tier="A")
    sv.add_account(db, "Acme Foods", tier="B")
    for day in range(1, 13):
        sv.log_interaction(db, "Northwind Foods", "call", datetime(2026, 10, day, 10),
                           "Sent the quotation by email")
    sv.log_interaction(db, "Acme Foods", "visit", datetime(2026, 11, 2, 10), "Kick-off")
    w = MainWindow(db, settings, today=TODAY)
    qtbot.addWidget(w)
    w.resize(1024, 700)
    w.show()
    qtbot.waitExposed(w)
    w.worker.wait()
    yield w
    w.worker.wait()


def test_hits_are_wide_enough_to_read_and_open_on_the_interaction(qtbot, window):
    window.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    qtbot.keyClicks(QApplication.focusWidget(), "quotation")
    qtbot.waitUntil(lambda: window.search_model.rowCount() == 12, timeout=3000)
    window.worker.wait()
    popup = window.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    labels = [window.search_model.item(r).text() for r in range(12)]
    assert labels[0] == "2026-10-12 · Sent the quotation by email — Northwind Foods, Call"
    assert len(set(labels)) == 12  # each one tells itself apart: its date first
    widest = max(popup.fontMetrics().horizontalAdvance(t) for t in labels)
    assert popup.width() >= widest > window.search.width()
    # Keys as a person types them: to the focused window, which hands them to the open
    # popup (the search box keeps the focus, the popup takes the keys).
    assert QApplication.focusWidget() is window.search
    for _ in range(4):  # down to the fourth hit
        qtbot.keyClick(QApplication.focusWindow(), Qt.Key.Key_Down)
    assert popup.currentIndex().row() == 3
    qtbot.keyClick(QApplication.focusWindow(), Qt.Key.Key_Return)
    assert not popup.isVisible()
    window.worker.wait()
    qtbot.waitUntil(lambda: window.account_view.title.text() == "Northwind Foods")
    view = window.account_view
    assert view.tabs.currentIndex() == 0
    current = view.timeline.currentItem()
    assert current is not None and current.text(0) == "2026-10-09"


def test_enter_in_the_search_box_opens_the_first_hit(qtbot, window):
    window.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    qtbot.keyClicks(QApplication.focusWidget(), "Acme")
    qtbot.waitUntil(lambda: window.search_model.rowCount() >= 1, timeout=3000)
    window.worker.wait()
    assert window.search_model.item(0).text() == "Acme Foods — Account"
    qtbot.waitUntil(window.completer.popup().isVisible)
    qtbot.keyClick(QApplication.focusWindow(), Qt.Key.Key_Return)
    window.worker.wait()
    qtbot.waitUntil(lambda: window.account_view.title.text() == "Acme Foods")
    qtbot.waitUntil(lambda: window.search.text() == "")


def test_hits_read_in_chinese(qtbot):
    from PySide6.QtCore import QLocale, QTranslator

    from keyaccounts.domain.views import SearchHit
    from ui import resources
    from ui.widgets.search import hit_label

    chinese = QTranslator()
    assert chinese.load(QLocale("zh_CN"), "keyaccounts", "_", str(resources.path("i18n")))
    QApplication.installTranslator(chinese)
    try:
        assert hit_label(SearchHit("account", 1, "北风食品", "北风食品", "")) == "北风食品 — 客户"
        assert hit_label(SearchHit("contact", 2, "北风食品", "张伟", "")) == \
            "张伟 — 联系人，北风食品"
        assert hit_label(SearchHit("interaction", 3, "北风食品", "发送报价",
                                   "2026-10-12 call")).startswith("2026-10-12 · 发送报价 — 北风食品，")
    finally:
        QApplication.removeTranslator(chinese)
