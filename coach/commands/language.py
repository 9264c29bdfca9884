"""The person's language: below `common`, `completion` and `help_format`.

`common` imports the other two, and both need the person's language, so it lives
here, where all three can import it without an import circle. Everything heavy is
imported inside the function, to keep start-up quick.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from coach.errors import CoachError


class Person(NamedTuple):
    """What the root of the command line needs from the settings, read once."""

    language: str
    plain: bool | None  # `plain` in the settings file; None when it says nothing


def person_settings(lang: str | None, broken: Callable[[CoachError], None] | None = None) -> Person:
    """The language to speak: --lang, else the current programme's (the therapist's choice
    for this person), else the settings', else the locale's, else English; and the settings'
    plain mode. A settings file that can't be read goes to `broken` and is passed over."""
    from coach.files.paths import get_paths  # noqa: PLC0415
    from coach.files.programmes import programme_language  # noqa: PLC0415
    from coach.files.settings import Config, load_config  # noqa: PLC0415
    from coach.i18n import resolve_language  # noqa: PLC0415

    paths = get_paths()
    config = Config()
    try:
        config = load_config(paths.config_file)
    except CoachError as exc:
        if broken is not None:
            broken(exc)
    if lang:
        return Person(lang, config.plain)
    chosen = programme_language(paths.current_programme) or config.lang
    return Person(resolve_language(None, chosen), config.plain)


def person_language(lang: str | None, broken: Callable[[CoachError], None] | None = None) -> str:
    """The language to speak (`person_settings`); with --lang, the settings go unread."""
    if lang:
        return lang
    return person_settings(None, broken).language
