"""Settings ▸ Calendar, driven as a user would: the tab clicked, the address, user and
password typed, *Publish now* clicked; the events read back from a real Radicale server
with the caldav library, and what OK keeps read back from the database and the keyring."""

from __future__ import annotations

from datetime import date, datetime

import caldav
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from keyaccounts import services as sv
from keyaccounts.domain import clock
from keyaccounts.io import publish
from tests.radicale_server import radicale

pytestmark = pytest.mark.sqlite_only
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with radicale(tmp_path_factory.mktemp("radicale"), {"anna": "secret"}) as url:
        yield url


@pytest.fixture
def dialog(qtbot, db, settings):
    from ui.dialogs.settings import SettingsDialog
    from ui.operations import Operations
    from ui.worker import DbWorker

    clock.set_today(TODAY)
    sv.add_account(db, "Acme Foods", tier="A")
    sv.log_interaction(db, "Acme Foods", "visit", datetime(2026, 11, 20, 10), "Kick-off",
                       next_steps=[("Send the quote", date(2026, 12, 2))])
    ops = Operations(db, DbWorker())

    def make():
        d = SettingsDialog(ops, settings, lambda parent: False, False, False)
        qtbot.addWidget(d)
        d.show()
        qtbot.waitExposed(d)
        d.activateWindow()
        qtbot.waitActive(d)
        return d

    make.ops, make.db = ops, db
    return make


def open_calendar_tab(qtbot, d):
    bar = d.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert d.tabs.currentWidget() is d.calendar
    d.calendar.url.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is d.calendar.url)


def type_in(qtbot, *texts):
    """Each text into the focused field, then Tab to the next."""
    for text in texts:
        field = QApplication.focusWidget()
        field.selectAll()
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Tab)


def test_publish_now_and_keep(qtbot, dialog, server, ring):
    cal = caldav.DAVClient(url=server, username="anna", password="secret").principal() \
        .make_calendar(name="Work")
    d = dialog()
    open_calendar_tab(qtbot, d)
    type_in(qtbot, str(cal.url), "anna", "", "secret")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # Remember: ticked
    assert d.calendar.remember.isChecked()
    qtbot.mouseClick(d.calendar.publish_button, Qt.MouseButton.LeftButton)
    dialog.ops.worker.wait()
    assert d.calendar.error.isHidden(), d.calendar.error.text()
    from keyaccounts.services import planner

    n = len(planner.agenda(dialog.db, TODAY, 90))
    assert f"{n} added" in d.calendar.status.text()
    summaries = [str(e.icalendar_component["summary"]) for e in cal.events()]
    assert len(summaries) == n and "Send the quote — Acme Foods" in summaries

    d.accept()
    assert not d.isVisible()
    config = publish.load_config(dialog.db)
    assert config == publish.Config(publish.Target(str(cal.url), "anna", ""), True)
    assert ring.get_password(publish.KEYRING_SERVICE, f"anna@{cal.url}") == "secret"
    with open(dialog.db.path, "rb") as f:
        assert b"secret" not in f.read()

    # opened again: all there; Publish now takes the password from the keyring
    again = dialog()
    assert again.calendar.url.text() == str(cal.url)
    assert again.calendar.password.placeholderText() == "kept in the system keyring"
    open_calendar_tab(qtbot, again)
    qtbot.mouseClick(again.calendar.publish_button, Qt.MouseButton.LeftButton)
    dialog.ops.worker.wait()
    assert "0 added" in again.calendar.status.text() and f"{n} unchanged" in \
        again.calendar.status.text()


def test_wrong_password_and_bad_address_are_said_in_the_tab(qtbot, dialog, server, ring):
    d = dialog()
    open_calendar_tab(qtbot, d)
    type_in(qtbot, server + "anna/", "anna", "", "wrong")
    qtbot.mouseClick(d.calendar.publish_button, Qt.MouseButton.LeftButton)
    dialog.ops.worker.wait()
    assert "refused the user name or password" in d.calendar.error.text()
    assert d.calendar.publish_button.isEnabled()

    d.calendar.url.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is d.calendar.url)
    type_in(qtbot, "calendar.example.com")
    d.accept()  # refused: nothing kept, the dialog stays on the tab
    assert d.isVisible() and d.tabs.currentWidget() is d.calendar
    assert "expected the calendar's address" in d.calendar.error.text()
    assert publish.load_config(dialog.db) == publish.Config()
