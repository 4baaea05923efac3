"""The Today page keeps the user's place: after an action the selection stays on the
next item, not on the first heading. Keys go to the focused widget."""

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
                                   ("Book a plant visit", date(2026, 11, 26)),
                                   ("Send samples", date(2026, 11, 28))])
    w = shown_window(qtbot, db, settings, TODAY)
    yield w
    w.worker.wait()


def on_item(qtbot, window, title):
    page = window.today_page
    assert page.select(lambda i: i.title == title) is not None
    page.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.view)


def press(qtbot, key):
    qtbot.keyClick(QApplication.focusWidget(), key)


def current_title(window):
    item = window.today_page.current()
    return item.title if item is not None else None


def test_the_window_opens_with_the_keys_in_the_agenda(qtbot, window):
    """The morning's review starts at once: Down moves in the agenda (it switched the
    sidebar's page when the sidebar had the focus)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.today_page.view)
    first = current_title(window)
    press(qtbot, Qt.Key.Key_Down)
    assert window.page() == "today" and current_title(window) not in (None, first)


def test_done_keeps_the_selection_on_the_next_item(qtbot, window):
    on_item(qtbot, window, "Send the quote")
    press(qtbot, Qt.Key.Key_D)
    window.worker.wait()
    qtbot.waitUntil(lambda: "Send the quote" not in [
        i.title for i in window.today_page.grouped()["Overdue"]])
    assert current_title(window) == "Call the buyer"
    press(qtbot, Qt.Key.Key_D)  # and the next key acts on it
    window.worker.wait()
    qtbot.waitUntil(lambda: not window.today_page.grouped()["Overdue"])
    assert current_title(window) == "Book a plant visit"  # the next one, in "Today"


def test_snooze_moves_on_to_the_next_item(qtbot, window):
    on_item(qtbot, window, "Book a plant visit")
    week = [i.title for i in window.today_page.grouped()["This week"]]
    following = week[week.index("Book a plant visit") + 1]
    press(qtbot, Qt.Key.Key_S)
    window.worker.wait()
    qtbot.waitUntil(lambda: current_title(window) != "Book a plant visit")
    assert current_title(window) == following


def timeline_lines(window):
    tree = window.account_view.timeline
    out = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        out.append(top.text(0))
        out += [top.child(c).text(0) for c in range(top.childCount())]
    return out


def test_done_and_moved_without_a_contact_show_in_the_chain(qtbot, window):
    on_item(qtbot, window, "Send the quote")
    press(qtbot, Qt.Key.Key_D)
    window.worker.wait()
    window.move_item(window.today_page.select(lambda i: i.title == "Call the buyer").key,
                     date(2026, 12, 9))
    window.worker.wait()
    window.go("accounts")
    window.accounts_list.select_account(window.accounts_list.model.rows[0].account.id)
    window.worker.wait()
    qtbot.waitUntil(lambda: window.account_view.title.text() == "Acme Foods")
    lines = timeline_lines(window)
    assert "Closed without a contact on Nov 25 (Wed): Send the quote" in lines
    assert "Moved without a contact on Nov 25 (Wed): Call the buyer → due 2026-12-09" in lines


def test_a_snoozed_item_shows_where_it_went_and_says_so(qtbot, window):
    on_item(qtbot, window, "Send the quote")   # overdue since 10 Nov
    press(qtbot, Qt.Key.Key_S)                 # a day: back tomorrow
    window.worker.wait()
    qtbot.waitUntil(lambda: "Send the quote" not in [
        i.title for i in window.today_page.grouped()["Overdue"]])
    [snoozed] = [i for i in window.today_page.grouped()["This week"]
                 if i.title == "Send the quote"]
    assert snoozed.date == date(2026, 11, 26) and snoozed.snoozed_until == date(2026, 11, 26)
    model = window.today_page.model
    row = model.records.index(snoozed)
    assert model.index(row, 0).data() == \
        "Follow-up: Send the quote (snoozed until Nov 26 (Thu))"
