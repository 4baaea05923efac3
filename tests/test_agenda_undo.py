"""Every action on an agenda item can be undone, leaving the data as it was (both
engines)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from keyaccounts import services as sv
from keyaccounts.domain.dates import Birthday
from keyaccounts.domain.errors import ValidationError
from keyaccounts.services import complaints, planner

START = date(2026, 11, 2)  # a Monday


@pytest.fixture
def acme(db):
    sv.add_account(db, "Acme", tier="B")
    sv.add_contact(db, "Acme", "Bday", birthday=Birthday(11, 20))
    sv.log_interaction(db, "Acme", "visit", datetime(2026, 10, 1, 10), "x",
                       next_steps=[("quote", date(2026, 11, 5))])
    return db


def item(db, kind, start=START):
    return next(i for i in planner.agenda(db, start, 30, today=start) if i.kind == kind)


def followups(db):
    return sorted((f.text, f.due, f.status, f.closed_on) for f in sv.list_followups(db, "Acme"))


def test_done_on_a_follow_up_is_a_chain_event_and_is_undone(acme):
    before = followups(acme)
    quote = item(acme, "follow-up")
    undo = planner.mark_done(acme, quote, on=START)
    [f] = sv.list_followups(acme, "Acme")
    assert (f.status, f.closed_on, f.closed_by) == ("settled", START, None)
    planner.undo(acme, undo)
    assert followups(acme) == before
    assert item(acme, "follow-up").key == quote.key


def test_reschedule_of_a_follow_up_is_undone(acme):
    before = followups(acme)
    quote = item(acme, "follow-up")
    undo = planner.reschedule(acme, quote, date(2026, 11, 12), today=START)
    assert item(acme, "follow-up").date == date(2026, 11, 12)
    planner.undo(acme, undo)
    assert followups(acme) == before
    assert item(acme, "follow-up").date == date(2026, 11, 5)


def test_snooze_reschedule_and_done_of_a_planned_item_are_undone(acme):
    bday = item(acme, "birthday")
    first = planner.snooze(acme, bday, date(2026, 11, 18))
    assert not [i for i in planner.agenda(acme, START, 30) if i.kind == "birthday"]
    second = planner.mark_done(acme, bday, on=START)
    planner.undo(acme, second)  # back to snoozed
    assert item(acme, "birthday", date(2026, 11, 18)).date == date(2026, 11, 20)
    assert not [i for i in planner.agenda(acme, START, 30) if i.kind == "birthday"]
    planner.undo(acme, first)   # back to no mark at all
    assert item(acme, "birthday").date == date(2026, 11, 20)


def test_answering_a_complaint_from_the_agenda_is_undone(acme):
    c = complaints.add_complaint(acme, "Acme", "Late delivery", START, severity="high")
    deadline = item(acme, "complaint-deadline")
    undo = planner.mark_done(acme, deadline, on=START)
    assert complaints.response_date(acme, c.id) == START
    planner.undo(acme, undo)
    assert complaints.response_date(acme, c.id) is None


def test_a_follow_up_settled_by_an_interaction_is_not_reopened_by_undo(acme):
    quote = item(acme, "follow-up")
    undo = planner.mark_done(acme, quote, on=START)
    planner.undo(acme, undo)
    sv.log_interaction(acme, "Acme", "call", datetime(2026, 11, 3, 10), "done",
                       settle=[quote.source_id])
    with pytest.raises(ValidationError):
        planner.undo(acme, undo)
