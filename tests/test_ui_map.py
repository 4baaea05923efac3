"""The account page's Map tab (issue 20): the org chart by reports-to, boxes by recency,
our counterparts, contacts who left greyed with their successor; a box dragged onto
another sets who reports to whom, the Menu key's menu marks one as left; Ctrl+Z, typed
into the focused widget, takes each back. Then the database is checked."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from keyaccounts import services as sv
from keyaccounts.services import relmap as rm

pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 11, 27)


@pytest.fixture
def ops(qtbot, db):
    from ui.operations import Operations
    from ui.worker import DbWorker

    return Operations(db, DbWorker())


@pytest.fixture
def acme(db):
    sv.add_account(db, "Acme", tier="A")
    boss = sv.add_contact(db, "Acme", "Boss", level="exec", role="decision-maker")
    sv.add_contact(db, "Acme", "Manager", level="mgmt", role="champion", reports_to=boss.id)
    sv.add_contact(db, "Acme", "Buyer", level="ops", role="user")
    rm.add_person(db, "Chen CEO", "exec")
    rm.add_person(db, "Wu", "ops")
    sv.log_interaction(db, "Acme", "exec-meeting", datetime(2026, 11, 1, 10), "strategy",
                       contacts=["Boss"], our_people=["Chen CEO", "Wu"])
    sv.log_interaction(db, "Acme", "visit", datetime(2026, 4, 1, 10), "old", contacts=["Buyer"],
                       our_people=["Wu"])
    return db


def contact(db, name):
    return next(c for c in sv.list_contacts(db, "Acme") if c.name == name)


def open_map(qtbot, db, ops):
    from ui.pages.account import AccountView

    account = next(a for a in sv.list_accounts(db) if a.name == "Acme")
    view = AccountView()
    qtbot.addWidget(view)
    view.ops = ops
    view.resize(1200, 900)
    view.show()
    view.show_page(sv.account_page(db, account.id, TODAY))
    view.tabs.setCurrentWidget(view.map_view)
    qtbot.waitUntil(lambda: view.map_view.map is not None)
    return view, view.map_view


def reload(qtbot, m):
    m.map = None
    m.load()
    qtbot.waitUntil(lambda: m.map is not None)


def test_the_map_draws_the_chart_by_recency_with_our_counterparts(qtbot, acme, ops, english):
    _view, m = open_map(qtbot, acme, ops)
    boss, manager, buyer = (m.box(contact(acme, n).id) for n in ("Boss", "Manager", "Buyer"))
    assert manager.pos().y() > boss.pos().y()  # reports to Boss: below
    assert buyer.pos().y() > manager.pos().y()  # no manager, no reports: a row of its own
    assert boss.finding.recency == "fresh" and buyer.finding.recency == "cold"
    assert manager.finding.recency == "never"
    lines = boss.lines()
    assert lines[0] == "Boss" and "Executive" in lines[2]
    assert any(line.startswith("Ours: Chen CEO (Executive), 1×") for line in lines)
    assert lines[-1] == "Met by our same level"
    assert buyer.lines()[-1] == "Not met within the tier's rhythm"
    assert "1 of 3 current key contacts met by our same level" in m.summary.text()


def test_drag_a_box_onto_another_sets_reports_to_and_ctrl_z_undoes(qtbot, acme, ops):
    _view, m = open_map(qtbot, acme, ops)
    buyer_id, manager_id = contact(acme, "Buyer").id, contact(acme, "Manager").id

    def centre(cid):
        box = m.box(cid)
        return m.view.mapFromScene(box.sceneBoundingRect().center())

    viewport = m.view.viewport()
    start, end = centre(buyer_id), centre(manager_id)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 11):
        qtbot.mouseMove(viewport, start + (end - start) * step / 10)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    qtbot.waitUntil(lambda: contact(acme, "Buyer").reports_to == "Manager")
    qtbot.waitUntil(lambda: m.box(buyer_id) is not None and
                    m.box(buyer_id).finding.contact.reports_to == manager_id)
    assert m.box(buyer_id).pos().y() > m.box(manager_id).pos().y()

    m.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is m.view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert contact(acme, "Buyer").reports_to in (None, "")


def test_the_menu_key_marks_a_contact_as_left_and_ctrl_z_brings_them_back(
        qtbot, acme, ops):
    _view, m = open_map(qtbot, acme, ops)
    m.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is m.view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # the first box: Boss
    assert m.view.selected().finding.contact.name == "Boss"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Menu)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    menu = QApplication.activePopupWidget()
    qtbot.keyClick(menu, Qt.Key.Key_Up)  # wraps to the last item: Mark as left
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: contact(acme, "Boss").left == TODAY)
    qtbot.waitUntil(lambda: m.box(contact(acme, "Boss").id).finding.left)
    assert m.box(contact(acme, "Boss").id).lines()[3] == "Left — no successor recorded"
    m.view.window().activateWindow()  # the offscreen platform leaves the closed menu active
    m.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is m.view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert contact(acme, "Boss").left is None


def test_a_contact_who_left_is_greyed_with_the_successor(qtbot, acme, ops, english):
    heir = sv.add_contact(acme, "Acme", "New boss", level="exec", role="decision-maker")
    sv.mark_contact_left(acme, contact(acme, "Boss").id, date(2026, 10, 1), successor=heir.id)
    _view, m = open_map(qtbot, acme, ops)
    box = m.box(contact(acme, "Boss").id)
    assert box.finding.left and box.lines()[3] == "Left — successor: New boss"
    assert "Met by our same level" not in box.lines()


def test_sixty_contacts_are_laid_out_without_overlaps(qtbot, db, ops):
    sv.add_account(db, "Acme", tier="B")
    ceo = sv.add_contact(db, "Acme", "CEO", level="exec", role="decision-maker")
    n = 1
    for v in range(5):
        vp = sv.add_contact(db, "Acme", f"VP {v}", level="exec", reports_to=ceo.id)
        n += 1
        for k in range(9):
            sv.add_contact(db, "Acme", f"Staff {v}-{k}", level="ops",
                           reports_to=vp.id if k < 6 else None)
            n += 1
    for k in range(60 - n):
        sv.add_contact(db, "Acme", f"Other {k}", level="mgmt")
    assert len(sv.list_contacts(db, "Acme")) == 60
    _view, m = open_map(qtbot, db, ops)
    boxes = m.view.boxes()
    assert len(boxes) == 60
    rects = [b.sceneBoundingRect() for b in boxes]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b)
    by_name = {b.finding.contact.name: b for b in boxes}
    assert all(by_name[f"VP {v}"].pos().y() > by_name["CEO"].pos().y() for v in range(5))
    assert by_name["Staff 0-0"].pos().y() > by_name["VP 0"].pos().y()


def test_quick_log_picks_our_people_with_type_ahead_and_keeps_free_text(qtbot, acme, ops):
    from ui.dialogs.quicklog import QuickLogDialog

    account = next(a for a in sv.list_accounts(acme) if a.name == "Acme")
    dialog = QuickLogDialog(ops, account_id=account.id, today=TODAY, kind="visit")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.contacts.input.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.contacts.input)
    qtbot.keyClicks(QApplication.focusWidget(), "Buy")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)      # adds Buyer
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)         # -> our people
    assert QApplication.focusWidget() is dialog.ours
    qtbot.keyClicks(QApplication.focusWidget(), "ceo")                 # contains, any case
    qtbot.waitUntil(lambda: dialog.ours.completer.popup().isVisible())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)      # takes Chen CEO
    assert dialog.ours.text() == "Chen CEO, "
    assert QApplication.focusWidget() is dialog.ours
    qtbot.keyClicks(QApplication.focusWidget(), "a guest, w")
    qtbot.waitUntil(lambda: dialog.ours.completer.popup().isVisible())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)         # takes Wu
    assert dialog.ours.text() == "Chen CEO, a guest, Wu, "
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)         # -> summary
    qtbot.keyClicks(QApplication.focusWidget(), "Site visit")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [logged] = [i for i in sv.history(acme, "Acme") if i.summary == "Site visit"]
    assert logged.our_participants == "Chen CEO, a guest, Wu"  # free text kept
    buyer = rm.relationship_map(acme, "Acme", TODAY)
    [f] = [f for f in buyer.contacts if f.contact.name == "Buyer"]
    assert [(p.name, p.meetings, p.last_met) for p in f.counterparts] == [
        ("Wu", 2, TODAY), ("Chen CEO", 1, TODAY)]


def test_the_map_exports_to_png_and_svg(qtbot, acme, ops, tmp_path):
    from PySide6.QtGui import QImage

    _view, m = open_map(qtbot, acme, ops)
    png = m.export("png", str(tmp_path / "map.png"))
    image = QImage(png)
    rect = m.scene.sceneRect()
    assert not image.isNull() and image.width() >= rect.width()
    svg = (tmp_path / "map.svg")
    m.export("svg", str(svg))
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "Boss" in text and "Manager" in text


def test_our_people_are_added_from_the_map_tab_with_the_keyboard(qtbot, acme, ops, english):
    _view, m = open_map(qtbot, acme, ops)
    m.people_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is m.people_button)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    dialog = m.people_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
    assert dialog.people.topLevelItemCount() == 2
    qtbot.keyClicks(QApplication.focusWidget(), "Zhao Min")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)        # -> title
    qtbot.keyClicks(QApplication.focusWidget(), "VP Sales")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)        # -> level
    assert QApplication.focusWidget() is dialog.level
    qtbot.keyClicks(QApplication.focusWidget(), "E")                  # Executive
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)        # -> Add
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert ("Zhao Min", "VP Sales", "exec") in [(p.name, p.title, p.level)
                                                for p in rm.list_people(acme)]
    assert dialog.people.topLevelItemCount() == 3
    assert QApplication.focusWidget() is dialog.name and dialog.name.text() == ""
    # The same name again: refused in one line, nothing added.
    qtbot.keyClicks(QApplication.focusWidget(), "zhao min")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert "Zhao Min" in dialog.error.text() and len(rm.list_people(acme)) == 3
    assert dialog.isVisible()
    dialog.reject()


def test_quick_log_offers_to_add_a_name_that_is_not_one_of_our_people(qtbot, acme, ops):
    from PySide6.QtWidgets import QToolButton

    from ui.dialogs.quicklog import QuickLogDialog

    account = next(a for a in sv.list_accounts(acme) if a.name == "Acme")
    dialog = QuickLogDialog(ops, account_id=account.id, today=TODAY, kind="visit")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    dialog.ours.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.ours)
    qtbot.keyClicks(QApplication.focusWidget(), "Lee")
    assert not dialog.ours.add_action.isVisible()  # still typing
    qtbot.keyClicks(QApplication.focusWidget(), ", ")
    assert dialog.ours.add_action.isVisible()
    [button] = [b for b in dialog.ours.findChildren(QToolButton)
                if b.defaultAction() is dialog.ours.add_action]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    people = dialog.ours.people_dialog
    qtbot.waitUntil(people.isVisible)
    assert people.name.text() == "Lee"
    people.activateWindow()
    people.level.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is people.level)
    qtbot.keyClicks(QApplication.focusWidget(), "M")                  # management
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)        # -> Add
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert [p.level for p in rm.list_people(acme) if p.name == "Lee"] == ["mgmt"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not people.isVisible())
    assert not dialog.ours.add_action.isVisible()  # Lee is one of ours now
    assert "Lee" in dialog.ours.names.stringList()
    dialog.reject()


def test_the_interaction_editor_links_our_people_and_offers_the_others(qtbot, acme, ops):
    """Editing a logged interaction in the app: our participants typed are linked as
    the quick log links them; a name not on the list is kept and offered."""
    from ui.dialogs.quicklog import QuickLogDialog

    [old] = [i for i in sv.history(acme, "Acme") if i.summary == "old"]
    dialog = QuickLogDialog(ops, interaction=old, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.ours.text() == "Wu"
    dialog.activateWindow()
    dialog.ours.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.ours)
    dialog.ours.selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "Lee, ")
    assert dialog.ours.add_action.isVisible()  # Lee: offered to be added
    qtbot.keyClicks(QApplication.focusWidget(), "chen")
    qtbot.waitUntil(lambda: dialog.ours.completer.popup().isVisible())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)      # takes Chen CEO
    assert dialog.ours.text() == "Lee, Chen CEO, "
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [edited] = [i for i in sv.history(acme, "Acme") if i.summary == "old"]
    assert edited.our_participants == "Lee, Chen CEO"  # free text kept
    [buyer] = [f for f in rm.relationship_map(acme, "Acme", TODAY).contacts
               if f.contact.name == "Buyer"]
    assert [(p.name, p.meetings) for p in buyer.counterparts] == [("Chen CEO", 1)]
