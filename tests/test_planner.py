"""The planner: cadences, care (with the lunar calendar), renewals, agenda actions, ICS."""

from datetime import date, datetime, timedelta

import pytest

from keyaccounts.services import planner
from keyaccounts import services as sv
from keyaccounts.domain import clock
from keyaccounts.domain.dates import Birthday
from keyaccounts.domain.errors import ValidationError
from keyaccounts.storage.model import Account

START = date(2026, 11, 2)  # a Monday


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, datetime.min.time()).replace(hour=hour)


@pytest.fixture
def acme(db):
    sv.add_account(db, "Acme", tier="B")
    with db.transaction() as s:  # created long ago, so the tier defaults have history
        s.query(Account).update({Account.created_at: datetime(2025, 1, 1)})
    sv.add_contact(db, "Acme", "Boss", level="exec", role="decision-maker")
    sv.add_contact(db, "Acme", "Engineer", level="ops", role="user")
    return db


def kinds(items, kind):
    return [i for i in items if i.kind == kind]


def test_interval_cadence_due_then_overdue_and_reset_by_a_matching_contact(acme):
    sv.add_cadence(acme, "Acme", ["visit"], ideal_days=28, max_days=42, title="Visit")
    sv.log_interaction(acme, "Acme", "visit", at(date(2026, 10, 1)), "visit")
    sv.log_interaction(acme, "Acme", "call", at(date(2026, 10, 20)), "a call does not count")
    [item] = kinds(planner.agenda(acme, START, 30), "visit")
    assert item.date == date(2026, 10, 29) and not item.overdue  # past ideal: due
    [item] = kinds(planner.agenda(acme, date(2026, 11, 13), 30), "visit")
    assert item.overdue  # past the maximum of 42 days
    sv.log_interaction(acme, "Acme", "visit", at(date(2026, 11, 5)), "visit again")
    [item] = kinds(planner.agenda(acme, START, 60), "visit")
    assert item.date == date(2026, 12, 3) and not item.overdue


def test_level_matters_for_a_cadence_that_names_one(acme):
    sv.add_cadence(acme, "Acme", ["exec-meeting", "visit"], level="exec", ideal_days=30,
                   max_days=60, title="Executive contact")
    sv.log_interaction(acme, "Acme", "visit", at(date(2026, 10, 1)), "ops only",
                       contacts=["Engineer"])
    [item] = kinds(planner.agenda(acme, START, 30), "exec-meeting")
    assert item.date == date(2025, 1, 31)  # never met at executive level since creation
    sv.log_interaction(acme, "Acme", "visit", at(date(2026, 10, 15)), "boss", contacts=["Boss"])
    [item] = kinds(planner.agenda(acme, START, 30), "exec-meeting")
    assert item.date == date(2026, 11, 14)


def test_case_a_schedules_monthly_exec_meeting_and_biweekly_tech_sync(acme):
    sv.add_cadence(acme, "Acme", ["exec-meeting"], level="exec", rrule="FREQ=MONTHLY;BYDAY=1TU",
                   starts_on=date(2026, 9, 1), tolerance_days=5, title="Monthly exec meeting")
    sv.add_cadence(acme, "Acme", ["tech-meeting"], rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
                   starts_on=date(2026, 9, 2), tolerance_days=3, title="Tech sync")
    sv.log_interaction(acme, "Acme", "exec-meeting", at(date(2026, 10, 7)), "met",
                       contacts=["Boss"])  # satisfies Tue 6 Oct (within 5 days)
    items = planner.agenda(acme, START, 28)
    execs = kinds(items, "exec-meeting")
    assert [i.date for i in execs] == [date(2026, 11, 3)]  # Sep 1 missed but superseded
    tech = kinds(items, "tech-meeting")
    # Every other Wednesday from 2 Sep; the newest missed one (28 Oct) is overdue.
    assert [i.date for i in tech] == [date(2026, 10, 28), date(2026, 11, 11),
                                      date(2026, 11, 25)]
    assert [i.overdue for i in tech] == [True, False, False]


def test_rrule_edge_cases_the_31st_and_29_february(acme):
    sv.add_cadence(acme, "Acme", ["review"], rrule="FREQ=MONTHLY;BYMONTHDAY=31",
                   starts_on=date(2027, 1, 1), title="Month end")
    sv.add_cadence(acme, "Acme", ["visit"], rrule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
                   starts_on=date(2027, 1, 1), title="Leap day")
    items = planner.agenda(acme, date(2027, 1, 1), 365 * 2)
    reviews = [i.date for i in kinds(items, "review")]
    # RFC 5545: months without a 31st are skipped, not moved.
    assert reviews[:4] == [date(2027, 1, 31), date(2027, 3, 31), date(2027, 5, 31),
                           date(2027, 7, 31)]
    assert [i.date for i in kinds(items, "visit")] == [date(2028, 2, 29)]
    assert all(isinstance(i.date, date) and not isinstance(i.date, datetime) for i in items)


