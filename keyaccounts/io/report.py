"""Quarterly review reports as PDF, laid out by ReportLab's Platypus: paragraphs wrapped
at their measured width (Chinese between any two characters, Latin between words), with
the CJK font that ships in this package (``fonts/``: a subset of Noto Sans CJK SC, SIL
Open Font License 1.1, ``fonts/OFL.txt``) embedded, so Chinese renders and extracts as
text on a machine that has no CJK font. Charts are ReportLab drawings in the same font.

* Account report: summary and health, the health trend, customer value (RFM, contribution,
  CLV against the previous quarter), contact coverage by level, the relationship map (the
  org chart by reports-to, our counterparts, level matching, coverage gaps), the chain's key events
  and open items, complaints, needs, satisfaction, next steps.
* Portfolio report: the period's measures, the segment × tier table and the accounts at
  risk.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path
from xml.sax.saxutils import escape

from keyaccounts.domain.errors import never, stop_if
from keyaccounts.domain.formats import labelled, listed, long_date, quarter, resolved_in
from keyaccounts.domain.vocabulary import word
from keyaccounts.i18n import _
from keyaccounts.io.plotting import BAND_COLOURS, FONT_FILE
from keyaccounts.storage.db import Database
from keyaccounts.storage.files import check_target, output_file

FONT = "KeyAccountsSansSC"


@cache
def _font() -> str:
    """The shipped CJK font, registered with ReportLab once; its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with as_file(files(__package__) / "fonts" / FONT_FILE) as path:
        pdfmetrics.registerFont(TTFont(FONT, str(path)))
    return FONT


@contextmanager
def _open_pdf(path: Path, force: bool, db: Database) -> Iterator[Path]:
    """A temporary path beside *path* to build the PDF in; the file takes *path*'s name
    only once whole, so a failed or cancelled report leaves nothing (and an earlier
    file of that name as it was). Written as every output is (see storage.files)."""
    with output_file(path, force=force, protect=db.path) as partial:
        yield partial


