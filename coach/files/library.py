"""The exercise library: bundled definitions plus the user's own, validated completely."""

from __future__ import annotations

from pathlib import Path

from coach.domain.catalogue import Library
from coach.domain.model import Exercise
from coach.errors import InvalidFileError, Problem
from coach.files.exercise_files import load_exercise_file
from coach.files.paths import Paths
from coach.files.stat_cache import StatCache
from coach.i18n import _


def bundled_dir() -> Path:
    """The bundled definitions: inside the wheel, or the source tree's exercises/ folder.

    Hatchling's force-include puts them at coach/_exercises in a wheel, but it is
    not applied to editable installs, which run from the source tree instead.
    """
    packaged = Path(__file__).parent.parent / "_exercises"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "exercises"


def _load_folder(
    folder: Path,
    problems: list[Problem],
    cache: StatCache[Exercise] | None = None,
    skipped: list[str] | None = None,
    every_level_drawn: bool = False,
) -> dict[str, Exercise]:
    found: dict[str, Exercise] = {}
    if not folder.is_dir():
        return found
    files = []
    for path in sorted(folder.glob("*.toml")):
        if not path.is_file():  # a dangling link, or a folder named *.toml: left out
            if skipped is not None:
                skipped.append(
                    _("{file}: not a readable file (a link to nothing?); skipped").format(file=path)
                )
            continue
        files.append(path)
    for path in files:
        if cache is not None:
            exercise = cache.load(path, lambda p: load_exercise_file(p, problems))
        else:
            exercise = load_exercise_file(path, problems, every_level_drawn)
        if exercise is not None:
            found[exercise.id] = exercise
    if cache is not None:
        cache.save({str(p) for p in files})
    return found


def load_library(paths: Paths) -> Library:
    """Bundled definitions, extended (and overridden by id) by the user's own folder."""
    problems: list[Problem] = []
    bundled = _load_folder(bundled_dir(), problems, every_level_drawn=True)
    cache_file = paths.cache_dir / "definitions.pickle" if paths.cache_dir else None
    skipped: list[str] = []
    user = _load_folder(paths.user_exercises, problems, StatCache(cache_file), skipped)
    if problems:
        raise InvalidFileError(
            problems,
            _("Fix the definition, or move it out of {folder}").format(folder=paths.user_exercises),
        )
    merged = {**bundled, **user}
    return Library(
        exercises=merged,
        overridden=frozenset(user.keys() & bundled.keys()),
        user_ids=frozenset(user),
        skipped=tuple(skipped),
    )
