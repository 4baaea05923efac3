"""The main window's global search: the search box in the toolbar and its list of hits.

A mixin of ui.mainwindow.MainWindow. Its strings are in the Qt context "Search":
PySide's tr() looks through the window's classes, the mixins included."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QWidget

from ui.icons import icon
from ui.lazy import LazyModule
from ui.style import styled
from ui.text import arg

services = LazyModule("keyaccounts.services")


class Search:
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
