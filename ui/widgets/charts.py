"""Charts with matplotlib, embedded as Figure + FigureCanvasQTAgg and imported lazily:
nothing here loads matplotlib until a chart is first shown. Never pyplot.

Charts follow the palette (light or dark), use a CJK font when one is installed,
show reasons on hover, export to PNG and SVG, and report clicks on their
elements so the window can open the accounts behind them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, timedelta

import shiboken6
from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QCursor, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from keyaccounts.domain import formats
from keyaccounts.io.plotting import BAND_COLOURS, configure_matplotlib
from ui.text import arg


class _Loader:
    """Loads matplotlib (seconds on a first run, which builds its font cache) on a thread
    of its own, once; charts asked for meanwhile are drawn when it is done. The window
    never waits for it.

    Charts are then drawn one per turn of the event loop (drawing a chart with its
    layout holds the GUI thread 30-100 ms; the Portfolio page's four in one pass froze
    the window a third of a second), each once its canvas has its size. (Chained by
    1 ms timers: with 0 ms, two charts were seen drawn in one pass.)"""

    def __init__(self):
        self.ready = False
        self.worker = None
        self.waiting: dict[int, ChartView] = {}  # id(view) -> view, in order asked

    def load(self) -> None:
        configure_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: F401
        from matplotlib.figure import Figure  # noqa: F401
        import matplotlib.dates  # noqa: F401

    def ask(self, view: ChartView) -> None:
        """Draw *view* (its latest painter and data) on a coming turn of the event loop."""
        first = not self.waiting
        self.waiting[id(view)] = view
        if not self.ready:
            if self.worker is None:
                from ui.worker import DbWorker

                self.worker = DbWorker(QCoreApplication.instance())
                self.worker.submit(self.load, self._loaded)
            return
        view.make_canvas()  # laid out before its turn comes
        if first:
            QTimer.singleShot(1, self._next)

    def _loaded(self, _result) -> None:
        from keyaccounts.devtools.perf import keep_alive_out_of_sight

        keep_alive_out_of_sight()  # matplotlib's modules: alive as long as the app
        self.ready = True
        for view in self.waiting.values():
            if shiboken6.isValid(view):  # not closed meanwhile
                view.make_canvas()
        QTimer.singleShot(1, self._next)

    def _next(self) -> None:
        if not self.waiting:
            return
        view = self.waiting.pop(next(iter(self.waiting)))
        if shiboken6.isValid(view):
            view.render()
        if self.waiting:
            QTimer.singleShot(1, self._next)

    def wait(self) -> None:
        """Until matplotlib has loaded and the charts asked for are drawn (tests, the
        screenshot)."""
        if self.worker is not None:
            self.worker.wait()
        QCoreApplication.sendPostedEvents()  # their canvases laid out
        while self.ready and self.waiting:
            self._next()


loader = _Loader()


def band_label(band: str) -> str:
    return {"green": QCoreApplication.translate("Charts", "green"),
            "amber": QCoreApplication.translate("Charts", "amber"),
            "red": QCoreApplication.translate("Charts", "red")}[band]


class ChartView(QWidget):
    """A lazily created canvas with export buttons, hover text and clickable elements."""

    picked = Signal(object)  # what the clicked element stands for

    def __init__(self, parent=None):
        super().__init__(parent)
        self.canvas = None
        self.figure = None
        self.hover: Callable[[object], str | None] | None = None
        self._wanted: tuple | None = None  # (painter, args) asked for
        self._drawn: tuple | None = None  # (painter, args, size) of the last drawing
        # A resized chart shows its last drawing until the size has settled, then is
        # drawn again (its painter too, which may fit its content to the room there
        # is), taking its turn with the others: matplotlib redrew every chart at every
        # step of a resize, all in one pass.
        self._resized = QTimer(self, singleShot=True, interval=200)
        self._resized.timeout.connect(self._redraw)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_button = QToolButton(self)
        self.export_button.setText(QCoreApplication.translate("Charts", "Export…"))
        self.export_button.setAutoRaise(True)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction(QCoreApplication.translate("Charts", "As PNG image…"), lambda: self.export("png"))
        menu.addAction(QCoreApplication.translate("Charts", "As SVG drawing…"), lambda: self.export("svg"))
        self.export_button.setMenu(menu)
        buttons.addWidget(self.export_button)
        self.layout_.addLayout(buttons)

    def make_canvas(self) -> None:
        if self.canvas is not None:
            return
        configure_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        class Canvas(FigureCanvasQTAgg):
            def draw_idle(canvas) -> None:  # noqa: N805 — matplotlib asks after a resize
                self._resized.start()  # drawn again once the size has settled

        self.figure = Figure(figsize=(6, 4), layout="constrained")
        self.canvas = Canvas(self.figure)
        self.layout_.insertWidget(0, self.canvas, 1)
        self.canvas.mpl_connect("pick_event", self._on_pick)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)

    def colours(self) -> tuple[str, str, str]:
        palette = self.palette()
        return (palette.color(QPalette.ColorRole.Base).name(),
                palette.color(QPalette.ColorRole.Text).name(),
                palette.color(QPalette.ColorRole.Mid).name())

    def draw(self, painter: Callable, *args) -> None:
        """Let *painter(figure, colours, *args)* draw the chart anew, soon: once
        matplotlib has loaded, and on a turn of the event loop of its own (see
        :class:`_Loader`)."""
        self._wanted = (painter, args)
        loader.ask(self)

    def render(self) -> None:
        """Draw the chart asked for, now, at the canvas's size."""
        painter, args = self._wanted
        self.make_canvas()
        self._drawn = (painter, args, self.canvas.size())
        self.figure.clear()
        background, foreground, grid = self.colours()
        self.figure.set_facecolor(background)
        self.hover = painter(self.figure, (background, foreground, grid), *args)
        for ax in self.figure.axes:
            ax.set_facecolor(background)
            ax.tick_params(colors=foreground, labelcolor=foreground)
            for spine in ax.spines.values():
                spine.set_color(grid)
            ax.xaxis.label.set_color(foreground)
            ax.yaxis.label.set_color(foreground)
            ax.title.set_color(foreground)
            legend = ax.get_legend()
            if legend is not None:
                legend.get_frame().set_facecolor(background)
                for t in legend.get_texts():
                    t.set_color(foreground)
        self.canvas.draw()

    def _redraw(self) -> None:
        if self._drawn is None:
            return
        painter, args, size = self._drawn
        if self.canvas.size() != size:
            self.draw(painter, *args)

    def export(self, fmt: str, path: str | None = None) -> str | None:
        if self.figure is None:
            return None
        if path is None:
            filters = {"png": QCoreApplication.translate("Charts", "PNG image (*.png)"), "svg": QCoreApplication.translate("Charts", "SVG image (*.svg)")}
            path, _f = QFileDialog.getSaveFileName(self, QCoreApplication.translate("Charts", "Export chart"),
                                                   f"chart.{fmt}", filters[fmt])
            if not path:
                return None
        self.figure.savefig(path, format=fmt, facecolor=self.figure.get_facecolor())
        return path

    def _on_pick(self, event) -> None:
        target = getattr(event.artist, "keyaccounts_target", None)
        if target is not None:
            index = getattr(event, "ind", None)
            if callable(target) and index is not None and len(index):
                target = target(int(index[0]))
            self.picked.emit(target)

    def _on_motion(self, event) -> None:
        if self.hover is None or event.inaxes is None:
            return
        text = self.hover(event)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.canvas)
        else:
            QToolTip.hideText()


