"""Offline against the team server (issue 17): a local copy, the outbox, replay and
refresh, on a real PostgreSQL server that the tests put out of reach by closing the
network between (tests/netproxy.py), never a mock."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

import pytest
from sqlalchemy import text

from keyaccounts import services as sv
from keyaccounts.domain import clock
from keyaccounts.domain.dates import Birthday
from keyaccounts.domain.errors import DatabaseError
from keyaccounts.storage.offline import NeedsServer
from keyaccounts.services import complaints, outbox
from keyaccounts.storage.db import open_database
from keyaccounts.storage.offline import ReplicaDatabase, open_replica, open_team_or_copy
from tests.netproxy import Proxy, pg_socket
from tests.test_team_rls import team_db  # noqa: F401  (the fixture)


@pytest.fixture
def laptop(tmp_path, monkeypatch):
    """The user's data folder of one laptop."""
    folder = tmp_path / "laptop"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def network(pg_server):
    proxy = Proxy(pg_socket(pg_server))
    proxy.start()
    yield proxy
    proxy.stop()


def _db_name(url):
    from sqlalchemy.engine import make_url

    return make_url(url).database


def connect_and_sync(value):
    """What the app and `keyaccounts sync` do on connecting: replay, then refresh."""
    server = open_team_or_copy(value)
    assert not isinstance(server, ReplicaDatabase)
    replica = open_replica(server.url)
    try:
        return outbox.sync(server, replica)
    finally:
        server.close()
        replica.close()


def cut_off_after_sync(team_db, network, who="ann"):  # noqa: F811
    """*who*'s copy made on the day of their promise, then the network cut: their
    address (through the proxy), the promise's id and its day (today from now on)."""
    url, people = team_db
    address = network.url(_db_name(url), people[who])
    fid, day = _promise(url, who)
    clock.set_today(day)
    connect_and_sync(address)
    network.stop()
    return address, fid, day


def chain_sound(url) -> None:
    """The chain's rules hold on the whole server (what `keyaccounts check` checks)."""
    from keyaccounts.storage.integrity import chain_problems

    with open_database(url) as db, db.session() as s:
        assert chain_problems(s) == []


def on_server(url, sql):
    with open_database(url) as db, db.engine.connect() as c:
        return c.execute(text(sql)).all()


def test_a_quick_log_offline_reaches_the_server_once(pg_server, team_db, network, laptop):  # noqa: F811
    url, people = team_db
    ann = network.url(_db_name(url), people["ann"])
    first = connect_and_sync(ann)
    assert first.full and first.refreshed_rows > 0
    [(fid, day)] = on_server(url, "SELECT id, opened_on FROM follow_up WHERE text = 'ann "
                            "promise'")
    clock.set_today(day)

    network.stop()
    db = open_team_or_copy(ann)
    assert isinstance(db, ReplicaDatabase) and db.offline
    when = datetime.combine(day, datetime.min.time()) + timedelta(hours=10)
    done = sv.log_interaction(db, "ann account", "visit", when, "offline visit",
                              settle=[fid], next_steps=[("send the offer", day + timedelta(days=7))])
    assert done.settled == (fid,)
    # Shown at once in the copy, "not yet sent".
    assert "offline visit" in [i.summary for i in sv.history(db, "ann account")]
    [entry] = outbox.list_entries(db)
    assert entry.state == "pending" and entry.action == "log_interaction"
    marked = outbox.unsent(db)  # what the pages mark "not yet sent"
    assert marked["interaction"] == {done.interaction_id} and fid in marked["follow_up"]
    # A write that is no outbox action needs the server.
    with pytest.raises(NeedsServer, match="needs the team server"):
        sv.update_account(db, "ann account", notes="x")
    # The next step opened offline, settled offline: it waits for the log.
    [step] = done.opened
    sv.settle_followup(db, step, on=day + timedelta(days=1))
    db.close()
    copy = laptop / "before-replay.sqlite3"
    shutil.copy(db.path, copy)

    network.start()
    result = connect_and_sync(ann)
    assert len(result.sent) == 2 and not result.conflicts, result
    assert on_server(url, "SELECT count(*) FROM interaction WHERE summary = 'offline visit'"
                     ) == [(1,)]
    assert on_server(url, f"SELECT status FROM follow_up WHERE id = {fid}") == [("settled",)]
    assert on_server(url, "SELECT status FROM follow_up WHERE text = 'send the offer'"
                     ) == [("settled",)]
    # Interrupted after the server's commit (the copy never heard back): replayed again,
    # nothing is applied twice.
    shutil.copy(copy, db.path)
    for suffix in ("-wal", "-shm"):
        p = db.path.with_name(db.path.name + suffix)
        p.unlink(missing_ok=True)
    again = connect_and_sync(ann)
    assert len(again.already) == 2 and not again.sent
    assert on_server(url, "SELECT count(*) FROM interaction WHERE summary = 'offline visit'"
                     ) == [(1,)]
    assert on_server(url, "SELECT count(*) FROM follow_up WHERE text = 'send the offer'"
                     ) == [(1,)]
    # The copy holds the server's rows, once.
    with open_replica(open_database(ann).url) as replica:
        summaries = [i.summary for i in sv.history(replica, "ann account")]
        assert summaries.count("offline visit") == 1
        assert outbox.list_entries(replica) == []


