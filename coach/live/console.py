"""Consoles, the one way errors are shown, and file text shown literally."""

from __future__ import annotations

import os
import re
import sys

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from coach.domain.model import LocalText
from coach.errors import CoachError
from coach.i18n import _, language


def console(stderr: bool = False) -> Console:
    """A console that never reads rich markup from text: "[link=...]" stays as typed."""
    if MODE.plain:
        return Console(stderr=stderr, highlight=False, color_system=None, emoji=False, markup=False)
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False)


def report_error(exc: CoachError, *, warning: bool = False) -> None:
    """Each problem on one line ("error: file: key: what"), then the hint.

    Messages carry file names, keys, values and arguments a person or a file chose: they go
    through `line`, so no control sequence, markup or line break in them reaches the terminal.
    """
    err = console(stderr=True)
    label, style = (_("warning"), "bold yellow") if warning else (_("error"), "bold red")
    for text in exc.lines():
        err.print(Text.assemble((label + ": ", style), line(text)), soft_wrap=True)
    if exc.hint:
        err.print(Text.assemble((_("hint") + ": ", "bold"), line(exc.hint)), soft_wrap=True)


def report_warning(message: str) -> None:
    console(stderr=True).print(
        Text.assemble((_("warning") + ": ", "bold yellow"), line(message)), soft_wrap=True
    )


def say(message: str, out: Console | None = None) -> None:
    """One line for the person, e.g. "Wrote FILE.": shown literally, never wrapped."""
    (out or console()).print(line(message), soft_wrap=True)


class _Mode:
    plain = False  # `coach --plain`: no colours, no boxes, charts as lines of text


MODE = _Mode()
_OFF = ("0", "false", "no", "off")


def decide_plain(option: bool, configured: bool | None) -> bool:
    """Plain mode, the one place it is decided: `--plain`, else COACH_PLAIN (1 on, 0 off: for
    tests and developers), else `plain = true` in the settings file, else on when stdout is
    no terminal or TERM=dumb. Nothing in the settings turns a pipe or TERM=dumb into boxes.

    Like NO_COLOR, any COACH_PLAIN other than empty, 0, false, no or off means on."""
    if option:
        return True
    forced = os.environ.get("COACH_PLAIN", "").strip().lower()
    if forced:
        return forced not in _OFF
    if configured:  # `plain = true`; false is the default: a pipe or TERM=dumb still decide
        return True
    return os.environ.get("TERM") == "dumb" or not _terminal(sys.stdout)


def _terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):  # None, a closed or an odd stream
        return False


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


# Control characters (ESC starts CSI and OSC sequences; BEL; C1 controls) and the
# bidirectional overrides that can make text read differently from what it is.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# ... and, in text that must stay one line (a message, a file name), line breaks and tabs:
# a file named "x\nerror: ..." must not print a line of its own.
_UNSAFE_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t"}


def visible(text: str, *, one_line: bool = False) -> str:
    """Unsafe characters as visible escapes: ESC as \\x1b, RIGHT-TO-LEFT OVERRIDE as \\u202e;
    with `one_line`, a line break as \\n and a tab as \\t too."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        code = ord(char)
        return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")

    return (_UNSAFE_IN_LINE if one_line else _UNSAFE).sub(escape, text)


def literal(text: str, style: str = "", *, one_line: bool = False) -> Text:
    return Text(visible(text, one_line=one_line), style=style)


def line(text: str, style: str = "") -> Text:
    """A message or a file name, shown literally and on one line whatever it holds."""
    return literal(text, style, one_line=True)


def local(text: LocalText, style: str = "") -> Text:
    return literal(text.get(language()), style)


def heading(text: str) -> Text:
    return Text(text, style="bold")
