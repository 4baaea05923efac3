"""The layers, read from the source: who may import whom (README, "Where things live").

keyaccounts/ is pure Python: it never imports Qt or the desktop app (ui/). Its domain/
(vocabulary, rules, view records) sits below everything: it imports neither SQLAlchemy
nor storage, nor the layers above it. ui/ goes through the services: it imports
services, domain value types and its own modules; never SQLAlchemy, the storage layer
(ORM model, database, snapshots, backups, encryption) or a session.

Every import counts, wherever it is: at the top, inside a function (a lazy import is
still a dependency) or under ``if TYPE_CHECKING:``. Relative imports are read as the
absolute names they stand for.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = sorted((ROOT / "keyaccounts").rglob("*.py"))
UI = sorted((ROOT / "ui").rglob("*.py")) + [ROOT / "main.py"]

QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")
# What each package of keyaccounts/ must not import, besides Qt and ui/ (QT above).
NOT_IN = {
    "domain": ("sqlalchemy", "alembic", "keyaccounts.storage", "keyaccounts.services",
               "keyaccounts.io", "keyaccounts.cli", "keyaccounts.devtools"),
    "storage": ("keyaccounts.services", "keyaccounts.io", "keyaccounts.cli",
                "keyaccounts.devtools"),
    "services": ("keyaccounts.io", "keyaccounts.cli", "keyaccounts.devtools"),
    "io": ("keyaccounts.cli", "keyaccounts.devtools"),
}
NOT_IN_UI = ("sqlalchemy", "keyaccounts.storage")
# The imports against those rules that stay, each with its reason (one module, one
# package it reaches); the test fails when one is no longer needed.
EXCEPTIONS = {
    ("keyaccounts/storage/snapshot.py", "keyaccounts.services"):
        "the Today page's cache fills a miss from the planner, health and alerts services",
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, name) for each module *path* imports, and for each name it imports from one
    (``from a import b`` gives a and a.b: b may be a module)."""
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: list[str]) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def within(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def layer(path: Path) -> str:
    parts = path.relative_to(ROOT / "keyaccounts").parts
    return parts[0] if len(parts) > 1 else ""


def test_the_sources_are_found():
    assert len(CORE) > 60 and len(UI) > 20
    assert {layer(p) for p in CORE} >= set(NOT_IN)


def test_relative_imports_are_read_as_absolute_names():
    assert module_name(ROOT / "keyaccounts" / "domain" / "views.py") == "keyaccounts.domain.views"
    assert module_name(ROOT / "keyaccounts" / "domain" / "__init__.py") == "keyaccounts.domain"
    source = "from ..storage import model\nfrom . import dates\nimport sqlalchemy as sa\n"
    found = [name for _line, name in imports_in(source, ["keyaccounts", "domain"])]
    assert found == ["keyaccounts.storage", "keyaccounts.storage.model", "keyaccounts.domain",
                     "keyaccounts.domain.dates", "sqlalchemy"]
    assert within("keyaccounts.storage.model", NOT_IN["domain"])
    assert not within("keyaccounts.storagex", NOT_IN["domain"])


def test_keyaccounts_never_imports_qt_or_the_app():
    bad = [f"{where(p, line)} imports {name}" for p in CORE
           for line, name in imports(p) if within(name, QT)]
    assert bad == []


def _against_the_rules(path: Path) -> list[tuple[int, str, str]]:
    """(line, name, rule) for each import of *path* that its layer's rules forbid."""
    return [(line, name, rule) for line, name in imports(path)
            for rule in NOT_IN.get(layer(path), ()) if within(name, [rule])]


def test_each_layer_of_keyaccounts_imports_only_what_it_may():
    bad = [f"{where(p, line)} ({layer(p)}) imports {name}" for p in CORE
           for line, name, rule in _against_the_rules(p)
           if (str(p.relative_to(ROOT)), rule) not in EXCEPTIONS]
    assert bad == []


def test_each_exception_is_still_needed():
    used = {(str(p.relative_to(ROOT)), rule) for p in CORE
            for _line, _name, rule in _against_the_rules(p)}
    assert set(EXCEPTIONS) <= used


def test_ui_never_reaches_storage_or_sqlalchemy():
    bad = [f"{where(p, line)} imports {name}" for p in UI
           for line, name in imports(p) if within(name, NOT_IN_UI)]
    assert bad == []


def test_ui_opens_no_session():
    bad = [where(p, node.lineno) for p in UI
           for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
           if isinstance(node, ast.Attribute) and node.attr in ("session", "connect_raw")]
    assert bad == []