def test_tier_defaults_apply_until_an_account_has_its_own(db):
    with clock.frozen(START):  # the rhythms count from when the accounts came, in range
        sv.add_account(db, "Key", tier="A")
        sv.add_account(db, "Small", tier="C")
    items = planner.agenda(db, START, 400)
    titles = {(i.account, i.kind) for i in items}
    assert ("Key", "exec-meeting") in titles and ("Key", "visit") in titles
    assert ("Small", "call") in titles
    sv.add_cadence(db, "Small", ["visit"], ideal_days=10, max_days=20)
    assert ("Small", "call") not in {(i.account, i.kind) for i in planner.agenda(db, START, 400)}


def test_festivals_only_with_someone_to_greet(db):
    assert not kinds(planner.agenda(db, date(2026, 1, 1), 365), "festival")  # no one yet
    sv.add_account(db, "Acme")
    assert not kinds(planner.agenda(db, date(2026, 1, 1), 365), "festival")
    sv.add_contact(db, "Acme", "Zhang Wei")
    assert len(kinds(planner.agenda(db, date(2026, 1, 1), 365), "festival")) >= 8


def test_lunar_birthdays_and_festivals_fall_on_published_dates(acme):
    sv.add_contact(acme, "Acme", "Lunar Li", birthday=Birthday(8, 15, lunar=True))
    sv.add_contact(acme, "Acme", "Leap Lu", birthday=Birthday(6, 10, 1987, lunar=True, leap=True))
    sv.write_setting(acme, "care.greetings", "qixi=on")  # off by default
    items = planner.agenda(acme, date(2026, 1, 1), 365)
    birthdays = {(i.contact, i.date) for i in kinds(items, "birthday")}
    assert ("Lunar Li", date(2026, 9, 25)) in birthdays  # 中秋 2026
    # 2026 has no leap 6th month: the ordinary 六月初十 is 2026-07-23.
    assert ("Leap Lu", date(2026, 7, 23)) in birthdays
    festivals = {i.source_id: i.date for i in kinds(items, "festival")}
    assert festivals["spring-festival"] == date(2026, 2, 16)  # greetings from 除夕
    assert festivals["lantern"] == date(2026, 3, 3)
    assert festivals["qingming"] == date(2026, 4, 5)
    assert festivals["dragon-boat"] == date(2026, 6, 19)
    assert festivals["qixi"] == date(2026, 8, 19)
    assert festivals["mid-autumn"] == date(2026, 9, 25)
    assert festivals["double-ninth"] == date(2026, 10, 18)
    assert festivals["national-day"] == date(2026, 10, 1)
    lead = planner.DEFAULT_LEAD_DAYS["birthday"]
    assert all(i.lead_days == lead for i in kinds(items, "birthday"))


def test_published_festival_dates_in_other_years():
    def on(year):
        return {k: d for k, _n, d in planner.festival_dates(year)}

    assert on(2025)["spring-festival"] == date(2025, 1, 28)  # 除夕
    assert on(2025)["mid-autumn"] == date(2025, 10, 6)
    assert on(2025)["qingming"] == date(2025, 4, 4)
    assert on(2027)["spring-festival"] == date(2027, 2, 5)
    assert on(2027)["dragon-boat"] == date(2027, 6, 9)
    assert on(2024)["qingming"] == date(2024, 4, 4)


def test_renewal_reminders_and_anniversaries(acme):
    sv.update_account(acme, "Acme", renewal_date=date(2027, 3, 1))
    sv.add_contact(acme, "Acme", "Veteran", joined_on=date(2016, 12, 5))
    items = planner.agenda(acme, START, 120)
    renewals = [i.date for i in kinds(items, "renewal")]
    assert renewals == [date(2026, 12, 1), date(2027, 1, 30)]
    [anniversary] = kinds(items, "anniversary")
    assert anniversary.date == date(2026, 12, 5) and "10 years" in anniversary.title


