"""The key-contact editor (birthdays solar or lunar) and the "contact left" dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from keyaccounts import services
from keyaccounts.domain.dates import Birthday, make_birthday
from keyaccounts.domain import clock, formats
from keyaccounts.domain.errors import KeyAccountsError, ValidationError
from keyaccounts.domain.views import ContactView
from ui import labels
from ui.dialogs.forms import DateField, FormDialog
from ui.operations import CHAIN, Operations
from ui.text import arg


class _CalendarSpin(QSpinBox):
    """A month or day: a number on the solar calendar, the calendar's own words on the
    lunar one (正月 … 腊月, 初一 … 三十); digits are taken in either."""

    def __init__(self, words, parent=None):
        super().__init__(parent)
        self.words, self.lunar = words, False

    def set_lunar(self, lunar: bool) -> None:
        self.lunar = lunar
        self.lineEdit().setText(self.textFromValue(self.value()))

    def textFromValue(self, value: int) -> str:
        return self.words(value) if self.lunar else super().textFromValue(value)

    def _word_value(self, text: str) -> int | None:
        text = text.strip().removeprefix(self.prefix()).removesuffix(self.suffix()).strip()
        if text.isdigit():
            return int(text)
        return next((v for v in range(self.minimum(), self.maximum() + 1)
                     if self.words(v) == text), None)

    def valueFromText(self, text: str) -> int:
        if not self.lunar:
            return super().valueFromText(text)
        found = self._word_value(text)
        return self.value() if found is None else found

    def validate(self, text: str, pos: int):
        from PySide6.QtGui import QValidator

        if not self.lunar:
            return super().validate(text, pos)
        found = self._word_value(text)
        if found is not None and self.minimum() <= found <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        clean = text.strip().removeprefix(self.prefix()).strip()
        if not clean or clean.isdigit() or any(
                self.words(v).startswith(clean) for v in range(self.minimum(),
                                                               self.maximum() + 1)):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos


class BirthdayEdit(QWidget):
    """Solar or lunar birthday with optional year and leap month; shows the next date."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.calendar = QComboBox(self)
        self.calendar.addItem(self.tr("No birthday"), None)
        self.calendar.addItem(self.tr("Solar (公历)"), "solar")
        self.calendar.addItem(self.tr("Lunar (农历)"), "lunar")
        self.year = QSpinBox(self)
        self.year.setRange(1899, clock.today().year)
        self.year.setSpecialValueText(self.tr("year?"))
        self.year.setValue(1899)
        self.month = _CalendarSpin(formats.lunar_month_name, self)
        self.month.setRange(1, 12)

        self.day = _CalendarSpin(formats.lunar_day_name, self)
        self.day.setRange(1, 31)

        self.leap = QCheckBox(self.tr("leap month (闰月)"), self)
        self.next_label = QLabel(self)
        row = QHBoxLayout()
        for w in (self.calendar, self.year, self.month, self.day, self.leap):
            row.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.next_label)
        for w in (self.calendar,):
            w.currentIndexChanged.connect(self._update)
        for w in (self.year, self.month, self.day):
            w.valueChanged.connect(self._update)
        self.leap.toggled.connect(self._update)
        self.setFocusProxy(self.calendar)
        self._update()

    def set_value(self, b: Birthday | None) -> None:
        if b is None:
            self.calendar.setCurrentIndex(0)
        else:
            self.calendar.setCurrentIndex(2 if b.lunar else 1)
            self.year.setValue(b.year or 1899)
            self.month.setValue(b.month)
            self.day.setValue(b.day)
            self.leap.setChecked(b.leap)
        self._update()

    def value(self) -> Birthday | None:
        kind = self.calendar.currentData()
        if kind is None:
            return None
        year = self.year.value() if self.year.value() > 1899 else None
        return make_birthday(self.month.value(), self.day.value(), year,
                             lunar=kind == "lunar", leap=kind == "lunar" and self.leap.isChecked())

    def _update(self) -> None:
        kind = self.calendar.currentData()
        for w in (self.year, self.month, self.day):
            w.setEnabled(kind is not None)
        self.leap.setEnabled(kind == "lunar")
        self.day.setMaximum(30 if kind == "lunar" else 31)
        for spin, text in ((self.month, self.tr("month %1")), (self.day, self.tr("day %1"))):
            before, _, after = text.partition("%1")  # "month 8" / "8 月"
            lunar = kind == "lunar"  # 冬月, 十五 say what they are
            spin.setPrefix("" if lunar else before)
            spin.setSuffix("" if lunar else after)
            spin.set_lunar(lunar)
        if kind is None:
            self.next_label.setText("")
            return
        try:
            b = self.value()
        except ValidationError as exc:
            self.next_label.setText(exc.reason)
            return
        today = clock.today()
        nxt = b.next_after(today)
        if nxt is None:
            self.next_label.setText(self.tr("Outside the supported lunar years"))
        else:
            when = formats.both_calendars(nxt) if kind == "lunar" else \
                formats.short_date(nxt, today)
            self.next_label.setText(arg(self.tr("Next birthday: %1, %2"), when,
                                        formats.relative_day(nxt, today)))


