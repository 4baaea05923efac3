"""Shared fixtures: real SQLite files in temporary folders and a real PostgreSQL
server, never a mock.

The ``db`` fixture (and ``demo_db``, ``db_target``) runs each test that uses it
on both engines: a SQLite file, and a database of its own on a PostgreSQL server
that the session starts (keyaccounts/devtools/pgserver.py). The GUI's tests and those marked
``sqlite_only`` (backups, snapshots, encryption: what only a file has) run on
SQLite alone. Without a server the PostgreSQL runs are skipped, with the reason;
with ``KEYACCOUNTS_TEST_POSTGRESQL=require`` (CI) they fail instead.
"""

from __future__ import annotations

import os
import shutil
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


ENGINES = ("sqlite", "postgresql")
# Modules whose tests run on SQLite alone: the GUI's (it runs on the same services,
# tested on both engines below it) and what only a SQLite file has.
SQLITE_ONLY_MODULES = {"test_ui", "test_charts", "test_icons", "test_qt_binding", "test_bench",
                       "test_perf", "test_safety", "test_snapshot", "test_i18n"}
REQUIRE_VAR = "KEYACCOUNTS_TEST_POSTGRESQL"  # "require": no server is a failure (CI)


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: runs on a SQLite file alone")


def pytest_collection_modifyitems(config, items):
    """The tests marked ``bundle`` (they build the app with PyInstaller, minutes) run only
    when a -m expression names them (``pytest -m bundle``); otherwise they are left out."""
    if "bundle" in (config.option.markexpr or ""):
        return
    keep = [item for item in items if item.get_closest_marker("bundle") is None]
    if len(keep) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep


def pytest_generate_tests(metafunc):
    if "engine" not in metafunc.fixturenames:
        return
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module in SQLITE_ONLY_MODULES or metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture
def engine(request) -> str:
    """The engine a test runs on: "sqlite", or "postgresql" (see pytest_generate_tests)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the session, with a migrated template database and
    one holding the demo portfolio (each test's database is a copy of one)."""
    from keyaccounts.devtools.pgserver import PgServer, Unavailable

    server = PgServer()
    try:
        server.start()
    except Unavailable as exc:
        server.stop()
        if os.environ.get(REQUIRE_VAR) == "require":
            pytest.fail(f"PostgreSQL is required ({REQUIRE_VAR}) but: {exc}", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    try:
        empty = server.create_database()
        open_database(empty).close()
        server.template = _name(empty)
        demo = server.create_database(template=server.template)
        with open_database(demo) as database:
            build_demo(database, accounts=12, years=2, seed=3, today=DEMO_TODAY)
        server.demo = _name(demo)
        yield server
    finally:
        server.stop()


def _name(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).database


@pytest.fixture
def db_target(engine, tmp_path, request) -> str:
    """Where a test's database is, as ``--db`` takes it: a file path (the file not made
    yet), or the URL of an empty, migrated database on the test server."""
    if engine == "sqlite":
        yield str(tmp_path / "test.sqlite3")
        return
    server = request.getfixturevalue("pg_server")
    url = server.create_database(template=server.template)
    yield url
    server.drop_database(url)


@pytest.fixture
def empty_target(engine, tmp_path, request) -> str:
    """Like db_target, but a database with no schema at all (for the migrations): a
    file named old.sqlite3 not made yet, or an empty database on the server."""
    if engine == "sqlite":
        yield str(tmp_path / "old.sqlite3")
        return
    server = request.getfixturevalue("pg_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def db(db_target):
    database = open_database(db_target)
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
def demo_db(engine, tmp_path, request):
    if engine == "sqlite":
        path = tmp_path / "demo.sqlite3"
        shutil.copy(request.getfixturevalue("demo_file"), path)
        target = str(path)
    else:
        server = request.getfixturevalue("pg_server")
        target = server.create_database(template=server.demo)
    database = open_database(target)
    yield database
    database.close()
    if engine != "sqlite":
        server.drop_database(target)


def dump(where) -> list[str]:
    """Every row of every table (and the tables' columns), to compare a database
    before and after: *where* is a Database, a file path or a database URL."""
    from sqlalchemy import MetaData, create_engine, select

    location = getattr(where, "location", where)
    url = str(location) if "://" in str(location) else f"sqlite:///{location}"
    engine = create_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        rows: list[str] = []
        with engine.connect() as c:
            for table in metadata.sorted_tables:
                rows.append(f"{table.name} columns {sorted(col.name for col in table.columns)}")
                order = list(table.primary_key.columns) or list(table.columns)
                rows += [f"{table.name} {tuple(row)!r}"
                         for row in c.execute(select(table).order_by(*order))]
        return rows
    finally:
        engine.dispose()


def shown_window(qtbot, db, settings, today):
    """The main window on *db*, shown and with its first loads done (for GUI tests)."""
    from ui.mainwindow import MainWindow

    window = MainWindow(db, settings, today=today)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.worker.wait()
    return window


@pytest.fixture
def ring(tmp_path, monkeypatch):
    """A file keyring of the test's own stands for the system's."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    return keyring


@pytest.fixture
def settings(tmp_path):
    """Window settings in a private INI file, so tests never touch the user's."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def english(qapp):
    """The app's English catalogue installed, as the app does: its plural forms
    ("%n account(s)" reads "1 account", "2 accounts")."""
    from PySide6.QtCore import QLocale, QTranslator

    from ui import resources

    translator = QTranslator()
    assert translator.load(QLocale("en"), "keyaccounts", "_", str(resources.path("i18n")))
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)
