"""When two names are the same name: as people see them, not as the bytes differ.

Names are stored as typed and compared by :func:`name_key`: Unicode NFKC (full-width
letters and digits as the ordinary ones), format characters such as the zero-width
space dropped, case folded, and any run of whitespace as one space. A new name whose
key is an existing one's is refused naming the existing one; looking a name up uses
the same key.
"""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """The form in which names are compared (see the module doc)."""
    text = unicodedata.normalize("NFKC", str(name))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(text.casefold().split())
