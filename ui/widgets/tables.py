"""A read-only list of records in a table: whole rows selected, one at a time; and the
item data roles that models answer."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QAbstractTableModel, QModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


class Role:
    """The values of ``Qt.ItemDataRole`` that our models answer (Qt hands a model its
    role as a plain int).

    Naming anything in PySide's ``Qt`` namespace builds all of its ~90 enum types at
    once, some 12 ms — a tenth of the start to the painted Today page, which needs none
    of them. So the models, the tables and whatever else runs before the first frame
    leave that namespace alone (a test holds these values to Qt's; another that the
    first frame never builds the namespace)."""

    DISPLAY = 0
    DECORATION = 1
    TOOLTIP = 3
    FONT = 6
    ALIGNMENT = 7
    FOREGROUND = 9
    USER = 0x100


LEFT_VCENTER = 0x0001 | 0x0080  # Qt.AlignmentFlag.AlignLeft | AlignVCenter


class RecordModel(QAbstractTableModel):
    """Records, one a row, under fixed column headers: a view asks only for the rows it
    shows (thousands of alerts, a file of 5,000 contacts). Subclasses give data()."""

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.headers = headers
        self.records: list = []

    def set_records(self, records: list) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Role.DISPLAY):
        """The headers, for whoever asks the model (screen readers); a record_table's
        header shows them from a model of its own."""
        if role == Role.DISPLAY and orientation == QtCore.Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


def tab_leaves(view: QAbstractItemView) -> QAbstractItemView:
    """*view* with Tab going on to the next field and the arrows moving within it. Qt's
    tables take Tab for their next cell: a user tabbing through a page was caught in
    its first table, and in the accounts list Tab even changed the account shown."""
    view.setTabKeyNavigation(False)
    return view


def record_table(parent, model: RecordModel, widths: tuple[int, ...] = (),
                 row_padding: int = 8) -> QTableView:
    """A table view of *model*: no grid, no wrapping, rows of one fixed height (so a
    view of thousands of rows asks only for those it paints), the last column
    stretched, the others *widths* wide."""
    view = tab_leaves(QTableView(parent))
    rows, columns = view.verticalHeader(), view.horizontalHeader()
    # The header shows the model's headers from a model of its own, in C++, and neither
    # header looks at the model while the view takes it: asking the model's headerData()
    # hands it a Qt.Orientation, which builds Qt's namespace of enums (see Role).
    rows.hide()
    columns.hide()
    view.setModel(model)
    labels = QStandardItemModel(0, len(model.headers), view)
    for column, text in enumerate(model.headers):
        label = QStandardItem(text)
        label.setData(LEFT_VCENTER, Role.ALIGNMENT)
        labels.setHorizontalHeaderItem(column, label)
    columns.setModel(labels)
    columns.show()
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + row_padding)
    columns.setHighlightSections(False)
    columns.setStretchLastSection(True)
    for column, width in enumerate(widths):
        columns.resizeSection(column, width)
    return view
