"""The outbox (issue 17): what was written offline and not yet sent, and each conflict
with what was written and what the server has. A conflict is settled by the person,
never silently: apply it anyway (where the rules allow), re-attach it to what the server
has now, or keep it as a note on the account. "Send now" replays and refreshes.

Every action is a service call (services.outbox) run by the window's operations.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from keyaccounts.domain import formats
from keyaccounts.services import outbox
from ui.operations import EVERYTHING
from ui.text import arg
from ui.widgets.tables import tab_leaves


class ConflictsDialog(QDialog):
    def __init__(self, ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.entries: list[outbox.EntryView] = []
        self.setWindowTitle(self.tr("Outbox"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels([self.tr("Written"), self.tr("State"),
                                              self.tr("What you wrote"),
                                              self.tr("What the server has")])
        self.view = tab_leaves(QTableView(self))
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.apply_button = QPushButton(self.tr("&Apply anyway"), self)
        self.reattach_button = QPushButton(self.tr("&Re-attach"), self)
        self.note_button = QPushButton(self.tr("Keep as a &note"), self)
        self.send_button = QPushButton(self.tr("&Send now"), self)
        for button, how in ((self.apply_button, "apply"), (self.reattach_button, "reattach"),
                            (self.note_button, "note")):
            button.setToolTip({
                "apply": self.tr("Apply what you wrote on the server as it is, where the "
                                 "rules allow it"),
                "reattach": self.tr("Apply it to what the server has now: e.g. log the "
                                    "interaction but leave the follow-up settled meanwhile"),
                "note": self.tr("Keep what you wrote as a note on the account"),
            }[how])
            button.clicked.connect(lambda _c=False, how=how: self.resolve(how))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        # Keys beside the mnemonics (which some platforms leave out).
        for button, keys in ((self.apply_button, "Ctrl+Shift+Return"),
                             (self.reattach_button, "Ctrl+R"), (self.note_button, "Ctrl+N"),
                             (self.send_button, "Ctrl+S")):
            button.setToolTip(arg(self.tr("%1 (%2)"), button.toolTip() or button.text()
                                  .replace("&", ""), QKeySequence(keys).toString(
                                      QKeySequence.SequenceFormat.NativeText)))
            QShortcut(QKeySequence(keys), self, activated=button.click,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.send_button.clicked.connect(self.send)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.resize(860, 420)
        self.reload()

    def reload(self) -> None:
        self.ops.query(outbox.entries_of, self.fill)

    def fill(self, entries: list[outbox.EntryView]) -> None:
        self.entries = entries
        self.model.removeRows(0, self.model.rowCount())
        for e in entries:
            if e.state == "conflict":
                state = self.tr("Conflict")
                server = "\n".join(outbox.conflict_message(c) for c in e.conflicts)
            else:
                state = self.tr("Not yet sent")
                server = (arg(self.tr("Waits for entry %1"), e.waits_for)
                          if e.waits_for is not None else "")
            self.model.appendRow([QStandardItem(formats.date_time(e.created_at)),
                                  QStandardItem(state), QStandardItem(e.description),
                                  QStandardItem(server)])
        self.view.resizeRowsToContents()
        conflicts = sum(1 for e in entries if e.state == "conflict")
        self.summary.setText(self.tr("Nothing waits to be sent.") if not entries else arg(
            self.tr("%1 written offline, not yet on the server; %2 in conflict: choose for "
                    "each what to do."), len(entries) - conflicts, conflicts))
        if entries:
            first = next((n for n, e in enumerate(entries) if e.state == "conflict"), 0)
            self.view.selectRow(first)
            self.view.setCurrentIndex(self.model.index(first, 0))
        self.view.setFocus()
        self._enable()

    def current(self) -> outbox.EntryView | None:
        row = self.view.currentIndex().row()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def _enable(self) -> None:
        entry = self.current()
        conflicted = entry is not None and entry.state == "conflict"
        for button in (self.apply_button, self.reattach_button, self.note_button):
            button.setEnabled(conflicted)

    def resolve(self, how: str) -> None:
        entry = self.current()
        if entry is None or entry.state != "conflict":
            return
        self.ops.run(lambda db: outbox.resolve_on(db, entry.id, how), EVERYTHING,
                     done=lambda _r: self.reload())

    def send(self) -> None:
        self.ops.run(outbox.sync_connection, EVERYTHING, done=self._sent)

    def _sent(self, result) -> None:
        self.reload()
        if result.offline:
            self.summary.setText(result.message)

    def keyPressEvent(self, event) -> None:  # noqa: N802 — Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.view.hasFocus():
            return  # Enter in the list chooses nothing by itself
        super().keyPressEvent(event)
