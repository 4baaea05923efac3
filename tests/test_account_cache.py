"""The per-account cache (issue 16, "Many writers, still instant"): a stamp per account
raised by triggers on every change of its rows, whoever writes, on both engines."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from keyaccounts import services as sv
from keyaccounts.storage import cache
from keyaccounts.storage import db as kdb
from keyaccounts.storage.model import Base


def stamps(db) -> dict[int, int]:
    with db.engine.connect() as c:
        return dict(c.exec_driver_sql("SELECT account_id, stamp FROM account_stamp").all())


def changed(before: dict, after: dict) -> set[int]:
    return {a for a in set(before) | set(after) if before.get(a, 0) != after.get(a, 0)}


def test_every_table_is_stamped_by_its_account_or_globally_or_said_not_to_be(db):
    """A table added to the model must say how its rows reach an account (or that it is
    global, or no input of any view); and every such table has its triggers."""
    tables = set(Base.metadata.tables)
    known = set(cache.DIRECT) | set(cache.THROUGH) | set(cache.GLOBAL) | cache.UNSTAMPED
    assert tables - {"alembic_version"} <= known, tables - known
    stamped = tables - cache.UNSTAMPED
    with db.engine.connect() as c:
        if db.is_file:
            triggers = {tuple(r) for r in c.exec_driver_sql(
                "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger'"
                " AND name LIKE 'account_stamp_after_%'")}
            expected = {(t, f"account_stamp_after_{e}_{t}") for t in stamped
                        for e in ("insert", "update", "delete")}
        else:
            triggers = {tuple(r) for r in c.exec_driver_sql(
                "SELECT event_object_table, trigger_name || ':' || event_manipulation"
                " FROM information_schema.triggers WHERE left(trigger_name, 9) = 'ka_stamp_'")}
            expected = {(t, f"ka_stamp_{e.lower()}:{e}") for t in stamped
                        for e in ("INSERT", "UPDATE", "DELETE")}
    assert expected <= triggers, expected - triggers


def test_a_write_raises_only_its_accounts_stamp(db):
    a = sv.add_account(db, "Acme")
    b = sv.add_account(db, "Bolt")
    before = stamps(db)
    sv.log_interaction(db, "Acme", "call", datetime(2026, 11, 27, 9), "Quick call")
    after = stamps(db)
    assert changed(before, after) == {a.id}
    contact = sv.add_contact(db, "Bolt", "Li", private_notes="likes tea")
    assert changed(after, stamps(db)) == {b.id}
    before = stamps(db)
    sv.update_contact(db, contact.id, private_notes="likes green tea")
    assert changed(before, stamps(db)) == {b.id}
    before = stamps(db)
    sv.set_setting(db, "k", 1)
    assert changed(before, stamps(db)) == {cache.GLOBAL_ID}


def test_a_raw_write_on_another_connection_raises_the_stamp_too(db):
    a = sv.add_account(db, "Acme")
    sv.add_account(db, "Bolt")
    before = stamps(db)
    with db.engine.begin() as c:  # not through the services
        c.exec_driver_sql(f"UPDATE account SET notes = 'raw' WHERE id = {a.id}")
    assert changed(before, stamps(db)) == {a.id}


def test_upgrade_from_0015_with_data_and_downgrade(empty_target):
    is_file = "://" not in empty_target
    engine = (kdb.make_engine(empty_target) if is_file
              else kdb.make_server_engine(kdb.server_url(empty_target)))
    kdb.upgrade(engine, "0015")
    with engine.begin() as c:
        c.exec_driver_sql(
            "INSERT INTO account (id, name, tier, tier_basis, tier_note, industry, owner, "
            "status, notes, archived, created_at, retention_reason) "
            "VALUES (7, 'Acme', 'B', 'revenue', '', '', 'me', 'active', '', false, "
            "'2020-01-01 00:00:00', '')")
        c.exec_driver_sql("INSERT INTO agenda_mark (key, done_on) VALUES "
                          "('cadence:7-tier0:2026-01-05', '2026-01-05'), "
                          "('festival:chunjie:2026-02-17', '2026-02-17')")
    kdb.upgrade(engine, "0016")
    with engine.begin() as c:
        assert dict(c.exec_driver_sql("SELECT key, account_id FROM agenda_mark").all()) == {
            "cadence:7-tier0:2026-01-05": 7, "festival:chunjie:2026-02-17": None}
        c.exec_driver_sql("UPDATE account SET notes = 'x' WHERE id = 7")
        c.exec_driver_sql("UPDATE agenda_mark SET done_on = '2026-01-06' WHERE account_id = 7")
        assert dict(c.exec_driver_sql("SELECT account_id, stamp FROM account_stamp").all()) \
            == {7: 2}
    with engine.begin() as c:
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(kdb.MIGRATIONS_DIR))
        config.attributes["connection"] = c
        command.downgrade(config, "0015")
    with engine.begin() as c:
        names = set(sa.inspect(c).get_table_names())
        assert "account_stamp" not in names and "account_cache" not in names
        c.exec_driver_sql("UPDATE account SET notes = 'y' WHERE id = 7")  # no trigger left
        columns = {col["name"] for col in sa.inspect(c).get_columns("agenda_mark")}
        assert "account_id" not in columns
    engine.dispose()


def test_marking_an_agenda_item_raises_only_its_accounts_stamp(demo_db):
    from datetime import timedelta

    from keyaccounts.services import planner
    from tests.conftest import DEMO_TODAY

    item = next(i for i in planner.agenda(demo_db, DEMO_TODAY, 60, today=DEMO_TODAY)
                if i.kind in ("visit", "call", "birthday") and i.account_id)
    before = stamps(demo_db)
    done = planner.snooze(demo_db, item, DEMO_TODAY + timedelta(days=3))
    assert changed(before, stamps(demo_db)) == {item.account_id}
    before = stamps(demo_db)
    planner.undo(demo_db, done)
    assert changed(before, stamps(demo_db)) == {item.account_id}


# --- the views assembled from per-account entries ------------------------------------

DAYS = 60


def entries(db, name: str, day) -> dict[int, object]:
    """The valid entries of view *name* on *day* (English), as a reader finds them."""
    from keyaccounts.i18n import language
    from keyaccounts.storage import snapshot

    with db.engine.connect() as c:
        run = snapshot._run(c)
        return cache.valid(run, name, day.isoformat(), language(), snapshot.generation(c),
                           cache.stamps(run))


def computed(db, day):
    from keyaccounts.services import alerts, planner
    from keyaccounts.services import health as scoring

    items = planner.agenda(db, day, DAYS, today=day, snoozed=True)
    scores, found = alerts.health_and_alerts(db, day)
    before = {h.account_id: h.score for h in scoring.health(db, day - timedelta(days=30))}
    return items, [(h.account_id, h.score, h.band, before.get(h.account_id)) for h in scores], \
        found


def planner_items(db, day):
    from keyaccounts.services import planner

    return planner.agenda(db, day, DAYS, today=day, snoozed=True)


def assembled(db, day):
    from keyaccounts.storage import snapshot

    items = snapshot.agenda(db, day, DAYS)
    marks, found = snapshot.health(db, day)
    return items, [(m.account_id, m.score, m.band, m.before) for m in marks], found


def test_the_views_assembled_from_entries_equal_the_computed_ones_around_writes(demo_db):
    from tests.conftest import DEMO_TODAY

    day = DEMO_TODAY
    first = assembled(demo_db, day)  # every entry computed and kept
    assert first == computed(demo_db, day)
    assert first[0] and first[1] and first[2]
    accounts = sorted(a.id for a in sv.list_accounts(demo_db))
    assert set(entries(demo_db, "agenda:60", day)) == set(entries(demo_db, "health", day)) \
        == set(accounts)
    assert assembled(demo_db, day) == first  # from the entries alone
    # An account with nothing on its agenda is kept too (as nothing), not computed again.
    quiet = sv.add_account(demo_db, "Quiet Ltd", tier="C")
    assert not [i for i in planner_items(demo_db, day) if i.account_id == quiet.id]
    assert assembled(demo_db, day) == computed(demo_db, day)
    assert entries(demo_db, "agenda:60", day)[quiet.id] == []
    accounts.append(quiet.id)

    # A write through the services invalidates its account only …
    x = sv.list_accounts(demo_db)[0]
    sv.log_interaction(demo_db, x.name, "visit", datetime(2026, 11, 27, 9), "Visit",
                       sentiment=-2)
    assert set(entries(demo_db, "agenda:60", day)) == set(accounts) - {x.id}
    assert set(entries(demo_db, "health", day)) == set(accounts) - {x.id}
    again = assembled(demo_db, day)
    assert again == computed(demo_db, day)
    assert set(entries(demo_db, "agenda:60", day)) == set(accounts)

    # … and so does one by raw SQL on another connection (no service, no app).
    y = next(a for a in sv.list_accounts(demo_db) if a.id != x.id)
    engine = sa.create_engine(demo_db.engine.url)
    with engine.begin() as c:
        c.exec_driver_sql(f"UPDATE follow_up SET due = '2026-11-01' WHERE account_id = {y.id}"
                          " AND status = 'open'")
        c.exec_driver_sql(f"UPDATE contact SET birthday_month = 12, birthday_day = 9 WHERE id ="
                          f" (SELECT min(id) FROM contact WHERE account_id = {y.id})")
    engine.dispose()
    assert set(entries(demo_db, "agenda:60", day)) == set(accounts) - {y.id}
    assert assembled(demo_db, day) == computed(demo_db, day)

    # A setting (no one account's) invalidates them all.
    sv.set_setting(demo_db, "health.weights", {"recency": 30})
    assert entries(demo_db, "health", day) == {}
    assert assembled(demo_db, day) == computed(demo_db, day)


def test_a_team_servers_first_screen_is_painted_from_the_entries(demo_db):
    """On a server the first screen comes from the per-account entries (an account
    written to since: its last entry, until the worker's agenda replaces it)."""
    from keyaccounts.domain.today import group_agenda
    from keyaccounts.services import alerts
    from keyaccounts.storage import snapshot
    from tests.conftest import DEMO_TODAY

    if demo_db.is_file:  # a file paints from its whole snapshot (tests/test_snapshot.py)
        pytest.skip("a server's first screen")
    day = DEMO_TODAY
    assert snapshot.cached_first_screen(demo_db, day, DAYS) is None  # nothing kept yet
    items = snapshot.agenda(demo_db, day, DAYS)
    _marks, found = snapshot.health(demo_db, day)
    first = snapshot.cached_first_screen(demo_db, day, DAYS)
    groups = group_agenda(items, day)
    assert first.counts == [len(g) for g in groups]
    assert first.groups == snapshot.first_rows(groups)
    unsegmented = [a for a in found if a.kind != "segment-falling"]
    assert (first.alerts, first.alert_count) == (unsegmented[:snapshot.FIRST_ALERTS],
                                                 len(unsegmented))
    # A teammate writes: the first paint still comes from the entries (the stale one
    # as it was), the worker's assembly brings the change.
    x = sv.list_accounts(demo_db)[0]
    alerts.dismiss(demo_db, unsegmented[0], "called", on=day)
    sv.add_followup(demo_db, x.name, "Send the new price list", day, opened_on=day)
    again = snapshot.cached_first_screen(demo_db, day, DAYS)
    assert again.counts == first.counts
    assert again.alert_count == first.alert_count - 1  # handled alerts: read fresh
    items = snapshot.agenda(demo_db, day, DAYS)
    assert "Send the new price list" in {i.title for i in items}
    assert sum(snapshot.cached_first_screen(demo_db, day, DAYS).counts) == len(items)


def test_the_window_on_a_team_server_paints_the_entries_first(qtbot, demo_db, settings):
    """The main window on a server: the Today page's first screen, before any work on
    the worker, from the per-account entries; then the worker's assembly in its place."""
    from keyaccounts.domain.today import group_agenda
    from keyaccounts.storage import snapshot
    from tests.conftest import DEMO_TODAY
    from ui.mainwindow import AGENDA_DAYS, MainWindow

    if demo_db.is_file:
        pytest.skip("a server's first screen (a file's: tests/test_ui.py)")
    items = snapshot.agenda(demo_db, DEMO_TODAY, AGENDA_DAYS)
    snapshot.health(demo_db, DEMO_TODAY)
    x = sv.list_accounts(demo_db)[0]  # a teammate writes meanwhile
    sv.add_followup(demo_db, x.name, "Send the new price list", DEMO_TODAY,
                    opened_on=DEMO_TODAY)
    groups = group_agenda(items, DEMO_TODAY)
    window = MainWindow(demo_db, settings, today=DEMO_TODAY)
    qtbot.addWidget(window)
    assert window.today_page.model.counts == [len(g) for g in groups]  # the entries
    window.show()
    window.worker.wait()
    now = snapshot.agenda(demo_db, DEMO_TODAY, AGENDA_DAYS)
    assert len(now) == len(items) + 1
    assert list(window.today_page.grouped().values()) == group_agenda(now, DEMO_TODAY)


def test_a_write_during_the_computation_leaves_that_accounts_entry_stale(demo_db):
    """The stamps are read before computing: what another connection commits meanwhile
    makes the entry computed from the older rows invalid at once (both engines)."""
    from keyaccounts.storage import snapshot
    from tests.conftest import DEMO_TODAY

    x, y = (a.id for a in sv.list_accounts(demo_db)[:2])
    engine = sa.create_engine(demo_db.engine.url)

    def compute(ids):
        out = {aid: ["computed"] for aid in (ids or [a.id for a in sv.list_accounts(demo_db)])}
        with engine.begin() as c:  # a teammate, while this one computes
            c.exec_driver_sql(f"UPDATE account SET notes = 'meanwhile' WHERE id = {x}")
        return out

    try:
        kept = snapshot.per_account(demo_db, "probe", DEMO_TODAY, compute)
    finally:
        engine.dispose()
    assert kept[x] == kept[y] == ["computed"]  # shown as computed this time …
    valid = entries(demo_db, "probe", DEMO_TODAY)
    assert y in valid and x not in valid  # … but not taken for current next time


def test_the_leads_portfolio_from_the_entries_equals_one_from_nothing_kept(demo_db):
    """The lead's portfolio counts from each account's health entry: after a write, the
    one account computed again, the figures as if nothing had been kept."""
    from keyaccounts.services import portfolio
    from tests.conftest import DEMO_TODAY

    def afresh():
        with demo_db.engine.begin() as c:
            c.exec_driver_sql("DELETE FROM account_cache")
        return portfolio.by_owner(demo_db, DEMO_TODAY).as_json()

    first = portfolio.by_owner(demo_db, DEMO_TODAY).as_json()
    assert first == afresh() and first["accounts"] > 0
    assert portfolio.by_owner(demo_db, DEMO_TODAY).as_json() == first  # the entries alone
    # Settle every open follow-up of the account with the most past due: its count goes.
    late = max(sv.list_accounts(demo_db), key=lambda a: sum(
        1 for f in sv.list_followups(demo_db, a.id, open_only=True) if f.due < DEMO_TODAY))
    due = [f.id for f in sv.list_followups(demo_db, late.id, open_only=True)
           if f.due < DEMO_TODAY]
    assert due
    sv.log_interaction(demo_db, late.name, "visit", datetime(2026, 11, 27, 9), "Visit",
                       settle=due)
    assert set(entries(demo_db, "health", DEMO_TODAY)) == set(
        a.id for a in sv.list_accounts(demo_db)) - {late.id}
    after = portfolio.by_owner(demo_db, DEMO_TODAY).as_json()
    assert after == afresh()
    overdue = lambda p: sum(o["overdue_followups"] for o in p["owners"])  # noqa: E731
    assert overdue(after) == overdue(first) - len(due)
