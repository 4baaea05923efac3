"""The Today page: the agenda, every item actionable in place.

Keys on the list: Enter logs (the quick log opens prefilled), R reschedules,
S snoozes a day (the button offers more), D marks done.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.planner import AgendaItem
from ui import labels
from ui.account_view import OVERDUE, STALE
from ui.icons import icon
from ui.text import arg

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1

KIND_ICONS = {"follow-up": "link", "visit": "accounts", "call": "log", "exec-meeting": "contact",
              "tech-meeting": "log", "review": "portfolio", "birthday": "today",
              "anniversary": "today", "festival": "today", "renewal": "edit",
              "complaint-deadline": "warning"}


def kind_label(kind: str) -> str:
    from PySide6.QtCore import QCoreApplication

    own = {
        "follow-up": QCoreApplication.translate("Agenda", "Follow-up"),
        "birthday": QCoreApplication.translate("Agenda", "Birthday"),
        "anniversary": QCoreApplication.translate("Agenda", "Anniversary"),
        "festival": QCoreApplication.translate("Agenda", "Festival"),
        "renewal": QCoreApplication.translate("Agenda", "Renewal"),
        "complaint-deadline": QCoreApplication.translate("Agenda", "Complaint deadline"),
    }
    return own.get(kind) or labels.kind(kind)


def long_date(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


class AgendaPage(QWidget):
    log_item = Signal(object)          # AgendaItem
    reschedule_item = Signal(object)
    snooze_item = Signal(object, int)  # item, days
    done_item = Signal(object)
    open_item = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = date.today()
        self.heading = QLabel(self.tr("Today"), self)
        self.heading.setObjectName("pageTitle")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Account"), self.tr("Who"),
                                   self.tr("When")])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().resizeSection(0, 380)
        self.tree.header().resizeSection(1, 200)
        self.tree.header().resizeSection(2, 120)
        self.empty = QLabel(self.tr(
            "Nothing is due. Log each visit or call with Ctrl+L and leave next steps with due "
            "dates; planned visits, birthdays, festivals and renewals appear here too."), self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.log_button = QPushButton(icon("log"), self.tr("Log…"), self)
        self.log_button.setToolTip(self.tr("Log it (Enter)"))
        self.reschedule_button = QPushButton(icon("calendar"), self.tr("Reschedule…"), self)
        self.reschedule_button.setToolTip(self.tr("Move to another day (R)"))
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText(self.tr("Snooze"))
        self.snooze_button.setToolTip(self.tr("Hide for a day (S)"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.snooze_button)
        for days, text in ((1, self.tr("One day")), (3, self.tr("Three days")),
                           (7, self.tr("One week"))):
            action = QAction(text, menu)
            action.triggered.connect(lambda _c=False, d=days: self._snooze(d))
            menu.addAction(action)
        self.snooze_button.setMenu(menu)
        self.snooze_button.clicked.connect(lambda: self._snooze(1))
        self.done_button = QPushButton(icon("done"), self.tr("Done"), self)
        self.done_button.setToolTip(self.tr("Mark done (D)"))
        bar = QHBoxLayout()
        for w in (self.log_button, self.reschedule_button, self.snooze_button, self.done_button):
            bar.addWidget(w)
        bar.addStretch(1)

        from ui.alerts_view import AlertsView

        self.alerts = AlertsView(self)
        self.alerts.setMaximumHeight(self.fontMetrics().height() * 12)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.alerts)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)

        self.log_button.clicked.connect(lambda: self._emit(self.log_item))
        self.reschedule_button.clicked.connect(lambda: self._emit(self.reschedule_item))
        self.done_button.clicked.connect(lambda: self._emit(self.done_item))
        self.tree.itemActivated.connect(lambda _i, _c: self._emit(self.log_item))
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self._emit(self.open_item))
        self.tree.currentItemChanged.connect(lambda _c, _p: self._update_buttons())
        self.keys = {Qt.Key.Key_R: lambda: self._emit(self.reschedule_item),
                     Qt.Key.Key_S: lambda: self._snooze(1),
                     Qt.Key.Key_D: lambda: self._emit(self.done_item)}
        self.tree.installEventFilter(self)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, handler in ((self.tr("Log…"), lambda: self._emit(self.log_item)),
                              (self.tr("Open the account"), lambda: self._emit(self.open_item)),
                              (self.tr("Reschedule…"), lambda: self._emit(self.reschedule_item)),
                              (self.tr("Snooze a day"), lambda: self._snooze(1)),
                              (self.tr("Done"), lambda: self._emit(self.done_item))):
            action = QAction(text, self.tree)
            action.triggered.connect(handler)
            self.tree.addAction(action)
        self._update_buttons()

    def eventFilter(self, obj, event):
        if obj is self.tree and event.type() == QEvent.Type.KeyPress and \
                event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier) and \
                event.key() in self.keys:
            self.keys[event.key()]()
            return True
        return super().eventFilter(obj, event)

    def current(self) -> AgendaItem | None:
        item = self.tree.currentItem()
        return item.data(0, ITEM_ROLE) if item is not None else None

    def _emit(self, signal) -> None:
        item = self.current()
        if item is not None:
            signal.emit(item)

    def _snooze(self, days: int) -> None:
        item = self.current()
        if item is not None:
            self.snooze_item.emit(item, days)

    def _update_buttons(self) -> None:
        item = self.current()
        for b in (self.log_button, self.snooze_button, self.done_button):
            b.setEnabled(item is not None)
        self.reschedule_button.setEnabled(item is not None and item.movable)

    def show_items(self, items: list[AgendaItem], today: date) -> None:
        self.today = today
        self.heading.setText(arg(self.tr("Today — %1"), long_date(today)))
        selected = self.current()
        self.tree.clear()
        week_end = today + timedelta(days=6 - today.weekday())
        groups = [
            (self.tr("Overdue"), [i for i in items if i.date < today], True),
            (self.tr("Today"), [i for i in items if i.date == today], True),
            (self.tr("This week"), [i for i in items if today < i.date <= week_end], True),
            (self.tr("Later"), [i for i in items if i.date > week_end], False),
        ]
        bold = QFont()
        bold.setBold(True)
        reselect = None
        icons = {kind: icon(name) for kind, name in KIND_ICONS.items()}
        broken = icon("broken", OVERDUE.name())
        overdue_brush, stale_brush = QBrush(OVERDUE), QBrush(STALE)
        for title, members, expanded in groups:
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(members)})"])
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for it in members:
                care = it.kind in ("birthday", "anniversary", "festival", "renewal")
                what = it.title if care else f"{kind_label(it.kind)}: {it.title}"
                row = QTreeWidgetItem(group, [what,
                                              it.account or "", it.contact or "",
                                              it.date.isoformat()])
                row.setData(0, ITEM_ROLE, it)
                row.setIcon(0, icons.get(it.kind) or icons["birthday"])
                tip = [long_date(it.date)]
                if it.lead_days:
                    tip.append(self.tr("%n day(s) ahead to prepare", "", it.lead_days))
                row.setToolTip(0, "\n".join(tip))
                if it.date < today:
                    row.setForeground(3, overdue_brush if it.overdue else stale_brush)
                    if it.overdue:
                        row.setIcon(0, broken)
                elif it.lead_days and (it.date - today).days <= it.lead_days:
                    row.setForeground(3, stale_brush)
                if selected is not None and it.key == selected.key:
                    reselect = row
            group.setExpanded(expanded)
        self.empty.setVisible(not items)
        self.tree.setVisible(bool(items))
        if reselect is not None:
            self.tree.setCurrentItem(reselect)
        self._update_buttons()
