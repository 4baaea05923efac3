"""Settings kept in the database, typed by the registry in keyaccounts.domain.settings."""

from __future__ import annotations

from keyaccounts.domain.settings import FESTIVALS, SETTINGS, SettingValue, spec
from keyaccounts.i18n import _
from keyaccounts.storage.db import Database
from keyaccounts.storage.model import (
    Setting,
)

# --- settings -----------------------------------------------------------------------


def get_setting(db: Database, key: str, default=None):
    with db.session() as s:
        row = s.get(Setting, key)
        return default if row is None else row.value


def set_setting(db: Database, key: str, value) -> None:
    """Keep *value* for *key*; the keys with rules (the customer-value rates and costs)
    are checked first, and a bad value is refused with nothing written."""
    from keyaccounts.domain.value import validate_setting

    value = validate_setting(key, value)
    with db.transaction() as s:
        row = s.get(Setting, key)
        if row is None:
            s.add(Setting(key=key, value=value))
        else:
            row.value = value


def list_settings(db: Database) -> list[SettingValue]:
    """Every setting of the registry with its value in force, by key."""
    with db.session() as s:
        stored = {row.key: row.value for row in s.query(Setting)}
    return [SettingValue(key, sp.type, sp.effective(stored.get(key)), sp.default,
                         _(sp.meaning), stored.get(key) is not None)
            for key, sp in sorted(SETTINGS.items())]


def read_setting(db: Database, key: str):
    """The value in force of a registered setting (its default when none is stored)."""
    sp = spec(key)
    return sp.effective(get_setting(db, sp.key))


def write_setting(db: Database, key: str, text: str):
    """Set a registered setting from what a user typed; an empty text restores the
    default. Returns the value now in force."""
    sp = spec(key)
    if sp.type == FESTIVALS:
        from keyaccounts.services.planner import parse_custom_festivals

        value = parse_custom_festivals((text or "").replace(";", "\n")) or None
    else:
        value = sp.parse(text)
        value = None if value == sp.default else value
    with db.transaction() as s:
        row = s.get(Setting, sp.key)
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(Setting(key=sp.key, value=value))
        else:
            row.value = value
    return sp.effective(value)
