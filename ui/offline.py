"""The status bar's word on a team connection (issue 17): "Offline since …", "N not yet
sent", "N in conflict"; a click (or Enter) opens the outbox's conflicts.

Nothing shows for a single-user file. The state is read on the worker through
services.outbox.status, after every operation that wrote (the window connects
Operations.changed to :meth:`OfflineIndicator.refresh`).

Every minute the connection is checked (services.outbox.check_connection): the server
no longer answering, the window goes on with the local copy, offline; the server
answering again, the outbox is sent, the copy refreshed, and the window goes back to the
server. Either way :attr:`OfflineIndicator.switch_to` hands the window its new
database, without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QToolButton

from keyaccounts.domain import formats
from keyaccounts.services import outbox
from ui.operations import EVERYTHING
from ui.text import arg


POLL_MS = 60_000  # how often a team connection tries to send what waits


def install(window) -> OfflineIndicator:
    """Put the indicator in *window*'s status bar (a window with ``ops`` and
    ``use_database``): refreshed after each operation that wrote; online, what waits in
    the outbox is sent at once and then every minute, and the window goes on with the
    copy when the server no longer answers; offline, every minute the server is tried
    again, and when it answers the outbox is sent, the copy refreshed and the window
    goes back to the server."""
    indicator = OfflineIndicator(window.ops, window)
    window.statusBar().addPermanentWidget(indicator)
    window.ops.changed.connect(indicator.refresh)
    window.ops.failed.connect(indicator.failed)
    indicator.switch_to.connect(window.use_database)
    indicator.timer = QTimer(indicator)
    indicator.timer.setInterval(POLL_MS)
    indicator.timer.timeout.connect(indicator.poll)
    indicator.timer.start()
    indicator.refresh(then_poll=True)
    return indicator


class OfflineIndicator(QToolButton):
    switch_to = Signal(object)  # the database the window works on from now on

    def __init__(self, ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.timer: QTimer | None = None
        self.sync_worker = None  # a DbWorker of its own, made at the first sync
        self.syncing = False
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
        """Check the connection: send what waits (online), go on with the copy (the
        server no longer answers), go back to the server (it answers again)."""
        status = self.status
        if status is None or not status.team or self.syncing:
            return
        # On a worker of its own: a first copy of a whole team takes a while, and the
        # window's pages read on theirs meanwhile.
        db = self.ops.db
        send = bool(status.pending) or status.since is None
        if self.sync_worker is None:
            from ui.worker import DbWorker

            self.sync_worker = DbWorker(self)
        self.syncing = True
        self.sync_worker.submit(lambda: outbox.check_connection(db, send=send), self._checked,
                                lambda _e: self._checked(None))

    def failed(self, error: BaseException) -> None:
        """An operation failed: the server out of reach, the connection is checked now,
        not in a minute (the window goes on with the copy)."""
        status = self.status
        if status is not None and status.team and not status.offline and \
                outbox.out_of_reach(error):
            self.poll()

    def _checked(self, checked) -> None:
        self.syncing = False
        if checked is not None and checked.switch_to is not None:
            self.status = None
            self.switch_to.emit(checked.switch_to)  # the window reloads everything
        elif checked is not None and checked.result is not None and not checked.result.offline:
            if checked.result.sent or checked.result.already:
                self.ops.changed.emit(EVERYTHING)  # the server changed
        self.refresh()

    def show_status(self, status: outbox.OfflineStatus) -> None:
        self.status = status
        parts = []
        if status.offline:
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
