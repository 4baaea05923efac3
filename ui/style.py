"""The app's look: a light touch over the platform style, in resources/style.qss.

The sheet goes to the widgets it names (:func:`styled`), not to the whole
application: with an application-wide sheet Qt draws every widget through its
slower style-sheet style, and start-up polished and painted all of them that way.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

SHEET = Path(__file__).resolve().parent.parent / "resources" / "style.qss"


@cache
def _sheet() -> str:
    return SHEET.read_text(encoding="utf-8")


def styled(widget, name: str, extra: str = ""):
    """Give *widget* the object name *name* (one of the sheet's: navigation, pageTitle,
    emptyState, badge, errorLine, globalSearch) and the sheet; *extra* declarations
    (e.g. ``"color: #c00"``) apply to it on top. Returns *widget*."""
    widget.setObjectName(name)
    sheet = _sheet()
    if extra:
        sheet += f"\n#{name} {{ {extra} }}\n"
    widget.setStyleSheet(sheet)
    return widget
