"""Shell completion for what a person types most: exercise ids, learn topics, programme files.

Each completer runs inside the shell's completion request, so it prints nothing
(a broken library or topic file gives no candidates instead of a warning) and
returns pairs of (value, help) that Typer hands to bash, zsh, fish or PowerShell.
"""

from __future__ import annotations

from pathlib import Path

from coach.commands.language import person_language
from coach.errors import CoachError
from coach.i18n import language


def _speak() -> None:
    """The person's language for the descriptions: completion runs before the app's
    callback, which would otherwise set it."""
    from coach.i18n import set_language  # noqa: PLC0415

    set_language(person_language(None))


def exercise_ids(incomplete: str) -> list[tuple[str, str]]:
    """Exercise ids starting with what was typed, each with its name."""
    from coach.files.library import load_library  # noqa: PLC0415
    from coach.files.paths import get_paths  # noqa: PLC0415

    _speak()
    try:
        library = load_library(get_paths())
    except (CoachError, OSError):
        return []
    return [
        (ex_id, exercise.name.get(language()))
        for ex_id, exercise in sorted(library.exercises.items())
        if ex_id.startswith(incomplete)
    ]


def learn_topics(incomplete: str) -> list[tuple[str, str]]:
    """Learn topics by id (and number), each with its title."""
    from coach.files.learn_topics import topics as load_topics  # noqa: PLC0415

    _speak()
    try:
        topics = load_topics()
    except (CoachError, OSError):
        return []
    found = []
    for number, topic in enumerate(topics, start=1):
        title = topic.title.get(language())
        for value in (topic.id, str(number)):
            if value.startswith(incomplete):
                found.append((value, title))
    return found


def programme_files(incomplete: str) -> list[str]:
    """Folders and .toml files under what was typed so far.

    When the only match is a folder, its contents are offered instead, so Tab goes on
    into it (bash would end a lone folder with a space).
    """
    found = _paths(incomplete)
    while len(found) == 1 and found[0].endswith("/"):
        inside = _paths(found[0])
        if not inside:
            break
        found = inside
    return found


def _paths(incomplete: str) -> list[str]:
    head, slash, stem = incomplete.rpartition("/")
    prefix = head + slash
    folder = Path(head or ("/" if slash else ".")).expanduser()
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        if not entry.name.startswith(stem) or (entry.name.startswith(".") and not stem):
            continue
        try:
            folder_here = entry.is_dir()
        except OSError:  # in a folder that may be listed but not looked into
            folder_here = False
        if folder_here:
            found.append(f"{prefix}{entry.name}/")
        elif entry.suffix == ".toml":
            found.append(f"{prefix}{entry.name}")
    return found
