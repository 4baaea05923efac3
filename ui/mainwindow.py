"""The main window: navigation, pages, global search, actions and their shortcuts."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
    QSizePolicy,
)

import shiboken6

from keyaccounts.services import datafile
from keyaccounts.services.datafile import Database
from keyaccounts.domain.errors import Cancelled, KeyAccountsError
from keyaccounts.domain import clock, formats
from ui import labels
from ui.pages.today import AgendaPage
from ui.icons import icon
from ui.lazy import LazyModule
from ui.operations import CHAIN, NOTHING, Changes, Operations
from ui.style import styled
from ui.widgets.tables import Role
from ui.text import arg
from ui.worker import DbWorker

# The storage layer and the other pages load after the Today page has painted.
services = LazyModule("keyaccounts.services")
planner = LazyModule("keyaccounts.services.planner")
commands = LazyModule("ui.commands")
account_dialog = LazyModule("ui.dialogs.account")
contact_dialog = LazyModule("ui.dialogs.contact")
quicklog = LazyModule("ui.dialogs.quicklog")

PAGES = ("today", "accounts", "calendar", "portfolio")
AGENDA_DAYS = 60
PREPARE_AFTER_MS = 20_000
WATCH_MS = 5_000
HIT_ROLE = Role.USER + 1


class _Pages(QStackedWidget):
    painted = Signal()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()


class MainWindow(QMainWindow):
    loaded = Signal()  # the first view has all its data (for --screenshot)
    first_painted = Signal()  # the first frame is on screen: start-up work that can wait
    agenda_shown = Signal()  # the Today page has its agenda painted (for the benchmark)

    def __init__(self, db: Database, settings: QSettings, today: date | None = None):
        super().__init__()
        self.db, self.settings = db, settings
        if today is not None:  # a fixed day (tests, --today) is the whole app's today
            clock.set_today(today)
        self.today = clock.today()
        self._today_given = today is not None
        self.worker = DbWorker(self)
        self.ops = Operations(db, self.worker, self)
        self.ops.changed.connect(self.refresh)
        self._background: DbWorker | None = None  # see the background property
        self._announcing = False  # agenda_shown waits for the Today page's next paint
        self.undo_stack = QUndoStack(self)
        self.current_account: int | None = None
        self._first_load = True
        self.setWindowTitle(arg(self.tr("KeyAccounts — %1"), datafile.location(db).name))

        # Pages
        self.nav = QListWidget(self)
        styled(self.nav, "navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(170)
        for key, text, ico in (("today", self.tr("Today"), "today"),
                               ("accounts", self.tr("Accounts"), "accounts"),
                               ("calendar", self.tr("Calendar"), "calendar"),
                               ("portfolio", self.tr("Portfolio"), "portfolio")):
            item = QListWidgetItem(icon(ico), text, self.nav)
            item.setData(Role.USER, key)
        self.today_page = AgendaPage(self)
        self._pages: dict[str, dict] = {}  # the other pages, built on first need
        self.stack = _Pages(self)
        self.stack.painted.connect(self._first_frame)
        self.stack.addWidget(self.today_page)
        for _n in PAGES[1:]:
            self.stack.addWidget(QWidget(self))  # stands in until the pages are built
        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_toolbar()
        self._build_search()
        self.status = QLabel(self)
        self.statusBar().addPermanentWidget(self.status)

        self.nav.currentRowChanged.connect(self._show_page)
        tp = self.today_page
        tp.log_item.connect(self.log_item)
        tp.open_item.connect(self.open_item)
        tp.reschedule_item.connect(self.reschedule_item)
        tp.snooze_item.connect(self.snooze_item)
        tp.done_item.connect(self.done_item)
        self._connect_alerts(tp.alerts)
        self.undo_stack.indexChanged.connect(self._undo_index_changed)

        # Snapshots of the next days' Today pages (a first start tomorrow paints at once),
        # made on the worker when nothing has changed for a while, or at closing.
        self.prepare_timer = QTimer(self, singleShot=True, interval=PREPARE_AFTER_MS)
        self.prepare_timer.timeout.connect(self._prepare_snapshots)
        # Left open overnight (in the tray), the window moves on to the new day.
        self.day_timer = QTimer(self, interval=60_000)
        self.day_timer.timeout.connect(lambda: self.new_day(clock.today()))
        self.day_timer.start()
        # What another program writes (the CLI, a script) shows within seconds.
        self._outside_change_seen = False
        self._watch = datafile.ChangeWatch(db)
        self.watch_timer = QTimer(self, interval=WATCH_MS)
        self.watch_timer.timeout.connect(self.watch)
        self.watch_timer.start()
        self.agenda_items: dict = {}
        self.agenda_list: list | None = None
        self.account_rows: list | None = None
        self.health_now: list | None = None  # HealthMark of every account, today
        self.alerts_now: list = []
        self.health_marks: dict = {}  # account id -> (score, band, score 30 days ago)
        self._restore_account: int | None = None
        self.counts: tuple[int, int] | None = None  # overdue, due today; once known
        self.tray = None  # after the first frame, as the search's hit list
        self.first_painted.connect(self._after_first_frame)
        self.today_page.painted.connect(self._agenda_painted)
        self._restore_layout()
        self.reload()

    @property
    def background(self) -> DbWorker:
        """Work nobody waits for (the next days' snapshots) runs on a thread of its own,
        so that it never holds up a click queued on the worker; made on first need."""
        if self._background is None:
            self._background = DbWorker(self)
        return self._background

    # -- pages -----------------------------------------------------------------------
    def _connect_alerts(self, view) -> None:
        view.act.connect(self.act_on_alert)
        view.dismiss.connect(self.dismiss_alert)
        view.open_account.connect(self.open_account)

    def _build(self, group: str) -> dict:
        """Build the widgets of a page ("accounts", "calendar" or "portfolio") on its
        first need, and give them what has loaded meanwhile."""
        built = self._pages.get(group)
        if built is not None:
            return built
        if group == "accounts":
            built = self._build_accounts()
        elif group == "calendar":
            from ui.pages.calendar import CalendarPage

            page = CalendarPage(self)
            page.moved.connect(self.move_item)
            page.open_item.connect(self.open_item)
            page.range_changed.connect(lambda _f, _n: self.load_calendar())
            built = {"calendar_page": page}
        else:
            from ui.pages.portfolio import PortfolioPage

            page = PortfolioPage(self)
            self._connect_alerts(page.alerts)
            page.open_accounts.connect(self.open_accounts)
            built = {"portfolio_page": page}
        self._pages[group] = built
        row = PAGES.index(group)
        stand_in = self.stack.widget(row)
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, built["accounts_splitter" if group == "accounts"
                                          else f"{group}_page"])
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        self.stack.setCurrentIndex(current)
        if group == "accounts" and self.account_rows is not None:
            built["accounts_list"].set_rows(self.account_rows, self.today, self.health_marks)
            if self._restore_account is not None:
                account_id, self._restore_account = self._restore_account, None
                if built["accounts_list"].select_account(account_id, emit=False):
                    self.show_account(account_id)
        if group == "portfolio":
            self._feed_portfolio()
        return built

    def _feed_portfolio(self) -> None:
        """Give the Portfolio page (built) the health, accounts and alerts loaded."""
        if self.health_now is None:
            return
        page = self.portfolio_page
        page.set_data(self.health_now, [r.account for r in self.account_rows],
                      self.agenda_list, self.today)
        page.alerts.set_alerts(self.alerts_now)

    def _build_accounts(self) -> dict:
        from PySide6.QtWidgets import QSplitter

        from ui.pages.account import AccountView
        from ui.pages.accounts import AccountsList

        accounts_list = AccountsList(self)
        account_view = AccountView(self)
        account_view.ops = self.ops
        account_empty = QLabel(self.tr(
            "Choose an account on the left to see its key contacts and its contact history."),
            self)
        styled(account_empty, "emptyState")
        account_empty.setWordWrap(True)
        account_empty.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        account_stack = QStackedWidget(self)
        account_stack.addWidget(account_empty)
        account_stack.addWidget(account_view)
        splitter = QSplitter(QtCore.Qt.Orientation.Horizontal, self)
        splitter.setObjectName("accountsSplitter")
        splitter.addWidget(accounts_list)
        splitter.addWidget(account_stack)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([430, 680])
        accounts_list.account_activated.connect(self.show_account)
        self._connect_alerts(account_view.alerts)
        account_view.months_changed.connect(lambda _m: self.load_health())
        av = account_view
        av.log_interaction.connect(lambda aid: self.quick_log(aid))
        av.edit_account.connect(lambda _aid: self.edit_account())
        av.add_contact.connect(lambda _aid: self.new_contact())
        av.archive_account.connect(lambda _aid: self.archive_account())
        av.edit_contact.connect(self.edit_contact)
        av.archive_contact.connect(self.archive_contact)
        av.edit_interaction.connect(self.edit_interaction)
        av.delete_interaction.connect(self.delete_interaction)
        av.notes_changed.connect(self._save_notes)
        av.edit_cadences.connect(lambda _aid: self.edit_cadences())
        for key, widget in (("window/accountsSplitter", splitter),
                            ("window/accountSplitter", account_view.splitter)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray):
                widget.restoreState(state)
        return dict(accounts_list=accounts_list, account_view=account_view,
                    account_empty=account_empty, account_stack=account_stack,
                    accounts_splitter=splitter)

    def _page_widget(group: str, name: str):  # noqa: N805 — builds the properties below
        return property(lambda self: self._build(group)[name])

    accounts_list = _page_widget("accounts", "accounts_list")
    account_view = _page_widget("accounts", "account_view")
    account_empty = _page_widget("accounts", "account_empty")
    account_stack = _page_widget("accounts", "account_stack")
    accounts_splitter = _page_widget("accounts", "accounts_splitter")
    calendar_page = _page_widget("calendar", "calendar_page")
    portfolio_page = _page_widget("portfolio", "portfolio_page")
    del _page_widget

    def page(self) -> str:
        """The page shown: one of PAGES."""
        return PAGES[max(0, self.nav.currentRow())]

    def _show_page(self, row: int) -> None:
        if row > 0:
            self._build(PAGES[row])
        self.stack.setCurrentIndex(row)
        if PAGES[row] == "calendar":
            self.load_calendar()

    # -- actions -------------------------------------------------------------------
    def _action(self, text: str, shortcut, slot, ico: str | None = None,
                menu=None) -> QAction:
        action = QAction(text, self)
        if ico:
            action.setIcon(icon(ico))
        if shortcut:  # the keys come with the menus, after the first frame
            self._keys.append((action, shortcut if isinstance(shortcut, list) else [shortcut]))
            if self._menus_built:
                self._give_keys()
        action.triggered.connect(slot)
        self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        self.all_actions.append(action)
        return action

    def _build_toolbar(self) -> None:
        """The menu bar's titles and the toolbar, as the first frame shows them."""
        self.all_actions: list[QAction] = []
        self._keys: list[tuple[QAction, list[str]]] = []  # shortcuts not yet given
        self._menus_built = False
        bar = self.menuBar()
        self.menus = [bar.addMenu(title) for title in (self.tr("&File"), self.tr("&Edit"),
                                                       self.tr("&View"), self.tr("&Help"))]
        self.act_log = self._action(self.tr("&Quick log…"), "Ctrl+L", lambda: self.quick_log(),
                                    "log")
        self.act_new_account = self._action(self.tr("New &account…"), "Ctrl+N", self.new_account,
                                            "add")
        self.act_new_contact = self._action(self.tr("New key &contact…"), "Ctrl+Shift+N",
                                            self.new_contact, "contact")
        self.act_new_contact.setEnabled(False)  # until an account is shown
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        # By name, as the first frame leaves Qt's namespace of enums alone (ui.widgets.tables.Role).
        toolbar.setProperty("toolButtonStyle", "ToolButtonTextBesideIcon")
        toolbar.addAction(self.act_log)
        toolbar.addAction(self.act_new_account)
        toolbar.addAction(self.act_new_contact)
        self.toolbar = toolbar
        self.addToolBar(toolbar)

    def _build_menus(self) -> None:
        """The menus' actions and their shortcuts (after the first frame: the menu bar
        shows its titles from the start; nobody opens a menu before it)."""
        file_menu, edit_menu, view_menu, help_menu = self.menus
        file_menu.addActions([self.act_log, self.act_new_account, self.act_new_contact])
        file_menu.addSeparator()
        self.act_import = self._action(self.tr("&Import contacts…"), "Ctrl+I", self.import_contacts,
                                       None, file_menu)
        export_menu = file_menu.addMenu(self.tr("&Export"))
        self._action(self.tr("Contacts as CSV…"), None, lambda: self.export("csv"), None,
                     export_menu)
        self._action(self.tr("Contacts as vCard…"), None, lambda: self.export("vcard"), None,
                     export_menu)
        self._action(self.tr("Everything as JSON…"), None, lambda: self.export("json"), None,
                     export_menu)
        self._action(self.tr("Agenda as iCalendar…"), None, lambda: self.export("ics"), None,
                     export_menu)
        self._action(self.tr("Import &orders…"), None, self.import_orders, None, file_menu)
        self._action(self.tr("Quarterly &review of the account (PDF)…"), "Ctrl+Shift+R",
                     lambda: self.quarterly_report(False), None, file_menu)
        self._action(self.tr("Quarterly review of the &portfolio (PDF)…"), None,
                     lambda: self.quarterly_report(True), None, file_menu)
        self._action(self.tr("Suggest &tiers from revenue…"), None, self.suggest_tiers, None,
                     file_menu)
        self._action(self.tr("&Back up now"), "Ctrl+Shift+B", self.backup_now, None, file_menu)
        self._action(self.tr("&Restore a backup…"), None, self.restore_backup, None, file_menu)
        file_menu.addSeparator()
        self.act_settings = self._action(self.tr("&Settings…"), "Ctrl+,", self.open_settings,
                                         None, file_menu)
        file_menu.addSeparator()
        self._action(self.tr("&Quit"), "Ctrl+Q", self.close, None, file_menu)

        self.act_undo = self._action(self.tr("&Undo"), "Ctrl+Z", self.undo_stack.undo, None,
                                     edit_menu)
        self.act_redo = self._action(self.tr("&Redo"), ["Ctrl+Shift+Z", "Ctrl+Y"],
                                     self.undo_stack.redo, None, edit_menu)
        edit_menu.addSeparator()
        self.act_find = self._action(self.tr("&Find…"), ["Ctrl+F", "Ctrl+K"], self.focus_search,
                                     "search", edit_menu)
        self.act_filter = self._action(self.tr("Filter &accounts"), "Ctrl+Shift+F",
                                       self.focus_filter, None, edit_menu)
        edit_menu.addSeparator()
        self.act_edit_account = self._action(self.tr("&Edit account…"), "Ctrl+E",
                                             self.edit_account, "edit", edit_menu)
        self.act_archive = self._action(self.tr("Archive / restore account"), "Ctrl+Shift+Del",
                                        self.archive_account, "archive", edit_menu)

        for n, key in enumerate(PAGES):
            self._action(self.nav.item(n).text(), f"Ctrl+{n + 1}",
                         lambda _c=False, n=n: self.go(PAGES[n]), None, view_menu)
        view_menu.addSeparator()
        self._action(self.tr("&Refresh"), "F5", self.reload, None, view_menu)

        self._action(self.tr("&Keyboard shortcuts"), "F1", self.show_shortcuts, "help",
                     help_menu)
        self._action(self.tr("&About KeyAccounts"), None, self.about, None, help_menu)
        self._give_keys()
        self._menus_built = True
        self._update_actions()

    def _give_keys(self) -> None:
        """The actions' shortcuts, application-wide (not before the first frame: they
        need QKeySequence and Qt's namespace of enums, see ui.widgets.tables.Role)."""
        from PySide6.QtGui import QKeySequence

        for action, keys in self._keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(QtCore.Qt.ShortcutContext.ApplicationShortcut)
        self._keys.clear()

    def _undo_index_changed(self, _index: int) -> None:
        if shiboken6.isValid(self.undo_stack):  # not while the window is being destroyed
            self._update_actions()

    def _update_actions(self) -> None:
        if not self._menus_built:  # they bring their state along
            return
        self.act_undo.setEnabled(self.undo_stack.canUndo())
        self.act_redo.setEnabled(self.undo_stack.canRedo())
        self.act_undo.setText(arg(self.tr("&Undo %1"), self.undo_stack.undoText()).strip())
        self.act_redo.setText(arg(self.tr("&Redo %1"), self.undo_stack.redoText()).strip())
        has_account = self.current_account is not None
        for a in (self.act_new_contact, self.act_edit_account, self.act_archive):
            a.setEnabled(has_account)

    # -- global search -------------------------------------------------------------
    def _build_search(self) -> None:
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.search = QLineEdit(self)
        styled(self.search, "globalSearch")
        self.search.setPlaceholderText(self.tr("Search accounts, contacts, notes… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.toolbar.addWidget(self.search)
        self._hits: dict[str, object] = {}

    def _build_completer(self) -> None:
        """The search's list of hits (after the first frame: nobody types before it)."""
        from PySide6.QtGui import QStandardItemModel
        from PySide6.QtWidgets import QCompleter

        self.search_model = QStandardItemModel(self)
        self.completer = QCompleter(self.search_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(14)
        self.search.setCompleter(self.completer)
        self.completer.activated.connect(self._search_text_chosen)
        self.search_timer = QTimer(self, singleShot=True, interval=150)
        self.search_timer.timeout.connect(self._run_search)
        self.search.textEdited.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self._search_enter)

    def _run_search(self) -> None:
        text = self.search.text()
        self.worker.submit(lambda: (text, services.search(self.db, text)), self._show_hits)

    def _show_hits(self, result) -> None:
        from PySide6.QtGui import QStandardItem

        text, hits = result
        if text != self.search.text():
            return
        self.search_model.clear()
        self._hits = {}
        names = {"account": self.tr("Account"), "contact": self.tr("Contact"),
                 "interaction": self.tr("Interaction")}
        for hit in hits:
            label = arg(self.tr("%1 — %2, %3"), hit.title, names[hit.kind], hit.account)
            if hit.detail:
                label += f" ({hit.detail})"
            item = QStandardItem(icon({"account": "accounts", "contact": "contact",
                                       "interaction": "log"}[hit.kind]), label)
            self.search_model.appendRow(item)
            self._hits[label] = hit
        if hits:
            self.completer.complete()

    def _search_text_chosen(self, label: str) -> None:
        hit = self._hits.get(label)
        if hit is None:
            return
        QTimer.singleShot(0, self.search.clear)
        self.open_hit(hit)

    def _search_enter(self) -> None:
        if self._hits and not self.completer.popup().isVisible():
            self.open_hit(next(iter(self._hits.values())))

    def open_hit(self, hit) -> None:
        account_id = self.ops.read(lambda db: services.find_account(db, hit.account)).id
        self.go("accounts")
        self.accounts_list.search.clear()
        self.accounts_list.select_account(account_id)
        self.show_account(account_id)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_filter(self) -> None:
        self.go("accounts")
        self.accounts_list.search.setFocus()
        self.accounts_list.search.selectAll()

    # -- navigation and loading ----------------------------------------------------
    def go(self, page: str) -> None:
        self.nav.setCurrentRow(PAGES.index(page))

    def reload(self) -> None:
        today = self.today
        db = self.db
        first = None
        if self._first_load:  # paint the Today page from its snapshot, if it is current
            first = datafile.first_screen(db, today, AGENDA_DAYS)
            if first is not None:
                self.today_page.show_first_screen(first, today)
                if first.alerts is not None:
                    self.today_page.alerts.set_alerts(first.alerts, first.alert_count)
                self._show_counts(first.counts[0], first.counts[1])
                self._announce_when_painted()

        if first is None:  # the agenda first, on its own: the Today page paints sooner
            if self.agenda_list is None:
                self.today_page.show_loading()
            self.worker.submit(lambda: datafile.agenda(db, today, AGENDA_DAYS),
                               self._agenda_loaded)

        def load():
            # With a first screen shown, the rest of the agenda it began.
            agenda = datafile.agenda(db, today, AGENDA_DAYS) if first else None
            return services.account_rows(db, today), agenda

        self.prepare_timer.start()  # the next days' snapshots, once things are quiet

        # The agenda first; health and alerts once the Today page has painted (queued from
        # _loaded, so the two do not compete while the first view is built).
        if first is not None and self.page() == "today":
            self.worker.hold(300)  # released once the agenda has painted
        self.worker.submit(load, self._loaded)
        if self.page() == "calendar":
            self.load_calendar()
        if self.current_account is not None:
            self.show_account(self.current_account)

    def refresh(self, changes: Changes) -> None:
        """Show what an operation changed: the account page alone when only it changed,
        else everything loaded again (the Today page first)."""
        if changes.agenda or changes.accounts or changes.health or changes.records:
            self.reload()
        elif changes.account and self.current_account is not None:
            self.show_account(self.current_account)

    def load_calendar(self) -> None:
        from ui.pages.calendar import lunar_days

        first, count = self.calendar_page.first_day(), self.calendar_page.day_count()
        db, today = self.db, self.today

        def load():  # the lunar days too: a new lunar year takes ~0.3 s to compute
            return (planner.agenda(db, first, count, today=today, pending=False),
                    lunar_days(first, count))

        self.worker.submit(load, lambda result: self.calendar_page.set_items(
            result[0], today, result[1]))

    def watch(self) -> None:
        """Reload when the data changed behind the window's back: every write deletes the
        Today snapshot, and every write of the window's own is followed by a reload that
        keeps it again; so a snapshot missing while the worker is idle means another
        program wrote. (Once per change: a file that cannot keep snapshots is not
        reloaded again and again.)"""
        if self.worker.pending or self.agenda_list is None:
            return
        try:
            current = self._watch.current(self.today, AGENDA_DAYS)
        except Exception:  # noqa: BLE001 — the next reload reports a broken file
            return
        if current:
            self._outside_change_seen = False
        elif not self._outside_change_seen:
            self._outside_change_seen = True
            self.reload()

    def _disconnect(self) -> None:
        """Let go of the file (to restore or rekey it); the next use reconnects."""
        self._watch.close()
        datafile.close(self.db)

    def new_day(self, day: date) -> None:
        """Show *day* as today, when the date has changed since the window opened."""
        if self._today_given or day == self.today:
            return
        self.today = day
        self.today_page.today = day
        if "calendar" in self._pages:
            self.calendar_page.today = day
        self.reload()

    def _prepare_snapshots(self) -> None:
        db, today = self.db, self.today
        self.background.submit(lambda: datafile.prepare(db, today, AGENDA_DAYS))

    def _wait_for_all(self) -> None:
        self.worker.wait()
        if self._background is not None:
            self._background.wait()

    def _announce_when_painted(self) -> None:
        """Emit agenda_shown once the Today page has painted what it was just given.

        At start the worker is held meanwhile (see reload): its first job imports the
        storage layer and would take the interpreter from the GUI thread while the
        agenda paints; it starts after that paint (or in 300 ms, if none comes)."""
        self._announcing = True  # one announcement for however many reloads

    def _agenda_painted(self) -> None:
        if not self._announcing:
            return
        self._announcing = False
        # Queued: runs once the whole frame (the page's children too) has been painted;
        # the announcement first, before the worker's thread competes for the interpreter.
        QTimer.singleShot(0, self.agenda_shown.emit)
        QTimer.singleShot(0, self.worker.release)

    def _first_frame(self) -> None:
        self.stack.painted.disconnect(self._first_frame)
        # Queued twice: after this frame, and after what the frame itself queued (the
        # agenda's announcement), so that work which can wait comes last.
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, self.first_painted.emit))

    def _after_first_frame(self) -> None:
        from ui.tray import Tray

        self._build_menus()
        self.today_page.build_menus()
        self._build_completer()
        self.tray = Tray(self)
        if self.counts is not None:  # else once the agenda is in
            self.tray.update_counts(*self.counts)

    def _agenda_loaded(self, items) -> None:
        self.agenda_list = items
        self.agenda_items = {i.key: i for i in items}
        self.today_page.show_items(items, self.today)
        self._announce_when_painted()
        self._show_counts(sum(1 for i in items if i.date < self.today),
                          sum(1 for i in items if i.date == self.today))

    def _show_counts(self, overdue: int, due_today: int) -> None:
        self.counts = (overdue, due_today)
        if self.tray is not None:
            self.tray.update_counts(overdue, due_today)

    def _loaded(self, result) -> None:
        rows, items = result
        if items is not None:
            self._agenda_loaded(items)
        self.account_rows = rows
        self.today_page.show_welcome(not rows)  # a first start: where to begin
        db, today = self.db, self.today
        self.worker.submit(lambda: datafile.health(db, today), self._health_loaded)
        if "accounts" in self._pages:
            self.accounts_list.set_rows(rows, self.today, self.health_marks)
        overdue, due_today = self.counts or (0, 0)
        self.status.setText(arg(self.tr("%1 accounts · %2 overdue · %3 due today · %4"),
                                len(rows), overdue, due_today,
                                str(datafile.location(self.db))))
        if self._first_load:
            self._first_load = False
            try:  # the account shown last, once the Accounts page is
                last = int(self.settings.value("window/account"))
            except (TypeError, ValueError):
                last = None
            if self.current_account is None and last is not None:
                if "accounts" in self._pages:
                    if self.accounts_list.select_account(last, emit=False):
                        self.show_account(last)
                else:
                    self._restore_account = last
            if self.current_account is None and rows and self.page() == "accounts":
                self.accounts_list.view.selectRow(0)
            QTimer.singleShot(0, self._emit_loaded)

    def _emit_loaded(self) -> None:
        def done(_r):
            from keyaccounts.devtools.perf import keep_alive_out_of_sight

            # What start-up loaded stays for the session: out of the collector's sight.
            keep_alive_out_of_sight()
            self.loaded.emit()

        self.worker.submit(lambda: None, done)

    def _health_loaded(self, result) -> None:
        now, alerts = result
        self.health_now = now
        self.health_marks = {m.account_id: (m.score, m.band, m.before) for m in now}
        self.alerts_now = alerts
        self.today_page.alerts.set_alerts(alerts)
        if "accounts" in self._pages:
            self.accounts_list.model.set_health(self.health_marks)
        if "portfolio" in self._pages:
            self._feed_portfolio()

    def show_account(self, account_id: int) -> None:
        self.current_account = account_id
        self.settings.setValue("window/account", account_id)
        self._update_actions()
        db, today = self.db, self.today

        def load():
            return services.account_page(db, account_id, today)

        def shown(page):
            if page.account.id == self.current_account:
                self.account_view.show_page(page)
                self.account_stack.setCurrentWidget(self.account_view)
                self.load_health()

        def failed(error):
            if isinstance(error, KeyAccountsError):
                self.current_account = None
                self.account_stack.setCurrentWidget(self.account_empty)
                self._update_actions()
            else:
                DbWorker.show_error(error)

        self.worker.submit(load, shown, failed)

    def load_health(self) -> None:
        """The account's health trend and alerts, on the worker."""
        account_id, db, today = self.current_account, self.db, self.today
        if account_id is None:
            return
        weeks = self.account_view.chart_months.currentData() * 52 // 12

        def load():
            from keyaccounts.services import health

            # The alerts of every account are kept (or computed once and kept) for the
            # Today page: this account's are among them.
            _marks, found = datafile.health(db, today)
            return (health.trend(db, account_id, today, weeks),
                    [a for a in found if a.account_id == account_id])

        self.worker.submit(load, lambda r: self.account_view.show_health(account_id, *r))

    def open_account(self, account_id: int) -> None:
        self.go("accounts")
        self.accounts_list.search.clear()
        self.accounts_list.select_account(account_id)
        self.show_account(account_id)

    def open_accounts(self, ids: list) -> None:
        """Show just these accounts in the list (from a chart)."""
        if not ids:
            return
        self.go("accounts")
        self.accounts_list.show_only(set(ids))
        if len(ids) == 1:
            self.open_account(ids[0])

    def act_on_alert(self, alert) -> None:
        from keyaccounts.services import alerts

        today = self.today
        self._act(lambda db: alerts.act_on(db, alert, on=today),
                  self.tr("Follow-up created from the alert."))

    def dismiss_alert(self, alert, reason: str) -> None:
        from keyaccounts.services import alerts

        today = self.today
        self._act(lambda db: alerts.dismiss(db, alert, reason, on=today),
                  self.tr("Alert dismissed; the reason is kept."))

    def open_item(self, item) -> None:
        """Open the account of an agenda item; a follow-up shows its interactions."""
        if item.account_id is None:
            return
        self.go("accounts")
        self.accounts_list.select_account(item.account_id, emit=False)
        self.current_account = item.account_id
        db, today, account_id = self.db, self.today, item.account_id

        def shown(page):
            self.account_view.show_page(page)
            self.account_stack.setCurrentWidget(self.account_view)
            if item.kind == "follow-up":
                self.account_view.jump_to_followup(int(item.source_id))

        self.worker.submit(lambda: services.account_page(db, account_id, today), shown)
        self._update_actions()

    # -- agenda actions ------------------------------------------------------------
    def log_item(self, item) -> None:
        kind = item.kind if item.kind in labels.KINDS else None
        if item.kind in ("birthday", "anniversary", "festival"):
            kind = "care"
        if item.account_id is None:
            dialog = quicklog.QuickLogDialog(self.ops, today=self.today, kind=kind, parent=self)
        else:
            dialog = quicklog.QuickLogDialog(
                self.ops, account_id=item.account_id, today=self.today, kind=kind,
                contact=item.contact,
                settle=int(item.source_id) if item.kind == "follow-up" else None, parent=self)
        dialog.accepted.connect(lambda: self._logged(dialog))
        dialog.open()
        self.quick_log_dialog = dialog

    def _act(self, op, message: str, changes: Changes = CHAIN) -> None:
        """Run *op* (a function of the database) on the worker; say *message* once done."""
        self.ops.run(op, changes, done=lambda _r: self.statusBar().showMessage(message, 5000),
                     failed=self._error)

    def reschedule_item(self, item) -> None:
        from ui.dialogs.forms import pick_date

        day = pick_date(self, self.tr("Reschedule"), max(item.date, self.today))
        if day is not None:
            self.move_item(item.key, day)

    def move_item(self, key: str, day) -> None:
        item = self.agenda_items.get(key) or next(
            (i for i in self.calendar_page.items if i.key == key), None)
        if item is None or day == item.date:
            return
        today = self.today
        self._act(lambda db: planner.reschedule(db, item, day, today=today),
                  arg(self.tr("Moved to %1."), formats.short_date(day, self.today)))

    def snooze_item(self, item, days: int) -> None:
        until = self.today + timedelta(days=days)
        self._act(lambda db: planner.snooze(db, item, until),
                  arg(self.tr("Snoozed until %1."), formats.short_date(until, self.today)))

    def done_item(self, item) -> None:
        today = self.today
        self._act(lambda db: planner.mark_done(db, item, on=today), self.tr("Done."))

    def edit_cadences(self) -> None:
        from ui.dialogs.cadences import CadencesDialog

        if self.current_account is None:
            return
        CadencesDialog(self.ops, self.current_account, self.today, self).exec()

    # -- user actions --------------------------------------------------------------
    def _error(self, error: BaseException) -> None:
        DbWorker.show_error(error)

    def quick_log(self, account_id: int | None = None):
        if account_id is None and self.page() == "accounts":
            account_id = self.current_account
        dialog = quicklog.QuickLogDialog(self.ops, account_id=account_id, today=self.today,
                                         parent=self)
        dialog.accepted.connect(lambda: self._logged(dialog))
        dialog.open()
        self.quick_log_dialog = dialog
        return dialog

    def _logged(self, dialog) -> None:
        r = dialog.result
        self.statusBar().showMessage(self.tr("Logged. %n follow-up(s) opened.", "",
                                             len(r.opened)), 5000)

    def new_account(self) -> None:
        dialog = account_dialog.AccountDialog(self.ops, parent=self)
        if dialog.exec():  # the lists are reloading: select the account once they are in
            account_id = dialog.result_view.id
            self.go("accounts")
            self.show_account(account_id)
            self.worker.submit(lambda: None, lambda _r: self.accounts_list.select_account(
                account_id, emit=False))

    def _page(self):
        return self.account_view.page if self.current_account is not None else None

    def edit_account(self) -> None:
        page = self._page()
        if page is None:
            return
        account_dialog.AccountDialog(self.ops, page.account, parent=self).exec()

    def archive_account(self) -> None:
        page = self._page()
        if page is None:
            return
        a = page.account
        self.undo_stack.push(commands.ArchiveAccount(self.ops, a.id, a.name, not a.archived,
                                                     self._error))
        self.statusBar().showMessage(arg(self.tr("%1. Undo with Ctrl+Z."), 
            self.undo_stack.undoText()), 8000)

    def new_contact(self) -> None:
        if self.current_account is None:
            return
        contact_dialog.ContactDialog(self.ops, self.current_account, parent=self).exec()

    def edit_contact(self, contact_id: int) -> None:
        page = self._page()
        contact = next((c.contact for c in page.contacts if c.contact.id == contact_id), None)
        if contact is None:
            return
        dialog = contact_dialog.ContactDialog(self.ops, page.account.id, contact, parent=self)
        if dialog.exec() and dialog.mark_left_requested:
            self.mark_left(dialog.result_view)

    def archive_contact(self, contact_id: int) -> None:
        page = self._page()
        contact = next((c.contact for c in page.contacts if c.contact.id == contact_id), None)
        if contact is None:
            return
        self.undo_stack.push(commands.ArchiveContact(self.ops, contact, self._error))
        self.statusBar().showMessage(arg(self.tr("%1. Undo with Ctrl+Z."),
                                         self.undo_stack.undoText()), 8000)

    def mark_left(self, contact) -> None:
        dialog = contact_dialog.ContactLeftDialog(self.ops, contact, self.today, parent=self)
        if not dialog.exec():
            return
        left_on, successor = dialog.values()
        self.undo_stack.push(commands.MarkContactLeft(self.ops, contact, left_on, successor,
                                                      self._error))
        self.statusBar().showMessage(arg(self.tr(
            "%1 marked as left; a follow-up to build the new relationship was added. "
            "Undo with Ctrl+Z."), contact.name), 8000)

    def edit_interaction(self, interaction_id: int) -> None:
        page = self._page()
        interaction = next((i for i in page.chain if i.id == interaction_id), None)
        if interaction is None:
            return
        quicklog.QuickLogDialog(self.ops, interaction=interaction, today=self.today,
                                parent=self).exec()

    def delete_interaction(self, interaction_id: int) -> None:
        from PySide6.QtWidgets import QMessageBox

        page = self._page()
        interaction = next((i for i in page.chain if i.id == interaction_id), None)
        if interaction is None:
            return
        details = []
        if interaction.settled or interaction.carried:
            details.append(self.tr("%n follow-up(s) it settled or carried will be open again.",
                                   "", len(interaction.settled) + len(interaction.carried)))
        if interaction.opened:
            details.append(self.tr("%n follow-up(s) it opened stay on the chain, marked as "
                                   "coming from a deleted interaction.", "",
                                   len(interaction.opened)))
        answer = QMessageBox.question(
            self, self.tr("Delete interaction"),
            arg(self.tr("Delete the %1 of %2?"), labels.kind(interaction.kind).lower(),
                interaction.date.isoformat())
            + "\n\n" + "\n".join(details + [self.tr("This cannot be undone.")]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.run(lambda db: services.delete_interaction(db, interaction_id), CHAIN,
                     failed=self._error)

    def _save_notes(self, account_id: int, text: str) -> None:
        # The page shows the notes as typed: nothing to refresh.
        self.ops.run(lambda db: services.update_account(db, account_id, notes=text), NOTHING,
                     failed=self._error)

    # -- files ---------------------------------------------------------------------
    def import_contacts(self) -> None:
        from ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.ops, self)
        self.import_wizard = wizard
        if wizard.exec() and wizard.result_plan is not None:
            plan = wizard.result_plan
            self.statusBar().showMessage(arg(self.tr(
                "Imported %1 contacts (%2 merged, %3 skipped); %4 new accounts."),
                len(plan.new), len(plan.merged), len(plan.skipped), len(plan.new_accounts)), 8000)

    def export(self, what: str, path: str | None = None) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        from keyaccounts.io import exporter

        suffix = {"csv": "csv", "vcard": "vcf", "json": "json", "ics": "ics"}[what]
        if path is None:
            path, _f = QFileDialog.getSaveFileName(
                self, self.tr("Export"), f"keyaccounts.{suffix}", f"*.{suffix}")
            if not path:
                return None
        db, today = self.db, self.today
        stop = threading.Event()
        self.export_cancel = stop

        def work():  # seconds for a whole portfolio as JSON: on the worker, cancellable
            if what == "csv":
                exporter.write(path, exporter.contacts_csv(db, cancelled=stop.is_set), force=True,
                               db=db)
            elif what == "vcard":
                exporter.write(path, exporter.contacts_vcard(db, cancelled=stop.is_set), force=True,
                               db=db)
            elif what == "json":
                exporter.write(path, exporter.database_json(db, cancelled=stop.is_set), force=True,
                               db=db)
            else:
                from keyaccounts.io.ics import write_ics

                write_ics(path, planner.agenda(db, today, 90, today=today), today, force=True,
                          protect=datafile.location(db))
            return path

        self.worker.submit(work, lambda done: self.statusBar().showMessage(
            arg(self.tr("Exported to %1."), done), 8000), self._cancelled_or_error,
            progress=(self, arg(self.tr("Exporting to %1…"), Path(path).name)), cancel=stop)
        return path

    def _cancelled_or_error(self, error: BaseException) -> None:
        """How long work that can be cancelled (exports, reports) ends when it fails."""
        if isinstance(error, Cancelled):
            self.statusBar().showMessage(self.tr("Cancelled; nothing was written."), 8000)
        else:
            self._error(error)

    def import_orders(self, path: str | None = None) -> str | None:
        """Import an orders CSV, all or nothing, on the worker (thousands of lines take a
        while); the status bar says how many when done."""
        from PySide6.QtWidgets import QFileDialog

        from keyaccounts.services import revenue
        from keyaccounts.io.importer import ImportFailed

        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, self.tr("Import orders"), "",
                                                   "CSV (*.csv)")
            if not path:
                return None
        db = self.db

        def done(count: int) -> None:
            self.statusBar().showMessage(arg(self.tr("%1 orders imported."), count), 8000)
            self.reload()

        def failed(error: BaseException) -> None:
            if isinstance(error, ImportFailed):
                self._error(KeyAccountsError("\n".join(error.problems[:20])))
            else:
                self._error(error)

        self.worker.submit(lambda: revenue.import_orders(db, Path(path)), done, failed,
                           progress=(self, arg(self.tr("Importing %1…"), Path(path).name)))
        return path

    def quarterly_report(self, portfolio: bool, path: str | None = None) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        from keyaccounts.io import report

        from keyaccounts.domain.dates import quarter_of

        period = quarter_of(self.today)
        if not portfolio and self.current_account is None:
            return None
        if path is None:
            path, _f = QFileDialog.getSaveFileName(self, self.tr("Quarterly review"),
                                                   f"review-{period}.pdf", "PDF (*.pdf)")
            if not path:
                return None
        db, account_id = self.db, self.current_account
        stop = threading.Event()
        self.report_cancel = stop

        def work():  # health, charts and fonts into a PDF: on the worker, cancellable
            if portfolio:
                report.portfolio_report(db, period, Path(path), cancelled=stop.is_set, force=True)
            else:
                report.account_report(db, account_id, period, Path(path),
                                      cancelled=stop.is_set, force=True)
            return path

        self.worker.submit(work, lambda done: self.statusBar().showMessage(
            arg(self.tr("Saved %1."), done), 8000), self._cancelled_or_error,
            progress=(self, arg(self.tr("Writing %1…"), Path(path).name)), cancel=stop)
        return path

    def suggest_tiers(self) -> int:
        from PySide6.QtWidgets import QMessageBox

        from keyaccounts.services import revenue

        changes = [t for t in revenue.suggest_tiers(self.db, self.today)
                   if t.suggested != t.current]
        if not changes:
            QMessageBox.information(self, self.tr("Tiers"),
                                    self.tr("Every tier already follows revenue (80/20)."))
            return 0
        lines = [formats.labelled(t.account, f"{t.current} → {t.suggested} ({t.cumulative:.0%})")
                 for t in changes[:25]]
        answer = QMessageBox.question(
            self, self.tr("Tiers"), arg(self.tr("Change %1 tiers to follow revenue (80/20)? "
                                                "Tiers set for another reason stay."),
                                        len(changes)) + "\n\n" + "\n".join(lines))
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        changed = revenue.apply_tiers(self.db, self.today)
        self.reload()
        return changed

    def backup_now(self) -> None:
        self.ops.run(datafile.backup_now, NOTHING, done=lambda made: (
            self.statusBar().showMessage(arg(self.tr("Backed up to %1."), made), 8000)))

    def restore_backup(self, path: str | None = None) -> None:
        """Replace the database with a backup (checked first; the current file is kept as
        a backup), on the worker: a large file takes seconds to check and copy."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        if path is None:
            folder = str(datafile.backups_folder(self.db))
            path, _f = QFileDialog.getOpenFileName(self, self.tr("Restore a backup"), folder,
                                                   "*.sqlite3")
            if not path:
                return
        answer = QMessageBox.question(
            self, self.tr("Restore a backup"),
            arg(self.tr("Replace the database with %1? The database as it is now is kept "
                        "as a backup first."), Path(path).name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._wait_for_all()
        self._disconnect()
        source = Path(path)

        def done(kept) -> None:
            self.statusBar().showMessage(arg(self.tr("Restored. The previous database is "
                                                     "kept in %1."), kept), 10000)

        self.ops.run(lambda db: datafile.restore(db, source), done=done, failed=self._error,
                     progress=(self, arg(self.tr("Restoring %1…"), source.name)))

    # -- help and settings -----------------------------------------------------------
    def shortcut_rows(self) -> list[tuple[str, str]]:
        from ui.dialogs.shortcuts import shortcut_rows

        return shortcut_rows(self.all_actions)

    def show_shortcuts(self) -> None:
        from ui.dialogs.shortcuts import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self.shortcut_rows(), self)
        self.shortcuts_dialog.open()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from keyaccounts import __version__

        QMessageBox.about(self, self.tr("About KeyAccounts"), arg(self.tr(
            "<b>KeyAccounts %1</b><br>客户关系维护 — keeps relationships with key accounts "
            "alive.<br><br>Database: %2"), __version__, str(datafile.location(self.db))))

    def open_settings(self) -> None:
        from ui.dialogs.settings import SettingsDialog

        self.settings_dialog = SettingsDialog(
            self.ops, self.settings, self.edit_encryption, datafile.is_encrypted(self.db),
            datafile.encryption_available(), self)
        self.settings_dialog.exec()

    def edit_encryption(self, parent=None) -> bool:
        """Encrypt, change the passphrase or decrypt; the database is reopened with the key."""
        from ui.dialogs.encryption import EncryptionDialog

        def let_go() -> None:
            self._wait_for_all()
            self._disconnect()

        dialog = EncryptionDialog(self.ops, datafile.is_encrypted(self.db), let_go,
                                  self._error, parent or self)
        self.encryption_dialog = dialog
        if dialog.exec():
            self.statusBar().showMessage(self.tr("Encryption updated."), 8000)
            return True
        return False

    # -- layout memory ---------------------------------------------------------------
    def _restore_layout(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        page = s.value("window/page", "today")
        self.go(page if page in PAGES else "today")

    def save_layout(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/page", self.page())
        if "accounts" in self._pages:  # else the splitters are as they were restored
            s.setValue("window/accountsSplitter", self.accounts_splitter.saveState())
            s.setValue("window/accountSplitter", self.account_view.splitter.saveState())
        s.sync()

    def closeEvent(self, event) -> None:
        if "accounts" in self._pages and self.account_view.notes.hasFocus():
            self.account_view.notes.clearFocus()
        self.save_layout()
        self.watch_timer.stop()
        self._watch.close()
        if self.prepare_timer.isActive():
            self.prepare_timer.stop()
            self._prepare_snapshots()
        self._wait_for_all()
        auto = getattr(self, "auto_backup", None)
        if auto is not None:
            auto.on_close()
        super().closeEvent(event)
