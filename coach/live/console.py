"""Consoles, the one way errors are shown, and file text shown literally."""

from __future__ import annotations

import re

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from coach.domain.model import LocalText
from coach.errors import CoachError
from coach.i18n import _, language


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


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Control characters (ESC and friends) as visible escapes, e.g. \\x1b."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def literal(text: str, style: str = "") -> Text:
    return Text(visible(text), style=style)


def local(text: LocalText, style: str = "") -> Text:
    return literal(text.get(language()), style)


def heading(text: str) -> Text:
    return Text(text, style="bold")
