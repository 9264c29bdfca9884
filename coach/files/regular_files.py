"""Reading only what is a regular file, within a size cap; listing folders that may refuse.

A named pipe among the session files would make every command wait for a writer that
never comes; a link to /dev/zero would fill the memory. So every file coach reads is
stat'ed first (links followed): only a regular file of at most MAX_FILE_BYTES is
opened, without blocking, and checked again through the open descriptor, so a file
swapped in between is caught too. Anything else is one line naming the file and what
was expected, never a hang or a traceback.

A folder that cannot be listed (no permission, an I/O error) is one line naming the
folder. `Path.glob` would hide it: on a folder it may not read it finds nothing at all.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from coach.errors import CoachError
from coach.i18n import _

MAX_FILE_BYTES = 10_000_000  # 10 MB: a session file is about 2 kB, a definition 5 kB

# A FIFO opens at once without O_NONBLOCK's wait for a writer; no effect on regular files.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class OddFileError(CoachError):
    """Not a regular file, or larger than coach reads: `reason` says which, without the name."""

    def __init__(self, path: Path, reason: str, *, too_large: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.too_large = too_large


class UnreadableFolderError(CoachError):
    """A folder whose contents cannot be listed: what is in it is left out."""

    def __init__(self, folder: Path, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        super().__init__(
            _("{folder}: cannot read this folder ({reason}); what is in it is left out").format(
                folder=folder, reason=reason
            )
        )
        self.folder = folder


def odd_kind(mode: int) -> str | None:
    """What a file of this mode is, in words, when it is not a regular file; None when it is."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return _("is a named pipe (FIFO), expected a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("is a device, expected a regular file")
    if stat.S_ISSOCK(mode):
        return _("is a socket, expected a regular file")
    return _("not a regular file")


def _check(path: Path, status: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    kind = odd_kind(status.st_mode)
    if kind is not None:
        raise OddFileError(path, kind)
    if status.st_size > limit:
        raise OddFileError(path, _too_large(limit), too_large=True)


def _too_large(limit: int) -> str:
    return _("larger than {most} MB, the most coach reads").format(most=f"{limit / 1_000_000:g}")


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, a regular file (links followed) of at most `limit` bytes.

    Raises OSError as opening would (FileNotFoundError, IsADirectoryError for a folder,
    PermissionError), and OddFileError for a pipe, a device, a socket or a file too large.
    Never blocks: a pipe is refused before it is opened, and opened without waiting if
    one is swapped in after the first look.
    """
    _check(path, path.stat(), limit)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        _check(path, os.fstat(fd), limit)  # the file opened is the one that was checked
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:  # it grew while being read
        raise OddFileError(path, _too_large(limit), too_large=True)
    return data


def read_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """`read_regular`, with every way it can fail a CoachError naming the file."""
    try:
        return read_regular(path, limit)
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: OSError) -> CoachError:
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            return CoachError(_("{file}: a link to a file that does not exist").format(file=path))
        return CoachError(
            _("{file}: no such file").format(file=path),
            _("Check the path, or list files with: ls"),
        )
    if isinstance(exc, IsADirectoryError):
        return CoachError(_("{file}: is a folder, expected a TOML file").format(file=path))
    return CoachError(_("{file}: cannot be read ({reason})").format(file=path, reason=exc.strerror))


def not_a_file(path: Path) -> str | None:
    """Why `path` is not a regular file, in one line naming it; None when it is one."""
    try:
        _check(path, path.stat(), limit=MAX_FILE_BYTES)
    except OddFileError as exc:
        return None if exc.too_large else exc.message  # too large: reading it says so
    except OSError as exc:
        return _unreadable(path, exc).message
    return None


def entries(folder: Path) -> list[Path]:
    """What `folder` holds, sorted by name; nothing when there is no such folder.

    Raises UnreadableFolderError when it is there but cannot be listed.
    """
    try:
        with os.scandir(folder) as found:
            return sorted(folder / entry.name for entry in found)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise UnreadableFolderError(folder, exc) from None


def toml_files(folder: Path) -> list[Path]:
    """The *.toml names in `folder`, sorted (what `folder.glob("*.toml")` finds)."""
    return [path for path in entries(folder) if path.name.endswith(".toml")]


def subfolders(folder: Path) -> list[Path]:
    """The folders in `folder`, sorted (links to folders included)."""
    found = []
    for path in entries(folder):
        try:
            if path.is_dir():
                found.append(path)
        except OSError:  # cannot even be looked at: no folder to go into
            continue
    return found


_NOTHING_THERE = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # as Path.exists


def present(path: Path) -> bool:
    """`path.exists()`, but a folder on the way that may not be looked into is an error
    naming the file, not a traceback."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno in _NOTHING_THERE:
            return False
        raise CoachError(
            _("{file}: cannot be read ({reason})").format(file=path, reason=exc.strerror)
        ) from None
    return True
