"""The calendar kept up to date by itself: after each change to the agenda (and once at
start), when Settings ▸ Calendar names a calendar whose password the system keyring
keeps (or that needs none), the agenda is published again (keyaccounts.io.publish).

The agenda is read on the worker, as every read is; the calendar is written on a thread
of its own, so a slow or absent server never holds up the app. Changes that come while a
publish runs make one more publish after it. The outcome shows in the status bar;
nothing is asked, and a failure only says why (Settings ▸ Calendar ▸ Publish now shows
it in full).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from keyaccounts.domain.errors import KeyAccountsError

DAYS = 90  # as Publish now and `calendar publish`
DELAY_MS = 2000  # a burst of changes (a quick log and its follow-ups) makes one publish


def _prepare(db):
    """(target, password, agenda items, start), or None when nothing is to be published."""
    from keyaccounts.domain import clock
    from keyaccounts.io import publish
    from keyaccounts.services import planner

    config = publish.load_config(db)
    target = config.target
    if target is None:
        return None
    password = None
    if target.user:
        password = publish.stored_password(target) if config.keyring else None
        if not password:
            return None  # asked for each time: published only when the user says so
    start = clock.today()
    return target, password, planner.agenda(db, start, DAYS), start


class AutoPublish(QObject):
    finished = Signal(object)  # Published, an exception, or None: from the publishing thread
    done = Signal(object)      # the same, once handled on the GUI thread

    def __init__(self, ops, window, delay_ms: int = DELAY_MS):
        super().__init__(window)
        self.ops, self.window = ops, window
        self.busy = self.again = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.start)
        self.finished.connect(self._finished)
        ops.changed.connect(self._changed)
        self.timer.start()

    def _changed(self, changes) -> None:
        if changes.agenda:
            self.timer.start()

    def start(self) -> None:
        if self.busy:
            self.again = True
            return
        self.busy = True
        self.ops.query(_prepare, self._publish, failed=self._finished)

    def _publish(self, prepared) -> None:
        if prepared is None:
            self._finished(None)
            return
        target, password, items, start = prepared

        def run() -> None:
            from keyaccounts.io import publish

            try:
                result = publish.publish(target, password, items, start)
            except Exception as exc:  # shown in the status bar, never a traceback
                result = exc
            try:
                self.finished.emit(result)
            except RuntimeError:  # the window has closed meanwhile
                pass

        threading.Thread(target=run, name="keyaccounts-calendar", daemon=True).start()

    def _finished(self, result) -> None:
        self.busy = False
        bar = self.window.statusBar() if hasattr(self.window, "statusBar") else None
        if isinstance(result, BaseException):
            text = str(result) if isinstance(result, KeyAccountsError) else \
                f"{type(result).__name__}: {result}"
            if bar is not None:
                bar.showMessage(self.tr("Calendar not updated: %1").replace("%1", text), 15000)
        elif result is not None and (result.added or result.updated or result.deleted):
            if bar is not None:
                bar.showMessage(self.tr("Calendar updated: %1 added, %2 updated, %3 removed.")
                                .replace("%1", str(result.added))
                                .replace("%2", str(result.updated))
                                .replace("%3", str(result.deleted)), 5000)
        self.done.emit(result)
        if self.again:
            self.again = False
            self.timer.start()
