"""Automatic backups while the app runs: on the first start of each day, every 30
minutes while there are changes, and on close. Thinned as keyaccounts.backup says."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from keyaccounts import backup

INTERVAL_MS = 30 * 60 * 1000


def last_change(db_path: Path) -> float:
    """When the database last changed on disk (a commit touches the WAL file)."""
    stamps = [os.path.getmtime(p) for p in (db_path, Path(f"{db_path}-wal")) if p.exists()]
    return max(stamps, default=0.0)


class AutoBackup(QObject):
    def __init__(self, db, worker, parent=None):
        super().__init__(parent)
        self.db = db
        self.db_path = Path(db.path)
        self.worker = worker
        existing = backup.list_backups(self.db_path)
        self.last = existing[0][0].timestamp() if existing else 0.0
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.maybe_backup)
        self.timer.start()
        if not existing or existing[0][0].date() < datetime.now().date():
            self.backup_now()  # the first start of the day

    def changed(self) -> bool:
        return last_change(self.db_path) > self.last

    def backup_now(self, wait: bool = False) -> None:
        self.last = datetime.now().timestamp()
        path, key = self.db_path, self.db.passphrase
        if wait:
            backup.backup_and_thin(path, passphrase=key)
        else:
            self.worker.submit(lambda: backup.backup_and_thin(path, passphrase=key))

    def maybe_backup(self) -> None:
        if self.changed():
            self.backup_now()

    def on_close(self) -> None:
        if self.changed():
            self.backup_now(wait=True)
