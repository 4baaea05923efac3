"""Settings kept in the database."""

from __future__ import annotations

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