def test_overdue_follow_ups_before_from_are_included(acme):
    r = sv.log_interaction(acme, "Acme", "visit", at(date(2026, 10, 1)), "x",
                           next_steps=[("late", date(2026, 10, 10)), ("soon", date(2026, 11, 5)),
                                       ("far", date(2027, 5, 1))])
    items = kinds(planner.agenda(acme, START, 30), "follow-up")
    assert [(i.title, i.overdue) for i in items] == [("late", True), ("soon", False)]
    assert items[0].source_id == r.opened[0]


def test_reschedule_snooze_and_done(acme):
    sv.log_interaction(acme, "Acme", "visit", at(date(2026, 10, 1)), "x",
                       next_steps=[("quote", date(2026, 11, 5))])
    sv.add_contact(acme, "Acme", "Bday", birthday=Birthday(11, 20))
    items = planner.agenda(acme, START, 30, today=START)
    quote = kinds(items, "follow-up")[0]
    planner.reschedule(acme, quote, date(2026, 11, 12), today=START)
    [moved] = kinds(planner.agenda(acme, START, 30), "follow-up")
    assert moved.date == date(2026, 11, 12) and moved.series == quote.series
    statuses = {f.id: f.status for f in sv.list_followups(acme, "Acme")}
    assert statuses[quote.source_id] == "carried"  # the history of the promise is kept

    bday = kinds(items, "birthday")[0]
    planner.snooze(acme, bday, date(2026, 11, 18))
    assert not kinds(planner.agenda(acme, START, 30), "birthday")
    assert kinds(planner.agenda(acme, date(2026, 11, 18), 30), "birthday")
    planner.mark_done(acme, bday, on=START)
    assert not kinds(planner.agenda(acme, date(2026, 11, 18), 30), "birthday")

    planner.mark_done(acme, moved, on=START)
    assert not kinds(planner.agenda(acme, START, 30), "follow-up")
    [visit] = kinds(planner.agenda(acme, START, 90), "visit")
    assert visit.date == date(2026, 12, 30)  # tier B default: 90 days after the visit
    planner.mark_done(acme, visit, on=date(2026, 11, 3))
    [next_visit] = kinds(planner.agenda(acme, START, 200), "visit")
    assert next_visit.date == date(2026, 11, 3) + timedelta(days=90)

    sv.update_account(acme, "Acme", renewal_date=date(2027, 1, 1))
    [renewal] = kinds(planner.agenda(acme, START, 60), "renewal")
    with pytest.raises(ValidationError):
        planner.reschedule(acme, renewal, date(2026, 12, 15))


def test_ics_export_parses_back_with_an_independent_parser(acme, tmp_path):
    import vobject

    from keyaccounts.io.ics import write_ics

    sv.update_account(acme, "Acme", renewal_date=date(2027, 1, 20))
    sv.add_contact(acme, "Acme", "王芳", birthday=Birthday(11, 20, lunar=True))
    sv.log_interaction(acme, "Acme", "visit", at(date(2026, 10, 1)), "x",
                       next_steps=[("overdue, with, commas; and semicolons", date(2026, 10, 20)),
                                   ("报价", date(2026, 11, 9))])
    items = planner.agenda(acme, START, 60)
    path = tmp_path / "agenda.ics"
    assert write_ics(path, items, START) == len(items)
    raw = path.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded per RFC 5545
    cal = vobject.readOne(raw.decode("utf-8"))
    events = cal.vevent_list
    assert len(events) == len(items)
    uids = [e.uid.value for e in events]
    assert len(set(uids)) == len(uids)
    by_summary = {e.summary.value: e for e in events}
    overdue = next(v for k, v in by_summary.items() if "semicolons" in k)
    assert overdue.dtstart.value == START  # overdue shows where it is seen
    assert any("报价" in k for k in by_summary)
    birthday = next(e for e in events if e.categories.value == ["birthday"])
    assert birthday.valarm.trigger.value == -timedelta(days=planner.DEFAULT_LEAD_DAYS["birthday"])
    assert not isinstance(birthday.dtstart.value, datetime)  # all-day, no time zone games

    # Exporting again after a carry keeps the promise's UID: calendars update, not double.
    quote = next(i for i in items if i.title == "报价")
    planner.reschedule(acme, quote, date(2026, 11, 20), today=START)
    write_ics(path, planner.agenda(acme, START, 60), START, force=True)
    again = vobject.readOne(path.read_text(encoding="utf-8"))
    moved = next(e for e in again.vevent_list if "报价" in e.summary.value)
    assert moved.uid.value in uids and moved.dtstart.value == date(2026, 11, 20)


