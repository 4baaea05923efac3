"""The main window: its frame, loading and refreshing what it shows, and its layout.

The rest of the window is in mixins, one module each: ui.navigation (pages and going to
an account), ui.menus (menus, actions, shortcuts, help), ui.search (the global search),
ui.actions (what the user does, run through ui.operations) and ui.files (import,
export, reports, backup, restore, settings and encryption of the data file)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from keyaccounts.services import datafile
from keyaccounts.services.datafile import Database
from keyaccounts.domain import clock
from ui.actions import Actions
from ui.files import Files
from ui.icons import icon
from ui.lazy import LazyModule
from ui.menus import Menus
from ui.navigation import PAGES, Navigation
from ui.operations import Changes, Operations
from ui.pages.today import AgendaPage
from ui.search import Search
from ui.style import styled
from ui.widgets.tables import Role
from ui.text import arg
from ui.worker import DbWorker

# The storage layer and the other pages load after the Today page has painted.
services = LazyModule("keyaccounts.services")
customer_value = LazyModule("keyaccounts.services.value")
outbox = LazyModule("keyaccounts.services.outbox")

AGENDA_DAYS = 60
PREPARE_AFTER_MS = 20_000
WATCH_MS = 5_000


class _Pages(QStackedWidget):
    painted = Signal()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()


class MainWindow(Navigation, Menus, Search, Actions, Files, QMainWindow):
    loaded = Signal()  # the first view has all its data (for --screenshot)
    first_painted = Signal()  # the first frame is on screen: start-up work that can wait
    agenda_shown = Signal()  # the Today page has its agenda painted (for the benchmark)

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        """Qt's tr() in the context of the class that says *text*, the mixins included.

        PySide's own tries the window's classes in turn and stops at the first whose
        answer differs from *text*: a plural form ("%n order(s) imported.") differs by
        its number already, so the mixins' plurals were never looked up in their own
        context ("Files", "Actions"): "2 order(s) imported."."""
        untranslated = QCoreApplication.translate(  # tr passed on (callers' literals extracted)
            "MainWindow.untranslated", text, disambiguation, n)
        for cls in type(self).__mro__:
            if cls.__module__.startswith("ui."):
                found = QCoreApplication.translate(  # tr passed on (callers' literals extracted)
                    cls.__name__, text, disambiguation, n)
                if found != untranslated:
                    return found
        return untranslated

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
        self.value_now: list | None = None  # AccountValue of the active portfolio, today
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

    # -- loading ----------------------------------------------------------------------

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
            # What was written offline and not yet sent, marked on the pages.
            return services.account_rows(db, today), agenda, outbox.unsent(db)

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

    def use_database(self, db: Database) -> None:
        """Work on *db* from now on, without a restart: a team server's connection again
        once it answers (its copy sent and refreshed), or its local copy when it no
        longer does (see ui.offline). The pages read again; the old handle is closed once
        the work queued on it is done. What Ctrl+Z could undo was done on the other one:
        the undo stack starts afresh."""
        old = self.db
        if db is old:
            return
        self.db = self.ops.db = db
        self._watch.close()
        self._watch = datafile.ChangeWatch(db)
        self._outside_change_seen = False
        auto = getattr(self, "auto_backup", None)
        if auto is not None:
            auto.db = db
        self.undo_stack.clear()
        self.setWindowTitle(arg(self.tr("KeyAccounts — %1"), datafile.location(db).name))
        self.worker.submit(old.close)
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
        if self.page() == "today":  # the morning's review: the arrows move in the agenda
            self.today_page.view.setFocus()
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
        rows, items, unsent = result
        self.today_page.model.set_unsent(unsent)
        if items is not None:
            self._agenda_loaded(items)
        self.account_rows = rows
        self.today_page.show_welcome(not rows)  # a first start: where to begin
        db, today = self.db, self.today
        self.worker.submit(lambda: datafile.health(db, today), self._health_loaded)
        self.worker.submit(lambda: customer_value.portfolio_value(db, today),
                           self._value_loaded)
        if "accounts" in self._pages:
            self.accounts_list.set_rows(rows, self.today, self.health_marks)
        overdue, due_today = self.counts or (0, 0)
        self.status.setText(arg(self.tr("%1 · %2 overdue · %3 due today · %4"),
                                self.tr("%n account(s)", "", len(rows)), overdue, due_today,
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
            from keyaccounts.perf import keep_alive_out_of_sight

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

    def _value_loaded(self, values) -> None:
        """The customer value (segment, contribution, CLV) for the accounts list and the
        Portfolio's segment × tier table."""
        self.value_now = values
        if "accounts" in self._pages:
            self.accounts_list.set_value(values)
        if "portfolio" in self._pages:
            self.portfolio_page.set_value(values)

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
