"""One session at a time: an operating-system lock on a file, held by the running session.

The lock is filelock's (flock on POSIX, LockFileEx on Windows): the operating system
releases it when its process ends in any way, kill -9 and power loss included, so
there is no stale lock to guess about, and no window between creating the file and
claiming it. Inside the file the holder notes its process id, only to name it in
the message a second `coach start` shows.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from coach.errors import CoachError
from coach.files.durable import private_dir
from coach.files.paths import Paths
from coach.i18n import _

MAX_NOTE = 200  # bytes of the holder's note that are read back


class SessionLocked(CoachError):
    pass


def _note_owner(fd: int) -> None:
    """Write who holds the lock into the lock file (called with the lock held)."""
    note = f"{os.getpid()}\n{socket.gethostname()}\n{datetime.now().astimezone().isoformat()}\n"
    with contextlib.suppress(OSError):  # the note is a courtesy; the lock is what counts
        os.ftruncate(fd, 0)
        os.pwrite(fd, note.encode("utf-8"), 0)


def holder(lock: Path) -> int | None:
    """The process id noted in the lock file, if it can be read; never raises."""
    try:
        with lock.open("rb") as handle:
            first = handle.read(MAX_NOTE).split(b"\n", 1)[0]
    except OSError:
        return None
    text = first.decode("utf-8", errors="replace").strip()
    return int(text) if text.isdigit() and len(text) <= 10 else None


@contextlib.contextmanager
def session_lock(paths: Paths) -> Iterator[None]:
    """Hold the session lock for the time of the block, or raise SessionLocked at once."""
    private_dir(paths.data_dir)
    path = paths.lock_file
    if path.is_dir():
        raise CoachError(
            _("{file}: is a folder, expected coach's session lock file").format(file=path),
            _("Move the folder out of the way; coach makes the file itself."),
        )
    lock = FileLock(path, timeout=0, mode=0o600, thread_local=False, on_acquired=_note_owner)
    try:
        lock.acquire()
    except Timeout:
        pid = holder(path)
        message = (
            _("Another coach session is running (process {pid}).").format(pid=pid)
            if pid is not None
            else _("Another coach session is running.")
        )
        raise SessionLocked(message, _("Finish that session first.")) from None
    except OSError as exc:  # disk full, no permission, a read-only folder
        raise CoachError(
            _("The session lock {file} could not be taken ({reason}).").format(
                file=path, reason=exc.strerror or exc
            )
        ) from None
    try:
        yield
    finally:
        lock.release()