def run(capsys, *argv):
    from keyaccounts.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_cli_offline_queues_then_syncs_and_keeps_a_conflict(pg_server, team_db, network,  # noqa: F811
                                                                laptop, capsys):
    import json

    url, people = team_db
    ann = network.url(_db_name(url), people["ann"])
    [(fid, day)] = on_server(url, "SELECT id, opened_on FROM follow_up WHERE text = 'ann "
                                  "promise'")
    day_text = day.isoformat()
    code, out, err = run(capsys, "--db", ann, "sync", "--json")
    assert code == 0, err
    assert json.loads(out)["refreshed"]["full"] is True

    network.stop()
    code, out, err = run(capsys, "--db", ann, "accounts", "--json")
    assert code == 0 and "offline since" in err
    assert [a["name"] for a in json.loads(out)] == ["ann account"]
    # Offline: the promise settled by a quick log (queued), then a contact added.
    code, out, err = run(capsys, "--db", ann, "log", "--account", "ann account", "--kind",
                         "call", "--summary", "called from the train", "--settle", str(fid),
                         "--date", day_text)
    assert code == 0 and "queued" in err, err
    code, out, err = run(capsys, "--db", ann, "contact", "add", "--account", "ann account",
                         "--name", "Wang Fang")
    assert code == 0 and "queued" in err, err
    code, out, err = run(capsys, "--db", ann, "outbox", "--json")
    assert [e["state"] for e in json.loads(out)] == ["pending", "pending"]
    code, _out, err = run(capsys, "--db", ann, "sync")
    assert code == 2 and "out of reach" in err and "\n" not in err.strip()
    code, _out, err = run(capsys, "--db", ann, "account", "edit", "ann account", "--notes", "x")
    assert code == 2 and "needs the team server" in err and "\n" not in err.strip()
    # Meanwhile her lead settles the same promise on the server.
    with open_database(url) as admin, admin.engine.begin() as c:
        c.execute(text(f"UPDATE follow_up SET status = 'settled', closed_on = opened_on "
                       f"WHERE id = {fid}"))

    network.start()
    code, out, err = run(capsys, "--db", ann, "accounts")  # online: told what waits
    assert code == 0 and "2 changes made offline are not yet sent" in err, err
    code, out, err = run(capsys, "--db", ann, "sync", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert len(result["conflicts"]) == 1 and len(result["sent"]) == 1  # the contact went on
    assert on_server(url, "SELECT count(*) FROM contact WHERE name = 'Wang Fang'") == [(1,)]
    assert on_server(url, "SELECT count(*) FROM interaction WHERE summary = "
                          "'called from the train'") == [(0,)]
    code, out, err = run(capsys, "--db", ann, "outbox", "--json")
    [kept] = json.loads(out)
    assert kept["state"] == "conflict" and kept["conflicts"][0]["kind"] == "followup_closed"
    assert "already settled" in kept["conflicts"][0]["message"]
    assert kept["arguments"]["summary"] == "called from the train"  # what she wrote
    # Applying it anyway is against the rules (a settled promise is not settled again).
    code, _out, err = run(capsys, "--db", ann, "outbox", "resolve", str(kept["id"]), "--apply")
    assert code == 2 and "cannot be applied" in err
    code, _out, err = run(capsys, "--db", ann, "outbox", "resolve", "999", "--note")
    assert code == 2 and "no such entry" in err
    # Re-attached: the call is logged, the promise left as the server has it.
    code, out, err = run(capsys, "--db", ann, "outbox", "resolve", str(kept["id"]),
                         "--reattach")
    assert code == 0, err
    assert on_server(url, "SELECT count(*) FROM interaction WHERE summary = "
                          "'called from the train'") == [(1,)]
    code, out, _ = run(capsys, "--db", ann, "outbox", "--json")
    assert json.loads(out) == []


def _promise(url, who="ann"):
    [(fid, day)] = on_server(url, f"SELECT id, opened_on FROM follow_up WHERE text = "
                                  f"'{who} promise'")
    return fid, day


def _at(day, hour=10):
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour)


