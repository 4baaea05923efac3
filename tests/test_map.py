"""The relationship map (issue 20) on constructed accounts, on both engines: our people,
level matching both ways, counterparts over twelve months, coverage gaps, no look-ahead,
and the gaps as alerts."""

from datetime import date, datetime, timedelta

import pytest

from keyaccounts import services as sv
from keyaccounts.domain.errors import ValidationError
from keyaccounts.services import alerts as al
from keyaccounts.services import relmap as rm

AS_OF = date(2026, 11, 27)


def at(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=10)


def ago(days: int) -> datetime:
    return at(AS_OF - timedelta(days=days))


@pytest.fixture
def acme(db):
    sv.add_account(db, "Acme", tier="A")
    boss = sv.add_contact(db, "Acme", "Boss", level="exec", role="decision-maker")
    sv.add_contact(db, "Acme", "Manager", level="mgmt", role="champion", reports_to=boss.id)
    sv.add_contact(db, "Acme", "Buyer", level="ops", role="user", reports_to="Manager")
    rm.add_person(db, "Chen CEO", "exec", title="CEO")
    rm.add_person(db, "Lin", "mgmt", title="Account manager")
    rm.add_person(db, "Wu", "ops", title="Engineer")
    return db


def contacts(db, as_of=AS_OF):
    found = rm.relationship_map(db, "Acme", as_of)
    return found, {f.contact.name: f for f in found.contacts}


def gap_kinds(found):
    return sorted((g.kind, g.contact) for g in found.gaps)


def test_people_are_listed_by_level_and_names_are_unique(acme):
    assert [(p.name, p.level, p.title) for p in rm.list_people(acme)] == [
        ("Chen CEO", "exec", "CEO"), ("Lin", "mgmt", "Account manager"),
        ("Wu", "ops", "Engineer")]
    with pytest.raises(ValidationError, match="has this name already: Lin"):
        rm.add_person(acme, " lin ", "ops")
    with pytest.raises(ValidationError, match="level"):
        rm.add_person(acme, "Zhao", "boss")
    assert len(rm.list_people(acme)) == 3


def test_each_level_met_by_our_same_level_is_matched(acme):
    sv.log_interaction(acme, "Acme", "exec-meeting", ago(20), "strategy", contacts=["Boss"],
                       our_people=["Chen CEO"])
    sv.log_interaction(acme, "Acme", "visit", ago(10), "plan", contacts=["Manager", "Boss"],
                       our_people=["Lin"])
    sv.log_interaction(acme, "Acme", "visit", ago(5), "delivery", contacts=["Buyer"],
                       our_participants="Wu")
    found, c = contacts(acme)
    assert all(f.matched for f in found.contacts)
    assert [(p.name, p.level, p.meetings, p.last_met) for p in c["Boss"].counterparts] == [
        ("Lin", "mgmt", 1, AS_OF - timedelta(days=10)),
        ("Chen CEO", "exec", 1, AS_OF - timedelta(days=20))]
    assert c["Buyer"].last_met == AS_OF - timedelta(days=5)
    assert gap_kinds(found) == []
    j = found.as_json()
    assert set(j) == {"account", "contacts", "gaps"}
    boss = next(x for x in j["contacts"] if x["name"] == "Boss")
    assert set(boss) == {"id", "name", "level", "role", "attitude", "reports_to", "last_met",
                         "counterparts", "matched"}
    manager = next(x for x in j["contacts"] if x["name"] == "Manager")
    assert manager["reports_to"] == boss["id"]


def test_mismatches_both_ways_and_the_executive_tie_as_a_gap(acme):
    # Their executive met only by our engineer; their user only by our CEO.
    sv.log_interaction(acme, "Acme", "visit", ago(30), "install", contacts=["Boss"],
                       our_people=["Wu"])
    sv.log_interaction(acme, "Acme", "visit", ago(150), "old strategy", contacts=["Boss"],
                       our_people=["Chen CEO"])
    sv.log_interaction(acme, "Acme", "visit", ago(10), "hello", contacts=["Buyer"],
                       our_people=["Chen CEO"])
    found, c = contacts(acme)
    assert (c["Boss"].matching, c["Boss"].matched) == ("under", False)
    assert (c["Buyer"].matching, c["Buyer"].matched) == ("over", False)
    assert c["Manager"].matching == "unmet"
    [tie] = [g for g in found.gaps if g.kind == "no-exec-tie"]
    assert tie.contact == c["Boss"].contact.id
    assert tie.reason == ("decision maker Boss has not met anyone of our executive level "
                          "for 5 months")
    # The counterparts: most meetings first, then the latest.
    assert [p.name for p in c["Boss"].counterparts] == ["Wu", "Chen CEO"]


