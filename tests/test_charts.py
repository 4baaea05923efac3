"""Charts fit their labels to the room they have, and are drawn again when it changes."""

from __future__ import annotations

from datetime import date, timedelta

from keyaccounts.domain.today import AgendaItem
from ui.widgets import charts

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


def test_a_click_on_a_pareto_point_opens_its_account(qtbot, db):
    from matplotlib.backend_bases import MouseEvent

    from keyaccounts import services as sv
    from keyaccounts.services import revenue

    for k in range(10):
        sv.add_account(db, f"Account {k}", tier="ABC"[k % 3], annual_revenue=1000 * (10 - k))
    points = revenue.pareto(db, TODAY)  # the curve the tiers follow: the chart draws it
    view = charts.ChartView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.draw(charts.paint_pareto, points)
    charts.loader.wait()
    [ax] = view.figure.axes
    picked = []
    view.picked.connect(picked.append)
    # The fifth largest account (Account 4, tier B) sits at 50 % of the accounts.
    fifth = points[4]
    assert (fifth.name, fifth.accounts, fifth.tier) == ("Account 4", 0.5, "B")
    assert fifth.cumulative == sum(range(6, 11)) / sum(range(1, 11))
    x, y = ax.transData.transform((50, 100 * fifth.cumulative))
    view.figure.pick(MouseEvent("button_press_event", view.canvas, x, y, button=1))
    assert picked == [[fifth.id]]


def test_interactions_by_kind_show_the_five_largest_and_the_rest_together(qtbot):
    from types import SimpleNamespace

    from ui import labels

    kinds = ["visit", "call", "email", "message", "exec-meeting", "tech-meeting", "review",
             "care"]
    chain = [SimpleNamespace(date=TODAY - timedelta(days=3), kind=kind, levels=())
             for n, kind in enumerate(kinds) for _copy in range(len(kinds) - n)]
    view = charts.ChartView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.draw(charts.paint_interactions, chain, TODAY, 6, "kind", labels.kind)
    charts.loader.wait()
    [ax] = view.figure.axes
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [labels.kind(k) for k in kinds[:5]] + ["Other"]
    assert sum(p.get_height() for p in ax.patches) == len(chain)  # nothing lost
    tip = view.hover(SimpleNamespace(xdata=5))  # this month, each kind on hover
    assert all(labels.kind(k) in tip for k in kinds)



def test_chinese_names_are_drawn_whatever_the_language_and_the_fonts_installed(monkeypatch):
    """Latin from matplotlib's DejaVu, each glyph it lacks from the CJK font the package
    ships: a Chinese account name is drawn, not as boxes, on a machine with no CJK font
    of its own (none of plotting.CJK_FONTS)."""
    import io
    import warnings

    from matplotlib.figure import Figure

    from keyaccounts.io import plotting

    monkeypatch.setattr(plotting, "CJK_FONTS", [])
    plotting.configure_matplotlib.cache_clear()
    try:
        plotting.configure_matplotlib()
        figure = Figure()
        ax = figure.add_subplot()
        ax.barh([0, 1], [30, 12], tick_label=["瑞丰精密制造", "Northwind Foods"])
        ax.set_title("超出接触周期的客户")
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message="Glyph .* missing from font")
            figure.savefig(io.BytesIO(), format="png")  # glyphs are looked up as drawn
    finally:
        monkeypatch.undo()
        plotting.configure_matplotlib.cache_clear()
        plotting.configure_matplotlib()
