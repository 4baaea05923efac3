"""Shared fixtures: real SQLite files in temporary folders, never a mock."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LANGUAGE"] = "en"  # messages are asserted in English
# The app's caches (its coloured icons) go to a folder of the test run's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="keyaccounts-tests-cache-")

from keyaccounts.storage.db import open_database  # noqa: E402
from keyaccounts.devtools.demo import build_demo  # noqa: E402

DEMO_TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _system_clock():
    """Each test starts on the system's day; one that fixes a day (--today, a window
    opened on a given day) does not leave it to the next."""
    from keyaccounts.domain import clock

    clock.set_today(None)
    yield
    clock.set_today(None)


@pytest.fixture
def db(tmp_path):
    database = open_database(tmp_path / "test.sqlite3")
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    """A small demo portfolio, built once; tests copy it before writing."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with open_database(path) as database:
        build_demo(database, accounts=12, years=2, seed=3, today=DEMO_TODAY)
    return path


@pytest.fixture
def demo_db(demo_file, tmp_path):
    path = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, path)
    database = open_database(path)
    yield database
    database.close()


def dump(path: Path) -> list[str]:
    """Every row of every table, to compare a database before and after."""
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture
def settings(tmp_path):
    """Window settings in a private INI file, so tests never touch the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
