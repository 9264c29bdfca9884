"""The command line: builds the Typer app from the command modules in coach.commands.

Each command module imports its heavy modules (rich tables, the library loader,
the session runner) inside the command, so `coach --version` and `--help` stay fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from coach import __version__
from coach.commands import (
    breaks,
    check,
    exercises,
    history,
    learn,
    next_session,
    paths,
    print_handout,
    programme,
    progress,
    report,
    start,
)
from coach.commands.common import CoachCommand, CoachGroup, get_paths, report_error
from coach.errors import CoachError

app = typer.Typer(
    cls=CoachGroup,
    name="coach",
    help="A terminal exercise coach for low back pain.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(exercises.app, name="exercises")
app.add_typer(programme.app, name="programme")
app.command("print", cls=CoachCommand)(print_handout.print_programme)
app.command("report", cls=CoachCommand)(report.report)
app.command("start", cls=CoachCommand)(start.start)
app.command("breaks", cls=CoachCommand)(breaks.breaks)
app.command("learn", cls=CoachCommand)(learn.learn)
app.command("check", cls=CoachCommand)(check.check)
app.command("next", cls=CoachCommand)(next_session.next_session)
app.command("progress", cls=CoachCommand)(progress.progress)
app.command("history", cls=CoachCommand)(history.history)
app.command("paths", cls=CoachCommand)(paths.paths_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coach {__version__}")
        raise typer.Exit


@app.callback()
def root(
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="nl|en",
            is_eager=True,  # before --help, so that the help is in this language
            help="Language: nl or en (default: settings, else the locale).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="Plain text: no colours, boxes or charts (screen readers)."),
    ] = False,
) -> None:
    """A terminal exercise coach for low back pain."""
    from coach.live.console import set_plain  # noqa: PLC0415

    set_plain(plain)
    from coach.i18n import LANGUAGES, resolve_language, set_language  # noqa: PLC0415

    if lang is not None and lang not in LANGUAGES:
        raise typer.BadParameter(f"expected nl or en, found {lang!r}", param_hint="--lang")
    configured = None
    if lang is None:
        from coach.files.settings import load_config  # noqa: PLC0415

        try:
            configured = load_config(get_paths().config_file).lang
        except CoachError as exc:
            # A broken settings file must not lock anyone out of every command.
            report_error(exc)
    set_language(resolve_language(lang, configured))


def main() -> None:
    """The console script."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - typer turns it into exit 130 already
        sys.exit(130)