def test_the_refresh_pulls_only_what_changed(pg_server, team_db, network, laptop):  # noqa: F811
    url, people = team_db
    ann = network.url(_db_name(url), people["ann"])
    fid, day = _promise(url)
    clock.set_today(day)
    first = connect_and_sync(ann)
    assert first.full and first.refreshed_rows >= 5
    assert connect_and_sync(ann).refreshed_rows == 0  # nothing changed: nothing pulled
    with open_database(ann) as server:  # online, through the services
        sv.log_interaction(server, "ann account", "email", _at(day), "sent the brochure")
        sv.add_followup(server, "ann account", "ring back", day + timedelta(days=3))
    with open_database(url) as admin, admin.engine.begin() as c:
        c.execute(text(f"DELETE FROM follow_up WHERE id = {fid}"))
    again = connect_and_sync(ann)
    assert not again.full and again.refreshed_rows == 2 and again.refreshed_deleted == 1
    with open_replica(open_database(ann).url) as copy:
        assert "sent the brochure" in [i.summary for i in sv.history(copy, "ann account")]
        texts = [f.text for f in sv.list_followups(copy, "ann account")]
        assert "ring back" in texts and "ann promise" not in texts
    # An account shared with her later is pulled whole, whatever the age of its rows;
    # unshared, it leaves the copy.
    from keyaccounts.services import team

    with open_database(network.url(_db_name(url), people["bob"])) as bob:
        team.share_account(bob, "bob account", people["ann"])
    connect_and_sync(ann)
    with open_replica(open_database(ann).url) as copy:
        assert sorted(a.name for a in sv.list_accounts(copy)) == ["ann account", "bob account"]
        assert [i.summary for i in sv.history(copy, "bob account")] == ["bob visit"]
        from keyaccounts.storage import snapshot

        snapshot.agenda(copy, day, 60)  # the copy keeps its views per account too
        with copy.engine.connect() as c:
            assert c.exec_driver_sql("SELECT count(*) FROM account_cache").scalar() == 2
    with open_database(network.url(_db_name(url), people["bob"])) as bob:
        team.unshare_account(bob, "bob account", people["ann"])
    connect_and_sync(ann)
    with open_replica(open_database(ann).url) as copy:
        assert [a.name for a in sv.list_accounts(copy)] == ["ann account"]
        with copy.engine.connect() as c:  # nothing of Bob's account stays behind
            assert c.exec_driver_sql("SELECT count(*) FROM account_cache").scalar() == 1


