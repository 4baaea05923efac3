"""Team mode in the app (issue 16): the account page shows the owner, the owner history
and who logged each interaction; the accounts list filters by owner; an edit made on an
outdated copy is refused with who changed it, and Reload brings their version — typed
into the focused widget as a user would, then the database checked."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from keyaccounts import services as sv
from keyaccounts.storage.model import Interaction, OwnerHistory
from tests.test_offline import _db_name, connect_and_sync, laptop, network  # noqa: F401
from tests.test_team_rls import team_db  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 11, 27)


@pytest.fixture
def ops(qtbot, db):
    from ui.operations import Operations
    from ui.worker import DbWorker

    return Operations(db, DbWorker())


def focused(qtbot, widget):
    """*widget*'s window active and *widget* focused, as a user's click leaves them."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def type_keys(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def press(qtbot, key) -> None:
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_the_account_page_shows_owner_history_and_who_logged(qtbot, db, ops):
    from ui.pages.account import AccountView

    acme = sv.add_account(db, "Acme", owner="bob")
    logged = sv.log_interaction(db, "Acme", "visit", datetime(2026, 11, 20, 10), "Site tour")
    sv.log_interaction(db, "Acme", "call", datetime(2026, 11, 21, 10), "Price check")
    # What a team server records (its triggers, a hand-over): written here as it would.
    with db.transaction() as s:
        s.add(OwnerHistory(account_id=acme.id, from_owner="ann", to_owner="bob",
                           reason="Ann moves south", on_date=date(2026, 11, 1),
                           by_login="lee"))
        s.execute(update(Interaction).where(Interaction.id == logged.interaction_id)
                  .values(created_by="ann"))
    view = AccountView()
    qtbot.addWidget(view)
    view.ops = ops
    view.show()
    view.show_page(sv.account_page(db, acme.id, TODAY))
    assert "Owner: bob" in view.facts.text()
    assert view.owners.isVisible()
    assert "from ann to bob by lee: Ann moves south" in view.owners.text()
    rows = {view.timeline.topLevelItem(n).text(4)
            for n in range(view.timeline.topLevelItemCount())}
    assert "Site tour — logged by ann" in rows and "Price check" in rows
    other = sv.add_account(db, "Plain")
    view.show_page(sv.account_page(db, other.id, TODAY))
    assert not view.owners.isVisible()
    ops.worker.wait()


def test_the_accounts_list_filters_by_owner(qtbot, db, english):
    from ui.pages.accounts import AccountsList

    for name, owner in (("Acme", "ann"), ("Beta", "bob"), ("Core", "bob"), ("Dawn", "")):
        sv.add_account(db, name, owner=owner)
    view = AccountsList()
    qtbot.addWidget(view)
    view.show()
    view.set_rows(sv.account_rows(db, TODAY), TODAY)
    assert view.proxy.rowCount() == 4
    focused(qtbot, view.owner)
    type_keys(qtbot, "b")  # a combo box finds its item by the typed letters
    assert view.owner.currentData() == "bob"
    assert sorted(view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())) == [
        "Beta", "Core"]
    assert view.count.text() == "2 of 4 accounts"


