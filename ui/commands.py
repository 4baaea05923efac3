"""Undoable actions (QUndoStack, Ctrl+Z): each one is an operation both ways.

Undo and redo run at once (not on the worker): the stack's state must follow the
database's before the next key is handled."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from keyaccounts import services
from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.domain.views import ContactView
from ui.operations import CHAIN, Changes, Operations


class ServiceCommand(QUndoCommand):
    """A command whose redo/undo are operations (see ui.operations).

    A service that refuses (say, the follow-up was acted on since) marks the
    command obsolete and reports through *on_error*; nothing half-done remains.
    """

    changes: Changes = CHAIN

    def __init__(self, text: str, ops: Operations, on_error: Callable[[BaseException], None]):
        super().__init__(text)
        self.ops, self.on_error = ops, on_error

    def _run(self, op) -> None:
        try:
            self.ops.run_now(op, self.changes)
        except KeyAccountsError as exc:
            self.setObsolete(True)
            self.on_error(exc)


class ArchiveAccount(ServiceCommand):
    def __init__(self, ops: Operations, account_id: int, name: str, archived: bool, on_error):
        text = (QCoreApplication.translate("Commands", "Archive %1") if archived else
                QCoreApplication.translate("Commands", "Restore %1")).replace("%1", name)
        super().__init__(text, ops, on_error)
        self.account_id, self.archived = account_id, archived

    def redo(self) -> None:
        self._run(lambda db: services.set_account_archived(db, self.account_id, self.archived))

    def undo(self) -> None:
        self._run(lambda db: services.set_account_archived(db, self.account_id,
                                                           not self.archived))


class ArchiveContact(ServiceCommand):
    def __init__(self, ops: Operations, contact: ContactView, on_error):
        super().__init__(QCoreApplication.translate("Commands", "Archive %1").replace(
            "%1", contact.name), ops, on_error)
        self.contact_id = contact.id

    def redo(self) -> None:
        self._run(lambda db: services.set_contact_archived(db, self.contact_id, True))

    def undo(self) -> None:
        self._run(lambda db: services.set_contact_archived(db, self.contact_id, False))


class MarkContactLeft(ServiceCommand):
    def __init__(self, ops: Operations, contact: ContactView, left_on: date,
                 successor: int | None, on_error):
        super().__init__(QCoreApplication.translate("Commands", "%1 left").replace(
            "%1", contact.name), ops, on_error)
        self.contact_id = contact.id
        self.left_on, self.successor = left_on, successor
        self.followup_id: int | None = None

    def redo(self) -> None:
        def run(db):
            f = services.mark_contact_left(db, self.contact_id, self.left_on,
                                           successor=self.successor)
            self.followup_id = f.id
        self._run(run)

    def undo(self) -> None:
        if self.followup_id is not None:
            self._run(lambda db: services.undo_contact_left(db, self.contact_id,
                                                            self.followup_id))


class AgendaAction(ServiceCommand):
    """Done, snooze or reschedule on an agenda item (see planner.undo): *act* is the
    planner call, a function of the database returning its :class:`planner.Undo`."""

    def __init__(self, text: str, ops: Operations, act, on_error, done=None):
        super().__init__(text, ops, on_error)
        self.act, self.done, self.undone = act, done, None

    def redo(self) -> None:
        def run(db):
            self.undone = self.act(db)
        self._run(run)
        if not self.isObsolete() and self.done is not None:
            self.done()

    def undo(self) -> None:
        from keyaccounts.services import planner

        undone = self.undone
        if undone is not None:
            self._run(lambda db: planner.undo(db, undone))
