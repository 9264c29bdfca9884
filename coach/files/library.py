"""The exercise library: bundled definitions plus the user's own, validated completely."""

from __future__ import annotations

import contextlib
import pickle
from pathlib import Path

from coach import __version__
from coach.domain.catalogue import Library
from coach.domain.model import (
    Exercise,
)
from coach.errors import InvalidFileError, Problem
from coach.files.durable import atomic_write_bytes
from coach.files.exercise_files import load_exercise_file
from coach.files.paths import Paths
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


class DefinitionCache:
    """Validated user definitions, reused while a file's size and mtime stay the same.

    Parsing TOML is most of the cost of loading a large library (about 0.7 ms per
    definition), so a person with many definitions of their own pays it once. The
    cache is disposable: any problem reading it means starting without it, and it
    is keyed to the coach version, so a new validator never trusts an old result.
    """

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.entries: dict[str, tuple[int, int, Exercise]] = {}
        self.changed = False
        if file is None:
            return
        try:
            with file.open("rb") as handle:
                version, entries = pickle.load(handle)  # noqa: S301 -- our own file, 0600
        except Exception:
            return
        if version == __version__ and isinstance(entries, dict):
            self.entries = entries

    def load(self, path: Path, problems: list[Problem]) -> Exercise | None:
        stat = path.stat()
        key = str(path)
        hit = self.entries.get(key)
        if hit is not None and hit[:2] == (stat.st_mtime_ns, stat.st_size):
            return hit[2]
        exercise = load_exercise_file(path, problems)
        if exercise is not None and self.file is not None:
            self.entries[key] = (stat.st_mtime_ns, stat.st_size, exercise)
            self.changed = True
        return exercise

    def save(self, kept: set[str]) -> None:
        stale = self.entries.keys() - kept
        if self.file is None or not (self.changed or stale):
            return
        for key in stale:
            del self.entries[key]
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            atomic_write_bytes(self.file, pickle.dumps((__version__, self.entries)))


def _load_folder(
    folder: Path, problems: list[Problem], cache: DefinitionCache | None = None
) -> dict[str, Exercise]:
    found: dict[str, Exercise] = {}
    if not folder.is_dir():
        return found
    files = sorted(folder.glob("*.toml"))
    for path in files:
        if cache is not None:
            exercise = cache.load(path, problems)
        else:
            exercise = load_exercise_file(path, problems)
        if exercise is not None:
            found[exercise.id] = exercise
    if cache is not None:
        cache.save({str(p) for p in files})
    return found


def load_library(paths: Paths) -> Library:
    """Bundled definitions, extended (and overridden by id) by the user's own folder."""
    problems: list[Problem] = []
    bundled = _load_folder(bundled_dir(), problems)
    cache_file = paths.cache_dir / "definitions.pickle" if paths.cache_dir else None
    user = _load_folder(paths.user_exercises, problems, DefinitionCache(cache_file))
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
    )
