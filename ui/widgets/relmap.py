"""The relationship map of one account (issue 20): its key contacts as an org chart by
reports-to, each box coloured by how recently we met them against the tier's rhythm,
with our counterparts and whether their level was met by ours; contacts who left are
greyed with their successor. Drag a box onto another to set who reports to whom, or use
the box's context menu (keyboard: the Menu key); every change is undoable (Ctrl+Z).

The map is :func:`keyaccounts.services.relmap.relationship_map`'s, read on the worker;
the rules (level matching, recency, gaps) are the domain's, never drawn up here.
"""

from __future__ import annotations

import functools
from datetime import date

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QPointF,
    QRectF,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPen,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QStyleOptionGraphicsItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from keyaccounts import services
from keyaccounts.domain import formats
from keyaccounts.domain.errors import KeyAccountsError
from keyaccounts.domain.relmap import ContactFinding, RelationshipMap, chart_cells
from ui import labels
from ui.operations import Changes, Operations
from ui.text import arg

BOX_W, BOX_H, H_GAP, V_GAP = 220.0, 118.0, 24.0, 56.0
CONTACTS = Changes(accounts=True, account=True, health=True)
FILL = {"fresh": QColor("#d6efd6"), "fading": QColor("#fbeec1"), "cold": QColor("#f6d2cf"),
        "never": QColor("#e8e8e8")}
_tr = functools.partial(QCoreApplication.translate, "RelationshipMap")
LEFT_FILL, LEFT_TEXT = QColor("#f4f4f4"), QColor("#8a8a8a")
TEXT = QColor("#202020")


def layout(findings: list[ContactFinding]) -> dict[int, QPointF]:
    """Top-left corners of the boxes, from the chart's cells (domain.relmap.chart_cells)."""
    return {cid: QPointF(col * (BOX_W + H_GAP), row * (BOX_H + V_GAP))
            for cid, (col, row) in chart_cells(findings).items()}


MATCHING = {
    "matched": QT_TRANSLATE_NOOP("RelationshipMap", "Met by our same level"),
    "under": QT_TRANSLATE_NOOP("RelationshipMap", "Met only by our lower levels"),
    "over": QT_TRANSLATE_NOOP("RelationshipMap", "Met only by our higher levels"),
    "unlinked": QT_TRANSLATE_NOOP("RelationshipMap", "Met, but by no one on our list"),
    "unmet": QT_TRANSLATE_NOOP("RelationshipMap", "Not met within the tier's rhythm"),
    "left": QT_TRANSLATE_NOOP("RelationshipMap", "Left"),
}


class ContactBox(QGraphicsItem):
    """One key contact: name, title, level · role · attitude, last met, our
    counterparts, and the level-matching finding."""

    def __init__(self, finding: ContactFinding, successor: str | None, today: date):
        super().__init__()
        self.finding, self.successor, self.today = finding, successor, today
        self.contact_id = finding.contact.id
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable)
        self.setToolTip("\n".join(self.lines()))

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, BOX_W, BOX_H)

    def lines(self) -> list[str]:
        f, c = self.finding, self.finding.contact
        out = [c.name, c.title or " ",
               " · ".join((labels.level(c.level), labels.role(c.role),
                           labels.attitude(c.attitude)))]
        if f.left:
            out.append(arg(QCoreApplication.translate("RelationshipMap", "Left — successor: %1"), self.successor)
                       if self.successor else QCoreApplication.translate("RelationshipMap", "Left — no successor recorded"))
        else:
            out.append(arg(QCoreApplication.translate("RelationshipMap", "Last met %1"), formats.relative_day(f.last_met, self.today))
                       if f.last_met else QCoreApplication.translate("RelationshipMap", "Never met"))
        shown = f.counterparts[:2]
        for p in shown:
            out.append(arg(QCoreApplication.translate("RelationshipMap", "Ours: %1 (%2), %3×, %4"), p.name, labels.level(p.level),
                           p.meetings, formats.relative_day(p.last_met, self.today)))
        if len(f.counterparts) > len(shown):
            out.append(arg(QCoreApplication.translate("RelationshipMap", "and %1 more of ours"), len(f.counterparts) - len(shown)))
        if not f.left:
            out.append(_tr(MATCHING[f.matching]))
        return out

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        f = self.finding
        fill = LEFT_FILL if f.left else FILL[f.recency]
        pen = QPen(LEFT_TEXT if f.left else QColor("#5f6b7a"),
                   2.5 if self.isSelected() else 1.0)
        if f.left:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(fill))
        painter.drawRoundedRect(self.boundingRect().adjusted(1, 1, -1, -1), 6, 6)
        painter.setPen(LEFT_TEXT if f.left else TEXT)
        font = QFont(painter.font())
        y = 6.0
        for n, line in enumerate(self.lines()):
            font.setBold(n == 0)
            painter.setFont(font)
            rect = QRectF(8, y, BOX_W - 16, 15)
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             painter.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight,
                                                              int(rect.width())))
            y += 14.5
            if y > BOX_H - 14:
                break


