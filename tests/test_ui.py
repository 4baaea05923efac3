"""The desktop app, driven as a user would: keys and clicks, then the database checked."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QTimer, Qt
from PySide6.QtGui import QImage, QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from keyaccounts import services as sv
from tests.conftest import shown_window
from ui.mainwindow import MainWindow

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def acme(db):
    sv.add_account(db, "Acme Foods", tier="A", owner="Li Na")
    sv.add_account(db, "Beta Logistics", tier="B")
    sv.add_contact(db, "Acme Foods", "Zhang Wei", level="exec", role="decision-maker",
                   title="CEO")
    sv.add_contact(db, "Acme Foods", "Li Lei", level="ops", role="user")
    sv.add_cadence(db, "Acme Foods", ["call", "visit"], ideal_days=30, max_days=45)
    r = sv.log_interaction(db, "Acme Foods", "visit", datetime(2026, 11, 1, 10), "Kick-off",
                           contacts=["Zhang Wei"],
                           next_steps=[("Send the quote", date(2026, 11, 10)),
                                       ("Book a plant visit", date(2026, 11, 30))])
    return db, r.opened


@pytest.fixture
def ops(qtbot, db):
    """What a dialog runs its service calls through, without a window."""
    from ui.operations import Operations
    from ui.worker import DbWorker

    return Operations(db, DbWorker())


@pytest.fixture
def window(qtbot, acme, settings):
    db, _ = acme
    w = shown_window(qtbot, db, settings, TODAY)
    yield w
    w.worker.wait()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)



def type_text(qtbot, text):
    if text.isascii():
        qtbot.keyClicks(QApplication.focusWidget(), text)
        return
    # Chinese arrives from an input method as key events that carry text.
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(QApplication.focusWidget(),
                                   QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def test_quick_log_with_the_keyboard_alone(qtbot, window, acme):
    db, (quote, plant) = acme
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = window.quick_log_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.account.lineEdit().hasFocus()
                    or dialog.account.hasFocus())
    type_text(qtbot, "acme")
    press(qtbot, Qt.Key.Key_Tab)                       # -> kind
    type_text(qtbot, "Call")
    press(qtbot, Qt.Key.Key_Tab)                       # -> date (today)
    press(qtbot, Qt.Key.Key_Tab)                       # -> contacts
    type_text(qtbot, "Zhang")
    press(qtbot, Qt.Key.Key_Return)                    # adds Zhang Wei
    press(qtbot, Qt.Key.Key_Tab)                       # -> our people (none)
    press(qtbot, Qt.Key.Key_Tab)                       # -> summary
    type_text(qtbot, "Discussed the quote")
    press(qtbot, Qt.Key.Key_Tab)                       # -> sentiment
    press(qtbot, Qt.Key.Key_Down)                      # 0 -> +1
    press(qtbot, Qt.Key.Key_Tab)                       # -> first open follow-up (quote)
    type_text(qtbot, "S")                              # Settle
    press(qtbot, Qt.Key.Key_Tab)                       # -> second follow-up (plant visit)
    type_text(qtbot, "C")                              # Carry to…
    press(qtbot, Qt.Key.Key_Tab)                       # -> its new date
    type_text(qtbot, "+2w")
    press(qtbot, Qt.Key.Key_Tab)                       # -> next step text
    type_text(qtbot, "Send the contract")
    press(qtbot, Qt.Key.Key_Tab)                       # -> its due date
    type_text(qtbot, "下周五")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result is not None, dialog.error.text()

    [latest, _first] = sv.history(db, "Acme Foods")
    assert (latest.kind, latest.summary, latest.sentiment, latest.contacts) == (
        "call", "Discussed the quote", 1, ("Zhang Wei",))
    assert latest.date == TODAY  # the window's today is the quick log's default
    assert [f.id for f in latest.settled] == [quote]
    assert [f.id for f in latest.carried] == [plant]
    opened = {f.text: f.due for f in latest.opened}
    assert opened == {"Book a plant visit": TODAY + timedelta(days=14),
                      "Send the contract": date(2026, 12, 4)}  # 下周五 from Wed 25 Nov


def test_quick_log_shows_the_error_and_writes_nothing(qtbot, window, acme):
    db, _ = acme
    dialog = window.quick_log()
    qtbot.waitUntil(dialog.isVisible)
    dialog.account.setEditText("No Such Account")
    dialog.save()
    assert dialog.isVisible() and "account" in dialog.error.text()
    dialog.account.setCurrentIndex(dialog.account.findText("Acme Foods"))
    dialog.step_rows[0][0].setText("Call back")
    dialog.step_rows[0][1].edit.setText("someday")
    dialog.save()
    assert dialog.isVisible() and "someday" in dialog.error.text()
    assert len(sv.history(db, "Acme Foods")) == 1
    dialog.reject()


def test_cadence_suggests_the_next_contact(qtbot, window):
    dialog = window.quick_log(window.accounts_list.model.rows[0].account.id)
    dialog.kind.setCurrentIndex(dialog.kind.findData("visit"))
    today = TODAY
    assert dialog.suggested == today + timedelta(days=30)
    dialog._plan_suggestion()
    assert dialog.step_rows[0][1].value("next") == today + timedelta(days=30)
    dialog.reject()


def test_choosing_an_account_reads_and_shows_it_once(qtbot, window, acme):
    db, _ = acme
    window.go("accounts")
    window.worker.wait()
    shown = []
    window.accounts_list.account_activated.connect(shown.append)
    beta = next(a.id for a in sv.list_accounts(db) if a.name == "Beta Logistics")
    assert window.accounts_list.select_account(beta)
    window.worker.wait()
    assert shown == [beta]
    assert window.account_view.title.text() == "Beta Logistics"
    current = window.accounts_list.view.currentIndex()
    assert window.accounts_list.view.selectionModel().isRowSelected(current.row(),
                                                                      current.parent())


def test_accounts_list_filters_as_you_type(qtbot, window, english):
    window.go("accounts")
    lst = window.accounts_list
    assert lst.proxy.rowCount() == 2
    qtbot.keyClicks(lst.search, "acm")
    assert lst.proxy.rowCount() == 1
    assert lst.count.text() == "1 of 2 accounts"
    lst.search.clear()
    lst.tier.setCurrentIndex(lst.tier.findData("B"))
    assert [lst.proxy.index(r, 0).data() for r in range(lst.proxy.rowCount())] == [
        "Beta Logistics"]


def test_account_page_shows_the_chain_and_jumps(qtbot, window, acme):
    db, (quote, plant) = acme
    window.go("accounts")
    acme_id = next(r.account.id for r in window.accounts_list.model.rows
                   if r.account.name == "Acme Foods")
    window.accounts_list.select_account(acme_id)
    window.worker.wait()
    view = window.account_view
    assert view.title.text() == "Acme Foods"
    pinned = [view.pinned.topLevelItem(i).text(0) for i in range(view.pinned.topLevelItemCount())]
    assert pinned == ["Send the quote", "Book a plant visit"]
    texts = [view.timeline.topLevelItem(i).text(0) for i in
             range(view.timeline.topLevelItemCount())]
    assert any("Chain broken" in t and "Send the quote" in t for t in texts)
    view.jump_to_followup(quote)
    selected = [i.data(0, Qt.ItemDataRole.UserRole + 1) for i in view.timeline.selectedItems()]
    first_interaction = sv.history(db, "Acme Foods")[0].id
    assert selected == [("interaction", first_interaction)]
    levels = [view.contacts.topLevelItem(i).text(0) for i in
              range(view.contacts.topLevelItemCount())]
    assert levels[0].startswith("Executive (1)")


def test_archive_is_undone_with_ctrl_z(qtbot, window, acme):
    db, _ = acme
    window.go("accounts")
    acme_id = next(r.account.id for r in window.accounts_list.model.rows
                   if r.account.name == "Acme Foods")
    window.accounts_list.select_account(acme_id)
    window.worker.wait()
    window.act_archive.trigger()
    window.worker.wait()
    assert [a.name for a in sv.list_accounts(db)] == ["Beta Logistics"]
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.worker.wait()
    assert [a.name for a in sv.list_accounts(db)] == ["Acme Foods", "Beta Logistics"]
    qtbot.keyClick(window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [a.name for a in sv.list_accounts(db)] == ["Beta Logistics"]


def test_archiving_a_contact_is_undoable(qtbot, window, acme):
    db, _ = acme
    window.current_account = sv.list_accounts(db)[0].id
    window.show_account(window.current_account)
    window.worker.wait()
    li = next(c for c in sv.list_contacts(db, "Acme Foods") if c.name == "Li Lei")
    window.archive_contact(li.id)
    assert [c.name for c in sv.list_contacts(db, "Acme Foods")] == ["Zhang Wei"]
    window.undo_stack.undo()
    assert {c.name for c in sv.list_contacts(db, "Acme Foods")} == {"Zhang Wei", "Li Lei"}


def test_marking_a_contact_as_left_asks_who_takes_over(qtbot, window, acme):
    db, _ = acme
    acme_id = sv.list_accounts(db)[0].id
    newcomer = sv.add_contact(db, "Acme Foods", "Wang Fang", level="exec",
                              role="decision-maker", title="New CEO")
    zhang = next(c for c in sv.list_contacts(db, "Acme Foods") if c.name == "Zhang Wei")

    def answer():
        dialog = QApplication.activeModalWidget()
        dialog.successor.setCurrentIndex(dialog.successor.findData(newcomer.id))
        dialog.accept()

    QTimer.singleShot(0, answer)
    window.current_account = acme_id
    window.mark_left(zhang)
    window.worker.wait()
    zhang = next(c for c in sv.list_contacts(db, "Acme Foods") if c.name == "Zhang Wei")
    assert zhang.left == TODAY
    new = [f for f in sv.list_followups(db, "Acme Foods", open_only=True)
           if "Wang Fang" in f.text]
    assert len(new) == 1 and new[0].due == TODAY + timedelta(days=30)
    assert "Zhang Wei left" in new[0].origin

    window.undo_stack.undo()
    zhang = next(c for c in sv.list_contacts(db, "Acme Foods") if c.name == "Zhang Wei")
    assert zhang.left is None
    assert not [f for f in sv.list_followups(db, "Acme Foods") if "Wang Fang" in f.text]


def test_deleting_an_interaction_confirms_first(qtbot, window, acme, monkeypatch):
    db, _ = acme
    window.current_account = sv.list_accounts(db)[0].id
    window.show_account(window.current_account)
    window.worker.wait()
    [first] = sv.history(db, "Acme Foods")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)
    window.delete_interaction(first.id)
    assert len(sv.history(db, "Acme Foods")) == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.delete_interaction(first.id)
    window.worker.wait()  # deleted on the worker
    assert sv.history(db, "Acme Foods") == []
    assert len(sv.list_followups(db, "Acme Foods", open_only=True)) == 2  # nothing lost


def test_layout_and_page_are_remembered(qtbot, acme, settings):
    db, _ = acme
    w = MainWindow(db, settings, today=TODAY)
    qtbot.addWidget(w)
    w.show()
    w.resize(700, 500)  # the offscreen screen is 800 wide: only the height is free
    w.accounts_splitter.setSizes([300, 500])
    sizes = w.accounts_splitter.sizes()
    w.go("calendar")
    w.close()
    again = MainWindow(db, settings, today=TODAY)
    qtbot.addWidget(again)
    assert again.stack.currentWidget() is again.calendar_page
    assert again.size().height() == 500
    assert again.accounts_splitter.sizes() == sizes


@pytest.mark.parametrize("page", ["today", "accounts"])
def test_what_can_wait_comes_right_after_the_first_frame(qtbot, acme, settings, page):
    """Before its first paint the window has the menu titles, the toolbar and the page;
    the menus' actions and shortcuts, the tray and the search's hits follow at once."""
    db, _ = acme
    settings.setValue("window/page", page)
    w = MainWindow(db, settings, today=TODAY)
    qtbot.addWidget(w)
    assert [m.title() for m in w.menus] == ["&File", "&Edit", "&View", "&Help"]
    assert [a.text() for a in w.toolbar.actions()[:3]] == [
        "&Quick log…", "New &account…", "New key &contact…"]
    assert w.menus[1].actions() == [] and w.tray is None
    painted = []
    w.first_painted.connect(lambda: painted.append(w.page()))
    w.show()
    qtbot.waitUntil(lambda: bool(painted), timeout=5000)
    assert painted == [page]
    assert "&Undo" in [a.text() for a in w.menus[1].actions()]
    assert w.act_undo.shortcut().toString() == "Ctrl+Z"
    assert w.tray is not None and w.completer.model() is w.search_model
    assert w.today_page.snooze_button.menu() is not None
    w.worker.wait()


def test_the_agenda_says_it_is_on_its_way_when_it_must_be_computed(qtbot, acme, settings):
    db, _ = acme  # just written: no snapshot of the Today page is kept yet
    w = MainWindow(db, settings, today=TODAY)
    qtbot.addWidget(w)
    page = w.today_page
    assert page.empty.text() == "Reading the agenda…" and not page.view.isVisibleTo(page)
    w.show()
    w.worker.wait()
    assert page.view.isVisible() and not page.empty.isVisible()
    assert page.empty.text().startswith("Nothing is due")


def test_a_first_start_says_where_to_begin(qtbot, db, settings):
    w = MainWindow(db, settings, today=TODAY)  # an empty database
    qtbot.addWidget(w)
    w.show()
    w.worker.wait()
    page = w.today_page
    assert page.welcome.isVisible()
    assert "New account (Ctrl+N)" in page.welcome.text()
    assert not page.view.isVisible() and page.empty.text() == ""  # said once, not twice
    assert not page.log_button.isVisible()  # nothing to act on
    sv.add_account(db, "Acme Foods", tier="A")
    w.reload()
    w.worker.wait()
    assert not page.welcome.isVisible()
    assert page.view.isVisible() and page.log_button.isVisible()  # its planned contacts
    page.show_items([], TODAY)
    assert page.empty.isVisible() and page.empty.text().startswith("Nothing is due")


def test_the_style_sheet_reaches_the_widgets_it_names(qtbot, window, acme):
    """The sheet is given to the widgets it names, not the whole app: they still get
    its look, the rest keep the platform's."""
    window.show_account(window.current_account or sv.list_accounts(acme[0])[0].id)
    window.worker.wait()
    assert QApplication.font().pointSizeF() != 16
    heading = window.today_page.heading
    heading.ensurePolished()
    assert heading.font().pointSizeF() == 16 and heading.font().weight() >= 600
    badge = window.account_view.tier_badge
    badge.ensurePolished()
    assert badge.font().weight() >= 600
    health = window.account_view.health_label
    health.ensurePolished()  # its band colour comes on top of the title's look
    from ui.widgets.charts import BAND_COLOURS

    assert health.font().pointSizeF() == 16
    assert health.palette().color(health.foregroundRole()).name() in BAND_COLOURS.values()
    empty = window.today_page.empty  # the theme's placeholder colour, whatever it is
    assert empty.foregroundRole() == QPalette.ColorRole.PlaceholderText
    assert window.today_page.heading.styleSheet() == ""  # a font is enough
    assert "border-radius" in window.nav.styleSheet()
    assert QApplication.instance().styleSheet() == ""
    assert window.today_page.log_button.styleSheet() == ""


