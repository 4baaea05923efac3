"""Risk alerts with their suggested actions: a follow-up in one click, or a dismissal
whose reason is kept."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.views import Alert
from ui.account_view import OVERDUE
from ui.icons import icon
from ui.text import arg

ALERT_ROLE = Qt.ItemDataRole.UserRole + 1


def alert_kind_label(kind: str) -> str:
    return {
        "complaint-overdue": QCoreApplication.translate("Alerts", "Complaint unanswered"),
        "executive-gap": QCoreApplication.translate("Alerts",
                                                    "Executive contact beyond its cadence"),
        "key-person": QCoreApplication.translate("Alerts", "Key person changed"),
        "broken-chain": QCoreApplication.translate("Alerts", "Broken chain"),
        "sentiment-falling": QCoreApplication.translate("Alerts", "Sentiment falling"),
        "renewal-risk": QCoreApplication.translate("Alerts", "Renewal at risk"),
        "no-value-add": QCoreApplication.translate("Alerts", "No value added"),
    }.get(kind, kind)


class AlertsView(QWidget):
    act = Signal(object)          # Alert
    dismiss = Signal(object, str)  # Alert, reason
    open_account = Signal(int)

    def __init__(self, parent=None, *, show_account: bool = True):
        super().__init__(parent)
        self.title = QLabel(self)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        headers = [self.tr("Alert"), self.tr("Since"), self.tr("Suggested action")]
        if show_account:
            headers.insert(0, self.tr("Account"))
        self.show_account = show_account
        self.tree.setHeaderLabels(headers)
        self.tree.header().resizeSection(0, 200 if show_account else 420)
        self.tree.header().resizeSection(1, 420 if show_account else 100)
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
        layout.addWidget(self.tree, 1)
        self.act_button.clicked.connect(self._act)
        self.dismiss_button.clicked.connect(self._dismiss)
        self.tree.itemDoubleClicked.connect(self._open)
        self.tree.currentItemChanged.connect(lambda _c, _p: self._update())
        self.alerts: list[Alert] = []
        self._update()

    def current(self) -> Alert | None:
        item = self.tree.currentItem()
        return item.data(0, ALERT_ROLE) if item else None

    def _update(self) -> None:
        has = self.current() is not None
        self.act_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)

    def set_alerts(self, alerts: list[Alert]) -> None:
        self.alerts = alerts
        self.tree.clear()
        self.title.setText(arg(self.tr("Risk alerts (%1)"), len(alerts)))
        for a in alerts:
            cells = [alert_kind_label(a.kind) + ": " + a.reason, a.since.isoformat(),
                     a.suggested_action]
            if self.show_account:
                cells.insert(0, a.account)
            item = QTreeWidgetItem(self.tree, cells)
            item.setData(0, ALERT_ROLE, a)
            item.setIcon(0, icon("warning", OVERDUE.name()))
            item.setToolTip(1 if self.show_account else 0, a.reason)
        self.setVisible(bool(alerts))
        self._update()

    def _act(self) -> None:
        alert = self.current()
        if alert is not None:
            self.act.emit(alert)

    def _dismiss(self) -> None:
        alert = self.current()
        if alert is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Dismiss the alert"),
                                          self.tr("Why? (kept with the account)"))
        if ok:
            self.dismiss.emit(alert, reason)

    def _open(self, item) -> None:
        alert = item.data(0, ALERT_ROLE)
        if alert is not None:
            self.open_account.emit(alert.account_id)
