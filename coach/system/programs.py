"""Running the system's programs: what speech, notifications and the reminder share.

The callables' types (faked in tests), no console window on Windows, PowerShell's
arguments and quoting, and a program started without waiting or failing.
"""

from __future__ import annotations

import base64
import subprocess
from collections.abc import Callable
from typing import Any

# Windows: no console window for the voice or a notification (0 elsewhere).
NO_WINDOW: int = getattr(subprocess, "CREATE_NO_WINDOW", 0)

Which = Callable[[str], str | None]
Run = Callable[..., "subprocess.CompletedProcess[str]"]
Popen = Callable[..., Any]


def powershell_encoded(script: str) -> list[str]:
    """PowerShell's arguments that run `script`: -EncodedCommand (base64 of UTF-16LE), so
    no quoting of the command line can change what runs."""
    encoded = base64.b64encode(script.encode("utf-16-le")).decode("ascii")
    return [
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Bypass",
        "-EncodedCommand",
        encoded,
    ]


def ps_quote(text: str) -> str:
    """`text` as a single-quoted PowerShell string: its quotes (the typographic ones are
    quotes there too) doubled, nothing inside expanded."""
    doubled = "".join(c * 2 if c in "'\u2018\u2019\u201a\u201b" else c for c in text)
    return f"'{doubled}'"


def started(popen: Popen, argv: list[str], stdin: int = subprocess.DEVNULL, **options: Any) -> Any:
    """A program of ours started without a shell and without waiting; None if it can't be."""
    try:
        return popen(
            argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **options
        )
    except OSError:
        return None