class _Page:
    """The report's flow, top-down: headings, lines of text and charts; Platypus cuts it
    into A4 pages. *cancelled()* is asked as each page is finished."""

    def __init__(self, target: Path, title: str, cancelled=never):
        from reportlab.lib.styles import ParagraphStyle

        font = _font()
        self.target, self.cancelled, self.flow = target, cancelled, []
        self.styles = {
            "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=21,
                                    spaceAfter=6, wordWrap="CJK"),
            "heading": ParagraphStyle("heading", fontName=font, fontSize=12, leading=16,
                                      spaceBefore=8, spaceAfter=3, wordWrap="CJK",
                                      textColor="#1f3b57"),
            "line": ParagraphStyle("line", fontName=font, fontSize=9, leading=12.5,
                                   leftIndent=8, wordWrap="CJK"),
        }
        self._paragraph(title, "title")

    def _paragraph(self, text: str, style: str, colour: str = "black", indent: int = 0):
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        base = self.styles[style]
        if colour != "black" or indent:
            base = ParagraphStyle(style, parent=base, textColor=colour,
                                  leftIndent=base.leftIndent + 8 * indent)
        self.flow.append(Paragraph(escape(text) or "&nbsp;", base))

    def heading(self, text: str) -> None:
        from reportlab.platypus import CondPageBreak

        self.flow.append(CondPageBreak(40))  # never a heading alone at a page's foot
        self._paragraph(text, "heading")

    def line(self, text: str, colour: str = "black") -> None:
        stripped = text.lstrip(" ")
        self._paragraph(stripped, "line", colour, indent=(len(text) - len(stripped)) // 2)

    def trend_chart(self, title: str, points: list[tuple], lo: int = 0, hi: int = 100) -> None:
        """A line over the health bands (green ≥ 70, amber ≥ 40, red below)."""
        from reportlab.graphics.shapes import Circle, Drawing, PolyLine, Rect, String

        width, height, left, bottom = 460, 140, 30, 18
        plot_w, plot_h = width - left - 10, height - bottom - 26
        d = Drawing(width, height, initialFontName=FONT)
        for band, (a, b) in {"red": (0, 40), "amber": (40, 70), "green": (70, 100)}.items():
            d.add(Rect(left, bottom + plot_h * a / 100, plot_w, plot_h * (b - a) / 100,
                       fillColor=_colour(BAND_COLOURS[band], 0.15), strokeColor=None))
        for value in (0, 40, 70, 100):
            d.add(String(left - 4, bottom + plot_h * value / 100 - 3, str(value),
                         fontName=self.styles["line"].fontName, fontSize=7,
                         textAnchor="end"))
        d.add(String(width / 2, height - 10, title, fontName=self.styles["line"].fontName,
                     fontSize=10, textAnchor="middle"))
        if points:
            first, last = points[0][0], points[-1][0]
            span = max((last - first).days, 1)
            xy = [(left + plot_w * (day - first).days / span,
                   bottom + plot_h * (min(max(score, lo), hi) - lo) / (hi - lo))
                  for day, score in points]
            d.add(PolyLine([c for p in xy for c in p], strokeColor=_colour("#1f77b4"),
                           strokeWidth=1.2))
            for x, y in xy:
                d.add(Circle(x, y, 1.8, fillColor=_colour("#1f77b4"), strokeColor=None))
            for day, anchor, x in ((first, "start", left), (last, "end", left + plot_w)):
                d.add(String(x, 4, str(day), fontName=self.styles["line"].fontName,
                             fontSize=7, textAnchor=anchor))
        self.flow.append(d)

    def bar_chart(self, bars: list[tuple[str, int, str]]) -> None:
        """Bars of (label, value, colour)."""
        from reportlab.graphics.shapes import Drawing, Rect, String

        width, height, bottom = 460, 110, 16
        d = Drawing(width, height, initialFontName=FONT)
        top = max([value for _label, value, _colour in bars] + [1])
        slot = (width - 40) / max(len(bars), 1)
        for i, (label, value, colour) in enumerate(bars):
            x = 30 + i * slot + slot * 0.2
            h = (height - bottom - 16) * value / top
            d.add(Rect(x, bottom, slot * 0.6, h, fillColor=_colour(colour),
                       strokeColor=None))
            d.add(String(x + slot * 0.3, bottom + h + 3, str(value), fontSize=8,
                         fontName=self.styles["line"].fontName, textAnchor="middle"))
            d.add(String(x + slot * 0.3, 3, label, fontSize=8,
                         fontName=self.styles["line"].fontName, textAnchor="middle"))
        self.flow.append(d)

    def org_chart(self, boxes: list[tuple], links: list[tuple[int, int]]) -> None:
        """Boxes of (id, column, row, lines, fill, greyed) as an org chart, a line from
        each manager to their reports (*links*: (manager, report)), scaled to the
        page's width."""
        from reportlab.graphics.shapes import Drawing, Line, Rect, String

        if not boxes:
            return
        columns = max(col for _i, col, _r, *_x in boxes) + 1
        rows = max(row for _i, _c, row, *_x in boxes) + 1
        slot = min(120.0, 470.0 / columns)
        box_w, box_h, row_h = slot * 0.88, 44.0, 60.0
        size = min(7.0, max(4.0, slot / 14))
        height = rows * row_h
        d = Drawing(470, height, initialFontName=FONT)
        at = {}
        for cid, col, row, _lines, _fill, _grey in boxes:
            at[cid] = (col * slot, height - row * row_h - box_h)
        for boss, report in links:
            if boss in at and report in at:
                (bx, by), (rx, ry) = at[boss], at[report]
                d.add(Line(bx + box_w / 2, by, rx + box_w / 2, ry + box_h,
                           strokeColor=_colour("#8795a6"), strokeWidth=0.6))
        for cid, _col, _row, lines, fill, grey in boxes:
            x, y = at[cid]
            d.add(Rect(x, y, box_w, box_h, rx=3, ry=3, fillColor=_colour(fill),
                       strokeColor=_colour("#8a8a8a" if grey else "#5f6b7a"),
                       strokeWidth=0.6, strokeDashArray=[2, 2] if grey else None))
            for n, text in enumerate(lines[:4]):
                d.add(String(x + 3, y + box_h - 9 - n * (size + 2.5), text[:int(box_w / size * 1.6)],
                             fontName=FONT, fontSize=size,
                             fillColor=_colour("#8a8a8a" if grey else "#202020")))
        self.flow.append(d)

    def close(self) -> None:
        """Lay the flow out into the PDF."""
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.units import mm
        from reportlab.platypus import SimpleDocTemplate

        def page_done(canvas, doc):
            stop_if(self.cancelled)
            canvas.setFont(FONT, 7)
            canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, str(doc.page))

        doc = SimpleDocTemplate(str(self.target), pagesize=A4, leftMargin=18 * mm,
                                rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                                title=self.flow[0].text if self.flow else "",
                                creator="KeyAccounts",
                                initialFontName=FONT)  # not even Helvetica is asked for
        doc.build(self.flow, onFirstPage=page_done, onLaterPages=page_done)


