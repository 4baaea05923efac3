"""Festival customs (keyaccounts.domain.festivals): 清明 is never a greeting, 七夕 and
the other optional greetings stay off until switched on, gifts for 中秋 and 春节 are
reminded weeks ahead, and 春节 is a window of greetings and of 拜年 visits."""

from __future__ import annotations

from datetime import date

from keyaccounts import services as sv
from keyaccounts.domain import festivals
from keyaccounts.domain.settings import GREETINGS, LEAD_DAYS
from keyaccounts.i18n import set_language
from keyaccounts.services import planner, revenue


def greeted(db, start=date(2026, 1, 1), days=366):
    return {i.source_id: i for i in planner.agenda(db, start, days) if i.kind == "festival"}


def one_contact(db):
    sv.add_account(db, "Acme")
    sv.add_contact(db, "Acme", "Zhang Wei")


def test_qingming_is_never_a_greeting(db):
    one_contact(db)
    set_language("zh_CN")
    try:
        found = greeted(db)
    finally:
        set_language("en")
    for away in ("qingming", "labour-day"):
        assert "祝福" not in found[away].title and "拜访" in found[away].title
    assert found["qingming"].date == date(2026, 4, 5)
    assert "祝福" in found["mid-autumn"].title


def test_optional_greetings_are_off_until_switched_on(db):
    one_contact(db)
    assert set(GREETINGS.default) == set(festivals.OPTIONAL)
    assert not any(GREETINGS.default.values())
    found = greeted(db)
    assert not {"qixi", "winter-solstice", "womens-day"} & set(found)
    sv.write_setting(db, "care.greetings", "qixi=on, winter-solstice=on, womens-day=on")
    found = greeted(db)
    assert found["qixi"].date == date(2026, 8, 19)
    assert found["winter-solstice"].date == date(2026, 12, 22)
    assert found["womens-day"].date == date(2026, 3, 8)


def test_lead_times_by_festival(db):
    one_contact(db)
    found = greeted(db)
    general = LEAD_DAYS.default["festival"]
    assert found["mid-autumn"].lead_days == found["spring-festival"].lead_days == 21
    assert found["dragon-boat"].lead_days == 14
    assert found["national-day"].lead_days == found["lantern"].lead_days == general
    sv.write_setting(db, "care.lead_days", "festival=3")
    found = greeted(db)
    assert found["national-day"].lead_days == 3 and found["mid-autumn"].lead_days == 21


def test_new_year_greetings_and_visits_are_windows(db):
    one_contact(db)
    set_language("zh_CN")
    try:
        found = greeted(db)
    finally:
        set_language("en")
    greetings, visits = found["spring-festival"], found["new-year-visits"]
    assert greetings.date == date(2026, 2, 16)          # 除夕
    assert "除夕" in greetings.title and "2月23日" in greetings.title  # 初七
    assert visits.date == date(2026, 2, 24)             # 初八
    assert "元宵" in visits.title and "3月3日" in visits.title          # 元宵
    spring = festivals.BY_KEY["spring-festival"]
    assert festivals.window_end(spring, date(2027, 2, 5)) == date(2027, 2, 12)


def test_partnership_anniversary_from_the_first_order(db):
    one_contact(db)
    revenue.add_order(db, "Acme", 1000, date(2023, 5, 20))
    revenue.add_order(db, "Acme", 1000, date(2024, 1, 2))

    def partnerships():
        return [i for i in planner.agenda(db, date(2026, 1, 1), 366)
                if i.key.startswith("partnership:")]

    assert partnerships() == []
    sv.write_setting(db, "care.greetings", "partnership=on")
    [item] = partnerships()
    assert item.date == date(2026, 5, 20) and item.kind == "anniversary"
    assert "3 years" in item.title and item.account == "Acme"


def test_lunar_birthday_reminders_show_both_calendars(db):
    from keyaccounts.domain.dates import Birthday

    sv.add_account(db, "Acme")
    sv.add_contact(db, "Acme", "Lunar Li", birthday=Birthday(8, 15, lunar=True))
    set_language("zh_CN")
    try:
        [item] = [i for i in planner.agenda(db, date(2026, 9, 1), 60) if i.kind == "birthday"]
    finally:
        set_language("en")
    assert item.date == date(2026, 9, 25)
    assert "农历八月十五" in item.title and "9月25日" in item.title
