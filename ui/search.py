"""The main window's global search: the search box in the toolbar and its list of hits.

A mixin of ui.mainwindow.MainWindow. Its strings are in the Qt context "Search":
PySide's tr() looks through the window's classes, the mixins included."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QSizePolicy, QWidget

from ui.icons import icon
from ui.lazy import LazyModule
from ui.style import styled

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
        self._hits: list = []  # the hits shown, by row

    def _build_completer(self) -> None:
        """The search's list of hits (after the first frame: nobody types before it):
        a popup as wide as the hits need, the date first (ui.widgets.search)."""
        from PySide6.QtCore import QModelIndex
        from PySide6.QtGui import QStandardItemModel
        from PySide6.QtWidgets import QCompleter

        self.search_model = QStandardItemModel(self)
        self.completer = QCompleter(self.search_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(14)
        self.search.setCompleter(self.completer)
        self.completer.activated[QModelIndex].connect(self._search_hit_chosen)
        self.search_timer = QTimer(self, singleShot=True, interval=150)
        self.search_timer.timeout.connect(self._run_search)
        self.search.textEdited.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self._search_enter)

    def _run_search(self) -> None:
        text = self.search.text()
        self.worker.submit(lambda: (text, services.search(self.db, text)), self._show_hits)

    def _show_hits(self, result) -> None:
        from PySide6.QtGui import QStandardItem

        from ui.widgets.search import hit_label, show_popup

        text, hits = result
        if text != self.search.text():
            return
        self.search_model.clear()
        self._hits = list(hits)  # by row
        for hit in hits:
            self.search_model.appendRow(QStandardItem(
                icon({"account": "accounts", "contact": "contact",
                      "interaction": "log"}[hit.kind]), hit_label(hit)))
        if hits:
            show_popup(self.completer, self.search)
        else:
            self.completer.popup().hide()

    def _search_hit_chosen(self, index) -> None:
        """A hit chosen in the popup (Enter or a click): open it. The search box is
        cleared, and its hits with it, so that the Enter does not open a second one."""
        row = self.completer.completionModel().mapToSource(index).row()
        if not 0 <= row < len(self._hits):
            return
        hit = self._hits[row]
        self._hits = []
        QTimer.singleShot(0, self.search.clear)
        self.open_hit(hit)

    def _search_enter(self) -> None:
        """Enter in the search box with no hit chosen: the first hit."""
        if self._hits and not self.completer.popup().isVisible():
            hit = self._hits[0]
            self._hits = []
            QTimer.singleShot(0, self.search.clear)
            self.open_hit(hit)

    def open_hit(self, hit) -> None:
        """Open a hit's account; an interaction shows the chain scrolled to it."""
        account_id = self.ops.read(lambda db: services.find_account(db, hit.account)).id
        jump = None
        if hit.kind == "interaction":
            def jump():
                self.account_view.jump_to_interaction(hit.id)
        self.go("accounts")
        self.accounts_list.search.clear()
        self.accounts_list.select_account(account_id, emit=False)
        self.show_account(account_id, then=jump)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def focus_filter(self) -> None:
        self.go("accounts")
        self.accounts_list.search.setFocus()
        self.accounts_list.search.selectAll()
