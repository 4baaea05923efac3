"""The quick log — the minute after a visit (Ctrl+L from anywhere).

Keyboard first: Tab walks account → kind → date → contacts → summary →
sentiment → each open follow-up (leave / settle / carry and its new date) →
next steps (text and due date) → Save.  Ctrl+Enter saves from anywhere in the
dialog; plain Enter never does (it adds the typed contact, or moves on, also from the
summary, where Shift+Enter starts a new line).
Due dates accept what :func:`keyaccounts.domain.dates.parse_date` does: 2027-03-05,
+2w, next fri, 下周五 …, counted from the interaction's date.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QEvent, QStringListModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from keyaccounts import services
from keyaccounts.domain import clock, formats
from keyaccounts.domain.errors import KeyAccountsError, ValidationError
from keyaccounts.domain.numbers import parse_whole
from keyaccounts.domain.views import ContactView, FollowUpView, InteractionView
from ui import labels
from ui.colors import OVERDUE
from ui.dialogs.forms import DateField
from ui.operations import CHAIN, Operations
from ui.style import styled
from ui.widgets.tables import Role
from ui.text import arg

LEAVE, SETTLE, CARRY = "leave", "settle", "carry"


class ContactPicker(QWidget):
    """Type-ahead for several contacts of one account: Enter adds, Backspace removes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.contacts: list[ContactView] = []
        self.input = QLineEdit(self)
        self.input.setPlaceholderText(self.tr("Type a name, Enter to add"))
        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.input.setCompleter(self.completer)
        self.chosen = QListWidget(self)
        self.chosen.setFlow(QListWidget.Flow.LeftToRight)
        self.chosen.setWrapping(True)
        self.chosen.setMaximumHeight(self.fontMetrics().height() * 2 + 12)
        self.chosen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Why Enter added no one: a name that is none of the account's contacts, or
        # several's (hidden again as the name is edited).
        self.notice = QLabel(self)
        styled(self.notice, "errorLine")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.input.textEdited.connect(lambda _t: self.notice.hide())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input)
        layout.addWidget(self.notice)
        layout.addWidget(self.chosen)
        self.setFocusProxy(self.input)
        self.input.installEventFilter(self)
        # With the completer's popup open, Enter reaches the line edit directly.
        self.input.returnPressed.connect(self.add_typed)

    def set_contacts(self, contacts: list[ContactView]) -> None:
        self.contacts = [c for c in contacts if c.left is None]
        self.names.setStringList([self._label(c) for c in self.contacts])
        self.chosen.clear()

    @staticmethod
    def _label(c: ContactView) -> str:
        return f"{c.name} — {c.title}" if c.title else c.name

    def eventFilter(self, obj, event):
        if obj is self.input and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                    event.modifiers() & Qt.KeyboardModifier.ControlModifier):
                self.add_typed()
                return True
            if event.key() == Qt.Key.Key_Backspace and not self.input.text() and \
                    self.chosen.count():
                self.chosen.takeItem(self.chosen.count() - 1)
                return True
        return super().eventFilter(obj, event)

    def add_typed(self) -> bool:
        text = self.input.text().strip()
        if not text:
            return False
        if self.completer.popup().isVisible():
            current = self.completer.popup().currentIndex()
            if current.isValid():
                text = current.data()
            self.completer.popup().hide()
        folded = text.casefold()
        match = [c for c in self.contacts if self._label(c).casefold() == folded
                 or c.name.casefold() == folded]
        if not match:
            match = [c for c in self.contacts if folded in self._label(c).casefold()]
        if len(match) != 1:
            self.notice.setText(arg(self.tr(
                "“%1” is none of this account's key contacts: add them as a key contact "
                "first, or name them in the summary.") if not match else self.tr(
                "“%1” fits several key contacts: type more of the name."), text))
            self.notice.show()
            return False
        self.notice.hide()
        contact = match[0]
        if contact.id not in self.ids():
            item = QListWidgetItem(contact.name, self.chosen)
            item.setData(Role.USER, contact.id)
            item.setToolTip(f"{labels.level(contact.level)} · {labels.role(contact.role)}")
        self.input.clear()
        return True

    def ids(self) -> list[int]:
        return [self.chosen.item(i).data(Role.USER)
                for i in range(self.chosen.count())]

    def set_ids(self, ids: list[int]) -> None:
        self.chosen.clear()
        for c in self.contacts:
            if c.id in ids:
                item = QListWidgetItem(c.name, self.chosen)
                item.setData(Role.USER, c.id)


