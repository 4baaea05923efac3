"""Qt-style ``%1 %2 …`` placeholders for translated strings (PySide's tr() gives str)."""

from __future__ import annotations

import re


def arg(text: str, *values: object) -> str:
    """Replace %1, %2 … in *text* by *values*, in one pass (a value may contain '%2')."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1])
                  if 0 < int(m.group(1)) <= len(values) else m.group(0), text)
