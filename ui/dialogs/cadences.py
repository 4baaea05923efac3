"""The cadence editor: how often, at what level, and how, to be in touch with an account."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from keyaccounts import services
from keyaccounts.services import planner
from keyaccounts.domain import clock, formats
from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.domain.rhythm import Rhythm, describe, parse_rrule
from keyaccounts.domain.views import CadenceView
from ui import labels
from ui.dialogs.forms import DateField, FormDialog
from ui.operations import Changes, Operations
from ui.widgets.tables import Role
from ui.text import arg


# A cadence changes what is due (the agenda, the account's health), not the lists.
CADENCES = Changes(agenda=True, health=True)


class CadenceDialog(FormDialog):
    """One cadence: the kinds and level that count, and a rhythm in plain words."""

    def __init__(self, ops: Operations, account_id: int, cadence: CadenceView | None = None,
                 today: date | None = None, parent=None):
        super().__init__(parent)
        self.ops, self.account_id, self.cadence = ops, account_id, cadence
        self.setWindowTitle(self.tr("Edit cadence") if cadence else self.tr("New cadence"))
        self.title_edit = QComboBox(self)
        self.title_edit.setEditable(True)
        for t in (self.tr("Visit"), self.tr("Executive meeting"), self.tr("Technical sync"),
                  self.tr("Business review"), self.tr("Call")):
            self.title_edit.addItem(t)
        self.kinds = QListWidget(self)
        for k in labels.KINDS:
            item = QListWidgetItem(labels.kind(k), self.kinds)
            item.setData(Role.USER, k)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.kinds.setMaximumHeight(120)
        self.level = QComboBox(self)
        self.level.addItem(self.tr("Any level"), None)
        for v in labels.LEVELS:
            self.level.addItem(labels.level(v), v)

        self.interval_mode = QRadioButton(self.tr("Keep in touch"), self)
        self.schedule_mode = QRadioButton(self.tr("Fixed schedule"), self)
        self.interval_mode.setChecked(True)
        self.ideal = QSpinBox(self)
        self.ideal.setRange(1, 730)
        self.ideal.setValue(30)
        self.ideal.setSuffix(self.tr(" days"))
        self.maximum = QSpinBox(self)
        self.maximum.setRange(1, 1095)
        self.maximum.setValue(45)
        self.maximum.setSuffix(self.tr(" days"))
        interval_box = QWidget(self)
        il = QHBoxLayout(interval_box)
        il.setContentsMargins(0, 0, 0, 0)
        il.addWidget(QLabel(self.tr("every"), self))
        il.addWidget(self.ideal)
        il.addWidget(QLabel(self.tr("never more than"), self))
        il.addWidget(self.maximum)
        il.addStretch(1)

        self.freq = QComboBox(self)
        for text, data in ((self.tr("every week"), "weekly:1"),
                           (self.tr("every two weeks"), "weekly:2"),
                           (self.tr("every month"), "monthly:1"),
                           (self.tr("every two months"), "monthly:2"),
                           (self.tr("every quarter"), "monthly:3"),
                           (self.tr("every half year"), "monthly:6"),
                           (self.tr("every year"), "yearly:1")):
            self.freq.addItem(text, data)
        self.nth = QComboBox(self)
        for text, n in ((self.tr("on the first"), 1), (self.tr("on the second"), 2),
                        (self.tr("on the third"), 3), (self.tr("on the fourth"), 4),
                        (self.tr("on the last"), -1), (self.tr("on day"), None)):
            self.nth.addItem(text, n)
        self.weekday = QComboBox(self)
        from PySide6.QtCore import QLocale

        for n in range(7):
            self.weekday.addItem(QLocale().dayName(n + 1), n)
        self.monthday = QSpinBox(self)
        self.monthday.setRange(1, 31)
        self.month = QSpinBox(self)
        self.month.setRange(1, 12)
        before, _, after = self.tr("month %1").partition("%1")  # "month 8" / "8 月"
        self.month.setPrefix(before)
        self.month.setSuffix(after)
        self.starts = DateField(lambda: today or clock.today(), self)
        self.starts.set_value(today or clock.today())
        self.tolerance = QSpinBox(self)
        self.tolerance.setRange(0, 60)
        self.tolerance.setValue(7)
        self.tolerance.setSuffix(self.tr(" days"))
        schedule_box = QWidget(self)
        sl = QHBoxLayout(schedule_box)
        sl.setContentsMargins(0, 0, 0, 0)
        for w in (self.freq, self.nth, self.weekday, self.monthday, self.month):
            sl.addWidget(w)
        sl.addStretch(1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(interval_box)
        self.pages.addWidget(schedule_box)
        self.rule_label = QLabel(self)
        self.rule_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        modes = QHBoxLayout()
        modes.addWidget(self.interval_mode)
        modes.addWidget(self.schedule_mode)
        modes.addStretch(1)

        self.form.addRow(self.tr("&Name:"), self.title_edit)
        self.form.addRow(self.tr("Counts as contact:"), self.kinds)
        self.form.addRow(self.tr("At &level:"), self.level)
        self.form.addRow(self.tr("Rhythm:"), modes)
        self.form.addRow("", self.pages)
        self.starts_label = QLabel(self.tr("Starting:"), self)
        self.form.addRow(self.starts_label, self.starts)
        self.tolerance_label = QLabel(self.tr("Met if within:"), self)
        self.form.addRow(self.tolerance_label, self.tolerance)
        self.form.addRow(self.tr("Rule:"), self.rule_label)
        self.fields = {"title": self.title_edit, "kinds": self.kinds, "max_days": self.maximum,
                       "rrule": self.freq, "starts_on": self.starts}

        for w in (self.interval_mode, self.schedule_mode):
            w.toggled.connect(lambda _on: self._update())
        for w in (self.freq, self.nth, self.weekday):
            w.currentIndexChanged.connect(lambda _i: self._update())
        for w in (self.monthday, self.month):
            w.valueChanged.connect(lambda _v: self._update())
        if cadence:
            self._load(cadence)
        else:
            self._check_kinds(["visit"])
        self._update()

    def _check_kinds(self, kinds) -> None:
        for i in range(self.kinds.count()):
            item = self.kinds.item(i)
            checked = item.data(Role.USER) in kinds
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def checked_kinds(self) -> list[str]:
        return [self.kinds.item(i).data(Role.USER)
                for i in range(self.kinds.count())
                if self.kinds.item(i).checkState() == Qt.CheckState.Checked]

    def _load(self, c: CadenceView) -> None:
        self.title_edit.setEditText(c.title)
        self._check_kinds(c.kinds)
        self.level.setCurrentIndex(max(0, self.level.findData(c.level)))
        self.tolerance.setValue(c.tolerance_days)
        if c.mode == "interval":
            self.ideal.setValue(c.ideal_days)
            self.maximum.setValue(c.max_days)
            return
        self.schedule_mode.setChecked(True)
        self.starts.set_value(c.starts_on)
        rhythm = parse_rrule(c.rrule)
        if rhythm is None:
            return
        index = self.freq.findData(f"{rhythm.freq}:{rhythm.interval}")
        self.freq.setCurrentIndex(max(0, index))
        self.nth.setCurrentIndex(self.nth.findData(rhythm.nth))
        if rhythm.weekday is not None:
            self.weekday.setCurrentIndex(rhythm.weekday)
        if rhythm.monthday:
            self.monthday.setValue(rhythm.monthday)
        if rhythm.month:
            self.month.setValue(rhythm.month)

    def frequency(self) -> tuple[str, int]:
        freq, interval = self.freq.currentData().split(":")
        return freq, int(interval)

    def rhythm(self) -> Rhythm:
        freq, interval = self.frequency()
        if freq == "weekly":
            return Rhythm("weekly", interval, self.weekday.currentData(), None)
        if freq == "yearly":
            return Rhythm("yearly", 1, None, None, self.monthday.value(), self.month.value())
        nth = self.nth.currentData()
        if nth is None:
            return Rhythm("monthly", interval, None, None, self.monthday.value())
        return Rhythm("monthly", interval, self.weekday.currentData(), nth)

    def _update(self) -> None:
        schedule = self.schedule_mode.isChecked()
        self.pages.setCurrentIndex(1 if schedule else 0)
        for w in (self.starts, self.starts_label, self.tolerance, self.tolerance_label):
            w.setVisible(schedule)
        freq, _interval = self.frequency()
        by_day = self.nth.currentData() is None
        self.nth.setVisible(freq == "monthly")
        self.weekday.setVisible(freq == "weekly" or (freq == "monthly" and not by_day))
        self.monthday.setVisible(freq == "yearly" or (freq == "monthly" and by_day))
        self.month.setVisible(freq == "yearly")
        self.rule_label.setText(describe(self.rhythm().to_rrule()) if schedule else "")

    def accept(self) -> None:
        schedule = self.schedule_mode.isChecked()
        kw = dict(title=self.title_edit.currentText(), level=self.level.currentData(),
                  tolerance_days=self.tolerance.value())
        kinds, cadence, account_id = self.checked_kinds(), self.cadence, self.account_id
        try:
            if schedule:
                kw.update(rrule=self.rhythm().to_rrule(),
                          starts_on=self.starts.value("starts_on"))
            else:
                kw.update(ideal_days=self.ideal.value(), max_days=self.maximum.value())
            if cadence:
                self.ops.run_now(lambda db: services.update_cadence(db, cadence.id, kinds, **kw),
                                 CADENCES)
            else:
                self.ops.run_now(lambda db: services.add_cadence(db, account_id, kinds, **kw),
                                 CADENCES)
        except KeyAccountsError as exc:
            self.show_error(exc)
            return
        super().accept()


class CadencesDialog(QDialog):
    """All cadences of one account, or its tier's defaults until it has its own."""

    def __init__(self, ops: Operations, account_id: int, today: date, parent=None):
        super().__init__(parent)
        self.ops, self.account_id, self.today = ops, account_id, today
        self.setWindowTitle(self.tr("Cadences"))
        self.resize(560, 360)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.list = QListWidget(self)
        self.add_b = QPushButton(self.tr("&Add…"), self)
        self.edit_b = QPushButton(self.tr("&Edit…"), self)
        self.remove_b = QPushButton(self.tr("&Remove"), self)
        self.customize_b = QPushButton(self.tr("&Customize the defaults"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        row = QHBoxLayout()
        for b in (self.add_b, self.edit_b, self.remove_b, self.customize_b):
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.add_b.clicked.connect(self.add)
        self.edit_b.clicked.connect(self.edit)
        self.remove_b.clicked.connect(self.remove)
        self.customize_b.clicked.connect(self.customize)
        self.list.itemActivated.connect(lambda _i: self.edit())
        self.refresh()

    def describe(self, c) -> str:
        kinds = formats.listed(labels.kind(k) for k in c.kinds)
        level = labels.level(c.level) if c.level else self.tr("any level")
        if c.mode == "interval":
            rhythm = arg(self.tr("every %1 days, at most %2"), c.ideal_days, c.max_days)
        else:
            rhythm = arg(self.tr("%1 from %2"), describe(c.rrule), formats.short_date(c.starts_on))
        return arg(self.tr("%1 — %2 (%3): %4"), c.title, kinds, level, rhythm)

    def refresh(self) -> None:
        self.list.clear()
        account_id = self.account_id
        own = self.ops.read(lambda db: services.list_cadences(db, account_id))
        if own:
            self.note.setText(self.tr("This account's own rhythm of contact."))
            for c in own:
                item = QListWidgetItem(self.describe(c), self.list)
                item.setData(Role.USER, c)
        else:
            self.note.setText(self.tr(
                "This account follows the defaults of its tier. Customize them to change "
                "them for this account only."))
            for c in self.ops.read(lambda db: planner.cadences_in_force(db, account_id)):
                QListWidgetItem(self.describe(c), self.list)
        for b in (self.edit_b, self.remove_b):
            b.setEnabled(bool(own))
        self.customize_b.setEnabled(not own)

    def current(self) -> CadenceView | None:
        item = self.list.currentItem()
        return item.data(Role.USER) if item else None

    def add(self) -> None:
        if CadenceDialog(self.ops, self.account_id, today=self.today, parent=self).exec():
            self.refresh()

    def edit(self) -> None:
        c = self.current()
        if c and CadenceDialog(self.ops, self.account_id, c, self.today, self).exec():
            self.refresh()

    def remove(self) -> None:
        c = self.current()
        if c:
            self.ops.run_now(lambda db: services.remove_cadence(db, c.id), CADENCES)
            self.refresh()

    def customize(self) -> None:
        account_id = self.account_id
        self.ops.run_now(lambda db: planner.customize_cadences(db, account_id), CADENCES)
        self.refresh()
