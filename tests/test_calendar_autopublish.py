"""The app keeps the calendar up to date by itself (ui/calendar_sync.py): once at start
and after a change to the agenda, when a calendar is kept with its password in the
keyring; read back from a real Radicale server with the caldav library."""

from __future__ import annotations

from datetime import date, datetime

import caldav
import pytest
from PySide6.QtWidgets import QMainWindow

from keyaccounts import services as sv
from keyaccounts.domain import clock
from keyaccounts.io import publish
from tests.radicale_server import radicale

pytestmark = pytest.mark.sqlite_only
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with radicale(tmp_path_factory.mktemp("radicale"), {"anna": "secret"}) as url:
        yield url


@pytest.fixture
def app_parts(qtbot, db, tmp_path, monkeypatch):
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from ui.operations import Operations
    from ui.worker import DbWorker

    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring.cfg")
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    clock.set_today(TODAY)
    sv.add_account(db, "Acme Foods", tier="C")
    r = sv.log_interaction(db, "Acme Foods", "call", datetime(2026, 11, 20, 10), "Hello",
                           next_steps=[("Send the quote", date(2026, 12, 2))])
    window = QMainWindow()
    qtbot.addWidget(window)
    return db, Operations(db, DbWorker()), window, r.opened[0]


def quote_day(cal) -> str | None:
    for obj in cal.events():
        e = obj.icalendar_component
        if str(e["summary"]).startswith("Send the quote"):
            return e.decoded("dtstart").isoformat()
    return None


def test_published_at_start_and_after_a_change(qtbot, app_parts, server):
    from ui.calendar_sync import AutoPublish
    from ui.operations import CHAIN

    db, ops, window, quote = app_parts
    cal = caldav.DAVClient(url=server, username="anna", password="secret").principal() \
        .make_calendar(name="Auto")
    target = publish.Target(str(cal.url), "anna", "")
    publish.save_config(db, publish.Config(target, keyring=True))
    publish.remember_password(target, "secret")

    sync = AutoPublish(ops, window, delay_ms=0)  # publishes once the event loop runs
    with qtbot.waitSignal(sync.done, timeout=60000) as started:
        pass
    assert isinstance(started.args[0], publish.Published) and started.args[0].added >= 1
    assert quote_day(cal) == "2026-12-02"
    assert "Calendar updated" in window.statusBar().currentMessage()

    # a carry through the app's operations: the event moves
    with qtbot.waitSignal(sync.done, timeout=60000) as moved:
        ops.run(lambda db: sv.carry_followup(db, quote, date(2026, 12, 9)), CHAIN)
    assert moved.args[0].updated == 1
    assert quote_day(cal) == "2026-12-09"


def test_nothing_without_a_kept_password_and_a_failure_is_a_status_line(qtbot, app_parts,
                                                                         server, tmp_path):
    from ui.calendar_sync import AutoPublish

    db, ops, window, _ = app_parts
    publish.save_config(db, publish.Config(publish.Target(server + "anna/", "anna", ""),
                                           keyring=False))
    sync = AutoPublish(ops, window, delay_ms=0)
    with qtbot.waitSignal(sync.done, timeout=60000) as skipped:
        pass
    assert skipped.args == [None]

    # no user needed, but the server refuses: said in the status bar
    publish.save_config(db, publish.Config(publish.Target(server + "anna/", "", "")))
    with qtbot.waitSignal(sync.done, timeout=60000) as failed:
        sync.start()
    assert isinstance(failed.args[0], publish.PublishError)
    assert window.statusBar().currentMessage().startswith("Calendar not updated: ")
