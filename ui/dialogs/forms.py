"""The dialogs' common parts: a form with an error line, date fields, a date picker.

Each dialog validates through the services it calls: a :class:`ValidationError`
is shown in the dialog beside the field it names, and nothing is written.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.domain import clock, formats
from keyaccounts.domain.dates import parse_date
from keyaccounts.domain.errors import KeyAccountsError, ValidationError
from keyaccounts.domain.text import visible
from ui.colors import OVERDUE
from ui.style import styled


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(qd: QDate) -> date:
    return date(qd.year(), qd.month(), qd.day())


class DateField(QWidget):
    """A date typed as text, with what it means shown beside it as it is typed.

    Every date field of the app is one: it takes what
    :func:`keyaccounts.domain.dates.parse_date` takes (``2027-06-30``, ``20270630``,
    ``6月30日``, ``+3m``, ``next fri``, ``下周五``), counted from *base()* (today if not
    given). An *optional* field left empty is no date.
    """

    def __init__(self, base=None, parent=None, placeholder: str = "", optional: bool = False):
        super().__init__(parent)
        self.base = base or clock.today  # callable giving the day relative dates count from
        self.optional = optional
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(placeholder or self.tr("+2w, next fri, 下周五, 2027-03-05"))
        self.meaning = QLabel(self)
        self.meaning.setMinimumWidth(90)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.meaning)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self.refresh)

    def refresh(self) -> None:
        text = self.edit.text().strip()
        if not text:
            self.meaning.setText("")
            return
        try:
            day = parse_date(text, self.base())
            self.meaning.setText(formats.short_date(day, clock.today()))
            self.meaning.setStyleSheet("")
        except ValidationError:
            self.meaning.setText(self.tr("?"))
            self.meaning.setStyleSheet(f"color: {OVERDUE.name()}")

    def value(self, field: str = "date") -> date | None:
        """The day typed (None if an optional field is empty); ValidationError naming
        *field* if the text is no date."""
        if self.optional and not self.edit.text().strip():
            return None
        return parse_date(self.edit.text(), self.base(), field)

    def set_value(self, day: date | None) -> None:
        self.edit.setText(day.isoformat() if day else "")


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
        self._watched: list[QWidget] = []  # fields whose change clears the error line

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.accept()
            return
        super().keyPressEvent(event)

    def first_field(self) -> QWidget | None:
        """The form's first field that takes typing (row order): where the focus starts."""
        for row in range(self.form.rowCount()):
            item = self.form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            widget = item.widget() if item is not None else None
            target = widget.focusProxy() or widget if widget is not None else None
            if target is not None and widget.isEnabled() and not widget.isHidden() and (
                    target.focusPolicy() & Qt.FocusPolicy.TabFocus):
                return widget
        return None

    def showEvent(self, event):
        super().showEvent(event)
        # The buttons are made before the fields, so Qt would start on OK: a name typed
        # at once would lose its first word and its space would press OK.
        for row in range(self.form.rowCount()):
            # A label's mnemonic (Alt+N) focuses its buddy only if that takes focus itself:
            # a compound field (a date, a birthday) hands it to the editor it shows.
            label = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = label.widget() if label is not None else None
            if isinstance(label, QLabel) and label.buddy() is not None and \
                    label.buddy().focusProxy() is not None:
                label.setBuddy(label.buddy().focusProxy())
        first, focused = self.first_field(), self.focusWidget()
        if first is not None and (focused is None or focused in self.buttons.buttons()):
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def field_label(self, field: str) -> str:
        """The label of the form row showing *field* (without its mnemonic and colon);
        the field's key if no row shows it."""
        widget = self.fields.get(field)
        label = self.form.labelForField(widget) if widget is not None else None
        if not isinstance(label, QLabel):
            return field
        return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&") \
            .rstrip().rstrip(":：")

    def show_error(self, exc: KeyAccountsError) -> None:
        """Show *exc* under the form; a ValidationError names the field by its label,
        puts the focus there, and goes away as soon as that field is changed."""
        text = str(exc)
        widget = None
        if isinstance(exc, ValidationError):
            widget = self.fields.get(exc.field)
            if widget is not None:
                name = self.field_label(exc.field)
                if exc.value is not None and exc.value != "":
                    name = f"{name}={visible(str(exc.value))}"
                text = formats.labelled(name, exc.reason)
        self.error.setText(text)
        self.error.show()
        if widget is not None:
            widget.setFocus()
            if widget not in self._watched:
                self._watched.append(widget)
                for signal in _changed_signals(widget):
                    signal.connect(self._clear_error)

    def _clear_error(self, *_args) -> None:
        self.error.hide()
        self.error.clear()


def _changed_signals(widget: QWidget) -> list:
    """The signals by which *widget* (or the editors inside it) says its value changed."""
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QPlainTextEdit

    signals = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if isinstance(w, QLineEdit):
            signals.append(w.textEdited)
        elif isinstance(w, QPlainTextEdit):
            signals.append(w.textChanged)
        elif isinstance(w, QComboBox):
            signals.append(w.currentIndexChanged)
        elif isinstance(w, QAbstractSpinBox):
            signals.append(w.editingFinished)
        elif isinstance(w, QAbstractButton):
            signals.append(w.toggled)
    return signals


def pick_date(parent, title: str, initial: date) -> date | None:
    """Ask for a day on a calendar (arrow keys move, Enter accepts); None if cancelled."""
    from PySide6.QtWidgets import QCalendarWidget

    from ui.labels import first_weekday

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    calendar = QCalendarWidget(dialog)
    calendar.setFirstDayOfWeek(Qt.DayOfWeek(first_weekday() + 1))  # as the calendar page
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
