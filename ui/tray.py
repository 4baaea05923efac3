"""Tray icon with the count of overdue and today's items, and desktop notifications
at start and at a chosen time of day (Settings)."""

from __future__ import annotations


from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from ui.colors import OVERDUE
from ui.icons import app_icon
from ui.text import arg
from keyaccounts.domain import clock

NOTIFY_TIME_KEY = "notify/time"
DEFAULT_NOTIFY_TIME = "09:00"


def badge_icon(count: int) -> QIcon:
    base = app_icon().pixmap(64, 64)
    if count <= 0:
        return QIcon(base)
    pixmap = QPixmap(base)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(OVERDUE)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRect(28, 0, 36, 36))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(22 if count < 100 else 16)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRect(28, 0, 36, 36), Qt.AlignmentFlag.AlignCenter,
                     str(count) if count < 1000 else "999")
    painter.end()
    return QIcon(pixmap)


class Tray(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.counts = (0, 0)
        self.notified_at_start = False
        self.last_notified: str | None = None
        self.icon: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.icon = QSystemTrayIcon(app_icon(), self)
            menu = QMenu(window)
            menu.addAction(self.tr("Show KeyAccounts"), self._show_window)
            menu.addAction(self.tr("Quick log…"), window.quick_log)
            menu.addSeparator()
            menu.addAction(self.tr("Quit"), window.close)
            self.icon.setContextMenu(menu)
            self.icon.activated.connect(self._activated)
            self.icon.show()
        self.timer = QTimer(self, interval=30_000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def text(self) -> str:
        overdue, today = self.counts
        return arg(self.tr("%1 overdue, %2 due today"), overdue, today)

    def update_counts(self, overdue: int, today: int) -> None:
        self.counts = (overdue, today)
        if self.icon is not None:
            self.icon.setToolTip("KeyAccounts — " + self.text())
            self.icon.setIcon(badge_icon(overdue + today))
        if not self.notified_at_start:
            self.notified_at_start = True
            self.notify()

    def notify(self) -> bool:
        if self.icon is None or not self.icon.supportsMessages() or sum(self.counts) == 0:
            return False
        self.icon.showMessage(self.tr("KeyAccounts — today"), self.text(),
                              QSystemTrayIcon.MessageIcon.Information, 10_000)
        return True

    def _tick(self) -> None:
        wanted = self.window.settings.value(NOTIFY_TIME_KEY, DEFAULT_NOTIFY_TIME)
        now = clock.now()
        stamp = now.strftime("%Y-%m-%d ") + str(wanted)
        if now.strftime("%H:%M") == wanted and self.last_notified != stamp:
            self.last_notified = stamp
            self.window.reload()
            QTimer.singleShot(2000, self.notify)

    def _activated(self, reason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self._show_window()

    def _show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
