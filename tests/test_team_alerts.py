"""The hand-over's alert (issue 16): owner changed, key contacts not yet met by the new
owner within 30 days; on a team server, as each person."""

from __future__ import annotations

from datetime import date, datetime

from keyaccounts import services as sv
from keyaccounts.domain import clock
from keyaccounts.domain.handover import unmet_key_contacts
from keyaccounts.services import alerts, team
from keyaccounts.storage.db import open_database
from tests.test_team_handover import as_person
from tests.test_team_rls import team_db  # noqa: F401  (the fixture)

HANDED = date(2031, 1, 10)


def test_the_rule_waits_a_month_and_counts_only_the_new_owners_meetings():
    key = {1: "Wang", 2: "Li"}
    assert unmet_key_contacts(HANDED, key, {}, date(2031, 2, 8)) is None  # 29 days
    assert unmet_key_contacts(HANDED, key, {}, date(2031, 2, 9)) == (date(2031, 2, 9),
                                                                     ["Li", "Wang"])
    met = {1: [date(2031, 1, 20)], 2: [date(2031, 1, 5)]}  # Li met before the hand-over
    assert unmet_key_contacts(HANDED, key, met, date(2031, 3, 1)) == (date(2031, 2, 9),
                                                                      ["Li"])
    met[2].append(date(2031, 2, 20))  # late, but met: nothing more to say
    assert unmet_key_contacts(HANDED, key, met, date(2031, 3, 1)) is None
    assert unmet_key_contacts(HANDED, {}, {}, date(2031, 3, 1)) is None


def test_no_hand_over_no_such_alert(db):
    sv.add_account(db, "Acme")
    assert not [a for a in alerts.alerts(db, date(2031, 3, 1)) if a.kind == "new-owner"]


def test_a_hand_over_raises_the_alert_until_the_new_owner_meets_them(
        pg_server, team_db):  # noqa: F811
    url, people = team_db
    with open_database(as_person(url, people["ann"])) as db:
        team.hand_over(db, "ann account", people["bob"], "Ann moves south", on=HANDED)
    with open_database(as_person(url, people["bob"])) as db:
        early = alerts.alerts(db, date(2031, 2, 8))
        assert not [a for a in early if a.kind == "new-owner"]
        [alert] = [a for a in alerts.alerts(db, date(2031, 2, 9)) if a.kind == "new-owner"]
        assert (alert.account, alert.cause, alert.since) == (
            "ann account", people["bob"], date(2031, 2, 9))
        assert "ann contact" in alert.reason and people["bob"] in alert.reason
        # Ann's old visit does not count; Bob meeting the contact does, even late.
        with clock.frozen(date(2031, 2, 20)):
            sv.log_interaction(db, "ann account", "visit", datetime(2031, 2, 20, 10),
                               "Bob meets the buyer", contacts=["ann contact"])
        assert not [a for a in alerts.alerts(db, date(2031, 3, 1)) if a.kind == "new-owner"]
        assert [a.kind for a in alerts.alerts(db, date(2031, 2, 15)) if a.kind == "new-owner"
                ] == ["new-owner"]
    with open_database(as_person(url, people["lee"])) as db:  # the lead sees it too
        assert [a.account for a in alerts.alerts(db, date(2031, 2, 15))
                if a.kind == "new-owner"] == ["ann account"]
