"""`coach progress`: adherence, dosage and charts over the last weeks, or an export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.commands.common import console, get_paths
from coach.domain.limits import WEEKS_LIMIT


def progress(
    weeks: Annotated[
        int,
        typer.Option(
            "--weeks", help="How many weeks to look back.", min=WEEKS_LIMIT[0], max=WEEKS_LIMIT[1]
        ),
    ] = 8,
    export: Annotated[
        Path | None, typer.Option("--export", help="Write CSV or JSON (by the file's extension).")
    ] = None,
) -> None:
    """Adherence per week, today's dosage per exercise, and charts of load and pain."""
    from coach.commands.looking_back import progress_command  # noqa: PLC0415

    progress_command(get_paths(), weeks, export, console())