class MapCommand(QUndoCommand):
    """A change made on the map, done and undone at once through the operations."""

    def __init__(self, text: str, view: RelationshipMapView, redo_op, undo_op):
        super().__init__(text)
        self.view, self.redo_op, self.undo_op = view, redo_op, undo_op

    def _run(self, op) -> None:
        try:
            self.view.ops.run_now(op, CONTACTS)
        except KeyAccountsError as exc:
            self.setObsolete(True)
            self.view.error.setText(str(exc))
        self.view.load()

    def redo(self) -> None:
        self._run(self.redo_op)

    def undo(self) -> None:
        self._run(self.undo_op)


class MapGraphicsView(QGraphicsView):
    """The drawing: drag a box onto another; arrows move between boxes; Enter edits the
    contact; the Menu key opens the box's menu."""

    def __init__(self, owner: RelationshipMapView):
        super().__init__(owner)
        self.owner = owner
        self.setObjectName("relationshipMap")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._dragged: ContactBox | None = None

    def boxes(self) -> list[ContactBox]:
        return [i for i in self.scene().items() if isinstance(i, ContactBox)]

    def selected(self) -> ContactBox | None:
        chosen = [i for i in self.scene().selectedItems() if isinstance(i, ContactBox)]
        return chosen[0] if chosen else None

    def box_at(self, scene_pos: QPointF, besides: ContactBox | None = None) -> ContactBox | None:
        for item in self.scene().items(scene_pos):
            if isinstance(item, ContactBox) and item is not besides:
                return item
        return None

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        item = self.box_at(self.mapToScene(event.position().toPoint()))
        self._dragged = item if event.button() == Qt.MouseButton.LeftButton else None
        if item is not None:
            self.scene().clearSelection()
            item.setSelected(True)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        dragged, self._dragged = self._dragged, None
        if dragged is None:
            return
        start = self.owner.positions.get(dragged.contact_id)
        if start is None or (dragged.pos() - start).manhattanLength() < 8:
            if start is not None:
                dragged.setPos(start)
            return
        target = self.box_at(self.mapToScene(event.position().toPoint()), dragged)
        dragged.setPos(start)  # the map is drawn again from the database
        if target is not None:
            self.owner.set_reports_to(dragged.contact_id, target.contact_id)

    def mouseDoubleClickEvent(self, event) -> None:
        item = self.box_at(self.mapToScene(event.position().toPoint()))
        if item is not None:
            self.owner.edit_contact.emit(item.contact_id)
        else:
            super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        if event.reason() == event.Reason.Keyboard:
            self.menu_for_selected()
            return
        item = self.box_at(self.mapToScene(event.pos()))
        if item is not None:
            self.scene().clearSelection()
            item.setSelected(True)
            self.owner.context_menu(item.contact_id).popup(event.globalPos())

    def menu_for_selected(self) -> None:
        item = self.selected()
        if item is not None:
            where = self.mapToGlobal(self.mapFromScene(item.sceneBoundingRect().center()))
            self.owner.context_menu(item.contact_id).popup(where)

    def keyPressEvent(self, event) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        stack = self.owner.own_stack
        if ctrl and key == Qt.Key.Key_Z and self.owner.undo_stack() is stack:
            (stack.redo if mods & Qt.KeyboardModifier.ShiftModifier else stack.undo)()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step(key)
            return
        if key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10
                                      and mods & Qt.KeyboardModifier.ShiftModifier):
            self.menu_for_selected()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected() is not None:
            self.owner.edit_contact.emit(self.selected().contact_id)
            return
        super().keyPressEvent(event)

    def step(self, key) -> None:
        """Select the nearest box in the arrow's direction (the first one if none is)."""
        boxes = self.boxes()
        if not boxes:
            return
        current = self.selected()
        if current is None:
            best = min(boxes, key=lambda b: (b.pos().y(), b.pos().x()))
        else:
            here = current.pos()
            dx, dy = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                      Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}[key]

            def ahead(b: ContactBox) -> bool:
                d = b.pos() - here
                return (d.x() * dx + d.y() * dy) > 1

            candidates = [b for b in boxes if b is not current and ahead(b)]
            if not candidates:
                return
            best = min(candidates, key=lambda b: (
                abs((b.pos() - here).x() * dy) + abs((b.pos() - here).y() * dx),
                (b.pos() - here).manhattanLength()))
        self.scene().clearSelection()
        best.setSelected(True)
        best.setFocus()
        self.ensureVisible(best)


