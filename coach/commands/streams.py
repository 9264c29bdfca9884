"""The standard streams at the edges: closed by the caller, or failing to take the output.

`coach check <&-` starts with no standard input, `coach history > /dev/full` with an output
that refuses every write. Each is one line on stderr and exit 1, never a traceback; a
command that needs nothing from the closed stream runs as usual.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from pathlib import Path
from typing import NoReturn

from coach.errors import CoachError, ExitCode
from coach.i18n import _


class InputClosed(CoachError):
    """An answer was asked for, and the standard input was closed when coach started."""


class _Closed(io.TextIOBase):
    """A standard stream that was closed when coach started: using it says so."""

    def __init__(self, name: str) -> None:
        self._name = name

    def readable(self) -> bool:
        return self._name == "stdin"

    def writable(self) -> bool:
        return self._name != "stdin"

    def isatty(self) -> bool:
        return False

    def read(self, size: int | None = -1) -> str:
        raise InputClosed(_("The standard input is closed: coach cannot read your answers."))

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        return self.read()

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:
        pass


def refuse_closed_input() -> None:
    """Raise InputClosed when the standard input was closed: for a command that will ask."""
    if isinstance(sys.stdin, _Closed):
        sys.stdin.read()


def claim_closed_streams() -> None:
    """Stand-ins for the standard streams the caller closed.

    Each closed descriptor (0, 1 or 2) gets /dev/null, so that no file coach opens later
    takes its number (and a speech engine started later inherits nothing of ours); Python's
    stream for it is a `_Closed`, so that asking a question or printing is a clear error.
    A closed stderr just loses the messages: there is nowhere to say anything.
    """
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        with contextlib.suppress(OSError):
            spare = os.open(os.devnull, os.O_RDWR)
            if spare != fd:
                os.dup2(spare, fd)
                os.close(spare)
        if fd == 2:
            sys.stderr = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115
        else:
            setattr(sys, name, _Closed(name))


def output_failed(exc: OSError) -> NoReturn:
    """The output could not be written (a full disk, a closed stdout): one line on stderr.

    What was not written goes to /dev/null from now on: flushing it again at exit would
    only fail a second time.
    """
    with contextlib.suppress(OSError, ValueError):
        spare = os.open(os.devnull, os.O_WRONLY)
        os.dup2(spare, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(spare)
    from coach.commands.common import report_error  # noqa: PLC0415

    with contextlib.suppress(OSError, ValueError):
        report_error(
            CoachError(
                _("The output could not be written ({reason}).").format(reason=exc.strerror or exc)
            )
        )
    sys.exit(ExitCode.ERROR)
