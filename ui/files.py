"""The main window's file actions: import, export, quarterly reviews, tiers from
revenue, backup, restore, settings and encryption of the data file; each calls one
io/service function, on the worker when it takes a while.

A mixin of ui.mainwindow.MainWindow. Its strings are in the Qt context "Files":
PySide's tr() looks through the window's classes, the mixins included."""

from __future__ import annotations

import threading
from pathlib import Path

from keyaccounts.domain import formats
from keyaccounts.domain.errors import Cancelled, KeyAccountsError
from keyaccounts.services import datafile
from ui.operations import NOTHING
from ui.text import arg


class Files:
    def import_contacts(self) -> None:
        from ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.ops, self)
        self.import_wizard = wizard
        if wizard.exec() and wizard.result_plan is not None:
            plan = wizard.result_plan
            self.statusBar().showMessage(arg(self.tr(
                "Imported %1 contacts (%2 merged, %3 skipped); %4 new accounts."),
                len(plan.new), len(plan.merged), len(plan.skipped), len(plan.new_accounts)), 8000)

    def export(self, what: str, path: str | None = None) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        from keyaccounts.io import exporter

        suffix = {"csv": "csv", "vcard": "vcf", "json": "json", "ics": "ics"}[what]
        if path is None:
            path, _f = QFileDialog.getSaveFileName(
                self, self.tr("Export"), f"keyaccounts.{suffix}", f"*.{suffix}")
            if not path:
                return None
        db, today = self.db, self.today
        stop = threading.Event()
        self.export_cancel = stop

        def work():  # seconds for a whole portfolio as JSON: on the worker, cancellable
            exporter.export(db, what, Path(path), today=today, force=True,
                            cancelled=stop.is_set)
            return path

        self.worker.submit(work, lambda done: self.statusBar().showMessage(
            arg(self.tr("Exported to %1."), done), 8000), self._cancelled_or_error,
            progress=(self, arg(self.tr("Exporting to %1…"), Path(path).name)), cancel=stop)
        return path

    def _cancelled_or_error(self, error: BaseException) -> None:
        """How long work that can be cancelled (exports, reports) ends when it fails."""
        if isinstance(error, Cancelled):
            self.statusBar().showMessage(self.tr("Cancelled; nothing was written."), 8000)
        else:
            self._error(error)

    def import_orders(self, path: str | None = None) -> str | None:
        """Import an orders CSV, all or nothing, on the worker (thousands of lines take a
        while); the status bar says how many when done."""
        from PySide6.QtWidgets import QFileDialog

        from keyaccounts.services import revenue
        from keyaccounts.io.importer import ImportFailed

        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, self.tr("Import orders"), "",
                                                   "CSV (*.csv)")
            if not path:
                return None
        db = self.db

        def done(count: int) -> None:
            self.statusBar().showMessage(arg(self.tr("%1 orders imported."), count), 8000)
            self.reload()

        def failed(error: BaseException) -> None:
            if isinstance(error, ImportFailed):
                self._error(KeyAccountsError("\n".join(error.problems[:20])))
            else:
                self._error(error)

        self.worker.submit(lambda: revenue.import_orders(db, Path(path)), done, failed,
                           progress=(self, arg(self.tr("Importing %1…"), Path(path).name)))
        return path

    def quarterly_report(self, portfolio: bool, path: str | None = None) -> str | None:
        from PySide6.QtWidgets import QFileDialog

        from keyaccounts.io import report

        from keyaccounts.domain.dates import quarter_of

        period = quarter_of(self.today)
        if not portfolio and self.current_account is None:
            return None
        if path is None:
            path, _f = QFileDialog.getSaveFileName(self, self.tr("Quarterly review"),
                                                   f"review-{period}.pdf", "PDF (*.pdf)")
            if not path:
                return None
        db, account_id = self.db, self.current_account
        stop = threading.Event()
        self.report_cancel = stop

        def work():  # health, charts and fonts into a PDF: on the worker, cancellable
            if portfolio:
                report.portfolio_report(db, period, Path(path), cancelled=stop.is_set, force=True)
            else:
                report.account_report(db, account_id, period, Path(path),
                                      cancelled=stop.is_set, force=True)
            return path

        self.worker.submit(work, lambda done: self.statusBar().showMessage(
            arg(self.tr("Saved %1."), done), 8000), self._cancelled_or_error,
            progress=(self, arg(self.tr("Writing %1…"), Path(path).name)), cancel=stop)
        return path

    def suggest_tiers(self) -> int:
        from PySide6.QtWidgets import QMessageBox

        from keyaccounts.services import revenue

        changes = [t for t in revenue.suggest_tiers(self.db, self.today)
                   if t.suggested != t.current]
        if not changes:
            QMessageBox.information(self, self.tr("Tiers"),
                                    self.tr("Every tier already follows revenue (80/20)."))
            return 0
        lines = [formats.labelled(t.account, f"{t.current} → {t.suggested} ({t.cumulative:.0%})")
                 for t in changes[:25]]
        answer = QMessageBox.question(
            self, self.tr("Tiers"), arg(self.tr("Change %1 tiers to follow revenue (80/20)? "
                                                "Tiers set for another reason stay."),
                                        len(changes)) + "\n\n" + "\n".join(lines))
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        changed = revenue.apply_tiers(self.db, self.today)
        self.reload()
        return changed

    def backup_now(self) -> None:
        self.ops.run(datafile.backup_now, NOTHING, done=lambda made: (
            self.statusBar().showMessage(arg(self.tr("Backed up to %1."), made), 8000)))

    def restore_backup(self, path: str | None = None) -> None:
        """Replace the database with a backup (checked first; the current file is kept as
        a backup), on the worker: a large file takes seconds to check and copy."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        if path is None:
            folder = str(datafile.backups_folder(self.db))
            path, _f = QFileDialog.getOpenFileName(self, self.tr("Restore a backup"), folder,
                                                   "*.sqlite3")
            if not path:
                return
        answer = QMessageBox.question(
            self, self.tr("Restore a backup"),
            arg(self.tr("Replace the database with %1? The database as it is now is kept "
                        "as a backup first."), Path(path).name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._wait_for_all()
        self._disconnect()
        source = Path(path)

        def done(kept) -> None:
            self.statusBar().showMessage(arg(self.tr("Restored. The previous database is "
                                                     "kept in %1."), kept), 10000)

        self.ops.run(lambda db: datafile.restore(db, source), done=done, failed=self._error,
                     progress=(self, arg(self.tr("Restoring %1…"), source.name)))

    def open_settings(self) -> None:
        from ui.dialogs.settings import SettingsDialog

        self.settings_dialog = SettingsDialog(
            self.ops, self.settings, self.edit_encryption, datafile.is_encrypted(self.db),
            datafile.encryption_available(), self)
        self.settings_dialog.exec()

    def edit_encryption(self, parent=None) -> bool:
        """Encrypt, change the passphrase or decrypt; the database is reopened with the key."""
        from ui.dialogs.encryption import EncryptionDialog

        def let_go() -> None:
            self._wait_for_all()
            self._disconnect()

        dialog = EncryptionDialog(self.ops, datafile.is_encrypted(self.db), let_go,
                                  self._error, parent or self)
        self.encryption_dialog = dialog
        if dialog.exec():
            self.statusBar().showMessage(self.tr("Encryption updated."), 8000)
            return True
        return False
