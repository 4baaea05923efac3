"""The global search's hits: a popup wide enough to read them, the date first.

The hits were cut to the search box's width: a dozen identical "Sent the quotation by
email — Interaction, Northwind Foods (20…" with their dates lost. An interaction now
reads ``2026-11-20 · Sent the quotation by email — Northwind Foods, Call``; an account
or a contact its name, what it is, and its account.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect

from ui import labels
from ui.text import arg

POPUP_CHARS = 90  # the popup's width, in average characters, at the least


def hit_label(hit) -> str:
    """What a hit (a :class:`keyaccounts.domain.views.SearchHit`) reads as in the list."""
    # The context named at each call, for lupdate to file the strings under it.
    if hit.kind == "interaction":
        day, _sep, kind = hit.detail.partition(" ")
        return arg(QCoreApplication.translate("Search", "%1 · %2 — %3, %4"), day, hit.title,
                   hit.account, labels.kind(kind))
    if hit.kind == "account":
        label = arg(QCoreApplication.translate("Search", "%1 — %2"), hit.title,
                    QCoreApplication.translate("Search", "Account"))
    else:
        label = arg(QCoreApplication.translate("Search", "%1 — %2, %3"), hit.title,
                    QCoreApplication.translate("Search", "Contact"), hit.account)
    return label + (f" ({hit.detail})" if hit.detail else "")


def show_popup(completer, line_edit) -> None:
    """Open *completer*'s popup under *line_edit*, as wide as the hits need (at least
    POPUP_CHARS characters, at most the window), not the box's width."""
    popup = completer.popup()
    metrics = popup.fontMetrics()
    model = completer.completionModel()
    widest = max((metrics.horizontalAdvance(model.index(r, 0).data() or "")
                  for r in range(min(model.rowCount(), 50))), default=0)
    window = line_edit.window().width()
    width = min(max(widest + 48, metrics.averageCharWidth() * POPUP_CHARS,
                    line_edit.width()), max(window - 16, line_edit.width()))
    # Right-aligned with the box (it sits at the toolbar's right end), growing leftwards.
    rect = QRect(line_edit.width() - width, 0, width, line_edit.height())
    completer.complete(rect)
