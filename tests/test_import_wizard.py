"""The import wizard with the new choices: an Excel workbook's columns matched under its
title row, and the valid records imported while the refused ones go beside the file."""

from __future__ import annotations

import openpyxl

from keyaccounts import services as sv
from tests.test_import_files import wecom_workbook


def make_wizard(qtbot, db):
    from ui.dialogs.import_wizard import ImportWizard
    from ui.operations import Operations
    from ui.worker import DbWorker

    wizard = ImportWizard(Operations(db, DbWorker()))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_workbook_columns_matched_under_the_title_row_and_refused_rows_set_aside(
        qtbot, db, settings, tmp_path):
    path = wecom_workbook(tmp_path / "通讯录.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["成员"]["E5"] = "not-an-email"  # 李娜's row
    wb.save(path)
    wizard = make_wizard(qtbot, db)
    wizard.file_page.path.setText(str(path))
    wizard.file_page.skip_invalid.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    fields = [c.currentData() for c in wizard.mapping_page.combos]
    assert fields == ["name", "title", "phone", "phone", "email", "account", "birthday"]
    wizard.next()
    wizard.worker.wait()
    page = wizard.preview_page
    assert page.isComplete() and page.model.rowCount() == 3
    assert "通讯录.refused.xlsx" in page.summary.text()
    assert "sheet 成员, row 5, email=not-an-email" in page.errors.toPlainText()
    wizard.accept()
    wizard.worker.wait()
    assert {c.name for c in sv.list_contacts(db)} == {"张伟", "王强", "赵敏"}
    back = openpyxl.load_workbook(tmp_path / "通讯录.refused.xlsx").active
    assert [r[0] for r in back.iter_rows(min_row=4, values_only=True)] == ["李娜"]


def test_an_encoding_chosen_in_the_wizard(qtbot, db, settings, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("account,name\nMüller GmbH,Jürgen Müller\n".encode("latin-1"))
    wizard = make_wizard(qtbot, db)
    wizard.file_page.path.setText(str(path))
    wizard.next()
    wizard.next()
    wizard.worker.wait()
    page = wizard.preview_page
    assert not page.isComplete() and "--encoding" in page.errors.toPlainText()
    wizard.back()
    wizard.back()
    wizard.file_page.encoding.setCurrentIndex(wizard.file_page.encoding.findData("latin-1"))
    wizard.next()
    assert [c.currentData() for c in wizard.mapping_page.combos] == ["account", "name"]
    wizard.next()
    wizard.worker.wait()
    assert page.isComplete()
    wizard.accept()
    wizard.worker.wait()
    assert [c.name for c in sv.list_contacts(db)] == ["Jürgen Müller"]
