"""The command line: parse, call the library, render. Nothing else lives here.

Heavy modules (rich tables, the library loader, the session runner) are imported
inside the commands that need them, so `coach --version` and `--help` stay fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from coach import __version__
from coach.errors import CoachError
from coach.i18n import _

if TYPE_CHECKING:
    from rich.console import Console

    from coach.domain.catalogue import Library
    from coach.files.paths import Paths


class CoachGroup(TyperGroup):
    """Turns every CoachError into a one-line message, a hint and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CoachError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=CoachGroup,
    name="coach",
    help="A terminal exercise coach for low back pain.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
exercises_app = typer.Typer(
    cls=CoachGroup, help="The exercise library.", no_args_is_help=True, rich_markup_mode=None
)
programme_app = typer.Typer(
    cls=CoachGroup,
    help="Programmes: a therapist's plan for one person.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(exercises_app, name="exercises")
app.add_typer(programme_app, name="programme")


# -- shared helpers -------------------------------------------------------------


def console(stderr: bool = False) -> Console:
    from coach.live.console import console as make  # noqa: PLC0415 -- keep rich out of start-up

    return make(stderr)


def report_error(exc: CoachError) -> None:
    from coach.live.console import report_error as report  # noqa: PLC0415

    report(exc)


def get_paths() -> Paths:
    from coach.files.paths import get_paths as _get_paths  # noqa: PLC0415

    return _get_paths()


def get_library() -> Library:
    from coach.files.library import load_library  # noqa: PLC0415

    return load_library(get_paths())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coach {__version__}")
        raise typer.Exit


@app.callback()
def root(
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language: nl or en (default: settings, else the locale)."),
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


# -- exercises ------------------------------------------------------------------


@exercises_app.command("list")
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
    console().print(library_views.exercise_list(library))


@exercises_app.command("show")
def exercises_show(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="The exercise id.")],
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Also write the pictures to this SVG file.")
    ] = None,
) -> None:
    """Show everything about one exercise."""
    library = get_library()
    from coach.live import library_views  # noqa: PLC0415

    exercise = library.get(exercise_id)
    if svg is not None:
        from coach.documents.figures import exercise_svg  # noqa: PLC0415
        from coach.files.durable import atomic_write_bytes  # noqa: PLC0415

        atomic_write_bytes(svg, exercise_svg(exercise).encode("utf-8"))
        console().print(_("Wrote {file}.").format(file=svg), soft_wrap=True)
        return
    console().print(library_views.exercise_detail(exercise, library))


# -- programme ------------------------------------------------------------------


@programme_app.command("show")
def programme_show(
    file: Annotated[
        Path | None, typer.Argument(help="A programme file (default: current).")
    ] = None,
) -> None:
    """Show a programme: schedule, exercises, dosage and progression settings."""
    from coach.files.programmes import current_programme, load_programme  # noqa: PLC0415
    from coach.live import library_views  # noqa: PLC0415

    library = get_library()
    programme = load_programme(file, library) if file else current_programme(get_paths(), library)
    console().print(library_views.programme_detail(programme))


@programme_app.command("check")
def programme_check(
    files: Annotated[list[Path], typer.Argument(help="Programme files to check.")],
) -> None:
    """Check programme files: exit 0 when all are valid, 1 with every problem otherwise."""
    from rich.text import Text  # noqa: PLC0415

    from coach.files.programmes import load_programme  # noqa: PLC0415

    library = get_library()
    out = console()
    bad = 0
    for file in files:
        try:
            load_programme(file, library)
        except CoachError as exc:
            bad += 1
            exc.hint = None  # it would only say: run this very command
            report_error(exc)
            continue
        out.print(
            Text.assemble(("✓ ", "green"), _("{file}: valid").format(file=file)), soft_wrap=True
        )
    if bad:
        raise typer.Exit(1)


@programme_app.command("use")
def programme_use(
    file: Annotated[Path, typer.Argument(help="The programme file to use from now on.")],
) -> None:
    """Make a programme the current one; the previous one is kept."""
    from datetime import datetime  # noqa: PLC0415

    from coach.files.programmes import use_programme  # noqa: PLC0415

    paths = get_paths()
    result = use_programme(file, paths, get_library(), datetime.now().astimezone())
    out = console()
    out.print(_("Now using {file}.").format(file=file), soft_wrap=True)
    out.print(_("Stored as {path}").format(path=result.current), soft_wrap=True)
    if result.previous:
        out.print(
            _("The previous programme is kept as {path}").format(path=result.previous),
            soft_wrap=True,
        )


