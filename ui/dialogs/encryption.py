"""Encryption at rest: encrypt the database, change its passphrase, or decrypt it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from keyaccounts.domain.errors import KeyAccountsError
from ui.style import styled


class EncryptionDialog(QDialog):
    """The passphrases asked for, checked, and the file rewritten on the worker; the
    database is reopened with the new key. *let_go* is called first: whatever holds
    the file open (the worker's queue, the window's watch) lets go of it."""

    def __init__(self, ops, encrypted: bool, let_go: Callable[[], None],
                 on_error: Callable[[BaseException], None], parent=None):
        super().__init__(parent)
        self.ops, self.encrypted, self.let_go, self.on_error = ops, encrypted, let_go, on_error
        self.setWindowTitle(self.tr("Encryption at rest"))
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        labels = {"old": self.tr("Current passphrase:"), "new": self.tr("New passphrase:"),
                  "repeat": self.tr("Repeat it:")}
        for name in (["old", "new", "repeat"] if encrypted else ["new", "repeat"]):
            edit = QLineEdit(self)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(labels[name], edit)
            self.fields[name] = edit
        self.remove = QCheckBox(self.tr("Remove the encryption (store in clear)"), self)
        if encrypted:
            form.addRow("", self.remove)
        note = QLabel(self.tr(
            "Protects the database and its backups if the laptop or the files are lost or "
            "copied. It does not protect exported files, nor anything while the app is open. "
            "A forgotten passphrase cannot be recovered."), self)
        note.setWordWrap(True)
        self.error = QLabel(self)
        styled(self.error, "errorLine")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                   QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

    def accept(self) -> None:
        from keyaccounts.services import datafile

        old = self.fields["old"].text() if self.encrypted else None
        new = self.fields["new"].text()
        decrypt = self.encrypted and self.remove.isChecked()
        if not decrypt and new != self.fields["repeat"].text():
            self.error.setText(self.tr("The two new passphrases differ."))
            return
        self.let_go()
        key = None if decrypt else new

        def done(_result) -> None:
            self.setEnabled(True)
            super(EncryptionDialog, self).accept()

        def failed(exc: BaseException) -> None:
            self.setEnabled(True)
            if isinstance(exc, KeyAccountsError):
                self.error.setText(str(exc))
            else:
                self.on_error(exc)

        self.setEnabled(False)  # nothing to press while the file is rewritten
        # The whole file is rewritten: seconds for a large one.
        self.ops.run(lambda db: datafile.change_encryption(db, old, key), done=done,
                     failed=failed,
                     progress=(self, self.tr("Rewriting the database…")))
