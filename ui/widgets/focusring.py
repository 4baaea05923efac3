"""A clear focus ring: where typing will go, drawn around the field that has the focus.

The platform styles mark a focused field faintly (Fusion: a thin tinted border), and a
combo box not at all while it is closed: typing into the wrong field went unnoticed.
One ring for the whole app follows the focus (QApplication.focusChanged) and is
drawn above the field, in the palette's highlight colour, around the editors that
take typing: line edits, combo boxes, spin boxes, text edits, lists and tables.
Nothing is given a style sheet: a sheet makes Qt polish and paint through its
slower style-sheet style.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

RINGED = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit,
          QAbstractItemView)
WIDTH = 2


class FocusRing(QFocusFrame):
    def paintEvent(self, event) -> None:
        if self.widget() is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette().color(QPalette.ColorGroup.Active,
                                        QPalette.ColorRole.Highlight), WIDTH)
        painter.setPen(pen)
        painter.setBrush(QBrush())  # none (naming Qt.BrushStyle would build Qt's enums)
        half = WIDTH / 2
        painter.drawRoundedRect(self.rect().toRectF().adjusted(half, half, -half, -half), 3, 3)


def ringed(widget: QWidget | None) -> QWidget | None:
    """The field a ring goes around for focus on *widget*: an editable combo box's line
    edit rings its combo box; a widget that takes no typing has none."""
    if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), QComboBox):
        return widget.parentWidget()
    return widget if isinstance(widget, RINGED) else None


class FocusRings(QObject):
    """Moves the one ring to each field that gets the focus (see :func:`install`)."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.rings: dict[QWidget, FocusRing] = {}  # one per window: a frame has a parent
        app.focusChanged.connect(self._moved)

    def _moved(self, _old, new) -> None:
        target = ringed(new)
        window = new.window() if new is not None else None
        for win, ring in list(self.rings.items()):
            if win is not window or target is None:
                ring.setWidget(None)
                ring.hide()
        if target is None or window is None:
            return
        ring = self.rings.get(window)
        if ring is None:
            ring = self.rings[window] = FocusRing(window)
            window.destroyed.connect(lambda *_a, w=window: self.rings.pop(w, None))
        ring.setWidget(target)
        ring.show()
        ring.raise_()

    def uninstall(self) -> None:
        """No rings any more, in any window (a test that installs them leaves the app as
        it was). The frames go too: a frame left watching a field, with nobody moving it
        any more, is called while its window is torn down and reads a parent already
        gone (a crash in the next test)."""
        QApplication.instance().focusChanged.disconnect(self._moved)
        for ring in list(self.rings.values()):
            ring.setWidget(None)
            ring.deleteLater()
        self.rings.clear()
        self.deleteLater()

    def ring_of(self, widget: QWidget) -> QWidget | None:
        """The field the ring of *widget*'s window is around now (None: no ring)."""
        ring = self.rings.get(widget.window())
        return ring.widget() if ring is not None and ring.isVisible() else None


def install(app: QApplication) -> FocusRings:
    """Show a focus ring around the focused field in every window of *app* (once), from
    the field that has the focus now."""
    found = app.findChild(FocusRings)
    if found is not None:
        return found
    rings = FocusRings(app)
    rings._moved(None, app.focusWidget())
    return rings