def test_conflicts_wait_and_resolve(pg_server, team_db, network, laptop):  # noqa: F811
    url, people = team_db
    lee = network.url(_db_name(url), people["lee"])  # the lead of Ann's team
    fid, day = _promise(url)
    clock.set_today(day)
    connect_and_sync(lee)
    [(contact_id,)] = on_server(url, "SELECT id FROM contact WHERE name = 'ann contact'")

    network.stop()
    db = open_team_or_copy(lee)
    logged = sv.log_interaction(db, "ann account", "visit", _at(day), "site visit",
                                contacts=["ann contact"], settle=[fid],
                                next_steps=[("send the quote", day + timedelta(days=2))])
    [step] = logged.opened
    sv.settle_followup(db, step, on=day)                      # builds on the log
    complaints.add_complaint(db, "bob account", "late delivery", day)  # independent of it
    sv.log_interaction(db, "bob account", "call", _at(day, 11), "called Bob's buyer")
    db.close()
    # Meanwhile: Ann settles her promise herself, archives the contact, and hands the
    # account over to Bob.
    network.start()
    with open_database(network.url(_db_name(url), people["ann"])) as ann_db:
        from keyaccounts.services import team

        sv.settle_followup(ann_db, fid, on=day)
        sv.set_contact_archived(ann_db, contact_id, True)
        team.hand_over(ann_db, "ann account", people["bob"], "Ann moves south", on=day)

    result = connect_and_sync(lee)
    [log_entry, settle_entry, complaint_entry, call_entry] = [
        e.id for e in outbox.list_entries(open_replica(open_database(lee).url),
                                          everything=True)]
    assert result.conflicts == [log_entry]
    assert result.waiting == [settle_entry]                     # waits, not refused
    assert result.sent == [complaint_entry, call_entry]          # not held back
    copy = open_replica(open_database(lee).url)
    [shown, waiting] = outbox.list_entries(copy)
    kinds = {c["kind"] for c in shown.conflicts}
    assert kinds == {"followup_closed", "contact_archived", "handed_over"}
    assert waiting.waits_for == log_entry and waiting.state == "pending"
    assert on_server(url, "SELECT count(*) FROM complaint WHERE summary = 'late delivery'"
                     ) == [(1,)]

    # Re-attached: logged without the settled promise and the archived contact; the
    # next step it opens is then settled by the entry that waited.
    with open_database(lee) as server:
        with pytest.raises(Exception, match="cannot be applied"):
            outbox.resolve(server, copy, log_entry, "apply")  # a settled promise: never again
        done = outbox.resolve(server, copy, log_entry, "reattach")
        assert done.state == "resolved" and done.resolution == "reattach"
    assert on_server(url, "SELECT count(*) FROM interaction WHERE summary = 'site visit'"
                     ) == [(1,)]
    # No longer waiting, it meets the hand-over too: the lead may still write there, so
    # it is applied anyway.
    again = connect_and_sync(lee)
    assert again.conflicts == [settle_entry] and not again.sent
    [shown] = outbox.list_entries(copy)
    assert [c["kind"] for c in shown.conflicts] == ["handed_over"]
    with open_database(lee) as server:
        outbox.resolve(server, copy, settle_entry, "apply")
    assert on_server(url, "SELECT status FROM follow_up WHERE text = 'send the quote'"
                     ) == [("settled",)]
    assert outbox.list_entries(copy) == []
    copy.close()


def test_a_conflict_kept_as_a_note_on_the_account(pg_server, team_db, network, laptop):  # noqa: F811
    url, people = team_db
    ann, fid, day = cut_off_after_sync(team_db, network)
    db = open_team_or_copy(ann)
    sv.carry_followup(db, fid, day + timedelta(days=5), on=day)
    db.close()
    network.start()
    with open_database(url) as admin, admin.engine.begin() as c:
        c.execute(text(f"UPDATE follow_up SET status = 'settled', closed_on = opened_on "
                       f"WHERE id = {fid}"))
    result = connect_and_sync(ann)
    [entry] = result.conflicts
    with open_database(ann) as server, open_replica(server.url) as copy:
        with pytest.raises(Exception, match="nothing of it is left to re-attach"):
            outbox.resolve(server, copy, entry, "reattach")
        outbox.resolve(server, copy, entry, "note")
        assert outbox.list_entries(copy) == []
        notes = sv.find_account(server, "ann account").notes
    assert "not applied" in notes and f"reschedule follow-up {fid}" in notes