def _colour(hex_colour: str, alpha: float = 1.0):
    from reportlab.lib.colors import Color, HexColor

    c = HexColor(hex_colour)
    return Color(c.red, c.green, c.blue, alpha=alpha)


def account_report(db: Database, account, period: str, path: Path, *,
                   cancelled=never, force: bool = False) -> Path:
    """The quarterly review of one account; *cancelled()* true stops it, writing nothing.
    Never over the database or a backup; over an existing file only with *force*."""
    check_target(path, force=force, protect=db.path)
    from keyaccounts.services import health
    from keyaccounts import services
    from keyaccounts.services.complaints import list_complaints
    from keyaccounts.domain.dates import parse_period
    from keyaccounts.services.needs import needs_review
    from keyaccounts.services.satisfaction import list_surveys

    start, end = parse_period(period)
    last_day = end - timedelta(days=1)
    page_data = services.account_page(db, account, last_day)
    a = page_data.account
    trend = health.trend(db, a.id, last_day, 26)
    now = trend[-1] if trend else None
    stop_if(cancelled)
    with _open_pdf(path, force, db) as pdf:
        page = _Page(pdf, _("Quarterly review {period}: {account}").format(
            period=quarter(period), account=a.name), cancelled)
        page.heading(_("Summary"))
        page.line(_("Tier {tier} ({basis}) · owner {owner} · status {status} · renewal {renewal}"
                    ).format(tier=a.tier, basis=word(a.tier_basis), owner=a.owner or "—",
                             status=word(a.status), renewal=a.renewal or "—"))
        if now is not None:
            page.line(_("Health {score} ({band}) on {day}").format(
                score=now.score, band=_(health.BAND_WORDS[now.band]), day=now.as_of),
                BAND_COLOURS[now.band])
            for c in now.components:
                page.line("  " + labelled(_(health.COMPONENT_NAMES[c.name]),
                                          f"{c.points:g}/{c.max:g} — {c.reason}"))
            page.trend_chart(_("Health over the last six months"),
                             [(h.as_of, h.score) for h in trend])

        _value_section(page, db, a.id, start, last_day)

        page.heading(_("Contact coverage by level"))
        for level in ("exec", "mgmt", "ops"):
            people = [c for c in page_data.contacts if c.contact.level == level]
            met = [c for c in people if c.last_met and c.last_met >= start]
            page.line(_("{level}: {met} of {n} met this quarter").format(
                level=word(level), met=len(met), n=len(people)) + (
                " — " + listed(c.contact.name for c in met) if met else ""))

        _map_section(page, db, a.id, last_day)

        page.heading(_("Key events of the quarter"))
        events = [i for i in page_data.chain if start <= i.date < end]
        for i in events[:25]:
            page.line(labelled(f"{i.date} {word(i.kind)} ({i.sentiment:+d})", i.summary))
        if not events:
            page.line(_("No contact logged in the quarter."), BAND_COLOURS["red"])

        page.heading(_("Open items and next steps"))
        for f in page_data.open_followups[:25]:
            late = f.due < last_day
            page.line((_("{due} {text} — overdue") if late else "{due} {text}").format(
                due=f.due, text=f.text),
                      BAND_COLOURS["red"] if late else "black")
        if not page_data.open_followups:
            page.line(_("Nothing open."))

        page.heading(_("Complaints"))
        found = [c for c in list_complaints(db, a.id) if c.received_on < end]
        for c in found[:15]:
            page.line(_("{received} {severity}: {summary} — {state}{days}").format(
                received=c.received_on, severity=word(c.severity), summary=c.summary,
                state=word(c.state(last_day)) if c.resolution_days is None else
                resolved_in(c.resolution_days), days=""))
        if not found:
            page.line(_("No complaint recorded."))

        page.heading(_("Needs"))
        review = needs_review(db, a.id, period)
        for n in review["needs"]:
            page.line(f"{'✓' if n['met'] else '•'} {n['concern']} — {n['expectation']}")
        for n in review["still_unmet"]:
            page.line(_("Still unmet since {period}: {concern}").format(
                period=n["period"], concern=n["concern"]), BAND_COLOURS["amber"])
        if not review["needs"] and not review["still_unmet"]:
            page.line(_("No needs recorded for the quarter."))

        page.heading(_("Satisfaction"))
        surveys = [s for s in list_surveys(db, a.id) if s.taken_on < end][:10]
        for s in surveys:
            page.line(f"{s.taken_on} {s.kind.upper()} {s.score}" + (
                f" ({s.contact})" if s.contact else ""))
        if not surveys:
            page.line(_("No survey recorded."))
        page.close()
    return Path(path)


