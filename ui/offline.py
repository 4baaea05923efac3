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
        self.back = False  # the server answered again while the app works on its copy
        self.status: outbox.OfflineStatus | None = None
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.clicked.connect(self.open_outbox)
        self.hide()

    def refresh(self, *_changes, then_poll: bool = False) -> None:
        """Read the connection's offline state on the worker, then show it."""
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
        if status.offline:
            self.ops.query(outbox.send_from_copy, self._sent_from_copy, failed=lambda _e: None)
        elif status.pending or status.since is None:
            self.ops.run(outbox.sync_connection, EVERYTHING, done=lambda _r: self.refresh(),
                         failed=lambda _e: self.refresh())

    def _sent_from_copy(self, result) -> None:
        if result is not None and not result.offline:
            self.back = True
            self.ops.changed.emit(EVERYTHING)  # the copy was refreshed
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
