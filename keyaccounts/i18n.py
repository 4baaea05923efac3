"""gettext for the core and the CLI.

The catalogue lives in ``resources/i18n`` beside the Qt translations; the
language follows the usual LANGUAGE / LC_ALL / LC_MESSAGES / LANG variables and
can be forced with :func:`set_language` (the desktop app does so from its
settings, so that error messages raised by services match the UI language).
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "keyaccounts"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"

_translation: gettext.NullTranslations = gettext.translation(
    DOMAIN, LOCALE_DIR, fallback=True
)
_language: str | None = None


def set_language(language: str | None) -> None:
    """Use *language* (e.g. ``"zh_CN"``, ``"en"``) or, for None, the environment's."""
    global _translation, _language
    languages = [language] if language else None
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=languages, fallback=True)
    _language = language


def language() -> str:
    """The language messages come out in: as set, else the catalogue's ("en" for none)."""
    return _language or _translation.info().get("language", "en")


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark *message* for extraction without translating it yet."""
    return message
