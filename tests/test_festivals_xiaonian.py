"""腊八 and 小年 are greeted; 小年 falls as the user's region keeps it (北方 腊月廿三,
南方 腊月廿四), chosen in Settings (care.xiaonian); 除夕 opens the Spring Festival's
greetings, the 29th in a short twelfth month."""

from __future__ import annotations

from datetime import date

import pytest

from keyaccounts import services as sv
from keyaccounts.domain.errors import ValidationError
from keyaccounts.domain.festivals import festival_dates
from keyaccounts.domain.settings import XIAONIAN
from keyaccounts.services import planner


def greeted(db, start=date(2026, 1, 1), days=366):
    return {i.source_id: i for i in planner.agenda(db, start, days) if i.kind == "festival"}


@pytest.fixture
def one_contact(db):
    sv.add_account(db, "Acme")
    sv.add_contact(db, "Acme", "Zhang Wei")
    return db


def test_laba_and_xiaonian_on_their_published_days(one_contact):
    found = greeted(one_contact)
    assert found["laba"].date == date(2026, 1, 26)       # 腊八, 2026
    assert found["xiaonian"].date == date(2026, 2, 10)   # 北方小年, 2026
    assert found["spring-festival"].date == date(2026, 2, 16)  # 除夕: 腊月廿九 (short month)


def test_xiaonian_follows_the_region_chosen(one_contact):
    sv.set_settings(one_contact, {"care.xiaonian": "south"})
    assert greeted(one_contact)["xiaonian"].date == date(2026, 2, 11)
    sv.write_setting(one_contact, "care.xiaonian", "北方")
    assert sv.get_setting(one_contact, "care.xiaonian") == "north"
    assert greeted(one_contact)["xiaonian"].date == date(2026, 2, 10)


def test_a_region_not_known_is_refused():
    with pytest.raises(ValidationError) as caught:
        XIAONIAN.check("west")
    assert caught.value.field == "care.xiaonian"
    with pytest.raises(ValidationError):
        XIAONIAN.parse("east")


def test_new_years_eve_in_a_long_twelfth_month_is_the_30th():
    # 2025's twelfth lunar month (of 乙巳年) has 29 days; 2024's (甲辰年) 30: 除夕 2025-01-28.
    days = {k: d for k, _n, d in festival_dates(2025) if k == "spring-festival"}
    assert days["spring-festival"] == date(2025, 1, 28)
