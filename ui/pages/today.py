"""The Today page: the agenda, every item actionable in place.

Keys on the list: Enter logs (the quick log opens prefilled), R reschedules,
S snoozes a day (the button offers more), D marks done; on a group's heading, Enter or
Space opens or closes the group.
"""

from __future__ import annotations

from datetime import date

from PySide6 import QtCore
from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.domain.today import AgendaItem, group_agenda
from keyaccounts.domain import clock, formats
from ui import labels
from ui.colors import OVERDUE, STALE
from ui.icons import icon
from ui.style import styled
from ui.widgets.tables import RecordModel, Role, record_table
from ui.text import arg

ITEM_ROLE = Role.USER + 1

KIND_ICONS = {"follow-up": "link", "visit": "accounts", "call": "log", "exec-meeting": "contact",
              "tech-meeting": "log", "review": "portfolio", "birthday": "today",
              "anniversary": "today", "festival": "today", "renewal": "edit",
              "complaint-deadline": "warning"}


_KINDS = {
    "follow-up": QT_TRANSLATE_NOOP("Agenda", "Follow-up"),
    "birthday": QT_TRANSLATE_NOOP("Agenda", "Birthday"),
    "anniversary": QT_TRANSLATE_NOOP("Agenda", "Anniversary"),
    "festival": QT_TRANSLATE_NOOP("Agenda", "Festival"),
    "renewal": QT_TRANSLATE_NOOP("Agenda", "Renewal"),
    "complaint-deadline": QT_TRANSLATE_NOOP("Agenda", "Complaint deadline"),
}


def kind_label(kind: str) -> str:
    return labels.name(_KINDS, kind, None, "Agenda") or labels.kind(kind)


CARE_KINDS = ("birthday", "anniversary", "festival", "renewal")
# The rows behind an agenda item, in services.outbox.unsent's tables.
SOURCE_TABLES = {"follow-up": "follow_up", "complaint-deadline": "complaint"}


def is_unsent(item: AgendaItem, unsent: dict) -> bool:
    """Whether *item* shows a write made offline and not yet on the team server (see
    services.outbox.unsent): its follow-up or complaint, or its mark (done, snoozed)."""
    if not unsent:
        return False
    if item.key in unsent.get("agenda_mark", ()):
        return True
    table = SOURCE_TABLES.get(item.kind)
    if table is None or item.source_id is None:
        return False
    try:
        return int(item.source_id) in unsent.get(table, ())
    except (TypeError, ValueError):
        return False