def test_every_action_has_a_shortcut_listed_in_help(window):
    rows = dict(window.shortcut_rows())
    assert rows["Quick log"] == "Ctrl+L"
    assert rows["Agenda: snooze the item a day"] == "S"  # the agenda's own keys too
    assert "Undo" in " ".join(rows)
    assert all(keys for keys in rows.values())
    window.show_shortcuts()
    assert window.shortcuts_dialog.isVisible()
    window.shortcuts_dialog.close()


def test_screenshot_offscreen(tmp_path):
    out = tmp_path / "shot.png"
    root = Path(__file__).resolve().parent.parent
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin",
           "XDG_DATA_HOME": str(tmp_path / "data"), "LANGUAGE": "en"}
    db = tmp_path / "shot.sqlite3"
    made = subprocess.run([sys.executable, "-m", "keyaccounts", "--db", str(db), "--create", "demo",
                           "--accounts", "6", "--years", "1"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    run = subprocess.run([sys.executable, "main.py", "--db", str(db), "--page", "accounts",
                          "--screenshot", str(out)], cwd=root, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37)
               for y in range(0, image.height(), 37)}
    assert len(colours) > 5  # painted, not a blank window


def test_the_command_line_says_what_is_wrong_in_the_language_asked_for(qtbot):
    from ui import app as ui_app

    args = ui_app.parse_args(["--db", "x.sqlite3", "--demo", "--page", "calendar",
                              "--lang", "zh_CN"])
    assert (args.db, args.demo, args.page, args.lang, args.screenshot, args.help) == (
        "x.sqlite3", True, "calendar", "zh_CN", None, False)
    assert ui_app.parse_args([]).page is None and ui_app.parse_args(["-h"]).help
    assert ui_app.parse_args(["--today", "2026-11-27"]).today == date(2026, 11, 27)
    for argv, said in ((["--page", "nowhere"], "no such page: nowhere"),
                       (["--bogus"], "bogus"), (["stray"], "unexpected argument: stray"),
                       (["--lang", "en", "--db"], "--db"),
                       (["--today", "2026-13-40"], "today=2026-13-40: no such date")):
        with pytest.raises(ui_app.UsageError, match=said) as raised:
            ui_app.parse_args(argv)
        assert raised.value.lang == ("en" if "--lang" in argv else None)
    shown = ui_app._parser().helpText()
    assert "--screenshot <FILE>" in shown and "--today" not in shown  # a tests' option
    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "main.py", "--lang", "zh_CN", "--page", "nowhere"],
                         cwd=root, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "未找到页面：nowhere" in run.stderr, run.stderr


