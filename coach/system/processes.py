"""Whether a process still runs, to name the holder of the session lock only while it lives."""

from __future__ import annotations

import os
import sys
from typing import Any

_QUERY_LIMITED_INFORMATION = 0x1000  # Windows: the least access that reads an exit code
_STILL_ACTIVE = 259


def alive(pid: int, kernel32: Any = None) -> bool:
    """Whether a process with this id runs here (on Windows asked through kernel32)."""
    if pid <= 0:  # POSIX: 0 would ask the whole process group; Windows: the idle process
        return False
    if sys.platform == "win32":
        return _alive_windows(pid, kernel32)
    try:
        os.kill(pid, 0)  # signal 0: only asks
    except PermissionError:  # there, but another user's
        return True
    except (OSError, OverflowError):
        return False
    return True


def _alive_windows(pid: int, kernel32: Any) -> bool:
    """OpenProcess and GetExitCodeProcess: os.kill would end the process there."""
    if kernel32 is None:
        import ctypes  # noqa: PLC0415

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    handle = kernel32.OpenProcess(_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:  # no such process, or another user's that may not be opened: unknown
        return bool(kernel32.GetLastError() == 5)  # access denied: it is there
    try:
        import ctypes  # noqa: PLC0415

        code = ctypes.c_ulong(0)
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True  # can't tell: named, as before
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