class RelationshipMapView(QWidget):
    """The Map tab of the account page."""

    edit_contact = Signal(int)
    log_meeting = Signal(int)  # the account's id
    loaded = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ops: Operations | None = None
        self.account_id: int | None = None
        self.today: date | None = None
        self.map: RelationshipMap | None = None
        self.positions: dict[int, QPointF] = {}
        self.own_stack = QUndoStack(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.scene = QGraphicsScene(self)
        self.view = MapGraphicsView(self)
        self.view.setScene(self.scene)
        self.export_button = QToolButton(self)
        self.export_button.setText(QCoreApplication.translate("RelationshipMap", "Export…"))
        self.export_button.setAutoRaise(True)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        export_menu.addAction(QCoreApplication.translate("RelationshipMap", "As PNG image…"),
                              lambda: self.export("png"))
        export_menu.addAction(QCoreApplication.translate("RelationshipMap", "As SVG drawing…"),
                              lambda: self.export("svg"))
        self.export_button.setMenu(export_menu)
        self.people_button = QPushButton(
            QCoreApplication.translate("RelationshipMap", "Our people…"), self)
        self.people_button.clicked.connect(self.edit_people)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.people_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        layout_ = QVBoxLayout(self)
        layout_.setContentsMargins(0, 0, 0, 0)
        layout_.addLayout(top)
        layout_.addWidget(self.error)
        layout_.addWidget(self.view, 1)
        self.setFocusProxy(self.view)

    def undo_stack(self) -> QUndoStack:
        """The window's stack (Edit ▸ Undo, Ctrl+Z) when there is one, else the map's."""
        return getattr(self.window(), "undo_stack", None) or self.own_stack

    # -- loading ---------------------------------------------------------------------
    def set_account(self, ops: Operations | None, account_id: int, today: date) -> None:
        """The account to map; read now if the tab shows, else when it is shown."""
        changed = account_id != self.account_id
        self.ops, self.account_id, self.today = ops, account_id, today
        if changed:
            self.map = None
            self.scene.clear()
        if self.isVisible():
            self.load()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.load()

    def load(self) -> None:
        if self.ops is None or self.account_id is None:
            return
        account_id, today = self.account_id, self.today

        def read(db):
            from keyaccounts.services import relmap

            return relmap.relationship_map(db, account_id, today)

        self.ops.query(read, self.show_map)

    def show_map(self, m: RelationshipMap) -> None:
        if m.account_id != self.account_id:
            return  # another account is shown by now
        chosen = self.view.selected()
        keep = chosen.contact_id if chosen is not None else None
        self.map = m
        self.scene.clear()
        names = {f.contact.id: f.contact.name for f in m.contacts}
        self.positions = layout(list(m.contacts))
        boxes: dict[int, ContactBox] = {}
        for f in m.contacts:
            box = ContactBox(f, names.get(f.contact.successor), m.as_of)
            box.setPos(self.positions[f.contact.id])
            box.setZValue(1)
            self.scene.addItem(box)
            boxes[f.contact.id] = box
        pen = QPen(QColor("#8795a6"), 1.2)
        for f in m.contacts:
            boss = boxes.get(f.contact.reports_to)
            if boss is not None and boss is not boxes[f.contact.id]:
                a = boss.pos() + QPointF(BOX_W / 2, BOX_H)
                b = boxes[f.contact.id].pos() + QPointF(BOX_W / 2, 0)
                line = QGraphicsLineItem(a.x(), a.y(), b.x(), b.y())
                line.setPen(pen)
                self.scene.addItem(line)
        self.scene.setSceneRect(self.scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))
        if keep in boxes:
            boxes[keep].setSelected(True)
        current = [f for f in m.contacts if not f.left]
        matched = sum(1 for f in current if f.matched)
        text = [arg(QCoreApplication.translate("RelationshipMap", "%1 of %2 current key contacts met by our same level within the "
                       "tier's rhythm."), matched, len(current))]
        text += [formats.labelled(g.reason, g.suggested_action) for g in m.gaps]
        self.summary.setText("\n".join(text))
        self.error.clear()
        self.loaded.emit()

    def edit_people(self) -> None:
        """Our people who meet customers: the list, and a new one added."""
        if self.ops is None:
            return
        self.people_dialog = OurPeopleDialog(self.ops, self)
        self.people_dialog.finished.connect(lambda _r: self.load())
        self.people_dialog.open()

    def export(self, fmt: str, path: str | None = None) -> str | None:
        """The map as a PNG image or an SVG drawing; *path* asked for when not given."""
        if self.map is None:
            return None
        if path is None:
            filters = {"png": QCoreApplication.translate("RelationshipMap", "PNG image (*.png)"),
                       "svg": QCoreApplication.translate("RelationshipMap", "SVG image (*.svg)")}
            path, _f = QFileDialog.getSaveFileName(
                self, QCoreApplication.translate("RelationshipMap", "Export the map"),
                f"map.{fmt}", filters[fmt])
            if not path:
                return None
        chosen = self.scene.selectedItems()
        self.scene.clearSelection()
        rect = self.scene.sceneRect()
        try:
            if fmt == "svg":
                from PySide6.QtSvg import QSvgGenerator

                out = QSvgGenerator()
                out.setFileName(path)
                out.setSize(rect.size().toSize())
                out.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
                out.setTitle(self.map.account)
                painter = QPainter(out)
                self.scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
                painter.end()
            else:
                image = QImage((rect.size() * 2).toSize(), QImage.Format.Format_ARGB32)
                image.fill(QColor("white"))
                painter = QPainter(image)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
                self.scene.render(painter, QRectF(image.rect()), rect)
                painter.end()
                if not image.save(path, "PNG"):
                    self.error.setText(arg(QCoreApplication.translate(
                        "RelationshipMap", "Could not write %1"), path))
                    return None
        finally:
            for item in chosen:
                item.setSelected(True)
        return path

    def box(self, contact_id: int) -> ContactBox | None:
        return next((b for b in self.view.boxes() if b.contact_id == contact_id), None)

    # -- changes -----------------------------------------------------------------------
    def finding(self, contact_id: int) -> ContactFinding | None:
        if self.map is None:
            return None
        return next((f for f in self.map.contacts if f.contact.id == contact_id), None)

    def _push(self, text: str, redo_op, undo_op) -> None:
        if self.ops is not None:
            self.undo_stack().push(MapCommand(text, self, redo_op, undo_op))

    def set_reports_to(self, contact_id: int, boss_id: int | None) -> None:
        f = self.finding(contact_id)
        if f is None or f.contact.reports_to == boss_id or contact_id == boss_id:
            return
        old = f.contact.reports_to
        boss = self.finding(boss_id) if boss_id is not None else None
        text = (arg(QCoreApplication.translate("RelationshipMap", "%1 reports to %2"), f.contact.name, boss.contact.name) if boss
                else arg(QCoreApplication.translate("RelationshipMap", "%1 reports to nobody"), f.contact.name))
        self._push(text,
                   lambda db: services.update_contact(db, contact_id, reports_to=boss_id),
                   lambda db: services.update_contact(db, contact_id, reports_to=old))

    def set_field(self, contact_id: int, field: str, value: str) -> None:
        f = self.finding(contact_id)
        if f is None or getattr(f.contact, field) == value:
            return
        old = getattr(f.contact, field)
        word = labels.role(value) if field == "role" else labels.attitude(value)
        self._push(arg(QCoreApplication.translate("RelationshipMap", "%1: %2"), f.contact.name, word),
                   lambda db: services.update_contact(db, contact_id, **{field: value}),
                   lambda db: services.update_contact(db, contact_id, **{field: old}))

    def mark_left(self, contact_id: int) -> None:
        f = self.finding(contact_id)
        if f is None or f.left or self.today is None:
            return
        day, opened = self.today, []

        def redo(db):
            opened.append(services.mark_contact_left(db, contact_id, day).id)

        def undo(db):
            services.undo_contact_left(db, contact_id, opened.pop())

        self._push(arg(QCoreApplication.translate("RelationshipMap", "%1 left"), f.contact.name), redo, undo)

    def context_menu(self, contact_id: int) -> QMenu:
        f = self.finding(contact_id)
        menu = QMenu(self)
        menu.setObjectName("relationshipMapMenu")
        menu.addAction(QCoreApplication.translate("RelationshipMap", "Edit contact…"), lambda: self.edit_contact.emit(contact_id))
        menu.addAction(QCoreApplication.translate("RelationshipMap", "Log a meeting…"), lambda: self.log_meeting.emit(self.account_id))
        boss_menu = menu.addMenu(QCoreApplication.translate("RelationshipMap", "Reports to"))
        boss_menu.addAction(QCoreApplication.translate("RelationshipMap", "Nobody"), lambda: self.set_reports_to(contact_id, None))
        for other in (self.map.contacts if self.map else ()):
            if other.contact.id != contact_id and not other.left:
                boss_menu.addAction(other.contact.name,
                                    lambda b=other.contact.id: self.set_reports_to(contact_id, b))
        role_menu = menu.addMenu(QCoreApplication.translate("RelationshipMap", "Role"))
        for token in labels.ROLES:
            role_menu.addAction(labels.role(token),
                                lambda t=token: self.set_field(contact_id, "role", t))
        attitude_menu = menu.addMenu(QCoreApplication.translate("RelationshipMap", "Attitude"))
        for token in labels.ATTITUDES:
            attitude_menu.addAction(labels.attitude(token),
                                    lambda t=token: self.set_field(contact_id, "attitude", t))
        left = menu.addAction(QCoreApplication.translate("RelationshipMap", "Mark as left"), lambda: self.mark_left(contact_id))
        left.setEnabled(f is not None and not f.left)
        self.menu = menu
        return menu


