"""`coach start`: the options of a guided session; the session itself lives in coach.live."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.commands import completion
from coach.commands.common import get_library, get_paths
from coach.domain.limits import GET_READY_LIMIT


def start(
    exercise_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID",
            help="Run these exercises once instead of the programme.",
            autocompletion=completion.exercise_ids,
        ),
    ] = None,
    programme: Annotated[
        Path | None,
        typer.Option(
            "--programme",
            "-p",
            help="Run this programme file.",
            autocompletion=completion.programme_files,
        ),
    ] = None,
    level: Annotated[int | None, typer.Option(help="Level for this run only.")] = None,
    sets: Annotated[int | None, typer.Option(help="Sets for this run only.")] = None,
    reps: Annotated[int | None, typer.Option(help="Reps (per side) for this run only.")] = None,
    hold: Annotated[int | None, typer.Option(help="Hold seconds for this run only.")] = None,
    speed: Annotated[
        float,
        typer.Option(min=0.1, max=100.0, help="Run time this many times faster (a preview)."),
    ] = 1.0,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the timeline and its length; don't run it.")
    ] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="One line per event (screen readers, logs).")
    ] = False,
    voice: Annotated[bool, typer.Option("--voice", help="Speak the cues.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No sound.")] = False,
    flash: Annotated[
        bool, typer.Option("--flash", help="Flash the screen instead of a bell.")
    ] = False,
    skip_check: Annotated[
        bool, typer.Option("--skip-check", help="Skip the warning-sign check (for demonstrations).")
    ] = False,
    get_ready: Annotated[
        int | None,
        typer.Option(
            "--get-ready",
            min=GET_READY_LIMIT[0],
            max=GET_READY_LIMIT[1],
            help="Seconds to get into each starting position (default: 15 when the "
            "position changes, else 5).",
        ),
    ] = None,
) -> None:
    """Start today's session: timed sets, holds, rests and side switches."""
    from coach.commands.streams import refuse_closed_input  # noqa: PLC0415
    from coach.live import guided_session as session  # noqa: PLC0415

    if not dry_run:  # a session asks before and after: not a closed input, ten minutes in
        refuse_closed_input()

    code = session.start(
        session.StartOptions(
            ids=exercise_ids or [],
            programme=programme,
            level=level,
            sets=sets,
            reps=reps,
            hold=hold,
            speed=speed,
            dry_run=dry_run,
            plain=plain,
            voice=voice,
            quiet=quiet,
            flash=flash,
            skip_check=skip_check,
            get_ready=get_ready,
        ),
        get_paths(),
        get_library(),
    )
    if code:
        raise typer.Exit(code)
