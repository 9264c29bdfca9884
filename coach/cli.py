"""The command line: the Typer app, whose commands are built only when they run.

Each command lives in a module of coach.commands. Building all of them (Typer
reads every signature) costs more than running most, so the group imports a
command's module and builds it on first use; `--help` and shell completion
list them all. Command modules import their heavy modules (rich tables, the
library loader, the session runner) inside the command.
"""

from __future__ import annotations

import importlib
import sys
from typing import Annotated, Any

import typer

from coach import __version__
from coach.commands.common import CoachCommand, CoachGroup, report_error
from coach.commands.help_format import localise_usage_error
from coach.commands.language import person_settings
from coach.commands.quick_params import defer_conversion
from coach.errors import ExitCode

# name -> (module in coach.commands, its command function or sub-app), in --help's order.
COMMANDS = {
    "start": ("start", "start"),
    "next": ("next_session", "next_session"),
    "progress": ("progress", "progress"),
    "history": ("history", "history"),
    "check": ("check", "check"),
    "learn": ("learn", "learn"),
    "breaks": ("breaks", "breaks"),
    "remind": ("remind", "app"),
    "exercises": ("exercises", "app"),
    "programme": ("programme", "app"),
    "print": ("print_handout", "print_programme"),
    "report": ("report", "report"),
    "export": ("export", "export"),
    "practice": ("practice", "app"),
    "settings": ("settings", "settings"),
    "paths": ("paths", "paths_command"),
}


def build(name: str) -> Any:
    """The click command for `name`, from its module."""
    module_name, attribute = COMMANDS[name]
    target = getattr(importlib.import_module(f"coach.commands.{module_name}"), attribute)
    if not isinstance(target, typer.Typer):
        target, function = typer.Typer(rich_markup_mode=None, add_completion=False), target
        target.command(name, cls=CoachCommand)(function)
    command = typer.main.get_command(target)
    command.name = name
    for sub in getattr(command, "commands", {}).values():  # a group: its commands too
        defer_conversion(sub)
    return defer_conversion(command)


class Coach(CoachGroup):
    """The root group: commands from COMMANDS, each built when first asked for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        defer_conversion(self)  # the root's own options (--lang) before they are parsed
        try:
            return super().make_context(*args, **kwargs)
        except typer.TyperException as exc:  # "coach --bogus": framed like every other
            localise_usage_error(exc)
            raise

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = build(cmd_name)
        return self.commands.get(cmd_name)


app = typer.Typer(
    cls=Coach,
    name="coach",
    help="A terminal exercise coach for low back pain.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coach {__version__}")
        raise typer.Exit


@app.callback()
def root(
    ctx: typer.Context,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="nl|en",
            is_eager=True,  # before --help, so that the help is in this language
            help="Language: nl or en (default: the programme's, the settings, else the locale).",
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
    from coach.i18n import LANGUAGES, set_language  # noqa: PLC0415
    from coach.live.console import decide_plain, set_plain  # noqa: PLC0415

    if lang is not None and lang not in LANGUAGES:
        raise typer.BadParameter(f"expected nl or en, found {lang!r}", param_hint="--lang")
    # A broken settings file is reported once, and must not lock anyone out of every
    # command; `coach settings` reports it itself, as the error it is there.
    own = ctx.invoked_subcommand == "settings"
    person = person_settings(lang, broken=None if own else report_error)
    set_plain(decide_plain(plain, person.plain))
    set_language(person.language)


def main() -> None:
    """The console script."""
    from coach.commands import streams  # noqa: PLC0415

    streams.claim_closed_streams()  # `coach check <&-`
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # here, where a full disk can still be reported
    except KeyboardInterrupt:  # pragma: no cover - typer turns it into exit 130 already
        sys.exit(ExitCode.INTERRUPTED)
    except OSError as exc:  # the output refused: `coach history > /dev/full`, a closed stdout
        streams.output_failed(exc)
