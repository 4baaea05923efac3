"""The portfolio at a glance: the team's figures by owner (health bands, at risk,
neglected, past due, late complaints, hand-overs), the health distribution, the ABC Pareto
curve, accounts by risk and accounts beyond their cadence. Clicking a bar or point opens
its accounts; Enter or a double-click on an owner's row opens that owner's accounts. The
owner chosen above (on a team server) narrows the charts, the segments and the alerts to
that owner's accounts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.widgets.alerts import AlertsView
from ui.style import styled
from ui.text import arg
from ui.widgets.tables import tab_leaves


class PortfolioPage(QWidget):
    open_accounts = Signal(list)  # account ids
    open_owner = Signal(str)  # an owner's login ("": the accounts without one)
    owner_chosen = Signal()  # the owner choice changed: the Pareto curve is read again
    owners_wanted = Signal()  # shown with figures by owner out of date: read them again

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel(self.tr("Portfolio"), self)
        styled(self.title, "pageTitle")
        self.summary = QLabel(self)
        self.hint = QLabel(self.tr("Click a bar or a point to open the accounts behind it."),
                           self)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.grid = QGridLayout()
        self.charts = []
        self.data = None
        self.values: list = []  # the customer value of every account
        self.all_alerts: list = []
        self.owner_ids: dict[str, list[int]] = {}  # account ids by owner
        self.drawn = False
        from PySide6.QtWidgets import QComboBox

        self.owner = QComboBox(self)
        self.owner.addItem(self.tr("All owners"), None)
        self.owner.setToolTip(self.tr("The charts, segments and alerts of one owner's "
                                      "accounts"))
        self.owner.hide()  # until there are owners
        self.owner.currentIndexChanged.connect(self._owner_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        line = QHBoxLayout()
        line.addWidget(self.owner)
        line.addWidget(self.summary)
        line.addStretch(1)
        line.addWidget(self.hint)
        layout.addLayout(line)
        layout.addLayout(self.grid, 3)
        # customer value: accounts by segment (rows) and tier (columns); a cell opens them
        from PySide6.QtWidgets import QAbstractItemView, QTableWidget

        from keyaccounts.domain import value as customer_value

        self.segments = tab_leaves(QTableWidget(len(customer_value.SEGMENT_NAMES), 4, self))
        self.segments.setHorizontalHeaderLabels(["A", "B", "C", self.tr("Total")])
        self.segments.setVerticalHeaderLabels([customer_value.segment_label(n) for n in
                                               customer_value.SEGMENT_NAMES])
        self.segments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.segments.setToolTip(self.tr("Accounts by customer-value segment and tier: "
                                         "click a number to open them"))
        self.segments.cellActivated.connect(self._open_cell)
        self.segments.cellClicked.connect(self._open_cell)
        self.segment_ids: dict[tuple[int, int], list[int]] = {}
        self._build_owners()
        tables = QHBoxLayout()  # the figures by owner beside the segments
        tables.addWidget(self.owners, 1)
        tables.addWidget(self.segments, 1)
        self.setTabOrder(self.owners, self.segments)  # as they stand, left to right
        layout.addLayout(tables, 1)
        self.alerts = AlertsView(self)
        layout.addWidget(self.alerts, 1)

    def _build_owners(self) -> None:
        """The team's figures by owner (services.portfolio.by_owner): an owner a column,
        a figure a row, as the segments beside it."""
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget

        from ui.widgets.charts import band_label

        figures = [
            (self.tr("Accounts"), ""), (band_label("green"), ""), (band_label("amber"), ""),
            (band_label("red"), ""),
            (self.tr("At risk"), self.tr("Red health, or marked at risk")),
            (self.tr("Neglected"), self.tr("No contact for longer than the cadence allows")),
            (self.tr("Follow-ups past due"), ""), (self.tr("Complaints past deadline"), ""),
            (self.tr("Hand-overs in progress"),
             self.tr("New owners who have not yet met the key contacts"))]
        self.owners = tab_leaves(QTableWidget(len(figures), 0, self))
        self.owners.setObjectName("owners")
        self.owners.setVerticalHeaderLabels([name for name, _tip in figures])
        for row, (_name, tip) in enumerate(figures):
            if tip:
                self.owners.verticalHeaderItem(row).setToolTip(tip)
        self.owners.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.owners.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.owners.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.owners.setWordWrap(False)
        self.owners.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.owners.setToolTip(self.tr("By owner: Enter or a double-click opens the "
                                       "owner's accounts"))
        self.owners.cellActivated.connect(self._open_owner)
        self.owner_logins: list[str] = []
        self.owners_stale = False  # the data changed since the figures were read
        self.owners.hide()  # until the figures are in

    def mark_owners_stale(self) -> None:
        """The data changed: the figures by owner are read again now if the page is
        shown, else when it next is (they cost a pass over every account's facts)."""
        self.owners_stale = True
        if self.isVisible():
            self.owners_stale = False
            self.owners_wanted.emit()

    def set_owners(self, view) -> None:
        """The figures by owner (a TeamPortfolio). A file with no owners shows one
        column, without the owner's name over it."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QTableWidgetItem

        from keyaccounts.domain.formats import listed

        table = self.owners
        current = table.currentColumn()
        self.owner_logins = [o.owner for o in view.owners]
        self.owner_ids = {o.owner: list(o.account_ids) for o in view.owners}
        chosen = self.owner.currentData()
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem(self.tr("All owners"), None)
        table.setColumnCount(len(view.owners))
        names = []
        for column, o in enumerate(view.owners):
            who = (arg(self.tr("%1 (%2)"), o.name, o.owner) if o.name else o.owner) \
                if o.owner else self.tr("No owner")
            names.append(who)
            values = (o.accounts, o.bands["green"], o.bands["amber"], o.bands["red"],
                      len(o.at_risk), len(o.neglected), o.overdue_followups,
                      o.complaints_past_deadline, o.hand_overs_in_progress)
            for row, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight |
                                      Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
            for row, listed_names in ((4, o.at_risk), (5, o.neglected)):
                if listed_names:
                    table.item(row, column).setToolTip(listed(sorted(listed_names)))
            self.owner.addItem(who, o.owner)
        table.setHorizontalHeaderLabels(names)
        table.horizontalHeader().setVisible(any(self.owner_logins))
        self.owner.setCurrentIndex(max(0, self.owner.findData(chosen)))
        self.owner.blockSignals(False)
        self.owner.setVisible(any(self.owner_logins))
        if self.owner.currentData() != chosen:  # the owner chosen has no account left
            self._owner_changed()
        table.setVisible(bool(view.owners))
        if view.owners:
            table.setCurrentCell(0, min(max(current, 0), len(view.owners) - 1))

    def current_owner(self) -> str | None:
        """The owner chosen (None: all)."""
        return self.owner.currentData()

    def _shown(self) -> set[int] | None:
        """The ids of the chosen owner's accounts (None: all accounts)."""
        owner = self.owner.currentData()
        return None if owner is None else set(self.owner_ids.get(owner, ()))

    def _owner_changed(self, _index: int = 0) -> None:
        self._fill_segments()
        self.set_alerts(self.all_alerts)
        if self.data is not None:
            self.set_data(*self.data)
        self.owner_chosen.emit()

    def set_alerts(self, alerts) -> None:
        """The risk alerts of every account; those of the chosen owner's are shown."""
        self.all_alerts = alerts
        shown = self._shown()
        self.alerts.set_alerts(alerts if shown is None else
                               [a for a in alerts if a.account_id in shown])

    def _open_owner(self, _row: int, column: int) -> None:
        if 0 <= column < len(self.owner_logins):
            self.open_owner.emit(self.owner_logins[column])

    def set_value(self, values) -> None:
        """The segment × tier table from the active portfolio's customer value."""
        self.values = values
        self._fill_segments()

    def _fill_segments(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QTableWidgetItem

        from keyaccounts.domain import value as customer_value

        shown = self._shown()
        self.segment_ids = {}
        for v in self.values:
            if shown is not None and v.account_id not in shown:
                continue
            row = customer_value.SEGMENT_NAMES.index(v.rfm.segment)
            for column in ("ABC".index(v.tier), 3):
                self.segment_ids.setdefault((row, column), []).append(v.account_id)
        for row in range(self.segments.rowCount()):
            for column in range(4):
                item = QTableWidgetItem(str(len(self.segment_ids.get((row, column), []))))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight |
                                      Qt.AlignmentFlag.AlignVCenter)
                self.segments.setItem(row, column, item)

    def _open_cell(self, row: int, column: int) -> None:
        ids = self.segment_ids.get((row, column))
        if ids:
            self.open_accounts.emit(list(ids))

    def _ensure_charts(self) -> None:
        if self.charts:
            return
        from ui.widgets.charts import ChartView

        for n in range(4):
            view = ChartView(self)
            view.picked.connect(lambda ids: self.open_accounts.emit(list(ids or [])))
            self.grid.addWidget(view, n // 2, n % 2)
            self.charts.append(view)

    def set_data(self, healths, accounts, items, today: date) -> None:
        """Every account's health mark, the Pareto curve's points (of the chosen owner's
        accounts), the agenda; of these, the chosen owner's accounts are shown."""
        self.data = (healths, accounts, items, today)
        healths, accounts, items, today = self._narrowed()
        counts = {b: sum(1 for h in healths if h.band == b) for b in ("green", "amber", "red")}
        self.summary.setText(arg(self.tr("%n account(s): %1 green, %2 amber, %3 red", "",
                                         len(healths)),
                                 counts["green"], counts["amber"], counts["red"]))
        self.drawn = False
        if self.isVisible():
            self.draw()

    def _narrowed(self) -> tuple:
        healths, accounts, items, today = self.data
        shown = self._shown()
        if shown is None:
            return self.data
        return ([h for h in healths if h.account_id in shown],
                [a for a in accounts if a.id in shown],
                [i for i in items if i.account_id in shown], today)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.owners_stale:
            self.owners_stale = False
            self.owners_wanted.emit()
        if not self.drawn:
            self.draw()

    def draw(self) -> None:
        if self.data is None:
            return
        from ui.widgets import charts

        self._ensure_charts()
        healths, accounts, items, today = self._narrowed()
        tiers = {a.id: a.tier for a in accounts}
        self.charts[0].draw(charts.paint_distribution, healths,
                            {a.id: a.name for a in accounts})
        self.charts[1].draw(charts.paint_pareto, accounts)
        self.charts[2].draw(charts.paint_risk, healths, tiers)
        self.charts[3].draw(charts.paint_beyond_cadence, items, today)
        self.drawn = True
