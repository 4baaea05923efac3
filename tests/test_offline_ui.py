"""Offline in the app (issue 17): the status bar's indicator and the outbox's conflicts
dialog, driven by keys, on a real team server behind a closable network."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from keyaccounts import services as sv
from keyaccounts.domain import clock
from keyaccounts.storage.db import open_database
from keyaccounts.storage.offline import open_team_or_copy
from tests.test_offline import (  # noqa: F401  (fixtures)
    _db_name,
    _promise,
    connect_and_sync,
    cut_off_after_sync,
    laptop,
    network,
    on_server,
)
from tests.test_team_rls import team_db  # noqa: F401  (the fixture)
from ui.dialogs.conflicts import ConflictsDialog
from ui.offline import OfflineIndicator
from ui.operations import Operations
from ui.worker import DbWorker


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_offline_indicator_and_conflicts_dialog(qtbot, pg_server, team_db, network,  # noqa: F811
                                                laptop):  # noqa: F811
    url, people = team_db
    ann = network.url(_db_name(url), people["ann"])
    fid, day = _promise(url)
    clock.set_today(day)
    connect_and_sync(ann)

    network.stop()
    copy = open_team_or_copy(ann)
    worker = DbWorker()
    indicator = OfflineIndicator(Operations(copy, worker))
    qtbot.addWidget(indicator)
    sv.log_interaction(copy, "ann account", "visit", datetime.combine(
        day, datetime.min.time()) + timedelta(hours=9), "visit without Wi-Fi", settle=[fid])
    indicator.refresh()
    worker.wait()
    assert not indicator.isHidden()
    assert "Offline since" in indicator.text() and "1 not yet sent" in indicator.text()
    copy.close()

    # Meanwhile the promise was settled by someone else.
    with open_database(url) as admin, admin.engine.begin() as c:
        c.execute(text(f"UPDATE follow_up SET status = 'settled', closed_on = opened_on "
                       f"WHERE id = {fid}"))
    network.start()
    server = open_database(ann)
    ops = Operations(server, worker)
    dialog = ConflictsDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    worker.wait()
    assert dialog.model.rowCount() == 1 and dialog.model.item(0, 1).text() == "Not yet sent"
    qtbot.waitUntil(dialog.view.hasFocus)
    press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)    # Send now
    worker.wait()
    worker.wait()
    assert dialog.model.item(0, 1).text() == "Conflict"
    assert "already settled" in dialog.model.item(0, 3).text()
    assert "visit without Wi-Fi" in dialog.model.item(0, 2).text()
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)    # Re-attach
    worker.wait()
    worker.wait()
    assert dialog.model.rowCount() == 0
    assert dialog.summary.text() == "Nothing waits to be sent."
    assert on_server(url, "SELECT count(*) FROM interaction WHERE summary = "
                          "'visit without Wi-Fi'") == [(1,)]
    indicator.ops = ops
    indicator.refresh()
    worker.wait()
    assert indicator.text() == "" and not indicator.isVisible()
    server.close()


def test_the_window_goes_on_with_the_copy_and_back_to_the_server(qtbot, pg_server,  # noqa: F811
                                                                 team_db, network,  # noqa: F811
                                                                 laptop, settings,  # noqa: F811
                                                                 english):
    """The server stops answering: at the next minute's check the window works on its
    copy, offline; it answers again: the outbox is sent, and the window works on the
    server again. No restart either way."""
    from keyaccounts.storage.offline import ReplicaDatabase
    from tests.conftest import shown_window
    from ui import offline
    from ui.operations import CHAIN

    url, people = team_db
    ann = network.url(_db_name(url), people["ann"])
    fid, day = _promise(url)
    clock.set_today(day)
    connect_and_sync(ann)
    server = open_team_or_copy(ann)
    assert not isinstance(server, ReplicaDatabase)
    window = shown_window(qtbot, server, settings, day)
    indicator = offline.install(window)
    window.worker.wait()

    def check():  # the minute's check of the connection
        indicator.poll()
        indicator.sync_worker.wait()
        window.worker.wait()
        window.worker.wait()

    check()
    assert window.db is server and not indicator.isVisible()

    network.stop()
    check()
    copy = window.db
    assert isinstance(copy, ReplicaDatabase) and copy.offline
    assert "Offline since" in indicator.text()
    assert window.windowTitle().endswith(_db_name(url))  # the server's copy, named so
    assert "ann promise" in [i.title for i in window.agenda_list]  # read from the copy
    window.ops.run(lambda db: sv.log_interaction(
        db, "ann account", "visit", datetime.combine(day, datetime.min.time())
        + timedelta(hours=9), "logged in the lift"), CHAIN)
    window.worker.wait()
    window.worker.wait()
    assert "1 not yet sent" in indicator.text()
    # Done on the promise, then Ctrl+Z: both kept in the outbox.
    page = window.today_page
    assert page.select(lambda i: i.title == "ann promise") is not None
    page.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.view)
    press(qtbot, Qt.Key.Key_D)
    window.worker.wait()
    qtbot.waitUntil(lambda: "ann promise" not in [i.title for i in window.agenda_list])
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.worker.wait()
    qtbot.waitUntil(lambda: "ann promise" in [i.title for i in window.agenda_list])
    window.worker.wait()
    assert "3 not yet sent" in indicator.text(), indicator.text()
    check()  # still out of reach: still on the copy
    assert window.db is copy and "Offline since" in indicator.text()

    network.start()
    check()
    assert not isinstance(window.db, ReplicaDatabase)
    assert on_server(url, "SELECT count(*) FROM interaction WHERE summary = "
                          "'logged in the lift'") == [(1,)]
    assert indicator.text() == "" and not indicator.isVisible()
    assert on_server(url, f"SELECT status FROM follow_up WHERE id = {fid}") == [("open",)]
    assert window.windowTitle().endswith(_db_name(url))
    # Back on the server: a write goes there at once, through no outbox.
    window.ops.run(lambda db: sv.add_followup(db, "ann account", "ring back",
                                              day + timedelta(days=2)), CHAIN)
    window.worker.wait()
    assert on_server(url, "SELECT count(*) FROM follow_up WHERE text = 'ring back'") == [(1,)]
    window.close()
    window.db.close()


def test_a_write_failing_out_of_reach_moves_the_window_to_the_copy_at_once(  # noqa: F811
        qtbot, pg_server, team_db, network, laptop, settings, english):  # noqa: F811
    """A write fails because the server no longer answers: the connection is checked at
    once (not at the next minute), and the window goes on with its copy."""
    from keyaccounts.storage.offline import ReplicaDatabase
    from tests.conftest import shown_window
    from ui import offline
    from ui.operations import CHAIN

    url, people = team_db
    ann = network.url(_db_name(url), people["ann"])
    fid, day = _promise(url)
    clock.set_today(day)
    connect_and_sync(ann)
    window = shown_window(qtbot, open_team_or_copy(ann), settings, day)
    indicator = offline.install(window)
    window.worker.wait()
    assert indicator.status is not None and indicator.status.team
    indicator.sync_worker.wait()  # the first check, done while the server answers
    window.worker.wait()
    assert not isinstance(window.db, ReplicaDatabase)
    network.stop()
    errors = []
    window.ops.run(lambda db: sv.add_followup(db, "ann account", "ring back",
                                              day + timedelta(days=2)), CHAIN,
                   failed=errors.append)
    window.worker.wait()
    assert errors  # said as ever
    indicator.sync_worker.wait()
    window.worker.wait()
    assert isinstance(window.db, ReplicaDatabase) and window.db.offline
    assert "Offline since" in indicator.text()
    # Written again, it is kept in the outbox.
    window.ops.run(lambda db: sv.add_followup(db, "ann account", "ring back",
                                              day + timedelta(days=2)), CHAIN)
    window.worker.wait()
    window.worker.wait()
    assert "1 not yet sent" in indicator.text()
    window.close()
    window.db.close()


def _shown_text(window, title):
    """The Today page's first column for the item titled *title* (None: not shown)."""
    page = window.today_page
    model = page.model
    for row, record in enumerate(model.records):
        if not isinstance(record, int) and record.title == title:
            return model.data(model.index(row, 0))
    return None


