"""What the user does in the main window: agenda items, alerts, accounts, contacts and
interactions; each a service call run on the worker through ui.operations.

A mixin of ui.mainwindow.MainWindow. Its strings are in the Qt context "Actions":
PySide's tr() looks through the window's classes, the mixins included."""

from __future__ import annotations

from datetime import timedelta

from keyaccounts.domain import formats
from ui import labels
from ui.lazy import LazyModule
from ui.operations import CHAIN, NOTHING, Changes
from ui.text import arg
from ui.worker import DbWorker

services = LazyModule("keyaccounts.services")
planner = LazyModule("keyaccounts.services.planner")
commands = LazyModule("ui.commands")
account_dialog = LazyModule("ui.dialogs.account")
contact_dialog = LazyModule("ui.dialogs.contact")
quicklog = LazyModule("ui.dialogs.quicklog")


class Actions:
    def act_on_alert(self, alert) -> None:
        from keyaccounts.services import alerts

        today = self.today
        self._act(lambda db: alerts.act_on(db, alert, on=today),
                  self.tr("Follow-up created from the alert."))

    def dismiss_alert(self, alert, reason: str) -> None:
        from keyaccounts.services import alerts

        today = self.today
        self._act(lambda db: alerts.dismiss(db, alert, reason, on=today),
                  self.tr("Alert dismissed; the reason is kept."))

    def log_item(self, item) -> None:
        kind = item.kind if item.kind in labels.KINDS else None
        if item.kind in ("birthday", "anniversary", "festival"):
            kind = "care"
        if item.account_id is None:
            dialog = quicklog.QuickLogDialog(self.ops, today=self.today, kind=kind, parent=self)
        else:
            dialog = quicklog.QuickLogDialog(
                self.ops, account_id=item.account_id, today=self.today, kind=kind,
                contact=item.contact,
                settle=int(item.source_id) if item.kind == "follow-up" else None, parent=self)
        dialog.accepted.connect(lambda: self._logged(dialog))
        dialog.open()
        self.quick_log_dialog = dialog

    def _act(self, op, message: str, changes: Changes = CHAIN) -> None:
        """Run *op* (a function of the database) on the worker; say *message* once done."""
        self.ops.run(op, changes, done=lambda _r: self.statusBar().showMessage(message, 5000),
                     failed=self._error)

    def reschedule_item(self, item) -> None:
        from ui.dialogs.forms import pick_date

        day = pick_date(self, self.tr("Reschedule"), max(item.date, self.today))
        if day is not None:
            self.move_item(item.key, day)

    def move_item(self, key: str, day) -> None:
        item = self.agenda_items.get(key) or next(
            (i for i in self.calendar_page.items if i.key == key), None)
        if item is None or day == item.date:
            return
        today = self.today
        self._act(lambda db: planner.reschedule(db, item, day, today=today),
                  arg(self.tr("Moved to %1."), formats.short_date(day, self.today)))

    def snooze_item(self, item, days: int) -> None:
        until = self.today + timedelta(days=days)
        self._act(lambda db: planner.snooze(db, item, until),
                  arg(self.tr("Snoozed until %1."), formats.short_date(until, self.today)))

    def done_item(self, item) -> None:
        today = self.today
        self._act(lambda db: planner.mark_done(db, item, on=today), self.tr("Done."))

    def edit_cadences(self) -> None:
        from ui.dialogs.cadences import CadencesDialog

        if self.current_account is None:
            return
        CadencesDialog(self.ops, self.current_account, self.today, self).exec()

    def _error(self, error: BaseException) -> None:
        DbWorker.show_error(error)

    def quick_log(self, account_id: int | None = None):
        if account_id is None and self.page() == "accounts":
            account_id = self.current_account
        dialog = quicklog.QuickLogDialog(self.ops, account_id=account_id, today=self.today,
                                         parent=self)
        dialog.accepted.connect(lambda: self._logged(dialog))
        dialog.open()
        self.quick_log_dialog = dialog
        return dialog

    def _logged(self, dialog) -> None:
        r = dialog.result
        self.statusBar().showMessage(self.tr("Logged. %n follow-up(s) opened.", "",
                                             len(r.opened)), 5000)

    def new_account(self) -> None:
        dialog = account_dialog.AccountDialog(self.ops, parent=self)
        if dialog.exec():  # the lists are reloading: select the account once they are in
            account_id = dialog.result_view.id
            self.go("accounts")
            self.show_account(account_id)
            self.worker.submit(lambda: None, lambda _r: self.accounts_list.select_account(
                account_id, emit=False))

    def _page(self):
        return self.account_view.page if self.current_account is not None else None

    def edit_account(self) -> None:
        page = self._page()
        if page is None:
            return
        account_dialog.AccountDialog(self.ops, page.account, parent=self).exec()

    def archive_account(self) -> None:
        page = self._page()
        if page is None:
            return
        a = page.account
        self.undo_stack.push(commands.ArchiveAccount(self.ops, a.id, a.name, not a.archived,
                                                     self._error))
        self.statusBar().showMessage(arg(self.tr("%1. Undo with Ctrl+Z."), 
            self.undo_stack.undoText()), 8000)

    def new_contact(self) -> None:
        if self.current_account is None:
            return
        contact_dialog.ContactDialog(self.ops, self.current_account, parent=self).exec()

    def edit_contact(self, contact_id: int) -> None:
        page = self._page()
        contact = next((c.contact for c in page.contacts if c.contact.id == contact_id), None)
        if contact is None:
            return
        dialog = contact_dialog.ContactDialog(self.ops, page.account.id, contact, parent=self)
        if dialog.exec() and dialog.mark_left_requested:
            self.mark_left(dialog.result_view)

    def archive_contact(self, contact_id: int) -> None:
        page = self._page()
        contact = next((c.contact for c in page.contacts if c.contact.id == contact_id), None)
        if contact is None:
            return
        self.undo_stack.push(commands.ArchiveContact(self.ops, contact, self._error))
        self.statusBar().showMessage(arg(self.tr("%1. Undo with Ctrl+Z."),
                                         self.undo_stack.undoText()), 8000)

    def mark_left(self, contact) -> None:
        dialog = contact_dialog.ContactLeftDialog(self.ops, contact, self.today, parent=self)
        if not dialog.exec():
            return
        left_on, successor = dialog.values()
        self.undo_stack.push(commands.MarkContactLeft(self.ops, contact, left_on, successor,
                                                      self._error))
        self.statusBar().showMessage(arg(self.tr(
            "%1 marked as left; a follow-up to build the new relationship was added. "
            "Undo with Ctrl+Z."), contact.name), 8000)

    def edit_interaction(self, interaction_id: int) -> None:
        page = self._page()
        interaction = next((i for i in page.chain if i.id == interaction_id), None)
        if interaction is None:
            return
        quicklog.QuickLogDialog(self.ops, interaction=interaction, today=self.today,
                                parent=self).exec()

    def delete_interaction(self, interaction_id: int) -> None:
        from PySide6.QtWidgets import QMessageBox

        page = self._page()
        interaction = next((i for i in page.chain if i.id == interaction_id), None)
        if interaction is None:
            return
        details = []
        if interaction.settled or interaction.carried:
            details.append(self.tr("%n follow-up(s) it settled or carried will be open again.",
                                   "", len(interaction.settled) + len(interaction.carried)))
        if interaction.opened:
            details.append(self.tr("%n follow-up(s) it opened stay on the chain, marked as "
                                   "coming from a deleted interaction.", "",
                                   len(interaction.opened)))
        answer = QMessageBox.question(
            self, self.tr("Delete interaction"),
            arg(self.tr("Delete the %1 of %2?"), labels.kind(interaction.kind).lower(),
                interaction.date.isoformat())
            + "\n\n" + "\n".join(details + [self.tr("This cannot be undone.")]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.run(lambda db: services.delete_interaction(db, interaction_id), CHAIN,
                     failed=self._error)

    def _save_notes(self, account_id: int, text: str) -> None:
        # The page shows the notes as typed: nothing to refresh.
        self.ops.run(lambda db: services.update_account(db, account_id, notes=text), NOTHING,
                     failed=self._error)
