"""What Settings' server tabs share (Calendar, Team server): the fields that name the
server, a password that only the system keyring may keep (when *Remember* is ticked),
one action tried on the worker (*Publish now*, *Test connection*) with its outcome
beside it, a line for what went wrong, and a note saying what the tab does."""

from __future__ import annotations

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
from ui.style import styled
from ui.text import arg


class ServerSettings(QWidget):
    def lay_out(self, fields: list[tuple[str, QWidget]], *, kept: bool, stored: bool,
                action: tuple[str, object], note: str) -> QPushButton:
        """Build the tab: *fields* (label, widget) above the password; *kept*: Remember
        is ticked; *stored*: the keyring holds a password now; *action*: the button's
        text and what it does. Returns the button."""
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("&Remember the password in the system keyring"),
                                  self)
        self.remember.setChecked(kept)
        if stored:
            self.password.setPlaceholderText(self.tr("kept in the system keyring"))
        form = QFormLayout()
        for label, widget in fields:
            form.addRow(label, widget)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)
        button = QPushButton(action[0], self)
        button.clicked.connect(action[1])
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        styled(self.error, "errorLine")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(button)
        row.addWidget(self.status, 1)
        said = QLabel(note, self)
        said.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(said)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        return button

    def show_error(self, text: str) -> None:
        self.status.clear()
        self.error.setText(text)
        self.error.show()

    def show_failure(self, exc: BaseException) -> None:
        """What the server (or the keyring) refused, in words: the app's own messages as
        they are, anything else said as the server's answer, never a class name."""
        self.show_error(str(exc) if isinstance(exc, KeyAccountsError) else
                        arg(self.tr("The server did not answer as expected: %1"), exc))
