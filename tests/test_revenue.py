"""Orders and revenue: the commercial health component and ABC tiers from 80/20."""

import json
from datetime import date

import pytest

from keyaccounts.services import health, revenue
from keyaccounts import services as sv
from keyaccounts.cli.main import main
from keyaccounts.io import orders
from keyaccounts.io.importer import ImportFailed
from tests.conftest import dump

AS_OF = date(2026, 11, 27)


@pytest.fixture
def portfolio(db):
    for name in ("Big", "Mid", "Small", "Tiny", "Tinier"):
        sv.add_account(db, name)
    sv.update_account(db, "Tinier", tier="A", tier_basis="strategic-fit",
                      tier_note="Reference customer in its industry")
    for name, amount in (("Big", 800), ("Mid", 150), ("Small", 30), ("Tiny", 15),
                         ("Tinier", 5)):
        revenue.add_order(db, name, amount, date(2026, 6, 1))
    return db


def test_abc_suggestion_follows_80_20_and_keeps_manual_tiers(portfolio):
    tiers = {t.account: t for t in revenue.suggest_tiers(portfolio, AS_OF)}
    assert tiers["Big"].suggested == "A" and tiers["Big"].share == 0.8
    assert tiers["Mid"].suggested == "B"      # 80 % before it, 95 % with it
    assert tiers["Small"].suggested == "C" and tiers["Tiny"].suggested == "C"
    assert tiers["Tinier"].manual and tiers["Tinier"].suggested == "A"
    assert tiers["Tinier"].reason == "Reference customer in its industry"
    assert revenue.apply_tiers(portfolio, AS_OF) == 2  # Big C->A, Mid C->B
    assert {a.name: a.tier for a in sv.list_accounts(portfolio)} == {
        "Big": "A", "Mid": "B", "Small": "C", "Tiny": "C", "Tinier": "A"}


def test_commercial_component_compares_the_last_year_with_the_one_before(portfolio):
    revenue.add_order(portfolio, "Big", 1000, date(2025, 6, 1))  # 1000 -> 800: -20 %
    [h] = health.health(portfolio, AS_OF, "Big")
    part = next(c for c in h.components if c.name == "commercial")
    assert part.points == round(5 * (1 - 0.2 / 0.3), 1)
    assert "-20%" in part.reason
    [h] = health.health(portfolio, AS_OF, "Mid")
    assert next(c for c in h.components if c.name == "commercial").points == 2.5  # no history


def test_order_import_all_or_nothing(portfolio, tmp_path, capsys):
    good = tmp_path / "orders.csv"
    good.write_text("account,date,amount\nBig,2026-07-01,100\nMid,2026-07-02,\"1,200\"\n",
                    encoding="utf-8")
    assert orders.import_orders(portfolio, good) == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("客户,日期,金额\nBig,2026-02-30,5\nNobody,2026-07-01,5\nBig,2026-07-01,x\n",
                   encoding="utf-8")
    before = dump(portfolio)
    with pytest.raises(ImportFailed) as err:
        orders.import_orders(portfolio, bad)
    assert [p.split(":")[0] for p in err.value.problems] == [
        "bad.csv, line 2, date=2026-02-30", "bad.csv, line 3, account=Nobody",
        "bad.csv, line 4, amount=x"]
    assert dump(portfolio) == before
    assert main(["--db", portfolio.location, "order", "import", str(bad)]) == 2
    assert main(["--db", portfolio.location, "tiers", "--json", "--as-of", "2026-11-27"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out[out.index("["):])[0]["account"] == "Mid"  # 1,350 after the import
