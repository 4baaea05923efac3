"""Settings: the language, reminders' lead times, the gift limit, the daily notification,
complaint deadlines, the user's own festivals, the customer-value figures (margin,
discount rate, cost of a contact by kind), and a way to the encryption dialog
(*General*); the CalDAV calendar the agenda is published to (*Calendar*,
ui/dialogs/calendar_settings.py); the team server to open at the start (*Team server*,
ui/dialogs/team_settings.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from keyaccounts import services
from keyaccounts.domain.errors import KeyAccountsError
from ui import labels
from ui.dialogs.calendar_settings import CalendarSettings
from ui.style import styled
from ui.tray import DEFAULT_NOTIFY_TIME, NOTIFY_TIME_KEY

class SettingsDialog(QDialog):
    """What the database keeps (for every program that opens it) and what this computer
    keeps (the language, the notification's time). Saved together on OK; a mistyped
    festival keeps the dialog open and saves nothing."""

    def __init__(self, ops, settings: QSettings, encryption: Callable[[QDialog], bool],
                 encrypted: bool, encryption_available: bool, parent=None):
        super().__init__(parent)
        self.ops, self.settings = ops, settings
        self.setWindowTitle(self.tr("Settings"))
        from keyaccounts.services import planner

        stored = ops.read(_read)
        self.language = QComboBox(self)
        self.language.addItem(self.tr("System language"), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(
            settings.value("language", ""))))
        self.leads = {}
        # "7 days ahead" / "提前 7 天": the number sits where the language puts it
        before, _, after = self.tr("%1 days ahead").partition("%1")
        for key in ("birthday", "anniversary", "festival"):
            spin = QSpinBox(self)
            spin.setRange(0, 60)
            spin.setPrefix(before)
            spin.setSuffix(after)
            spin.setValue(stored["leads"][key])
            self.leads[key] = spin
        self.gift_limit = QSpinBox(self)
        self.gift_limit.setRange(0, 1_000_000)
        self.gift_limit.setSpecialValueText(self.tr("no limit"))
        self.gift_limit.setValue(int(stored["gift_limit"] or 0))
        self.notify = QTimeEdit(self)
        self.notify.setDisplayFormat("HH:mm")
        self.notify.setTime(QTime.fromString(str(settings.value(NOTIFY_TIME_KEY,
                                                                DEFAULT_NOTIFY_TIME)), "HH:mm"))
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow(self.tr("Remind of &birthdays:"), self.leads["birthday"])
        form.addRow(self.tr("Remind of &anniversaries:"), self.leads["anniversary"])
        form.addRow(self.tr("Remind of &festivals:"), self.leads["festival"])
        form.addRow(self.tr("&Gift limit per gift:"), self.gift_limit)
        form.addRow(self.tr("Daily &notification at:"), self.notify)
        self.deadlines = {}
        row = QHBoxLayout()
        for key, label in (("critical", self.tr("critical")), ("high", self.tr("high")),
                           ("medium", self.tr("medium")), ("low", self.tr("low"))):
            spin = QSpinBox(self)
            spin.setRange(0, 90)
            spin.setValue(int(stored["deadlines"][key]))
            spin.setPrefix(label + " ")
            spin.setSuffix(self.tr(" d"))
            self.deadlines[key] = spin
            row.addWidget(spin)
        form.addRow(self.tr("Answer complaints within:"), row)
        self.festivals = QPlainTextEdit(self)
        self.festivals.setPlaceholderText(
            self.tr("One a line, e.g.\nCompany day 06-18\n妈祖诞 lunar 03-23"))
        self.festivals.setPlainText(planner.format_custom_festivals(stored["festivals"]))
        self.festivals.setMaximumHeight(90)
        form.addRow(self.tr("Own &festivals:"), self.festivals)
        # greetings some contacts welcome and others misread: off until chosen
        self.greetings = {}
        row = QHBoxLayout()
        for key, label in (("qixi", self.tr("Qixi")),
                           ("winter-solstice", self.tr("Winter Solstice")),
                           ("womens-day", self.tr("Women's Day")),
                           ("partnership", self.tr("Partnership anniversary"))):
            box = QCheckBox(label, self)
            box.setChecked(bool(stored["greetings"][key]))
            self.greetings[key] = box
            row.addWidget(box)
        form.addRow(self.tr("Also greet on:"), row)
        self.xiaonian = QComboBox(self)
        self.xiaonian.addItem(self.tr("North: 12th month, 23rd (腊月廿三)"), "north")
        self.xiaonian.addItem(self.tr("South: 12th month, 24th (腊月廿四)"), "south")
        self.xiaonian.setCurrentIndex(max(0, self.xiaonian.findData(stored["xiaonian"])))
        form.addRow(self.tr("Little New &Year (小年):"), self.xiaonian)
        # customer value: the portfolio's margin, the discount rate, what a contact costs
        self.margin = self._percent(stored["margin_rate"], 100.0)
        self.discount = self._percent(stored["discount_rate"], 99.9)
        form.addRow(self.tr("Gross &margin (accounts without their own):"), self.margin)
        form.addRow(self.tr("&Discount rate of the lifetime value:"), self.discount)
        self.costs = {}
        grid = QGridLayout()
        for n, kind in enumerate(labels.KINDS):
            spin = QSpinBox(self)
            spin.setRange(0, 10_000_000)
            spin.setGroupSeparatorShown(True)
            spin.setValue(int(stored["costs"][kind]))
            spin.setAccessibleName(labels.kind(kind))
            self.costs[kind] = spin
            grid.addWidget(QLabel(labels.kind(kind), self), n // 3, 2 * (n % 3))
            grid.addWidget(spin, n // 3, 2 * (n % 3) + 1)
        form.addRow(self.tr("Cost of one contact:"), grid)
        button = QPushButton(self.tr("Change the passphrase…") if encrypted else
                             self.tr("Encrypt with a passphrase…"), self)
        button.setEnabled(encryption_available)
        if not encryption_available:
            button.setToolTip(self.tr("Needs SQLCipher: pip install 'keyaccounts[encryption]'"))
        button.clicked.connect(lambda: encryption(self))
        form.addRow(self.tr("Encryption at rest:"), button)
        self.error = QLabel(self)
        styled(self.error, "errorLine")
        self.error.hide()
        note = QLabel(self.tr("A new language applies at the next start."), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        general = QWidget(self)
        page = QVBoxLayout(general)
        page.addLayout(form)
        page.addWidget(self.error)
        page.addWidget(note)
        self.calendar = CalendarSettings(ops, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(general, self.tr("G&eneral"))
        self.tabs.addTab(self.calendar, self.tr("&Calendar"))
        from ui.dialogs.team_settings import TeamSettings

        self.team = TeamSettings(ops, settings, self)
        self.tabs.addTab(self.team, self.tr("&Team server"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _percent(self, rate: float, most: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(0, most)
        spin.setDecimals(1)
        spin.setSuffix(" %")
        spin.setValue(rate * 100)
        return spin

    def accept(self) -> None:
        value = {"margin_rate": round(self.margin.value() / 100, 4),
                 "discount_rate": round(self.discount.value() / 100, 4),
                 "costs": {k: s.value() for k, s in self.costs.items()}}
        leads = {k: s.value() for k, s in self.leads.items()}
        limit = self.gift_limit.value() or None
        deadlines = {k: s.value() for k, s in self.deadlines.items()}
        festivals = self.festivals.toPlainText()
        greetings = {k: box.isChecked() for k, box in self.greetings.items()}
        xiaonian = self.xiaonian.currentData()
        try:
            self.calendar.target()  # a mistyped address saves nothing either
        except KeyAccountsError:
            self.tabs.setCurrentWidget(self.calendar)
            self.calendar.save()  # shows why
            return
        try:
            self.team.address()  # nor a mistyped team server's
        except KeyAccountsError:
            self.tabs.setCurrentWidget(self.team)
            self.team.save()  # shows why
            return
        try:
            self.ops.run_now(lambda db: _write(db, leads, limit, deadlines, festivals,
                                               greetings, xiaonian, value))
        except KeyAccountsError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.tabs.setCurrentIndex(0)
            self.festivals.setFocus()
            return
        if not self.calendar.save():
            self.tabs.setCurrentWidget(self.calendar)
            return
        if not self.team.save():
            self.tabs.setCurrentWidget(self.team)
            return
        self.settings.setValue("language", self.language.currentData())
        self.settings.setValue(NOTIFY_TIME_KEY, self.notify.time().toString("HH:mm"))
        super().accept()


def _read(db) -> dict:
    from keyaccounts.domain import settings as known

    return {"leads": services.setting_value(db, known.LEAD_DAYS.key),
            "gift_limit": services.setting_value(db, known.GIFT_LIMIT.key),
            "deadlines": services.setting_value(db, known.DEADLINE_DAYS.key),
            "festivals": services.setting_value(db, known.FESTIVALS.key),
            "greetings": services.setting_value(db, known.GREETINGS.key),
            "xiaonian": services.setting_value(db, known.XIAONIAN.key),
            "margin_rate": services.setting_value(db, known.MARGIN_RATE.key),
            "discount_rate": services.setting_value(db, known.DISCOUNT_RATE.key),
            "costs": services.setting_value(db, known.COST_PER_KIND.key)}


def _write(db, leads: dict, limit: int | None, deadlines: dict, festivals: str,
           greetings: dict, xiaonian: str, value: dict) -> None:
    from keyaccounts.domain import settings as known
    from keyaccounts.services import planner

    services.set_settings(db, {  # all or none: a mistyped festival stops them all
        known.FESTIVALS.key: planner.parse_custom_festivals(festivals),
        known.LEAD_DAYS.key: leads, known.GIFT_LIMIT.key: limit,
        known.DEADLINE_DAYS.key: deadlines, known.GREETINGS.key: greetings,
        known.XIAONIAN.key: xiaonian,
        known.MARGIN_RATE.key: value["margin_rate"],
        known.DISCOUNT_RATE.key: value["discount_rate"],
        known.COST_PER_KIND.key: value["costs"]})