class OursField(QLineEdit):
    """Our participants, typed: each name after a comma completes from our people (the
    same type-ahead as the contacts), Enter or Tab takes the highlighted one; any other
    text is kept as typed (the service links the names that are exactly our people's)."""

    SEPARATORS = ",，、;；"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setPlaceholderText(QCoreApplication.translate(
            "RelationshipMap", "Our people who took part: type a name, comma for more"))
        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setWidget(self)
        self.completer.activated.connect(self.take)
        self.textEdited.connect(self._complete)
        self.ops: Operations | None = None
        # A name typed that is not one of our people: offered to be added to the list.
        self.add_action = self.addAction(
            self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder),
            QLineEdit.ActionPosition.TrailingPosition)
        self.add_action.setText(
            QCoreApplication.translate("RelationshipMap", "Add to our people…"))
        self.add_action.setVisible(False)
        self.add_action.triggered.connect(self.add_unknown)
        self.textChanged.connect(lambda _t: self._offer())

    def use(self, ops: Operations) -> None:
        """Read our people (the type-ahead's names) and offer to add new ones."""
        from keyaccounts.services.relmap import list_people

        self.ops = ops
        self.set_people(ops.read(list_people))

    def set_people(self, people) -> None:
        """*people*: OurPersonView values (services.relmap.list_people)."""
        self.names.setStringList([p.name for p in people])
        self._offer()

    def unknown(self) -> list[str]:
        """The names typed (and finished: a separator after them, or the field left)
        that are not our people's."""
        from keyaccounts.domain.names import name_key
        from keyaccounts.domain.relmap import split_participants

        known = {name_key(n) for n in self.names.stringList()}
        text = self.text() if not self.hasFocus() else self.text()[:self._cut()]
        return [n for n in split_participants(text) if name_key(n) not in known]

    def _offer(self) -> None:
        names = self.unknown() if self.ops is not None else []
        self.add_action.setVisible(bool(names))
        if names:
            self.add_action.setToolTip(arg(QCoreApplication.translate(
                "RelationshipMap", "Add %1 to our people…"), names[0]))

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._offer()

    def add_unknown(self) -> None:
        """Our people's dialog, with the first name not on the list typed in."""
        names = self.unknown()
        if self.ops is None or not names:
            return
        self.people_dialog = OurPeopleDialog(self.ops, self)
        self.people_dialog.name.setText(names[0])
        self.people_dialog.finished.connect(lambda _r: self.use(self.ops))
        self.people_dialog.open()

    def _cut(self) -> int:
        """Where the name being typed starts."""
        text = self.text()[:self.cursorPosition()]
        return max((text.rfind(s) for s in self.SEPARATORS), default=-1) + 1

    def _complete(self, _text: str = "") -> None:
        prefix = self.text()[self._cut():self.cursorPosition()].strip()
        if not prefix:
            self.completer.popup().hide()
            return
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount():
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def take(self, name: str) -> None:
        """Put *name* in place of the name being typed, and a comma for the next."""
        start, end = self._cut(), self.cursorPosition()
        head = self.text()[:start]
        if head and not head.endswith(" "):
            head += " "
        rest = self.text()[end:]
        self.setText(f"{head}{name}, {rest.lstrip()}" if rest.strip() else f"{head}{name}, ")
        self.setCursorPosition(len(head) + len(name) + 2)
        self.completer.popup().hide()

    def event(self, event) -> bool:
        # Tab is handled before keyPressEvent (it moves the focus): with the list open, it
        # takes the name instead.
        if event.type() == QEvent.Type.KeyPress and self._took(event):
            return True
        return super().event(event)

    def _took(self, event) -> bool:
        popup = self.completer.popup()
        if not popup.isVisible() or event.key() not in (
                Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab) or \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        index = popup.currentIndex()
        if not index.isValid():
            index = self.completer.completionModel().index(0, 0)
        self.take(index.data())
        event.accept()
        return True

    def value(self) -> str:
        """The text, without the trailing separator the type-ahead leaves."""
        return self.text().strip().rstrip(self.SEPARATORS).strip()


