"""The status bar's word on a team connection (issue 17): "Offline since …", "N not yet
sent", "N in conflict"; a click (or Enter) opens the outbox's conflicts.

Nothing shows for a single-user file. The state is read on the worker through
services.outbox.status, after every operation that wrote (the window connects
Operations.changed to :meth:`OfflineIndicator.refresh`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from keyaccounts.domain import formats
from keyaccounts.services import outbox
from ui.text import arg


class OfflineIndicator(QToolButton):
    def __init__(self, ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.status: outbox.OfflineStatus | None = None
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.clicked.connect(self.open_outbox)
        self.hide()

    def refresh(self, *_changes) -> None:
        """Read the connection's offline state on the worker, then show it."""
        self.ops.query(outbox.status, self.show_status, failed=lambda _e: None)

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
