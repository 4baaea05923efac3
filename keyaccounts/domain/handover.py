"""A hand-over's rule (issue 16): the new owner meets the key contacts within a month.

When an account changes owner, the new owner has :data:`KEY_CONTACT_DAYS` to meet each
of its key contacts (executives and decision makers); the hand-over opens a follow-up
for each. A key contact not met by the new owner by then is a risk: the relationship
left with the previous owner. Health gains nothing from a hand-over by itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

KEY_CONTACT_DAYS = 30


def not_yet_met(handed_on: date, key_contacts: dict[int, str],
                met_on: dict[int, Iterable[date]], as_of: date) -> list[str]:
    """The key contacts (id to name) the new owner has not met between the hand-over on
    *handed_on* and *as_of* (``met_on``: by contact id, the days of the meetings the new
    owner logged), by name: while any is left, the hand-over is still in progress."""
    return sorted(name for cid, name in key_contacts.items()
                  if not any(handed_on <= day <= as_of for day in met_on.get(cid, ())))


def unmet_key_contacts(handed_on: date, key_contacts: dict[int, str],
                       met_on: dict[int, Iterable[date]], as_of: date
                       ) -> tuple[date, list[str]] | None:
    """After a hand-over on *handed_on*: ``(since, names)`` of the key contacts (id to
    name) the new owner has not met (``met_on``: by contact id, the days of the meetings
    the new owner logged) once :data:`KEY_CONTACT_DAYS` have passed by *as_of*; ``None``
    when there is nothing to say (too early, no key contact, or all met)."""
    since = handed_on + timedelta(days=KEY_CONTACT_DAYS)
    if since > as_of:
        return None
    unmet = not_yet_met(handed_on, key_contacts, met_on, as_of)
    return (since, unmet) if unmet else None
