"""The keyboard shortcuts (F1): every action's keys, and the agenda's own."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableView, QVBoxLayout

from ui.widgets.tables import tab_leaves


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        model = QStandardItemModel(0, 2, self)
        model.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        for text, keys in rows:
            model.appendRow([QStandardItem(text), QStandardItem(keys)])
        view = tab_leaves(QTableView(self))
        view.setModel(model)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.resize(480, 520)


# Keys the quick log and the agenda handle themselves (no action of the window's).
OWN_KEYS = (
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Save the quick log"), "Ctrl+Enter"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Agenda: log the item"), "Enter"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Agenda: reschedule the item"), "R"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Agenda: snooze the item a day"), "S"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Agenda: mark the item done"), "D"),
    (QT_TRANSLATE_NOOP("ShortcutsDialog", "Agenda: open or close a group, on its heading"),
     QT_TRANSLATE_NOOP("ShortcutsDialog", "Enter, Space")),
)


def shortcut_rows(actions) -> list[tuple[str, str]]:
    """(what, keys) for each of *actions* that has keys, then :data:`OWN_KEYS`."""
    from PySide6.QtGui import QKeySequence

    rows = []
    for a in actions:
        keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                         for k in a.shortcuts())
        if keys:
            rows.append((a.text().replace("&", "").rstrip("…"), keys))
    translate = QCoreApplication.translate
    for what, keys in OWN_KEYS:
        what = translate("ShortcutsDialog", what)  # strings marked with QT_TRANSLATE_NOOP
        keys = translate("ShortcutsDialog", keys)  # strings marked with QT_TRANSLATE_NOOP
        rows.append((what, keys))
    return rows
