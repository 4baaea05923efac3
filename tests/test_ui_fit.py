"""A 13-inch laptop (1024×700) is the common screen: every page works there, and the
window keeps the size it was given."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

pytestmark = pytest.mark.sqlite_only


def settle(window):
    window.worker.wait()
    for _ in range(10):
        QApplication.processEvents()


def test_every_page_fits_a_small_laptop(qtbot, demo_db, settings):
    from tests.conftest import DEMO_TODAY
    from ui.mainwindow import MainWindow

    window = MainWindow(demo_db, settings, today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    qtbot.waitExposed(window)
    settle(window)
    for page in ("today", "accounts", "calendar", "portfolio", "accounts"):
        window.go(page)
        settle(window)
        assert window.width() == 1024, page  # it widened itself by ~45 px
    accounts = window.accounts_list
    accounts.select_account(accounts.model.rows[0].account.id)
    settle(window)
    chars = accounts.search.fontMetrics().averageCharWidth()
    assert accounts.search.width() >= 16 * chars  # it shrank to three characters
    view = accounts.view
    assert not view.horizontalScrollBar().isVisible()
    header = view.horizontalHeader()
    assert not header.isSectionHidden(accounts.model.LAST)  # last contact stays in sight
    assert header.sectionViewportPosition(accounts.model.LAST) + header.sectionSize(
        accounts.model.LAST) <= view.viewport().width()
    page = window.account_view
    assert window.width() == 1024
    for button in page.bar_buttons:  # words in tooltips when they do not fit
        assert button.text() == "" or button.width() >= button.sizeHint().width()
        assert button.text() or button.toolTip()
