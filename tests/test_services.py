from datetime import date, datetime

import pytest

from keyaccounts import services as sv
from keyaccounts.domain.dates import Birthday
from keyaccounts.domain.errors import ChainConflict, NotFound, ValidationError


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + " 10:00")


@pytest.fixture
def acme(db):
    sv.add_account(db, "Acme", tier="A", industry="retail")
    sv.add_contact(db, "Acme", "Zhang Wei", level="exec", role="decision-maker")
    sv.add_contact(db, "Acme", "Li Na", level="ops", role="user")
    sv.add_account(db, "Other")
    return db


def test_accounts_are_unique_and_validated(db):
    a = sv.add_account(db, "  华为  ", tier="a", renewal_date=date(2027, 3, 1))
    assert (a.name, a.tier, a.status) == ("华为", "A", "active")
    with pytest.raises(ValidationError) as err:
        sv.add_account(db, "华为")
    assert err.value.field == "name"
    with pytest.raises(ValidationError) as err:
        sv.add_account(db, "X", tier="D")
    assert err.value.field == "tier" and "A, B, C" in err.value.reason
    with pytest.raises(ValidationError):
        sv.add_account(db, "   ")
    assert [a.name for a in sv.list_accounts(db)] == ["华为"]


def test_update_and_archive_account(acme):
    sv.update_account(acme, "Acme", status="at-risk", owner="Li Na", annual_revenue=5_000_000)
    sv.set_account_archived(acme, "Other", True)
    [acme_view] = sv.list_accounts(acme)
    assert (acme_view.status, acme_view.owner, acme_view.annual_revenue) == (
        "at-risk", "Li Na", 5_000_000)
    assert {a.name for a in sv.list_accounts(acme, include_archived=True)} == {"Acme", "Other"}


def test_contact_fields_and_validation(acme):
    c = sv.add_contact(acme, "Acme", "王芳", level="高层", role="决策者",
                       emails=["wf@example.com"], phones=["+86 138 0000 1111"],
                       birthday=Birthday(2, 15, 1980, lunar=True), private_notes="tea")
    assert (c.level, c.role, c.birthday.lunar, c.private_notes) == (
        "exec", "decision-maker", True, "tea")
    assert "private_notes" not in c.as_json()
    with pytest.raises(ValidationError) as err:
        sv.add_contact(acme, "Acme", "X", emails=["not-an-email"])
    assert err.value.field == "email"
    with pytest.raises(NotFound) as err:
        sv.add_contact(acme, "Nobody Inc", "X")
    assert err.value.field == "account"
    with pytest.raises(ValidationError) as err:
        sv.add_contact(acme, "Acme", "X", level="boss")
    assert err.value.field == "level"


def test_reports_to_cannot_loop(acme):
    boss = sv.add_contact(acme, "Acme", "Boss", level="exec")
    mid = sv.add_contact(acme, "Acme", "Mid", reports_to=boss.id)
    assert mid.reports_to == "Boss"
    with pytest.raises(ValidationError, match="loop"):
        sv.update_contact(acme, boss.id, reports_to=mid.id)


def test_log_settles_carries_and_opens(acme):
    first = sv.log_interaction(acme, "Acme", "visit", at("2026-11-02"), "Kick-off",
                               contacts=["Zhang Wei"], sentiment=1,
                               next_steps=[("Send quote", date(2026, 11, 9)),
                                           ("Book demo", date(2026, 11, 20))])
    quote, demo = first.opened
    second = sv.log_interaction(acme, "Acme", "call", at("2026-11-10"), "Call",
                                settle=[quote], carry={demo: date(2026, 12, 4)},
                                next_steps=[("Send contract", date(2026, 11, 30))])
    assert second.settled == (quote,)
    successor = second.carried[demo]
    fus = {f.id: f for f in sv.list_followups(acme, "Acme")}
    assert fus[quote].status == "settled" and fus[quote].closed_by == second.interaction_id
    assert fus[demo].status == "carried" and fus[demo].carried_to == successor
    assert fus[successor].status == "open" and fus[successor].due == date(2026, 12, 4)
    assert fus[successor].carried_from == demo and fus[successor].text == "Book demo"
    (contract,) = set(second.opened) - {successor}
    assert {f.id for f in sv.list_followups(acme, open_only=True)} == {successor, contract}
    chain = sv.history(acme, "Acme")
    assert [i.id for i in chain] == [second.interaction_id, first.interaction_id]
    assert [f.id for f in chain[0].settled] == [quote]
    assert [f.id for f in chain[0].carried] == [demo]
    assert {f.id for f in chain[0].opened} == set(second.opened)
    assert chain[1].contacts == ("Zhang Wei",) and chain[1].levels == ("exec",)


@pytest.mark.parametrize("kwargs, field", [
    (dict(settle=[999]), "settle"),
    (dict(carry={999: date(2026, 12, 1)}), "carry"),
    (dict(contacts=["Nobody"]), "with"),
    (dict(sentiment=3), "sentiment"),
    (dict(kind="party"), "kind"),
    (dict(next_steps=[("Late", date(2026, 1, 1))]), "next"),
])
def test_bad_log_writes_nothing(acme, kwargs, field):
    args = dict(account="Acme", kind="visit", occurred_at=at("2026-11-02"), summary="x")
    args.update(kwargs)
    with pytest.raises(ValidationError) as err:
        sv.log_interaction(acme, **args)
    assert err.value.field == field
    assert sv.history(acme, "Acme") == []


