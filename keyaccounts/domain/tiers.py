"""The tiers' rhythms (DOMAIN.md §1, §4): how often each tier must be met, in one table.

The planner's default cadences, the health score's recency and executive coverage, and
the accounts list's "stale" mark all read it. A new key person needs a relationship
within :data:`NEW_RELATIONSHIP_DAYS`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TierRhythm:
    ideal_days: int       # keep in touch this often...
    max_days: int         # ...and never less often than this (the default cadence)
    stale_days: int       # no contact for longer: the account is stale in the list
    executive_good: int   # an executive-level contact within this many days is good...
    executive_bad: int    # ...none within this many counts as none at all


TIER_RHYTHMS: dict[str, TierRhythm] = {
    "A": TierRhythm(30, 45, 60, 90, 180),
    "B": TierRhythm(90, 120, 120, 180, 365),
    "C": TierRhythm(180, 240, 240, 365, 730),
}

NEW_RELATIONSHIP_DAYS = 30
