"""`coach programme ...`: compose, show, check, use and export a therapist's plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coach.commands import completion
from coach.commands.common import (
    CoachCommand,
    CoachGroup,
    ProgrammeFile,
    clock_time,
    console,
    get_library,
    get_paths,
    get_programme,
    language_option,
    report_error,
    say,
)
from coach.domain.limits import WEEKS_LIMIT
from coach.errors import CoachError, ExitCode, UsageError
from coach.i18n import N_, _

app = typer.Typer(
    cls=CoachGroup,
    help="Programmes: a therapist's plan for one person.",
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)


@app.command("show", cls=CoachCommand)
def programme_show(
    file: ProgrammeFile = None,
) -> None:
    """Show a programme: schedule, exercises, dosage and progression settings."""
    from coach.live import library_views  # noqa: PLC0415

    library = get_library()
    programme = get_programme(file, library)
    console().print(library_views.programme_detail(programme))


@app.command("check", cls=CoachCommand)
def programme_check(
    files: Annotated[
        list[Path],
        typer.Argument(help="Programme files to check.", autocompletion=completion.programme_files),
    ],
) -> None:
    """Check programme files: exit 0 when all are valid, 1 with every problem otherwise."""
    from rich.text import Text  # noqa: PLC0415

    from coach.errors import InvalidFileError, Problem  # noqa: PLC0415
    from coach.files.programmes import load_programme, logo_problem  # noqa: PLC0415
    from coach.live.console import line  # noqa: PLC0415

    library = get_library()
    out = console()
    bad = 0
    for file in files:
        try:
            programme = load_programme(file, library)
            if programme.logo is not None and (problem := logo_problem(programme.logo)):
                raise InvalidFileError([Problem(file, "logo", problem)])
        except CoachError as exc:
            bad += 1
            exc.hint = None  # it would only say: run this very command
            report_error(exc)
            continue
        out.print(
            Text.assemble(("✓ ", "green"), line(_("{file}: valid").format(file=file))),
            soft_wrap=True,
        )
    if bad:
        raise typer.Exit(ExitCode.ERROR)


@app.command("use", cls=CoachCommand)
def programme_use(
    file: Annotated[
        Path,
        typer.Argument(
            help="The programme file to use from now on.", autocompletion=completion.programme_files
        ),
    ],
) -> None:
    """Make a programme the current one; the previous one is kept."""
    from datetime import datetime  # noqa: PLC0415

    from coach.files.programmes import use_programme  # noqa: PLC0415

    paths = get_paths()
    library = get_library()
    result = use_programme(file, paths, library, datetime.now().astimezone())
    out = console()
    say(_("Now using {file}.").format(file=file), out)
    say(_("Stored as {path}").format(path=result.current), out)
    if result.previous:
        say(_("The previous programme is kept as {path}").format(path=result.previous), out)
    from coach.commands.remind import follow_programme  # noqa: PLC0415
    from coach.files.programmes import current_programme  # noqa: PLC0415

    follow_programme(paths, current_programme(paths, library))


@app.command("new", cls=CoachCommand)
def programme_new(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write.")
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise",
            "-e",
            metavar=N_("SPEC"),
            help="ID[@LEVEL][:SETSxREPS[/HOLDs]] or ID:MINUTESmin, repeatable. "
            "Without it, coach asks.",
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(help="The programme's title.")] = None,
    patient: Annotated[str | None, typer.Option(help="The patient's name.")] = None,
    therapist: Annotated[str | None, typer.Option(help="The therapist's name.")] = None,
    practice: Annotated[str | None, typer.Option(help="The practice.")] = None,
    phone: Annotated[str | None, typer.Option(help="The practice's phone number.")] = None,
    email: Annotated[str | None, typer.Option(help="The practice's e-mail address.")] = None,
    recipient: Annotated[
        str | None,
        typer.Option(
            metavar="age1...",
            help="The practice's public key (coach practice keygen): exports are sealed to it.",
        ),
    ] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option(
            metavar=N_("TEXT"),
            help="An activity the back makes hard, for the outcome measure (up to 3).",
        ),
    ] = None,
    per_week: Annotated[
        int | None,
        typer.Option("--per-week", min=1, max=7, help="Sessions per week (1-7)."),
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(metavar=N_("DAYS"), help="Session days instead of a count, e.g. mon,wed,fri."),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(metavar=N_("DATE"), help="Start date, YYYY-MM-DD (default today)."),
    ] = None,
    agreed: Annotated[
        str | None,
        typer.Option(metavar=N_("DATE"), help="Date the patient agreed to the plan, YYYY-MM-DD."),
    ] = None,
    notes: Annotated[str | None, typer.Option(help="Notes for the patient.")] = None,
    note: Annotated[
        list[str] | None,
        typer.Option(
            metavar=N_("ID=TEXT"), help="A note for one exercise, e.g. bird-dog='Keep it slow'."
        ),
    ] = None,
    patient_lang: Annotated[
        str | None,
        typer.Option(
            "--patient-lang", metavar="nl|en", help="The patient's language, for print and screens."
        ),
    ] = None,
    allow_outside_range: Annotated[
        bool,
        typer.Option(
            "--allow-outside-range",
            help="Allow dosages outside a level's usual range (printed with a note).",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Compose a programme from the library and write it to a file."""
    from coach.commands import programme_questions, programme_wizard  # noqa: PLC0415

    library = get_library()
    answers = programme_wizard.Answers(
        output=output,
        exercises=exercise or [],
        title=title,
        patient=patient,
        therapist=therapist,
        practice=practice,
        phone=phone,
        email=email,
        recipient=recipient,
        activities=activity or [],
        per_week=per_week,
        days=days,
        start=start,
        agreed=agreed,
        notes=notes,
        exercise_notes=programme_wizard.exercise_notes(note or []),
        allow_outside_range=allow_outside_range,
        lang=language_option(patient_lang, "--patient-lang"),
    )
    programme_wizard.check_options(answers)  # what was given is checked before any question
    if output is not None:
        programme_wizard.check_target(output, force=force)
    out = console()
    review = None
    if not answers.exercises:
        answers = programme_questions.ask(answers, library, out, force=force)
        review = programme_wizard.reviewer(out)
    target = programme_wizard.build(answers, library, force=force, review=review)
    if target is None:
        say(_("Nothing was written."), out)
        return
    say(_("Wrote {file}.").format(file=target), out)
    say(_("Check it with: coach programme show {file}").format(file=target), out)
    say(
        _("Make it the current programme with: coach programme use {file}").format(file=target), out
    )