def test_two_laptops_offline_at_once_each_write_once(pg_server, team_db, network, tmp_path,  # noqa: F811
                                                     monkeypatch):
    """200 writes offline on each of two laptops (two data folders), then both replay at
    the same time: every write on the server exactly once, the conflicts exactly the one
    constructed."""
    import threading

    url, people = team_db
    fid, day = _promise(url)
    clock.set_today(day)
    urls = {who: network.url(_db_name(url), people[who]) for who in ("ann", "bob")}
    for who in urls:
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / who))
        connect_and_sync(urls[who])
    network.stop()
    for who in urls:
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / who))
        with open_team_or_copy(urls[who]) as db:
            for n in range(200):
                sv.log_interaction(db, f"{who} account", "call", _at(day, 8) + timedelta(
                    minutes=n), f"{who} call {n}", settle=[fid] if who == "ann" and n == 7
                    else ())
    with open_database(url) as admin, admin.engine.begin() as c:  # the one conflict
        c.execute(text(f"UPDATE follow_up SET status = 'settled', closed_on = opened_on "
                       f"WHERE id = {fid}"))
    network.start()
    pairs = {}
    for who in urls:
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / who))
        server = open_database(urls[who])
        pairs[who] = (server, open_replica(server.url))
    results, errors = {}, []

    def replay(who):
        try:
            results[who] = outbox.sync(*pairs[who])
        except BaseException as exc:  # noqa: BLE001 — reported below
            errors.append(exc)

    threads = [threading.Thread(target=replay, args=(who,)) for who in urls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert (len(results["ann"].sent), len(results["ann"].conflicts)) == (199, 1)
    assert (len(results["bob"].sent), len(results["bob"].conflicts)) == (200, 0)
    for who in urls:  # sent again: nothing more
        assert outbox.sync(*pairs[who]).sent == []
        for db in pairs[who]:
            db.close()
    assert on_server(url, "SELECT count(*), count(DISTINCT summary) FROM interaction WHERE "
                          "summary LIKE '% call %'") == [(399, 399)]
    assert on_server(url, "SELECT count(*) FROM interaction WHERE summary = 'ann call 7'"
                     ) == [(0,)]  # kept in Ann's outbox, with both sides
    chain_sound(url)


def test_killed_during_the_replay_nothing_is_lost_or_doubled(pg_server, team_db, network,  # noqa: F811
                                                              laptop):
    """The CLI's sync killed (SIGKILL) at random moments, again and again, then run to its
    end: every write made offline is on the server exactly once. (The moments are random;
    what is asserted holds at any of them.)"""
    import os
    import random
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    url, people = team_db
    ann, fid, day = cut_off_after_sync(team_db, network)
    with open_team_or_copy(ann) as db:
        for n in range(30):
            sv.log_interaction(db, "ann account", "call", _at(day, 8) + timedelta(minutes=n),
                               f"train call {n}", next_steps=[(f"step {n}", day)])
    network.start()
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root))
    command = [sys.executable, "-m", "keyaccounts", "--db", ann, "sync"]
    rng = random.Random(17)
    for _ in range(8):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert on_server(url, "SELECT count(*), count(DISTINCT summary) FROM interaction WHERE "
                          "summary LIKE 'train call %'") == [(30, 30)]
    assert on_server(url, "SELECT count(*), count(DISTINCT text) FROM follow_up WHERE "
                          "text LIKE 'step %'") == [(30, 30)]
    chain_sound(url)
    with open_replica(open_database(ann).url) as copy:
        assert outbox.list_entries(copy) == []
        summaries = [i.summary for i in sv.history(copy, "ann account")]
        assert sorted(s for s in summaries if s.startswith("train call")) == sorted(
            f"train call {n}" for n in range(30))


def test_a_damaged_copy_is_kept_aside_and_made_anew(pg_server, team_db, network, laptop):  # noqa: F811
    url, people = team_db
    ann, fid, day = cut_off_after_sync(team_db, network)
    with open_team_or_copy(ann) as db:
        sv.settle_followup(db, fid, on=day)
        state = outbox.status(db)
        assert (state.team, state.offline, state.pending, state.conflicts) == (True, True, 1, 0)
        assert state.since is not None
        path = db.path
    with open(path, "r+b") as f:  # pages of the file overwritten (a failing disk)
        f.seek(4096)
        f.write(b"\xff" * 8192)
    with pytest.raises(DatabaseError, match="kept aside .*the change it had not yet "
                                            "sent is sent when the server answers"):
        open_team_or_copy(ann)
    [aside] = list(path.parent.glob("*.damaged-*.sqlite3"))  # never discarded
    network.start()
    with open_database(ann) as server:
        result = outbox.sync_connection(server)
        assert result.full and len(result.sent) == 1  # its outbox, kept, was sent
        assert outbox.status(server).pending == 0
    assert aside.exists()
    assert on_server(url, f"SELECT status FROM follow_up WHERE id = {fid}") == [("settled",)]


