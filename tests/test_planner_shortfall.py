"""planner.shortfall: what a contact would not count for, said before it is logged."""

from __future__ import annotations

from keyaccounts import services as sv
from keyaccounts.services import planner


def test_a_level_cadence_needs_someone_of_its_level(db):
    sv.add_account(db, "Acme", tier="B")
    boss = sv.add_contact(db, "Acme", "Boss", level="exec")
    clerk = sv.add_contact(db, "Acme", "Clerk", level="ops")
    sv.add_cadence(db, "Acme", ["exec-meeting"], level="exec", ideal_days=90, max_days=120,
                   title="Executive meeting")
    sv.add_cadence(db, "Acme", ["visit"], ideal_days=30, max_days=45, title="Visit")
    assert planner.shortfall(db, "Acme", "exec-meeting", []) == [
        planner.Shortfall("Executive meeting", "exec")]
    assert planner.shortfall(db, "Acme", "exec-meeting", [clerk.id]) == [
        planner.Shortfall("Executive meeting", "exec")]
    assert planner.shortfall(db, "Acme", "exec-meeting", [clerk.id, boss.id]) == []
    assert planner.shortfall(db, "Acme", "visit", []) == []  # no level named


def test_the_tier_defaults_count_too(db):
    sv.add_account(db, "Acme", tier="A")  # tier A: an executive meeting each quarter
    assert [s.level for s in planner.shortfall(db, "Acme", "exec-meeting", [])] == ["exec"]