@programme_app.command("new")
def programme_new(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write.")
    ] = None,
    exercise: Annotated[
        list[str] | None,
        typer.Option(
            "--exercise",
            "-e",
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
    per_week: Annotated[
        int | None, typer.Option("--per-week", help="Sessions per week (1-7).")
    ] = None,
    days: Annotated[
        str | None, typer.Option(help="Session days instead of a count, e.g. mon,wed,fri.")
    ] = None,
    start: Annotated[
        str | None, typer.Option(help="Start date, YYYY-MM-DD (default today).")
    ] = None,
    agreed: Annotated[
        str | None, typer.Option(help="Date the patient agreed to the plan, YYYY-MM-DD.")
    ] = None,
    notes: Annotated[str | None, typer.Option(help="Notes for the patient.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Compose a programme from the library and write it to a file."""
    from coach.commands import programme_wizard  # noqa: PLC0415

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
        per_week=per_week,
        days=days,
        start=start,
        agreed=agreed,
        notes=notes,
    )
    out = console()
    if not answers.exercises:
        answers = programme_wizard.ask(answers, library, out)
    target = programme_wizard.build(answers, library, force=force)
    out.print(_("Wrote {file}.").format(file=target), soft_wrap=True)
    out.print(_("Check it with: coach programme show {file}").format(file=target))
    out.print(
        _("Make it the current programme with: coach programme use {file}").format(file=target)
    )


@programme_app.command("calendar")
def programme_calendar(
    file: Annotated[
        Path | None, typer.Argument(help="A programme file (default: current).")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The .ics file to write.")] = Path(
        "coach.ics"
    ),
    at: Annotated[str, typer.Option("--time", help="Time of day, HH:MM.")] = "18:00",
    remind: Annotated[int, typer.Option(help="Reminder, minutes before.", min=0, max=1440)] = 15,
    weeks: Annotated[
        int | None, typer.Option(help="End after this many weeks (default: no end).", min=1)
    ] = None,
) -> None:
    """Export the session days as recurring calendar events with a reminder (.ics)."""
    from datetime import date, time  # noqa: PLC0415

    from coach.documents.calendar import calendar  # noqa: PLC0415
    from coach.files.durable import atomic_write_bytes  # noqa: PLC0415
    from coach.files.programmes import current_programme, load_programme  # noqa: PLC0415

    try:
        when = time.fromisoformat(at)
    except ValueError:
        raise typer.BadParameter(f"expected a time like 18:00, found {at!r}") from None
    library = get_library()
    programme = load_programme(file, library) if file else current_programme(get_paths(), library)
    atomic_write_bytes(output, calendar(programme, when, remind, weeks, date.today()))
    console().print(_("Wrote {file}.").format(file=output), soft_wrap=True)


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class Format(StrEnum):
    PDF = "pdf"
    MD = "md"


def _write_document(
    output: Path | None, fmt: Format, pdf: Callable[[], bytes], markdown: Callable[[], str]
) -> None:
    """A PDF to `output`, or Markdown to `output` (or to the terminal without one)."""
    from coach.files.durable import atomic_write_bytes  # noqa: PLC0415

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
    console().print(_("Wrote {file}.").format(file=output), soft_wrap=True)


@app.command("print")
def print_programme(
    file: Annotated[
        Path | None, typer.Argument(help="A programme file (default: current).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write (.pdf or .md).")
    ] = None,
    paper: Annotated[Paper, typer.Option(help="Paper size.")] = Paper.A4,
    fmt: Annotated[Format, typer.Option("--format", help="PDF, or Markdown text.")] = Format.PDF,
    log_sheet: Annotated[
        bool, typer.Option("--log-sheet/--no-log-sheet", help="Add the paper log sheet.")
    ] = True,
) -> None:
    """Print a programme: a PDF handout with pictures and a log sheet, or Markdown."""
    from datetime import date  # noqa: PLC0415

    from coach.files.programmes import current_programme, load_programme  # noqa: PLC0415

    library = get_library()
    programme = load_programme(file, library) if file else current_programme(get_paths(), library)
    today = date.today()

    def pdf() -> bytes:
        from coach.documents.handout import handout  # noqa: PLC0415

        return handout(programme, paper.value, today, log_sheet)

    def markdown() -> str:
        from coach.documents.handout_md import programme_markdown  # noqa: PLC0415

        return programme_markdown(programme, today)

    _write_document(output, fmt, pdf, markdown)


@app.command("report")
def report(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The file to write (.pdf or .md).")
    ] = None,
    weeks: Annotated[int, typer.Option(help="How many weeks to look back.", min=1)] = 8,
    fmt: Annotated[Format, typer.Option("--format", help="PDF, or Markdown text.")] = Format.PDF,
    paper: Annotated[Paper, typer.Option(help="Paper size.")] = Paper.A4,
) -> None:
    """The progress report for the next visit: adherence, dosage changes, pain, notes."""
    from datetime import date  # noqa: PLC0415

    from coach.documents import report as progress_report  # noqa: PLC0415

    data = progress_report.gather(get_paths(), weeks, date.today())
    _write_document(
        output,
        fmt,
        lambda: progress_report.report_pdf(data, paper.value),
        lambda: progress_report.report_markdown(data),
    )


@app.command("start")
def start(
    exercise_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ID]...", help="Run these exercises once instead of the programme."
        ),
    ] = None,
    programme: Annotated[
        Path | None, typer.Option("--programme", "-p", help="Run this programme file.")
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
) -> None:
    """Start today's session: timed sets, holds, rests and side switches."""
    from coach.live import guided_session as session  # noqa: PLC0415

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
        ),
        get_paths(),
    )
    if code:
        raise typer.Exit(code)