def test_agenda_and_complaint_actions_offline(pg_server, team_db, network, laptop, capsys):  # noqa: F811
    import json

    url, people = team_db
    ann = network.url(_db_name(url), people["ann"])
    fid, day = _promise(url)
    clock.set_today(day)
    with open_database(ann) as server:
        complaint = complaints.add_complaint(server, "ann account", "broken pallet", day)
    connect_and_sync(ann)
    network.stop()
    today = ["--today", day.isoformat()]
    for argv in (["followup", "reschedule", str(fid), "--to",
                  (day + timedelta(days=3)).isoformat(), *today],
                 ["followup", "add", "--account", "ann account",
                  f"ring the buyer@{(day + timedelta(days=1)).isoformat()}", *today],
                 ["complaint", "respond", str(complaint.id), "--date", day.isoformat(), *today],
                 ["complaint", "add", "--account", "ann account", "--summary", "wrong invoice",
                  *today]):
        code, _out, err = run(capsys, "--db", ann, *argv)
        assert code == 0 and "queued" in err, (argv, err)
    code, out, _ = run(capsys, "--db", ann, "followup", "snooze", "ring the buyer", "--days",
                       "2", *today)  # not an id nor a key: refused offline as online
    assert code == 2
    code, out, _ = run(capsys, "--db", ann, "outbox", "--json")
    assert [e["action"] for e in json.loads(out)] == [
        "carry_followup", "add_followup", "respond_complaint", "add_complaint"]
    # Meanwhile the complaint is answered by someone else: a newer version on the server.
    with open_database(url) as admin:
        complaints.respond(admin, complaint.id, day)
    network.start()
    code, out, err = run(capsys, "--db", ann, "sync", "--json")
    result = json.loads(out)
    assert len(result["sent"]) == 3 and len(result["conflicts"]) == 1, result
    code, out, _ = run(capsys, "--db", ann, "outbox", "--json")
    [kept] = json.loads(out)
    assert kept["action"] == "respond_complaint"
    assert kept["conflicts"][0]["kind"] == "version"
    assert "keyaccounts" in kept["conflicts"][0]["message"]  # who changed it
    code, out, err = run(capsys, "--db", ann, "outbox", "resolve", str(kept["id"]), "--apply")
    assert code == 0, err
    assert on_server(url, "SELECT count(*) FROM follow_up WHERE text = 'ann promise' AND "
                          "status = 'open'") == [(1,)]  # the carried one's successor
    assert on_server(url, "SELECT count(*) FROM follow_up WHERE text = 'ring the buyer'"
                     ) == [(1,)]
    assert on_server(url, "SELECT count(*) FROM complaint WHERE summary = 'wrong invoice'"
                     ) == [(1,)]
    # A follow-up snoozed offline: an agenda mark, sent as one.
    [(ring,)] = on_server(url, "SELECT id FROM follow_up WHERE text = 'ring the buyer'")
    network.stop()
    code, _out, err = run(capsys, "--db", ann, "followup", "snooze", str(ring), "--days", "2",
                          *today)
    assert code == 0 and "queued" in err, err
    network.start()
    code, out, err = run(capsys, "--db", ann, "sync", "--json")
    assert len(json.loads(out)["sent"]) == 1, out
    assert on_server(url, "SELECT snoozed_until FROM agenda_mark") == [
        (day + timedelta(days=2),)]


def test_the_copy_is_encrypted_with_the_users_passphrase(pg_server, team_db, network, laptop,  # noqa: F811
                                                         monkeypatch):
    from keyaccounts.storage.db import is_encrypted

    url, people = team_db
    ann = network.url(_db_name(url), people["ann"])
    monkeypatch.setenv("KEYACCOUNTS_PASSPHRASE", "correct horse")
    connect_and_sync(ann)
    network.stop()
    with open_team_or_copy(ann) as db:
        assert is_encrypted(db.path) and (db.path.stat().st_mode & 0o077) == 0
        assert [a.name for a in sv.list_accounts(db)] == ["ann account"]
    monkeypatch.delenv("KEYACCOUNTS_PASSPHRASE")
    with pytest.raises(DatabaseError, match="passphrase"):
        open_team_or_copy(ann)


