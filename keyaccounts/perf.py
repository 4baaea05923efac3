"""Keeping bulk computations quick: a runtime helper of the services (``bulk``) and the
app (``keep_alive_out_of_sight``), beside keyaccounts.i18n; imports nothing of the app's.

Python's cyclic garbage collector runs every few hundred allocations and, now
and then, walks every live object. A computation over a whole portfolio (the
agenda, health for all accounts) allocates tens of thousands of short-lived,
acyclic objects; pausing the collector for its duration saves a good part of
its time and most of its jitter. Reference counting frees everything as usual,
and the collector resumes (and catches up) when the outermost bulk call ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from functools import wraps

_lock = threading.Lock()
_state = {"depth": 0, "was_enabled": True}


def bulk(fn: Callable) -> Callable:
    """Run *fn* with the cyclic collector paused (nested and concurrent calls count)."""

    @wraps(fn)
    def run(*args, **kwargs):
        with _lock:
            if _state["depth"] == 0:
                _state["was_enabled"] = gc.isenabled()
                gc.disable()
            _state["depth"] += 1
        try:
            return fn(*args, **kwargs)
        finally:
            with _lock:
                _state["depth"] -= 1
                if _state["depth"] == 0 and _state["was_enabled"]:
                    gc.enable()

    return run


def keep_alive_out_of_sight() -> int:
    """Move every object alive now out of the collector's sight (gc.freeze); return how
    many objects that was.

    What the app has loaded by then (modules, classes, Qt wrappers, caches) lives as
    long as the app does, and each full collection walked all of it again: up to
    100 ms on the GUI thread, collecting nothing, at whatever click came next. Frozen
    objects are still freed by reference counting when they go. (No collection first:
    right after start-up one took ~45 ms and found nothing to collect.)"""
    gc.freeze()
    return gc.get_freeze_count()
