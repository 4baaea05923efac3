"""The portfolio at a glance: the team's figures by owner (health bands, at risk,
neglected, past due, late complaints, hand-overs), the health distribution, the ABC Pareto
curve, accounts by risk and accounts beyond their cadence. Clicking a bar or point opens
its accounts; Enter or a double-click on an owner's row opens that owner's accounts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.widgets.alerts import AlertsView
from ui.style import styled
from ui.text import arg


class PortfolioPage(QWidget):
    open_accounts = Signal(list)  # account ids
    open_owner = Signal(str)  # an owner's login ("": the accounts without one)

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
        self.drawn = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        line = QHBoxLayout()
        line.addWidget(self.summary)
        line.addStretch(1)
        line.addWidget(self.hint)
        layout.addLayout(line)
        self._build_owners()
        layout.addWidget(self.owners)
        layout.addLayout(self.grid, 3)
        # customer value: accounts by segment (rows) and tier (columns); a cell opens them
        from PySide6.QtWidgets import QAbstractItemView, QTableWidget

        from keyaccounts.domain import value as customer_value

        self.segments = QTableWidget(len(customer_value.SEGMENT_NAMES), 4, self)
        self.segments.setHorizontalHeaderLabels(["A", "B", "C", self.tr("Total")])
        self.segments.setVerticalHeaderLabels([customer_value.segment_label(n) for n in
                                               customer_value.SEGMENT_NAMES])
        self.segments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.segments.setToolTip(self.tr("Accounts by customer-value segment and tier: "
                                         "click a number to open them"))
        self.segments.cellActivated.connect(self._open_cell)
        self.segments.cellClicked.connect(self._open_cell)
        self.segment_ids: dict[tuple[int, int], list[int]] = {}
        layout.addWidget(self.segments, 1)
        self.alerts = AlertsView(self)
        layout.addWidget(self.alerts, 1)

    OWNER_COLUMNS = ("owner", "accounts", "green", "amber", "red", "at_risk", "neglected",
                     "overdue_followups", "complaints_past_deadline", "hand_overs_in_progress")

    def _build_owners(self) -> None:
        """The team's figures by owner, a row each (services.portfolio.by_owner)."""
        from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget

        from ui.widgets.charts import band_label

        self.owners = QTableWidget(0, len(self.OWNER_COLUMNS), self)
        self.owners.setObjectName("owners")
        self.owners.setHorizontalHeaderLabels([
            self.tr("Owner"), self.tr("Accounts"), band_label("green"), band_label("amber"),
            band_label("red"), self.tr("At risk"), self.tr("Neglected"),
            self.tr("Follow-ups past due"), self.tr("Complaints past deadline"),
            self.tr("Hand-overs in progress")])
        for column, tip in ((5, self.tr("Red health, or marked at risk")),
                            (6, self.tr("No contact for longer than the cadence allows")),
                            (9, self.tr("New owners who have not yet met the key contacts"))):
            self.owners.horizontalHeaderItem(column).setToolTip(tip)
        self.owners.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.owners.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.owners.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.owners.verticalHeader().hide()
        self.owners.setWordWrap(False)
        header = self.owners.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)  # when the owner column is hidden
        self.owners.setToolTip(self.tr("By owner: Enter or a double-click opens the "
                                       "owner's accounts"))
        self.owners.cellActivated.connect(self._open_owner)
        self.owner_logins: list[str] = []
        self.owners.hide()  # until the figures are in

    def set_owners(self, view) -> None:
        """The figures by owner (a TeamPortfolio). A file with no owners shows one row,
        without the owner column."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QTableWidgetItem

        from keyaccounts.domain.formats import listed

        table = self.owners
        current = table.currentRow()
        self.owner_logins = [o.owner for o in view.owners]
        table.setRowCount(len(view.owners))
        for row, o in enumerate(view.owners):
            who = (arg(self.tr("%1 (%2)"), o.name, o.owner) if o.name else o.owner) \
                if o.owner else self.tr("No owner")
            values = (who, o.accounts, o.bands["green"], o.bands["amber"], o.bands["red"],
                      len(o.at_risk), len(o.neglected), o.overdue_followups,
                      o.complaints_past_deadline, o.hand_overs_in_progress)
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value))
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight |
                                          Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
            for column, names in ((5, o.at_risk), (6, o.neglected)):
                if names:
                    table.item(row, column).setToolTip(listed(sorted(names)))
        table.setColumnHidden(0, not any(self.owner_logins))
        rows = min(len(view.owners), 6)
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + rows * table.verticalHeader().defaultSectionSize()
                             + 2 * table.frameWidth())
        table.setVisible(bool(view.owners))
        if view.owners:
            table.setCurrentCell(min(max(current, 0), len(view.owners) - 1), 0)

    def _open_owner(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.owner_logins):
            self.open_owner.emit(self.owner_logins[row])

    def set_value(self, values) -> None:
        """The segment × tier table from the active portfolio's customer value."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QTableWidgetItem

        from keyaccounts.domain import value as customer_value

        self.segment_ids = {}
        for v in values:
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
        self.data = (healths, accounts, items, today)
        counts = {b: sum(1 for h in healths if h.band == b) for b in ("green", "amber", "red")}
        self.summary.setText(arg(self.tr("%n account(s): %1 green, %2 amber, %3 red", "",
                                         len(healths)),
                                 counts["green"], counts["amber"], counts["red"]))
        self.drawn = False
        if self.isVisible():
            self.draw()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.drawn:
            self.draw()

    def draw(self) -> None:
        if self.data is None:
            return
        from ui.widgets import charts

        self._ensure_charts()
        healths, accounts, items, today = self.data
        tiers = {a.id: a.tier for a in accounts}
        self.charts[0].draw(charts.paint_distribution, healths,
                            {a.id: a.name for a in accounts})
        self.charts[1].draw(charts.paint_pareto, accounts)
        self.charts[2].draw(charts.paint_risk, healths, tiers)
        self.charts[3].draw(charts.paint_beyond_cadence, items, today)
        self.drawn = True