def test_the_network_drops_at_every_point_of_a_sync(pg_server, team_db, network, laptop):  # noqa: F811
    """The connection dropped after 1, 2, 3 … messages of a sync (mid-transaction, at
    the commit, during the refresh): whatever was cut, every write made offline ends up
    on the server exactly once."""
    url, people = team_db
    ann, fid, day = cut_off_after_sync(team_db, network)
    with open_team_or_copy(ann) as db:
        sv.log_interaction(db, "ann account", "visit", _at(day), "cut visit", settle=[fid],
                           next_steps=[("cut step", day + timedelta(days=1))])
        for n in range(3):
            sv.log_interaction(db, "ann account", "call", _at(day, 11 + n), f"cut call {n}")
    cuts = 0
    for messages in range(1, 60):
        network.start()
        network.cut_after(messages)
        try:
            db = open_team_or_copy(ann)
            if not isinstance(db, ReplicaDatabase):
                with open_replica(db.url) as copy:
                    outbox.sync(db, copy)
            db.close()
        except Exception as exc:  # noqa: BLE001 — a dropped network, said as it may be
            assert "connection" in str(exc).lower() or "reach" in str(exc).lower(), exc
        cuts += network.cut
        network.stop()
        network.cut_after(10**9)
    assert cuts > 10  # the network was really cut, at many points
    network.start()
    network.cut_after(10**9)
    connect_and_sync(ann)
    assert on_server(url, "SELECT count(*), count(DISTINCT summary) FROM interaction WHERE "
                          "summary LIKE 'cut %'") == [(4, 4)]
    assert on_server(url, "SELECT count(*) FROM follow_up WHERE text = 'cut step'") == [(1,)]
    assert on_server(url, f"SELECT status FROM follow_up WHERE id = {fid}") == [("settled",)]
    chain_sound(url)
    with open_replica(open_database(ann).url) as copy:
        assert outbox.list_entries(copy) == []
        assert sorted(i.summary for i in sv.history(copy, "ann account")
                      if i.summary.startswith("cut")) == [
            "cut call 0", "cut call 1", "cut call 2", "cut visit"]


def test_the_app_starts_on_the_copy_when_the_server_is_out_of_reach(pg_server, team_db,  # noqa: F811
                                                                    network, laptop):
    """The app's team server (Settings ▸ Team server) out of reach at its start: it opens
    this computer's copy, offline; Test connection in Settings still says the server
    is out of reach."""
    from keyaccounts.services import datafile

    url, people = team_db
    ann = network.url(_db_name(url), people["ann"])
    network.stop()
    with pytest.raises(DatabaseError, match="does not answer"):  # and no copy yet
        datafile.open_team(ann, None, or_copy=True)
    network.start()
    connect_and_sync(ann)
    network.stop()
    with datafile.open_team(ann, None, or_copy=True) as db:
        assert isinstance(db, ReplicaDatabase) and db.offline
        assert [a.name for a in sv.list_accounts(db)] == ["ann account"]
        assert outbox.check_connection(db).switch_to is None  # still out of reach
    with pytest.raises(DatabaseError):
        datafile.open_team(ann, None)


def test_the_deletion_log_is_pruned_and_an_old_copy_is_copied_whole(pg_server, team_db,  # noqa: F811
                                                                    network, tmp_path,
                                                                    monkeypatch):
    """Deletes older than the horizon leave the server's log at the next refresh (as any
    person); a copy refreshed before the horizon is then copied whole, and what the
    server deleted meanwhile leaves it too."""
    from keyaccounts.storage.offline import DELETION_HORIZON_DAYS

    url, people = team_db
    urls = {who: network.url(_db_name(url), people[who]) for who in ("ann", "bob")}
    fid, day = _promise(url)
    clock.set_today(day)

    def as_(who):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / who))
        return urls[who]

    connect_and_sync(as_("ann"))
    connect_and_sync(as_("bob"))
    with open_database(url) as admin, admin.engine.begin() as c:
        c.execute(text(f"DELETE FROM follow_up WHERE id = {fid}"))
    assert on_server(url, "SELECT count(*) FROM deleted_row") == [(1,)]
    # Within the horizon: kept, and an incremental refresh takes the delete.
    clock.set_today(day + timedelta(days=DELETION_HORIZON_DAYS - 5))
    kept = connect_and_sync(as_("bob"))
    assert not kept.full
    assert on_server(url, "SELECT count(*) FROM deleted_row") == [(1,)]
    # Past it: Bob's refresh prunes the log (Bob could not even see the row deleted).
    clock.set_today(day + timedelta(days=DELETION_HORIZON_DAYS + 1))
    assert not connect_and_sync(as_("bob")).full  # refreshed 6 days ago: incremental
    assert on_server(url, "SELECT count(*) FROM deleted_row") == [(0,)]
    # Ann's copy, last refreshed before the horizon, would miss the delete: copied whole.
    again = connect_and_sync(as_("ann"))
    assert again.full and again.refreshed_deleted == 1
    with open_replica(open_database(urls["ann"]).url) as copy:
        texts = [f.text for f in sv.list_followups(copy, "ann account")]
        assert "ann promise" not in texts
        assert [i.summary for i in sv.history(copy, "ann account")] == ["ann visit"]
    assert not connect_and_sync(as_("ann")).full  # and incremental again after


