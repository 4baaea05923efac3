"""The calendar: month and week views of the agenda, with lunar days if wished.

Follow-ups and planned contacts can be dragged to another day; dropping one
reschedules it (a follow-up is carried, so its history is kept).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QLocale,
    QMimeData,
    QModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QDrag, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.domain import clock, formats
from keyaccounts.domain.today import AgendaItem
from ui import labels
from ui.pages.today import KIND_ICONS, kind_label
from ui.colors import OVERDUE
from ui.icons import icon
from ui.style import styled
from ui.widgets.tables import Role

MIME = "application/x-keyaccounts-agenda-key"
ITEM_ROLE = Role.USER + 1


def lunar_days(first: date, count: int) -> dict[date, str]:
    """The lunar day of *count* days from *first* (off the GUI thread: the first day of
    a lunar year not met before costs the calendar's astronomy a few hundred ms)."""
    return {day: lunar_day(day) for day in (first + timedelta(days=n) for n in range(count))}


@lru_cache(maxsize=1024)
def lunar_day(day: date) -> str:
    """初一 … 三十, with the month's name on its first day (e.g. 十月, 闰六月)."""
    from lunar_python import Solar

    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    if lunar.getDay() == 1:
        return lunar.getMonthInChinese() + "月"
    return lunar.getDayInChinese()


def _entry(item: AgendaItem) -> str:
    return formats.labelled(item.account, item.title) if item.account else item.title


class DayModel(QAbstractListModel):
    """The items of one day. A day of a large portfolio holds dozens: its list asks
    only for the rows it shows, so filling a month is 42 resets, not thousands of items."""

    def __init__(self, page: CalendarPage, parent=None):
        super().__init__(parent)
        self.page = page  # shows items as of its today, with its icons and names
        self.items: list[AgendaItem] = []

    def set_items(self, items: list[AgendaItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.items)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

    def data(self, index, role=Role.DISPLAY):
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Role.DISPLAY:
            return _entry(item)
        if role == Role.DECORATION:
            return self.page.kind_icon(item.kind)
        if role == Role.FOREGROUND:
            late = item.overdue or (item.date < self.page.today and item.kind == "follow-up")
            return OVERDUE if late else None
        if role == Role.TOOLTIP:
            return f"{kind_label(item.kind)}\n{_entry(item)}"
        if role == ITEM_ROLE:
            return item
        return None


class DayList(QListView):
    """The items of one day; a drag source and a drop target."""

    dropped = Signal(str, object)  # item key, new date

    def __init__(self, page: CalendarPage, parent=None):
        super().__init__(parent)
        self.day: date | None = None
        self.setModel(DayModel(page, self))
        self.setUniformItemSizes(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setIconSize(QSize(14, 14))
        self._width = 1  # the cell's frame while no drag is over it

    def set_wrapping(self, wrap: bool) -> None:
        """A week has room for whole titles, several lines each; a month cell one line."""
        if self.wordWrap() != wrap:
            self.setWordWrap(wrap)
            self.setUniformItemSizes(not wrap)
            self.setTextElideMode(Qt.TextElideMode.ElideNone if wrap
                                  else Qt.TextElideMode.ElideRight)

    def items(self) -> list[AgendaItem]:
        return self.model().items

    def texts(self) -> list[str]:
        model = self.model()
        return [model.data(model.index(row)) for row in range(model.rowCount())]

    def minimumSizeHint(self) -> QSize:  # many small lists: let the window shrink
        return QSize(40, 16)

    def sizeHint(self) -> QSize:
        return QSize(120, 60)

    def startDrag(self, actions) -> None:
        current = self.currentIndex()
        item = self.items()[current.row()] if current.isValid() else None
        if item is None or not item.movable:
            return
        mime = QMimeData()
        mime.setData(MIME, QByteArray(item.key.encode()))
        drag = QDrag(self)
        drag.setMimeData(mime)
        # What is moving goes with the pointer, and the day under it is marked.
        rect = self.visualRect(current)
        drag.setPixmap(self.viewport().grab(rect))
        drag.setHotSpot(self.viewport().mapFromGlobal(self.cursor().pos()) - rect.topLeft())
        drag.exec(Qt.DropAction.MoveAction)

    def _accepts(self, event) -> bool:
        return event.mimeData().hasFormat(MIME) and self.day is not None

    def _mark_target(self, on: bool) -> None:
        cell = self.parentWidget()
        if cell is None or bool(cell.property("dropTarget")) == on:
            return
        cell.setProperty("dropTarget", on)
        if on:
            self._width = cell.lineWidth()
        cell.setLineWidth(3 if on else self._width)
        cell.setFrameShadow(QFrame.Shadow.Sunken if on else QFrame.Shadow.Plain)

    def dragEnterEvent(self, event) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
            self._mark_target(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self._mark_target(False)
        super().dragLeaveEvent(event)

    def dragMoveEvent(self, event) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        if not self._accepts(event):
            event.ignore()
            return
        self._mark_target(False)
        key = bytes(event.mimeData().data(MIME)).decode()
        event.acceptProposedAction()
        self.dropped.emit(key, self.day)


class DayCell(QFrame):
    def __init__(self, page: CalendarPage):
        super().__init__(page)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel(self)
        self.lunar = QLabel(self)
        self.lunar.setObjectName("lunarDay")
        self.list = DayList(page, self)
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 0)
        top.addWidget(self.number)
        top.addStretch(1)
        top.addWidget(self.lunar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)


class CalendarPage(QWidget):
    moved = Signal(str, object)    # item key, new date
    open_item = Signal(object)     # AgendaItem
    range_changed = Signal(object, int)  # first day shown, number of days

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = clock.today()
        self.anchor = self.today
        self.mode = "month"
        self.items: list[AgendaItem] = []
        self.lunar_days: dict[date, str] = {}  # computed with the items, on the worker
        self._icons: dict[str, object] = {}
        self.title = QLabel(self)
        styled(self.title, "pageTitle")
        prev_b = QPushButton("‹", self)
        next_b = QPushButton("›", self)
        today_b = QPushButton(self.tr("Today"), self)
        prev_b.setToolTip(self.tr("Previous (Page Up)"))
        next_b.setToolTip(self.tr("Next (Page Down)"))
        prev_b.setShortcut("PgUp")
        next_b.setShortcut("PgDown")
        self.month_b = QPushButton(self.tr("Month"), self)
        self.week_b = QPushButton(self.tr("Week"), self)
        for b in (self.month_b, self.week_b):
            b.setCheckable(True)
        self.month_b.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.month_b)
        group.addButton(self.week_b)
        self.show_lunar = QCheckBox(self.tr("Lunar days"), self)
        self.show_lunar.setChecked(True)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        for w in (self.show_lunar, self.month_b, self.week_b, prev_b, today_b, next_b):
            bar.addWidget(w)
        self.grid = QGridLayout()
        self.grid.setSpacing(2)
        self.headers = []
        for col in range(7):
            label = QLabel(self)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.grid.addWidget(label, 0, col)
            self.headers.append(label)
        self.cells: list[DayCell] = []
        for n in range(42):
            cell = DayCell(self)
            cell.list.dropped.connect(self.moved)
            cell.list.doubleClicked.connect(
                lambda index, c=cell: self.open_item.emit(c.list.items()[index.row()]))
            self.grid.addWidget(cell, 1 + n // 7, n % 7)
            self.cells.append(cell)
        for row in range(1, 7):
            self.grid.setRowStretch(row, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(self.grid, 1)
        prev_b.clicked.connect(lambda: self.step(-1))
        next_b.clicked.connect(lambda: self.step(1))
        today_b.clicked.connect(self.go_today)
        self.month_b.clicked.connect(lambda: self.set_mode("month"))
        self.week_b.clicked.connect(lambda: self.set_mode("week"))
        self.show_lunar.toggled.connect(lambda _on: self._paint_days())
        self._paint_days()

    # -- range -------------------------------------------------------------------
    def first_day(self) -> date:
        """The first day shown: weeks start where the locale starts them."""
        if self.mode == "week":
            return labels.week_start(self.anchor)
        return labels.week_start(self.anchor.replace(day=1))

    def day_count(self) -> int:
        return 7 if self.mode == "week" else 42

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.month_b.setChecked(mode == "month")
        self.week_b.setChecked(mode == "week")
        self._changed()

    def step(self, direction: int) -> None:
        if self.mode == "week":
            self.anchor += timedelta(days=7 * direction)
        else:
            month = self.anchor.month - 1 + direction
            self.anchor = date(self.anchor.year + month // 12, month % 12 + 1, 1)
        self._changed()

    def go_today(self) -> None:
        self.anchor = self.today
        self._changed()

    def _changed(self) -> None:
        """The new days at once, empty; their items once loaded (set_items)."""
        self.items = []
        self._paint_days()
        self.range_changed.emit(self.first_day(), self.day_count())

    def set_items(self, items: list[AgendaItem], today: date,
                  lunar: dict[date, str] | None = None) -> None:
        self.today = today
        self.items = items
        self.lunar_days.update(lunar or {})
        self._paint_days()

    def kind_icon(self, kind: str):
        found = self._icons.get(kind)
        if found is None:
            found = self._icons[kind] = icon(KIND_ICONS.get(kind, "today"))
        return found

    # -- painting ----------------------------------------------------------------
    def _paint_days(self) -> None:
        """Title, day names, day numbers, lunar days, and each day's items."""
        locale = QLocale()
        first = self.first_day()
        count = self.day_count()
        for col in range(7):
            self.headers[col].setText(locale.dayName((labels.first_weekday() + col) % 7 + 1,
                                                     QLocale.FormatType.ShortFormat))
        if self.mode == "month":
            self.title.setText(formats.month_title(self.anchor))
        else:
            self.title.setText(formats.week_range(first, first + timedelta(days=6)))
        by_day: dict[date, list[AgendaItem]] = {}
        for item in self.items:
            by_day.setdefault(item.date, []).append(item)
        bold, plain = QFont(), QFont()
        bold.setBold(True)
        lunar = self.show_lunar.isChecked()
        for n, cell in enumerate(self.cells):
            visible = n < count
            cell.setVisible(visible)
            if not visible:
                continue
            day = first + timedelta(days=n)
            cell.list.day = day
            cell.number.setText(str(day.day))
            cell.number.setFont(bold if day == self.today else plain)
            in_month = self.mode == "week" or day.month == self.anchor.month
            cell.number.setEnabled(in_month)
            cell.lunar.setText(self.lunar_days.get(day, "") if lunar else "")
            cell.lunar.setEnabled(in_month)
            cell.setLineWidth(2 if day == self.today else 1)
            cell.list.set_wrapping(self.mode == "week")
            cell.list.model().set_items(by_day.get(day, []))
        for row in range(2, 7):
            self.grid.setRowStretch(row, 1 if self.mode == "month" else 0)

    def cell_for(self, day: date) -> DayCell | None:
        first = self.first_day()
        n = (day - first).days
        return self.cells[n] if 0 <= n < self.day_count() else None