def test_counterparts_count_twelve_months_and_nothing_after_the_date(acme):
    sv.log_interaction(acme, "Acme", "visit", ago(400), "long ago", contacts=["Manager"],
                       our_people=["Chen CEO"])
    sv.log_interaction(acme, "Acme", "visit", ago(40), "a", contacts=["Manager"],
                       our_people=["Lin"])
    sv.log_interaction(acme, "Acme", "visit", ago(20), "b", contacts=["Manager"],
                       our_people=["Lin", "Wu"])
    _found, c = contacts(acme)
    assert [(p.name, p.meetings) for p in c["Manager"].counterparts] == [("Lin", 2), ("Wu", 1)]
    # As of before the last two meetings: only the old one, and it is out of the window
    # a year later.
    _found, before = contacts(acme, AS_OF - timedelta(days=41))
    assert before["Manager"].last_met == AS_OF - timedelta(days=400)
    assert [p.name for p in before["Manager"].counterparts] == ["Chen CEO"]
    sv.log_interaction(acme, "Acme", "visit", ago(1), "later", contacts=["Manager"],
                       our_people=["Chen CEO"])
    _found, again = contacts(acme, AS_OF - timedelta(days=41))
    assert again["Manager"] == before["Manager"]


def test_one_person_of_ours_on_every_decision_maker_is_single_threaded(acme):
    sv.add_contact(acme, "Acme", "CFO", level="exec", role="decision-maker")
    for name in ("Boss", "CFO"):
        sv.log_interaction(acme, "Acme", "exec-meeting", ago(15), "s", contacts=[name],
                           our_people=["Chen CEO"])
    found, _c = contacts(acme)
    [single] = [g for g in found.gaps if g.kind == "single-threaded"]
    assert "Chen CEO" in single.reason and "Chen CEO" in single.suggested_action
    sv.log_interaction(acme, "Acme", "visit", ago(3), "s", contacts=["CFO"], our_people=["Lin"])
    found, _c = contacts(acme)
    assert "single-threaded" not in {g.kind for g in found.gaps}


def test_a_key_account_without_a_champion_is_a_gap(acme):
    sv.log_interaction(acme, "Acme", "exec-meeting", ago(15), "s", contacts=["Boss"],
                       our_people=["Chen CEO", "Lin"])
    found, c = contacts(acme)
    assert gap_kinds(found) == []
    sv.update_contact(acme, c["Manager"].contact.id, role="influencer")
    found, _c = contacts(acme)
    assert gap_kinds(found) == [("no-champion", None)]


def test_a_decision_maker_who_left_with_and_without_a_successor(acme):
    sv.log_interaction(acme, "Acme", "exec-meeting", ago(100), "s", contacts=["Boss"],
                       our_people=["Chen CEO"])
    found, c = contacts(acme)
    boss = c["Boss"].contact.id
    heir = sv.add_contact(acme, "Acme", "New boss", level="exec", role="decision-maker")
    f = sv.mark_contact_left(acme, boss, AS_OF - timedelta(days=60))
    found, c = contacts(acme)
    assert c["Boss"].left and c["Boss"].matching == "left" and not c["Boss"].matched
    assert ("no-successor", boss) in gap_kinds(found)
    assert ("no-exec-tie", heir.id) in gap_kinds(found)
    assert ("no-exec-tie", boss) not in gap_kinds(found)  # gone: not a current tie
    sv.undo_contact_left(acme, boss, f.id)
    sv.mark_contact_left(acme, boss, AS_OF - timedelta(days=60), successor=heir.id)
    found, c = contacts(acme)
    assert c["Boss"].contact.successor == heir.id
    assert "no-successor" not in {k for k, _c in gap_kinds(found)}
    # Before the departure, the map knows nothing of it.
    _found, before = contacts(acme, AS_OF - timedelta(days=61))
    assert not before["Boss"].left


