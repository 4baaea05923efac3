"""One instance per database: a second start brings the running window to the front.

A QLockFile guards the database; a QLocalServer in the running instance hears a
second start and raises its window. A lock left by a crashed process is stale
(its process is gone) and is taken over. The lock is taken before anything opens;
the server (QtNetwork) starts listening once the window has painted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCryptographicHash, QLockFile, QObject, QStandardPaths, Signal


def instance_key(db_path: Path) -> str:
    # Qt's SHA-1 (Python's hashlib would load OpenSSL at start-up for this).
    digest = bytes(QCryptographicHash.hash(str(Path(db_path).resolve()).encode(),
                                           QCryptographicHash.Algorithm.Sha1).toHex())
    digest = digest.decode()[:16]
    return f"keyaccounts-{digest}"


class SingleInstance(QObject):
    activated = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.key = instance_key(db_path)
        # QDir.tempPath(), without building QDir's enums at start (the icons have
        # QStandardPaths already).
        temp = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.TempLocation)
        self.lock = QLockFile(str(Path(temp) / f"{self.key}.lock"))
        self.lock.setStaleLockTime(0)  # only a dead owner makes it stale
        self.server = None  # a QLocalServer, once listening

    def acquire(self) -> bool:
        """True if this is the only instance (a stale lock is recovered). Call
        :meth:`listen` next, for a second start to find this one."""
        if not self.lock.tryLock(200):
            if self.lock.error() == QLockFile.LockError.LockFailedError:
                return False
            self.lock.removeStaleLockFile()
            if not self.lock.tryLock(200):
                return False
        return True

    def listen(self) -> None:
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.key)  # a server left by a crash
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._incoming)
        self.server.listen(self.key)

    def _incoming(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.waitForReadyRead(500)
            socket.readAll()
            socket.disconnectFromServer()
            self.activated.emit()

    def notify_running(self) -> bool:
        """Ask the running instance to come to the front."""
        from PySide6.QtNetwork import QLocalSocket

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
