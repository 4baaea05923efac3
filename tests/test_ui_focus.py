"""Typing goes where the user expects: every dialog opens on the field to fill, and
its date fields take what the quick log takes. Keys go to the focused widget, so a
focus bug fails these tests."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from keyaccounts import services as sv
from keyaccounts.domain import clock

pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def ops(qtbot, db):
    from ui.operations import Operations
    from ui.worker import DbWorker

    clock.set_today(TODAY)
    sv.add_account(db, "Acme Foods", tier="A")
    sv.add_account(db, "Northwind Foods", tier="B")
    sv.add_contact(db, "Acme Foods", "Zhang Wei", level="exec", title="CEO")
    sv.log_interaction(db, "Acme Foods", "visit", datetime(2026, 11, 1, 10), "Kick-off",
                       contacts=["Zhang Wei"], next_steps=[("Send the quote", date(2026, 11, 10))])
    return Operations(db, DbWorker())


def focused():
    return QApplication.focusWidget()


def type_text(qtbot, text):
    if text.isascii():
        qtbot.keyClicks(focused(), text)
        return
    for ch in text:  # Chinese arrives from an input method as key events with text
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(focused(), QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                        ch))


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), key, modifier)


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: focused() is not None and dialog.isAncestorOf(focused()))
    return dialog


def test_new_account_starts_on_the_name_and_takes_a_typed_renewal(qtbot, ops):
    from ui.dialogs.account import AccountDialog

    dialog = shown(qtbot, AccountDialog(ops))
    assert focused() is dialog.name
    type_text(qtbot, "Acme Robotics")      # the space must not press OK
    assert dialog.isVisible() and dialog.name.text() == "Acme Robotics"
    dialog.renewal.setFocus()
    type_text(qtbot, "20270630")
    assert dialog.renewal.value() == date(2027, 6, 30)
    assert dialog.renewal.meaning.text() == "Jun 30, 2027 (Wed)"
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [robotics] = [a for a in sv.list_accounts(ops.db) if a.name == "Acme Robotics"]
    assert robotics.renewal == date(2027, 6, 30)


def test_a_missing_name_is_named_by_its_label_and_clears_once_typed(qtbot, ops):
    from ui.dialogs.account import AccountDialog

    dialog = shown(qtbot, AccountDialog(ops))
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert dialog.error.text() == "Name: must not be empty"
    assert focused() is dialog.name
    type_text(qtbot, "A")
    assert dialog.error.isHidden()


def test_a_mistyped_date_is_refused_beside_its_label(qtbot, ops):
    from ui.dialogs.account import AccountDialog

    dialog = shown(qtbot, AccountDialog(ops))
    type_text(qtbot, "Gamma")
    dialog.renewal.setFocus()
    type_text(qtbot, "someday")
    assert dialog.renewal.meaning.text() == "?"
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and dialog.error.text().startswith("Renewal date=someday: ")
    assert focused() is dialog.renewal.edit
    assert "Gamma" not in [a.name for a in sv.list_accounts(ops.db)]


def test_add_contact_starts_on_the_name(qtbot, ops):
    from ui.dialogs.contact import ContactDialog

    account = sv.list_accounts(ops.db)[0]
    dialog = shown(qtbot, ContactDialog(ops, account.id))
    assert focused() is dialog.name
    type_text(qtbot, "Wang Fang")
    assert dialog.isVisible() and dialog.name.text() == "Wang Fang"


def test_quick_log_from_an_account_starts_on_who_was_met(qtbot, ops):
    from ui.dialogs.quicklog import QuickLogDialog

    acme = sv.list_accounts(ops.db)[0].id
    dialog = shown(qtbot, QuickLogDialog(ops, account_id=acme, today=TODAY))
    kind = dialog.kind.currentData()
    assert focused() is dialog.contacts.input
    type_text(qtbot, "Zhang")
    press(qtbot, Qt.Key.Key_Return)                     # adds Zhang Wei
    press(qtbot, Qt.Key.Key_Tab)                        # -> which of ours were there
    assert focused() is dialog.ours
    press(qtbot, Qt.Key.Key_Tab)                        # -> summary
    assert isinstance(focused(), QPlainTextEdit)
    type_text(qtbot, "Tech session booked")
    press(qtbot, Qt.Key.Key_Return)                     # moves on, no new line
    assert dialog.summary.toPlainText() == "Tech session booked"
    assert focused() is dialog.sentiment
    assert dialog.kind.currentData() == kind
    dialog.summary.setFocus()
    press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.contacts.input
    dialog.reject()


def test_a_contact_chosen_in_the_list_is_added_with_one_enter(qtbot, ops):
    """Down to a suggestion, Enter: the contact is added and the field is empty for the
    next name (the completer wrote its choice back into the field after the Enter)."""
    from ui.dialogs.quicklog import QuickLogDialog

    acme = sv.list_accounts(ops.db)[0].id
    dialog = shown(qtbot, QuickLogDialog(ops, account_id=acme, today=TODAY))
    picker = dialog.contacts
    type_text(qtbot, "zha")
    qtbot.waitUntil(picker.completer.popup().isVisible)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not picker.completer.popup().isVisible())
    qtbot.wait(50)
    assert [picker.chosen.item(i).text() for i in range(picker.chosen.count())] == [
        "Zhang Wei"]
    assert picker.input.text() == "" and focused() is picker.input
    # A name that is not one of the account's contacts is said, not dropped silently.
    type_text(qtbot, "Tom Newman")
    press(qtbot, Qt.Key.Key_Return)
    assert picker.chosen.count() == 1 and picker.input.text() == "Tom Newman"
    assert "Tom Newman" in picker.notice.text() and picker.notice.isVisible()
    dialog.reject()


def test_the_account_field_completes_to_the_full_name(qtbot, ops):
    from ui.dialogs.quicklog import QuickLogDialog

    dialog = shown(qtbot, QuickLogDialog(ops, today=TODAY))
    assert focused() is dialog.account
    type_text(qtbot, "Northwind F")
    dialog.account.completer().popup().hide()
    press(qtbot, Qt.Key.Key_Tab)
    assert dialog.account.currentText() == "Northwind Foods"
    dialog.reject()


@pytest.mark.parametrize("text, expected", [
    ("2027-06-30", date(2027, 6, 30)), ("20270630", date(2027, 6, 30)),
    ("+3m", date(2027, 2, 25)), ("next fri", date(2026, 12, 4)),
    ("下周五", date(2026, 12, 4)), ("6月30日", date(2027, 6, 30)),
])
def test_every_date_field_takes_what_the_quick_log_takes(qtbot, ops, text, expected):
    from ui.dialogs.contact import ContactDialog

    dialog = shown(qtbot, ContactDialog(ops, sv.list_accounts(ops.db)[0].id))
    dialog.joined.setFocus()
    type_text(qtbot, text)
    assert dialog.joined.value() == expected
    assert dialog.joined.meaning.text() != "?"



def test_the_quick_log_says_before_saving_what_it_will_not_count_for(qtbot, ops):
    from ui.dialogs.quicklog import QuickLogDialog

    sv.add_cadence(ops.db, "Acme Foods", ["exec-meeting"], level="exec", ideal_days=90,
                   max_days=120, title="Executive meeting")
    sv.add_contact(ops.db, "Acme Foods", "Li Lei", level="ops")
    acme = sv.list_accounts(ops.db)[0].id
    dialog = shown(qtbot, QuickLogDialog(ops, account_id=acme, today=TODAY,
                                         kind="exec-meeting"))
    assert dialog.shortfall.isVisible()
    assert dialog.shortfall.text() == (
        "This will not count for “Executive meeting”: it needs someone at Executive level "
        "among those met (With).")
    dialog.contacts.setFocus()
    type_text(qtbot, "Li Lei")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.shortfall.isVisible()          # an operational contact is not enough
    type_text(qtbot, "Zhang")
    press(qtbot, Qt.Key.Key_Return)
    assert not dialog.shortfall.isVisible()
    dialog.reject()


def test_the_open_follow_ups_show_whole_up_to_half_the_screen(qtbot, ops):
    from ui.dialogs.quicklog import QuickLogDialog

    for n in range(4):
        sv.add_followup(ops.db, "Acme Foods", f"Promise {n}", date(2026, 12, 1 + n))
    acme = sv.list_accounts(ops.db)[0].id
    dialog = shown(qtbot, QuickLogDialog(ops, account_id=acme, today=TODAY))
    assert len(dialog.followup_rows) == 5
    scroll = dialog.open_scroll
    assert scroll.height() >= dialog.open_box.sizeHint().height()  # every row shows
    assert not scroll.verticalScrollBar().isVisible()
    for n in range(30):
        sv.add_followup(ops.db, "Acme Foods", f"More {n}", date(2027, 1, 1))
    many = shown(qtbot, QuickLogDialog(ops, account_id=acme, today=TODAY))
    assert many.open_scroll.height() <= many.screen().availableGeometry().height() // 2
    many.reject()
    dialog.reject()


def test_a_focus_ring_follows_where_typing_goes(qtbot, ops):
    from ui.widgets.focusring import install

    rings = install(QApplication.instance())
    try:
        _ring_follows(qtbot, ops, rings)
    finally:  # the other tests of the session run without it, as they were written
        rings.uninstall()


def _ring_follows(qtbot, ops, rings):
    from ui.dialogs.quicklog import QuickLogDialog

    acme = sv.list_accounts(ops.db)[0].id
    dialog = shown(qtbot, QuickLogDialog(ops, account_id=acme, today=TODAY))
    qtbot.waitUntil(lambda: rings.ring_of(dialog) is dialog.contacts.input)
    ring = rings.rings[dialog]
    field = dialog.contacts.input
    around = ring.rect().translated(ring.mapToGlobal(ring.rect().topLeft()))
    inside = field.rect().translated(field.mapToGlobal(field.rect().topLeft()))
    assert ring.isVisible() and around.contains(inside)
    dialog.kind.setFocus()
    qtbot.waitUntil(lambda: rings.ring_of(dialog) is dialog.kind)  # a closed combo box too
    dialog.account.setFocus()
    qtbot.waitUntil(lambda: rings.ring_of(dialog) is dialog.account)  # not its line edit
    dialog.reject()