def test_free_text_participants_link_when_the_name_is_exact(acme):
    first = sv.log_interaction(acme, "Acme", "visit", ago(50), "s", contacts=["Boss"],
                               our_participants="Zhang Wei、Bob Smith，wu")
    rm.add_person(acme, "Zhang Wei", "exec")  # links the interaction already logged
    rm.add_person(acme, "Bob", "mgmt")  # "Bob Smith" is not Bob: stays text
    _found, c = contacts(acme)
    assert sorted(p.name for p in c["Boss"].counterparts) == ["Wu", "Zhang Wei"]
    [i] = [i for i in sv.history(acme, "Acme") if i.id == first.interaction_id]
    assert i.our_participants == "Zhang Wei、Bob Smith，wu"  # kept as typed
    # --our adds the name to the text; an edit of the text relinks.
    second = sv.log_interaction(acme, "Acme", "visit", ago(5), "t", contacts=["Buyer"],
                                our_participants="a guest", our_people=["Wu"])
    [i] = [i for i in sv.history(acme, "Acme") if i.id == second.interaction_id]
    assert i.our_participants == "a guest, Wu"
    sv.edit_interaction(acme, second.interaction_id, our_participants="Lin")
    _found, c = contacts(acme)
    assert [p.name for p in c["Buyer"].counterparts] == ["Lin"]


def test_someone_not_on_the_list_is_refused_and_nothing_is_logged(acme):
    before = len(sv.history(acme, "Acme"))
    with pytest.raises(ValidationError, match="not one of our people"):
        sv.log_interaction(acme, "Acme", "visit", ago(1), "s", contacts=["Boss"],
                           our_people=["Nobody"])
    assert len(sv.history(acme, "Acme")) == before


def test_gaps_are_alerts_once_our_people_are_listed(db):
    sv.add_account(db, "Plain", tier="A")
    sv.add_contact(db, "Plain", "Boss", level="exec", role="decision-maker")
    sv.log_interaction(db, "Plain", "visit", ago(10), "s", contacts=["Boss"],
                       our_participants="Wu")
    assert [a for a in al.alerts(db, AS_OF) if a.kind == "coverage-gap"] == []
    rm.add_person(db, "Wu", "ops")
    found = sorted((a.cause, a.reason) for a in al.alerts(db, AS_OF)
                   if a.kind == "coverage-gap")
    assert [cause.split(":")[0] for cause, _r in found] == ["no-champion", "no-exec-tie",
                                                           "single-threaded"]
    assert ("decision maker Boss has not met anyone of our executive level for 1 month"
            in [r for _c, r in found])
    # Acting on one settles it; the others stay.
    tie = next(a for a in al.alerts(db, AS_OF) if a.cause.startswith("no-exec-tie"))
    al.act_on(db, tie, AS_OF)
    assert {a.cause.split(":")[0] for a in al.alerts(db, AS_OF)
            if a.kind == "coverage-gap"} == {"no-champion", "single-threaded"}


def test_executive_coverage_counts_our_executives_once_we_record_them(acme):
    from keyaccounts.services import health as hl

    def executive():
        [h] = hl.health(acme, AS_OF, "Acme")
        return next(c for c in h.components if c.name == "executive")

    # The free text names nobody on the list: as before, any executive-level contact.
    sv.log_interaction(acme, "Acme", "exec-meeting", ago(10), "s", contacts=["Boss"],
                       our_participants="a guest")
    assert executive().points == 15 and "10 days ago" in executive().reason
    # Our engineer at it: now the account records our people, and no executive of ours
    # ever met theirs.
    sv.log_interaction(acme, "Acme", "visit", ago(5), "s", contacts=["Boss"],
                       our_people=["Wu"])
    assert executive().points == 0
    assert executive().reason == ("no executive-level contact met by our executives on "
                                  "record")
    sv.log_interaction(acme, "Acme", "visit", ago(20), "s", contacts=["Boss"],
                       our_people=["Chen CEO"])
    assert executive().points == 15
    assert executive().reason.startswith("last executive-level contact met by our "
                                         "executives 20 days ago")


