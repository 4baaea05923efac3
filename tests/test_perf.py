"""keyaccounts.perf: the collector paused for bulk work, and long-lived objects frozen."""

from __future__ import annotations

import gc

from keyaccounts import perf


def test_bulk_pauses_the_collector_and_nested_calls_resume_it_once():
    seen = []

    @perf.bulk
    def inner():
        seen.append(gc.isenabled())

    @perf.bulk
    def outer():
        inner()
        seen.append(gc.isenabled())

    assert gc.isenabled()
    outer()
    assert seen == [False, False] and gc.isenabled()


def test_what_lives_is_frozen_out_of_sight_and_new_cycles_still_go():
    try:
        frozen = perf.keep_alive_out_of_sight()
        assert frozen == gc.get_freeze_count() > 1000  # the modules loaded, at least
        cycle = []
        cycle.append(cycle)  # made afterwards: the collector still sees it
        del cycle
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()
