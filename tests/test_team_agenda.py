"""A manager's agenda is their own (issue 16), on the team server and on this computer's
copy of it offline: the accounts they own, and of one shared with them only the
follow-ups given to them; a lead's is the team's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from keyaccounts import services as sv
from keyaccounts.services import planner, team
from keyaccounts.storage.offline import ReplicaDatabase, open_team_or_copy
from tests.test_offline import _db_name, connect_and_sync, laptop, network  # noqa: F401
from tests.test_team_rls import team_db  # noqa: F401  (the fixture)

pytestmark = pytest.mark.sqlite_only  # the server is the team fixture's own

TODAY = date(2026, 11, 27)


def follow_ups(db) -> set[str]:
    return {i.title for i in planner.agenda(db, TODAY, 60, today=TODAY)
            if i.kind == "follow-up"}


def test_a_managers_agenda_on_the_server_and_offline(pg_server, team_db, network,  # noqa: F811
                                                     laptop):  # noqa: F811
    url, people = team_db
    ann, bob = (network.url(_db_name(url), people[who]) for who in ("ann", "bob"))
    day = lambda n: TODAY + timedelta(days=n)  # noqa: E731
    with open_team_or_copy(bob) as as_bob:
        team.share_account(as_bob, "bob account", people["ann"], write=True)
        sv.add_followup(as_bob, "bob account", "Bob's own promise", day(2),
                        owner=people["bob"], opened_on=TODAY)
        sv.add_followup(as_bob, "bob account", "Ann to call their CFO", day(4),
                        owner=people["ann"], opened_on=TODAY)
        assert {"Bob's own promise", "Ann to call their CFO"} <= follow_ups(as_bob)
    with open_team_or_copy(ann) as as_ann:
        sv.add_followup(as_ann, "ann account", "Ann's own promise", day(1),
                        owner=people["ann"], opened_on=TODAY)
        on_server = planner.agenda(as_ann, TODAY, 60, today=TODAY)
    connect_and_sync(ann)  # ann's copy, with bob's account shared with her
    network.stop()
    with open_team_or_copy(ann) as copy:
        assert isinstance(copy, ReplicaDatabase) and copy.offline
        assert {a.name for a in sv.list_accounts(copy)} == {"ann account", "bob account"}
        offline = planner.agenda(copy, TODAY, 60, today=TODAY)
    for items in (on_server, offline):
        titles = {i.title for i in items if i.kind == "follow-up"}
        assert {"Ann's own promise", "Ann to call their CFO"} <= titles
        assert "Bob's own promise" not in titles
        assert {i.title for i in items if i.account == "bob account"} == {
            "Ann to call their CFO"}
        assert any(i.kind == "festival" and i.account_id is None for i in items)  # everyone's
    assert [(i.key, i.title) for i in offline] == [(i.key, i.title) for i in on_server]