def test_the_demo_case_b_executive_tie_fades_over_its_last_year(demo_db):
    from tests.conftest import DEMO_TODAY

    drifting = max(sv.list_accounts(demo_db), key=lambda a: a.annual_revenue)
    year_ago = DEMO_TODAY - timedelta(days=365)

    def executives(as_of):
        found = rm.relationship_map(demo_db, drifting.name, as_of)
        return found, [f for f in found.contacts if f.contact.level == "exec" and not f.left]

    # A year ago: their executives met by our general manager, in the tier's rhythm.
    then, execs = executives(year_ago)
    assert execs and any(f.matched for f in execs)
    assert any(p.name == "Zhou Jian" and p.level == "exec"
               for f in execs for p in f.counterparts)
    tied = {f.contact.id for f in execs if f.matched}
    assert not [g for g in then.gaps if g.kind == "no-exec-tie" and g.contact in tied]
    # Half a year on, the tie is fading: no executive of theirs met by ours in the window.
    _later, execs = executives(year_ago + timedelta(days=180))
    assert execs and not any(f.matched for f in execs)
    # Today: the old decision maker left; the new one never met anyone of ours.
    now, execs = executives(DEMO_TODAY)
    assert not any(f.matched for f in execs)
    newcomer = next(f for f in execs if f.contact.joined_on and f.contact.joined_on > year_ago)
    assert newcomer.last_met is None and newcomer.counterparts == ()
    assert ("no-exec-tie", newcomer.contact.id) in gap_kinds(now)
    [old] = [f for f in now.contacts if f.left]
    assert old.matching == "left" and old.last_met is not None


def test_the_quarterly_review_draws_the_map_and_its_gaps(acme, tmp_path):
    from pypdf import PdfReader

    from keyaccounts.io import report

    sv.log_interaction(acme, "Acme", "visit", ago(10), "s", contacts=["Boss", "Buyer"],
                       our_people=["Wu"])
    path = report.account_report(acme, "Acme", "2026Q4", tmp_path / "acme.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Relationship map" in text
    for name in ("Boss", "Manager", "Buyer", "ours: Wu"):
        assert name in text
    assert "0 of 3 current key contacts met by our same level" not in text
    assert "1 of 3 current key contacts met by our same level" in text
    assert "decision maker Boss has not met anyone of our executive level" in text


def test_the_maps_read_only_the_window_and_say_what_the_whole_history_says(demo_db):
    """The maps (alerts' coverage gaps, `map --json`) read the meetings of the twelve
    months before the date and each contact's history summed up by the database: the
    same maps as from every meeting on or before the date, at any date."""
    from sqlalchemy import select

    from keyaccounts.domain.relmap import Meeting, build_map
    from keyaccounts.services.relmap import _gather
    from keyaccounts.storage.model import (
        Interaction,
        OurPerson,
        interaction_contact,
        interaction_our_person,
    )
    from tests.conftest import DEMO_TODAY

    accounts = {a.id: a for a in sv.list_accounts(demo_db)}
    every = (select(Interaction.account_id, interaction_contact.c.contact_id,
                    Interaction.occurred_at, OurPerson.name, OurPerson.level)
             .join(interaction_contact, interaction_contact.c.interaction_id == Interaction.id)
             .outerjoin(interaction_our_person,
                        interaction_our_person.c.interaction_id == Interaction.id)
             .outerjoin(OurPerson, OurPerson.id == interaction_our_person.c.person_id))
    with demo_db.session() as s:
        history = [(aid, Meeting(cid, at.date(), name, None if level is None else str(level)))
                   for aid, cid, at, name, level in s.execute(every)]
    kinds, older = set(), 0
    for days in (0, 45, 200, 400, 650):
        as_of = DEMO_TODAY - timedelta(days=days)
        with demo_db.session() as s:
            contacts, _window, _summary = _gather(s, list(accounts), as_of)
        found = rm.maps(demo_db, as_of)
        assert found
        for aid, m in found.items():
            a = accounts[aid]
            whole = build_map(a.name, aid, a.tier, as_of, contacts[aid],
                              [mt for i, mt in history if i == aid and mt.day <= as_of])
            assert m == whole, (a.name, as_of)
            kinds |= {g.kind for g in m.gaps}
            older += sum(1 for f in m.contacts
                         if f.last_met and (as_of - f.last_met).days >= 365)
        one = next(iter(found.values()))
        assert rm.relationship_map(demo_db, one.account_id, as_of) == found[one.account_id]
    # The rules had something to say, and some of it from before the window.
    assert {"no-exec-tie", "no-successor"} <= kinds and older
