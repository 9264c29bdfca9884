"""The exercise library: bundled definitions plus the user's own, validated completely."""

from __future__ import annotations

import contextlib
import gc
import pickle
from pathlib import Path

from coach import __version__
from coach.domain.catalogue import Library
from coach.domain.model import (
    Exercise,
)
from coach.errors import CoachError, InvalidFileError, Problem
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
        self.entries: dict[str, tuple[tuple[int, int, int, int], Exercise]] = {}
        self.changed = False
        if file is None:
            return
        gc.disable()  # a pickle of many small objects: don't let the collector walk them all
        try:
            with file.open("rb") as handle:
                version, entries = pickle.load(handle)  # noqa: S301 -- our own file, 0600
        except Exception:  # any problem with a disposable cache means: start without it
            return
        finally:
            gc.enable()
        if version == __version__ and isinstance(entries, dict):
            self.entries = entries

    def load(self, path: Path, problems: list[Problem]) -> Exercise | None:
        stat = path.stat()
        key = str(path)
        # Size, modification time, inode and change time: `cp -p`, rsync, tar and unzip keep
        # the first two while the content changes, but not the change time.
        sig = (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)
        hit = self.entries.get(key)
        if hit is not None and hit[0] == sig:
            return hit[1]
        exercise = load_exercise_file(path, problems)
        if exercise is not None and self.file is not None:
            self.entries[key] = (sig, exercise)
            self.changed = True
        return exercise

    def save(self, kept: set[str]) -> None:
        stale = self.entries.keys() - kept
        if self.file is None or not (self.changed or stale):
            return
        for key in stale:
            del self.entries[key]
        # A cache that cannot be written (disk full, `cache` is a file, the pickle is a
        # folder) only costs time next start: it never stops a command.
        with contextlib.suppress(OSError, CoachError):
            atomic_write_bytes(self.file, pickle.dumps((__version__, self.entries)))


def _load_folder(
    folder: Path,
    problems: list[Problem],
    cache: DefinitionCache | None = None,
    skipped: list[str] | None = None,
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
    skipped: list[str] = []
    user = _load_folder(paths.user_exercises, problems, DefinitionCache(cache_file), skipped)
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
