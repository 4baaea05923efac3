"""The app's signal colours: the same on light and dark palettes, legible on both."""

from __future__ import annotations

from PySide6.QtGui import QColor

OVERDUE = QColor("#d0413a")  # a broken link, an overdue date, a falling sentiment
STALE = QColor("#c77c02")  # due soon, or not met for too long