# --- painters: (figure, colours, data…) -> hover function or None ------------------------


def paint_health_trend(fig, colours, trend, names: dict[str, str]):
    background, foreground, grid = colours
    ax = fig.add_subplot(111)
    if not trend:
        ax.text(0.5, 0.5, QCoreApplication.translate("Charts", "No history yet"), ha="center", va="center", color=foreground,
                transform=ax.transAxes)
        return None
    days = [h.as_of for h in trend]
    green, amber = 70, 40
    ax.axhspan(green, 100, color=BAND_COLOURS["green"], alpha=0.12, lw=0)
    ax.axhspan(amber, green, color=BAND_COLOURS["amber"], alpha=0.12, lw=0)
    ax.axhspan(0, amber, color=BAND_COLOURS["red"], alpha=0.12, lw=0)
    ax.plot(days, [h.score for h in trend], color=foreground, lw=2, marker="o", ms=3,
            label=QCoreApplication.translate("Charts", "Health"))
    component_names = [c.name for c in trend[-1].components]
    for name, style in zip(component_names[:4], ("--", ":", "-.", "--")):
        series = [next(c for c in h.components if c.name == name) for h in trend]
        ax.plot(days, [100 * c.points / c.max if c.max else 0 for c in series], ls=style,
                lw=1, alpha=0.7, label=names.get(name, name) + " %")
    ax.set_ylim(0, 100)
    ax.set_ylabel(QCoreApplication.translate("Charts", "Score"))
    ax.grid(True, color=grid, alpha=0.3)
    ax.legend(loc="lower left", fontsize="small", ncols=3)
    fig.autofmt_xdate()

    def hover(event):
        import matplotlib.dates as mdates

        when = mdates.num2date(event.xdata).date()
        nearest = min(trend, key=lambda h: abs((h.as_of - when).days))
        lowest = sorted(nearest.components, key=lambda c: c.points - c.max)[:4]
        lines = [formats.labelled(nearest.as_of.isoformat(), nearest.score)]
        lines += [formats.labelled(f"{names.get(c.name, c.name)} {c.points:.0f}/{c.max:g}", c.reason)
                  for c in lowest if c.points < c.max]
        return "\n".join(lines)

    return hover


