"""Settings ▸ Team server: the team database the app opens at its start instead of this
computer's file (issue 16), connected as the person's own login.

The address is kept by this computer (QSettings ``team/url``; the database cannot keep
where it is); the password only in the system keyring, and only when *Remember* is
ticked — otherwise the app asks for it at each start. *Test connection* connects on the
worker and says what the server answered.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit

from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.services import datafile
from ui.dialogs.server_settings import ServerSettings

URL_KEY, KEYRING_KEY = "team/url", "team/keyring"


class TeamSettings(ServerSettings):
    def __init__(self, ops, settings: QSettings, parent=None):
        super().__init__(parent)
        self.ops, self.settings = ops, settings
        saved = str(settings.value(URL_KEY, "") or "")
        kept = str(settings.value(KEYRING_KEY, "false")).lower() == "true"
        self.url = QLineEdit(saved, self)
        self.url.setPlaceholderText("postgresql://wang@server/keyaccounts")
        self.test_button = self.lay_out(
            [(self.tr("Team server &address:"), self.url)],
            kept=kept, stored=bool(kept and saved and datafile.team_password(saved)),
            action=(self.tr("Te&st connection"), self.test),
            note=self.tr(
                "With an address, the app opens the team's database on the server at its "
                "next start, as your own login, instead of this computer's file; empty, this "
                "computer's file again. Your administrator gives you the address and a first "
                "password (change it with keyaccounts team password)."))

    def address(self) -> str | None:
        """The address typed, checked (None: none); a ValidationError if mistyped."""
        text = self.url.text().strip()
        return datafile.team_url(text) if text else None

    def _typed_address(self) -> tuple[bool, str | None]:
        """(True, the address or None) — or (False, None) with the mistake shown and the
        focus back in the address field."""
        try:
            return True, self.address()
        except KeyAccountsError as exc:
            self.show_error(str(exc))
            self.url.setFocus()
            return False, None

    def _password(self, url: str) -> str | None:
        return self.password.text() or datafile.team_password(url)

    def test(self) -> None:
        self.error.hide()
        ok, url = self._typed_address()
        if not ok:
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
            self.show_failure(exc)

        self.ops.query(connect, done, failed)

    def save(self) -> bool:
        """Keep the address (on the dialog's OK); False, with the error shown, if it is
        mistyped or the keyring cannot keep the password."""
        self.error.hide()
        ok, url = self._typed_address()
        if not ok:
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
