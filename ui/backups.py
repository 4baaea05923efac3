"""Automatic backups while the app runs: at start, every 30 minutes and on close, each
time only if the data has changed since the last backup (the app's own snapshots and
its closing are no change). Thinned as keyaccounts.storage.backup says."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from keyaccounts.services import datafile

INTERVAL_MS = 30 * 60 * 1000


class AutoBackup(QObject):
    def __init__(self, db, worker, parent=None):
        super().__init__(parent)
        self.db = db
        self.worker = worker
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.backup_now)
        self.timer.start()
        self.backup_now()  # what another program changed while the app was closed

    def backup_now(self, wait: bool = False) -> None:
        db = self.db
        if wait:
            datafile.backup_if_changed(db)
        else:
            self.worker.submit(lambda: datafile.backup_if_changed(db))

    def on_close(self) -> None:
        self.backup_now(wait=True)