class OurPeopleDialog(QDialog):
    """Our people who meet customers, with their level (level matching, 高层对接高层); a
    name typed below and Enter adds one. Interactions already logged whose participants
    name them exactly are linked to them."""

    def __init__(self, ops: Operations, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Our people"))
        self.setMinimumWidth(460)
        self.people = QTreeWidget(self)
        self.people.setHeaderLabels([self.tr("Name"), self.tr("Title"), self.tr("Level")])
        self.people.setRootIsDecorated(False)
        self.name = QLineEdit(self)
        self.title = QLineEdit(self)
        self.level = QComboBox(self)
        for token in labels.LEVELS:
            self.level.addItem(labels.level(token), token)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Level:"), self.level)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout_ = QVBoxLayout(self)
        layout_.addWidget(self.people, 1)
        layout_.addLayout(form)
        layout_.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        layout_.addWidget(self.error)
        layout_.addWidget(buttons)
        for field in (self.name, self.title):
            field.returnPressed.connect(self.add)
        self.fill()
        self.name.setFocus()

    def fill(self) -> None:
        from keyaccounts.services.relmap import list_people

        self.people.clear()
        for p in self.ops.read(list_people):
            QTreeWidgetItem(self.people, [p.name, p.title, labels.level(p.level)])

    def add(self) -> None:
        from keyaccounts.services.relmap import add_person

        name, title, level = self.name.text(), self.title.text(), self.level.currentData()
        try:
            self.ops.run_now(lambda db: add_person(db, name, level, title=title), CONTACTS)
        except KeyAccountsError as exc:
            self.error.setText(str(exc))
            self.name.setFocus()
            return
        self.error.clear()
        self.name.clear()
        self.title.clear()
        self.fill()
        self.name.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # Enter in a field adds; it never closes the dialog
        super().keyPressEvent(event)
