"""Risk alerts with their suggested actions: a follow-up in one click, or a dismissal
whose reason is kept."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.domain import formats
from keyaccounts.domain.today import Alert
from ui import labels
from ui.colors import OVERDUE
from ui.icons import icon
from ui.widgets.tables import RecordModel, Role, record_table
from ui.text import arg

_KINDS = {
    "complaint-overdue": QT_TRANSLATE_NOOP("Alerts", "Complaint unanswered"),
    "executive-gap": QT_TRANSLATE_NOOP("Alerts", "Executive contact beyond its cadence"),
    "key-person": QT_TRANSLATE_NOOP("Alerts", "Key person changed"),
    "broken-chain": QT_TRANSLATE_NOOP("Alerts", "Broken chain"),
    "sentiment-falling": QT_TRANSLATE_NOOP("Alerts", "Sentiment falling"),
    "renewal-risk": QT_TRANSLATE_NOOP("Alerts", "Renewal at risk"),
    "no-value-add": QT_TRANSLATE_NOOP("Alerts", "No value added"),
    "segment-falling": QT_TRANSLATE_NOOP("Alerts", "Value segment falling"),
    "new-owner": QT_TRANSLATE_NOOP("Alerts", "New owner, key contacts not met"),
    "coverage-gap": QT_TRANSLATE_NOOP("Alerts", "Relationship coverage gap"),
}


def alert_kind_label(kind: str) -> str:
    return labels.name(_KINDS, kind, kind, "Alerts")


class AlertsModel(RecordModel):
    """Alerts as rows; a portfolio raises thousands, and a view asks only for what shows."""

    def __init__(self, show_account: bool, parent=None):
        super().__init__([], parent)
        headers = [self.tr("Alert"), self.tr("Since"), self.tr("Suggested action")]
        self.headers = [self.tr("Account")] + headers if show_account else headers
        self.show_account = show_account
        self._icon = None

    @property
    def alerts(self) -> list[Alert]:
        return self.records

    def set_alerts(self, alerts: list[Alert]) -> None:
        self.set_records(alerts)

    _ROLES = frozenset((Role.DISPLAY, Role.DECORATION, Role.TOOLTIP))

    def data(self, index, role=Role.DISPLAY):
        if role not in self._ROLES or not index.isValid():  # most of what a view asks
            return None
        a, column = self.alerts[index.row()], index.column() - self.show_account
        if role == Role.DISPLAY:
            if column < 0:
                return a.account
            return (arg(self.tr("%1: %2"), alert_kind_label(a.kind), a.reason),
                    formats.short_date(a.since),
                    a.suggested_action)[column]
        if role == Role.DECORATION and index.column() == 0:
            if self._icon is None:
                self._icon = icon("warning", OVERDUE.name())
            return self._icon
        if role == Role.TOOLTIP and column == 0:
            return a.reason
        return None


class AlertsView(QWidget):
    act = Signal(object)          # Alert
    dismiss = Signal(object, str)  # Alert, reason
    open_account = Signal(int)

    def __init__(self, parent=None, *, show_account: bool = True):
        super().__init__(parent)
        self.title = QLabel(self)
        self.model = AlertsModel(show_account, self)
        self.show_account = show_account
        self.view = record_table(self, self.model, (200, 420) if show_account else (420, 100),
                                 row_padding=6)
        self.act_button = QPushButton(icon("add"), self.tr("Create the follow-up"), self)
        self.dismiss_button = QPushButton(self.tr("Dismiss…"), self)
        row = QHBoxLayout()
        row.addWidget(self.title)
        row.addStretch(1)
        row.addWidget(self.act_button)
        row.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        self.act_button.clicked.connect(self._act)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.view.doubleClicked.connect(self._open)
        self.view.selectionModel().currentChanged.connect(lambda _c, _p: self._update())
        self._update()
        self.setVisible(False)  # until there are alerts

    @property
    def alerts(self) -> list[Alert]:
        return self.model.alerts

    def current(self) -> Alert | None:
        index = self.view.currentIndex()
        return self.model.alerts[index.row()] if index.isValid() else None

    def select_row(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def _update(self) -> None:
        has = self.current() is not None
        self.act_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)

    def set_alerts(self, alerts: list[Alert], count: int | None = None) -> None:
        """Show *alerts*: all of them, or the first of *count* (the rest is loading)."""
        count = len(alerts) if count is None else count
        self.model.set_alerts(alerts)
        self.title.setText(arg(self.tr("Risk alerts (%1)"), count))
        self.setVisible(bool(count))
        self._update()

    def _act(self) -> None:
        alert = self.current()
        if alert is not None:
            self.act.emit(alert)

    def _dismiss(self) -> None:
        alert = self.current()
        if alert is None:
            return
        from PySide6.QtWidgets import QInputDialog

        reason, ok = QInputDialog.getText(self, self.tr("Dismiss the alert"),
                                          self.tr("Why? (kept with the account)"))
        if ok:
            self.dismiss.emit(alert, reason)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_account.emit(self.model.alerts[index.row()].account_id)
