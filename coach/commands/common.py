"""What every command shares: the error boundary, the console, paths, library and output files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from coach.commands import completion
from coach.commands.help_format import LocalisedCommand, LocalisedGroup, localise_usage_error
from coach.errors import CoachError, ExitCode, UsageError
from coach.i18n import _

if TYPE_CHECKING:
    from rich.console import Console

    from coach.domain.catalogue import Library
    from coach.domain.model import Programme
    from coach.files.paths import Paths


class CoachGroup(LocalisedGroup):
    """Turns every CoachError into a one-line message, a hint and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except OSError as exc:
            if exc.filename is None:  # the output itself refused: cli.main says so
                raise
            # A file name the system refuses (too long, a folder on the way that can't be
            # looked into) where no check was made: one line naming it, not a traceback.
            report_error(CoachError(cannot_use(exc.filename, exc)))
            raise typer.Exit(ExitCode.ERROR) from None
        except typer.TyperException as exc:
            # Usage errors repeat what was typed ("No such command ..."): shown literally,
            # framed in the person's language.
            localise_usage_error(exc)
            raise


# Every command is a LocalisedCommand: its --help speaks the person's language.
CoachCommand = LocalisedCommand


def console(stderr: bool = False) -> Console:
    from coach.live.console import console as make  # noqa: PLC0415 -- keep rich out of start-up

    return make(stderr)


def say(message: str, out: Console | None = None) -> None:
    """One line for the person, shown literally: file names and values can't style the terminal."""
    from coach.live.console import say as show  # noqa: PLC0415 -- keep rich out of start-up

    show(message, out)


def language_option(value: str | None, option: str) -> str | None:
    """A language given with `option` (--lang, --patient-lang): nl or en, else a usage error."""
    from coach.i18n import LANGUAGES  # noqa: PLC0415

    if value is not None and value not in LANGUAGES:
        raise UsageError(
            _('{option} "{value}": expected nl or en').format(option=option, value=value)
        )
    return value


def prose(message: str, out: Console | None = None) -> None:
    """A sentence of advice, wrapped between words to the terminal (`say` keeps one line,
    for file names)."""
    from coach.live.console import literal  # noqa: PLC0415

    (out or console()).print(literal(message))


def report_error(exc: CoachError) -> None:
    from coach.live.console import report_error as report  # noqa: PLC0415

    report(exc)


def get_paths() -> Paths:
    from coach.files.paths import get_paths as _get_paths  # noqa: PLC0415

    return _get_paths()


def get_library() -> Library:
    from coach.files.library import load_library  # noqa: PLC0415
    from coach.live.console import report_warning  # noqa: PLC0415

    library = load_library(get_paths())
    for message in library.skipped:
        report_warning(message)
    return library


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class Format(StrEnum):
    PDF = "pdf"
    MD = "md"


# Parameters several commands share, declared once.
ProgrammeFile = Annotated[
    Path | None,
    typer.Argument(
        help="A programme file (default: current).", autocompletion=completion.programme_files
    ),
]
OutputDocument = Annotated[
    Path | None, typer.Option("--output", "-o", help="The file to write (.pdf or .md).")
]
DocumentFormat = Annotated[
    Format | None,
    typer.Option(
        "--format",
        help="PDF, or Markdown text (default: from the file name, else PDF).",
        show_default=False,
    ),
]
PaperSize = Annotated[Paper, typer.Option(help="Paper size.")]


def get_programme(file: Path | None, library: Library) -> Programme:
    """The programme in `file`, or the current one."""
    from coach.files.programmes import current_programme, load_programme  # noqa: PLC0415

    return load_programme(file, library) if file else current_programme(get_paths(), library)


def output_format(output: Path | None, fmt: Format | None) -> Format:
    """The format to write: as asked, else from the file name; a name coach can't write
    (.docx) or a folder that isn't there is an error before any work is done."""
    from coach.errors import UsageError  # noqa: PLC0415

    if output is None:
        return fmt or Format.PDF
    writable_target(output)
    by_name = {".pdf": Format.PDF, ".md": Format.MD}.get(output.suffix.lower())
    if by_name is None:
        raise UsageError(
            _("{file}: coach writes PDF (.pdf) or Markdown (.md) files").format(file=output)
        )
    if fmt is not None and fmt is not by_name:
        raise UsageError(
            _("{file}: the name says {named}, --format says {asked}").format(
                file=output, named=by_name.value, asked=fmt.value
            )
        )
    return by_name


def clock_time(text: str) -> time:
    """A time of day as typed: "18:00", or "18.00" as the Dutch write it; ValueError with the
    reason in the person's language."""
    import re  # noqa: PLC0415

    value = text.strip()
    if not value:
        raise ValueError(_("expected a time as HH:MM, e.g. 18:00"))
    found = re.fullmatch(r"([0-9]{1,2})[:.]([0-9]{2})", value)
    if found is None:
        raise ValueError(_("{value}: expected a time as HH:MM, e.g. 18:00").format(value=value))
    hour, minute = int(found.group(1)), int(found.group(2))
    if hour > 23 or minute > 59:
        raise ValueError(_("{value}: is not a time of day").format(value=value))
    return time(hour, minute)


def cannot_use(file: Any, exc: OSError) -> str:
    """ "FILE: cannot be used (File name too long)": a file name the system refused."""
    return _("{file}: cannot be used ({reason})").format(file=file, reason=exc.strerror or exc)


def writable_target(output: Path) -> None:
    """A file coach may write: not a folder, in a folder that is there (none is made)."""
    try:
        is_dir, folder_there = output.is_dir(), output.parent.is_dir()
    except OSError as exc:  # a name longer than the system takes (255 bytes), ...
        raise CoachError(cannot_use(output, exc)) from None
    if is_dir:
        raise CoachError(_("{file}: is a folder, expected a file name").format(file=output))
    if not folder_there:
        raise CoachError(
            _("{folder}: no such folder").format(folder=output.parent),
            _("Create it first, or write the file somewhere else."),
        )


def write_document(
    output: Path | None,
    fmt: Format | None,
    pdf: Callable[[], bytes],
    markdown: Callable[[], str],
) -> None:
    """A PDF to `output`, or Markdown to `output` (or to the terminal without one).

    The file is written whole or not at all (a temporary file, then a rename).
    """
    from coach.files.durable import atomic_write_bytes  # noqa: PLC0415

    fmt = output_format(output, fmt)
    if fmt is Format.MD:
        text = markdown()
        if output is None:
            typer.echo(text)
            return
        atomic_write_bytes(output, text.encode("utf-8"))
    else:
        if output is None:
            raise typer.BadParameter("give the PDF file to write", param_hint="--output / -o")
        atomic_write_bytes(output, pdf())
    say(_("Wrote {file}.").format(file=output))
