"""What the pages show, as a reader checks it: numbers that add up, rules in words,
charts that explain themselves."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.sqlite_only


def test_health_components_add_up_to_the_headline(qtbot, demo_db, settings):
    from tests.conftest import DEMO_TODAY
    from ui.mainwindow import MainWindow

    window = MainWindow(demo_db, settings, today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.show()
    window.worker.wait()
    window.go("accounts")
    window.accounts_list.select_account(window.accounts_list.model.rows[0].account.id)
    window.worker.wait()
    window.worker.wait()
    view = window.account_view
    qtbot.waitUntil(lambda: view.components.topLevelItemCount() == 10)
    points = [view.components.topLevelItem(i).text(1).split(" / ")[0] for i in range(10)]
    assert all(len(p.split(".")) == 2 and len(p.split(".")[1]) == 1 for p in points), points
    total = round(sum(float(p) for p in points), 1)
    assert view.components.headerItem().text(1) == f"Points ({total:.1f} in all)"
    headline = int(view.health_label.text().split()[1])
    assert headline == int(total + 0.5)
    assert "/ 30 d" not in view.health_label.text()


@pytest.mark.parametrize("rule, english, chinese", [
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "every 2 weeks on Tuesday", "每 2 周的星期二"),
    ("FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU", "every 3 months on the first Tuesday",
     "每 3 个月的第一个星期二"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "every month on the last Friday", "每月的最后一个星期五"),
    ("FREQ=MONTHLY;BYMONTHDAY=15", "every month on day 15", "每月 15 日"),
    ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", "every year on March 15", "每年 3月15日"),
])
def test_cadences_are_described_in_words_in_both_languages(rule, english, chinese):
    from keyaccounts import i18n
    from keyaccounts.domain.rhythm import describe

    assert describe(rule) == english
    i18n.set_language("zh_CN")
    try:
        assert describe(rule) == chinese
    finally:
        i18n.set_language(None)


def test_the_cadence_list_shows_rules_in_words(qtbot, db):
    from keyaccounts import services as sv
    from ui.dialogs.cadences import CadencesDialog
    from ui.operations import Operations
    from ui.worker import DbWorker

    sv.add_account(db, "Acme Foods", tier="A")
    sv.add_cadence(db, "Acme Foods", ["exec-meeting"], rrule="FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU",
                   title="Quarterly review", starts_on=date(2026, 11, 3))
    dialog = CadencesDialog(Operations(db, DbWorker()), sv.list_accounts(db)[0].id,
                            date(2026, 11, 25))
    qtbot.addWidget(dialog)
    [line] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "every 3 months on the first Tuesday from" in line and "FREQ" not in line


def test_the_health_distribution_names_the_accounts_of_a_bar_on_hover(qtbot):
    from types import SimpleNamespace

    from keyaccounts.domain.today import HealthMark
    from ui.widgets import charts

    healths = [HealthMark(1, 35, "red", None), HealthMark(2, 38, "red", None),
               HealthMark(3, 82, "green", None)]
    view = charts.ChartView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.draw(charts.paint_distribution, healths, {1: "Acme Foods", 2: "Beta", 3: "Gamma"})
    charts.loader.wait()
    [ax] = view.figure.axes
    assert view.hover(SimpleNamespace(xdata=34.0)) == "Acme Foods: 35\nBeta: 38"
    ticks = [t for t in ax.get_yticks() if t >= 0]
    assert ticks and all(float(t).is_integer() for t in ticks)  # counts: whole numbers


def test_an_empty_chart_says_so_without_axes(qtbot):
    from ui.widgets import charts

    view = charts.ChartView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.draw(charts.paint_satisfaction, [])
    charts.loader.wait()
    [ax] = view.figure.axes
    assert not ax.axison
    assert [t.get_text() for t in ax.texts] == ["No survey recorded"]


def test_settings_offer_the_region_of_xiaonian(qtbot, db, settings):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from keyaccounts import services as sv
    from ui.dialogs.settings import SettingsDialog
    from ui.operations import Operations
    from ui.worker import DbWorker

    dialog = SettingsDialog(Operations(db, DbWorker()), settings, lambda _p: False, False,
                            False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.xiaonian.currentData() == "north"
    dialog.activateWindow()
    dialog.xiaonian.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.xiaonian)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert dialog.xiaonian.currentData() == "south"
    dialog.accept()
    assert sv.get_setting(db, "care.xiaonian") == "south"


def test_the_portfolio_counts_one_account_in_the_singular(qtbot):
    from datetime import date

    from keyaccounts.domain.today import HealthMark
    from ui.pages.portfolio import PortfolioPage

    from PySide6.QtCore import QLocale, QTranslator
    from PySide6.QtWidgets import QApplication

    from ui import resources

    english = QTranslator()  # the app's English catalogue: its plural forms
    assert english.load(QLocale("en"), "keyaccounts", "_", str(resources.path("i18n")))
    QApplication.installTranslator(english)
    try:
        page = PortfolioPage()
        qtbot.addWidget(page)
        page.set_data([HealthMark(1, 80, "green", None)], [], [], date(2026, 11, 25))
        assert page.summary.text() == "1 account: 1 green, 0 amber, 0 red"
    finally:
        QApplication.removeTranslator(english)
