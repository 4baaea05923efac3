"""Settings: one typed registry; every reader gets the value in force, every writer is checked."""

from __future__ import annotations

import pytest

from keyaccounts import services as sv
from keyaccounts.domain import settings as known
from keyaccounts.domain.errors import ValidationError
from keyaccounts.services import complaints, health, planner
from tests.conftest import dump


def test_defaults_come_from_the_registry_until_something_is_stored(db):
    assert sv.setting_value(db, "care.gift_limit") is None
    assert sv.setting_value(db, "care.lead_days") == known.LEAD_DAYS.default
    assert planner.lead_days(db) == known.LEAD_DAYS.default
    with db.session() as s:
        assert complaints.deadline_days(s) == known.DEADLINE_DAYS.default
    assert health.settings(db) == (known.HEALTH_WEIGHTS.default, known.HEALTH_BANDS.default)


def test_a_stored_table_keeps_the_defaults_of_the_names_it_lacks(db):
    sv.set_settings(db, {"care.lead_days": {"birthday": 10}, "care.gift_limit": 300})
    assert planner.lead_days(db) == {**known.LEAD_DAYS.default, "birthday": 10}
    assert sv.setting_value(db, "care.gift_limit") == 300
    listed = {d.key: value for d, value in sv.list_settings(db)}
    assert listed["care.lead_days"]["birthday"] == 10 and listed["care.gift_limit"] == 300
    assert set(listed) == set(known.SETTINGS)


@pytest.mark.parametrize("values, field", [
    ({"care.gift_limit": -5}, "care.gift_limit"),
    ({"care.gift_limit": "lots"}, "care.gift_limit"),
    ({"care.lead_days": {"birthday": 7, "wedding": 3}}, "care.lead_days.wedding"),
    ({"complaints.deadline_days": {"high": 2.5}}, "complaints.deadline_days.high"),
    ({"care.festivals": [{"name": "Company day", "month": 13, "day": 40}]}, "care.festivals[1]"),
    ({"no.such.key": 1}, "key"),
])
def test_a_wrong_value_is_refused_by_name_and_nothing_is_written(db, values, field):
    before = dump(db.path)
    with pytest.raises(ValidationError) as caught:
        sv.set_settings(db, {"care.gift_limit": 100, **values})
    assert caught.value.field == field
    assert dump(db.path) == before  # all or none


def test_every_setting_says_what_it_means():
    for definition in known.SETTINGS.values():
        assert definition.meaning and definition.key.count(".") == 1
        assert definition.check(definition.default) == definition.default


def test_the_gift_limit_holds_for_every_way_of_logging(db):
    from datetime import datetime

    sv.add_account(db, "Acme Foods", tier="A")
    sv.set_settings(db, {"care.gift_limit": 300})
    before = dump(db.path)
    with pytest.raises(ValidationError) as caught:
        sv.log_interaction(db, "Acme Foods", "care", datetime(2026, 11, 20, 12), "Mooncakes",
                           gift="Mooncakes", gift_value=500)
    assert caught.value.field == "gift_value" and "300" in str(caught.value)
    assert dump(db.path) == before
    sv.log_interaction(db, "Acme Foods", "care", datetime(2026, 11, 20, 12), "Mooncakes",
                       gift="Mooncakes", gift_value=300)
