"""The desktop app's boundaries, read from its source: ui/ goes through the services.

ui/ imports services, domain value types and its own modules; never SQLAlchemy, the
storage layer (ORM model, database, snapshots, backups, encryption) or a session; and
it reads the day from the one clock (keyaccounts.domain.clock), never from the machine.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "ui").rglob("*.py")) + [ROOT / "main.py"]
FORBIDDEN = ("sqlalchemy", "keyaccounts.storage")


def imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def test_the_sources_are_found():
    assert len(SOURCES) > 20


def test_ui_never_reaches_storage_or_sqlalchemy():
    bad = [f"{where(p, line)} imports {name}" for p in SOURCES
           for line, name in imports(ast.parse(p.read_text(encoding="utf-8")))
           if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == []


def test_ui_opens_no_session():
    bad = [where(p, node.lineno) for p in SOURCES
           for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
           if isinstance(node, ast.Attribute) and node.attr in ("session", "connect_raw")]
    assert bad == []


def test_ui_reads_the_day_from_the_one_clock():
    bad = []
    for p in SOURCES:
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    isinstance(node.func.value, ast.Name) and \
                    (node.func.value.id, node.func.attr) in (("date", "today"),
                                                             ("datetime", "now"),
                                                             ("datetime", "today")):
                bad.append(f"{where(p, node.lineno)} {node.func.value.id}.{node.func.attr}()")
    assert bad == []
