"""Consoles and the one way errors are shown."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from coach.errors import CoachError
from coach.i18n import _


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False)


def report_error(exc: CoachError, *, warning: bool = False) -> None:
    """Each problem on one line ("error: file: key: what"), then the hint."""
    err = console(stderr=True)
    label, style = (_("warning"), "bold yellow") if warning else (_("error"), "bold red")
    for line in exc.lines():
        err.print(Text.assemble((label + ": ", style), line), soft_wrap=True)
    if exc.hint:
        err.print(Text.assemble((_("hint") + ": ", "bold"), exc.hint), soft_wrap=True)