class QuickLogDialog(QDialog):
    def __init__(self, ops: Operations, *, account_id: int | None = None,
                 interaction: InteractionView | None = None, today: date | None = None,
                 kind: str | None = None, contact: str | None = None,
                 settle: int | None = None, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.today = today or clock.today()
        self.editing = interaction
        self.result = None
        self.accounts = ops.read(services.list_accounts)
        self.followup_rows: list[tuple[FollowUpView, QComboBox, DateField]] = []
        self.loaded_account: int | None = None
        self.step_rows: list[tuple[QLineEdit, DateField]] = []
        self.setWindowTitle(self.tr("Edit interaction") if interaction else self.tr("Quick log"))
        self.setMinimumWidth(620)

        self.account = QComboBox(self)
        self.account.setEditable(True)
        self.account.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for a in self.accounts:
            self.account.addItem(a.name, a.id)
        self.account.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.account.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.account.setCurrentIndex(-1)
        self.kind = QComboBox(self)
        for k in labels.KINDS:
            self.kind.addItem(labels.kind(k), k)
        # A text field, not a QDateEdit: Tab must leave it, and "yesterday" or 昨天 work.
        self.date = DateField(lambda: self.today, self, self.tr("today, yesterday, 2026-11-20"))
        self.date.edit.setText(self.today.isoformat())
        self.contacts = ContactPicker(self)
        from ui.widgets.relmap import OursField

        self.ours = OursField(self)  # type-ahead over our people; free text kept
        self.ours.use(ops)
        self.summary = QPlainTextEdit(self)
        self.summary.setTabChangesFocus(True)
        self.summary.setPlaceholderText(self.tr("What happened, what was agreed"))
        self.summary.setMaximumHeight(90)
        self.summary.installEventFilter(self)  # Enter moves on; Shift+Enter starts a line
        self.sentiment = QComboBox(self)
        for v in (-2, -1, 0, 1, 2):
            self.sentiment.addItem(labels.sentiment(v), v)
        self.sentiment.setCurrentIndex(2)
        # Care: what was given, so the same gift is not repeated and limits are kept.
        self.gift = QLineEdit(self)
        self.gift.setPlaceholderText(self.tr("Gift or gesture"))
        self.gift_value = QLineEdit(self)
        self.gift_value.setPlaceholderText(self.tr("Value"))
        self.gift_value.setMaximumWidth(100)
        self.gift_box = QWidget(self)
        gift_row = QHBoxLayout(self.gift_box)
        gift_row.setContentsMargins(0, 0, 0, 0)
        gift_row.addWidget(self.gift, 1)
        gift_row.addWidget(self.gift_value)
        self.gift_history = QLabel(self)
        self.gift_history.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("&Account:"), self.account)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Date:"), self.date)
        form.addRow(self.tr("&With:"), self.contacts)
        form.addRow(self.tr("&Ours:"), self.ours)
        form.addRow(self.tr("&Summary:"), self.summary)
        form.addRow(self.tr("S&entiment:"), self.sentiment)
        self.gift_label = QLabel(self.tr("&Gift:"), self)
        self.gift_label.setBuddy(self.gift)
        form.addRow(self.gift_label, self.gift_box)
        form.addRow("", self.gift_history)
        for field in (self.date, self.contacts):  # a mnemonic focuses a buddy that takes focus
            form.labelForField(field).setBuddy(field.focusProxy())

        self.open_box = QGroupBox(self.tr("Open follow-ups"), self)
        self.open_grid = QGridLayout(self.open_box)
        self.open_scroll = QScrollArea(self)
        self.open_scroll.setWidgetResizable(True)
        self.open_scroll.setWidget(self.open_box)
        self.open_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.steps_box = QGroupBox(self.tr("Next steps"), self)
        self.steps_grid = QGridLayout(self.steps_box)
        self.suggestion = QLabel(self)
        self.plan_button = QPushButton(self.tr("&Plan it"), self)
        self.plan_button.setAutoDefault(False)
        self.plan_button.hide()
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.plan_button)

        # Said before saving: a cadence this log would leave due, and why.
        self.shortfall = QLabel(self)
        styled(self.shortfall, "errorLine")
        self.shortfall.setWordWrap(True)
        self.shortfall.hide()
        self.error = QLabel(self)
        styled(self.error, "errorLine")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(self.tr("Save (Ctrl+Enter)"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for b in (self.save_button, cancel):
            b.setAutoDefault(False)
            b.setDefault(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.open_scroll)
        layout.addWidget(self.steps_box)
        layout.addLayout(suggestion_row)
        layout.addWidget(self.shortfall)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.account.currentIndexChanged.connect(self._account_changed)
        self.account.lineEdit().editingFinished.connect(self._complete_account)
        # Type-ahead: as soon as the typed text names one account, its chain is loaded.
        self.account.currentTextChanged.connect(lambda _t: self._account_changed())
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        # (an added name's id is set just after its row is inserted: dataChanged)
        for signal in (self.contacts.chosen.model().rowsInserted,
                       self.contacts.chosen.model().rowsRemoved,
                       self.contacts.chosen.model().dataChanged):
            signal.connect(lambda *_a: self._show_gifts())
            signal.connect(lambda *_a: self._check_shortfall())
        self.date.edit.textChanged.connect(lambda _t: self._dates_changed())
        self.plan_button.clicked.connect(self._plan_suggestion)

        if kind is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        if interaction is not None:
            self._load_interaction(interaction)
        elif account_id is not None:
            self.account.setCurrentIndex(self.account.findData(account_id))
            self._account_changed()
            if contact:
                self.contacts.set_ids([c.id for c in self.contacts.contacts if c.name == contact])
            for f, action, _due in self.followup_rows:
                if f.id == settle:
                    action.setCurrentIndex(action.findData(SETTLE))
            # The account is known: start on the first field still to fill, never on
            # Kind (typing there would change it, a space would open its list).
            if self.contacts.ids() or not self.contacts.contacts:
                self.summary.setFocus()
            else:
                self.contacts.setFocus()
        else:
            self.account.setFocus()
        self._kind_changed()
        if interaction is None:
            self._add_step_row()
        self._fix_tab_order()

    # -- account and its chain -------------------------------------------------------
    def account_id(self) -> int | None:
        """The account the typed text names: exactly, or as the only one containing it."""
        text = self.account.currentText().strip().casefold()
        if not text:
            return None
        exact = [a for a in self.accounts if a.name.casefold() == text]
        found = exact or [a for a in self.accounts if text in a.name.casefold()]
        return found[0].id if len(found) == 1 else None

    def _complete_account(self) -> None:
        """Leaving the field with a prefix that names one account shows its full name."""
        account_id = self.account_id()
        index = self.account.findData(account_id) if account_id is not None else -1
        if index >= 0 and self.account.currentText() != self.account.itemText(index):
            self.account.setCurrentIndex(index)
            self.account.setEditText(self.account.itemText(index))

    def _account_changed(self, _index: int = -1) -> None:
        account_id = self.account_id()
        if account_id == self.loaded_account:
            return
        self.loaded_account = account_id
        contacts, followups = self.ops.read(lambda db: (
            services.list_contacts(db, account_id),
            services.list_followups(db, account_id, open_only=True))) if account_id else ([], [])
        self.contacts.set_contacts(contacts)
        self._fill_followups(followups)
        self._suggest()
        self._check_shortfall()
        self._fix_tab_order()

    def _fill_followups(self, followups: list[FollowUpView]) -> None:
        while self.open_grid.count():
            w = self.open_grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.followup_rows = []
        if not followups:
            self.open_grid.addWidget(QLabel(self.tr("Nothing open from before."), self.open_box),
                                     0, 0)
        for row, f in enumerate(followups):
            text = QLabel(arg(self.tr("%1  ·  due %2"), f.text, f.due.isoformat()), self.open_box)
            if f.due < self.today:
                text.setStyleSheet(f"color: {OVERDUE.name()}")
                text.setToolTip(self.tr("Overdue"))
            action = QComboBox(self.open_box)
            action.addItem(self.tr("Leave open"), LEAVE)
            action.addItem(self.tr("Settle"), SETTLE)
            action.addItem(self.tr("Carry to…"), CARRY)
            new_due = DateField(self.interaction_day, self.open_box, self.tr("new due date"))
            new_due.setEnabled(False)
            action.currentIndexChanged.connect(
                lambda _i, a=action, d=new_due: d.setEnabled(a.currentData() == CARRY))
            self.open_grid.addWidget(text, row, 0)
            self.open_grid.addWidget(action, row, 1)
            self.open_grid.addWidget(new_due, row, 2)
            for w in (text, action, new_due):
                w.show()  # at once: a layout shows new children only later, Tab needs them now
            self.followup_rows.append((f, action, new_due))
        self.open_grid.setColumnStretch(0, 1)
        self._fit_open_box()

    def _fit_open_box(self) -> None:
        """The open follow-ups at their full height, up to half of what the dialog can be
        (half the screen): past that they scroll. A fixed 170 px showed one and a half."""
        self.open_box.adjustSize()
        wanted = self.open_box.sizeHint().height() + 2 * self.open_scroll.frameWidth()
        screen = self.screen().availableGeometry().height() if self.screen() else 800
        self.open_scroll.setFixedHeight(min(wanted, screen // 2))

    def _add_step_row(self, text: str = "", due: str = "") -> tuple[QLineEdit, DateField]:
        row = len(self.step_rows)
        edit = QLineEdit(self.steps_box)
        edit.setPlaceholderText(self.tr("Next step, promise or question"))
        edit.setText(text)
        due_field = DateField(self.interaction_day, self.steps_box)
        due_field.edit.setText(due)
        self.steps_grid.addWidget(edit, row, 0)
        self.steps_grid.addWidget(due_field, row, 1)
        edit.show()
        due_field.show()
        self.steps_grid.setColumnStretch(0, 2)
        self.steps_grid.setColumnStretch(1, 1)
        self.step_rows.append((edit, due_field))
        edit.textChanged.connect(self._grow_steps)
        self._fix_tab_order()
        return edit, due_field

    def _grow_steps(self) -> None:
        if self.step_rows and self.step_rows[-1][0].text().strip():
            self._add_step_row()

    def interaction_day(self) -> date:
        """The interaction's date; while it is mistyped, today (for previews only)."""
        try:
            return self.date.value("date")
        except ValidationError:
            return self.today

    def _dates_changed(self) -> None:
        for _f, _a, field in self.followup_rows:
            field.refresh()
        for _e, field in self.step_rows:
            field.refresh()
        self._suggest()

    def _suggest(self) -> None:
        account_id = self.account_id()
        self.suggested = None
        if account_id and self.editing is None:
            kind, day = self.kind.currentData(), self.interaction_day()
            self.suggested = self.ops.read(lambda db: services.suggest_next_contact(
                db, account_id, kind, day))
        if self.suggested:
            self.suggestion.setText(arg(self.tr("By the account's cadence, the next %1 is due on %2."), labels.kind(self.kind.currentData()).lower(),
                                         self.suggested.isoformat()))
            self.plan_button.show()
        else:
            self.suggestion.setText("")
            self.plan_button.hide()

    def _plan_suggestion(self) -> None:
        if not self.suggested:
            return
        text = arg(self.tr("Next %1"), labels.kind(self.kind.currentData()).lower())
        edit, due = self.step_rows[-1]
        edit.setText(text)  # grows a fresh empty row
        due.edit.setText(self.suggested.isoformat())

    def _kind_changed(self) -> None:
        care = self.kind.currentData() == "care"
        for w in (self.gift_label, self.gift_box, self.gift_history):
            w.setVisible(care)
        self._show_gifts()
        self._suggest()
        self._check_shortfall()

    def _check_shortfall(self) -> None:
        """Say which cadence this log would not count for (nobody of its level met)."""
        from keyaccounts.services.planner import shortfall

        account_id, kind, ids = self.account_id(), self.kind.currentData(), self.contacts.ids()
        missing = [] if account_id is None or self.editing is not None else self.ops.read(
            lambda db: shortfall(db, account_id, kind, ids))
        self.shortfall.setText("\n".join(arg(
            self.tr("This will not count for “%1”: it needs someone at %2 level among those "
                    "met (With)."), m.title, labels.level(m.level)) for m in missing))
        self.shortfall.setVisible(bool(missing))

    def _show_gifts(self) -> None:
        account_id = self.account_id()
        if self.kind.currentData() != "care" or account_id is None:
            self.gift_history.setText("")
            return
        from keyaccounts.services.planner import gifts_given

        ids = self.contacts.ids() or None
        given = self.ops.read(lambda db: gifts_given(db, account_id, ids))[:5]
        if not given:
            self.gift_history.setText(self.tr("Nothing given before."))
            return
        lines = [formats.labelled(f"{g.day.isoformat()} {g.contact}", g.gift)
                 + (f" ({g.value})" if g.value is not None else "") for g in given]
        self.gift_history.setText(self.tr("Given before:") + "\n" + "\n".join(lines))

    def _fix_tab_order(self) -> None:
        chain = [self.account, self.kind, self.date.edit, self.contacts.input, self.ours,
                 self.summary,
                 self.sentiment, self.gift, self.gift_value]
        for _f, action, due in self.followup_rows:
            chain += [action, due.edit]
        for edit, due in self.step_rows:
            chain += [edit, due.edit]
        chain += [self.plan_button, self.save_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, obj, event):
        if obj is self.summary and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self.focusNextChild()
            return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()  # plain Enter moves on; Ctrl+Enter saves
            return
        super().keyPressEvent(event)

    # -- editing an existing interaction --------------------------------------------
    def _load_interaction(self, i: InteractionView) -> None:
        self.account.setCurrentIndex(self.account.findText(i.account))
        self.account.setEnabled(False)
        self.kind.setCurrentIndex(self.kind.findData(i.kind))
        self.date.edit.setText(i.date.isoformat())
        self.contacts.set_ids([c.id for c in self.contacts.contacts if c.name in i.contacts])
        self.summary.setPlainText(i.summary)
        self.ours.setText(i.our_participants)
        self.sentiment.setCurrentIndex(self.sentiment.findData(i.sentiment))
        self.open_scroll.hide()
        self.steps_box.hide()
        self.time_of_day = time.fromisoformat(i.time)

    # -- saving ---------------------------------------------------------------------
    def _gift(self) -> tuple[str, int | None]:
        if self.kind.currentData() != "care":
            return "", None
        text = self.gift_value.text().strip()  # its limit: log_interaction checks it
        return self.gift.text(), parse_whole(text, "gift_value", thousands=True) if text else None

    def show_error(self, exc: KeyAccountsError) -> None:
        self.error.setText(str(exc))
        self.error.show()
        field = getattr(exc, "field", None)
        target = {"account": self.account, "kind": self.kind, "date": self.date,
                  "with": self.contacts, "summary": self.summary, "our": self.ours,
                  "our_participants": self.ours,
                  "sentiment": self.sentiment, "gift_value": self.gift_value}.get(field)
        if target is not None:
            target.setFocus()

    def save(self) -> None:
        self.contacts.add_typed()
        try:
            account_id = self.account_id()
            if account_id is None:
                raise ValidationError("account", self.account.currentText(),
                                      self.tr("choose an account from the list"))
            day = self.date.value("date")
            if self.editing is not None:
                when = datetime.combine(day, self.time_of_day)
                interaction_id = self.editing.id
                fields = dict(kind=self.kind.currentData(), occurred_at=when,
                              summary=self.summary.toPlainText(),
                              sentiment=self.sentiment.currentData(),
                              contacts=self.contacts.ids(),
                              our_participants=self.ours.value())
                self.result = self.ops.run_now(lambda db: services.edit_interaction(
                    db, interaction_id, **fields), CHAIN)
            else:
                now = clock.now().time().replace(second=0, microsecond=0)
                when = datetime.combine(day, now if day == clock.today() else time(12, 0))
                settle, carry = [], {}
                for f, action, due in self.followup_rows:
                    if action.currentData() == SETTLE:
                        settle.append(f.id)
                    elif action.currentData() == CARRY:
                        carry[f.id] = due.value("carry")
                steps = [(edit.text().strip(), due.value("next"))
                         for edit, due in self.step_rows if edit.text().strip()]
                gift, value = self._gift()
                kind, summary = self.kind.currentData(), self.summary.toPlainText()
                fields = dict(contacts=self.contacts.ids(), our_participants=self.ours.value(),
                              sentiment=self.sentiment.currentData(), settle=settle,
                              carry=carry, next_steps=steps, gift=gift, gift_value=value)
                self.result = self.ops.run_now(lambda db: services.log_interaction(
                    db, account_id, kind, when, summary, **fields), CHAIN)
        except KeyAccountsError as exc:
            self.show_error(exc)
            return
        self.accept()
