"""The account page: header, key contacts by level, pinned follow-ups, the chain, notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.domain import formats
from keyaccounts.domain.views import AccountPage, FollowUpView, InteractionView
from ui import labels
from ui.colors import OVERDUE, STALE
from ui.icons import icon
from ui.style import styled
from ui.widgets.tables import Role
from ui.text import arg

KIND_ROLE = Role.USER + 1  # ("interaction", id) / ("followup", id) / ("contact", id)


def sentiment_text(value: int) -> str:
    return f"{value:+d}" if value else "0"


class AccountView(QWidget):
    """Shows one :class:`AccountPage`; actions are signals the window carries out."""

    edit_account = Signal(int)
    archive_account = Signal(int)
    add_contact = Signal(int)
    edit_contact = Signal(int)
    archive_contact = Signal(int)
    log_interaction = Signal(int)
    edit_interaction = Signal(int)
    delete_interaction = Signal(int)
    notes_changed = Signal(int, str)
    edit_cadences = Signal(int)
    months_changed = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.page: AccountPage | None = None
        self.unsent: dict = {}  # written offline, not yet sent (services.outbox.unsent)
        self.ops = None  # set by the window; the records tab reads through it

        self.title = QLabel(self)
        styled(self.title, "pageTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tier_badge = QLabel(self)
        styled(self.tier_badge, "badge")
        self.segment_badge = QLabel(self)  # the customer-value segment, once loaded
        styled(self.segment_badge, "badge")
        self.segment_badge.hide()
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.owners = QLabel(self)
        self.owners.setWordWrap(True)
        self.owners.hide()
        self.log_button = QPushButton(icon("log"), self.tr("Log…"), self)
        self.log_button.setToolTip(self.tr("Log an interaction (Ctrl+L)"))
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit…"), self)
        self.edit_button.setToolTip(self.tr("Edit the account (Ctrl+E)"))
        self.contact_button = QPushButton(icon("contact"), self.tr("Add contact…"), self)
        self.contact_button.setToolTip(self.tr("Add a key contact (Ctrl+Shift+N)"))
        self.archive_button = QPushButton(icon("archive"), self.tr("Archive"), self)
        self.cadence_button = QPushButton(icon("calendar"), self.tr("Cadences…"), self)
        self.cadence_button.setToolTip(self.tr("How often, and at what level, to be in touch"))

        self.contacts = QTreeWidget(self)
        self.contacts.setHeaderLabels([self.tr("Key contact"), self.tr("Title"), self.tr("Role"),
                                       self.tr("Attitude"), self.tr("Last met")])
        self.contacts.setRootIsDecorated(False)
        self.contacts.setUniformRowHeights(True)
        self.contacts.setAlternatingRowColors(True)
        self.contacts.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        edit_contact = self.contacts.addAction(self.tr("Edit contact…"))
        archive_contact = self.contacts.addAction(self.tr("Archive contact"))
        edit_contact.triggered.connect(lambda: self._with_contact(self.edit_contact))
        archive_contact.triggered.connect(lambda: self._with_contact(self.archive_contact))
        self.contacts.header().resizeSection(0, 170)
        self.contacts.header().resizeSection(1, 150)
        self.contacts.header().resizeSection(2, 110)
        self.contacts.header().resizeSection(3, 90)

        self.pinned = QTreeWidget(self)
        self.pinned.setHeaderLabels([self.tr("Open follow-up"), self.tr("Due"), self.tr("Owner")])
        self.pinned.setRootIsDecorated(False)
        self.pinned.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pinned.header().resizeSection(0, 360)


        self.timeline = QTreeWidget(self)
        self.timeline.setHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("Met"),
                                       self.tr("±"), self.tr("Summary and chain")])
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.timeline.header().resizeSection(0, 118)
        self.timeline.header().resizeSection(1, 120)
        self.timeline.header().resizeSection(2, 100)
        self.timeline.header().resizeSection(3, 32)
        self.timeline.headerItem().setToolTip(3, self.tr("Sentiment, -2 to +2"))
        edit_action = self.timeline.addAction(self.tr("Edit interaction…"))
        delete_action = self.timeline.addAction(self.tr("Delete interaction…"))
        edit_action.triggered.connect(lambda: self._with_interaction(self.edit_interaction))
        delete_action.triggered.connect(lambda: self._with_interaction(self.delete_interaction))
        self.link_info = QLabel(self)
        self.link_info.setWordWrap(True)

        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("Notes about this account…"))

        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addWidget(self.tier_badge)
        header.addWidget(self.segment_badge)
        header.addStretch(1)
        buttons = QHBoxLayout()
        for b in (self.log_button, self.contact_button, self.edit_button, self.cadence_button,
                  self.archive_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.bar_buttons = (self.log_button, self.contact_button, self.edit_button,
                            self.cadence_button, self.archive_button)
        self.compact = False
        for b in self.bar_buttons:  # the layout may squeeze them: _fit_buttons then drops words
            b.setMinimumWidth(b.iconSize().width() + 24)

        chain_box = QWidget(self)
        chain_layout = QVBoxLayout(chain_box)
        chain_layout.setContentsMargins(0, 0, 0, 0)
        chain_layout.addWidget(self.pinned)
        chain_layout.addWidget(self.timeline, 1)
        chain_layout.addWidget(self.link_info)

        # Health: the score explained, and the account's risk alerts.
        from ui.widgets.alerts import AlertsView

        self.health_label = QLabel(self)
        styled(self.health_label, "pageTitle")
        self.components = QTreeWidget(self)
        self.components.setRootIsDecorated(False)
        self.components.setHeaderLabels([self.tr("Component"), self.tr("Points"),
                                         self.tr("Why")])
        self.components.header().resizeSection(0, 170)
        self.components.header().resizeSection(1, 70)
        self.alerts = AlertsView(self, show_account=False)
        health_box = QWidget(self)
        health_layout = QVBoxLayout(health_box)
        health_layout.setContentsMargins(0, 0, 0, 0)
        health_layout.addWidget(self.health_label)
        health_layout.addWidget(self.components, 2)
        health_layout.addWidget(self.alerts, 1)

        # Charts, drawn only when the tab is shown (matplotlib loads then).
        from ui.widgets.charts import ChartView

        self.chart_kind = QComboBox(self)
        for text, key in ((self.tr("Health over time"), "health"),
                          (self.tr("Interactions by kind"), "kind"),
                          (self.tr("Interactions by level"), "level"),
                          (self.tr("Sentiment"), "sentiment"),
                          (self.tr("Satisfaction (NPS, CSAT)"), "satisfaction")):
            self.chart_kind.addItem(text, key)
        self.chart_months = QComboBox(self)
        self.chart_months.addItem(self.tr("12 months"), 12)
        self.chart_months.addItem(self.tr("24 months"), 24)
        self.chart = ChartView(self)
        chart_box = QWidget(self)
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chooser = QHBoxLayout()
        chooser.addWidget(self.chart_kind)
        chooser.addWidget(self.chart_months)
        chooser.addStretch(1)
        chart_layout.addLayout(chooser)
        chart_layout.addWidget(self.chart, 1)
        self.trend = []

        self.tabs = QTabWidget(self)
        self.tabs.addTab(chain_box, icon("link"), self.tr("Contact history"))
        self.tabs.addTab(health_box, icon("portfolio"), self.tr("Health"))
        self.tabs.addTab(chart_box, self.tr("Charts"))
        from ui.pages.value import ValueView

        self.value_view = ValueView(self)
        self.value_view.edit_value.connect(self.edit_value)
        self.tabs.addTab(self.value_view, self.tr("Value"))
        from ui.widgets.relmap import RelationshipMapView

        self.map_view = RelationshipMapView(self)  # read when its tab is shown
        self.map_view.edit_contact.connect(self.edit_contact)
        self.map_view.log_meeting.connect(self.log_interaction)
        self.tabs.addTab(self.map_view, self.tr("Map"))
        from ui.pages.records import RecordsView

        self.records = RecordsView(self)
        self.records_tab = QScrollArea(self)  # four lists: scroll rather than grow the window
        self.records_tab.setWidgetResizable(True)
        self.records_tab.setWidget(self.records)
        self.records.setMinimumHeight(560)
        self.tabs.addTab(self.records_tab, self.tr("Records"))
        self.tabs.addTab(self.notes, self.tr("Notes"))
        self.tabs.currentChanged.connect(lambda _i: self.draw_chart())
        self.tabs.currentChanged.connect(lambda _i: self.show_records())
        self.chart_kind.currentIndexChanged.connect(lambda _i: self.draw_chart())
        self.chart_months.currentIndexChanged.connect(
            lambda _i: self.months_changed.emit(self.chart_months.currentData()))

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("accountSplitter")
        self.splitter.addWidget(self.contacts)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 440])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.facts)
        layout.addWidget(self.owners)
        layout.addLayout(buttons)
        layout.addWidget(self.splitter, 1)

        self.log_button.clicked.connect(lambda: self._emit(self.log_interaction))
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_account))
        self.contact_button.clicked.connect(lambda: self._emit(self.add_contact))
        self.archive_button.clicked.connect(lambda: self._emit(self.archive_account))
        self.cadence_button.clicked.connect(lambda: self._emit(self.edit_cadences))
        self.contacts.itemActivated.connect(self._contact_activated)
        self.pinned.itemClicked.connect(self._followup_clicked)
        self.pinned.itemActivated.connect(self._followup_clicked)
        self.timeline.itemClicked.connect(self._followup_clicked)
        self.notes.installEventFilter(self)

    # -- actions -------------------------------------------------------------------
    def _emit(self, signal) -> None:
        if self.page is not None:
            signal.emit(self.page.account.id)

    def _with_interaction(self, signal) -> None:
        item = self.timeline.currentItem()
        while item is not None and item.data(0, KIND_ROLE)[0] != "interaction":
            item = item.parent()
        if item is not None:
            signal.emit(item.data(0, KIND_ROLE)[1])

    def _with_contact(self, signal) -> None:
        item = self.contacts.currentItem()
        data = item.data(0, KIND_ROLE) if item is not None else None
        if data and data[0] == "contact":
            signal.emit(data[1])

    def _contact_activated(self, item: QTreeWidgetItem) -> None:
        data = item.data(0, KIND_ROLE)
        if data and data[0] == "contact":
            self.edit_contact.emit(data[1])

    def eventFilter(self, obj, event):
        from PySide6.QtCore import QEvent

        if obj is self.notes and event.type() == QEvent.Type.FocusOut and self.page is not None:
            text = self.notes.toPlainText()
            if text != self.page.account.notes:
                self.notes_changed.emit(self.page.account.id, text)
        return super().eventFilter(obj, event)

    # -- showing a page ------------------------------------------------------------
    def _set_button_text(self, button: QPushButton, text: str) -> None:
        """A button's words: on it, or (while the page is narrow) in its tooltip."""
        button.setProperty("fullText", text)
        button.setText("" if self.compact else text)
        if self.compact:
            button.setToolTip(text.rstrip("…"))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_buttons()

    def _fit_buttons(self) -> None:
        """On a narrow page (a 13-inch laptop's accounts list beside it) the buttons show
        their icons alone, their words in tooltips: with words they made the window
        wider than the screen."""
        texts = [b.property("fullText") or b.text() for b in self.bar_buttons]
        room = self.width() - 40
        metrics = self.fontMetrics()
        wanted = sum(metrics.horizontalAdvance(t) + 60 for t in texts)
        compact = wanted > room
        if compact == self.compact:
            return
        self.compact = compact
        for button, text in zip(self.bar_buttons, texts):
            tip = button.property("wideTip")
            if tip is None:
                button.setProperty("wideTip", button.toolTip())
                tip = button.toolTip()
            self._set_button_text(button, text)
            if not compact:
                button.setToolTip(tip)

    def show_page(self, page: AccountPage) -> None:
        same = self.page is not None and self.page.account.id == page.account.id
        self.page = page
        a = page.account
        self.title.setText(a.name)
        self.tier_badge.setText(a.tier)
        basis = labels.tier_basis(a.tier_basis)
        if a.tier_note:
            basis = formats.labelled(basis, a.tier_note)
        self.tier_badge.setToolTip(arg(self.tr("Tier %1 — %2"), labels.tier(a.tier), basis))
        facts = [arg(self.tr("Tier %1 (%2)"), labels.tier(a.tier), basis),
                 labels.status(a.status)]
        if a.owner:
            facts.append(arg(self.tr("Owner: %1"), a.owner))
        if a.industry:
            facts.append(a.industry)
        if a.renewal:
            facts.append(arg(self.tr("Renewal %1 (%2)"),
                             formats.short_date(a.renewal, page.today),
                             formats.relative_day(a.renewal, page.today)))
        if a.annual_revenue is not None:
            facts.append(arg(self.tr("Revenue %1 / year"), formats.money(a.annual_revenue)))
        self.facts.setText(" · ".join(facts))
        # The owner history (a team server's hand-overs), the latest first.
        self.owners.setText("\n".join(
            arg(self.tr("Handed over %1 from %2 to %3 by %4: %5"),
                formats.short_date(h.on, page.today),
                h.from_owner or "-", h.to_owner, h.by or "-", h.reason)
            for h in reversed(page.owner_history)))
        self.owners.setVisible(bool(page.owner_history))
        self._set_button_text(self.archive_button,
                              self.tr("Restore") if a.archived else self.tr("Archive"))
        if not (same and self.notes.hasFocus()):
            self.notes.setPlainText(a.notes)
        self._fill_contacts(page)
        self._fill_pinned(page)
        self._fill_timeline(page)
        self.show_records()
        self.load_value()
        self.map_view.set_account(self.ops, a.id, page.today)

    def _unsent(self, text: str, table: str, row_id: int) -> str:
        """*text*, marked when its row was written offline and is not yet sent."""
        if row_id in self.unsent.get(table, ()):
            return arg(self.tr("%1 · not yet sent"), text)
        return text

    def _fill_contacts(self, page: AccountPage) -> None:
        self.contacts.clear()
        bold = QFont()
        bold.setBold(True)
        for level in labels.LEVELS:
            lines = [c for c in page.contacts if c.contact.level == level]
            group = QTreeWidgetItem(self.contacts, [arg(self.tr("%1 (%2)"), labels.level(level),
                                                        len(lines))])
            group.setFirstColumnSpanned(True)
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for line in lines:
                c = line.contact
                if line.last_met:
                    met = formats.relative_day(line.last_met, page.today)
                else:
                    met = self.tr("never")
                name = c.name + (arg(self.tr(" (left %1)"), c.left.isoformat()) if c.left else "")
                name = self._unsent(name, "contact", c.id)
                item = QTreeWidgetItem(self.contacts, [
                    "    " + name, c.title, labels.role(c.role), labels.attitude(c.attitude), met])
                item.setData(0, KIND_ROLE, ("contact", c.id))
                if line.last_met:
                    item.setToolTip(4, line.last_met.isoformat())
                if c.left:
                    item.setForeground(0, QBrush(self.palette().placeholderText()))
                elif line.stale:
                    item.setIcon(4, icon("warning", STALE.name()))
                    item.setForeground(4, QBrush(STALE))
                    item.setToolTip(4, arg(self.tr("Not met for too long for a tier %1 account"), page.account.tier))

    def _fill_pinned(self, page: AccountPage) -> None:
        self.pinned.clear()
        for f in page.open_followups:
            item = QTreeWidgetItem(self.pinned, [self._unsent(f.text, "follow_up", f.id),
                                                 f.due.isoformat(), f.owner])
            item.setData(0, KIND_ROLE, ("followup", f.id))
            item.setIcon(0, icon("link"))
            if f.due < page.today:
                item.setForeground(0, QBrush(OVERDUE))
                item.setForeground(1, QBrush(OVERDUE))
                item.setIcon(0, icon("broken", OVERDUE.name()))
                item.setToolTip(0, self.tr("Overdue: the chain breaks here unless it is "
                                           "settled or carried"))
        if not page.open_followups:
            QTreeWidgetItem(self.pinned, [self.tr("Nothing open. Log a contact with Ctrl+L.")])
        rows = min(max(len(page.open_followups), 1), 6)
        row_height = self.pinned.sizeHintForRow(0) if self.pinned.topLevelItemCount() else 20
        self.pinned.setFixedHeight(self.pinned.header().sizeHint().height() + rows * row_height
                                   + 2 * self.pinned.frameWidth() + 6)

    def _fill_timeline(self, page: AccountPage) -> None:
        self.timeline.clear()
        self.items: dict[tuple[str, int], QTreeWidgetItem] = {}
        # Spanning rows are marked once all rows are in: each mark lays the tree out again.
        self._spanned: list[QTreeWidgetItem] = []
        breaks = sorted(page.broken_links(), key=lambda f: f.due, reverse=True)
        bold = QFont()
        bold.setBold(True)
        for i in page.chain:
            while breaks and breaks[0].due >= i.date:
                self._break_row(breaks.pop(0), page)
            self._interaction_row(i, bold)
        for f in breaks:
            self._break_row(f, page)
        if not page.chain:
            self._spanned.append(QTreeWidgetItem(self.timeline, [self.tr(
                "No contact logged yet. Press Ctrl+L after your next visit or call.")]))
        for item in self._spanned:
            item.setFirstColumnSpanned(True)

    def _interaction_row(self, i: InteractionView, bold: QFont) -> None:
        met = ", ".join(labels.level(level) for level in i.levels)
        summary = i.summary
        if i.logged_by:  # who wrote it, on a team server
            summary = arg(self.tr("%1 — logged by %2"), i.summary, i.logged_by)
        summary = self._unsent(summary, "interaction", i.id)
        item = QTreeWidgetItem(self.timeline, [i.date.isoformat(), labels.kind(i.kind), met,
                                               sentiment_text(i.sentiment), summary])
        item.setData(0, KIND_ROLE, ("interaction", i.id))
        item.setToolTip(0, f"{i.date.isoformat()} {i.time}")
        item.setToolTip(4, "\n".join([i.summary, ", ".join(i.contacts)]).strip())
        if i.kind == "exec-meeting":
            item.setFont(1, bold)
        if i.sentiment < 0:
            item.setForeground(3, QBrush(OVERDUE))
        self.items[("interaction", i.id)] = item
        for f in i.settled:
            self._link_row(item, f, icon("done"), arg(self.tr("Settled: %1"), f.text))
        for f in i.carried:
            self._link_row(item, f, icon("carry"),
                           arg(self.tr("Carried: %1 → due %2"), f.text, self._successor_due(f)))
        for f in i.opened:
            if f.carried_from is None:
                self._link_row(item, f, icon("link"),
                               arg(self.tr("Next step: %1 (due %2)"), f.text, f.due.isoformat()))
            self._closed_without_contact(item, f)
        item.setExpanded(True)

    def _closed_without_contact(self, item: QTreeWidgetItem, f: FollowUpView) -> None:
        """A promise closed with no contact logged (Done on the agenda, or moved to
        another day) is a chain event of its own, under the step it closed."""
        if f.status == "open" or f.closed_by is not None or f.closed_on is None:
            return
        if f.status == "settled":
            self._link_row(item, f, icon("done"), arg(
                self.tr("Closed without a contact on %1: %2"),
                formats.short_date(f.closed_on, self.page.today), f.text))
        elif f.status == "carried":
            self._link_row(item, f, icon("carry"), arg(
                self.tr("Moved without a contact on %1: %2 → due %3"),
                formats.short_date(f.closed_on, self.page.today), f.text,
                self._successor_due(f)))
            successor = self._successor(f)
            if successor is not None:
                self._closed_without_contact(item, successor)
        item.setExpanded(True)

    def _successor(self, f: FollowUpView) -> FollowUpView | None:
        return next((g for g in self.page.followups if g.id == f.carried_to), None) \
            if f.carried_to is not None else None

    def _successor_due(self, f: FollowUpView) -> str:
        successor = self._successor(f)
        return successor.due.isoformat() if successor is not None else "?"

    def _link_row(self, parent: QTreeWidgetItem, f: FollowUpView, ico, text: str) -> None:
        child = QTreeWidgetItem(parent, [self._unsent(text, "follow_up", f.id)])
        self._spanned.append(child)
        child.setIcon(0, ico)
        child.setData(0, KIND_ROLE, ("followup", f.id))

    def _break_row(self, f: FollowUpView, page: AccountPage) -> None:
        if f.status == "open":
            text = arg(self.tr("Chain broken: “%1” was due %2 and nothing is logged"), 
                f.text, f.due.isoformat())
        else:
            text = arg(self.tr("Chain broken: “%1” was due %2, acted on only %3"), 
                f.text, f.due.isoformat(), f.closed_on.isoformat())
        item = QTreeWidgetItem(self.timeline, [f"{f.due.isoformat()}   {text}"])
        self._spanned.append(item)
        item.setIcon(0, icon("broken", OVERDUE.name()))
        item.setForeground(0, QBrush(OVERDUE))
        item.setData(0, KIND_ROLE, ("followup", f.id))

    def show_records(self) -> None:
        """Load the records tab only when it is shown."""
        if self.tabs.currentWidget() is self.records_tab and self.page is not None and \
                self.ops is not None:
            self.records.show_account(self.ops, self.page.account.id, self.page.today)

    # -- customer value --------------------------------------------------------------
    def load_value(self) -> None:
        """The account's customer value on the page's day, read on the worker: the
        segment beside the tier, and the Value tab."""
        if self.page is None or self.ops is None:
            return
        account_id, today = self.page.account.id, self.page.today

        def load(db):
            from keyaccounts.services import value

            return value.account_value(db, account_id, today)

        self.ops.query(load, self.show_value)

    def show_value(self, v) -> None:
        if self.page is None or self.page.account.id != v.account_id:
            return  # another account is shown by now
        self.segment_badge.setText(v.rfm.segment_label)
        self.segment_badge.setToolTip(arg(self.tr("Customer-value segment: RFM %1-%2-%3"),
                                          v.rfm.r, v.rfm.f, v.rfm.m))
        self.segment_badge.show()
        self.value_view.show_value(v)

    def edit_value(self, account_id: int) -> None:
        """The account's own margin and retention, in a dialog; the page reloads."""
        from ui.pages.value import AccountValueDialog

        self.value_dialog = AccountValueDialog(self.ops, account_id, self.value_view.value,
                                               self)
        if self.value_dialog.exec():
            self.load_value()

    # -- health ----------------------------------------------------------------------
    def show_health(self, account_id: int, trend, alerts) -> None:
        from keyaccounts.services import health as hl
        from keyaccounts.i18n import _

        if self.page is None or self.page.account.id != account_id or not trend:
            return
        self.trend = trend
        now = trend[-1]
        before = next((h for h in reversed(trend) if (now.as_of - h.as_of).days >= 28), None)
        change = "" if before is None else "  " + arg(
            self.tr("(%1 in 30 days)"), f"{now.score - before.score:+d}")
        self.health_label.setText(arg(self.tr("Health %1 — %2"), now.score,
                                      _(hl.BAND_WORDS[now.band])) + change)
        from ui.widgets.charts import BAND_COLOURS

        styled(self.health_label, "pageTitle", BAND_COLOURS[now.band])
        self.components.clear()
        # Points to one decimal, as the score adds them: the headline is their sum
        # rounded (each row rounded on its own would not add up to it).
        for c in now.components:
            item = QTreeWidgetItem(self.components, [
                _(hl.COMPONENT_NAMES[c.name]),
                f"{formats.number(c.points, 1, fixed=True)} / {formats.number(c.max)}",
                c.reason])
            item.setToolTip(2, c.reason)
            if c.points < c.max * 0.5:
                item.setForeground(1, QBrush(OVERDUE))
        self.components.headerItem().setText(1, arg(
            self.tr("Points (%1 in all)"),
            formats.number(sum(c.points for c in now.components), 1, fixed=True)))
        self.alerts.set_alerts(alerts)
        self.draw_chart()

    def draw_chart(self) -> None:
        if self.tabs.currentIndex() != 2 or self.page is None:
            return
        from keyaccounts.services import health as hl
        from keyaccounts.i18n import _
        from ui.widgets import charts

        kind = self.chart_kind.currentData()
        months = self.chart_months.currentData()
        if kind == "health":
            names = {k: _(v) for k, v in hl.COMPONENT_NAMES.items()}
            weeks = months * 52 // 12
            self.chart.draw(charts.paint_health_trend, self.trend[-weeks:], names)
        elif kind in ("kind", "level"):
            label = labels.kind if kind == "kind" else labels.level
            self.chart.draw(charts.paint_interactions, self.page.chain, self.page.today,
                            months, kind, label)
        elif kind == "satisfaction":
            from keyaccounts.services.satisfaction import list_surveys

            account_id = self.page.account.id
            self.chart.draw(charts.paint_satisfaction, self.ops.read(
                lambda db: list_surveys(db, account_id)) if self.ops is not None else [])
        else:
            self.chart.draw(charts.paint_sentiment, self.page.chain, self.page.today, months)

    # -- following a link ----------------------------------------------------------
    def followup(self, followup_id: int) -> FollowUpView | None:
        for i in self.page.chain:
            for f in (*i.opened, *i.settled, *i.carried):
                if f.id == followup_id:
                    return f
        for f in self.page.open_followups:
            if f.id == followup_id:
                return f
        return None

    def _followup_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, KIND_ROLE)
        if not data or data[0] != "followup":
            return
        self.jump_to_followup(data[1])

    def jump_to_interaction(self, interaction_id: int) -> bool:
        """Show the chain scrolled to one interaction, selected (a search hit); False if
        it is not on this page."""
        item = self.items.get(("interaction", interaction_id))
        if item is None:
            return False
        self.tabs.setCurrentIndex(0)
        self.timeline.clearSelection()
        item.setSelected(True)
        self.timeline.setCurrentItem(item)
        self.timeline.scrollToItem(item, self.timeline.ScrollHint.PositionAtCenter)
        return True

    def jump_to_followup(self, followup_id: int) -> None:
        """Select the interaction that opened the follow-up and the one that closed it."""
        f = self.followup(followup_id)
        if f is None:
            return
        self.tabs.setCurrentIndex(0)
        self.timeline.clearSelection()
        targets = [self.items.get(("interaction", ref)) for ref in (f.opened_by, f.closed_by)]
        targets = [t for t in targets if t is not None]
        for t in targets:
            t.setSelected(True)
        if targets:
            self.timeline.setCurrentItem(targets[0])
            self.timeline.scrollToItem(targets[0])
        parts = []
        if f.opened_by:
            parts.append(arg(self.tr("opened by the interaction of %1"), f.opened_on.isoformat()))
        elif f.origin:
            parts.append(f.origin)
        if f.status != "open" and f.closed_on and f.closed_by is None:
            parts.append(arg(self.tr("closed without a contact on %1"),
                             f.closed_on.isoformat()) if f.status == "settled" else
                         arg(self.tr("moved without a contact on %1"), f.closed_on.isoformat()))
        elif f.status != "open" and f.closed_on:
            what = labels.status(f.status).lower()
            parts.append(arg(self.tr("%1 on %2"), what, f.closed_on.isoformat()))
        else:
            parts.append(arg(self.tr("open, due %1"), f.due.isoformat()))
        self.link_info.setText(f"“{f.text}”: " + "; ".join(parts))
