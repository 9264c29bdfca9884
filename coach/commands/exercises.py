"""`coach exercises list` and `coach exercises show`: the exercise library."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.commands import completion
from coach.commands.common import (
    CoachCommand,
    CoachGroup,
    console,
    get_library,
    say,
    writable_target,
)
from coach.errors import UsageError
from coach.i18n import _

app = typer.Typer(
    cls=CoachGroup,
    help="The exercise library.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)


@app.command("list", cls=CoachCommand)
def exercises_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the exercise library: built-in and your own definitions."""
    library = get_library()
    from coach.live import library_views  # noqa: PLC0415

    if as_json:
        import json  # noqa: PLC0415

        typer.echo(json.dumps(library_views.exercise_json(library), ensure_ascii=False, indent=2))
        return
    out = console()
    out.print(library_views.exercise_list(library, out.width))


@app.command("show", cls=CoachCommand)
def exercises_show(
    exercise_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="The exercise id.", autocompletion=completion.exercise_ids
        ),
    ],
    svg: Annotated[
        Path | None,
        typer.Option("--svg", help="Also write the pictures of every level to this SVG file."),
    ] = None,
    level: Annotated[
        int | None,
        typer.Option("--level", metavar="N", min=1, help="Show this level's pictures."),
    ] = None,
) -> None:
    """Show everything about one exercise."""
    library = get_library()
    from coach.live import library_views  # noqa: PLC0415

    exercise = library.get(exercise_id)
    if level is not None and level > len(exercise.levels):
        raise UsageError(
            _("{id} has levels 1 to {high}; found --level {found}").format(
                id=exercise.id, high=len(exercise.levels), found=level
            ),
            _("Choose one of its levels"),
        )
    if svg is not None:
        writable_target(svg)
        from coach.documents.figures import exercise_svg  # noqa: PLC0415
        from coach.files.durable import atomic_write_bytes  # noqa: PLC0415

        atomic_write_bytes(svg, exercise_svg(exercise, level).encode("utf-8"))
        say(_("Wrote {file}.").format(file=svg))
        return
    console().print(library_views.exercise_detail(exercise, library, level))
