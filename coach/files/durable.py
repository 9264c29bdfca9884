"""Durable writes and private folders.

A write goes to a temp file in the same folder, is flushed and fsynced, then
renamed over the target (`coach.system.replace`: on Windows retried while a virus
scanner holds the file), so a crash leaves the old file or the new one, never half of
one. On POSIX systems files are created 0600 and folders 0700: they hold health data.
Windows ignores these modes; there a file in the user's profile is the user's own.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import _
from coach.system.replace import passing, replace


def private_dir(folder: Path) -> Path:
    """Create `folder` (and missing parents) readable by the owner only."""
    try:
        missing = []
        step = folder
        while not step.exists():
            missing.append(step)
            step = step.parent
        for path in reversed(missing):  # parents too: mkdir(parents=True) ignores `mode` there
            path.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise CoachError(
            _("{file}: cannot create this folder ({reason})").format(
                file=folder, reason=exc.strerror or exc
            )
        ) from None
    return folder


def atomic_write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one.

    `durable=False` skips the two fsyncs: for caches, which may be lost but never torn.
    """
    private_dir(path.parent)
    try:
        with _written(path.parent, path.name, data, durable) as tmp:
            replace(tmp, path)
        if durable:
            _fsync_dir(path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def create(path: Path, data: bytes) -> bool:
    """Write `data` whole to `path` only if nothing has that name yet (0600, durable);
    False when something has: it is left as it is. Two processes can't both make it."""
    private_dir(path.parent)
    try:
        with _written(path.parent, path.name, data, durable=True) as tmp:
            made = _take_name(tmp, path)
        if made:
            _fsync_dir(path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    return made


def write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write `data` whole to a new file in `folder`, never over one that is there: named
    `stem + suffix`, else `stem-2 + suffix`, `stem-3 + suffix`, ... Returns the file.

    Two processes that pick the same name at the same moment get different files: the
    name is taken by a hard link of the finished temp file (or, where links are not
    supported, an exclusive create), which fails for the one that comes second.
    """
    private_dir(folder)
    try:
        with _written(folder, stem, data, durable=True) as tmp:
            for n in itertools.count(1):
                path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
                if _take_name(tmp, path):
                    break
        _fsync_dir(folder)
    except OSError as exc:
        raise _cannot_write(folder / f"{stem}{suffix}", exc) from None
    return path


@contextlib.contextmanager
def _written(folder: Path, name: str, data: bytes, durable: bool) -> Iterator[Path]:
    """`data` whole in a temp file in `folder` (fsynced when `durable`), for the block to
    give its name; whatever still has the temp name afterwards is removed."""
    # The temporary name stays short: a target of 250 bytes must not fail for its temp.
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name[:64]}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        yield Path(tmp)
    finally:
        with contextlib.suppress(OSError):  # gone, or (Windows) still held by a scanner
            Path(tmp).unlink()


def _cannot_write(file: Path, exc: OSError) -> CoachError:
    return CoachError(
        _("{file}: cannot be written ({reason})").format(file=file, reason=exc.strerror or exc),
        _(
            "Another program (a virus scanner, the search indexer, OneDrive) kept the file "
            "open. The old file is unchanged; try again in a moment."
        )
        if passing(exc)
        else None,
    )


def _take_name(tmp: Path, path: Path) -> bool:
    """`tmp` under the name `path` if nobody has that name yet; False when it is taken."""
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    except OSError:  # no hard links here (some network and FAT file systems)
        pass
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return False
    replace(tmp, path)  # over the empty file just made: no other process writes that name
    return True


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder is synced (POSIX); Windows can't open folders.
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
