"""Settings ▸ Calendar: the CalDAV calendar the agenda is published to
(keyaccounts.io.publish), and *Publish now*, which runs on the worker with a progress
window that can be cancelled.

The address, user and calendar are kept in the database (for the command line too);
the password only in the system keyring, and only when *Remember* is ticked.
"""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QLineEdit

from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.io import publish
from ui.dialogs.server_settings import ServerSettings
from ui.operations import NOTHING
from ui.text import arg


class CalendarSettings(ServerSettings):
    def __init__(self, ops, parent=None):
        super().__init__(parent)
        self.ops = ops
        config = ops.read(publish.load_config)
        saved = config.target or publish.Target("")
        self.url = QLineEdit(saved.url, self)
        self.url.setPlaceholderText("https://…")
        self.user = QLineEdit(saved.user, self)
        self.calendar = QLineEdit(saved.calendar, self)
        self.calendar.setPlaceholderText(self.tr("empty: the address is the calendar's own"))
        self.publish_button = self.lay_out(
            [(self.tr("Calendar &address:"), self.url), (self.tr("&User name:"), self.user),
             (self.tr("Calendar na&me:"), self.calendar)],
            kept=config.keyring, stored=bool(config.keyring and config.target
                                              and publish.stored_password(config.target)),
            action=(self.tr("Publish &now"), self.publish_now),
            note=self.tr(
                "Follow-ups, planned visits and meetings, birthdays, festivals, renewals and "
                "complaint deadlines of the next 90 days go into this calendar (CalDAV: "
                "iCloud, Nextcloud, DingTalk, WeCom, Radicale…), moved and removed as they "
                "change. Events you add there yourself are never touched. With the password "
                "remembered (or none needed), the app updates the calendar after each "
                "change."))

    def target(self) -> publish.Target | None:
        """What the fields say (None: no address); a ValidationError for a bad address."""
        url = self.url.text().strip()
        if not url:
            return None
        return publish.Target(publish.check_url(url, self.tr("Calendar address")),
                              self.user.text().strip(), self.calendar.text().strip())

    def _password(self, target: publish.Target) -> str | None:
        typed = self.password.text()
        if typed or not target.user:
            return typed or None
        return publish.stored_password(target) if self.remember.isChecked() else None

    def _checked_target(self) -> tuple[bool, publish.Target | None]:
        """(True, the target the fields say), or (False, None) with the error shown."""
        self.error.hide()
        try:
            return True, self.target()
        except KeyAccountsError as exc:
            self.show_error(str(exc))
            self.url.setFocus()
            return False, None

    def publish_now(self) -> None:
        ok, target = self._checked_target()
        if not ok:
            return
        if target is None:
            self.show_error(self.tr("Type the calendar's address first."))
            self.url.setFocus()
            return
        password = self._password(target)
        if target.user and not password:
            self.show_error(self.tr("Type the password."))
            self.password.setFocus()
            return
        cancel = threading.Event()
        self.publish_button.setEnabled(False)
        self.status.setText(self.tr("Publishing…"))

        def done(result: publish.Published) -> None:
            self.publish_button.setEnabled(True)
            self.status.setText(arg(self.tr(
                "Published: %1 added, %2 updated, %3 removed, %4 unchanged."),
                result.added, result.updated, result.deleted, result.unchanged))
            if self.remember.isChecked() and self.password.text():
                self._keep(target, self.password.text())

        def failed(exc: BaseException) -> None:
            self.publish_button.setEnabled(True)
            self.show_failure(exc)

        self.ops.query(lambda db: publish.publish_agenda(db, target, password,
                                                         cancelled=cancel.is_set),
                       done, failed, progress=(self, self.tr("Publishing the agenda…")),
                       cancel=cancel)

    def _keep(self, target: publish.Target, password: str) -> bool:
        try:
            publish.remember_password(target, password)
        except KeyAccountsError as exc:
            self.show_error(str(exc))
            return False
        return True

    def save(self) -> bool:
        """Keep the fields (on the dialog's OK); False, with the error shown, if they are
        wrong. The password goes to the keyring if asked, and leaves it if not."""
        ok, target = self._checked_target()
        if not ok:
            return False
        keep = self.remember.isChecked() and target is not None
        if keep and target.user and self.password.text():
            if not self._keep(target, self.password.text()):
                return False
        self.ops.run_now(lambda db: publish.save_config(db, publish.Config(target, keep)),
                         changes=NOTHING)
        if target is not None and not keep:
            publish.forget_password(target)
        return True