def test_an_edit_on_an_outdated_copy_names_who_and_reloads(qtbot, db, ops):
    from ui.dialogs.account import AccountDialog

    sv.add_account(db, "Acme", industry="retail")
    copy = sv.find_account(db, "Acme")
    dialog = AccountDialog(ops, copy)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    sv.update_account(db, "Acme", industry="steel")  # someone else saves meanwhile
    focused(qtbot, dialog.revenue)
    type_keys(qtbot, "5000")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.conflict is not None
    qtbot.waitExposed(dialog.conflict)
    assert "changed by someone else meanwhile" in dialog.conflict.text()
    assert sv.find_account(db, "Acme").annual_revenue is None  # nothing saved
    focused(qtbot, dialog.conflict.defaultButton())
    press(qtbot, Qt.Key.Key_Return)  # Reload
    assert dialog.conflict is None
    assert dialog.industry.text() == "steel" and dialog.revenue.text() == ""
    focused(qtbot, dialog.revenue)
    type_keys(qtbot, "5000")
    press(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    saved = sv.find_account(db, "Acme")
    assert (saved.industry, saved.annual_revenue, saved.version) == ("steel", 5000, 3)


def test_settings_remember_the_team_server_and_its_password_in_the_keyring(
        qtbot, db, ops, settings, ring, pg_server, team_db):  # noqa: F811
    from sqlalchemy.engine import make_url

    from keyaccounts.services import datafile
    from ui.dialogs.settings import SettingsDialog

    url, people = team_db
    dialog = SettingsDialog(ops, settings, lambda _d: False, False, False)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentWidget(dialog.team)
    team = dialog.team
    focused(qtbot, team.url)
    type_keys(qtbot, "wang@server/keyaccounts")  # mistyped: nothing kept
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and team.error.isVisible()
    assert not settings.value("team/url")
    # Ann's address on the test server, typed in; Test connection answers.
    parts = make_url(url)
    address = (f"postgresql://{people['ann']}@/{parts.database}?host="
               f"{parts.query['host']}&port={parts.query['port']}")
    team.url.selectAll()
    type_keys(qtbot, address)
    focused(qtbot, team.password)
    type_keys(qtbot, "anns-own-secret")
    focused(qtbot, team.remember)
    press(qtbot, Qt.Key.Key_Space)
    assert team.remember.isChecked()
    focused(qtbot, team.test_button)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "Connected" in team.status.text() or team.error.isVisible(),
                    timeout=20_000)
    assert "Connected" in team.status.text(), team.error.text()
    focused(qtbot, team.password)
    press(qtbot, Qt.Key.Key_Return)  # OK
    assert not dialog.isVisible()
    kept = datafile.team_url(address)
    assert settings.value("team/url") == kept
    assert ring.get_password(datafile.TEAM_KEYRING, kept) == "anns-own-secret"
    with datafile.open_team(kept, None) as db_as_ann:  # the test server trusts its socket
        assert [a.name for a in sv.list_accounts(db_as_ann)] == ["ann account"]
        assert datafile.location(db_as_ann).name == parts.database
    # Emptied: this computer's file again, and the password leaves the keyring.
    again = SettingsDialog(ops, settings, lambda _d: False, False, False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.tabs.setCurrentWidget(again.team)
    assert again.team.password.placeholderText() == "kept in the system keyring"
    focused(qtbot, again.team.url)
    again.team.url.selectAll()
    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_Return)
    assert not again.isVisible()
    assert settings.value("team/url") == ""
    assert ring.get_password(datafile.TEAM_KEYRING, kept) is None
    ops.worker.wait()


def test_the_app_opens_the_team_server_of_settings(qtbot, qapp, settings, ring, pg_server,
                                                   team_db):  # noqa: F811
    from sqlalchemy.engine import make_url

    from keyaccounts.services import datafile
    from ui.app import open_team_database

    url, people = team_db
    address = datafile.team_url(make_url(url).set(username=people["bob"])
                                .render_as_string(hide_password=False))
    ring.set_password(datafile.TEAM_KEYRING, address, "bobs-secret")  # no question asked
    db = open_team_database(qapp, settings, address)
    try:
        assert [a.name for a in sv.list_accounts(db)] == ["bob account"]
    finally:
        db.close()


def owners_shown(page) -> list[list[str]]:
    """The figures by owner: an owner's name (if shown) and their figures, for each."""
    table = page.owners
    header = [[table.horizontalHeaderItem(c).text()] if not table.horizontalHeader().isHidden()
              else [] for c in range(table.columnCount())]
    return [header[c] + [table.item(r, c).text() for r in range(table.rowCount())]
            for c in range(table.columnCount())]


def listed_names(accounts) -> list[str]:
    return sorted(accounts.proxy.index(r, 0).data() for r in range(accounts.proxy.rowCount()))


