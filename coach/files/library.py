"""The exercise library: bundled definitions plus the user's own, validated completely."""

from __future__ import annotations

from pathlib import Path

from coach.domain.catalogue import Library
from coach.domain.model import Exercise
from coach.errors import InvalidFileError, Problem
from coach.files.exercise_files import load_exercise_file
from coach.files.paths import Paths
from coach.files.regular_files import UnreadableFolderError, not_a_file, toml_files
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
    files = []
    for path in _listing(folder, skipped):
        # A dangling link, a folder named *.toml, a pipe or a device: left out, with a word.
        if (problem := not_a_file(path)) is not None:
            if skipped is not None:
                skipped.append(_("{problem}; skipped").format(problem=problem))
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


def _listing(folder: Path, skipped: list[str] | None) -> list[Path]:
    """The definitions in `folder`; one that cannot be read is said in `skipped` (or, for
    the bundled folder, is an error: coach is not installed as it should be)."""
    try:
        return toml_files(folder)
    except UnreadableFolderError as exc:
        if skipped is None:
            raise
        skipped.append(exc.message)
        return []


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