class ContactDialog(FormDialog):
    def __init__(self, ops: Operations, account_id: int, contact: ContactView | None = None,
                 parent=None):
        super().__init__(parent)
        self.ops, self.account_id, self.contact, self.result_view = ops, account_id, contact, None
        self.mark_left_requested = False
        self.setWindowTitle(self.tr("Edit key contact") if contact else self.tr("New key contact"))
        others = [c for c in ops.read(lambda db: services.list_contacts(db, account_id))
                  if contact is None or c.id != contact.id]
        self.name = QLineEdit(self)
        self.title_edit = QLineEdit(self)
        self.level = QComboBox(self)
        for v in labels.LEVELS:
            self.level.addItem(labels.level(v), v)
        self.role = QComboBox(self)
        for v in labels.ROLES:
            self.role.addItem(labels.role(v), v)
        self.attitude = QComboBox(self)
        for v in labels.ATTITUDES:
            self.attitude.addItem(labels.attitude(v), v)
        self.emails = QLineEdit(self)
        self.emails.setPlaceholderText(self.tr("Separate several with commas"))
        self.phones = QLineEdit(self)
        self.phones.setPlaceholderText(self.tr("Separate several with commas"))
        self.birthday = BirthdayEdit(self)
        self.reports_to = QComboBox(self)
        self.reports_to.addItem(self.tr("(nobody)"), None)
        for c in others:
            self.reports_to.addItem(c.name, c.id)
        self.joined = DateField(parent=self, optional=True,
                                placeholder=self.tr("2019-03-01, -2y; empty if not known"))
        self.private = QPlainTextEdit(self)
        self.private.setPlaceholderText(self.tr(
            "Family, hobbies… only what helps the relationship; kept private."))
        self.private.setMaximumHeight(80)
        self.private.hide()
        self.reveal = QPushButton(self.tr("Show private notes"), self)
        self.reveal.setCheckable(True)
        self.reveal.toggled.connect(self._reveal)
        private_box = QWidget(self)
        pl = QVBoxLayout(private_box)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.reveal, 0, Qt.AlignmentFlag.AlignLeft)
        pl.addWidget(self.private)

        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Title:"), self.title_edit)
        self.form.addRow(self.tr("&Level:"), self.level)
        self.form.addRow(self.tr("&Role:"), self.role)
        self.form.addRow(self.tr("&Attitude:"), self.attitude)
        self.form.addRow(self.tr("&Emails:"), self.emails)
        self.form.addRow(self.tr("&Phones:"), self.phones)
        self.form.addRow(self.tr("&Birthday:"), self.birthday)
        self.form.addRow(self.tr("Reports &to:"), self.reports_to)
        self.form.addRow(self.tr("&Joined:"), self.joined)
        self.form.addRow(self.tr("Private notes:"), private_box)
        self.fields = {"name": self.name, "title": self.title_edit, "level": self.level,
                       "role": self.role, "attitude": self.attitude, "email": self.emails,
                       "phone": self.phones, "birthday": self.birthday,
                       "reports_to": self.reports_to, "joined_on": self.joined}
        if contact:
            self.name.setText(contact.name)
            self.title_edit.setText(contact.title)
            self.level.setCurrentIndex(self.level.findData(contact.level))
            self.role.setCurrentIndex(self.role.findData(contact.role))
            self.attitude.setCurrentIndex(self.attitude.findData(contact.attitude))
            self.emails.setText(", ".join(contact.emails))
            self.phones.setText(", ".join(contact.phones))
            self.birthday.set_value(contact.birthday)
            boss = next((c.id for c in others if c.name == contact.reports_to), None)
            self.reports_to.setCurrentIndex(max(0, self.reports_to.findData(boss)))
            self.joined.set_value(contact.joined)
            self.private.setPlainText(contact.private_notes)
            if contact.left is None:
                left_button = self.buttons.addButton(self.tr("Mark as &left…"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
                left_button.clicked.connect(self._request_left)
            else:
                self.form.addRow(self.tr("Left:"), QLabel(contact.left.isoformat(), self))
        else:
            self.attitude.setCurrentIndex(self.attitude.findData("unknown"))

    def _reveal(self, shown: bool) -> None:
        self.private.setVisible(shown)
        self.reveal.setText(self.tr("Hide private notes") if shown else
                            self.tr("Show private notes"))

    def _request_left(self) -> None:
        self.mark_left_requested = True
        self.accept()

    def accept(self) -> None:
        split = lambda text: [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]
        try:
            fields = dict(title=self.title_edit.text(), level=self.level.currentData(),
                          role=self.role.currentData(), attitude=self.attitude.currentData(),
                          emails=split(self.emails.text()), phones=split(self.phones.text()),
                          birthday=self.birthday.value(), reports_to=self.reports_to.currentData(),
                          joined_on=self.joined.value("joined_on"), private_notes=self.private.toPlainText())
            name, contact, account_id = self.name.text(), self.contact, self.account_id
            if contact:
                self.result_view = self.ops.run_now(lambda db: services.update_contact(
                    db, contact.id, name=name, **fields), CHAIN)
            else:
                self.result_view = self.ops.run_now(lambda db: services.add_contact(
                    db, account_id, name, **fields), CHAIN)
        except KeyAccountsError as exc:
            self.show_error(exc)
            return
        super().accept()


class ContactLeftDialog(FormDialog):
    """Who takes the role of a contact who left; a follow-up to meet them is created."""

    def __init__(self, ops: Operations, contact: ContactView, today: date, parent=None):
        super().__init__(parent)
        self.setWindowTitle(arg(self.tr("%1 has left"), contact.name))
        self.left_on = DateField(lambda: today, self, self.tr("today, 2026-11-20, -1w"))
        self.left_on.set_value(today)
        self.successor = QComboBox(self)
        self.successor.addItem(self.tr("Not known yet"), None)
        for c in ops.read(lambda db: services.list_contacts(db, contact.account_id)):
            if c.id != contact.id and c.left is None:
                self.successor.addItem(f"{c.name} — {c.title}" if c.title else c.name, c.id)
        explain = QLabel(self.tr(
            "A new person in a key role needs a relationship within weeks. A follow-up "
            "to build it is added to the chain, due in 30 days."), self)
        explain.setWordWrap(True)
        self.form.addRow(self.tr("&Left on:"), self.left_on)
        self.fields = {"left": self.left_on}
        self.form.addRow(self.tr("Who takes the role:"), self.successor)
        self.form.addRow(explain)

    def values(self) -> tuple[date, int | None]:
        return self.left_on.value("left"), self.successor.currentData()

    def accept(self) -> None:
        try:
            self.left_on.value("left")
        except ValidationError as exc:
            self.show_error(exc)
            return
        super().accept()
