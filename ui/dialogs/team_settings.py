"""Settings ▸ Team server: the team database the app opens at its start instead of this
computer's file (issue 16), connected as the person's own login.

The address is kept by this computer (QSettings ``team/url``; the database cannot keep
where it is); the password only in the system keyring, and only when *Remember* is
ticked — otherwise the app asks for it at each start. *Test connection* connects on the
worker and says what the server answered.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
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
from keyaccounts.services import datafile
from ui.style import styled

URL_KEY, KEYRING_KEY = "team/url", "team/keyring"


class TeamSettings(QWidget):
    def __init__(self, ops, settings: QSettings, parent=None):
        super().__init__(parent)
        self.ops, self.settings = ops, settings
        saved = str(settings.value(URL_KEY, "") or "")
        kept = str(settings.value(KEYRING_KEY, "false")).lower() == "true"
        self.url = QLineEdit(saved, self)
        self.url.setPlaceholderText("postgresql://wang@server/keyaccounts")
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("&Remember the password in the system keyring"),
                                  self)
        self.remember.setChecked(kept)
        if kept and saved and datafile.team_password(saved):
            self.password.setPlaceholderText(self.tr("kept in the system keyring"))
        form = QFormLayout()
        form.addRow(self.tr("Team server &address:"), self.url)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow("", self.remember)
        self.test_button = QPushButton(self.tr("&Test connection"), self)
        self.test_button.clicked.connect(self.test)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        styled(self.error, "errorLine")
        self.error.hide()
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.status, 1)
        note = QLabel(self.tr(
            "With an address, the app opens the team's database on the server at its next "
            "start, as your own login, instead of this computer's file; empty, this "
            "computer's file again. Your administrator gives you the address and a first "
            "password (change it with keyaccounts team password)."), self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def address(self) -> str | None:
        """The address typed, checked (None: none); a ValidationError if mistyped."""
        text = self.url.text().strip()
        return datafile.team_url(text) if text else None

    def _password(self, url: str) -> str | None:
        return self.password.text() or datafile.team_password(url)

    def show_error(self, text: str) -> None:
        self.status.clear()
        self.error.setText(text)
        self.error.show()

    def test(self) -> None:
        self.error.hide()
        try:
            url = self.address()
        except KeyAccountsError as exc:
            self.show_error(str(exc))
            self.url.setFocus()
            return
        if url is None:
            self.show_error(self.tr("Type the team server's address first."))
            self.url.setFocus()
            return
        password = self._password(url)
        self.test_button.setEnabled(False)
        self.status.setText(self.tr("Connecting…"))

        def connect(_db):
            team = datafile.open_team(url, password)
            team.close()

        def done(_result) -> None:
            self.test_button.setEnabled(True)
            self.status.setText(self.tr("Connected: the team database answers."))

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.show_error(str(exc) if isinstance(exc, KeyAccountsError) else
                            f"{type(exc).__name__}: {exc}")

        self.ops.query(connect, done, failed)

    def save(self) -> bool:
        """Keep the address (on the dialog's OK); False, with the error shown, if it is
        mistyped or the keyring cannot keep the password."""
        self.error.hide()
        try:
            url = self.address()
        except KeyAccountsError as exc:
            self.show_error(str(exc))
            self.url.setFocus()
            return False
        before = str(self.settings.value(URL_KEY, "") or "")
        keep = self.remember.isChecked() and url is not None
        if keep and self.password.text():
            try:
                datafile.remember_team_password(url, self.password.text())
            except KeyAccountsError as exc:
                self.show_error(str(exc))
                return False
        for old in {before, url or ""} - {""}:
            if not keep or old != url:
                datafile.forget_team_password(old)
        self.settings.setValue(URL_KEY, url or "")
        self.settings.setValue(KEYRING_KEY, keep)
        return True
