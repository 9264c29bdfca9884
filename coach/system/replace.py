"""The rename that finishes a durable write, and Windows' passing refusals.

On Windows a rename over a file fails for a moment while another program has the file
open: a virus scanner, the search indexer or OneDrive looks at every file just written
(PermissionError, WinError 5, 32 or 33). The rename is tried again a few times, waiting a
little longer each time (about 1.5 s in all), before the error is let through. Elsewhere
a PermissionError is real, and goes through at once.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

# Seconds to wait before each new try: 0.05 + 0.1 + 0.2 + 0.4 + 0.8 = 1.55 s at most.
RETRY_WAITS = (0.05, 0.1, 0.2, 0.4, 0.8)
_PASSING = {5, 32, 33}  # access denied, sharing violation, lock violation


def passing(exc: OSError) -> bool:
    """Whether Windows refused only because another program has the file open."""
    if sys.platform != "win32" or not isinstance(exc, PermissionError):
        return False
    code = getattr(exc, "winerror", None)
    return code is None or code in _PASSING


def replace(source: Path, target: Path, sleep: Callable[[float], None] | None = None) -> None:
    """`source` renamed over `target`; on Windows retried while the refusal is a passing one."""
    for wait in RETRY_WAITS:
        try:
            source.replace(target)
            return
        except OSError as exc:
            if not passing(exc):
                raise
        (sleep or time.sleep)(wait)
    source.replace(target)  # the last try: its error goes to the caller
