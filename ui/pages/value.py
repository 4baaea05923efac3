"""The account page's Value tab: the customer value explained point by point — the RFM
scores and the segment they give, the contribution of the last 12 months from revenue
down, and the lifetime value (CLV) with every input of its formula — and the account's
own margin and retention set by hand, with the reason."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.domain import formats
from keyaccounts.domain import value as customer_value
from ui import labels
from ui.colors import OVERDUE
from ui.dialogs.forms import FormDialog
from ui.style import styled
from ui.text import arg


def percent(rate: float) -> str:
    return f"{formats.number(rate * 100, 1 if round(rate * 100, 1) % 1 else 0)} %"


class ValueView(QWidget):
    """Shows one :class:`~keyaccounts.domain.value.AccountValue`."""

    edit_value = Signal(int)  # account id: its own margin and retention

    def __init__(self, parent=None):
        super().__init__(parent)
        self.value: customer_value.AccountValue | None = None
        self.heading = QLabel(self)
        styled(self.heading, "pageTitle")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Figure"), self.tr("Value"), self.tr("How")])
        self.tree.header().resizeSection(0, 200)
        self.tree.header().resizeSection(1, 120)
        self.tree.setUniformRowHeights(True)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.edit_button = QPushButton(self.tr("Own margin and retention…"), self)
        self.edit_button.setToolTip(self.tr(
            "Set this account's margin rate, or its retention with the reason"))
        self.edit_button.clicked.connect(
            lambda: self.value is not None and self.edit_value.emit(self.value.account_id))
        buttons = QHBoxLayout()
        buttons.addWidget(self.notes, 1)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def rows(self) -> list[tuple[str, str, str]]:
        """What the tree shows, row by row (children indented): for tests and copying."""
        out = []

        def walk(item: QTreeWidgetItem, depth: int) -> None:
            out.append(("  " * depth + item.text(0), item.text(1), item.text(2)))
            for n in range(item.childCount()):
                walk(item.child(n), depth + 1)

        for n in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(n), 0)
        return out

    def _row(self, parent, figure: str, value: str, how: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [figure, value, how])
        item.setToolTip(2, how)
        return item

    def show_value(self, v: customer_value.AccountValue) -> None:
        self.value = v
        r, c, life = v.rfm, v.contribution, v.lifetime
        self.heading.setText(arg(self.tr("%1 · contribution %2 · lifetime value %3"),
                                 r.segment_label, formats.money(c.contribution),
                                 formats.money(life.clv)))
        self.tree.clear()
        tree = self.tree

        # RFM: three scores and the segment they give
        rfm = self._row(tree, self.tr("RFM segment"), r.segment_label,
                        arg(self.tr("scores %1-%2-%3 among %4 accounts"), r.r, r.f, r.m,
                            r.ranked_among))
        self._row(rfm, self.tr("Recency (R)"), f"{r.r} / 5",
                  self.tr("never ordered: the least recent") if r.recency_days is None else
                  self.tr("%n day(s) since the last order", "", r.recency_days))
        self._row(rfm, self.tr("Frequency (F)"), f"{r.f} / 5",
                  self.tr("%n order(s) in the last 12 months", "", r.frequency))
        self._row(rfm, self.tr("Monetary (M)"), f"{r.m} / 5",
                  arg(self.tr("%1 ordered in the last 12 months"), formats.money(r.monetary)))
        segment = customer_value.segment_of(r.r, r.f, r.m)
        self._row(rfm, self.tr("Segment"), r.segment_label, arg(self.tr(
            "recency %1 (at least %2) and the mean of frequency and monetary %3 (at least "
            "%4): the first row of the segment table that fits"), r.r, segment.r_min,
            formats.number((r.f + r.m) / 2, 1), formats.number(segment.fm_min)))
        self._row(rfm, self.tr("Decision-maker contact"),
                  self.tr("none") if r.decision_maker_days is None else formats.relative_day(
                      v.as_of - timedelta(days=r.decision_maker_days), v.as_of),
                  self.tr("the last contact with a decision maker or an executive (shown, "
                          "not scored)"))
        rfm.setExpanded(True)

        # contribution: revenue down to what is left
        total = self._row(tree, self.tr("Contribution (12 months)"),
                          formats.number(c.contribution),
                          self.tr("revenue - cost of goods - contact effort"))
        self._row(total, self.tr("Revenue"), formats.number(c.revenue),
                  self.tr("orders of the last 12 months") if c.revenue_source == "orders"
                  else self.tr("no order yet: the recorded yearly revenue"))
        self._row(total, self.tr("Cost of goods"), formats.number(-c.cost_of_goods), arg(
            self.tr("revenue × (1 - margin %1, %2)"), percent(c.margin_rate),
            self.tr("the account's own") if c.margin_source == "account"
            else self.tr("the portfolio's")))
        effort = self._row(total, self.tr("Contact effort"), formats.number(-c.contact_effort),
                           self.tr("interactions of the last 12 months × the cost of their "
                                   "kind (Settings)") if c.effort_by_kind else
                           self.tr("no interaction in the last 12 months"))
        for kind, (n, cost) in c.effort_by_kind.items():
            self._row(effort, labels.kind(kind), formats.number(-cost),
                      f"{n} × {formats.number(cost // n if n else 0)}")
        effort.setExpanded(True)
        total.setExpanded(True)
        if c.contribution < 0:
            total.setForeground(1, QBrush(OVERDUE))

        # lifetime value: the formula and its inputs
        kept = life.retention
        clv = self._row(tree, self.tr("Lifetime value (CLV)"), formats.number(life.clv),
                        self.tr("contribution × r / (1 + d - r)"))
        self._row(clv, self.tr("Yearly contribution"), formats.number(life.contribution),
                  self.tr("the last 12 months'"))
        source = {
            "tier": arg(self.tr("tier %1: %2 of %3 accounts of a year ago still active"),
                        v.tier, kept.kept, kept.present),
            "portfolio": arg(self.tr("the whole portfolio (no tier-%1 account a year ago): "
                                     "%2 of %3 still active"), v.tier, kept.kept, kept.present),
            "default": self.tr("no year of history yet: the default"),
            "override": arg(self.tr("set by hand: %1"), kept.reason),
        }[kept.source]
        self._row(clv, self.tr("Retention (r)"), percent(kept.rate), source)
        self._row(clv, self.tr("Discount rate (d)"), percent(life.discount_rate),
                  self.tr("a portfolio setting (Settings)"))
        self._row(clv, self.tr("Formula"), formats.number(life.clv), life.formula)
        clv.setExpanded(True)
        self.notes.setText("\n".join(v.notes))


class AccountValueDialog(FormDialog):
    """An account's own margin rate (empty: the portfolio's) and retention set by hand
    (empty: from the portfolio's history), which needs its reason."""

    def __init__(self, ops, account_id: int, current: customer_value.AccountValue | None,
                 parent=None):
        super().__init__(parent)
        self.ops, self.account_id = ops, account_id
        self.setWindowTitle(self.tr("Own margin and retention"))
        self.margin = QLineEdit(self)
        self.margin.setPlaceholderText(self.tr("empty: the portfolio's (e.g. 0.25 or 25%)"))
        self.retention = QLineEdit(self)
        self.retention.setPlaceholderText(self.tr("empty: from the portfolio's history"))
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(self.tr("Needed with a retention set by hand"))
        if current is not None:  # what is set now: the account's own figures only
            own = current.contribution.margin_source == "account"
            kept = current.lifetime.retention
            if own:
                self.margin.setText(percent(current.contribution.margin_rate).replace(" ", ""))
            if kept.source == "override":
                self.retention.setText(percent(kept.rate).replace(" ", ""))
                self.reason.setText(kept.reason)
        self.form.addRow(self.tr("&Margin rate:"), self.margin)
        self.form.addRow(self.tr("&Retention rate:"), self.retention)
        self.form.addRow(self.tr("Re&ason:"), self.reason)
        self.fields = {"margin": self.margin, "retention": self.retention,
                       "reason": self.reason}

    def accept(self) -> None:
        from keyaccounts.domain.errors import KeyAccountsError
        from keyaccounts.services import value
        from ui.operations import Changes

        margin, retention = self.margin.text().strip(), self.retention.text().strip()
        reason, account_id = self.reason.text(), self.account_id
        try:
            self.ops.run_now(lambda db: value.set_account_value(
                db, account_id, margin_rate=margin or None, retention=retention or None,
                reason=reason if retention else "", clear_margin=not margin,
                clear_retention=not retention), Changes(accounts=True, account=True))
        except KeyAccountsError as exc:
            self.show_error(exc)
            return
        super().accept()
