"""One instance per database: a second start brings the running window to the front.

A QLockFile guards the database; a QLocalServer in the running instance hears a
second start and raises its window. A lock left by a crashed process is stale
(its process is gone) and is taken over.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QDir, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket


def instance_key(db_path: Path) -> str:
    digest = hashlib.sha1(str(Path(db_path).resolve()).encode()).hexdigest()[:16]
    return f"keyaccounts-{digest}"


class SingleInstance(QObject):
    activated = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.key = instance_key(db_path)
        self.lock = QLockFile(QDir.temp().filePath(self.key + ".lock"))
        self.lock.setStaleLockTime(0)  # only a dead owner makes it stale
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True if this is the only instance (a stale lock is recovered)."""
        if not self.lock.tryLock(200):
            if self.lock.error() == QLockFile.LockError.LockFailedError:
                return False
            self.lock.removeStaleLockFile()
            if not self.lock.tryLock(200):
                return False
        QLocalServer.removeServer(self.key)  # a server left by a crash
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._incoming)
        self.server.listen(self.key)
        return True

    def _incoming(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.waitForReadyRead(500)
            socket.readAll()
            socket.disconnectFromServer()
            self.activated.emit()

    def notify_running(self) -> bool:
        """Ask the running instance to come to the front."""
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if not socket.waitForConnected(1000):
            return False
        socket.write(b"activate\n")
        socket.waitForBytesWritten(1000)
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()
