"""The one clock: what day and time it is for services, the CLI and the app.

Nothing else in KeyAccounts reads the system clock. ``--today`` (the CLI's and the
app's) and tests set the day with :func:`set_today`; the time of day stays the real
one, so that a frozen day still orders what is logged on it.
"""

from __future__ import annotations

import datetime as _dt
from contextlib import contextmanager

_today: _dt.date | None = None


def today() -> _dt.date:
    """Today's date: the day set by :func:`set_today`, else the system's."""
    return _today if _today is not None else _dt.date.today()


def now() -> _dt.datetime:
    """Now, as a naive local datetime, on :func:`today`'s date."""
    real = _dt.datetime.now()
    return real if _today is None else _dt.datetime.combine(_today, real.time())


def set_today(day: _dt.date | None) -> None:
    """Fix today to *day* for the whole process (None: follow the system clock again)."""
    global _today
    _today = day


@contextmanager
def frozen(day: _dt.date):
    """Today is *day* inside the block."""
    before = _today
    set_today(day)
    try:
        yield
    finally:
        set_today(before)
