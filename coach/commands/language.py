"""The person's language: below `common`, `completion` and `help_format`.

`common` imports the other two, and both need the person's language, so it lives
here, where all three can import it without an import circle. Everything heavy is
imported inside the function, to keep start-up quick.
"""

from __future__ import annotations

from collections.abc import Callable

from coach.errors import CoachError


def person_language(lang: str | None, broken: Callable[[CoachError], None] | None = None) -> str:
    """The language to speak: --lang, else the current programme's (the therapist's choice
    for this person), else the settings', else the locale's, else English. A settings file
    that can't be read goes to `broken` and is passed over."""
    from coach.files.paths import get_paths  # noqa: PLC0415
    from coach.files.programmes import programme_language  # noqa: PLC0415
    from coach.files.settings import load_config  # noqa: PLC0415
    from coach.i18n import resolve_language  # noqa: PLC0415

    if lang:
        return lang
    paths = get_paths()
    configured = None
    try:
        configured = load_config(paths.config_file).lang
    except CoachError as exc:
        if broken is not None:
            broken(exc)
    return resolve_language(None, programme_language(paths.current_programme) or configured)
