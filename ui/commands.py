"""Undoable actions (QUndoStack, Ctrl+Z): each one calls services both ways."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from keyaccounts import services
from keyaccounts.storage.db import Database
from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.domain.views import ContactView


class ServiceCommand(QUndoCommand):
    """A command whose redo/undo call services, then let the window refresh.

    A service that refuses (say, the follow-up was acted on since) marks the
    command obsolete and reports through *on_error*; nothing half-done remains.
    """

    def __init__(self, text: str, refresh: Callable[[], None],
                 on_error: Callable[[BaseException], None]):
        super().__init__(text)
        self.refresh, self.on_error = refresh, on_error

    def _run(self, fn) -> None:
        try:
            fn()
        except KeyAccountsError as exc:
            self.setObsolete(True)
            self.on_error(exc)
        self.refresh()


class ArchiveAccount(ServiceCommand):
    def __init__(self, db: Database, account_id: int, name: str, archived: bool, refresh,
                 on_error):
        text = (QCoreApplication.translate("Commands", "Archive %1") if archived else
                QCoreApplication.translate("Commands", "Restore %1")).replace("%1", name)
        super().__init__(text, refresh, on_error)
        self.db, self.account_id, self.archived = db, account_id, archived

    def redo(self) -> None:
        self._run(lambda: services.set_account_archived(self.db, self.account_id, self.archived))

    def undo(self) -> None:
        self._run(lambda: services.set_account_archived(self.db, self.account_id,
                                                        not self.archived))


class ArchiveContact(ServiceCommand):
    def __init__(self, db: Database, contact: ContactView, refresh, on_error):
        super().__init__(QCoreApplication.translate("Commands", "Archive %1").replace(
            "%1", contact.name), refresh, on_error)
        self.db, self.contact_id = db, contact.id

    def redo(self) -> None:
        self._run(lambda: services.set_contact_archived(self.db, self.contact_id, True))

    def undo(self) -> None:
        self._run(lambda: services.set_contact_archived(self.db, self.contact_id, False))


class MarkContactLeft(ServiceCommand):
    def __init__(self, db: Database, contact: ContactView, left_on: date,
                 successor: int | None, refresh, on_error):
        super().__init__(QCoreApplication.translate("Commands", "%1 left").replace(
            "%1", contact.name), refresh, on_error)
        self.db, self.contact_id = db, contact.id
        self.left_on, self.successor = left_on, successor
        self.followup_id: int | None = None

    def redo(self) -> None:
        def run():
            f = services.mark_contact_left(self.db, self.contact_id, self.left_on,
                                           successor=self.successor)
            self.followup_id = f.id
        self._run(run)

    def undo(self) -> None:
        if self.followup_id is not None:
            self._run(lambda: services.undo_contact_left(self.db, self.contact_id,
                                                         self.followup_id))
