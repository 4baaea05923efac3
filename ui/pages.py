"""The Today page and the pages that later issues fill in."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from keyaccounts.views import FollowUpView
from ui.account_view import OVERDUE
from ui.icons import icon
from ui.text import arg


class PlaceholderPage(QWidget):
    def __init__(self, title: str, text: str, parent=None):
        super().__init__(parent)
        heading = QLabel(title, self)
        heading.setObjectName("pageTitle")
        body = QLabel(text, self)
        body.setObjectName("emptyState")
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(body, 1)


class TodayPage(QWidget):
    """What is overdue, due today, this week and later on the chain."""

    open_account = Signal(str, int)  # account name, follow-up id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.heading = QLabel(self.tr("Today"), self)
        self.heading.setObjectName("pageTitle")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Follow-up"), self.tr("Account"), self.tr("Due")])
        self.tree.setUniformRowHeights(True)
        self.tree.header().resizeSection(0, 420)
        self.tree.header().resizeSection(1, 220)
        self.empty = QLabel(self.tr(
            "Nothing is due. Log each visit or call with Ctrl+L and leave next steps with due "
            "dates: they appear here when they are due."), self)
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.note = QLabel(self.tr(
            "Planned visits by cadence, birthdays and festivals will join this agenda."), self)
        self.note.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.note)
        self.tree.itemActivated.connect(self._activated)

    def show_followups(self, followups: list[FollowUpView], today: date) -> None:
        day = QLocale().toString(QDate(today.year, today.month, today.day),
                                 QLocale.FormatType.LongFormat)
        self.heading.setText(arg(self.tr("Today — %1"), day))
        self.tree.clear()
        week_end = today + timedelta(days=6 - today.weekday())
        groups = [
            (self.tr("Overdue"), [f for f in followups if f.due < today]),
            (self.tr("Today"), [f for f in followups if f.due == today]),
            (self.tr("This week"), [f for f in followups if today < f.due <= week_end]),
            (self.tr("Later"), [f for f in followups if f.due > week_end]),
        ]
        bold = QFont()
        bold.setBold(True)
        for title, items in groups:
            group = QTreeWidgetItem(self.tree, [f"{title} ({len(items)})"])
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            for f in items:
                item = QTreeWidgetItem(group, [f.text, f.account, f.due.isoformat()])
                item.setData(0, Qt.ItemDataRole.UserRole, (f.account, f.id))
                if f.due < today:
                    item.setIcon(0, icon("broken", OVERDUE.name()))
                    item.setForeground(2, QBrush(OVERDUE))
            group.setExpanded(title != self.tr("Later"))
        self.empty.setVisible(not followups)
        self.tree.setVisible(bool(followups))

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if data:
            self.open_account.emit(*data)
