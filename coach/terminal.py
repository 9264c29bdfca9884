"""Consoles and the one way errors are shown."""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from coach.errors import CoachError
from coach.i18n import _


def console(stderr: bool = False) -> Console:
    if MODE.plain:
        return Console(stderr=stderr, highlight=False, color_system=None, emoji=False)
    return Console(stderr=stderr, highlight=False)


def report_error(exc: CoachError, *, warning: bool = False) -> None:
    """Each problem on one line ("error: file: key: what"), then the hint."""
    err = console(stderr=True)
    label, style = (_("warning"), "bold yellow") if warning else (_("error"), "bold red")
    for line in exc.lines():
        err.print(Text.assemble((label + ": ", style), line), soft_wrap=True)
    if exc.hint:
        err.print(Text.assemble((_("hint") + ": ", "bold"), exc.hint), soft_wrap=True)


def report_warning(message: str) -> None:
    console(stderr=True).print(
        Text.assemble((_("warning") + ": ", "bold yellow"), message), soft_wrap=True
    )


class _Mode:
    plain = False  # `coach --plain`: no colours, no boxes, charts as lines of text


MODE = _Mode()


def set_plain(value: bool) -> None:
    MODE.plain = value


def framed(
    body: RenderableType,
    title: Text | str | None = None,
    border_style: str = "",
    expand: bool = False,
) -> RenderableType:
    """A panel; in plain mode the title on its own line above the body, without a box."""
    if MODE.plain:
        parts: list[RenderableType] = []
        if title is not None:
            parts.append(title if isinstance(title, Text) else Text(title, style="bold"))
        parts.append(body)
        return Group(*parts)
    return Panel(body, title=title, title_align="left", border_style=border_style, expand=expand)