MAP_FILL = {"fresh": "#d6efd6", "fading": "#fbeec1", "cold": "#f6d2cf", "never": "#e8e8e8"}


def _map_section(page: _Page, db: Database, account_id: int, last_day) -> None:
    """The relationship map on the quarter's last day: the chart, then the gaps."""
    from keyaccounts.domain.relmap import chart_cells
    from keyaccounts.services.common import ROLE_WORDS
    from keyaccounts.services.relmap import relationship_map

    m = relationship_map(db, account_id, last_day)
    page.heading(_("Relationship map"))
    if not m.contacts:
        page.line(_("No key contacts recorded."))
        return
    names = {f.contact.id: f.contact.name for f in m.contacts}
    cells = chart_cells(list(m.contacts))
    boxes = []
    for f in m.contacts:
        c = f.contact
        lines = [c.name, f"{word(c.level)} · {_(ROLE_WORDS[c.role])}"]
        if f.left:
            lines.append(_("left; successor {name}").format(name=names[c.successor])
                         if c.successor in names else _("left; no successor recorded"))
        else:
            lines += [labelled(_("ours"), listed(p.name for p in f.counterparts[:2]) or "—"),
                      _("level matched") if f.matched else _("level not matched")]
        col, row = cells[c.id]
        boxes.append((c.id, col, row, lines, "#f4f4f4" if f.left else MAP_FILL[f.recency],
                      f.left))
    page.org_chart(boxes, [(f.contact.reports_to, f.contact.id) for f in m.contacts
                           if f.contact.reports_to is not None])
    current = [f for f in m.contacts if not f.left]
    page.line(_("{matched} of {n} current key contacts met by our same level within the "
                "tier's rhythm").format(matched=sum(f.matched for f in current),
                                         n=len(current)))
    for g in m.gaps:
        page.line(labelled(g.reason, g.suggested_action), BAND_COLOURS["amber"])


def _value_section(page: _Page, db: Database, account_id: int, start, last_day) -> None:
    """RFM, contribution and CLV at the quarter's end, against the previous quarter's."""
    from keyaccounts.services.value import account_value

    now = account_value(db, account_id, last_day)
    before = account_value(db, account_id, start - timedelta(days=1))
    page.heading(_("Customer value"))
    r, b = now.rfm, before.rfm
    page.line(_("RFM {r}-{f}-{m}: {segment} (previous quarter: {r0}-{f0}-{m0}, {segment0})"
                ).format(r=r.r, f=r.f, m=r.m, segment=r.segment_label, r0=b.r, f0=b.f,
                         m0=b.m, segment0=b.segment_label))
    c, c0 = now.contribution.contribution, before.contribution.contribution
    page.line(_("Contribution, last 12 months: {now:,} ({change:+,} on the previous "
                "quarter)").format(now=c, change=c - c0))
    page.line(_("Lifetime value (CLV): {now:,} ({change:+,} on the previous quarter) = "
                "{formula}").format(now=now.clv, change=now.clv - before.clv,
                                    formula=now.lifetime.formula))


