"""The portfolio at a glance: health distribution, the ABC Pareto curve, accounts by
risk and accounts beyond their cadence. Clicking a bar or point opens its accounts."""

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
        self.summary.setText(arg(self.tr("%1 accounts: %2 green, %3 amber, %4 red"),
                                 len(healths), counts["green"], counts["amber"], counts["red"]))
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
        self.charts[0].draw(charts.paint_distribution, healths)
        self.charts[1].draw(charts.paint_pareto, accounts)
        self.charts[2].draw(charts.paint_risk, healths, tiers)
        self.charts[3].draw(charts.paint_beyond_cadence, items, today)
        self.drawn = True