@pytest.fixture
def planned(acme):
    db, opened = acme
    from keyaccounts.domain.dates import Birthday

    sv.add_contact(db, "Acme Foods", "Birthday Girl", birthday=Birthday(11, 27))
    return db, opened


def agenda_rows(window):
    return window.today_page.grouped()


def select_item(window, predicate):
    item = window.today_page.select(predicate)
    assert item is not None, "no such agenda row"
    return item


def test_today_page_groups_the_agenda_and_acts_in_place(qtbot, planned, settings):
    db, (quote, plant) = planned
    window = MainWindow(db, settings, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    window.worker.wait()
    rows = agenda_rows(window)
    assert [i.title for i in rows["Overdue"] if i.kind == "follow-up"] == ["Send the quote"]
    assert any(i.kind == "birthday" for i in rows["This week"])
    assert any(i.kind == "follow-up" and i.title == "Book a plant visit"
               for i in rows["This week"] + rows["Later"])

    select_item(window, lambda i: i.kind == "follow-up" and i.title == "Send the quote")
    qtbot.keyClick(window.today_page.view, Qt.Key.Key_D)  # done
    window.worker.wait()
    assert {f.id: f.status for f in sv.list_followups(db)}[quote] == "settled"

    select_item(window, lambda i: i.kind == "birthday")
    qtbot.keyClick(window.today_page.view, Qt.Key.Key_S)  # snooze a day
    window.worker.wait()
    assert [i.snoozed_until for i in agenda_rows(window)["This week"]
            if i.kind == "birthday"] == [TODAY + timedelta(days=1)]  # shown, said snoozed

    plant_item = select_item(window, lambda i: i.title == "Book a plant visit")
    window.move_item(plant_item.key, date(2026, 12, 9))
    window.worker.wait()
    moved = [f for f in sv.list_followups(db, open_only=True) if f.text == "Book a plant visit"]
    assert [f.due for f in moved] == [date(2026, 12, 9)]


def test_a_group_heading_opens_and_closes_from_the_keyboard(qtbot, planned, settings):
    db, _ = planned
    window = MainWindow(db, settings, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    window.worker.wait()
    page, model = window.today_page, window.today_page.model
    later = model.heading_rows()[3]
    assert not model.open[3] and later == model.rowCount() - 1  # "Later" starts closed
    page.view.setCurrentIndex(model.index(later, 0))
    assert page.current() is None and not page.log_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Space)
    assert model.open[3] and model.rowCount() > later + 1
    assert [i.title for i in model.records[later + 1:]] == [
        i.title for i in page.grouped()["Later"]]
    assert page.view.currentIndex().row() == later  # still on the heading
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert not model.open[3] and model.rowCount() == later + 1
    # The header shows the model's headers, which the model gives too (screen readers).
    header = page.view.horizontalHeader()
    shown = [header.model().headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert shown == ["What", "Account", "Who", "When"] == [
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]


def test_automatic_backups_at_start_and_close_only_after_a_change(qtbot, acme):
    from keyaccounts.storage import backup
    from ui.backups import AutoBackup
    from ui.worker import DbWorker

    db, _ = acme
    worker = DbWorker()
    auto = AutoBackup(db, worker)
    worker.wait()
    assert len(backup.list_backups(db.path)) == 1  # the first: none was there
    auto.on_close()
    assert len(backup.list_backups(db.path)) == 1
    sv.add_account(db, "Gamma Retail")
    auto.on_close()
    assert len(backup.list_backups(db.path)) == 2


def test_roles_are_qts(qtbot):
    from ui.widgets.tables import LEFT_VCENTER, Role

    for name, value in vars(Role).items():
        if not name.startswith("_"):
            qt_name = {"TOOLTIP": "ToolTip", "ALIGNMENT": "TextAlignment"}.get(name, name.title())
            assert value == getattr(Qt.ItemDataRole, qt_name + "Role").value, name
    assert LEFT_VCENTER == (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value


def test_logging_a_birthday_from_the_agenda_is_care_with_the_gift(qtbot, planned, settings):
    db, _ = planned
    sv.set_setting(db, "care.gift_limit", 300)
    window = MainWindow(db, settings, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    window.worker.wait()
    item = select_item(window, lambda i: i.kind == "birthday")
    window.log_item(item)
    dialog = window.quick_log_dialog
    assert dialog.kind.currentData() == "care"
    assert dialog.gift_box.isVisibleTo(dialog)
    assert [dialog.contacts.chosen.item(0).text()] == ["Birthday Girl"]
    assert dialog.gift_history.text() == "Nothing given before."
    dialog.summary.setPlainText("Birthday wishes and tea")
    dialog.gift.setText("Pu-erh tea")
    dialog.gift_value.setText("500")
    dialog.save()
    assert dialog.isVisible() and "gift limit" in dialog.error.text()
    dialog.gift_value.setText("280")
    dialog.save()
    assert not dialog.isVisible()
    from keyaccounts.services.planner import gifts_given

    [gift] = gifts_given(db, "Acme Foods")
    assert (gift.gift, gift.value, gift.contact) == ("Pu-erh tea", 280, "Birthday Girl")


def test_calendar_shows_lunar_days_and_moves_by_drop(qtbot, planned, settings, monkeypatch):
    import threading

    from ui.pages import calendar

    db, (quote, plant) = planned
    computed_on = set()
    real = calendar.lunar_day
    monkeypatch.setattr(calendar, "lunar_day", lambda day: (
        computed_on.add(threading.current_thread() is threading.main_thread()), real(day))[1])
    window = MainWindow(db, settings, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    window.go("calendar")
    window.worker.wait()
    page = window.calendar_page
    cell = page.cell_for(date(2026, 11, 30))
    assert "Acme Foods: Book a plant visit" in cell.list.texts()
    # Published: 2026-11-09 is 农历十月初一 (寒衣节), so 2026-11-27 is 十月十九.
    assert page.cell_for(date(2026, 11, 9)).lunar.text() == "十月"
    assert page.cell_for(date(2026, 11, 27)).lunar.text() == "十九"
    # … computed on the worker: a lunar year not met before takes a few hundred ms.
    assert computed_on == {False}
    page.step(1)  # December shows at once, its items and lunar days follow
    assert page.cell_for(date(2026, 12, 1)).list.texts() == []
    window.worker.wait()
    assert page.cell_for(date(2026, 12, 9)).lunar.text() == "冬月"
    page.go_today()
    window.worker.wait()
    page.set_mode("week")
    window.worker.wait()
    assert page.day_count() == 7 and page.first_day() == date(2026, 11, 23)
    target = page.cell_for(date(2026, 11, 27))
    key = next(i.key for i in cell.list.items() if i.title == "Book a plant visit")
    target.list.dropped.emit(key, target.list.day)
    window.worker.wait()
    assert [f.due for f in sv.list_followups(db, open_only=True)
            if f.text == "Book a plant visit"] == [date(2026, 11, 27)]


def test_cadence_editor_builds_a_rule_without_typing_one(qtbot, acme, ops):
    from ui.dialogs.cadences import CadenceDialog

    db, _ = acme
    account_id = sv.list_accounts(db)[0].id
    dialog = CadenceDialog(ops, account_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.title_edit.setEditText("Exec meeting")
    dialog._check_kinds(["exec-meeting"])
    dialog.level.setCurrentIndex(dialog.level.findData("exec"))
    dialog.schedule_mode.setChecked(True)
    dialog.freq.setCurrentIndex(dialog.freq.findData("monthly:3"))
    dialog.nth.setCurrentIndex(dialog.nth.findData(1))
    dialog.weekday.setCurrentIndex(1)  # Tuesday
    assert dialog.rule_label.text() == "every 3 months on the first Tuesday"
    dialog.accept()
    cadences = [c for c in sv.list_cadences(db, account_id) if c.mode == "schedule"]
    assert [(c.rrule, c.level, c.kinds) for c in cadences] == [
        ("FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU", "exec", ("exec-meeting",))]
    again = CadenceDialog(ops, account_id, cadences[0], TODAY)
    assert again.rule_label.text() == "every 3 months on the first Tuesday"
    assert again.weekday.currentIndex() == 1


def test_settings_keep_lead_times_gift_limit_and_own_festivals(qtbot, window, acme):
    db, _ = acme
    from PySide6.QtWidgets import QPlainTextEdit, QSpinBox

    from keyaccounts.services import planner as pl

    def fill():
        dialog = window.settings_dialog
        spins = dialog.findChildren(QSpinBox)
        spins[0].setValue(10)  # birthdays
        spins[3].setValue(200)  # gift limit
        spins[4].setValue(2)  # complaints: critical
        text = dialog.findChildren(QPlainTextEdit)[0]
        text.setPlainText("Broken 13-40")
        buttons = dialog.findChildren(QDialogButtonBox)[0]
        buttons.accepted.emit()
        assert dialog.isVisible()  # the error keeps it open, nothing saved
        text.setPlainText("Company day 06-18")
        buttons.accepted.emit()

    QTimer.singleShot(0, fill)
    window.open_settings()
    assert pl.lead_days(db)["birthday"] == 10
    assert sv.get_setting(db, "care.gift_limit") == 200
    assert sv.get_setting(db, "complaints.deadline_days")["critical"] == 2
    assert pl.custom_festivals(db) == [{"name": "Company day", "month": 6, "day": 18,
                                        "lunar": False}]


def test_health_in_the_list_the_account_page_and_the_portfolio(qtbot, demo_db, settings,
                                                               tmp_path):
    from tests.conftest import DEMO_TODAY

    window = MainWindow(demo_db, settings, today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.show()
    window.worker.wait()
    model = window.accounts_list.model
    health_texts = [model.index(r, model.HEALTH).data() for r in range(model.rowCount())]
    assert all(t and t.split()[0].isdigit() for t in health_texts)
    assert any(t.endswith(("▲", "▼", "→")) for t in health_texts)

    drifting = max(model.rows, key=lambda r: r.account.annual_revenue).account
    window.go("accounts")
    window.accounts_list.select_account(drifting.id)
    window.worker.wait()
    window.worker.wait()
    view = window.account_view
    assert view.health_label.text().startswith("Health ")
    reasons = [view.components.topLevelItem(i).text(2)
               for i in range(view.components.topLevelItemCount())]
    assert len(reasons) == 10 and any("executive" in r for r in reasons)
    assert view.alerts.model.rowCount() > 0
    from ui.widgets import charts

    view.tabs.setCurrentIndex(2)  # charts: matplotlib loads now, off the GUI thread …
    assert view.chart.figure is None or charts.loader.ready
    charts.loader.wait()  # … and the chart is drawn when it has
    titles = set()
    for kind in range(view.chart_kind.count()):
        view.chart_kind.setCurrentIndex(kind)
        charts.loader.wait()  # drawn on a turn of the event loop of its own
        assert view.chart.figure.axes
        ax = view.chart.figure.axes[0]
        titles.add((ax.get_title(), ax.get_ylabel(), len(ax.get_lines()), len(ax.patches)))
    assert len(titles) == view.chart_kind.count()  # each kind its own chart
    png = view.chart.export("png", str(tmp_path / "c.png"))
    svg = view.chart.export("svg", str(tmp_path / "c.svg"))
    assert open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in open(svg, encoding="utf-8").read(2000)

    window.go("portfolio")
    window.worker.wait()
    charts.loader.wait()
    page = window.portfolio_page
    assert len(page.charts) == 4 and all(c.figure.axes for c in page.charts)
    assert page.alerts.model.rowCount() == window.today_page.alerts.model.rowCount() > 0
    red = [h.account_id for h in window_health(demo_db) if h.band == "red"]
    page.charts[0].picked.emit(red)  # as a click on the red bar does
    assert window.stack.currentWidget() is window.accounts_splitter
    shown = {window.accounts_list.proxy.index(r, 0).data()
             for r in range(window.accounts_list.proxy.rowCount())}
    assert shown == {drifting.name}
    window.accounts_list.show_only(None)
    assert window.accounts_list.proxy.rowCount() == model.rowCount()


def window_health(db):
    from keyaccounts.services import health
    from tests.conftest import DEMO_TODAY

    return health.health(db, DEMO_TODAY)


def test_alert_actions_from_the_today_page(qtbot, demo_db, settings, monkeypatch):
    from keyaccounts.services import alerts as al
    from tests.conftest import DEMO_TODAY

    window = MainWindow(demo_db, settings, today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.show()
    window.worker.wait()
    view = window.today_page.alerts
    before = view.model.rowCount()
    assert before == len(al.alerts(demo_db, DEMO_TODAY)) > 1
    view.select_row(0)
    first = view.current()
    view.act_button.click()
    window.worker.wait()
    assert view.model.rowCount() == before - 1
    assert any(f.text == first.suggested_action
               for f in sv.list_followups(demo_db, first.account_id, open_only=True))
    view.select_row(0)
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Handled by phone", True))
    view.dismiss_button.click()
    window.worker.wait()
    assert view.model.rowCount() == before - 2


def test_import_wizard_maps_previews_and_imports(qtbot, db, settings, ops):
    from pathlib import Path

    from ui.dialogs.import_wizard import ImportWizard

    data = Path(__file__).resolve().parent / "data"
    wizard = ImportWizard(ops)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(data / "bad.csv"))
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    fields = [c.currentData() for c in wizard.mapping_page.combos]
    assert fields == ["account", "name", "level", "birthday", "email"]
    wizard.next()
    page = wizard.preview_page
    assert page.summary.text() == "Reading the file…"  # on the worker
    wizard.worker.wait()
    assert not page.isComplete() and "bad.csv, line 3, level=boss" in page.errors.toPlainText()
    wizard.back()
    wizard.back()
    wizard.file_page.path.setText(str(data / "excel_gbk.csv"))
    wizard.next()
    wizard.next()
    wizard.worker.wait()
    assert page.isComplete() and page.model.rowCount() == 3
    shown = {page.model.index(r, 2).data(): page.model.index(r, 5).data() for r in range(3)}
    assert shown == {"张伟": "new", "李娜": "new", "王强": "new"}
    wizard.accept()  # imported on the worker; the wizard closes when done
    wizard.worker.wait()
    assert wizard.result() and wizard.result_plan is page.plan
    assert {c.name for c in sv.list_contacts(db)} == {"张伟", "李娜", "王强"}


def test_export_from_the_window(qtbot, window, acme, tmp_path):
    db, _ = acme
    for what in ("csv", "vcard", "json", "ics"):
        path = window.export(what, str(tmp_path / f"out.{what}"))
        window.worker.wait()  # written on the worker
        assert path and Path(path).stat().st_size > 50
        assert window.statusBar().currentMessage() == f"Exported to {path}."
    assert b"Zhang Wei" in (tmp_path / "out.csv").read_bytes()
    assert (tmp_path / "out.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_restoring_a_backup_from_the_window(qtbot, window, acme, monkeypatch):
    from keyaccounts.storage import backup

    db, _ = acme
    made = backup.make_backup(db.path)  # Acme Foods and Beta Logistics
    sv.add_account(db, "Later Account", tier="C")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.restore_backup(str(made))  # checked and copied on the worker
    window.worker.wait()
    assert [a.name for a in sv.list_accounts(db)] == ["Acme Foods", "Beta Logistics"]
    message = window.statusBar().currentMessage()
    assert message.startswith("Restored. The previous database is kept in ")
    kept = Path(message.rsplit(" in ", 1)[1].rstrip("."))
    assert kept.exists() and kept != made
    import sqlite3

    con = sqlite3.connect(kept)  # the file as it was, Later Account in it
    assert "Later Account" in {r[0] for r in con.execute("SELECT name FROM account")}
    con.close()


def test_encrypting_from_the_window(qtbot, window, acme):
    pytest.importorskip("sqlcipher3")
    from PySide6.QtWidgets import QLineEdit

    from keyaccounts.storage.db import is_encrypted, open_database

    db, _ = acme

    def fill(passphrase, repeat):
        dialog = window.encryption_dialog
        edits = dialog.findChildren(QLineEdit)
        edits[0].setText(passphrase)
        edits[1].setText(repeat)
        dialog.findChildren(QDialogButtonBox)[0].accepted.emit()

    QTimer.singleShot(0, lambda: (fill("secret one", "secret two"),
                                  QTimer.singleShot(0, lambda: fill("secret one",
                                                                    "secret one"))))
    assert window.edit_encryption()
    assert is_encrypted(db.path) and db.passphrase == "secret one"
    assert [a.name for a in sv.list_accounts(db)] == ["Acme Foods", "Beta Logistics"]
    window.reload()
    window.worker.wait()
    with open_database(db.path, passphrase="secret one") as again:
        assert len(sv.list_accounts(again)) == 2

    # Decrypting (rewritten on the worker): a wrong passphrase is said and changes nothing.
    from PySide6.QtWidgets import QCheckBox, QLabel

    errors = []

    def decrypt(passphrase, then=None):
        dialog = window.encryption_dialog
        dialog.findChildren(QLineEdit)[0].setText(passphrase)
        dialog.findChildren(QCheckBox)[0].setChecked(True)
        dialog.findChildren(QDialogButtonBox)[0].accepted.emit()
        if then:
            window.worker.wait()
            errors.extend(label.text() for label in dialog.findChildren(QLabel)
                          if "passphrase" in label.text().lower() and "wrong" in
                          label.text().lower())
            QTimer.singleShot(0, then)

    QTimer.singleShot(0, lambda: decrypt("not it", lambda: decrypt("secret one")))
    assert window.edit_encryption()
    assert errors and not is_encrypted(db.path) and db.passphrase is None
    assert [a.name for a in sv.list_accounts(db)] == ["Acme Foods", "Beta Logistics"]


def test_editing_an_interaction_and_a_contact_through_their_dialogs(qtbot, window, acme):
    from keyaccounts.domain.dates import Birthday
    from ui.dialogs.contact import ContactDialog
    from ui.dialogs.quicklog import QuickLogDialog

    db, _ = acme
    [first] = sv.history(db, "Acme Foods")
    dialog = QuickLogDialog(window.ops, interaction=first, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.summary.toPlainText() == "Kick-off" and not dialog.account.isEnabled()
    dialog.summary.setPlainText("Kick-off, with the CEO")
    dialog.sentiment.setCurrentIndex(dialog.sentiment.findData(2))
    dialog.date.edit.setText("2026-11-03")
    dialog.save()
    assert not dialog.isVisible() or dialog.result is not None, dialog.error.text()
    [edited] = sv.history(db, "Acme Foods")
    assert (edited.summary, edited.sentiment, edited.date) == (
        "Kick-off, with the CEO", 2, date(2026, 11, 3))
    assert edited.time == first.time  # the time of day is kept

    zhang = next(c for c in sv.list_contacts(db, "Acme Foods") if c.name == "Zhang Wei")
    account_id = zhang.account_id
    cd = ContactDialog(window.ops, account_id, zhang)
    qtbot.addWidget(cd)
    assert not cd.private.isVisible()  # private notes hidden until revealed
    cd.birthday.calendar.setCurrentIndex(2)  # lunar
    cd.birthday.month.setValue(8)
    cd.birthday.day.setValue(15)
    assert cd.birthday.next_label.text().startswith("Next birthday: ")
    assert "(农历八月十五)" in cd.birthday.next_label.text()  # both calendars
    assert (cd.birthday.month.text(), cd.birthday.day.text()) == ("八月", "十五")
    cd.emails.setText("zw@acme.example, bad-address")
    cd.accept()
    assert "email" in cd.error.text()  # refused, named, nothing written
    assert sv.list_contacts(db, "Acme Foods")[0].emails == ()
    cd.emails.setText("zw@acme.example")
    cd.accept()
    zhang = next(c for c in sv.list_contacts(db, "Acme Foods") if c.name == "Zhang Wei")
    assert zhang.emails == ("zw@acme.example",) and zhang.birthday == Birthday(8, 15, lunar=True)


def open_records_tab(window, db) -> tuple[int, object]:
    """Acme Foods' id and its account page's Records tab, shown."""
    account_id = next(a.id for a in sv.list_accounts(db) if a.name == "Acme Foods")
    window.go("accounts")
    window.accounts_list.select_account(account_id)
    window.worker.wait()
    view = window.account_view
    view.tabs.setCurrentWidget(view.records_tab)
    return account_id, view.records


def test_records_tab_complaints_needs_surveys_orders(qtbot, window, acme):
    from keyaccounts.services import complaints as cm
    from keyaccounts.services import needs, satisfaction

    db, _ = acme
    account_id, records = open_records_tab(window, db)

    def fill(values, then=None):
        dialog = records.last_dialog  # the dialog now open (whatever else is modal)
        for key, value in values.items():
            editor = dialog.editors[key]
            if hasattr(editor, "setValue"):
                editor.setValue(value)
            elif hasattr(editor, "setText"):
                editor.setText(value)
            else:
                editor.setCurrentIndex(editor.findData(value))
        dialog.accept()

    zhang = next(c.id for c in sv.list_contacts(db, "Acme Foods") if c.name == "Zhang Wei")
    QTimer.singleShot(0, lambda: fill({"summary": "Pallets late", "severity": "high",
                                       "contact": zhang}))
    records.add_complaint()
    [c] = cm.list_complaints(db, account_id)
    assert (c.summary, c.severity, c.deadline, c.contact) == (
        "Pallets late", "high", TODAY + timedelta(days=3), "Zhang Wei")
    assert records.complaints.topLevelItem(0).text(2) == "Pallets late (Zhang Wei)"
    assert records.complaints.topLevelItem(0).text(3).startswith("open")
    # The people to choose from: nobody in particular, or the account's contacts, senior
    # ones first.
    QTimer.singleShot(0, lambda: fill({"kind": "nps", "score": 9, "contact": zhang,
                                       "comment": "Quick answers"}))
    records.add_survey()
    [survey] = satisfaction.list_surveys(db, account_id)
    assert (survey.score, survey.contact, survey.comment) == (9, "Zhang Wei", "Quick answers")
    picker = records.last_dialog.editors["contact"]
    assert [picker.itemText(i) for i in range(picker.count())] == [
        "nobody in particular", "Zhang Wei — CEO", "Li Lei"]
    assert records.surveys.topLevelItem(0).text(3) == "Zhang Wei"
    QTimer.singleShot(0, lambda: fill({"summary": "Invoice wrong"}))
    records.add_complaint()  # nobody in particular
    assert [c.contact for c in cm.list_complaints(db, account_id)
            if c.summary == "Invoice wrong"] == [None]
    records.complaints.setCurrentItem(next(
        records.complaints.topLevelItem(i) for i in range(2)
        if records.complaints.topLevelItem(i).text(2).startswith("Pallets")))
    QTimer.singleShot(0, lambda: fill({"cause": "Carrier", "changed": "New carrier"}))
    records.resolve()
    assert [c.resolved_on for c in cm.list_complaints(db, account_id)
            if c.summary == "Pallets late"] == [TODAY]

    QTimer.singleShot(0, lambda: fill({"concern": "Faster quotes", "expectation": "2 days"}))
    records.add_need()
    assert records.needs.topLevelItem(0).text(1) == "Faster quotes"
    QTimer.singleShot(0, lambda: fill({"amount": "12,500", "note": "Q4 order"}))
    records.add_order()
    assert records.orders.topLevelItem(0).text(1) == "12,500"
    QTimer.singleShot(0, lambda: (fill({"amount": "lots"}),))
    # A bad amount keeps the dialog open with the error; cancel it.
    QTimer.singleShot(50, lambda: records.last_dialog.reject())
    records.add_order()
    assert records.orders.topLevelItemCount() == 1
    assert needs.needs_review(db, account_id, "2026Q4")["needs"][0]["concern"] == \
        "Faster quotes"


def test_marking_churned_defaults_the_win_back_from_the_reason(qtbot, window, acme):
    db, _ = acme
    _account_id, records = open_records_tab(window, db)

    def answer():
        dialog = records.last_dialog  # the dialog now open
        reason = dialog.editors["reason"]
        reason.setCurrentIndex(reason.findData("bought"))
        assert not dialog.editors["pursue"].isChecked()  # bought: not pursued by default
        dialog.editors["pursue"].setChecked(True)
        dialog.accept()  # against the default without a justification: refused
        assert dialog.isVisible() and "justification" in dialog.error.text()
        dialog.editors["justification"].setText("Their CEO asked us back")
        dialog.accept()

    QTimer.singleShot(0, answer)
    records.mark_churned()
    [acme_view] = [a for a in sv.list_accounts(db) if a.name == "Acme Foods"]
    assert acme_view.status == "churned"
    assert records.churn_label.text().startswith("Churned on Nov 25 (Wed) (bought by improper inducements)")


def test_reports_orders_and_tiers_from_the_window(qtbot, window, acme, tmp_path, monkeypatch,
                                                  english):
    from pypdf import PdfReader

    db, _ = acme
    window.current_account = next(a.id for a in sv.list_accounts(db) if a.name == "Acme Foods")
    account_pdf = window.quarterly_report(False, str(tmp_path / "acme.pdf"))
    window.worker.wait()  # written on the worker
    assert "Acme Foods" in PdfReader(account_pdf).pages[0].extract_text()
    assert window.quarterly_report(True, str(tmp_path / "all.pdf"))
    window.worker.wait()
    assert PdfReader(str(tmp_path / "all.pdf")).pages
    orders = tmp_path / "orders.csv"
    orders.write_text("account,date,amount\nBeta Logistics,2026-10-01,9000\n"
                      "Acme Foods,2026-10-02,1000\n", encoding="utf-8")
    assert window.import_orders(str(orders)) == str(orders)
    window.worker.wait()  # imported on the worker
    assert window.statusBar().currentMessage() == "2 orders imported."
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.suggest_tiers() >= 1
    tiers = {a.name: a.tier for a in sv.list_accounts(db)}
    assert tiers["Beta Logistics"] == "A"


def test_the_today_page_paints_from_its_snapshot_then_loads_the_rest(qtbot, demo_db, settings):
    from keyaccounts.storage import snapshot
    from keyaccounts.domain.today import group_agenda
    from tests.conftest import DEMO_TODAY
    from ui.mainwindow import AGENDA_DAYS

    items = snapshot.agenda(demo_db, DEMO_TODAY, AGENDA_DAYS)
    _marks, found = snapshot.health(demo_db, DEMO_TODAY)
    groups = group_agenda(items, DEMO_TODAY)
    window = MainWindow(demo_db, settings, today=DEMO_TODAY)
    qtbot.addWidget(window)
    # Before any work on the worker: the first screen, with the groups' full counts,
    # and the first alerts with theirs.
    assert window.today_page.model.counts == [len(g) for g in groups]
    assert [len(m) for m in window.today_page.grouped().values()] == \
        [len(g) for g in snapshot.first_rows(groups)]
    alerts = window.today_page.alerts
    assert alerts.alerts == found[:snapshot.FIRST_ALERTS] and len(found) > 0
    assert f"({len(found)})" in alerts.title.text()
    window.show()
    window.worker.wait()
    assert list(window.today_page.grouped().values()) == groups
    assert window.agenda_items == {i.key: i for i in items}
    assert alerts.alerts == found


def test_the_first_screen_needs_neither_sqlalchemy_nor_the_other_pages(demo_file, tmp_path):
    """The start-up path: the Today page paints before the storage layer loads."""
    from tests.conftest import DEMO_TODAY

    path = tmp_path / "demo.sqlite3"
    path.write_bytes(demo_file.read_bytes())
    script = f"""
import sys
from datetime import date
from PySide6.QtCore import QSettings
from ui import app as ui_app
from ui.mainwindow import MainWindow
qt = ui_app.create_app()
db = ui_app.open_db({str(path)!r}, False)
EARLY = {{"sqlalchemy", "keyaccounts.storage.model", "keyaccounts.services.accounts",
         "keyaccounts.services.chain", "keyaccounts.services.planner"}}
if EARLY & set(sys.modules):
    sys.exit("imported too early")
window = MainWindow(db, QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat),
                   today=date.fromisoformat({DEMO_TODAY.isoformat()!r}))
window.show()
loaded = (EARLY | {{"ui.pages.accounts", "ui.pages.calendar", "ui.pages.portfolio"}}
          ) & set(sys.modules)
print("FIRST", window.today_page.model.counts, sorted(loaded), not window._pages)
window.worker.wait()
window.go("accounts")  # built when first shown, with what has loaded meanwhile
print("LATER", "sqlalchemy" in sys.modules, window.accounts_list.model.rowCount() > 0)
window.close()
"""
    seed = subprocess.run([sys.executable, "-c", "from keyaccounts.storage import snapshot;"
                           "from keyaccounts.storage.db import open_database;"
                           "from datetime import date;"
                           f"db = open_database({str(path)!r});"
                           f"snapshot.agenda(db, date.fromisoformat({DEMO_TODAY.isoformat()!r}),"
                           " 60); db.close()"], capture_output=True, text=True, timeout=120)
    assert seed.returncode == 0, seed.stderr
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, cwd=Path(__file__).resolve().parent.parent)
    assert run.returncode == 0, run.stderr
    first, later = run.stdout.splitlines()[-2:]
    assert first.startswith("FIRST [") and first.endswith("[] True")
    assert sum(int(n) for n in first[7:first.index("]")].split(",")) > 0
    assert later == "LATER True True"


def test_the_accounts_list_sorts_by_any_column_and_keeps_the_selection(qtbot, demo_db):
    from datetime import date as day

    from keyaccounts import services
    from ui.pages.accounts import AccountsList, AccountsModel

    rows = services.account_rows(demo_db, DEMO_TODAY_UI)
    view = AccountsList()
    qtbot.addWidget(view)
    view.set_rows(rows, DEMO_TODAY_UI)

    def shown(column):
        return [view.proxy.index(r, column).data() for r in range(view.proxy.rowCount())]

    names = shown(AccountsModel.NAME)
    assert names == sorted(names, key=str.casefold) and len(names) == len(rows)
    chosen = rows[3].account.id
    assert view.select_account(chosen, emit=False)
    view.view.sortByColumn(AccountsModel.LAST, Qt.SortOrder.DescendingOrder)
    lasts = [r.last_contact or day.min for r in
             (view.proxy.index(n, 0).data(Qt.ItemDataRole.UserRole + 1)
              for n in range(view.proxy.rowCount()))]
    assert lasts == sorted(lasts, reverse=True)
    assert view.current_account_id() == chosen  # the selection follows its row
    health = {r.account.id: (n * 7 % 100, "green", None) for n, r in enumerate(rows)}
    view.view.sortByColumn(AccountsModel.HEALTH, Qt.SortOrder.AscendingOrder)
    view.model.set_health(health)
    scores = [int(s) for s in shown(AccountsModel.HEALTH)]
    assert scores == sorted(scores)
    view.search.setText(rows[0].account.name[:3])
    assert 0 < view.proxy.rowCount() <= len(rows)


DEMO_TODAY_UI = date(2026, 11, 27)


def test_closing_keeps_the_next_days_snapshots_for_a_fast_first_start(qtbot, demo_db, settings):
    from keyaccounts.storage import snapshot
    from tests.conftest import DEMO_TODAY
    from ui.mainwindow import AGENDA_DAYS

    window = MainWindow(demo_db, settings, today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.show()
    window.worker.wait()
    assert window.prepare_timer.isActive()  # waits for a quiet moment …
    tomorrow = DEMO_TODAY + timedelta(days=1)
    assert snapshot.cached_first_screen(demo_db, tomorrow, AGENDA_DAYS) is None
    window.close()  # … or for the window to close
    first = snapshot.cached_first_screen(demo_db, tomorrow, AGENDA_DAYS)
    assert first is not None and sum(first.counts) > 0


def test_a_window_left_open_overnight_moves_on_to_the_new_day(qtbot, demo_db, settings):
    window = MainWindow(demo_db, settings)  # today from the clock
    qtbot.addWidget(window)
    window.show()
    window.worker.wait()
    started = window.today
    tomorrow = started + timedelta(days=1)
    window.new_day(tomorrow)
    window.worker.wait()
    assert window.today == tomorrow and window.today_page.model.today == tomorrow
    assert all(i.date < tomorrow for i in window.today_page.grouped()["Overdue"])
    from keyaccounts.domain.formats import long_date

    assert long_date(tomorrow) in window.today_page.heading.text()

    fixed = MainWindow(demo_db, settings, today=started)  # a day given stays
    qtbot.addWidget(fixed)
    fixed.new_day(tomorrow)
    assert fixed.today == started
    fixed.worker.wait()


def test_what_another_program_writes_shows_without_a_refresh(qtbot, demo_db, settings):
    from keyaccounts.storage.db import open_database
    from tests.conftest import DEMO_TODAY

    window = MainWindow(demo_db, settings, today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.show()
    window.worker.wait()
    window.watch()  # nothing changed: nothing to do
    assert not window.worker.pending
    other = open_database(demo_db.path)  # as the CLI would, in its own process
    try:
        account = sv.list_accounts(other)[0].name
        sv.add_followup(other, account, "Written by a script", DEMO_TODAY)
    finally:
        other.close()
    window.watch()
    window.worker.wait()
    assert any(i.title == "Written by a script" for i in window.today_page.grouped()["Today"])
    window.watch()  # kept again: no second reload
    assert not window.worker.pending


@pytest.mark.parametrize("start, cancel", [
    (lambda w, path: w.export("json", path), lambda w: w.export_cancel),
    (lambda w, path: w.quarterly_report(True, path), lambda w: w.report_cancel),
], ids=["export", "quarterly review"])
def test_long_work_can_be_cancelled_and_writes_nothing(qtbot, window, acme, tmp_path, start,
                                                       cancel):
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "out.file"
    window.worker.hold(10_000)  # the work waits in the queue …
    start(window, str(target))
    dialog = window.findChildren(QProgressDialog)[-1]
    button = dialog.findChild(QPushButton)
    assert button.text() == "Cancel"
    button.click()  # … while its progress window's Cancel is pressed
    assert cancel(window).is_set()
    window.worker.release()
    window.worker.wait()
    assert list((tmp_path / "out").iterdir()) == []  # neither the file nor a part of it
    assert window.statusBar().currentMessage() == "Cancelled; nothing was written."


def test_exports_stop_when_asked(demo_db):
    from keyaccounts.io import exporter
    from keyaccounts.domain.errors import Cancelled

    for export in (exporter.contacts_csv, exporter.contacts_vcard, exporter.database_json):
        with pytest.raises(Cancelled):
            export(demo_db, cancelled=lambda: True)
        assert export(demo_db, cancelled=lambda: False)
