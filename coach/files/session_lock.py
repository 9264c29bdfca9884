"""One session at a time: an operating-system lock on a file, held by the running session.

The lock is filelock's (flock on POSIX, LockFileEx on Windows): the operating system
releases it when its process ends in any way, kill -9 and power loss included, so
there is no stale lock to guess about, and no window between creating the file and
claiming it. Inside the file the holder notes its process id, only to name it in
the message a second `coach start` shows.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from coach.errors import CoachError
from coach.files.durable import private_dir
from coach.files.paths import Paths
from coach.files.regular_files import MAX_FILE_BYTES, odd_kind, read_regular
from coach.i18n import _
from coach.system.processes import alive

MAX_NOTE = 200  # bytes of the holder's note that are read back


class SessionLocked(CoachError):
    pass


def _note_owner(fd: int) -> None:
    """Write who holds the lock into the lock file (called with the lock held)."""
    note = f"{os.getpid()}\n{socket.gethostname()}\n{datetime.now().astimezone().isoformat()}\n"
    with contextlib.suppress(OSError):  # the note is a courtesy; the lock is what counts
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)  # not os.pwrite: Windows has none
        os.write(fd, note.encode("utf-8"))


def holder(lock: Path) -> int | None:
    """The process id noted in the lock file, if it can be read; never raises."""
    try:  # a regular file only: a pipe put there must not make coach wait
        first = read_regular(lock, MAX_FILE_BYTES)[:MAX_NOTE].split(b"\n", 1)[0]
    except (OSError, CoachError):
        return None
    text = first.decode("utf-8", errors="replace").strip()
    return int(text) if text.isdigit() and len(text) <= 10 else None


def _refuse_odd(path: Path) -> None:
    """A folder, a pipe or a device where the lock file belongs: named, and left alone."""
    try:
        mode = path.stat().st_mode
    except OSError:  # not there yet, or not to be looked at: taking the lock says why
        return
    if stat.S_ISDIR(mode):
        raise CoachError(
            _("{file}: is a folder, expected coach's session lock file").format(file=path),
            _("Move the folder out of the way; coach makes the file itself."),
        )
    if (kind := odd_kind(mode)) is not None:
        raise CoachError(
            f"{path}: {kind}", _("Move it out of the way; coach makes the file itself.")
        )


def _unusable(path: Path, exc: OSError) -> CoachError:
    """The lock file can't be created or opened: why, and what to do about it."""
    if exc.errno == errno.ELOOP:  # the lock is opened without following links
        return CoachError(
            _("{file}: is a link, expected coach's session lock file").format(file=path),
            _("Remove the link; coach makes the file itself."),
        )
    hints = {
        errno.EACCES: _("Check that you may write in {folder}."),
        errno.EPERM: _("Check that you may write in {folder}."),
        errno.EROFS: _(
            "{folder} is on a read-only disk; set COACH_HOME to a folder you can write."
        ),
        errno.ENOSPC: _("The disk is full: make some room, then start again."),
        getattr(errno, "EDQUOT", errno.ENOSPC): _(
            "The disk is full: make some room, then start again."
        ),
    }
    hint = hints.get(exc.errno or 0)
    return CoachError(
        _("{file}: cannot create or open coach's session lock file ({reason}).").format(
            file=path, reason=exc.strerror or exc
        ),
        hint.format(folder=path.parent) if hint else None,
    )


@contextlib.contextmanager
def session_lock(paths: Paths) -> Iterator[None]:
    """Hold the session lock for the time of the block, or raise SessionLocked at once."""
    private_dir(paths.data_dir)
    path = paths.lock_file
    _refuse_odd(path)
    lock = FileLock(path, timeout=0, mode=0o600, thread_local=False, on_acquired=_note_owner)
    try:
        lock.acquire()
    except Timeout:
        pid = holder(path)
        message = (  # the note may be an old one, of a holder long gone: named only if alive
            _("Another coach session is running (process {pid}).").format(pid=pid)
            if pid is not None and alive(pid)
            else _("Another coach session is running.")
        )
        raise SessionLocked(message, _("Finish that session first.")) from None
    except OSError as exc:  # not held by anyone: the file itself can't be made or opened
        raise _unusable(path, exc) from None
    try:
        yield
    finally:
        lock.release()
