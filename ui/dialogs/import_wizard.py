"""The import wizard: choose a file, map CSV or Excel columns, preview, import.

It uses the same reader and checks as ``keyaccounts import``: the same errors,
each with its file, line (or sheet and row) and field, and nothing written until
every row is sound — or, when chosen, the sound rows imported and the refused
ones written unchanged to a file beside the original.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from keyaccounts.io import importer
from keyaccounts.domain.errors import KeyAccountsError
from ui import labels
from ui.operations import EVERYTHING, Operations
from ui.widgets.tables import RecordModel, Role, tab_leaves
from ui.text import arg


def field_label(name: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "account": QCoreApplication.translate("ImportWizard", "Account"),
        "name": QCoreApplication.translate("ImportWizard", "Name"),
        "family": QCoreApplication.translate("ImportWizard", "Family name"),
        "given": QCoreApplication.translate("ImportWizard", "Given name"),
        "title": QCoreApplication.translate("ImportWizard", "Title"),
        "level": QCoreApplication.translate("ImportWizard", "Level"),
        "role": QCoreApplication.translate("ImportWizard", "Role"),
        "email": QCoreApplication.translate("ImportWizard", "Email"),
        "phone": QCoreApplication.translate("ImportWizard", "Phone"),
        "birthday": QCoreApplication.translate("ImportWizard", "Birthday"),
        "calendar": QCoreApplication.translate("ImportWizard", "Calendar (solar / lunar)"),
        "leap": QCoreApplication.translate("ImportWizard", "Leap month"),
    }[name]


class FilePage(QWizardPage):
    def __init__(self, accounts: list[str], parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("CSV (UTF-8 or GBK, comma or semicolon, English or Chinese "
                                 "headers), an Excel workbook (.xlsx), or vCard from Apple, "
                                 "Google, Outlook or Android."))
        self.path = QLineEdit(self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self.browse)
        self.account = QComboBox(self)
        self.account.setEditable(True)
        self.account.addItem("")
        self.account.addItems(accounts)
        self.skip = QRadioButton(self.tr("Skip contacts that exist already"), self)
        self.merge = QRadioButton(self.tr("Merge them: add what is new"), self)
        self.skip.setChecked(True)
        self.encoding = QComboBox(self)  # when the text's encoding cannot be told
        self.encoding.addItem(self.tr("Automatic"), None)
        for name, label in (("utf-8", "UTF-8"), ("gb18030", "GB18030 / GBK"),
                            ("big5", "Big5"), ("shift_jis", "Shift-JIS"),
                            ("latin-1", "Latin-1 (ISO-8859-1)"), ("cp1252", "Windows-1252")):
            self.encoding.addItem(label, name)
        self.skip_invalid = QCheckBox(self.tr("Import the valid records and put the refused "
                                              "ones in a file beside this one"), self)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("&File:"), row)
        form.addRow(self.tr("Put all in &account:"), self.account)
        form.addRow(self.tr("Duplicates:"), self.skip)
        form.addRow("", self.merge)
        form.addRow(self.tr("&Encoding:"), self.encoding)
        form.addRow(self.tr("Problems:"), self.skip_invalid)
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())

    def browse(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("Import contacts"), str(Path.home()),
            self.tr("Contacts (*.csv *.xlsx *.vcf *.vcard);;All files (*)"))
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return Path(self.path.text()).is_file()

    def fmt(self) -> str:
        """csv, xlsx or vcard. Called by QWizard.nextId() from C++: it must never raise."""
        path = Path(self.path.text())
        try:
            with path.open("rb") as f:
                head = f.read(512)
        except OSError:
            head = b""
        return importer.detect_format(path, head)


class MappingPage(QWizardPage):
    """Which column holds which field (CSV and Excel); detected from the headers."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Each column of the file, with its first values: choose what "
                                 "it holds."))
        self.outer = QVBoxLayout(self)
        self.container: QWidget | None = None
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        # A fresh container each time: the file may have changed since the last visit.
        if self.container is not None:
            self.container.hide()
            self.container.deleteLater()
        self.container = QWidget(self)
        self.outer.addWidget(self.container)
        self.grid = QGridLayout(self.container)
        self.combos = []
        page = self.wizard().file_page
        try:
            headers, rows = importer.preview(Path(page.path.text()),
                                             encoding=page.encoding.currentData())
        except KeyAccountsError as exc:  # said again, with its place, on the preview
            self.grid.addWidget(QLabel(str(exc), self.container), 0, 0)
            return
        for n, header in enumerate(headers):
            combo = QComboBox(self.container)
            combo.addItem(self.tr("(ignore)"), None)
            for f in importer.FIELDS:
                combo.addItem(field_label(f), f)
            combo.setCurrentIndex(max(0, combo.findData(importer.header_field(header))))
            samples = ", ".join(r[n] for r in rows if n < len(r) and r[n])
            self.grid.addWidget(QLabel(f"<b>{header}</b>", self.container), n, 0)
            self.grid.addWidget(combo, n, 1)
            self.grid.addWidget(QLabel(samples[:60], self.container), n, 2)
            self.combos.append(combo)

    def mapping(self) -> dict[int, str]:
        return {n: c.currentData() for n, c in enumerate(self.combos) if c.currentData()}


