"""The app's look: a light touch over the platform style.

Each look has a name (:func:`styled`). Where a look is a font and a palette colour —
a page's title, an empty state's explanation, an error line — the widget gets just
those, and follows the theme through its palette role. The rest (the navigation's
pills, the rounded search field, a badge) is in ui/resources/style.qss, given only to the
widgets it names: Qt polishes and paints a widget with a style sheet, and its
children, through its slower style-sheet style (an application-wide sheet made
start-up polish and paint every widget that way).
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

# name: (point size, weight (QFont.Weight's value), palette role for the text, margin,
# text colour)
FONT_LOOKS = {
    "pageTitle": (16, 600, None, 0, None),
    "emptyState": (11, None, "PlaceholderText", 24, None),
    "errorLine": (None, None, None, 0, "#d0413a"),
}


@cache
def _rules(name: str) -> str:
    """The sheet's rules for the object name *name*."""
    text = files("ui.resources").joinpath("style.qss").read_text(encoding="utf-8")
    sheet = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(rule.strip() for rule in re.findall(r"[^{}]+\{[^{}]*\}", sheet)
                     if f"#{name}" in rule.split("{")[0])


def styled(widget, name: str, colour: str | None = None):
    """Give *widget* the object name *name* and its look: one of navigation, pageTitle,
    emptyState, badge, errorLine, globalSearch; *colour* (``#rrggbb``) for its text on
    top. Returns *widget*."""
    widget.setObjectName(name)
    look = FONT_LOOKS.get(name)
    if look is None:
        widget.setStyleSheet(_rules(name))
        return widget
    from PySide6.QtGui import QColor, QFont, QPalette

    size, weight, role, margin, look_colour = look
    if size or weight:
        font = widget.font()
        if size:
            font.setPointSize(size)
        if weight:
            font.setWeight(QFont.Weight(weight))
        widget.setFont(font)
    if role:
        widget.setForegroundRole(getattr(QPalette.ColorRole, role))
    if margin:
        widget.setMargin(margin)
    colour = colour or look_colour
    if colour:
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
        widget.setPalette(palette)
    return widget