@app.command("calendar", cls=CoachCommand)
def programme_calendar(
    file: ProgrammeFile = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The .ics file to write.")] = Path(
        "coach.ics"
    ),
    at: Annotated[
        str, typer.Option("--time", metavar=N_("HH:MM"), help="Time of day, HH:MM.")
    ] = "18:00",
    remind: Annotated[int, typer.Option(help="Reminder, minutes before.", min=0, max=1440)] = 15,
    weeks: Annotated[
        int | None,
        typer.Option(
            help="End after this many weeks (default: no end).",
            min=WEEKS_LIMIT[0],
            max=WEEKS_LIMIT[1],
        ),
    ] = None,
) -> None:
    """Export the session days as recurring calendar events with a reminder (.ics)."""
    from datetime import date  # noqa: PLC0415

    from coach.documents.calendar import calendar  # noqa: PLC0415
    from coach.files.durable import atomic_write_bytes  # noqa: PLC0415

    try:
        when = clock_time(at)
    except ValueError as exc:
        raise UsageError(f"--time: {exc}") from None
    library = get_library()
    programme = get_programme(file, library)
    atomic_write_bytes(output, calendar(programme, when, remind, weeks, date.today()))
    say(_("Wrote {file}.").format(file=output))
    say(
        _(
            "Google Calendar drops the reminder when it imports a file; "
            "`coach remind install` has your computer remind you instead."
        )
    )
