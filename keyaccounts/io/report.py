"""Quarterly review reports as PDF, drawn with matplotlib (Figure + PdfPages; no pyplot,
no Qt), TrueType fonts embedded so Chinese text stays readable and searchable.

* Account report: summary and health, the health trend, customer value (RFM, contribution,
  CLV against the previous quarter), contact coverage by level, the chain's key events
  and open items, complaints, needs, satisfaction, next steps.
* Portfolio report: the period's measures, the segment × tier table and the accounts at
  risk.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from keyaccounts.storage.db import Database
from keyaccounts.domain.errors import never, stop_if
from keyaccounts.domain.formats import quarter, resolved_in
from keyaccounts.i18n import _
from keyaccounts.io.plotting import BAND_COLOURS, configure_matplotlib
from keyaccounts.storage.files import check_target, output_file

A4 = (8.27, 11.69)


@contextmanager
def _open_pdf(path: Path, force: bool, db: Database) -> Iterator:
    """PdfPages writing beside *path*, matplotlib set up; the file takes *path*'s name
    only once whole, so a failed or cancelled report leaves nothing (and an earlier
    file of that name as it was). Written as every output is (see storage.files)."""
    from matplotlib.backends.backend_pdf import PdfPages

    configure_matplotlib()
    with output_file(path, force=force, protect=db.path) as partial:
        with PdfPages(partial) as pdf:
            yield pdf


class _Page:
    """A4 page filled top-down with headings, lines of text and charts."""

    def __init__(self, pdf, title: str, cancelled=never):
        from matplotlib.figure import Figure

        self.pdf, self.fig, self.y = pdf, Figure(figsize=A4), 0.95
        self.cancelled = cancelled
        self.fig.text(0.06, self.y, title, fontsize=16, weight="bold")
        self.y -= 0.035

    def heading(self, text: str) -> None:
        self.need(0.05)
        self.y -= 0.012
        self.fig.text(0.06, self.y, text, fontsize=12, weight="bold")
        self.y -= 0.025

    def line(self, text: str, colour: str = "black") -> None:
        for part in textwrap.wrap(text, 95) or [""]:
            self.need(0.02)
            self.fig.text(0.08, self.y, part, fontsize=9, color=colour)
            self.y -= 0.018

    def chart(self, height: float):
        self.need(height + 0.02)
        ax = self.fig.add_axes((0.1, self.y - height, 0.82, height))
        self.y -= height + 0.04
        return ax

    def need(self, space: float) -> None:
        if self.y - space < 0.05:
            stop_if(self.cancelled)
            self.pdf.savefig(self.fig)
            from matplotlib.figure import Figure

            self.fig, self.y = Figure(figsize=A4), 0.95

    def close(self) -> None:
        stop_if(self.cancelled)
        self.pdf.savefig(self.fig)


def account_report(db: Database, account, period: str, path: Path, *,
                   cancelled=never, force: bool = False) -> Path:
    """The quarterly review of one account; *cancelled()* true stops it, writing nothing.
    Never over the database or a backup; over an existing file only with *force*."""
    check_target(path, force=force, protect=db.path)
    from keyaccounts.services import health
    from keyaccounts import services
    from keyaccounts.services.complaints import list_complaints
    from keyaccounts.services.retention import list_surveys, needs_review, parse_period

    start, end = parse_period(period)
    last_day = end - timedelta(days=1)
    page_data = services.account_page(db, account, last_day)
    a = page_data.account
    trend = health.trend(db, a.id, last_day, 26)
    now = trend[-1] if trend else None
    stop_if(cancelled)
    with _open_pdf(path, force, db) as pdf:
        page = _Page(pdf, _("Quarterly review {period}: {account}").format(
            period=period.upper(), account=a.name), cancelled)
        page.heading(_("Summary"))
        page.line(_("Tier {tier} ({basis}) · owner {owner} · status {status} · renewal {renewal}"
                    ).format(tier=a.tier, basis=a.tier_basis, owner=a.owner or "—",
                             status=a.status, renewal=a.renewal or "—"))
        if now is not None:
            page.line(_("Health {score} ({band}) on {day}").format(
                score=now.score, band=_(health.BAND_WORDS[now.band]), day=now.as_of),
                BAND_COLOURS[now.band])
            for c in now.components:
                page.line(f"  {_(health.COMPONENT_NAMES[c.name])}: {c.points:g}/{c.max:g} — "
                          f"{c.reason}")
            ax = page.chart(0.16)
            ax.axhspan(70, 100, color=BAND_COLOURS["green"], alpha=0.12, lw=0)
            ax.axhspan(40, 70, color=BAND_COLOURS["amber"], alpha=0.12, lw=0)
            ax.axhspan(0, 40, color=BAND_COLOURS["red"], alpha=0.12, lw=0)
            ax.plot([h.as_of for h in trend], [h.score for h in trend], marker="o", ms=3)
            ax.set_ylim(0, 100)
            ax.set_title(_("Health over the last six months"), fontsize=10)
            ax.tick_params(labelsize=7)

        _value_section(page, db, a.id, start, last_day)

        page.heading(_("Contact coverage by level"))
        for level in ("exec", "mgmt", "ops"):
            people = [c for c in page_data.contacts if c.contact.level == level]
            met = [c for c in people if c.last_met and c.last_met >= start]
            page.line(_("{level}: {met} of {n} met this quarter").format(
                level=level, met=len(met), n=len(people)) + (
                " — " + ", ".join(c.contact.name for c in met) if met else ""))

        page.heading(_("Key events of the quarter"))
        events = [i for i in page_data.chain if start <= i.date < end]
        for i in events[:25]:
            page.line(f"{i.date} {i.kind} ({i.sentiment:+d}): {i.summary}")
        if not events:
            page.line(_("No contact logged in the quarter."), BAND_COLOURS["red"])

        page.heading(_("Open items and next steps"))
        for f in page_data.open_followups[:25]:
            late = f.due < last_day
            page.line(f"{f.due} {f.text}" + (" — " + _("overdue") if late else ""),
                      BAND_COLOURS["red"] if late else "black")
        if not page_data.open_followups:
            page.line(_("Nothing open."))

        page.heading(_("Complaints"))
        found = [c for c in list_complaints(db, a.id) if c.received_on < end]
        for c in found[:15]:
            page.line(_("{received} {severity}: {summary} — {state}{days}").format(
                received=c.received_on, severity=c.severity, summary=c.summary,
                state=c.state(last_day),
                days=_(", {resolved}").format(resolved=resolved_in(c.resolution_days))
                if c.resolution_days is not None else ""))
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


def portfolio_report(db: Database, period: str, path: Path, *, cancelled=never,
                     force: bool = False) -> Path:
    """The quarterly review of the portfolio; *cancelled()* true stops it, writing nothing.
    Never over the database or a backup; over an existing file only with *force*."""
    check_target(path, force=force, protect=db.path)
    from keyaccounts.services import alerts
    from keyaccounts.services.metrics import measure_lines, metrics
    from keyaccounts.services.retention import parse_period

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
            page.line(_("{name}: {value}").format(name=name, value=shown))
        counts = {b: sum(1 for h in scores if h.band == b) for b in ("green", "amber", "red")}
        page.heading(_("Health"))
        page.line(_("{n} accounts: {green} green, {amber} amber, {red} red").format(
            n=len(scores), **counts))
        ax = page.chart(0.14)
        ax.bar(list(counts), list(counts.values()),
               color=[BAND_COLOURS[b] for b in counts])
        ax.tick_params(labelsize=8)
        _segment_table(page, db, last_day)
        page.heading(_("Accounts at risk"))
        risky = sorted((h for h in scores if h.band != "green"), key=lambda h: h.score)
        for h in risky[:30]:
            worst = min(h.components, key=lambda c: c.points - c.max)
            page.line(f"{h.score:3d} {h.account} — {worst.reason}",
                      BAND_COLOURS[h.band])
        if not risky:
            page.line(_("No account is amber or red."))
        page.heading(_("Open risk alerts"))
        for a in found[:30]:
            page.line(_("{name}: {value}").format(name=a.account, value=a.reason))
        page.close()
    return Path(path)