class AgendaModel(RecordModel):
    """The agenda as one flat table: a heading row per group (Overdue, Today, This week,
    Later) followed, while the group is open, by its items.

    Flat on purpose: a table view asks only for the rows it paints, where a tree view
    would walk every row of an open group — thousands, on a large portfolio.
    """

    def __init__(self, parent=None):
        super().__init__([], parent)
        self.headers = [self.tr("What"), self.tr("Account"), self.tr("Who"), self.tr("When")]
        self.groups: list[tuple[str, list[AgendaItem]]] = []
        self.open: list[bool] = []
        self.counts: list[int] = []
        self.records: list[int | AgendaItem] = []  # a group's number, or an item
        self.unsent: dict = {}  # written offline, not yet sent (services.outbox.unsent)
        self.today = clock.today()
        self._bold = QFont()
        self._bold.setBold(True)
        self._icons: dict = {}  # by kind
        self._colours = (OVERDUE, STALE)  # a colour serves as the text's brush

    def set_groups(self, groups: list[tuple[str, list[AgendaItem]]], open_: list[bool],
                   today: date, counts: list[int] | None = None) -> None:
        """Show *groups*; *counts*, when given, are the groups' full sizes while only
        their first items are here (the first screen, painted before the rest loads)."""
        self.beginResetModel()
        self.groups, self.open, self.today = groups, open_, today
        self.counts = counts or [len(members) for _t, members in groups]
        self._layout()
        self.endResetModel()

    def set_unsent(self, unsent: dict) -> None:
        """Mark the items written offline and not yet sent (and no others)."""
        if unsent == self.unsent:
            return
        self.unsent = unsent
        if self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1, 0))

    def toggle(self, group: int) -> None:
        self.beginResetModel()
        self.open[group] = not self.open[group]
        self._layout()
        self.endResetModel()

    def _layout(self) -> None:
        rows: list[int | AgendaItem] = []
        for g, (_title, members) in enumerate(self.groups):
            rows.append(g)
            if self.open[g]:
                rows.extend(members)
        self.records = rows

    def heading_rows(self) -> list[int]:
        return [r for r, x in enumerate(self.records) if isinstance(x, int)]

    def item(self, index: QModelIndex) -> AgendaItem | None:
        if not index.isValid():
            return None
        x = self.records[index.row()]
        return None if isinstance(x, int) else x

    # A heading is a row like the others (selectable: Enter or Space opens or closes
    # its group), so the model leaves flags() to Qt: see ui.widgets.tables.Role.
    _ROLES = frozenset((Role.DISPLAY, Role.FONT, ITEM_ROLE, Role.DECORATION, Role.FOREGROUND,
                        Role.TOOLTIP))

    def data(self, index, role=Role.DISPLAY):
        if role not in self._ROLES or not index.isValid():  # most of what a view asks
            return None
        column = index.column()
        it = self.records[index.row()]
        if isinstance(it, int):  # a group's heading
            if role == Role.DISPLAY and column == 0:
                return f"{'▾' if self.open[it] else '▸'} {self.groups[it][0]} ({self.counts[it]})"
            if role == Role.FONT:
                return self._bold
            return None
        if role == Role.DISPLAY:
            if column == 0:
                text = it.title if it.kind in CARE_KINDS else formats.labelled(
                    kind_label(it.kind), it.title)
                if it.snoozed_until is not None:  # shown where it went, and said so
                    text = arg(self.tr("%1 (snoozed until %2)"), text,
                               formats.short_date(it.snoozed_until, today=self.today))
                if self.unsent and is_unsent(it, self.unsent):
                    text = arg(self.tr("%1 · not yet sent"), text)
                return text
            return (it.account or "", it.contact or "", it.date.isoformat())[column - 1]
        if role == ITEM_ROLE:
            return it
        today = self.today
        if role == Role.DECORATION and column == 0:
            kind = "broken" if it.overdue and it.date < today else it.kind
            found = self._icons.get(kind)
            if found is None:  # made as first shown: a screen shows a few kinds
                found = self._icons[kind] = (icon("broken", OVERDUE.name()) if kind == "broken"
                                             else icon(KIND_ICONS.get(kind, "today")))
            return found
        if role == Role.FOREGROUND and column == 3:
            if it.date < today:
                return self._colours[0] if it.overdue else self._colours[1]
            if it.lead_days and (it.date - today).days <= it.lead_days:
                return self._colours[1]
            return None
        if role == Role.TOOLTIP and column == 0:
            tip = [formats.long_date(it.date)]
            if self.unsent and is_unsent(it, self.unsent):
                tip.append(self.tr("Written offline: sent to the team server when it is "
                                   "reachable again"))
            if it.lead_days:
                tip.append(self.tr("%n day(s) ahead to prepare", "", it.lead_days))
            return "\n".join(tip)
        return None