class PreviewModel(RecordModel):
    """The plan's rows and what happens to each (a file of 5,000 contacts made 30,000
    items up front)."""

    def __init__(self, parent=None):
        super().__init__([], parent)
        self.headers = [self.tr("Line"), self.tr("Account"), self.tr("Name"), self.tr("Level"),
                        self.tr("Birthday"), self.tr("What happens")]
        self.status: dict[int, str] = {}

    def set_plan(self, rows: list, status: dict[int, str]) -> None:
        self.status = status
        self.set_records(rows)

    def data(self, index, role=Role.DISPLAY):
        if not index.isValid() or role != Role.DISPLAY:
            return None
        row = self.records[index.row()]
        return (str(row.line), row.account, row.name,
                labels.level(row.level) if row.level else "",
                str(row.birthday) if row.birthday else "",
                self.status.get(id(row), ""))[index.column()]


class PreviewPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Preview"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = tab_leaves(QTableView(self))
        self.model = PreviewModel(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setResizeContentsPrecision(200)  # not all 5,000 rows
        self.errors = QPlainTextEdit(self)
        self.errors.setReadOnly(True)
        self.errors.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.errors, 1)
        self.plan = None
        self.asked = None  # the latest reading asked for; older answers are dropped

    def initializePage(self) -> None:
        """Read and check the file on the worker (seconds for a large file), then show
        what would happen to each row."""
        wizard = self.wizard()
        self.plan = None
        self.model.set_plan([], {})
        self.errors.hide()
        self.table.show()
        self.summary.setText(self.tr("Reading the file…"))
        self.asked = asked = object()  # a Back and Next meanwhile asks again
        wizard.worker.submit(wizard.plan_job(), lambda plan: self._planned(asked, plan),
                             lambda error: self._failed(asked, error))

    def _failed(self, asked, error: BaseException) -> None:
        if asked is not self.asked:
            return
        if isinstance(error, importer.ImportFailed):
            self.summary.setText(self.tr("%n problem(s) found; nothing will be imported. "
                                         "Fix the file and try again.", "", len(error.problems)))
            self.errors.setPlainText("\n".join(error.problems))
            self.errors.show()
            self.table.hide()
        elif isinstance(error, KeyAccountsError):
            self.summary.setText(str(error))
        else:
            self.wizard().worker.show_error(error)
        self.completeChanged.emit()

    def _planned(self, asked, plan: importer.ImportPlan) -> None:
        if asked is not self.asked:
            return
        self.plan = plan
        self.summary.setText("\n".join(plan.summary().splitlines()[:1 + bool(plan.refused)]))
        if plan.refused or plan.warnings:  # what will not be imported as it stands
            self.errors.setPlainText("\n".join(
                [p for r in plan.refused for p in r.problems] + plan.warnings))
            self.errors.show()
        status = {id(r): self.tr("new") for r in plan.new}
        status.update({id(r): arg(self.tr("merge: %1"), why) for r, why in plan.merged})
        status.update({id(r): arg(self.tr("skip: %1"), why) for r, why in plan.skipped})
        self.model.set_plan(plan.rows, status)
        self.table.resizeColumnsToContents()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.plan is not None


class ImportWizard(QWizard):
    def __init__(self, ops: Operations, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Import contacts"))
        self.resize(760, 520)
        from keyaccounts.services.accounts import list_accounts

        self.file_page = FilePage([a.name for a in ops.read(list_accounts)], self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.addPage(self.file_page)
        self.mapping_id = self.addPage(self.mapping_page)
        self.addPage(self.preview_page)
        self.result_plan = None
        self.importing = False
        from ui.worker import DbWorker

        self.worker = DbWorker(self)  # reading, checking and importing a large file

    def nextId(self) -> int:
        if self.currentPage() is self.file_page and self.file_page.fmt() == "vcard":
            return self.pageIds()[2]  # no columns to map in a vCard
        return super().nextId()

    def plan_job(self):
        """What the preview asks the worker: read, check and plan the file as chosen."""
        db = self.ops.db
        path = Path(self.file_page.path.text())
        account = self.file_page.account.currentText().strip() or None
        fmt = self.file_page.fmt()
        mapping = self.mapping_page.mapping() if fmt != "vcard" else None
        duplicates = "merge" if self.file_page.merge.isChecked() else "skip"
        encoding = self.file_page.encoding.currentData()
        skip_invalid = self.file_page.skip_invalid.isChecked()

        def job() -> importer.ImportPlan:
            read = importer.read_file(path, fmt, account=account, mapping=mapping or None,
                                      encoding=encoding)
            return importer.plan(db, read, duplicates=duplicates, skip_invalid=skip_invalid)

        return job

    def accept(self) -> None:
        """Import on the worker, all or nothing; the wizard closes once it is done."""
        plan = self.preview_page.plan
        if plan is None or self.importing:
            return
        self.importing = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.preview_page.summary.setText(self.tr("Importing…"))
        db = self.ops.db

        def done(_result) -> None:
            self.result_plan = plan
            self.ops.changed.emit(EVERYTHING)
            super(ImportWizard, self).accept()

        def failed(error: BaseException) -> None:
            self.importing = False
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
            if isinstance(error, KeyAccountsError):
                self.preview_page.summary.setText(str(error))
            else:
                self.worker.show_error(error)

        self.worker.submit(lambda: importer.apply(db, plan), done, failed)

    def reject(self) -> None:
        if not self.importing:  # an import under way finishes (all or nothing) first
            super().reject()

