"""The accounts list: a model/view table with search-as-you-type and filters; health,
and the customer value (RFM segment, contribution, lifetime value) once loaded."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QEvent,
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QPushButton,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.domain import clock, formats
from keyaccounts.domain import value as customer_value
from keyaccounts.domain.views import AccountRow
from ui import labels
from ui.colors import OVERDUE
from ui.icons import icon
from ui.style import styled
from ui.widgets.tables import Role, tab_leaves
from ui.text import arg

ROW_ROLE = Role.USER + 1
RIGHT_VCENTER = 0x0002 | 0x0080  # Qt.AlignmentFlag.AlignRight | AlignVCenter (see Role)


class AccountsModel(QAbstractTableModel):
    (NAME, TIER, HEALTH, SEGMENT, STATUS, INDUSTRY, OWNER, RENEWAL, LAST, OPEN, CONTRIBUTION,
     CLV) = range(12)
    VALUE_COLUMNS = (SEGMENT, CONTRIBUTION, CLV)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AccountRow] = []
        self.health: dict[int, tuple[int, str, int | None]] = {}
        self.value: dict[int, customer_value.AccountValue] = {}
        self.today = clock.today()
        self.sort_column, self.sort_order = self.NAME, Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: list[AccountRow], today: date, health=None) -> None:
        self.beginResetModel()
        self.today = today
        self.health = health or {}
        self.rows = self._sorted(rows)
        self.endResetModel()

    def set_value(self, values: list[customer_value.AccountValue]) -> None:
        """The customer value of the active portfolio (an account outside it shows none)."""
        self.value = {v.account_id: v for v in values}
        if self.sort_column in self.VALUE_COLUMNS:
            self.sort(self.sort_column, self.sort_order)
        elif self.rows:
            for column in self.VALUE_COLUMNS:
                self.dataChanged.emit(self.index(0, column),
                                      self.index(len(self.rows) - 1, column))

    def segment(self, account_id: int) -> str | None:
        found = self.value.get(account_id)
        return None if found is None else found.rfm.segment

    def set_health(self, health: dict) -> None:
        self.health = health
        if self.sort_column == self.HEALTH:
            self.sort(self.sort_column, self.sort_order)
        elif self.rows:
            self.dataChanged.emit(self.index(0, self.HEALTH),
                                  self.index(len(self.rows) - 1, self.HEALTH))

    # The model sorts itself, by keys computed once per row: a proxy would ask for
    # them through data() at every comparison (tens of thousands of calls).
    def _sort_key(self, column: int):
        health, value = self.health, self.value
        order = {name: n for n, name in enumerate(customer_value.SEGMENT_NAMES)}
        none = len(order)
        keys = {
            self.NAME: lambda r: r.account.name.casefold(),
            self.TIER: lambda r: r.account.tier,
            self.HEALTH: lambda r: health.get(r.account.id, (-1,))[0],
            self.STATUS: lambda r: labels.status(r.account.status).casefold(),
            self.INDUSTRY: lambda r: r.account.industry.casefold(),
            self.OWNER: lambda r: r.account.owner.casefold(),
            self.RENEWAL: lambda r: r.account.renewal.toordinal() if r.account.renewal
            else 10**7,
            self.LAST: lambda r: r.last_contact.toordinal() if r.last_contact else 0,
            self.OPEN: lambda r: r.overdue_followups * 10_000 + r.open_followups,
            # best segment first; an account without a value after every other
            self.SEGMENT: lambda r: order[value[r.account.id].rfm.segment]
            if r.account.id in value else none,
            self.CONTRIBUTION: lambda r: value[r.account.id].contribution.contribution
            if r.account.id in value else -10**18,
            self.CLV: lambda r: value[r.account.id].clv if r.account.id in value else -10**18,
        }
        key = keys[column]
        return lambda r: (key(r), r.account.name.casefold())

    def _sorted(self, rows: list[AccountRow]) -> list[AccountRow]:
        return sorted(rows, key=self._sort_key(self.sort_column),
                      reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self.rows[i.row()].account.id for i in before]
        self.rows = self._sorted(self.rows)
        where = {r.account.id: n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(
            before, [self.index(where[aid], i.column()) for aid, i in zip(ids, before)])
        self.layoutChanged.emit()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 12

    def headerData(self, section, orientation, role=Role.DISPLAY):
        if orientation != Qt.Orientation.Horizontal or role != Role.DISPLAY:
            return None
        return (self.tr("Account"), self.tr("Tier"), self.tr("Health"), self.tr("Segment"),
                self.tr("Status"), self.tr("Industry"),
                self.tr("Owner"), self.tr("Renewal"), self.tr("Last contact"),
                self.tr("Follow-ups"), self.tr("Contribution"), self.tr("CLV"))[section]

    def data(self, index: QModelIndex, role=Role.DISPLAY):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        a, col = row.account, index.column()
        if role == ROW_ROLE:
            return row
        if role == Role.DISPLAY:
            if col == self.NAME:
                return a.name
            if col == self.TIER:
                return a.tier
            if col == self.HEALTH:
                if a.id not in self.health:
                    return ""
                score, _band, before = self.health[a.id]
                arrow = "" if before is None else (
                    " ▲" if score - before >= 5 else " ▼" if before - score >= 5 else " →")
                return f"{score}{arrow}"
            if col in self.VALUE_COLUMNS:
                v = self.value.get(a.id)
                if v is None:
                    return ""
                if col == self.SEGMENT:
                    return v.rfm.segment_label
                return formats.number(v.contribution.contribution if col == self.CONTRIBUTION
                                      else v.clv)
            if col == self.STATUS:
                return labels.status(a.status)
            if col == self.INDUSTRY:
                return a.industry
            if col == self.OWNER:
                return a.owner
            if col == self.RENEWAL:
                return a.renewal.isoformat() if a.renewal else ""
            if col == self.LAST:
                if row.last_contact is None:
                    return self.tr("never")
                return formats.relative_day(row.last_contact, self.today)
            if col == self.OPEN:
                if not row.open_followups:
                    return ""
                if row.overdue_followups:
                    return arg(self.tr("%1 open, %2 overdue"), row.open_followups, 
                        row.overdue_followups)
                return arg(self.tr("%1 open"), row.open_followups)
        if role == Role.FOREGROUND and col == self.OPEN and row.overdue_followups:
            return OVERDUE
        if role == Role.DECORATION and col == self.HEALTH and a.id in self.health:
            from ui.widgets.charts import BAND_COLOURS

            return QColor(BAND_COLOURS[self.health[a.id][1]])
        if role == Role.TOOLTIP and col == self.HEALTH and a.id in self.health:
            score, band, before = self.health[a.id]
            if before is None:
                return str(score)
            return arg(self.tr("%1 now, %2 thirty days ago"), score, before)
        if role == Role.TOOLTIP and col in self.VALUE_COLUMNS and a.id in self.value:
            v = self.value[a.id]
            if col == self.SEGMENT:
                return arg(self.tr("RFM %1-%2-%3: recency, frequency and monetary value, "
                                   "each scored 1 to 5"), v.rfm.r, v.rfm.f, v.rfm.m)
            if col == self.CONTRIBUTION:
                return self.tr("Revenue of the last 12 months less the cost of goods and "
                               "the contact effort")
            return arg(self.tr("Lifetime value: %1"), v.lifetime.formula)
        if role == Role.ALIGNMENT and col in (self.CONTRIBUTION, self.CLV):
            return RIGHT_VCENTER
        if role == Role.FONT and col in (self.NAME, self.TIER) and a.tier == "A":
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.TOOLTIP and col == self.TIER:
            basis = labels.tier_basis(a.tier_basis)
            return f"{labels.tier(a.tier)} — " + (formats.labelled(basis, a.tier_note) if a.tier_note
                                                      else basis)
        return None


class AccountsFilter(QSortFilterProxyModel):
    """Text (name, industry, owner) and tier / status / owner / segment filters."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = ""
        self.tier = self.status = self.owner = self.segment = None
        self.only: set[int] | None = None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (see AccountsModel.sort); this only filters."""
        self.sourceModel().sort(column, order)

    def set_filter(self, **kw) -> None:
        self.beginFilterChange()
        for key, value in kw.items():
            setattr(self, key, value)
        self.text = self.text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        row: AccountRow = self.sourceModel().rows[source_row]
        a = row.account
        if self.only is not None and a.id not in self.only:
            return False
        if self.tier and a.tier != self.tier:
            return False
        if self.status and a.status != self.status:
            return False
        if self.owner is not None and a.owner != self.owner:
            return False
        if self.segment and self.sourceModel().segment(a.id) != self.segment:
            return False
        if self.text:
            hay = f"{a.name}\n{a.industry}\n{a.owner}".casefold()
            return self.text in hay
        return True


class AccountsList(QWidget):
    """The list side of the Accounts page. Narrow (a 13-inch laptop), it leaves out the
    columns a reader misses least, industry, contribution and lifetime value (the Value tab
    has them), owner, then renewal, rather than push the last contact behind a scroll
    bar."""

    FIT_ORDER = (AccountsModel.INDUSTRY, AccountsModel.CONTRIBUTION, AccountsModel.CLV,
                 AccountsModel.OWNER, AccountsModel.RENEWAL, AccountsModel.SEGMENT,
                 AccountsModel.OPEN)
    NAME_WIDTH = 200

    account_activated = Signal(int)

    def __init__(self, parent=None, settings=None):
        super().__init__(parent)
        self.settings = settings  # the filters are remembered there, when given
        self.model = AccountsModel(self)
        self.proxy = AccountsFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Filter accounts…"))
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.tier = QComboBox(self)
        self.tier.addItem(self.tr("All tiers"), None)
        for t in labels.TIERS:
            self.tier.addItem(labels.tier(t), t)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("All statuses"), None)
        for s in labels.STATUSES:
            self.status.addItem(labels.status(s), s)
        self.owner = QComboBox(self)
        self.owner.addItem(self.tr("All owners"), None)
        self.owner.hide()  # until the list has accounts with an owner
        self.owner.setToolTip(self.tr("Owner"))
        self.segment = QComboBox(self)
        self.segment.addItem(self.tr("All segments"), None)
        for name in customer_value.SEGMENT_NAMES:
            self.segment.addItem(customer_value.segment_label(name), name)
        self.segment.setToolTip(self.tr("Customer-value segment (RFM)"))

        self.view = tab_leaves(QTableView(self))
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(AccountsModel.NAME, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(AccountsModel.NAME, 200)
        header.resizeSection(AccountsModel.TIER, 40)
        header.resizeSection(AccountsModel.STATUS, 70)
        header.resizeSection(AccountsModel.HEALTH, 64)
        self.only_bar = QPushButton(self)
        self.only_bar.setFlat(True)
        self.only_bar.hide()
        self.only_bar.clicked.connect(lambda: self.show_only(None))
        self.count = QLabel(self)

        self.empty = QLabel(self.tr(
            "No accounts yet.\nAdd one with Ctrl+N, or import your contacts."), self)
        styled(self.empty, "emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedLayout()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        # The filter on a row of its own, the choices under it, each able to shrink: at
        # 1024 px side by side they left the filter three characters wide.
        self.search.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
        filters = QHBoxLayout()
        for combo in (self.tier, self.status, self.owner, self.segment):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            filters.addWidget(combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.only_bar)
        layout.addLayout(self.stack, 1)
        layout.addWidget(self.count)

        self._restore_filters()
        self.search.textChanged.connect(lambda text: self._refilter())
        for combo in self.filters().values():
            combo.currentIndexChanged.connect(lambda _i: self._filter_chosen())
        self.view.activated.connect(self._activated)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._activated(current))
        self.view.viewport().installEventFilter(self)

    def filters(self) -> dict[str, QComboBox]:
        """The choices under the search, by the name they are remembered under."""
        return {"tier": self.tier, "status": self.status, "owner": self.owner,
                "segment": self.segment}

    def _restore_filters(self) -> None:
        """The choices of the last session (an owner's once the list has its owners)."""
        self._wanted_owner = None
        if self.settings is None:
            return
        for name, combo in self.filters().items():
            key = f"accounts/{name}"
            if not self.settings.contains(key):
                continue
            chosen = str(self.settings.value(key) or "")
            if name == "owner":
                self._wanted_owner = chosen
            else:
                combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def _filter_chosen(self) -> None:
        if self.settings is not None:
            for name, combo in self.filters().items():
                if name == "owner" and self._wanted_owner is not None:
                    continue  # kept for when the owners are in
                key = f"accounts/{name}"
                if combo.currentData() is None:
                    self.settings.remove(key)
                else:
                    self.settings.setValue(key, combo.currentData())
        self._refilter()

    def eventFilter(self, obj, event):
        if obj is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns(event.size().width() - 4)
        return super().eventFilter(obj, event)

    def _fit_columns(self, room: int) -> None:
        header = self.view.horizontalHeader()
        for column in self.FIT_ORDER:
            header.setSectionHidden(column, False)
        header.resizeSection(AccountsModel.NAME, max(header.sectionSize(AccountsModel.NAME),
                                                     self.NAME_WIDTH))
        shown = lambda: [c for c in range(self.model.columnCount())
                         if not header.isSectionHidden(c)]
        # The last shown column stretches, from its default width (room for a date).
        last_room = max(header.defaultSectionSize(),
                        self.fontMetrics().horizontalAdvance("2026-12-31") + 24)
        wanted = lambda: sum(header.sectionSize(c) for c in shown()[:-1]) + last_room
        for column in self.FIT_ORDER:
            if wanted() <= room:
                break
            header.setSectionHidden(column, True)
        if wanted() > room:  # the names give way last, down to a short name
            others = wanted() - header.sectionSize(AccountsModel.NAME)
            header.resizeSection(AccountsModel.NAME, max(room - others,
                                                         self.fontMetrics().averageCharWidth() * 12))

    def set_rows(self, rows: list[AccountRow], today: date, health=None) -> None:
        selected = self.current_account_id()
        self.model.set_rows(rows, today, health)
        self._set_owners(rows)
        self._refilter()
        if selected is not None:
            self.select_account(selected, emit=False)

    def _set_owners(self, rows: list[AccountRow]) -> None:
        """The owner filter's choices: every owner, and "No owner" when some accounts
        have one and others none; hidden when no account has an owner (a file of one's
        own)."""
        owners = sorted({r.account.owner for r in rows if r.account.owner}, key=str.casefold)
        chosen = self.owner.currentData()
        if self._wanted_owner is not None:
            chosen, self._wanted_owner = self._wanted_owner, None
        self.owner.blockSignals(True)
        self.owner.clear()
        self.owner.addItem(self.tr("All owners"), None)
        for o in owners:
            self.owner.addItem(o, o)
        if owners and any(not r.account.owner for r in rows):
            self.owner.addItem(self.tr("No owner"), "")
        self.owner.setCurrentIndex(max(0, self.owner.findData(chosen)))
        self.owner.blockSignals(False)
        self.owner.setVisible(bool(owners))

    def show_owner(self, owner: str | None) -> None:
        """Filter the list by an owner (None, or "" where no account has an owner: all)."""
        self.owner.setCurrentIndex(max(0, self.owner.findData(owner)))

    def set_value(self, values) -> None:
        """The customer value of the active portfolio: the segment, contribution and CLV
        columns, and the segment filter."""
        self.model.set_value(values)
        self._refilter()

    def show_segment(self, segment: str | None) -> None:
        """Filter the list by a customer-value segment (None: every segment)."""
        self.segment.setCurrentIndex(max(0, self.segment.findData(segment)))

    def show_only(self, ids: set[int] | None) -> None:
        """Restrict the list to *ids* (from a chart), or show all again."""
        self.proxy.set_filter(only=ids)
        self.only_bar.setVisible(ids is not None)
        if ids is not None:
            self.only_bar.setText(self.tr("%n account(s) from the chart — click to show all",
                                          "", len(ids)))
        self._refilter()

    def _refilter(self) -> None:
        self.proxy.set_filter(text=self.search.text(), tier=self.tier.currentData(),
                              status=self.status.currentData(), owner=self.owner.currentData(),
                              segment=self.segment.currentData())
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.stack.setCurrentWidget(self.view if total else self.empty)
        if shown == total:
            self.count.setText(self.tr("%n account(s)", "", total))
        else:
            self.count.setText(arg(self.tr("%1 of %n account(s)", "", total), shown))

    def current_account_id(self) -> int | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return index.data(ROW_ROLE).account.id

    def select_account(self, account_id: int, emit: bool = True) -> bool:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(ROW_ROLE).account.id == account_id:
                # Quietly, then once: a changed current row would announce it too,
                # and the account page was read and shown twice.
                self.view.selectionModel().blockSignals(True)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                self.view.selectionModel().blockSignals(False)
                self.view.viewport().update()  # the view missed the change: repaint it
                if emit:
                    self.account_activated.emit(account_id)
                return True
        return False

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.account_activated.emit(index.data(ROW_ROLE).account.id)
