"""Services: one function per user action; the desktop app and the CLI both call these.

Each action runs in one unit of work (``db.transaction()``) that commits or rolls back
whole; bad input raises ValidationError naming the field, and nothing is written.
One module per area. The everyday actions of accounts, contacts, the chain, cadences and
settings are re-exported here (``services.log_interaction``), each imported on first use so
that importing one area (the agenda's planner, say) does not load the others; the other
areas are imported as modules (``from keyaccounts.services import planner``).

The areas: accounts, contacts, chain (interactions and follow-ups), cadences, planner (the
agenda and care), health and alerts, complaints, satisfaction, churn, needs, revenue
(orders, tiers, Pareto), value, metrics, portfolio (the lead's view by owner), settings,
team (people and hand-overs on a server), datafile (the app's data file: opening,
encryption, backups, snapshots); ``common`` holds look-ups and checks they share,
``rows`` turns stored rows into the domain's views.

Imports storage, the domain and keyaccounts.perf; never io, cli, devtools or Qt. A new
user action is one function in its area's module (then its CLI command and its GUI
action, README "Where things live").
"""

from __future__ import annotations

import importlib

# name -> the module of this package that defines it
_HOMES = {
    # common
    "ALIASES": "common", "MAX_NAME": "common", "ROLE_WORDS": "common", "STATUS_WORDS": "common",
    "get_account": "common", "get_contact": "common", "get_followup": "common",
    "parse_enum": "common",
    # settings
    "get_setting": "settings", "list_settings": "settings", "set_setting": "settings",
    "set_settings": "settings", "setting_value": "settings", "write_setting": "settings",
    # accounts
    "ACCOUNT_COLUMNS": "accounts", "ACCOUNT_FIELDS": "accounts", "STALE_AFTER_DAYS": "accounts",
    "account_page": "accounts", "account_rows": "accounts", "add_account": "accounts",
    "find_account": "accounts",
    "list_accounts": "accounts", "set_account_archived": "accounts",
    "update_account": "accounts",
    # contacts
    "CONTACT_FIELDS": "contacts", "EMAIL_RE": "contacts", "NEW_RELATIONSHIP_DAYS": "contacts",
    "PHONE_RE": "contacts", "add_contact": "contacts", "list_contacts": "contacts",
    "mark_contact_left": "contacts", "set_contact_archived": "contacts",
    "undo_contact_left": "contacts", "update_contact": "contacts",
    # chain
    "add_followup": "chain", "carry_followup": "chain", "delete_interaction": "chain",
    "edit_interaction": "chain", "history": "chain", "list_followups": "chain",
    "log_interaction": "chain", "reopen_followup": "chain", "search": "chain",
    "settle_followup": "chain", "uncarry_followup": "chain", "value_adds": "chain",
    # cadences
    "add_cadence": "cadences", "get_cadence": "cadences", "list_cadences": "cadences", "remove_cadence": "cadences",
    "suggest_next_contact": "cadences", "update_cadence": "cadences",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