def _segment_table(page: _Page, db: Database, last_day) -> None:
    from keyaccounts.domain.value import segment_label
    from keyaccounts.services.value import portfolio_value, segment_by_tier

    values = portfolio_value(db, last_day)
    page.heading(_("Customer value: segment × tier"))
    for name, tiers in segment_by_tier(values).items():
        page.line(_("{segment}: A {a} · B {b} · C {c} · total {n}").format(
            segment=segment_label(name), a=tiers["A"], b=tiers["B"], c=tiers["C"],
            n=sum(tiers.values())))
    page.line(_("Contribution, last 12 months: {contribution:,}; lifetime value: {clv:,}"
                ).format(contribution=sum(v.contribution.contribution for v in values),
                         clv=sum(v.clv for v in values)))


def _by_owner(page: _Page, db: Database, last_day) -> dict[int, str]:
    """The lead's view by owner (services.portfolio), when the accounts have owners;
    returns each account's owner."""
    from keyaccounts.services import portfolio

    view = portfolio.by_owner(db, last_day)
    owner_of = {aid: o.owner for o in view.owners for aid in o.account_ids}
    if not any(o.owner for o in view.owners):
        return owner_of
    page.heading(_("By owner"))
    for o in view.owners:
        who = o.owner or _("no owner")
        if o.name:
            who = f"{who} ({o.name})"
        page.line(_("{owner}: {n} accounts: {green} green, {amber} amber, {red} red; "
                    "{late} follow-ups past due; {complaints} complaints past deadline; "
                    "{handovers} hand-overs in progress").format(
                        owner=who, n=o.accounts, late=o.overdue_followups,
                        complaints=o.complaints_past_deadline,
                        handovers=o.hand_overs_in_progress, **o.bands))
        if o.at_risk:
            page.line("    " + labelled(_("at risk"), listed(sorted(o.at_risk))))
        if o.neglected:
            page.line("    " + labelled(_("neglected"), listed(sorted(o.neglected))))
    for h in view.hand_overs:
        page.line(labelled(_("hand-over in progress"), _(
            "{account}, from {old} to {new} on {day}; still to meet: {names}").format(
                account=h.account, old=h.from_owner or "-", new=h.to_owner,
                day=long_date(h.on), names=listed(h.unmet))))
    return owner_of


def portfolio_report(db: Database, period: str, path: Path, *, cancelled=never,
                     force: bool = False) -> Path:
    """The quarterly review of the portfolio; *cancelled()* true stops it, writing nothing.
    Never over the database or a backup; over an existing file only with *force*."""
    check_target(path, force=force, protect=db.path)
    from keyaccounts.services import alerts, health
    from keyaccounts.services.metrics import measure_lines, metrics
    from keyaccounts.domain.dates import parse_period

    start, end = parse_period(period)
    last_day = end - timedelta(days=1)
    measures = metrics(db, period)
    stop_if(cancelled)
    scores, found = alerts.health_and_alerts(db, last_day)
    stop_if(cancelled)
    with _open_pdf(path, force, db) as pdf:
        page = _Page(pdf, _("Portfolio review {period}").format(period=quarter(period)),
                     cancelled)
        page.heading(_("Measures"))
        for name, shown in measure_lines(measures):
            page.line(labelled(name, shown))
        counts = {b: sum(1 for h in scores if h.band == b) for b in ("green", "amber", "red")}
        page.heading(_("Health"))
        page.line(_("{n} accounts: {green} green, {amber} amber, {red} red").format(
            n=len(scores), **counts))
        page.bar_chart([(_(health.BAND_WORDS[b]), n, BAND_COLOURS[b]) for b, n in counts.items()])
        owners = _by_owner(page, db, last_day)
        stop_if(cancelled)
        _segment_table(page, db, last_day)
        page.heading(_("Accounts at risk"))
        # By owner (the accounts' owner; none set: one group), the lowest score first.
        risky = sorted((h for h in scores if h.band != "green"),
                       key=lambda h: (owners.get(h.account_id, ""), h.score))
        for h in risky[:30]:
            worst = min(h.components, key=lambda c: c.points - c.max)
            owner = owners.get(h.account_id, "")
            page.line(f"{h.score:3d} {h.account}" + (f" ({owner})" if owner else "")
                      + f" — {worst.reason}", BAND_COLOURS[h.band])
        if not risky:
            page.line(_("No account is amber or red."))
        page.heading(_("Open risk alerts"))
        for a in found[:30]:
            page.line(labelled(a.account, a.reason))
        page.close()
    return Path(path)

