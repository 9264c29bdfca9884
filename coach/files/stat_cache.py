"""A disposable cache of parsed files, kept while each file's stat signature stays the same.

Parsing and validating TOML is most of the cost of reading many files: the user's
exercise definitions, and years of session files. Both keep what they parsed in a
pickle in the cache folder, keyed by each file's size, modification time, inode
and change time (`cp -p`, rsync, tar and unzip keep the first two while the
content changes, but not the change time), and by the coach version, so a new
validator never trusts an old result. Any problem with the cache means working
without it: it can cost time, never a command.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from coach import __version__
from coach.errors import CoachError
from coach.files.durable import atomic_write_bytes
from coach.files.regular_files import read_regular

T = TypeVar("T")


def _code_version() -> tuple[object, ...]:
    """coach's version and when the modules that shape a cached object last changed: a
    development tree edits them without a new version number."""
    here = Path(__file__).resolve().parent.parent
    modules = (
        "domain/model.py",
        "domain/session_record.py",
        "domain/outcomes.py",
        "files/outcome_toml.py",
        "files/session_toml.py",
        "files/exercise_files.py",
        "files/toml_reader.py",
    )
    stamps = []
    for name in modules:
        try:
            stamps.append((here / name).stat().st_mtime_ns)
        except OSError:
            stamps.append(0)
    return (__version__, *stamps)


VERSION = _code_version()
# Above the cap for the files a person writes: a thousand definitions pickle to about 6 MB.
CACHE_MAX_BYTES = 100_000_000
Signature = tuple[int, int, int, int]


def signature(stat: os.stat_result) -> Signature:
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)


class StatCache(Generic[T]):
    """Parsed files by path; `file` None means no cache (every file is parsed)."""

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.entries: dict[str, tuple[Signature, T]] = {}
        self.changed = False
        if file is None:
            return
        gc.disable()  # a pickle of many small objects: don't let the collector walk them all
        try:  # a regular file only: a pipe or a device put there must not make coach wait
            data = read_regular(file, CACHE_MAX_BYTES)
            version, entries = pickle.loads(data)  # noqa: S301 -- our own file, 0600
        except Exception:  # any problem with a disposable cache means: start without it
            return
        finally:
            gc.enable()
        if version == VERSION and isinstance(entries, dict):
            self.entries = entries

    def load(self, path: Path, parse: Callable[[Path], T | None]) -> T | None:
        """The parsed file, from the cache when it hasn't changed; `parse` otherwise.

        What `parse` raises goes to the caller, and nothing is kept for that file.
        """
        try:
            sig = signature(path.stat())
        except OSError:  # a dangling link, or gone: let the parser say so
            return parse(path)
        key = str(path)
        hit = self.entries.get(key)
        if hit is not None and hit[0] == sig:
            return hit[1]
        value = parse(path)
        if value is not None and self.file is not None:
            self.entries[key] = (sig, value)
            self.changed = True
        return value

    def save(self, kept: set[str]) -> None:
        """Write the cache back, forgetting files that are no longer there."""
        stale = self.entries.keys() - kept
        if self.file is None or not (self.changed or stale):
            return
        for key in stale:
            del self.entries[key]
        # A cache that cannot be written (disk full, `cache` is a file, the pickle is a
        # folder) only costs time next run: it never stops a command.
        # Nor can anything in it that does not pickle: the cache is skipped, the command goes on.
        with contextlib.suppress(OSError, CoachError, pickle.PicklingError, TypeError, ValueError):
            data = pickle.dumps((VERSION, self.entries), protocol=5)
            atomic_write_bytes(self.file, data, durable=False)
