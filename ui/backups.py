"""Automatic backups while the app runs: at start, every 30 minutes and on close, each
time only if the data has changed since the last backup (the app's own snapshots and
its closing are no change). Thinned as keyaccounts.storage.backup says."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from keyaccounts.storage import backup

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
        path, key = Path(self.db.path), self.db.passphrase
        if wait:
            backup.backup_if_changed(path, passphrase=key)
        else:
            self.worker.submit(lambda: backup.backup_if_changed(path, passphrase=key))

    def on_close(self) -> None:
        self.backup_now(wait=True)