def _months(end: date, count: int) -> list[date]:
    first = date(end.year, end.month, 1)
    out = []
    for n in range(count - 1, -1, -1):
        month = first.month - 1 - n
        out.append(date(first.year + month // 12, month % 12 + 1, 1))
    return out


def paint_interactions(fig, colours, chain, end: date, months: int, key: str,
                       label: Callable[[str], str]):
    background, foreground, grid = colours
    ax = fig.add_subplot(111)
    slots = _months(end, months)
    index = {m: n for n, m in enumerate(slots)}
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(slots))
    for i in chain:
        month = date(i.date.year, i.date.month, 1)
        if month not in index:
            continue
        values = [i.kind] if key == "kind" else (list(i.levels) or ["none"])
        for v in values:
            counts[v][index[month]] += 1
    bottom = [0] * len(slots)
    x = list(range(len(slots)))
    series = [(label(name) if name != "none" else "—", values)
              for name, values in sorted(counts.items(), key=lambda kv: -sum(kv[1]))]
    if len(series) > 6:  # the five largest, the rest together (each one on hover)
        rest = [sum(column) for column in zip(*(values for _l, values in series[5:]))]
        series = series[:5] + [(QCoreApplication.translate("Charts", "Other"), rest)]
    for name, values in series:
        ax.bar(x, values, bottom=bottom, label=name)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(x[::max(1, len(x) // 12)],
                  [m.strftime("%Y-%m") for m in slots][::max(1, len(x) // 12)], rotation=45)
    ax.set_ylabel(QCoreApplication.translate("Charts", "Interactions"))
    ax.grid(True, axis="y", color=grid, alpha=0.3)
    if counts:
        ax.legend(fontsize="small", ncols=2)

    def hover(event):
        n = round(event.xdata) if event.xdata is not None else -1
        if 0 <= n < len(slots):
            parts = [formats.labelled(label(k) if k != 'none' else '—', v[n]) for k, v in counts.items()
                     if v[n]]
            return slots[n].strftime("%Y-%m") + ("\n" + "\n".join(parts) if parts else "")
        return None

    return hover


def paint_sentiment(fig, colours, chain, end: date, months: int):
    background, foreground, grid = colours
    ax = fig.add_subplot(111)
    start = end - timedelta(days=31 * months)
    points = sorted((i.date, i.sentiment, i.summary) for i in chain if i.date >= start)
    if points:
        ax.scatter([p[0] for p in points], [p[1] for p in points], s=14, alpha=0.6,
                   color=foreground)
        window, averages = [], []
        for p in points:
            window = (window + [p[1]])[-5:]
            averages.append(sum(window) / len(window))
        ax.plot([p[0] for p in points], averages, color=BAND_COLOURS["amber"], lw=2,
                label=QCoreApplication.translate("Charts", "Average of the last five"))
        ax.legend(fontsize="small")
    ax.axhline(0, color=grid, lw=1)
    ax.set_ylim(-2.3, 2.3)
    ax.set_ylabel(QCoreApplication.translate("Charts", "Sentiment"))
    fig.autofmt_xdate()

    def hover(event):
        import matplotlib.dates as mdates

        if not points:
            return None
        when = mdates.num2date(event.xdata).date()
        nearest = min(points, key=lambda p: abs((p[0] - when).days))
        return formats.labelled(f"{nearest[0].isoformat()} {nearest[1]:+d}", nearest[2])

    return hover


def paint_distribution(fig, colours, healths):
    background, foreground, grid = colours
    ax = fig.add_subplot(111)
    bins = list(range(0, 101, 10))
    groups: dict[int, list] = defaultdict(list)
    for h in healths:
        groups[min(h.score // 10 * 10, 90)].append(h)
    for start in bins[:-1]:
        members = groups.get(start, [])
        band = "green" if start >= 70 else "amber" if start >= 40 else "red"
        bar = ax.bar(start + 5, len(members), width=9, color=BAND_COLOURS[band], picker=True)
        bar.patches[0].keyaccounts_target = [h.account_id for h in members]
    ax.set_xlabel(QCoreApplication.translate("Charts", "Health score"))
    ax.set_ylabel(QCoreApplication.translate("Charts", "Accounts"))
    ax.set_title(QCoreApplication.translate("Charts", "Health distribution"))
    ax.set_xlim(0, 100)

    def hover(event):
        start = int(event.xdata // 10 * 10) if event.xdata is not None else -1
        members = groups.get(min(max(start, 0), 90), [])
        if not members:
            return None
        return "\n".join(formats.labelled(h.account, h.score) for h in members[:15])

    return hover


def paint_pareto(fig, colours, points):
    """ABC: share of revenue against share of accounts, largest first; *points* are
    keyaccounts.services.revenue.pareto's, the curve the tiers follow."""
    background, foreground, grid = colours
    ax = fig.add_subplot(111)
    xs = [0.0] + [100 * p.accounts for p in points]
    ys = [0.0] + [100 * p.cumulative for p in points]
    ax.plot(xs, ys, color=foreground, lw=2)
    tier_colours = {"A": "#1f4e9c", "B": "#4a86d8", "C": "#9dbff0"}
    for tier, colour in tier_colours.items():  # a marker line a tier: one colour each
        members = [n for n, p in enumerate(points) if p.tier == tier]
        marks, = ax.plot([xs[n + 1] for n in members], [ys[n + 1] for n in members], "o",
                         ms=4, color=colour, picker=5, zorder=3,
                         label=arg(QCoreApplication.translate("Charts", "Tier %1"), tier))
        marks.keyaccounts_target = lambda k, m=members: [points[m[k]].id]
    ax.legend(fontsize="small", loc="lower right")
    ax.axhline(80, color=grid, ls="--", lw=1)
    ax.axvline(20, color=grid, ls="--", lw=1)
    ax.set_xlabel(QCoreApplication.translate("Charts", "Share of accounts (%)"))
    ax.set_ylabel(QCoreApplication.translate("Charts", "Share of revenue (%)"), fontsize="small")
    ax.set_title(QCoreApplication.translate("Charts", "ABC Pareto curve"))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)

    def hover(event):
        if not points:
            return None
        n = min(range(len(points)), key=lambda k: abs(xs[k + 1] - event.xdata))
        p = points[n]
        return formats.labelled(arg(QCoreApplication.translate("Charts", "%1 (%2)"), p.name, p.tier),
                                   f"{formats.money(p.value)} — {ys[n + 1]:.0f}%")

    return hover


def paint_risk(fig, colours, healths, tiers: dict[int, str]):
    """Accounts by tier and band; each bar segment opens its accounts."""
    background, foreground, grid = colours
    ax = fig.add_subplot(111)
    counts = Counter((tiers.get(h.account_id, "C"), h.band) for h in healths)
    members = defaultdict(list)
    for h in healths:
        members[(tiers.get(h.account_id, "C"), h.band)].append(h.account_id)
    left = [0, 0, 0]
    for band in ("red", "amber", "green"):
        values = [counts[(t, band)] for t in "ABC"]
        bars = ax.barh(["A", "B", "C"], values, left=left, color=BAND_COLOURS[band],
                       picker=True, label=band_label(band))
        for patch, tier in zip(bars.patches, "ABC"):
            patch.keyaccounts_target = members[(tier, band)]
        left = [a + b for a, b in zip(left, values)]
    ax.invert_yaxis()
    ax.set_xlabel(QCoreApplication.translate("Charts", "Accounts"))
    ax.set_ylabel(QCoreApplication.translate("Charts", "Tier"))
    ax.set_title(QCoreApplication.translate("Charts", "Accounts by risk"))
    ax.legend(fontsize="small", loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False)
    return None


def rows_that_fit(fig, reserved_lines: float = 4.5, limit: int = 15) -> int:
    """How many labelled bars a horizontal bar chart has room for in *fig* at its size,
    a line of tick labels each, after *reserved_lines* for its title and x axis."""
    from matplotlib import rcParams
    from matplotlib.font_manager import FontProperties

    line = FontProperties(size=rcParams["ytick.labelsize"]).get_size_in_points() * 1.5
    height = fig.get_figheight() * 72  # in points
    return max(1, min(limit, int(height / line - reserved_lines)))


def paint_beyond_cadence(fig, colours, items, today: date, limit: int = 15):
    """Planned contacts past due, longest first: as many as have room for their names."""
    background, foreground, grid = colours
    ax = fig.add_subplot(111)
    late = {}
    for item in items:
        if item.kind in ("visit", "call", "exec-meeting", "tech-meeting", "review") and \
                item.date < today and item.account_id is not None:
            days = (today - item.date).days
            if days > late.get(item.account_id, (0, None))[0]:
                late[item.account_id] = (days, item)
    every = sorted(late.values(), key=lambda x: -x[0])
    ranked = every[:rows_that_fit(fig, limit=limit)]
    bars = ax.barh([i.account for _d, i in ranked], [d for d, _i in ranked],
                   color=[BAND_COLOURS["red" if i.overdue else "amber"] for _d, i in ranked],
                   picker=True)
    for patch, (_d, i) in zip(bars.patches, ranked):
        patch.keyaccounts_target = [i.account_id]
    ax.invert_yaxis()
    ax.set_xlabel(QCoreApplication.translate("Charts", "Days past the planned contact"))
    title = QCoreApplication.translate("Charts", "Accounts beyond their cadence")
    if len(ranked) < len(every):
        title += " " + arg(QCoreApplication.translate("Charts", "(the %1 longest of %2)"),
                           len(ranked), len(every))
    ax.set_title(title)
    if not ranked:
        ax.text(0.5, 0.5, QCoreApplication.translate("Charts", "Every account is within its cadence"), ha="center",
                va="center", color=foreground, transform=ax.transAxes)
    return None


def paint_satisfaction(fig, colours, surveys):
    """NPS (0-10) and CSAT (1-5) results over time, each on its own scale."""
    background, foreground, grid = colours
    ax = fig.add_subplot(111)
    series = {"nps": ("NPS", 10, BAND_COLOURS["green"]), "csat": ("CSAT", 5, BAND_COLOURS["amber"])}
    drawn = False
    for kind, (label, top, colour) in series.items():
        points = sorted((s.taken_on, s.score) for s in surveys if s.kind == kind)
        if points:
            ax.plot([p[0] for p in points], [100 * p[1] / top for p in points], marker="o",
                    color=colour, label=f"{label} (0-{top})" if kind == "nps" else
                    f"{label} (1-{top})")
            drawn = True
    ax.set_ylim(0, 105)
    ax.set_ylabel(QCoreApplication.translate("Charts", "% of the scale"))
    ax.grid(True, color=grid, alpha=0.3)
    if drawn:
        ax.legend(fontsize="small")
        fig.autofmt_xdate()
    else:
        ax.text(0.5, 0.5, QCoreApplication.translate("Charts", "No survey recorded"),
                ha="center", va="center", color=foreground, transform=ax.transAxes)

    def hover(event):
        import matplotlib.dates as mdates

        if not surveys or event.xdata is None:
            return None
        when = mdates.num2date(event.xdata).date()
        nearest = min(surveys, key=lambda s: abs((s.taken_on - when).days))
        return f"{nearest.taken_on} {nearest.kind.upper()} {nearest.score}" + (
            f" — {nearest.contact}" if nearest.contact else "")

    return hover
