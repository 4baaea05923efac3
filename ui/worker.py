"""One background thread for database reads, as Anki runs its collection work.

``submit(fn, on_done)`` runs ``fn()`` on the worker and calls ``on_done(result)``
back on the GUI thread; failures go to ``on_error`` (by default a message box
with the error's own words).  Work runs in submission order.  Long work shows a
progress dialog, but only after 600 ms, so quick work never flashes one.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

from keyaccounts.domain.errors import KeyAccountsError

PROGRESS_DELAY_MS = 600


class _Relay(QObject):
    finished = Signal(object, object, object)  # callback, result, error


class DbWorker(QObject):
    """A plain Python thread takes the jobs in order; results come back by a queued signal.

    (Not QThreadPool + QRunnable.create: PySide kept wrappers of the runnables the pool
    had deleted, and later handed one out for a new Qt object at the same address.)
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs: queue.Queue = queue.Queue()
        self._relay = _Relay(self)
        # Emitted on the worker's thread only: Qt queues it to this (the GUI) thread.
        self._relay.finished.connect(self._deliver)
        self.pending = 0
        self._go = threading.Event()  # cleared: jobs wait (see hold)
        self._go.set()
        self._started = False  # the thread starts with the first job it may run

    def _start(self) -> None:
        if not self._started:
            self._started = True
            threading.Thread(target=self._loop, name="keyaccounts-db", daemon=True).start()

    def hold(self, timeout_ms: int) -> None:
        """Keep queued jobs from starting until :meth:`release`, or for *timeout_ms* at
        most: the first paint need not share the interpreter with the worker's imports."""
        self._go.clear()
        QTimer.singleShot(timeout_ms, self.release)

    def release(self) -> None:
        self._go.set()
        if self._jobs.unfinished_tasks:
            self._start()

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            self._go.wait()
            try:
                job()
            finally:
                self._jobs.task_done()

    def submit(self, fn: Callable[[], object], on_done: Callable[[object], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None,
               progress: tuple[QWidget, str] | None = None,
               cancel: threading.Event | None = None) -> None:
        """Run *fn* on the worker. With *progress* (parent, label), a progress window
        shows if it takes more than 600 ms; with *cancel* too, that window has a Cancel
        button that sets the event, for *fn* to stop at its next check."""
        self.pending += 1
        dialog = None
        if progress is not None:
            parent, label = progress
            from PySide6.QtWidgets import QProgressDialog

            button = QCoreApplication.translate("DbWorker", "Cancel") if cancel else None
            dialog = QProgressDialog(label, button, 0, 0, parent)
            dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(PROGRESS_DELAY_MS)
            if cancel is not None:
                dialog.canceled.connect(cancel.set)
            dialog.setValue(0)

        def done(result, error):
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()
            if error is not None:
                (on_error or self.show_error)(error)
            elif on_done is not None:
                on_done(result)

        relay = self._relay

        def run():
            try:
                result, error = fn(), None
            except BaseException as exc:  # delivered to the GUI thread
                result, error = None, exc
            relay.finished.emit(done, result, error)

        self._jobs.put(run)
        if self._go.is_set():
            self._start()

    def _deliver(self, callback, result, error) -> None:
        self.pending -= 1
        callback(result, error)

    def wait(self, timeout_ms: int = 30_000) -> None:
        """Block until queued work has run and its results are delivered (tests, closing)."""
        deadline = time.monotonic() + timeout_ms / 1000
        # Results may queue more work (the Today page asks for health once painted).
        while self.pending and time.monotonic() < deadline:
            if self._jobs.unfinished_tasks:
                time.sleep(0.002)
            QCoreApplication.processEvents()
            QCoreApplication.sendPostedEvents()
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()

    @staticmethod
    def show_error(error: BaseException) -> None:
        import traceback

        from PySide6.QtWidgets import QMessageBox

        if isinstance(error, KeyAccountsError):
            text = str(error)
        else:
            text = "".join(traceback.format_exception_only(type(error), error)).strip()
        parent = QCoreApplication.instance().activeWindow() if QCoreApplication.instance() else None
        box = QMessageBox(QMessageBox.Icon.Warning,
                          QCoreApplication.translate("DbWorker", "KeyAccounts"), text,
                          QMessageBox.StandardButton.Ok, parent)
        QTimer.singleShot(0, box.open)
