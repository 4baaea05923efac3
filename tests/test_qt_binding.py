"""The Qt binding must not corrupt Python's reference counts (PySide6 6.12.0 did:
every QVariant converted back to None took a reference from None, and a large
portfolio crashed the app). This guards any future upgrade."""

import sys

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem


class Relay(QObject):
    fired = Signal(object, object)


def test_none_through_item_data_and_signals_keeps_its_references(qapp):
    tree = QTreeWidget()
    item = QTreeWidgetItem(tree, ["x"])
    before = sys.getrefcount(None)
    for _n in range(2000):
        item.data(0, Qt.ItemDataRole.UserRole + 1)  # unset: comes back as None
    assert sys.getrefcount(None) - before >= -10

    relay, got = Relay(), []
    relay.fired.connect(lambda a, b: got.append((a, b)))
    before_true = sys.getrefcount(True)
    for _n in range(500):
        relay.fired.emit(None, True)
    assert len(got) == 500
    assert sys.getrefcount(True) - before_true >= -10
