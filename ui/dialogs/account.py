"""The account editor: name, tier and why, industry, owner, status, renewal, revenue."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from keyaccounts import services
from keyaccounts.domain.errors import KeyAccountsError, ValidationError, VersionConflict
from keyaccounts.domain.numbers import parse_whole
from keyaccounts.domain.views import AccountView
from ui import labels
from ui.dialogs.forms import FormDialog, OptionalDate
from ui.operations import CHAIN, NOTHING, Operations


class AccountDialog(FormDialog):
    def __init__(self, ops: Operations, account: AccountView | None = None, parent=None):
        super().__init__(parent)
        self.ops, self.account, self.result_view = ops, account, None
        self.setWindowTitle(self.tr("Edit account") if account else self.tr("New account"))
        self.name = QLineEdit(self)
        self.tier = QComboBox(self)
        for t in labels.TIERS:
            self.tier.addItem(labels.tier(t), t)
        self.basis = QComboBox(self)
        for b in labels.TIER_BASES:
            self.basis.addItem(labels.tier_basis(b), b)
        self.tier_note = QLineEdit(self)
        self.tier_note.setPlaceholderText(self.tr("Why this tier, in a few words"))
        self.industry = QLineEdit(self)
        self.owner = QLineEdit(self)
        self.status = QComboBox(self)
        for s in labels.STATUSES:
            self.status.addItem(labels.status(s), s)
        self.renewal = OptionalDate(self)
        self.revenue = QLineEdit(self)
        self.revenue.setPlaceholderText(self.tr("Whole amount per year"))
        self.form.addRow(self.tr("&Name:"), self.name)
        self.form.addRow(self.tr("&Tier:"), self.tier)
        self.form.addRow(self.tr("Tier &because of:"), self.basis)
        self.form.addRow(self.tr("Tier &note:"), self.tier_note)
        self.form.addRow(self.tr("&Industry:"), self.industry)
        self.form.addRow(self.tr("&Owner:"), self.owner)
        self.form.addRow(self.tr("&Status:"), self.status)
        self.form.addRow(self.tr("&Renewal date:"), self.renewal)
        self.form.addRow(self.tr("Revenue per &year:"), self.revenue)
        self.fields = {"name": self.name, "tier": self.tier, "tier_basis": self.basis,
                       "industry": self.industry, "owner": self.owner, "status": self.status,
                       "renewal": self.renewal, "annual_revenue": self.revenue}
        self.conflict = None  # the "changed meanwhile" message, while it shows
        if account:
            self._fill(account)
        else:
            self.tier.setCurrentIndex(self.tier.findData("C"))

    def _fill(self, account: AccountView) -> None:
        self.name.setText(account.name)
        self.tier.setCurrentIndex(self.tier.findData(account.tier))
        self.basis.setCurrentIndex(self.basis.findData(account.tier_basis))
        self.tier_note.setText(account.tier_note)
        self.industry.setText(account.industry)
        self.owner.setText(account.owner)
        self.status.setCurrentIndex(self.status.findData(account.status))
        self.renewal.set_value(account.renewal)
        self.revenue.setText("" if account.annual_revenue is None
                             else str(account.annual_revenue))

    def _changed_meanwhile(self, exc: VersionConflict) -> None:
        """Someone saved the account since this copy was read: say who, offer Reload
        (their version in the form, to edit again) or Cancel (keep this form as it is)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Changed meanwhile"), str(exc),
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr("Reload shows the saved version here; make your "
                                       "changes again on it."))
        reload = box.addButton(self.tr("&Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(reload)

        def answered(button) -> None:
            self.conflict = None
            if button is reload:
                account = self.account
                try:
                    self.account = self.ops.run_now(
                        lambda db: services.find_account(db, account.id), NOTHING)
                except KeyAccountsError as error:
                    self.show_error(error)
                    return
                self._fill(self.account)
                self.error.hide()
                self.name.setFocus()

        box.buttonClicked.connect(answered)
        self.conflict = box
        box.open()

    def accept(self) -> None:
        revenue = self.revenue.text().strip()
        try:
            revenue = parse_whole(revenue, "annual_revenue", thousands=True) if revenue else None
        except ValidationError as exc:
            self.show_error(exc)
            return
        fields = dict(tier=self.tier.currentData(), tier_basis=self.basis.currentData(),
                      tier_note=self.tier_note.text(), industry=self.industry.text(),
                      owner=self.owner.text(), status=self.status.currentData(),
                      renewal_date=self.renewal.value(),
                      annual_revenue=revenue)
        name, account = self.name.text(), self.account
        try:
            if account:
                self.result_view = self.ops.run_now(lambda db: services.update_account(
                    db, account.id, name=name, if_version=account.version, **fields), CHAIN)
            else:
                self.result_view = self.ops.run_now(lambda db: services.add_account(
                    db, name, **fields), CHAIN)
        except VersionConflict as exc:
            self._changed_meanwhile(exc)
            return
        except KeyAccountsError as exc:
            self.show_error(exc)
            return
        super().accept()
