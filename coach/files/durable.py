"""Durable writes and private folders.

A write goes to a temp file in the same folder, is flushed and fsynced, then
renamed over the target with os.replace, so a crash leaves the old file or the
new one, never half of one. Files are created 0600 and folders 0700: they hold
health data.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import _


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
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
            Path(tmp).replace(path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                Path(tmp).unlink()
            raise
        if durable:
            _fsync_dir(path.parent)
    except OSError as exc:
        raise CoachError(
            _("{file}: cannot be written ({reason})").format(file=path, reason=exc.strerror or exc)
        ) from None


def _fsync_dir(folder: Path) -> None:
    # The rename is durable only once the folder is synced (POSIX); Windows can't open folders.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
