"""The account's records beside the chain: complaints with their deadline state, the
needs profile of the quarter (and what stayed unmet), satisfaction and orders."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.services import complaints, outbox, revenue
from keyaccounts.services.churn import churn_of, default_pursue, mark_churned
from keyaccounts.services.needs import add_need, needs_review, set_need_met
from keyaccounts.services.satisfaction import add_survey, list_surveys
from keyaccounts.domain import clock, formats
from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.domain.dates import quarter_of
from keyaccounts.domain.numbers import parse_whole
from ui.colors import OVERDUE
from ui.operations import RECORDS, Operations
from ui.style import styled
from ui.widgets.tables import Role
from ui.text import arg

ID_ROLE = Role.USER + 1
STATE_ROLE = Role.USER + 2  # a complaint's state; whether a need is met


class RecordDialog(QDialog):
    """A small form; *fields* maps a key to its editor. ``values()`` reads them back."""

    def __init__(self, title: str, fields: list[tuple[str, str, QWidget]], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.editors = {key: editor for key, _label, editor in fields}
        form = QFormLayout()
        for _key, label, editor in fields:
            editor.setParent(self)
            form.addRow(label, editor)
        self.error = QLabel(self)
        styled(self.error, "errorLine")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # Set by the caller: action(db, dialog) writes on OK (an operation of *ops*);
        # an error keeps the dialog open.
        self.ops: Operations | None = None
        self.action = None

    def accept(self) -> None:
        try:
            if self.action is not None:
                self.ops.run_now(lambda db: self.action(db, self), RECORDS)
        except KeyAccountsError as exc:
            self.error.setText(str(exc))
            return
        super().accept()

    def text(self, key: str) -> str:
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            return editor.currentData() or editor.currentText()
        if isinstance(editor, QSpinBox):
            return str(editor.value())
        return editor.text()


class RecordsView(QWidget):

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ops: Operations | None = None
        self.account_id: int | None = None
        self.today = clock.today()
        self.complaints = self._tree([self.tr("Received"), self.tr("Severity"),
                                      self.tr("Complaint"), self.tr("State")])
        self.needs = self._tree([self.tr("Quarter"), self.tr("Concern"), self.tr("Expectation"),
                                 self.tr("Met")])
        self.surveys = self._tree([self.tr("Date"), self.tr("Kind"), self.tr("Score"),
                                   self.tr("Contact")])
        self.orders = self._tree([self.tr("Date"), self.tr("Amount"), self.tr("Note")])
        # The state ("overdue, not answered · deadline …") in full; the summary gives way.
        from PySide6.QtWidgets import QHeaderView

        header = self.complaints.header()
        header.setStretchLastSection(False)
        for column, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.ResizeToContents,
                                       QHeaderView.ResizeMode.Stretch,
                                       QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        buttons = {
            "complaint": QPushButton(self.tr("Record a complaint…"), self),
            "respond": QPushButton(self.tr("Mark answered"), self),
            "resolve": QPushButton(self.tr("Resolve…"), self),
            "need": QPushButton(self.tr("Add a need…"), self),
            "met": QPushButton(self.tr("Mark met"), self),
            "survey": QPushButton(self.tr("Add a survey result…"), self),
            "order": QPushButton(self.tr("Add an order…"), self),
            "churn": QPushButton(self.tr("Mark as churned…"), self),
        }
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for title, tree, keys in ((self.tr("Complaints"), self.complaints,
                                   ("complaint", "respond", "resolve")),
                                  (self.tr("Needs"), self.needs, ("need", "met")),
                                  (self.tr("Satisfaction"), self.surveys, ("survey",)),
                                  (self.tr("Orders"), self.orders, ("order",))):
            row = QHBoxLayout()
            heading = QLabel(f"<b>{title}</b>", self)
            row.addWidget(heading)
            row.addStretch(1)
            for key in keys:
                row.addWidget(buttons[key])
            layout.addLayout(row)
            layout.addWidget(tree, 1)
        buttons["complaint"].clicked.connect(self.add_complaint)
        buttons["respond"].clicked.connect(self.respond)
        buttons["resolve"].clicked.connect(self.resolve)
        buttons["need"].clicked.connect(self.add_need)
        buttons["met"].clicked.connect(self.need_met)
        buttons["survey"].clicked.connect(self.add_survey)
        buttons["order"].clicked.connect(self.add_order)
        buttons["churn"].clicked.connect(self.mark_churned)
        # An action on a row is offered only with a row it can act on: nothing silent.
        self.complaints.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.needs.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()
        churn_row = QHBoxLayout()
        self.churn_label = QLabel(self)
        churn_row.addWidget(self.churn_label, 1)
        churn_row.addWidget(buttons["churn"])
        layout.addLayout(churn_row)

    def _tree(self, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        return tree

    def show_account(self, ops: Operations, account_id: int, today: date) -> None:
        self.ops, self.account_id, self.today = ops, account_id, today
        self.refresh()

    def _update_buttons(self) -> None:
        complaint = self.complaints.currentItem()
        state = complaint.data(0, STATE_ROLE) if complaint is not None else None
        self.buttons["respond"].setEnabled(state in ("open", "overdue"))
        self.buttons["resolve"].setEnabled(state is not None and state != "resolved")
        need = self.needs.currentItem()
        self.buttons["met"].setEnabled(need is not None and not need.data(0, STATE_ROLE))

    def refresh(self) -> None:
        """Read the records again; the rows that were current stay current."""
        kept = {tree: self._selected(tree) for tree in (self.complaints, self.needs)}
        self._fill()
        for tree, row_id in kept.items():
            for i in range(tree.topLevelItemCount()):
                if row_id is not None and tree.topLevelItem(i).data(0, ID_ROLE) == row_id:
                    tree.setCurrentItem(tree.topLevelItem(i))
        self._update_buttons()

    def _fill(self) -> None:
        account_id, today = self.account_id, self.today
        churn, found, review, surveys, orders, unsent = self.ops.read(lambda db: (
            churn_of(db, account_id), complaints.list_complaints(db, account_id),
            needs_review(db, account_id, quarter_of(today)),
            list_surveys(db, account_id), revenue.list_orders(db, account_id),
            outbox.unsent(db)))
        if churn is not None:
            self.churn_label.setText(arg(
                self.tr("Churned on %1 (%2); win-back: %3"), formats.short_date(churn.churned_on),
                dict(self.churn_reasons()).get(churn.reason, churn.reason or ""),
                self.tr("pursued") if churn.pursue else self.tr("not pursued")))
        else:
            self.churn_label.setText("")
        states = {"open": self.tr("open"), "overdue": self.tr("overdue, not answered"),
                  "responded": self.tr("answered"), "resolved": self.tr("resolved")}
        severities = {"low": self.tr("low"), "medium": self.tr("medium"),
                      "high": self.tr("high"), "critical": self.tr("critical")}
        self.complaints.clear()
        for c in found:
            state = c.state(self.today)
            text = states[state]
            if state in ("open", "overdue"):
                text += " · " + arg(self.tr("deadline %1"), c.deadline.isoformat())
            if c.resolution_days is not None:
                text += " · " + formats.resolved_in(c.resolution_days)
            summary = arg(self.tr("%1 (%2)"), c.summary, c.contact) if c.contact else c.summary
            if c.id in unsent.get("complaint", ()):  # written offline
                summary = arg(self.tr("%1 · not yet sent"), summary)
            item = QTreeWidgetItem(self.complaints, [c.received_on.isoformat(),
                                                     severities[c.severity], summary, text])
            item.setData(0, ID_ROLE, c.id)
            item.setData(0, STATE_ROLE, state)
            if state == "overdue":
                item.setForeground(3, QBrush(OVERDUE))
        quarter = quarter_of(self.today)
        self.needs.clear()
        for n in review["still_unmet"] + review["needs"]:
            item = QTreeWidgetItem(self.needs, [n["period"], n["concern"], n["expectation"],
                                                "✓" if n["met"] else ""])
            item.setData(0, ID_ROLE, n["id"])
            item.setData(0, STATE_ROLE, bool(n["met"]))
            if n["period"] < quarter and not n["met"]:
                item.setForeground(1, QBrush(OVERDUE))
                item.setToolTip(1, self.tr("Still unmet from an earlier quarter"))
        self.surveys.clear()
        for s in surveys:
            item = QTreeWidgetItem(self.surveys, [s.taken_on.isoformat(), s.kind.upper(),
                                                  str(s.score), s.contact or ""])
            if s.comment:
                item.setToolTip(2, s.comment)
        self.orders.clear()
        for o in orders:
            QTreeWidgetItem(self.orders, [o.ordered_on.isoformat(), f"{o.amount:,}", o.note])

    def churn_reasons(self) -> tuple:
        """(key, label) of each reason for a loss (DOMAIN.md §12)."""
        return (("attracted", self.tr("attracted by a better offer")),
                ("dissatisfied", self.tr("left dissatisfied")),
                ("other", self.tr("other reasons (e.g. our person left)")),
                ("given-up", self.tr("given up on purpose")),
                ("forced-away", self.tr("forced away (moved, changed business)")),
                ("bought", self.tr("bought by improper inducements")))

    def mark_churned(self) -> None:
        """The loss, its reason, and whether to win it back (default from the reason)."""
        reasons = self.churn_reasons()
        reason = QComboBox()
        for key, label in reasons:
            reason.addItem(label, key)
        value, cost = QLineEdit(), QLineEdit()
        account_id, today = self.account_id, self.today
        clv = self.ops.read(lambda db: _clv_on(db, account_id, today))
        value.setPlaceholderText(arg(self.tr("empty: its lifetime value today, %1"),
                                     formats.money(clv)))
        worth = QLabel()  # the lifetime value against what a recovery would cost
        worth.setWordWrap(True)

        def weigh() -> None:
            text = cost.text().strip().replace(",", "")
            if not text.isdigit() or not int(text):
                worth.setText(arg(self.tr("Lifetime value %1: weigh it against the cost of a "
                                          "recovery"), formats.money(clv)))
                return
            worth.setText(arg(self.tr("Lifetime value %1 against a recovery cost of %2: "
                                      "%3 recovered per 1 spent"), formats.money(clv),
                              formats.money(int(text)), formats.number(clv / int(text), 1)))

        cost.textChanged.connect(lambda _t: weigh())
        weigh()
        pursue = QCheckBox(self.tr("Try to win it back"))
        justification = QLineEdit()
        justification.setPlaceholderText(self.tr("Needed when going against the default"))
        reason.currentIndexChanged.connect(
            lambda _i: pursue.setChecked(default_pursue(reason.currentData())))
        pursue.setChecked(True)
        dialog = RecordDialog(self.tr("Mark as churned"), [
            ("reason", self.tr("Reason:"), reason), ("value", self.tr("Yearly value:"), value),
            ("cost", self.tr("Cost of a recovery:"), cost), ("worth", "", worth),
            ("pursue", "", pursue),
            ("justification", self.tr("Justification:"), justification)], self)

        def save(db, d):
            amounts = {}
            for key in ("value", "cost"):
                text = d.text(key).strip()
                amounts[key] = parse_whole(text, key, thousands=True) if text else None
            mark_churned(db, self.account_id, self.today, reason.currentData(),
                                   pursue=pursue.isChecked(),
                                   justification=justification.text(), **amounts)

        dialog.action = save
        self._run(dialog)

    def _selected(self, tree: QTreeWidget) -> int | None:
        item = tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def _run(self, dialog: RecordDialog) -> None:
        self.last_dialog = dialog
        dialog.ops = self.ops
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.refresh()

    def add_complaint(self) -> None:
        severity = QComboBox()
        for key, label in (("low", self.tr("low")), ("medium", self.tr("medium")),
                           ("high", self.tr("high")), ("critical", self.tr("critical"))):
            severity.addItem(label, key)
        severity.setCurrentIndex(1)
        category = QComboBox()
        for key, label in (("delivery", self.tr("delivery")), ("quality", self.tr("quality")),
                           ("service", self.tr("service")), ("price", self.tr("price")),
                           ("other", self.tr("other"))):
            category.addItem(label, key)
        who = self._contact_picker()
        dialog = RecordDialog(self.tr("Record a complaint"), [
            ("summary", self.tr("What:"), QLineEdit()), ("severity", self.tr("Severity:"), severity),
            ("category", self.tr("Category:"), category), ("contact", self.tr("From:"), who)],
            self)
        dialog.action = lambda db, d: complaints.add_complaint(
            db, self.account_id, d.text("summary"), self.today,
            severity=d.text("severity"), category=d.text("category"), contact=who.currentData())
        self._run(dialog)

    def _contact_picker(self) -> QComboBox:
        """The account's key contacts to choose from, or nobody in particular."""
        from keyaccounts.services.contacts import list_contacts

        box = QComboBox()
        box.addItem(self.tr("nobody in particular"), None)
        account_id = self.account_id
        for c in self.ops.read(lambda db: list_contacts(db, account_id)):
            box.addItem(f"{c.name} — {c.title}" if c.title else c.name, c.id)
        return box

    def respond(self) -> None:
        """The day the customer was answered: asked, today unless told otherwise."""
        cid = self._selected(self.complaints)
        if cid is None:
            return
        from ui.dialogs.forms import DateField

        today = self.today
        day = DateField(lambda: today, None, self.tr("today, yesterday, 2026-11-20"))
        day.set_value(today)
        dialog = RecordDialog(self.tr("Mark the complaint answered"), [
            ("date", self.tr("Answered on:"), day)], self)
        dialog.action = lambda db, d: complaints.respond(db, cid, day.value("date"))
        self._run(dialog)

    def resolve(self) -> None:
        cid = self._selected(self.complaints)
        if cid is None:
            return
        informed = QCheckBox(self.tr("The customer was told"))
        dialog = RecordDialog(self.tr("Resolve the complaint"), [
            ("cause", self.tr("Root cause:"), QLineEdit()),
            ("changed", self.tr("What changed:"), QLineEdit()),
            ("informed", "", informed)], self)
        dialog.action = lambda db, d: complaints.resolve(
            db, cid, self.today, root_cause=d.text("cause"), what_changed=d.text("changed"),
            customer_informed=informed.isChecked())
        self._run(dialog)

    def add_need(self) -> None:
        dialog = RecordDialog(self.tr("Add a need"), [
            ("concern", self.tr("Concern:"), QLineEdit()),
            ("expectation", self.tr("Expectation:"), QLineEdit())], self)
        dialog.action = lambda db, d: add_need(
            db, self.account_id, quarter_of(self.today), d.text("concern"),
            d.text("expectation"))
        self._run(dialog)

    def need_met(self) -> None:
        nid = self._selected(self.needs)
        if nid is not None:
            self.ops.run_now(lambda db: set_need_met(db, nid, True), RECORDS)
            self.refresh()

    def add_survey(self) -> None:
        kind = QComboBox()
        kind.addItem("NPS (0–10)", "nps")
        kind.addItem("CSAT (1–5)", "csat")
        score = QSpinBox()
        score.setRange(0, 10)
        who = self._contact_picker()
        dialog = RecordDialog(self.tr("Add a survey result"), [
            ("kind", self.tr("Kind:"), kind), ("score", self.tr("Score:"), score),
            ("contact", self.tr("Answered by:"), who),
            ("comment", self.tr("Comment:"), QLineEdit())], self)
        dialog.action = lambda db, d: add_survey(
            db, self.account_id, d.text("kind"), score.value(), self.today,
            contact=who.currentData(), comment=d.text("comment"))
        self._run(dialog)

    def add_order(self) -> None:
        amount = QLineEdit()
        amount.setPlaceholderText(self.tr("Whole amount"))
        dialog = RecordDialog(self.tr("Add an order"), [
            ("amount", self.tr("Amount:"), amount), ("note", self.tr("Note:"), QLineEdit())],
            self)

        def save(db, d):
            amount = parse_whole(d.text("amount"), "amount", thousands=True)
            revenue.add_order(db, self.account_id, amount, self.today, d.text("note"))

        dialog.action = save
        self._run(dialog)


def _clv_on(db, account_id: int, day) -> int:
    """The account's lifetime value on *day*: a churn's default value."""
    from keyaccounts.services import value

    return value.value_on(db, account_id, day)
