"""gettext for the core and the CLI.

The catalogue ships inside this package (``keyaccounts/locale``, read with
importlib.resources), so the CLI speaks Chinese wherever it is installed; the
desktop app's Qt catalogues are ``ui``'s own. The language follows the usual
LANGUAGE / LC_ALL / LC_MESSAGES / LANG variables and can be forced with
:func:`set_language` (the desktop app does so from its settings, so that error
messages raised by services match the UI language).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

DOMAIN = "keyaccounts"

_translation: gettext.NullTranslations | None = None  # loaded on first use
_language: str | None = None


def set_language(language: str | None) -> None:
    """Use *language* (e.g. ``"zh_CN"``, ``"en"``) or, for None, the environment's."""
    global _translation, _language
    _translation, _language = None, language


def _catalogue() -> gettext.NullTranslations:
    global _translation
    if _translation is None:  # not at import: the app's start-up needs no message yet
        import gettext

        languages = [_language] if _language else None
        with locale_dir() as folder:
            _translation = gettext.translation(DOMAIN, folder, languages=languages,
                                               fallback=True)
    return _translation


def locale_dir():
    """A context manager giving the catalogues' folder (``<lang>/LC_MESSAGES/*.mo``)
    as a real directory, as gettext needs one."""
    from importlib.resources import as_file, files

    return as_file(files(__package__) / "locale")


def language() -> str:
    """The language messages come out in: as set, else the catalogue's ("en" for none)."""
    return _language or _catalogue().info().get("language", "en")


def _(message: str) -> str:
    return _catalogue().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """*message* as said in *context*: one English word that two things share (the
    account status "at risk", the RFM segment "at risk") translated for each."""
    return _catalogue().pgettext(context, message)


def N_(message: str) -> str:
    """Mark *message* for extraction without translating it yet."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark *message* in *context* for extraction (translated later by
    :func:`pgettext` with the same context)."""
    return message