@pytest.mark.parametrize("rhythm, rule", [
    (dict(freq="weekly", interval=2, weekday=2, nth=None), "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"),
    (dict(freq="monthly", interval=3, weekday=1, nth=1), "FREQ=MONTHLY;INTERVAL=3;BYDAY=1TU"),
    (dict(freq="monthly", interval=1, weekday=4, nth=-1), "FREQ=MONTHLY;BYDAY=-1FR"),
    (dict(freq="monthly", interval=1, weekday=None, nth=None, monthday=31),
     "FREQ=MONTHLY;BYMONTHDAY=31"),
    (dict(freq="yearly", interval=1, weekday=None, nth=None, monthday=29, month=2),
     "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"),
])
def test_rhythms_round_trip_through_rrules(rhythm, rule):
    from keyaccounts.domain.rhythm import Rhythm, parse_rrule

    assert Rhythm(**rhythm).to_rrule() == rule
    assert parse_rrule(rule) == Rhythm(**rhythm)


def test_a_rule_beyond_the_editor_is_recognised_as_such():
    from keyaccounts.domain.rhythm import parse_rrule

    assert parse_rrule("FREQ=DAILY;COUNT=3") is None
    assert parse_rrule("FREQ=WEEKLY;BYDAY=MO,WE") is None


def test_customizing_copies_the_tier_defaults(db):
    sv.add_account(db, "Key", tier="A")
    before = {(i.kind, i.date) for i in planner.agenda(db, START, 200) if i.account == "Key"}
    planner.customize_cadences(db, "Key")
    own = sv.list_cadences(db, "Key")
    assert [(c.mode, c.level) for c in own] == [("schedule", "exec"), ("interval", None)]
    after = {(i.kind, i.date) for i in planner.agenda(db, START, 200) if i.account == "Key"}
    assert after == before


def test_user_defined_festivals(db):
    sv.add_account(db, "Acme")
    sv.add_contact(db, "Acme", "Zhang Wei")  # someone to greet
    festivals = planner.set_custom_festivals(db, "Company day 06-18\n腊八 农历 12-08\n\n")
    assert festivals == [{"name": "Company day", "month": 6, "day": 18, "lunar": False},
                         {"name": "腊八", "month": 12, "day": 8, "lunar": True}]
    items = {i.title.split(":")[0]: i.date for i in planner.agenda(db, date(2026, 1, 1), 365)
             if i.kind == "festival"}
    assert items["Company day"] == date(2026, 6, 18)
    assert items["腊八"] == date(2026, 1, 26)  # 腊八 of lunar 2025 (published)
    with pytest.raises(ValidationError) as err:
        planner.set_custom_festivals(db, "Fine 01-01\nBroken 13-40")
    assert err.value.field == "line 2"
    assert planner.custom_festivals(db) == festivals  # nothing written on error
    assert planner.parse_custom_festivals(planner.format_custom_festivals(festivals)) == festivals


def test_birthdays_in_a_window_with_29_february_and_the_new_year(db):
    sv.add_account(db, "Acme")
    sv.add_contact(db, "Acme", "Leap Day", birthday=Birthday(2, 29))
    sv.add_contact(db, "Acme", "New Year", birthday=Birthday(1, 2))
    sv.add_contact(db, "Acme", "Midsummer", birthday=Birthday(6, 21))
    sv.add_contact(db, "Acme", "Lunar", birthday=Birthday(1, 1, lunar=True))  # 春节 2027: 02-06

    def born(start, days):
        return sorted((i.contact, i.date) for i in planner.agenda(db, start, days, today=start)
                      if i.kind == "birthday")

    assert born(date(2027, 2, 20), 10) == [("Leap Day", date(2027, 2, 28))]
    assert born(date(2028, 2, 20), 10) == [("Leap Day", date(2028, 2, 29))]
    assert born(date(2026, 12, 28), 45) == [("Lunar", date(2027, 2, 6)),
                                            ("New Year", date(2027, 1, 2))]
    assert len(born(date(2026, 1, 1), 400)) == 5  # a window over a year: every one


def test_a_calendar_window_is_the_agenda_from_its_first_day(demo_db):
    from tests.conftest import DEMO_TODAY

    for offset, days in ((-40, 42), (-3, 7), (0, 42), (30, 90)):
        first = DEMO_TODAY + timedelta(days=offset)
        full = planner.agenda(demo_db, first, days, today=DEMO_TODAY)
        own = planner.agenda(demo_db, first, days, today=DEMO_TODAY, pending=False)
        assert own == [i for i in full if i.date >= first]
        assert len(own) < len(full) or offset > 0
