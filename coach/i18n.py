"""The one translation layer: every user-facing message goes through `_`.

Messages are English msgids; Dutch comes from the gettext catalog compiled
into coach/locale/nl/LC_MESSAGES/coach.mo. English is the msgid itself.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "en"
_DOMAIN = "coach"
_LOCALE_DIR = Path(__file__).parent / "locale"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Switch every later message to `lang` ("nl" or "en")."""
    global _current, _language  # noqa: PLW0603 -- one process-wide language, set once by the CLI
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _language = lang
    _current = gettext.NullTranslations() if lang == "en" else _catalog(lang)


@functools.cache
def _catalog(lang: str) -> gettext.NullTranslations:
    return gettext.translation(_DOMAIN, _LOCALE_DIR, languages=[lang])


def language() -> str:
    return _language


def _(message: str) -> str:
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """Dutch when the locale says so (LC_ALL, then LC_MESSAGES, then LANG), else None."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        # The first variable that names a language decides, as in POSIX locale
        # resolution; "C" and "POSIX" (common in containers) name none.
        if value and value.split(".")[0] not in ("C", "POSIX"):
            return "nl" if value.lower().startswith("nl") else None
    return None


def resolve_language(option: str | None, configured: str | None) -> str:
    """The --lang option, else the config, else the locale, else English."""
    return option or configured or language_from_environment() or DEFAULT_LANGUAGE


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Messages in `lang` for a moment: to store a text in both languages."""
    before = _language
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def both(render: Callable[[], str]) -> dict[str, str]:
    """`render()` in Dutch and in English: {"nl": ..., "en": ...}."""
    texts = {}
    for lang in LANGUAGES:
        with speaking(lang):
            texts[lang] = render()
    return texts
