"""Settings ▸ Calendar: the CalDAV calendar the agenda is published to
(keyaccounts.io.publish), and *Publish now*, which runs on the worker with a progress
window that can be cancelled.

The address, user and calendar are kept in the database (for the command line too);
the password only in the system keyring, and only when *Remember* is ticked.
"""

from __future__ import annotations

import threading

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.io import publish
from ui.operations import NOTHING
from ui.style import styled


class CalendarSettings(QWidget):
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
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("&Remember the password in the system keyring"),
                                  self)
        self.remember.setChecked(config.keyring)
        if config.keyring and config.target and publish.stored_password(config.target):
            self.password.setPlaceholderText(self.tr("kept in the system keyring"))
        form = QFormLayout()
        form.addRow(self.tr("Calendar &address:"), self.url)
        form.addRow(self.tr("&User name:"), self.user)
        form.addRow(self.tr("Calendar na&me:"), self.calendar)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)
        self.publish_button = QPushButton(self.tr("Publish &now"), self)
        self.publish_button.clicked.connect(self.publish_now)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        styled(self.error, "errorLine")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.publish_button)
        row.addWidget(self.status, 1)
        note = QLabel(self.tr(
            "Follow-ups, planned visits and meetings, birthdays, festivals, renewals and "
            "complaint deadlines of the next 90 days go into this calendar (CalDAV: iCloud, "
            "Nextcloud, DingTalk, WeCom, Radicale…), moved and removed as they change. "
            "Events you add there yourself are never touched. With the password remembered "
            "(or none needed), the app updates the calendar after each change."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

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

    def show_error(self, text: str) -> None:
        self.status.clear()
        self.error.setText(text)
        self.error.show()

    def publish_now(self) -> None:
        self.error.hide()
        try:
            target = self.target()
        except KeyAccountsError as exc:
            self.show_error(str(exc))
            self.url.setFocus()
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
            self.status.setText(self.tr(
                "Published: %1 added, %2 updated, %3 removed, %4 unchanged.").replace(
                    "%1", str(result.added)).replace("%2", str(result.updated)).replace(
                    "%3", str(result.deleted)).replace("%4", str(result.unchanged)))
            if self.remember.isChecked() and self.password.text():
                self._keep(target, self.password.text())

        def failed(exc: BaseException) -> None:
            self.publish_button.setEnabled(True)
            self.show_error(str(exc) if isinstance(exc, KeyAccountsError) else
                            f"{type(exc).__name__}: {exc}")

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
        self.error.hide()
        try:
            target = self.target()
        except KeyAccountsError as exc:
            self.show_error(str(exc))
            self.url.setFocus()
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