def test_cannot_settle_another_accounts_followup(acme):
    other = sv.log_interaction(acme, "Other", "call", at("2026-11-01"), "x",
                               next_steps=[("theirs", date(2026, 11, 5))])
    with pytest.raises(ValidationError) as err:
        sv.log_interaction(acme, "Acme", "call", at("2026-11-02"), "x", settle=list(other.opened))
    assert err.value.field == "settle" and "Other" in err.value.reason
    assert sv.list_followups(acme, "Other")[0].status == "open"


def test_cannot_settle_twice_or_both_settle_and_carry(acme):
    r = sv.log_interaction(acme, "Acme", "call", at("2026-11-01"), "x",
                           next_steps=[("a", date(2026, 11, 5))])
    (fid,) = r.opened
    with pytest.raises(ValidationError, match="both"):
        sv.log_interaction(acme, "Acme", "call", at("2026-11-02"), "y", settle=[fid],
                           carry={fid: date(2026, 11, 9)})
    sv.log_interaction(acme, "Acme", "call", at("2026-11-02"), "y", settle=[fid])
    with pytest.raises(ValidationError, match="already settled"):
        sv.log_interaction(acme, "Acme", "call", at("2026-11-03"), "z", settle=[fid])
    with pytest.raises(ValidationError, match="opened after"):
        r2 = sv.log_interaction(acme, "Acme", "call", at("2026-11-10"), "x",
                                next_steps=[("b", date(2026, 11, 15))])
        sv.log_interaction(acme, "Acme", "call", at("2026-11-09"), "back-dated",
                           settle=list(r2.opened))


def test_delete_reopens_what_it_closed_and_keeps_what_it_opened(acme):
    first = sv.log_interaction(acme, "Acme", "visit", at("2026-11-02"), "one",
                               next_steps=[("a", date(2026, 11, 9)), ("b", date(2026, 11, 9))])
    a, b = first.opened
    second = sv.log_interaction(acme, "Acme", "call", at("2026-11-05"), "two", settle=[a],
                                carry={b: date(2026, 11, 20)},
                                next_steps=[("c", date(2026, 11, 30))])
    result = sv.delete_interaction(acme, second.interaction_id)
    assert result.reopened == (a, b)
    assert result.removed_successors == (second.carried[b],)
    (c,) = set(second.opened) - set(second.carried.values())
    assert result.detached == (c,)
    fus = {f.id: f for f in sv.list_followups(acme, "Acme")}
    assert fus[a].status == fus[b].status == "open" and fus[b].due == date(2026, 11, 9)
    assert fus[c].status == "open" and fus[c].opened_by is None
    assert "deleted call of 2026-11-05" in fus[c].origin
    assert set(fus) == {a, b, c}


def test_delete_keeps_a_carry_that_later_records_build_on(acme):
    first = sv.log_interaction(acme, "Acme", "visit", at("2026-11-02"), "one",
                               next_steps=[("a", date(2026, 11, 9))])
    (a,) = first.opened
    second = sv.log_interaction(acme, "Acme", "call", at("2026-11-05"), "two",
                                carry={a: date(2026, 11, 20)})
    succ = second.carried[a]
    sv.log_interaction(acme, "Acme", "call", at("2026-11-19"), "three", settle=[succ])
    result = sv.delete_interaction(acme, second.interaction_id)
    assert result.reopened == () and result.removed_successors == ()
    fus = {f.id: f for f in sv.list_followups(acme, "Acme")}
    assert fus[a].status == "carried" and fus[a].carried_to == succ
    assert fus[succ].status == "settled" and fus[succ].opened_by is None


def test_edit_interaction_keeps_the_chain_in_time_order(acme):
    first = sv.log_interaction(acme, "Acme", "visit", at("2026-11-02"), "one",
                               next_steps=[("a", date(2026, 11, 20))])
    (a,) = first.opened
    second = sv.log_interaction(acme, "Acme", "call", at("2026-11-10"), "two", settle=[a])
    with pytest.raises(ChainConflict):
        sv.edit_interaction(acme, first.interaction_id, occurred_at=at("2026-11-12"))
    with pytest.raises(ChainConflict):
        sv.edit_interaction(acme, second.interaction_id, occurred_at=at("2026-11-01"))
    view = sv.edit_interaction(acme, second.interaction_id, occurred_at=at("2026-11-08"),
                               summary="two (edited)", sentiment=-1, contacts=["Li Na"])
    assert (view.date, view.summary, view.sentiment, view.contacts) == (
        date(2026, 11, 8), "two (edited)", -1, ("Li Na",))
    assert sv.list_followups(acme, "Acme")[0].closed_on == date(2026, 11, 8)


def test_cadences_interval_and_schedule(acme):
    sv.add_cadence(acme, "Acme", ["visit"], ideal_days=28, max_days=42, title="Monthly visit")
    sv.add_cadence(acme, "Acme", ["exec-meeting"], level="exec",
                   rrule="FREQ=MONTHLY;BYDAY=1TU", starts_on=date(2026, 1, 1))
    with pytest.raises(ValidationError) as err:
        sv.add_cadence(acme, "Acme", ["visit"], ideal_days=30, max_days=10)
    assert err.value.field == "max_days"
    with pytest.raises(ValidationError) as err:
        sv.add_cadence(acme, "Acme", ["visit"], rrule="FREQ=SOMETIMES", starts_on=date(2026, 1, 1))
    assert err.value.field == "rrule"
    modes = [(c.mode, c.level) for c in sv.list_cadences(acme, "Acme")]
    assert modes == [("interval", None), ("schedule", "exec")]


def test_settings_round_trip(db):
    assert sv.get_setting(db, "health.weights", {"x": 1}) == {"x": 1}
    sv.set_setting(db, "health.weights", {"recency": 20})
    sv.set_setting(db, "health.weights", {"recency": 25})
    assert sv.get_setting(db, "health.weights") == {"recency": 25}
