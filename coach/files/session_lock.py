"""One session at a time: a PID lock file with stale-lock recovery."""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from coach.errors import CoachError
from coach.files.durable import private_dir
from coach.files.paths import Paths
from coach.i18n import _


class SessionLocked(CoachError):
    pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it is just someone else's
    except OSError:
        return False
    return True


@contextlib.contextmanager
def session_lock(paths: Paths) -> Iterator[None]:
    """Hold the session lock: a file with our PID, removed on the way out.

    A lock left by a process that no longer runs (a crash, kill -9, a reboot)
    is stale and taken over.
    """
    private_dir(paths.data_dir)
    lock = paths.lock_file
    host = socket.gethostname()
    for _attempt in range(3):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            pid, owner = _read_lock(lock)
            if pid is not None and owner == host and _alive(pid) and pid != os.getpid():
                raise SessionLocked(
                    _("Another coach session is running (process {pid}).").format(pid=pid),
                    _("Finish that session first. If none is running, delete {file}").format(
                        file=lock
                    ),
                ) from None
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()  # stale: its process is gone
            continue
        with os.fdopen(fd, "w") as handle:
            handle.write(f"{os.getpid()}\n{host}\n{datetime.now().astimezone().isoformat()}\n")
        break
    else:
        raise SessionLocked(_("Could not take the session lock {file}.").format(file=lock))
    try:
        yield
    finally:
        pid, _owner = _read_lock(lock)
        if pid == os.getpid():
            with contextlib.suppress(FileNotFoundError):
                lock.unlink()


def _read_lock(lock: Path) -> tuple[int | None, str | None]:
    try:
        lines = lock.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None, None
    try:
        return int(lines[0]), (lines[1] if len(lines) > 1 else None)
    except (ValueError, IndexError):
        return None, None