def _chain_summaries(window):
    tree = window.account_view.timeline
    return [tree.topLevelItem(i).text(4) for i in range(tree.topLevelItemCount())]


def test_what_is_written_offline_is_marked_until_it_is_sent(qtbot, pg_server, team_db,  # noqa: F811
                                                            network, laptop, settings,  # noqa: F811
                                                            english):
    """Offline, a quick log (Enter on the promise, a next step, Ctrl+Enter) shows at once,
    marked "not yet sent" on the Today page and in the account's chain; back online and
    sent, the marks are gone."""
    from tests.conftest import shown_window
    from ui import offline

    url, people = team_db
    ann, fid, day = cut_off_after_sync(team_db, network)
    copy = open_team_or_copy(ann)
    window = shown_window(qtbot, copy, settings, day)
    indicator = offline.install(window)
    window.worker.wait()
    page = window.today_page
    for group, shown in enumerate(page.model.open):  # every group open (Later too)
        if not shown:
            page.model.toggle(group)
    assert page.select(lambda i: i.title == "ann promise") is not None
    page.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.view)
    press(qtbot, Qt.Key.Key_Return)                      # log it: the quick log, prefilled
    dialog = window.quick_log_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    step = dialog.step_rows[0][0]
    for _ in range(12):                                  # Tab on to the next step's text
        if QApplication.focusWidget() is step:
            break
        focused = QApplication.focusWidget()
        if focused is dialog.summary:
            qtbot.keyClicks(focused, "met in the car park")
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is step
    qtbot.keyClicks(step, "send the price list")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "+3d")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.worker.wait()
    assert not dialog.isVisible(), dialog.error.text()
    qtbot.waitUntil(lambda: _shown_text(window, "send the price list") is not None)
    assert _shown_text(window, "send the price list").endswith("· not yet sent")
    window.open_account(window.account_rows[0].account.id)
    window.worker.wait()
    qtbot.waitUntil(lambda: window.account_view.title.text() == "ann account")
    [logged] = [s for s in _chain_summaries(window) if s.startswith("met in the car park")]
    assert logged.endswith("· not yet sent")
    assert not any(s.endswith("· not yet sent") for s in _chain_summaries(window)
                   if s.startswith("ann visit"))
    view = window.account_view
    assert [view.pinned.topLevelItem(i).text(0) for i in range(view.pinned.topLevelItemCount())
            ] == ["send the price list · not yet sent"]
    # A contact and a complaint, written offline too: marked in their lists.
    from keyaccounts.services import complaints
    from ui.operations import CHAIN, RECORDS

    window.ops.run(lambda db: sv.add_contact(db, "ann account", "Wang Fang"), CHAIN)
    window.ops.run(lambda db: complaints.add_complaint(db, "ann account", "late delivery",
                                                       day), RECORDS)
    window.worker.wait()
    window.worker.wait()
    contacts = [view.contacts.topLevelItem(i).text(0).strip()
                for i in range(view.contacts.topLevelItemCount())]
    assert "Wang Fang · not yet sent" in contacts and "ann contact" in contacts
    view.tabs.setCurrentWidget(view.records_tab)
    window.worker.wait()
    records = view.records.complaints
    assert [records.topLevelItem(i).text(2) for i in range(records.topLevelItemCount())] == [
        "late delivery · not yet sent"]
    view.tabs.setCurrentIndex(0)

    network.start()
    indicator.poll()                                     # the minute's try: it answers
    indicator.sync_worker.wait()
    window.worker.wait()
    qtbot.waitUntil(lambda: any(s.startswith("met in the car park")
                                for s in _chain_summaries(window)))
    [logged] = [s for s in _chain_summaries(window) if s.startswith("met in the car park")]
    assert "not yet sent" not in logged
    contacts = [view.contacts.topLevelItem(i).text(0).strip()
                for i in range(view.contacts.topLevelItemCount())]
    assert "Wang Fang" in contacts and not any("not yet sent" in c for c in contacts)
    window.go("today")
    window.worker.wait()
    assert _shown_text(window, "send the price list") == "Follow-up: send the price list"
    assert on_server(url, "SELECT count(*) FROM interaction WHERE summary = "
                          "'met in the car park'") == [(1,)]
    window.close()
    copy.close()
