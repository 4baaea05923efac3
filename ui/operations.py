"""User actions: each one is a service call that says what it changed.

The model is Anki's ``aqt/operations``: a page or a dialog never writes on its own and
never refreshes another page. It asks for an operation -- a function of the database
handle that calls services -- and names what the operation changes. The operation runs
(on the worker, or at once where a dialog must show a refusal beside its field), and
:attr:`Operations.changed` then tells the window, which refreshes the pages that show
what changed, and only those.

Reads go the same way (:meth:`Operations.query`): on the worker, the result back on the
GUI thread. The database handle stays opaque here: it is handed to services, never used.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ui.worker import DbWorker


@dataclass(frozen=True)
class Changes:
    """What an operation changed; each page refreshes when what it shows is named."""

    agenda: bool = False    # follow-ups, cadences, care dates: the Today page, the calendar
    accounts: bool = False  # names, tiers, archive states, key contacts: the accounts list
    account: bool = False   # the account page shown: its contacts, chain and notes
    records: bool = False   # complaints, needs, surveys, orders, churn: the records tab
    health: bool = False    # health scores and alerts

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                          for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NOTHING = Changes()
EVERYTHING = Changes(agenda=True, accounts=True, account=True, records=True, health=True)
CHAIN = Changes(agenda=True, accounts=True, account=True, health=True)  # a log, a follow-up
NOTES = Changes(account=True)
RECORDS = Changes(agenda=True, records=True, health=True)  # complaints have deadlines


class Operations(QObject):
    """Runs service calls for the window's pages and dialogs; announces what changed."""

    changed = Signal(object)  # Changes, after an operation that wrote has succeeded
    failed = Signal(object)   # the error of an operation or read that failed (then its handler)

    def __init__(self, db: Any, worker: DbWorker, parent: QObject | None = None):
        super().__init__(parent)
        self.db, self.worker = db, worker

    def run(self, op: Callable[[Any], object], changes: Changes = EVERYTHING, *,
            done: Callable[[object], None] | None = None,
            failed: Callable[[BaseException], None] | None = None,
            progress: tuple[QWidget, str] | None = None,
            cancel: threading.Event | None = None) -> None:
        """Run ``op(db)`` on the worker; then ``done(result)`` and :attr:`changed`.
        A failure goes to *failed* (by default a message with the error's own words),
        and nothing is announced."""
        db = self.db

        def finished(result) -> None:
            if done is not None:
                done(result)
            if changes:
                self.changed.emit(changes)

        self.worker.submit(lambda: op(db), finished, self._failed(failed), progress=progress,
                           cancel=cancel)

    def _failed(self, handler: Callable[[BaseException], None] | None
                ) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            self.failed.emit(error)
            (handler or self.worker.show_error)(error)
        return failed

    def run_now(self, op: Callable[[Any], object], changes: Changes = EVERYTHING) -> object:
        """Run ``op(db)`` here and now, for a dialog that shows a refusal beside the
        field it names (the error propagates; nothing is announced then)."""
        result = op(self.db)
        if changes:
            self.changed.emit(changes)
        return result

    def query(self, op: Callable[[Any], object], done: Callable[[object], None],
              failed: Callable[[BaseException], None] | None = None,
              progress: tuple[QWidget, str] | None = None,
              cancel: threading.Event | None = None) -> None:
        """Read ``op(db)`` on the worker and hand the result to *done*."""
        db = self.db
        self.worker.submit(lambda: op(db), done, self._failed(failed), progress=progress,
                           cancel=cancel)

    def read(self, op: Callable[[Any], object]) -> object:
        """Read ``op(db)`` here and now (a dialog filling its lists as it opens)."""
        return op(self.db)
