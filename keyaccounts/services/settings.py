"""Settings kept in the database, read and written by the registry of
:mod:`keyaccounts.domain.settings` (key, type, default, meaning).

:func:`setting_value` and :func:`set_settings` are what the app and the command line
use; :func:`get_setting` and :func:`set_setting` are the plain store underneath (a
value as stored, any key).
"""

from __future__ import annotations

from typing import Any

from keyaccounts.domain.settings import SETTINGS, Setting, setting
from keyaccounts.storage.db import Database
from keyaccounts.storage.model import Setting as SettingRow


def get_setting(db: Database, key: str, default=None):
    with db.session() as s:
        row = s.get(SettingRow, key)
        return default if row is None else row.value


def set_setting(db: Database, key: str, value) -> None:
    """Keep *value* for *key*; a registered key's value is checked first by the
    registry, and a bad value is refused with nothing written."""
    if key in SETTINGS:
        value = SETTINGS[key].check(value)
    with db.transaction() as s:
        row = s.get(SettingRow, key)
        if row is None:
            s.add(SettingRow(key=key, value=value))
        else:
            row.value = value


def setting_value(db: Database, key: str) -> Any:
    """The value in force of the registered setting *key* (its default if none is stored)."""
    return setting(key).value(get_setting(db, key))


def set_settings(db: Database, values: dict[str, Any]) -> None:
    """Store registered settings, all checked first, in one transaction (all or none)."""
    checked = {key: setting(key).check(value) for key, value in values.items()}
    with db.transaction() as s:
        for key, value in checked.items():
            row = s.get(SettingRow, key)
            if row is None:
                s.add(SettingRow(key=key, value=value))
            else:
                row.value = value


def list_settings(db: Database) -> list[tuple[Setting, Any]]:
    """Every registered setting with its value in force."""
    with db.session() as s:
        stored = {row.key: row.value for row in s.query(SettingRow)}
    return [(d, d.value(stored.get(d.key))) for d in SETTINGS.values()]


def write_setting(db: Database, key: str, text: str) -> Any:
    """Set a registered setting from what a user typed (:meth:`Setting.parse`; own
    festivals as the planner reads them, separated by new lines or ``;``); an empty text
    restores the default. Returns the value now in force."""
    found = setting(key)
    if not (text or "").strip():
        value = None
    elif found.kind == "festivals":
        from keyaccounts.services.planner import parse_custom_festivals

        value = found.check(parse_custom_festivals(text.replace(";", "\n")))
    else:
        value = found.parse(text)
    with db.transaction() as s:
        row = s.get(SettingRow, key)
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(SettingRow(key=key, value=value))
        else:
            row.value = value
    return found.value(value)
