"""The main window's pages: built on first need, shown, and the account they show.

A mixin of ui.mainwindow.MainWindow (it uses the window's worker, ops, today and
widgets). Its strings are in the Qt context "Navigation": PySide's tr() looks through the
window's classes, the mixins included."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QLabel, QStackedWidget

from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.services import datafile
from ui.lazy import LazyModule
from ui.style import styled
from ui.worker import DbWorker

services = LazyModule("keyaccounts.services")
planner = LazyModule("keyaccounts.services.planner")
outbox = LazyModule("keyaccounts.services.outbox")
revenue = LazyModule("keyaccounts.services.revenue")
portfolio = LazyModule("keyaccounts.services.portfolio")

PAGES = ("today", "accounts", "calendar", "portfolio")


class Navigation:
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
            page.open_owner.connect(self.open_owner)
            page.owner_chosen.connect(self._load_pareto)
            page.owners_wanted.connect(self._load_owners)
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
            if self.value_now is not None:
                built["accounts_list"].set_value(self.value_now)
            if self._restore_account is not None:
                account_id, self._restore_account = self._restore_account, None
                if built["accounts_list"].select_account(account_id, emit=False):
                    self.show_account(account_id)
        if group == "portfolio":
            self._feed_portfolio()
            if self.value_now is not None:
                built["portfolio_page"].set_value(self.value_now)
        return built

    def _feed_portfolio(self) -> None:
        """Give the Portfolio page (built) the health and alerts loaded, the accounts on
        their Pareto curve (services.revenue.pareto) and the figures by owner
        (services.portfolio.by_owner, once the page is shown), these two loaded on the
        worker."""
        if self.health_now is None:
            return
        self.portfolio_page.set_alerts(self.alerts_now)
        self._load_pareto()
        self.portfolio_page.mark_owners_stale()

    def _load_owners(self) -> None:
        db, today = self.db, self.today
        self.worker.submit(lambda: portfolio.by_owner(db, today),
                           lambda view: self.portfolio_page.set_owners(view))

    def _load_pareto(self) -> None:
        """The Pareto curve of the owner chosen on the Portfolio page (all: the
        portfolio's), read on the worker, and the page's charts drawn with it."""
        if self.health_now is None:
            return
        db, today, owner = self.db, self.today, self.portfolio_page.current_owner()

        def show(points) -> None:
            page = self.portfolio_page
            if page.current_owner() == owner:  # else another read is under way
                page.set_data(self.health_now, points, self.agenda_list, self.today)

        self.worker.submit(lambda: revenue.pareto(db, today, owner=owner), show)

    def _build_accounts(self) -> dict:
        from PySide6.QtWidgets import QSplitter

        from ui.pages.account import AccountView
        from ui.pages.accounts import AccountsList

        accounts_list = AccountsList(self, self.settings)
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

    def go(self, page: str) -> None:
        self.nav.setCurrentRow(PAGES.index(page))

    def load_calendar(self) -> None:
        from ui.pages.calendar import lunar_days

        first, count = self.calendar_page.first_day(), self.calendar_page.day_count()
        db, today = self.db, self.today

        def load():  # the lunar days too: a new lunar year takes ~0.3 s to compute
            return (planner.agenda(db, first, count, today=today, pending=False),
                    lunar_days(first, count))

        self.worker.submit(load, lambda result: self.calendar_page.set_items(
            result[0], today, result[1]))

    def show_account(self, account_id: int, then=None) -> None:
        """Show an account's page (read on the worker); then call *then*, if given."""
        self.current_account = account_id
        self.settings.setValue("window/account", account_id)
        self._update_actions()
        db, today = self.db, self.today

        def load():
            return services.account_page(db, account_id, today), outbox.unsent(db)

        def shown(result):
            page, unsent = result
            if page.account.id == self.current_account:
                self.account_view.unsent = unsent
                self.account_view.show_page(page)
                self.account_stack.setCurrentWidget(self.account_view)
                self.load_health()
                if then is not None:
                    then()

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
        self.accounts_list.show_owner(None)  # the ids are the ones to show, whoever owns them
        self.accounts_list.show_only(set(ids))
        if len(ids) == 1:
            self.open_account(ids[0])

    def open_owner(self, owner: str) -> None:
        """Show an owner's accounts in the list ("": those without an owner)."""
        self.go("accounts")
        listing = self.accounts_list
        listing.search.clear()
        listing.show_only(None)
        listing.show_owner(owner)
        listing.view.setFocus()

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
