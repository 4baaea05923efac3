"""Modules imported on first use, so that the window paints before they load."""

from __future__ import annotations

import importlib


class LazyModule:
    """Stands for module *name*; the first attribute read imports it (thread-safe:
    Python's import lock). The app's worker usually imports it first, off the GUI
    thread, right after the first paint."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name), attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name}>"
