"""The view records: one style, one home (keyaccounts/domain/views.py explains both).

Every record of domain/views.py and domain/today.py is a dataclass, frozen, except the
few made by the thousand (slotted, hashable, read-only by convention). Views of stored
rows (``…View``) are defined in domain/views.py and nowhere else. domain/today.py, what
the first screen paints, loads nothing else of KeyAccounts' records, rules or storage.
"""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from pathlib import Path

from keyaccounts.domain import today, views

ROOT = Path(__file__).resolve().parents[2]
BY_THE_THOUSAND = {"AgendaItem", "FollowUpView", "InteractionView"}


def records(module) -> list[type]:
    return [value for value in vars(module).values()
            if isinstance(value, type) and value.__module__ == module.__name__]


def test_every_record_is_a_frozen_dataclass_or_made_by_the_thousand():
    found = records(views) + records(today)
    assert {cls.__name__ for cls in found} >= BY_THE_THOUSAND | {"AccountView", "Alert",
                                                                 "ComplaintView"}
    for cls in found:
        assert dataclasses.is_dataclass(cls), cls
        frozen = cls.__dataclass_params__.frozen
        if cls.__name__ in BY_THE_THOUSAND:
            assert not frozen and "__slots__" in vars(cls) and cls.__hash__ is not None, cls
        else:
            assert frozen, cls


def test_the_views_of_stored_rows_live_in_domain_views():
    home = ROOT / "keyaccounts" / "domain" / "views.py"
    elsewhere = [f"{p.relative_to(ROOT)}:{node.lineno} {node.name}"
                 for p in sorted((ROOT / "keyaccounts").rglob("*.py")) if p != home
                 for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                 if isinstance(node, ast.ClassDef) and node.name.endswith("View")]
    assert elsewhere == []


def test_the_first_screens_records_load_nothing_else():
    script = ("import sys, keyaccounts.domain.today;"
              "print(sorted(m for m in sys.modules if m.startswith('keyaccounts.')"
              " or m.split('.')[0] in ('sqlalchemy', 'dateutil')))")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["['keyaccounts.domain',", "'keyaccounts.domain.today']"]


def test_an_agenda_item_moved_is_a_copy():
    from datetime import date

    item = today.AgendaItem(date(2027, 3, 1), "follow-up", "Acme", None, "Call", False, 7,
                            "follow-up:7:2027-03-01", date(2027, 3, 1))
    moved = dataclasses.replace(item, date=date(2027, 3, 4))
    assert (moved.date, item.date, moved.key) == (date(2027, 3, 4), date(2027, 3, 1), item.key)
    assert moved != item and len({item, moved, dataclasses.replace(moved)}) == 2