def test_the_portfolio_by_owner_opens_an_owners_accounts(qtbot, db, settings, english):
    from tests.conftest import shown_window

    for name, owner in (("Acme", "ann"), ("Beta", "bob"), ("Core", "bob"), ("Dawn", "")):
        sv.add_account(db, name, owner=owner)
    sv.add_followup(db, "Beta", "Send the price list", date(2026, 11, 20),
                    opened_on=date(2026, 11, 10))  # past due
    window = shown_window(qtbot, db, settings, TODAY)
    window.go("portfolio")
    window.worker.wait()
    page = window.portfolio_page
    qtbot.waitUntil(lambda: page.owners.columnCount() == 3)
    assert page.owners.isVisible() and page.owners.horizontalHeader().isVisible()
    rows = owners_shown(page)
    # owner, accounts, green amber red, at risk, neglected, past due, complaints, hand-overs
    assert [r[0] for r in rows] == ["No owner", "ann", "bob"]
    assert rows[2][1] == "2" and rows[2][7] == "1" and rows[1][7] == "0"
    assert rows[2][6] == "2"  # never contacted: both beyond their cadence
    assert "Beta" in page.owners.item(5, 2).toolTip()
    focused(qtbot, page.owners)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Return)  # bob's column
    accounts = window.accounts_list
    assert window.page() == "accounts"
    assert accounts.owner.currentData() == "bob" and accounts.owner.isVisible()
    assert listed_names(accounts) == ["Beta", "Core"]
    assert QApplication.focusWidget() is accounts.view  # the keyboard goes on there
    # search-as-you-type within the owner's accounts
    focused(qtbot, accounts.search)
    type_keys(qtbot, "cor")
    assert listed_names(accounts) == ["Core"]
    assert accounts.count.text() == "1 of 4 accounts"
    # the accounts without an owner, from their column
    window.go("portfolio")
    page.owners.setCurrentCell(0, 0)
    focused(qtbot, page.owners)
    press(qtbot, Qt.Key.Key_Return)
    assert accounts.search.text() == "" and listed_names(accounts) == ["Dawn"]
    # a double-click on ann's column opens hers
    window.go("portfolio")
    table = page.owners
    cell = table.visualItemRect(table.item(3, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert window.page() == "accounts" and listed_names(accounts) == ["Acme"]
    # Read again when shown: a change while the page is hidden waits for it.
    sv.add_account(db, "Echo", owner="ann")
    window.reload()
    window.worker.wait()
    assert page.owners_stale and owners_shown(page)[1][:2] == ["ann", "1"]
    window.go("portfolio")
    window.worker.wait()
    qtbot.waitUntil(lambda: owners_shown(page)[1][:2] == ["ann", "2"])
    window.worker.wait()


def test_a_file_without_owners_shows_one_group_and_no_owner_filter(qtbot, db, settings,
                                                                   english):
    from tests.conftest import shown_window

    for name in ("Acme", "Beta"):
        sv.add_account(db, name)
    window = shown_window(qtbot, db, settings, TODAY)
    window.go("portfolio")
    window.worker.wait()
    page = window.portfolio_page
    qtbot.waitUntil(lambda: page.owners.columnCount() == 1)
    assert not page.owners.horizontalHeader().isVisible()
    assert owners_shown(page)[0][0] == "2"
    focused(qtbot, page.owners)
    press(qtbot, Qt.Key.Key_Return)
    accounts = window.accounts_list
    assert window.page() == "accounts" and not accounts.owner.isVisible()
    assert listed_names(accounts) == ["Acme", "Beta"]
    window.worker.wait()


def test_the_accounts_filters_are_remembered(qtbot, db, settings, english):
    from ui.pages.accounts import AccountsList

    for name, owner, tier in (("Acme", "ann", "A"), ("Beta", "bob", "A"),
                              ("Core", "bob", "B")):
        sv.add_account(db, name, owner=owner, tier=tier)
    rows = sv.account_rows(db, TODAY)
    first = AccountsList(settings=settings)
    qtbot.addWidget(first)
    first.show()
    first.set_rows(rows, TODAY)
    focused(qtbot, first.owner)
    type_keys(qtbot, "b")
    focused(qtbot, first.tier)
    press(qtbot, Qt.Key.Key_Down)  # the first tier, A
    assert listed_names(first) == ["Beta"]
    again = AccountsList(settings=settings)  # the next start
    qtbot.addWidget(again)
    again.show()
    again.set_rows(rows, TODAY)
    assert again.owner.currentData() == "bob" and again.tier.currentData() == "A"
    assert listed_names(again) == ["Beta"]
    focused(qtbot, again.owner)
    press(qtbot, Qt.Key.Key_Home)  # all owners: forgotten
    assert listed_names(again) == ["Acme", "Beta"]
    assert not settings.contains("accounts/owner") and settings.value("accounts/tier") == "A"


class Dialogs:
    """Answers the modal dialogs the app's start opens, one after the other, as a user
    would: each answer gets the dialog once it is shown and active, and types into the
    focused widget. A timer drives them (the start's dialogs run before any event loop of
    the test's); past *deadline_ms* whatever modal is left is closed, so that a test
    fails instead of hanging, and an unexpected dialog fails it too."""

    def __init__(self, qtbot, *answers, deadline_ms: int = 30_000):
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.qtbot, self.answers, self.deadline = qtbot, list(answers), deadline_ms
        self.seen: list = []
        self.texts: list[str] = []
        self.error: str | None = None
        self.clock = QElapsedTimer()
        self.clock.start()
        self.timer = QTimer(interval=20)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if self.clock.elapsed() > self.deadline:
            self.error = self.error or f"still waiting after {self.deadline} ms"
            while (left := QApplication.activeModalWidget()) is not None:
                left.reject()
            self.timer.stop()
            return
        if (dialog is None or dialog in self.seen or not dialog.isVisible()
                or QApplication.activeWindow() is not dialog
                or QApplication.focusWidget() is None):
            return
        self.seen.append(dialog)
        text = dialog.text() if hasattr(dialog, "text") else dialog.labelText()
        self.texts.append(text)
        if not self.answers:
            self.error = f"an unexpected dialog: {text}"
            dialog.reject()
            return
        try:
            self.answers.pop(0)(dialog)
        except BaseException as exc:  # noqa: BLE001 — reported by done()
            self.error = f"{type(exc).__name__}: {exc} (dialog: {text})"
            dialog.reject()

    def done(self) -> list[str]:
        """The dialogs' texts, once every answer was given."""
        self.timer.stop()
        assert self.error is None, self.error
        assert not self.answers, f"{len(self.answers)} dialog(s) never came"
        return self.texts


def answer_return(_dialog) -> None:
    qtbot_press(Qt.Key.Key_Return)


def qtbot_press(key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClick(QApplication.focusWidget(), key, modifier)


def type_password(text: str):
    def answer(dialog) -> None:
        from PySide6.QtTest import QTest

        QTest.keyClicks(QApplication.focusWidget(), text)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    return answer


def person_address(url: str, login: str) -> str:
    from sqlalchemy.engine import make_url

    from keyaccounts.services import datafile

    return datafile.team_url(make_url(url).set(username=login)
                             .render_as_string(hide_password=False))


def test_the_start_against_a_server_that_is_down_says_so_and_opens_the_file(
        qtbot, qapp, settings, ring, english, tmp_path, laptop):  # noqa: F811
    from keyaccounts.services import datafile
    from ui.app import open_team_database

    down = tmp_path / "no-server"
    down.mkdir()
    address = datafile.team_url(f"postgresql://bob@/keyaccounts?host={down}")
    ring.set_password(datafile.TEAM_KEYRING, address, "bobs-secret")
    seen = Dialogs(qtbot, answer_return,  # Try again: the same password, no question
                   lambda box: qtbot_press(Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier))
    assert open_team_database(qapp, settings, address) is None  # this computer's file
    first, second = seen.done()
    assert first == second
    assert first.startswith(f"bob@{down}/keyaccounts: the server does not answer.")
    assert "\n" not in first
    box = seen.seen[0]
    assert "No such file or directory" in box.detailedText()  # the server's own words


def test_the_start_waiting_for_a_silent_server_says_so_then_gives_up(
        qtbot, qapp, settings, ring, english, laptop):  # noqa: F811
    """A server that takes the connection and never answers: a window says which server
    the app waits for, the app keeps answering, and after the connection's timeout the
    dialog says the server does not answer."""
    import socket

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from keyaccounts.services import datafile
    from ui.app import open_team_database

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # connections queue up; nothing is ever said
    try:
        port = silent.getsockname()[1]
        address = datafile.team_url(
            f"postgresql://bob@127.0.0.1:{port}/keyaccounts?connect_timeout=2")
        ring.set_password(datafile.TEAM_KEYRING, address, "bobs-secret")
        waiting = []
        watch = QTimer(interval=50)
        watch.timeout.connect(lambda: waiting.extend(
            w.labelText() for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()))
        watch.start()
        seen = Dialogs(qtbot, lambda box: qtbot_press(Qt.Key.Key_Escape))
        assert open_team_database(qapp, settings, address) is False
        watch.stop()
        (said,) = seen.done()
        assert said.startswith(f"bob@127.0.0.1:{port}/keyaccounts: the server does not "
                               "answer.")
        assert f"Connecting to the team server bob@127.0.0.1:{port}/keyaccounts…" in waiting
        assert not any(w.isVisible() for w in QApplication.topLevelWidgets()
                       if isinstance(w, QProgressDialog))
    finally:
        silent.close()


def test_the_start_out_of_reach_opens_this_computers_copy(
        qtbot, qapp, settings, ring, english, pg_server, team_db, network,  # noqa: F811
        laptop):  # noqa: F811
    from keyaccounts.services import datafile
    from keyaccounts.storage.offline import ReplicaDatabase
    from ui.app import open_team_database

    url, people = team_db
    address = datafile.team_url(network.url(_db_name(url), people["ann"]))
    ring.set_password(datafile.TEAM_KEYRING, address, "anns-secret")
    connect_and_sync(address)  # the copy, made at a first connection
    network.stop()
    seen = Dialogs(qtbot)  # none: offline on the copy, as `--db URL` opens it
    db = open_team_database(qapp, settings, address)
    try:
        assert seen.done() == []
        assert isinstance(db, ReplicaDatabase) and db.offline
        assert [a.name for a in sv.list_accounts(db)] == ["ann account"]
    finally:
        db.close()


def test_the_start_with_a_refused_password_asks_again(qtbot, qapp, settings, ring, english,
                                                      pg_server, team_db):  # noqa: F811
    from keyaccounts.services import datafile
    from ui.app import open_team_database

    url, people = team_db
    bob = people["bob"]
    pg_server.require_password(bob, "bobs-right-secret")
    address = person_address(url, bob)
    ring.set_password(datafile.TEAM_KEYRING, address, "bobs-old-secret")
    settings.setValue("team/keyring", True)
    seen = Dialogs(qtbot, answer_return, type_password("bobs-right-secret"))
    db = open_team_database(qapp, settings, address)
    try:
        refused, asked = seen.done()
        server = datafile.server_name(address)
        assert refused == f"{server}: the server refused the password of {bob}."
        assert asked == f"Password for the team server {server}:"
        assert [a.name for a in sv.list_accounts(db)] == ["bob account"]
    finally:
        db.close()
    assert ring.get_password(datafile.TEAM_KEYRING, address) == "bobs-right-secret"


def test_the_start_as_a_disabled_person_says_so_and_quits(qtbot, qapp, settings, ring,
                                                          english, pg_server,
                                                          team_db):  # noqa: F811
    from keyaccounts.services import datafile, team
    from keyaccounts.storage.db import open_database
    from ui.app import open_team_database

    url, people = team_db
    with open_database(url) as admin:
        team.disable_person(admin, people["sam"])
    address = person_address(url, people["sam"])
    seen = Dialogs(qtbot, type_password("anything"), lambda box: qtbot_press(Qt.Key.Key_Escape))
    assert open_team_database(qapp, settings, address) is False  # Quit
    _asked, said = seen.done()
    assert said == (f"{datafile.server_name(address)}: {people['sam']} may no longer log in: "
                    "the team's administrator has disabled this login.")


def test_a_managers_today_page_shows_their_own_agenda(qtbot, settings, english, pg_server,
                                                      team_db):  # noqa: F811
    """Two managers of one team, each with the window open on the team server as
    themselves: each Today page holds their own accounts' items, and of an account
    shared with them only the follow-up assigned to them; their lead's holds the team's."""
    from datetime import timedelta

    from keyaccounts.services import datafile, team
    from tests.conftest import shown_window

    url, people = team_db
    from keyaccounts.storage.db import open_database

    with open_database(url) as admin, admin.engine.connect() as c:  # the fixture's day
        today = c.exec_driver_sql("SELECT opened_on FROM follow_up WHERE text = 'ann promise'"
                                  ).scalar()
    ann, bob = people["ann"], people["bob"]
    opened = {who: datafile.open_team(person_address(url, people[who]), None)
              for who in ("ann", "bob", "lee")}
    try:
        day = lambda n: today + timedelta(days=n)  # noqa: E731
        sv.add_followup(opened["ann"], "ann account", "Ann's own promise", day(1),
                        owner=ann, opened_on=today)
        team.share_account(opened["bob"], "bob account", ann, write=True)
        sv.add_followup(opened["bob"], "bob account", "Bob's own promise", day(2),
                        owner=bob, opened_on=today)
        sv.add_followup(opened["bob"], "bob account", "Ann to call their CFO", day(4),
                        owner=ann, opened_on=today)
        shown = {}
        for who, db in opened.items():
            window = shown_window(qtbot, db, settings, today)
            page = window.today_page
            items = [i for members in page.grouped().values() for i in members]
            shown[who] = items
            window.close()
        follow_ups = {who: {i.title for i in items if i.kind == "follow-up"}
                      for who, items in shown.items()}
        assert {"Ann's own promise", "Ann to call their CFO"} <= follow_ups["ann"]
        assert "Bob's own promise" not in follow_ups["ann"]
        assert {"Bob's own promise", "Ann to call their CFO"} <= follow_ups["bob"]
        assert "Ann's own promise" not in follow_ups["bob"]
        # Of bob's account, shared with her, ann sees the follow-up she was given alone
        # (not its planned visits, not bob's own promise).
        assert {i.title for i in shown["ann"] if i.account == "bob account"} == {
            "Ann to call their CFO"}
        assert not any(i.account == "ann account" for i in shown["bob"])
        assert any(i.account == "bob account" and i.kind != "follow-up"
                   for i in shown["bob"])  # his planned contacts
        assert follow_ups["ann"] | follow_ups["bob"] <= follow_ups["lee"]
    finally:
        for db in opened.values():
            db.close()


def test_the_portfolio_narrows_to_the_owner_chosen(qtbot, demo_db, settings, english):
    from tests.conftest import DEMO_TODAY, shown_window

    names = sorted(a.name for a in sv.list_accounts(demo_db))
    bobs = set(names[::2])
    for name in names:
        sv.update_account(demo_db, name, owner="bob" if name in bobs else "ann")
    window = shown_window(qtbot, demo_db, settings, DEMO_TODAY)
    window.go("portfolio")
    window.worker.wait()
    page = window.portfolio_page
    qtbot.waitUntil(lambda: page.owner.isVisible() and page.owner.count() == 3)
    everyone = page.alerts.model.rowCount()
    assert {a.account for a in page.all_alerts} - bobs  # ann's accounts have alerts too
    focused(qtbot, page.owner)
    type_keys(qtbot, "b")  # bob
    assert page.current_owner() == "bob"
    assert page.summary.text().startswith(f"{len(bobs)} accounts")
    assert {a.account for a in page.alerts.model.alerts} <= bobs
    assert 0 < page.alerts.model.rowCount() < everyone
    total = sum(int(page.segments.item(r, 3).text()) for r in range(page.segments.rowCount()))
    assert total == len([v for v in window.value_now if v.account_id in page._shown()]) > 0
    window.worker.wait()
    qtbot.waitUntil(lambda: {p.name for p in page.data[1]} == bobs)
    assert page.data[1][-1].cumulative == 1  # bob's own curve
    # a chart's accounts open whoever owns them: the list's owner filter lets go
    window.accounts_list.show_owner("ann")
    some = [p.id for p in page.data[1]][:2]
    page.open_accounts.emit(some)
    assert window.accounts_list.owner.currentData() is None
    assert window.accounts_list.proxy.rowCount() == 2
    window.worker.wait()


def test_tab_leaves_a_table_for_the_next_field(qtbot, db, settings, english):
    """Tab goes from table to field as it goes from field to field (the arrows move
    within a table): the owners' figures then the segments beside them, and out of the
    accounts list without changing the account shown."""
    from tests.conftest import shown_window

    for name, owner in (("Acme", "ann"), ("Beta", "bob")):
        sv.add_account(db, name, owner=owner)
    window = shown_window(qtbot, db, settings, TODAY)
    window.go("portfolio")
    window.worker.wait()
    page = window.portfolio_page
    qtbot.waitUntil(lambda: page.owners.columnCount() == 2)
    focused(qtbot, page.owner)
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.owners
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.segments
    window.go("accounts")
    accounts = window.accounts_list
    accounts.select_account(sv.find_account(db, "Acme").id)
    window.worker.wait()
    focused(qtbot, accounts.view)
    shown = window.account_view.title.text()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not accounts.view
    window.worker.wait()
    assert window.account_view.title.text() == shown == "Acme"