class AgendaPage(QWidget):
    log_item = Signal(object)          # AgendaItem
    reschedule_item = Signal(object)
    snooze_item = Signal(object, int)  # item, days
    done_item = Signal(object)
    open_item = Signal(object)
    painted = Signal()  # after each paint of the page (before its children's)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.today = clock.today()
        self.heading = QLabel(self.tr("Today"), self)
        styled(self.heading, "pageTitle")
        self.model = AgendaModel(self)
        self.view = record_table(self, self.model, (380, 200, 120))
        self.view.setObjectName("agenda")
        self.nothing_due = self.tr(
            "Nothing is due. Log each visit or call with Ctrl+L and leave next steps with due "
            "dates; planned visits, birthdays, festivals and renewals appear here too.")
        self.empty = QLabel(self.nothing_due, self)
        styled(self.empty, "emptyState")
        self.empty.setWordWrap(True)
        self.empty.hide()

        self.log_button = QPushButton(icon("log"), self.tr("Log…"), self)
        self.log_button.setToolTip(self.tr("Log it (Enter)"))
        self.reschedule_button = QPushButton(icon("calendar"), self.tr("Reschedule…"), self)
        self.reschedule_button.setToolTip(self.tr("Move to another day (R)"))
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText(self.tr("Snooze"))
        self.snooze_button.setToolTip(self.tr("Hide for a day (S)"))
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.snooze_button.clicked.connect(lambda: self._snooze(1))
        self.done_button = QPushButton(icon("done"), self.tr("Done"), self)
        self.done_button.setToolTip(self.tr("Mark done (D)"))
        bar = QHBoxLayout()
        for w in (self.log_button, self.reschedule_button, self.snooze_button, self.done_button):
            bar.addWidget(w)
        bar.addStretch(1)

        from ui.widgets.alerts import AlertsView

        self.alerts = AlertsView(self)
        self.alerts.setMaximumHeight(self.fontMetrics().height() * 12)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        self.welcome = QLabel(self.tr(
            "No accounts yet. Add your first key account with New account (Ctrl+N), or bring "
            "your contacts in with File › Import contacts (Ctrl+I); then log each visit or "
            "call with Ctrl+L."), self)
        styled(self.welcome, "emptyState")
        self.welcome.setWordWrap(True)
        self.welcome.hide()
        layout.addWidget(self.welcome)
        layout.addWidget(self.alerts)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)  # in the agenda's place when there is none

        self.log_button.clicked.connect(lambda: self._emit(self.log_item))
        self.reschedule_button.clicked.connect(lambda: self._emit(self.reschedule_item))
        self.done_button.clicked.connect(lambda: self._emit(self.done_item))
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._clicked)
        self.view.doubleClicked.connect(lambda _i: self._emit(self.open_item))
        self.view.selectionModel().currentChanged.connect(lambda _c, _p: self._update_buttons())
        self.keys: dict = {}  # these three with the menus
        self.heading_keys: tuple = ()
        self.plain_keys: tuple = ()
        self.view.installEventFilter(self)
        self.place = None  # where the user was when acting on an item (see _keep_place)
        self._update_buttons()

    def build_menus(self) -> None:
        """The snooze button's menu, the agenda's context menu and its keys (the window
        adds them after its first frame)."""
        Qt = QtCore.Qt
        self.keys = {Qt.Key.Key_R: lambda: self._emit(self.reschedule_item),
                     Qt.Key.Key_S: lambda: self._snooze(1),
                     Qt.Key.Key_D: lambda: self._emit(self.done_item)}
        self.heading_keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        self.plain_keys = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        menu = QMenu(self.snooze_button)
        for days, text in ((1, self.tr("One day")), (3, self.tr("Three days")),
                           (7, self.tr("One week"))):
            action = QAction(text, menu)
            action.triggered.connect(lambda _c=False, d=days: self._snooze(d))
            menu.addAction(action)
        self.snooze_button.setMenu(menu)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for text, handler in ((self.tr("Log…"), lambda: self._emit(self.log_item)),
                              (self.tr("Open the account"), lambda: self._emit(self.open_item)),
                              (self.tr("Reschedule…"), lambda: self._emit(self.reschedule_item)),
                              (self.tr("Snooze a day"), lambda: self._snooze(1)),
                              (self.tr("Done"), lambda: self._emit(self.done_item))):
            action = QAction(text, self.view)
            action.triggered.connect(handler)
            self.view.addAction(action)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        self.painted.emit()

    def eventFilter(self, obj, event):
        if obj is self.view and isinstance(event, QKeyEvent) and self.keys and \
                event.type() == event.Type.KeyPress and event.modifiers() in self.plain_keys:
            group = self._heading(self.view.currentIndex())
            if group is not None and event.key() in self.heading_keys:
                self._set_groups(lambda: self.model.toggle(group))
                return True
            if event.key() in self.keys:
                self.keys[event.key()]()
                return True
        return super().eventFilter(obj, event)

    def _heading(self, index: QModelIndex) -> int | None:
        x = self.model.records[index.row()] if index.isValid() else None
        return x if isinstance(x, int) else None

    def _activated(self, index: QModelIndex) -> None:
        if self._heading(index) is None:
            self._emit(self.log_item)

    def _clicked(self, index: QModelIndex) -> None:
        group = self._heading(index)
        if group is not None:  # a heading opens and closes its group
            self._set_groups(lambda: self.model.toggle(group))

    def _set_groups(self, change) -> None:
        selected = self.current()
        heading = self._heading(self.view.currentIndex())
        place, self.place = self.place, None
        scroll = self.view.verticalScrollBar().value()
        change()
        self.view.clearSpans()
        headings = self.model.heading_rows()
        for row in headings:
            self.view.setSpan(row, 0, 1, 4)
        if place is not None:
            self._return_to(place, scroll)
        elif selected is not None:
            self.select(lambda it: it.key == selected.key, reveal=False)
        elif heading is not None and heading < len(headings):
            self.view.setCurrentIndex(self.model.index(headings[heading], 0))

    def _keep_place(self) -> None:
        """Before acting on the current item: remember it and the items after it, so the
        agenda shown after the action stays where the user was (see :meth:`_return_to`)."""
        item = self.current()
        if item is None:
            return
        row = self.view.currentIndex().row()
        after = [x.key for x in self.model.records[row + 1:] if not isinstance(x, int)]
        before = [x.key for x in reversed(self.model.records[:row]) if not isinstance(x, int)]
        self.place = (item, after, before)

    def _return_to(self, place, scroll: int) -> None:
        """After an action: the same item if it is unchanged (the action was cancelled),
        else the next item still shown, else the one before it; the list scrolled as it
        was."""
        item, after, before = place
        rows = {x.key: r for r, x in enumerate(self.model.records) if not isinstance(x, int)}
        here = rows.get(item.key)
        if here is None or self.model.records[here] != item:
            here = next((rows[k] for k in after + before if k in rows), None)
        if here is None:
            return
        self.view.verticalScrollBar().setValue(scroll)
        self.view.setCurrentIndex(self.model.index(here, 0))
        self.view.scrollTo(self.model.index(here, 0))

    def current(self) -> AgendaItem | None:
        return self.model.item(self.view.currentIndex())

    def grouped(self) -> dict[str, list[AgendaItem]]:
        """The items shown, by group title."""
        return {title: list(members) for title, members in self.model.groups}

    def select(self, predicate, reveal: bool = True) -> AgendaItem | None:
        """Make the first item that *predicate* accepts the current one (opening its
        group, unless not *reveal*); return it."""
        for g, (_title, members) in enumerate(self.model.groups):
            if not reveal and not self.model.open[g]:
                continue
            found = next((it for it in members if predicate(it)), None)
            if found is None:
                continue
            if not self.model.open[g]:
                self._set_groups(lambda: self.model.toggle(g))
            row = self.model.records.index(found)
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.scrollTo(self.model.index(row, 0))
            return found
        return None

    def _emit(self, signal) -> None:
        item = self.current()
        if item is not None:
            if signal is not self.open_item:
                self._keep_place()
            signal.emit(item)

    def _snooze(self, days: int) -> None:
        item = self.current()
        if item is not None:
            self._keep_place()
            self.snooze_item.emit(item, days)

    def _update_buttons(self) -> None:
        item = self.current()
        for b in (self.log_button, self.snooze_button, self.done_button):
            b.setEnabled(item is not None)
        self.reschedule_button.setEnabled(item is not None and item.movable)

    def show_loading(self) -> None:
        """Say the agenda is on its way (after a change made elsewhere it is computed
        before the page can show it)."""
        self.empty.setText(self.tr("Reading the agenda…"))
        self._show_agenda(False)

    def _show_agenda(self, shown: bool) -> None:
        """The agenda and the buttons that act on its items, or the empty state."""
        self.view.setVisible(shown)
        for b in (self.log_button, self.reschedule_button, self.snooze_button,
                  self.done_button):
            b.setVisible(shown)
        self.empty.setVisible(not shown)

    def show_welcome(self, visible: bool) -> None:
        """On a first start (no accounts yet), say where to begin; "nothing is due"
        would only repeat it."""
        self.welcome.setVisible(visible)
        self.empty.setText("" if visible else self.nothing_due)

    def _nothing_due(self) -> str:
        return "" if self.welcome.isVisibleTo(self) else self.nothing_due

    def show_items(self, items: list[AgendaItem], today: date) -> None:
        self._show(group_agenda(items, today), today)
        self.empty.setText(self._nothing_due())
        self._show_agenda(bool(items))

    def show_first_screen(self, first, today: date) -> None:
        """The start of each group (a :class:`keyaccounts.storage.snapshot.FirstScreen`), with
        the groups' full counts, until :meth:`show_items` has the whole agenda."""
        self._show(first.groups, today, first.counts)
        self.empty.setText(self._nothing_due())
        self._show_agenda(any(first.counts))

    def _show(self, members: list[list[AgendaItem]], today: date, counts=None) -> None:
        self.today = today
        self.heading.setText(arg(self.tr("Today — %1"), formats.long_date(today)))
        titles = (self.tr("Overdue"), self.tr("Today"), self.tr("This week"), self.tr("Later"))
        groups = list(zip(titles, members))
        open_ = self.model.open if len(self.model.open) == 4 else [True, True, True, False]
        self._set_groups(lambda: self.model.set_groups(groups, list(open_), today, counts))
        self._update_buttons()
