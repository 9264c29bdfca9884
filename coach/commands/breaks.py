"""`coach breaks`: the movement-break companion for laptop days."""

from __future__ import annotations

from typing import Annotated

import typer

from coach.commands.common import console, get_paths
from coach.errors import ExitCode
from coach.live import session_clock


def breaks(
    every: Annotated[int, typer.Option(help="Minutes between reminders.", min=1, max=600)] = 50,
    walk: Annotated[int, typer.Option(help="Minutes of each walk.", min=1, max=30)] = 3,
    snooze: Annotated[int, typer.Option(help="Minutes a snooze lasts.", min=1, max=120)] = 10,
    voice: Annotated[bool, typer.Option("--voice", help="Speak the reminders.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No bell.")] = False,
    notify: Annotated[
        bool,
        typer.Option(
            "--notify",
            help="Also show desktop notifications (notify-send, osascript, a Windows toast).",
        ),
    ] = False,
) -> None:
    """A movement-break companion for laptop days: stand up and walk every 50 minutes."""
    import sys  # noqa: PLC0415

    from coach.live.break_loop import BreakRunner, BreakSettings, summary  # noqa: PLC0415
    from coach.live.console import report_warning  # noqa: PLC0415
    from coach.live.cues import voice_or_warning  # noqa: PLC0415

    out = console()
    speech = voice_or_warning(report_warning) if voice else None
    settings = BreakSettings(
        every_min=every,
        walk_min=walk,
        snooze_min=snooze,
        bell=not quiet,
        voice=speech,
        notify=notify,
        read_keys=sys.stdin.isatty(),
    )
    runner = BreakRunner(get_paths(), settings, out)
    day = runner.run()
    if runner.stopped_by is None:
        out.print(summary(day, runner.timer))
    else:
        code = ExitCode.after(runner.stopped_by)
        if code is ExitCode.HANGUP:  # the window is gone: the day is saved, nothing to show
            session_clock.terminal_gone()
        else:
            out.print(summary(day, runner.timer))
        raise typer.Exit(code)
    if runner.interrupted:
        raise typer.Exit(ExitCode.INTERRUPTED)
