"""Errors that services raise for the UI and the CLI to show as they are."""

from __future__ import annotations


class KeyAccountsError(Exception):
    """Base class: the message is already fit to show to a user."""


class ValidationError(KeyAccountsError):
    """Bad input: *field* names what is wrong, *value* what was given."""

    def __init__(self, field: str, value: object, reason: str):
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        from keyaccounts.domain.formats import labelled
        from keyaccounts.domain.text import visible

        if self.value is None or self.value == "":
            return labelled(self.field, self.reason)
        return labelled(f"{self.field}={visible(str(self.value))}", self.reason)


class NotFound(ValidationError):
    """A name or id that does not exist."""


class ChainConflict(KeyAccountsError):
    """An edit that would rewrite later history of the contact-history chain."""


class VersionConflict(KeyAccountsError):
    """An edit made on an outdated copy: someone else saved the row meanwhile."""


class DatabaseError(KeyAccountsError):
    """A database file that cannot be opened as a KeyAccounts database."""


class ServerRefused(DatabaseError):
    """A team server that cannot be used now, said in words: out of reach
    (``unreachable``), or refusing this login (a wrong password, a disabled person).
    ``detail`` is the server's own answer, for whoever sets the server up."""

    def __init__(self, message: str, *, detail: str = "", unreachable: bool = False,
                 password: bool = False):
        super().__init__(message)
        self.detail = detail
        self.unreachable = unreachable
        self.password = password  # the password was refused, or one is needed


class Cancelled(KeyAccountsError):
    """Long work the user stopped; nothing was written."""


def never() -> bool:
    """The *cancelled* check of work nobody can stop."""
    return False


def stop_if(cancelled) -> None:
    """Raise Cancelled if *cancelled()* says the user stopped the work."""
    if cancelled():
        from keyaccounts.i18n import _

        raise Cancelled(_("cancelled; nothing was written"))
