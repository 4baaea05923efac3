"""Ctrl+Z in the main window undoes the last done, snooze or reschedule on the Today
page (Edit ▸ Undo, enabled only when there is something to undo); the status bar says
what was undone. Keys go to the focused widget."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from keyaccounts import services as sv
from keyaccounts.domain.dates import Birthday
from tests.conftest import shown_window

pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def window(qtbot, db, settings):
    sv.add_account(db, "Acme Foods", tier="A")
    sv.add_contact(db, "Acme Foods", "Zhang Wei", level="exec", birthday=Birthday(11, 27))
    sv.log_interaction(db, "Acme Foods", "visit", datetime(2026, 11, 1, 10), "Kick-off",
                       contacts=["Zhang Wei"],
                       next_steps=[("Send the quote", date(2026, 11, 10)),
                                   ("Call the buyer", date(2026, 11, 12)),
                                   ("Book a plant visit", date(2026, 11, 26))])
    w = shown_window(qtbot, db, settings, TODAY)
    qtbot.waitUntil(lambda: hasattr(w, "act_undo"))  # the menus come after the first frame
    yield w
    w.worker.wait()


def on_item(qtbot, window, title):
    page = window.today_page
    qtbot.waitUntil(lambda: page.select(lambda i: i.title == title) is not None)
    page.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.view)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def ctrl_z(qtbot, window):
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.worker.wait()


def open_followups(db):
    return sorted((f.text, f.due) for f in sv.list_followups(db, open_only=True))


def birthday(window):
    return next(i for i in window.today_page.grouped()["This week"] if i.kind == "birthday")


def test_ctrl_z_undoes_done_snooze_and_reschedule(qtbot, window):
    db = window.db
    before = open_followups(db)
    assert not window.act_undo.isEnabled()  # nothing to undo yet

    on_item(qtbot, window, "Send the quote")
    press(qtbot, Qt.Key.Key_D)
    window.worker.wait()
    assert ("Send the quote", date(2026, 11, 10)) not in open_followups(db)
    assert window.act_undo.isEnabled() and "Send the quote" in window.act_undo.text()
    ctrl_z(qtbot, window)
    assert open_followups(db) == before
    assert "Send the quote" in window.statusBar().currentMessage()
    assert window.statusBar().currentMessage().startswith("Undone:")
    qtbot.waitUntil(lambda: "Send the quote" in [
        i.title for i in window.today_page.grouped()["Overdue"]])
    assert not window.act_undo.isEnabled()

    on_item(qtbot, window, "Birthday: Zhang Wei")
    press(qtbot, Qt.Key.Key_S)
    window.worker.wait()
    qtbot.waitUntil(lambda: birthday(window).snoozed_until == date(2026, 11, 26))
    ctrl_z(qtbot, window)
    qtbot.waitUntil(lambda: birthday(window).snoozed_until is None)
    assert "Zhang Wei" in window.statusBar().currentMessage()

    on_item(qtbot, window, "Call the buyer")
    key = window.today_page.current().key
    window.move_item(key, date(2026, 12, 9))
    window.worker.wait()
    assert ("Call the buyer", date(2026, 12, 9)) in open_followups(db)
    assert window.act_undo.isEnabled() and "Call the buyer" in window.act_undo.text()
    window.act_undo.trigger()
    window.worker.wait()
    assert open_followups(db) == before
    assert not window.act_undo.isEnabled()
    assert window.act_redo.isEnabled()
