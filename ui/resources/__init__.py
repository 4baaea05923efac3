"""What the desktop app ships besides its code, read through importlib.resources:
``icons/`` (SVGs in ``currentColor``, drawn in the palette's colours by ui.icons),
``style.qss`` (ui.style) and ``i18n/`` (the Qt translations: ``.ts`` sources, ``.qm``
compiled by tools/update-translations.sh; only the ``.qm`` are package data).

The core's gettext catalogue is the core's own (keyaccounts/locale): the CLI needs it
without Qt. Qt reads these by path, which a wheel gives (it installs them as files).
"""

from __future__ import annotations

from importlib.resources import files


def path(name: str) -> str:
    """The path of resource *name* (``"icons"``, ``"style.qss"``, ``"i18n"``)."""
    return str(files(__name__) / name)
