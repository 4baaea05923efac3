"""The dialogs' common parts: a form with an error line, optional dates, a date picker.

Each dialog validates through the services it calls: a :class:`ValidationError`
is shown in the dialog beside the field it names, and nothing is written.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.domain import clock
from keyaccounts.domain.errors import KeyAccountsError, ValidationError
from ui.style import styled


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


class OptionalDate(QWidget):
    """A date that may be empty: a checkbox and a calendar date edit."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.enabled = QCheckBox(self)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(to_qdate(clock.today()))
        self.edit.setEnabled(False)
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.enabled)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.enabled.isChecked() else None

    def set_value(self, day: date | None) -> None:
        self.enabled.setChecked(day is not None)
        if day is not None:
            self.edit.setDate(to_qdate(day))


class FormDialog(QDialog):
    """A dialog with a form, an error line and OK / Cancel; Ctrl+Enter accepts."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.form = QFormLayout()
        self.error = QLabel(self)
        styled(self.error, "errorLine")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {}

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.accept()
            return
        super().keyPressEvent(event)

    def show_error(self, exc: KeyAccountsError) -> None:
        self.error.setText(str(exc))
        self.error.show()
        if isinstance(exc, ValidationError):
            widget = self.fields.get(exc.field)
            if widget is not None:
                widget.setFocus()

def pick_date(parent, title: str, initial: date) -> date | None:
    """Ask for a day on a calendar (arrow keys move, Enter accepts); None if cancelled."""
    from PySide6.QtWidgets import QCalendarWidget

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    calendar = QCalendarWidget(dialog)
    calendar.setSelectedDate(to_qdate(initial))
    calendar.setGridVisible(True)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    calendar.activated.connect(lambda _d: dialog.accept())
    layout = QVBoxLayout(dialog)
    layout.addWidget(calendar)
    layout.addWidget(buttons)
    calendar.setFocus()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return from_qdate(calendar.selectedDate())