@app.command("breaks")
def breaks(
    every: Annotated[int, typer.Option(help="Minutes between reminders.", min=1, max=600)] = 50,
    walk: Annotated[int, typer.Option(help="Minutes of each walk.", min=1, max=30)] = 3,
    snooze: Annotated[int, typer.Option(help="Minutes a snooze lasts.", min=1, max=120)] = 10,
    voice: Annotated[bool, typer.Option("--voice", help="Speak the reminders.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No bell.")] = False,
    notify: Annotated[
        bool,
        typer.Option("--notify", help="Also show desktop notifications (notify-send, osascript)."),
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
    out.print(summary(day, runner.timer))
    if runner.interrupted:
        raise typer.Exit(130)


@app.command("learn")
def learn(
    topic: Annotated[str | None, typer.Argument(help="A topic id or number.")] = None,
) -> None:
    """Short topics about low back pain: what it is, moving, load, when to see a doctor."""
    from coach.files import learn_topics as topics_module  # noqa: PLC0415
    from coach.live import library_views  # noqa: PLC0415

    topics = topics_module.topics()
    if topic is None:
        console().print(library_views.topic_list(topics))
        return
    if topic.isdigit() and 1 <= int(topic) <= len(topics):
        chosen = topics[int(topic) - 1]
    else:
        chosen = topics_module.find(topic, topics)
    console().print(library_views.topic_view(chosen))


@app.command("check")
def check() -> None:
    """Warning signs that need a doctor: yes/no questions. Exits 3 on an emergency sign."""
    from coach.domain.warning_signs import Reason  # noqa: PLC0415
    from coach.live import warning_check  # noqa: PLC0415
    from coach.live.prompts import Asker  # noqa: PLC0415

    out = console()
    result = warning_check.check_now(get_paths(), Asker(out), out, Reason.ASKED)
    if result.emergency:
        raise typer.Exit(3)


@app.command("next")
def next_session(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """What the next session will be, per exercise, and why."""
    from coach.commands import looking_back  # noqa: PLC0415

    looking_back.next_command(get_paths(), as_json, console())


@app.command("progress")
def progress(
    weeks: Annotated[int, typer.Option("--weeks", help="How many weeks to look back.")] = 8,
    export: Annotated[
        Path | None, typer.Option("--export", help="Write CSV or JSON (by the file's extension).")
    ] = None,
) -> None:
    """Adherence per week, today's dosage per exercise, and charts of load and pain."""
    from coach.commands import looking_back  # noqa: PLC0415

    looking_back.progress_command(get_paths(), weeks, export, console())


@app.command("history")
def history(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV, one row per exercise.")] = False,
) -> None:
    """One line per session."""
    from coach.commands import looking_back  # noqa: PLC0415

    if as_json and as_csv:
        raise typer.BadParameter("choose one of --json and --csv")
    looking_back.history_command(
        get_paths(), "json" if as_json else "csv" if as_csv else "text", console()
    )


@app.command("paths")
def paths_command() -> None:
    """Show where coach keeps settings, exercises, programmes and progress."""
    from coach.live import library_views  # noqa: PLC0415

    console().print(library_views.paths_table(get_paths()))


def main() -> None:
    """The console script."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - typer turns it into exit 130 already
        sys.exit(130)
