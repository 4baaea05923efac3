"""The status bar's word on a team connection (issue 17): "Offline since …", "N not yet
sent", "N in conflict"; a click (or Enter) opens the outbox's conflicts.

Nothing shows for a single-user file. The state is read on the worker through
services.outbox.status, after every operation that wrote (the window connects
Operations.changed to :meth:`OfflineIndicator.refresh`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QToolButton

from keyaccounts.domain import formats
from keyaccounts.services import outbox
from ui.operations import EVERYTHING
from ui.text import arg


POLL_MS = 60_000  # how often a team connection tries to send what waits


def install(window) -> OfflineIndicator:
    """Put the indicator in *window*'s status bar (a window with ``ops``): refreshed after
    each operation that wrote; online, what waits in the outbox is sent at once and then
    every minute; offline, every minute the server is tried again, and when it answers
    the outbox is sent and the copy refreshed."""
    indicator = OfflineIndicator(window.ops, window)
    window.statusBar().addPermanentWidget(indicator)
    window.ops.changed.connect(indicator.refresh)
    indicator.timer = QTimer(indicator)
    indicator.timer.setInterval(POLL_MS)
    indicator.timer.timeout.connect(indicator.poll)
    indicator.timer.start()
    indicator.refresh(then_poll=True)
    return indicator


class OfflineIndicator(QToolButton):
    def __init__(self, ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.timer: QTimer | None = None
        self.sync_worker = None  # a DbWorker of its own, made at the first sync
        self.syncing = False
        self.back = False  # the server answered again while the app works on its copy
        self.status: outbox.OfflineStatus | None = None
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.clicked.connect(self.open_outbox)
        self.hide()

    def refresh(self, *_changes, then_poll: bool = False) -> None:
        """Read the connection's offline state on the worker, then show it."""
        if self.status is not None and not self.status.team:
            return  # a file of this computer's: nothing to show, after any change either

        def shown(status):
            self.show_status(status)
            if then_poll:
                self.poll()

        self.ops.query(outbox.status, shown, failed=lambda _e: None)

    def poll(self) -> None:
        """Send what waits (online), or try the server again (offline)."""
        status = self.status
        if status is None or not status.team:
            return
        # On a worker of its own: a first copy of a whole team takes a while, and the
        # window's pages read on theirs meanwhile.
        db = self.ops.db
        if self.syncing:
            return
        if status.offline:
            work, done = (lambda: outbox.send_from_copy(db)), self._sent_from_copy
        elif status.pending or status.since is None:
            work, done = (lambda: outbox.sync_connection(db)), self._sent_from_copy
        else:
            return
        if self.sync_worker is None:
            from ui.worker import DbWorker

            self.sync_worker = DbWorker(self)
        self.syncing = True
        self.sync_worker.submit(work, done, lambda _e: self._sent_from_copy(None))

    def _sent_from_copy(self, result) -> None:
        self.syncing = False
        if result is not None and not result.offline:
            self.back = self.status is not None and self.status.offline
            if result.sent or result.already or self.back:
                self.ops.changed.emit(EVERYTHING)  # the server, or the copy, changed
        self.refresh()

    def show_status(self, status: outbox.OfflineStatus) -> None:
        self.status = status
        parts = []
        if status.offline and self.back:
            parts.append(self.tr("Team server reachable again: reopen to work on it"))
        elif status.offline:
            since = (formats.date_time(status.since) if status.since is not None
                     else self.tr("never refreshed"))
            parts.append(arg(self.tr("Offline since %1"), since))
        if status.pending:
            parts.append(self.tr("%n not yet sent", "", status.pending))
        if status.conflicts:
            parts.append(self.tr("%n in conflict", "", status.conflicts))
        self.setText(" · ".join(parts))
        self.setToolTip(self.tr("Changes made offline: open the outbox to send them or "
                                "settle conflicts") if parts else "")
        self.setVisible(status.team and bool(parts))

    def open_outbox(self) -> None:
        from ui.dialogs.conflicts import ConflictsDialog

        dialog = ConflictsDialog(self.ops, self.window())
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog
