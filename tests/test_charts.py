"""Charts fit their labels to the room they have, and are drawn again when it changes."""

from __future__ import annotations

from datetime import date, timedelta

from keyaccounts.today import AgendaItem
from ui import charts

TODAY = date(2026, 11, 27)


def late_visits(n: int) -> list[AgendaItem]:
    return [AgendaItem(TODAY - timedelta(days=10 * (k + 1)), "visit", f"Account {k:02d}", None,
                       "Monthly visit", False, k, f"visit:{k}", TODAY, account_id=k + 1)
            for k in range(n)]


def bars_and_title(view) -> tuple[list[str], str]:
    [ax] = view.figure.axes
    return [t.get_text() for t in ax.get_yticklabels()], ax.get_title()


def test_the_cadence_chart_shows_the_longest_late_that_fit_and_more_when_larger(qtbot):
    view = charts.ChartView()
    qtbot.addWidget(view)
    view.resize(500, 180)
    view.show()
    view.draw(charts.paint_beyond_cadence, late_visits(15), TODAY)
    charts.loader.wait()
    small, title = bars_and_title(view)
    assert 1 <= len(small) < 15
    assert small == [f"Account {k:02d}" for k in range(14, 14 - len(small), -1)]
    assert title.endswith(f"(the {len(small)} longest of 15)")
    view.resize(500, 700)  # the window grows: drawn again once the resize settles
    qtbot.waitUntil(lambda: len(bars_and_title(view)[0]) > len(small), timeout=3000)
    large, title = bars_and_title(view)
    assert large[:len(small)] == small
    assert len(large) == 15 and title == "Accounts beyond their cadence"
