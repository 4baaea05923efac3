"""One clock, read from the source: only keyaccounts/domain/clock.py asks the machine
what day it is; everything else (services, CLI, the app) asks it.

A call is resolved through the module's imports (``import datetime as _dt``,
``from datetime import date as day``, ``from time import time``) before it is judged.
``time.time()`` and ``time.monotonic()`` as a stopwatch are fine (the bench times with
them); a day or a time of day made from them is not.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLOCK = ROOT / "keyaccounts" / "domain" / "clock.py"
SOURCES = [p for p in sorted((ROOT / "keyaccounts").rglob("*.py")) +
           sorted((ROOT / "ui").rglob("*.py")) + [ROOT / "main.py"] if p != CLOCK]

# What reads the machine's day or time of day, called (whatever the arguments) or handed on
# (``default_factory=date.today``).
READS_THE_DAY = {"datetime.date.today", "datetime.datetime.now", "datetime.datetime.today",
                 "datetime.datetime.utcnow", "PySide6.QtCore.QDate.currentDate",
                 "PySide6.QtCore.QDateTime.currentDateTime",
                 "PySide6.QtCore.QDateTime.currentDateTimeUtc",
                 "PySide6.QtCore.QTime.currentTime"}
# Calls that read it when given no time (time.localtime() is now; time.localtime(t) is not).
READS_THE_DAY_BARE = {"time.localtime": 0, "time.gmtime": 0, "time.ctime": 0,
                      "time.asctime": 0, "time.strftime": 1}
# Calls that make a day out of a timestamp: given the machine's now, they read the day.
FROM_A_TIMESTAMP = {"datetime.date.fromtimestamp", "datetime.datetime.fromtimestamp",
                    "datetime.datetime.utcfromtimestamp", "time.localtime", "time.gmtime",
                    "time.ctime"}
MACHINE_NOW = {"time.time", "time.time_ns"}


def aliases(tree: ast.AST) -> dict[str, str]:
    """The module's names for what it imports: {local name: dotted name}."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    names[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    names[top] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def dotted(node: ast.AST, names: dict[str, str]) -> str | None:
    """The full dotted name a call's function stands for, or None (not a plain name)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in names:
        return None
    return ".".join([names[node.id], *reversed(parts)])


def clock_reads(source: str) -> list[tuple[int, str]]:
    """(line, call) for each place in *source* that reads the machine's day."""
    tree = ast.parse(source)
    names = aliases(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and dotted(node, names) in READS_THE_DAY:
            found.append((node.lineno, f"{dotted(node, names)}"))  # called or handed on
        if not isinstance(node, ast.Call):
            continue
        name = dotted(node.func, names)
        given = len(node.args) + len(node.keywords)
        if name in READS_THE_DAY_BARE and given <= READS_THE_DAY_BARE[name]:
            found.append((node.lineno, f"{name}()"))
        elif name in FROM_A_TIMESTAMP and any(
                isinstance(arg, ast.Call) and dotted(arg.func, names) in MACHINE_NOW
                for arg in node.args):
            found.append((node.lineno, f"{name}(time.time())"))
    return found


def test_the_sources_are_found():
    assert CLOCK.exists() and len(SOURCES) > 100
    assert ROOT / "main.py" in SOURCES


def test_the_reader_sees_through_aliases():
    source = """
import datetime as _dt
import time
from datetime import date as day, datetime
from time import time as stamp
from PySide6.QtCore import QDate

_dt.date.today()
day.today()
datetime.now()
datetime.fromtimestamp(stamp())
time.strftime("%Y")
QDate.currentDate()
started = time.time()             # a stopwatch: fine
time.strftime("%Y", time.localtime(0))  # a given time: fine
datetime.fromisoformat("2026-01-01")
field(default_factory=day.today)
"""
    assert sorted(line for line, _call in clock_reads(source)) == [8, 9, 10, 11, 12, 13, 17]


def test_only_the_clock_reads_the_machines_day():
    bad = [f"{p.relative_to(ROOT)}:{line} {call}" for p in SOURCES
           for line, call in clock_reads(p.read_text(encoding="utf-8"))]
    assert bad == []


def test_the_clock_itself_reads_it():
    assert clock_reads(CLOCK.read_text(encoding="utf-8"))