def test_team_init_prunes_the_deletion_log(pg_server, team_db):  # noqa: F811
    from keyaccounts.services import team
    from keyaccounts.storage.offline import DELETION_HORIZON_DAYS

    url, _people = team_db
    fid, day = _promise(url)
    with open_database(url) as admin, admin.engine.begin() as c:
        c.execute(text(f"DELETE FROM follow_up WHERE id = {fid}"))
    clock.set_today(day + timedelta(days=DELETION_HORIZON_DAYS - 1))
    team.init_team(url)  # within the horizon still
    assert on_server(url, "SELECT count(*) FROM deleted_row") == [(1,)]
    clock.set_today(day + timedelta(days=DELETION_HORIZON_DAYS + 1))
    team.init_team(url)
    assert on_server(url, "SELECT count(*) FROM deleted_row") == [(0,)]


def test_undo_of_agenda_actions_offline_is_sent_after_them(pg_server, team_db, network,  # noqa: F811
                                                          laptop):
    """Ctrl+Z of done, reschedule and snooze offline: kept in the outbox after the action
    it undoes (even one whose rows were made offline), sent in order, and the server
    ends as it was."""
    from keyaccounts.services import planner

    url, people = team_db
    ann = network.url(_db_name(url), people["ann"])
    fid, day = _promise(url)
    clock.set_today(day)
    birthday = day + timedelta(days=3)  # a planned item, whatever the date
    with open_database(ann) as server:
        sv.add_followup(server, "ann account", "call back", day + timedelta(days=1))
        sv.add_contact(server, "ann account", "Ann's buyer",
                       birthday=Birthday(birthday.month, birthday.day))
    connect_and_sync(ann)
    network.stop()
    with open_team_or_copy(ann) as db:
        items = planner.agenda(db, day, 30)
        by_title = {i.title: i for i in items}
        planned = next(i for i in items if i.kind not in ("follow-up",))
        planner.undo(db, planner.mark_done(db, by_title["ann promise"], on=day))
        planner.undo(db, planner.reschedule(db, by_title["call back"], day + timedelta(days=5),
                                            today=day))  # its successor made offline
        planner.undo(db, planner.snooze(db, planned, day + timedelta(days=3)))
        assert [e.action for e in outbox.list_entries(db)] == [
            "settle_followup", "agenda_undo", "carry_followup", "agenda_undo", "agenda_mark",
            "agenda_undo"]
        assert planned.key in outbox.unsent(db)["agenda_mark"]
        # The copy reads as before.
        assert sorted((i.title, i.date) for i in planner.agenda(db, day, 30)) == sorted(
            (i.title, i.date) for i in items)
    network.start()
    result = connect_and_sync(ann)
    assert len(result.sent) == 6 and not result.conflicts and not result.waiting, result
    assert on_server(url, "SELECT text, status, due FROM follow_up WHERE account_id = "
                          "(SELECT id FROM account WHERE name = 'ann account') ORDER BY text"
                     ) == [
        ("ann promise", "open", day), ("call back", "open", day + timedelta(days=1))]
    assert on_server(url, "SELECT count(*) FROM agenda_mark") == [(0,)]
    chain_sound(url)
    with open_replica(open_database(ann).url) as copy:
        assert outbox.list_entries(copy) == []
        assert sorted((i.title, i.date) for i in planner.agenda(copy, day, 30)) == sorted(
            (i.title, i.date) for i in items)
