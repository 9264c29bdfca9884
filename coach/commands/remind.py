"""`coach remind ...`: a reminder on the session days, from the operating system.

`coach remind` itself shows a desktop notification when a session is due today and not
done yet, never at night; the job `coach remind install` writes runs it (a systemd user
timer, a launchd agent or a Windows task: `coach.system.reminder_jobs`).
"""

from __future__ import annotations

import os
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Annotated

import typer

from coach.commands.common import (
    CoachCommand,
    CoachGroup,
    clock_time,
    console,
    get_library,
    get_paths,
    say,
)
from coach.errors import CoachError, UsageError
from coach.i18n import _

if TYPE_CHECKING:
    from coach.domain.model import Programme
    from coach.files.paths import Paths
    from coach.files.reminder import Outcome
    from coach.system.reminder_jobs import Job

app = typer.Typer(
    cls=CoachGroup,
    help="A reminder on your session days, shown by your computer even when coach is not "
    "open. On its own, `coach remind` shows it now if a session is due today and not done.",
    invoke_without_command=True,
    rich_markup_mode=None,
    add_completion=False,
)


def parse_time(text: str) -> time:
    """A time of day (`clock_time`), but none at night: a reminder then would wake people."""
    from coach.domain.session_days import NIGHT_FROM, NIGHT_UNTIL, at_night  # noqa: PLC0415

    at = clock_time(text)
    if at_night(at):
        raise ValueError(
            _(
                "{value}: too early or too late for a reminder; choose a time between {start} "
                "and {end}"
            ).format(value=f"{at:%H:%M}", start=f"{NIGHT_UNTIL:%H:%M}", end=f"{NIGHT_FROM:%H:%M}")
        )
    return at


def _when(moment: datetime) -> str:
    from coach.domain.plain_words import long_date  # noqa: PLC0415

    return f"{long_date(moment.date())}, {moment:%H:%M}"


@app.callback()
def remind(ctx: typer.Context) -> None:
    """Show a reminder when a session is due today and not done yet (the job runs this)."""
    if ctx.invoked_subcommand is not None:
        return
    from coach.domain.session_days import at_night, session_due  # noqa: PLC0415
    from coach.files.programmes import current_programme  # noqa: PLC0415

    now = datetime.now().astimezone()
    paths = get_paths()
    if at_night(now.time()):  # before the programme is read: nothing to load at night
        _tell(_("It is night: no reminder now."))
        return
    programme = current_programme(paths, get_library())
    if not session_due(programme, now.date()):
        _tell(_("No session is planned today."))
        return
    if _done_today(paths, now.date()):
        _tell(_("Today's session is done: no reminder needed."))
        return
    _show(programme)


def _tell(message: str) -> None:
    """What `coach remind` did, for a person who runs it by hand; the job runs it without
    an output (Windows: pythonw.exe), and that is no error."""
    import contextlib  # noqa: PLC0415

    with contextlib.suppress(OSError, ValueError):
        say(message)


def _done_today(paths: Paths, today: date) -> bool:
    from coach.files.session_store import Store  # noqa: PLC0415

    found = Store(paths).history(since=today)
    return any(r.counts and r.day == today for r in found.sessions)  # work or answers in it


def _show(programme: Programme) -> None:
    from coach.i18n import language  # noqa: PLC0415
    from coach.system.notify import notifier, notify_and_wait  # noqa: PLC0415

    message = _("Time for your exercises: {title}. Start them with: coach start").format(
        title=programme.title.get(language())
    )
    found = notifier()
    if found is None or not notify_and_wait(found, "coach", message):
        raise CoachError(
            _(
                "No desktop notification could be shown (looked for notify-send, osascript and "
                "PowerShell)."
            ),
            _("On Linux, install libnotify-bin (notify-send)."),
        )
    _tell(_("Reminder shown: {message}").format(message=message))


def _job(paths: Paths, days: tuple[str, ...], at: time, lang: str) -> Job:
    from coach.system.reminder_jobs import job  # noqa: PLC0415

    # Where coach's files are, as this shell sees it: the job must find the same ones.
    names = ("COACH_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    env = {name: os.environ[name] for name in names if os.environ.get(name)}
    return job(days, at, lang, paths.data_dir / "reminder", env)


def _ask_time(default: time) -> time:
    import sys  # noqa: PLC0415

    from coach.live.prompts import Asker  # noqa: PLC0415

    if not sys.stdin.isatty():
        return default
    return Asker(console()).ask(
        _("At what time shall coach remind you on a session day?"),
        parse_time,
        default=f"{default:%H:%M}",
    )


AtOption = Annotated[
    str | None,
    typer.Option(
        "--at",
        metavar="HH:MM",
        help="The time of the reminder (default: asked once, 18:00).",
        show_default=False,
    ),
]


@app.command("install", cls=CoachCommand)
def install(
    at: AtOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the files it would write; write nothing.")
    ] = False,
) -> None:
    """Have your computer run `coach remind` on your session days."""
    from coach.domain.session_days import DEFAULT_AT, session_days  # noqa: PLC0415
    from coach.files import reminder  # noqa: PLC0415
    from coach.files.programmes import current_programme  # noqa: PLC0415
    from coach.i18n import language  # noqa: PLC0415

    paths = get_paths()
    programme = current_programme(paths, get_library())
    before = reminder.load_or_none(paths)
    if at is not None:
        try:
            when = parse_time(at)
        except ValueError as exc:
            raise UsageError(f"--at: {exc}") from None
    elif before is not None:
        when = before.at  # asked once: kept from then on
    else:
        when = _ask_time(DEFAULT_AT)
    days = session_days(programme)
    job = _job(paths, days, when, language())
    if dry_run:
        _print_job(job)
        return
    _install(paths, job)


def _install(paths: Paths, job: Job) -> None:
    from coach.domain.plain_words import weekdays  # noqa: PLC0415
    from coach.domain.session_days import next_reminder  # noqa: PLC0415
    from coach.files import reminder  # noqa: PLC0415

    outcome = reminder.install(paths, job)
    for path in outcome.written:
        say(_("Wrote {file}.").format(file=path))
    _said_kept(outcome)
    next_time = next_reminder(job.days, job.at, datetime.now().astimezone())
    if outcome.skipped or outcome.failed:
        problem = (
            _("{tool} was not found, so nothing switches the reminder on.").format(
                tool=outcome.skipped
            )
            if outcome.skipped
            else _("The reminder could not be switched on: {reason}").format(
                reason=outcome.failed[0]
            )
        )
        raise CoachError(
            problem,
            _("The files are written; `coach remind remove` removes them again."),
        )
    say(
        _("Reminder installed: {days} at {time}. The next one comes on {next}.").format(
            days=weekdays(job.days), time=f"{job.at:%H:%M}", next=_when(next_time)
        )
    )


def _said_kept(outcome: Outcome) -> None:
    from coach.live.console import report_warning  # noqa: PLC0415

    for path in outcome.kept:
        report_warning(
            _("{file}: changed since coach wrote it, so it is left as it is.").format(file=path)
        )


def _print_job(job: Job) -> None:
    from coach.live.console import visible  # noqa: PLC0415
    from coach.system.reminder_jobs import shown  # noqa: PLC0415

    for path, data in job.files.items():
        text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode()
        typer.echo(visible(f"# {path}", one_line=True))
        typer.echo(visible(text.rstrip("\n")))
        typer.echo("")
    for command in [*job.prepare, *job.enable]:
        typer.echo(visible("$ " + shown(command), one_line=True))


@app.command("status", cls=CoachCommand)
def status() -> None:
    """What reminder is installed, and when it comes next."""
    from coach.domain.plain_words import weekdays  # noqa: PLC0415
    from coach.domain.session_days import next_reminder, session_days  # noqa: PLC0415
    from coach.files import reminder  # noqa: PLC0415
    from coach.files.programmes import current_programme  # noqa: PLC0415

    paths = get_paths()
    installed = reminder.load(paths)
    if installed is None:
        say(_("No reminder is installed. Set one up with: coach remind install"))
        return
    job = _job(paths, installed.days, installed.at, installed.lang)
    kind = {
        "systemd": _("a systemd user timer"),
        "launchd": _("a launchd agent"),
        "schtasks": _("a Windows Task Scheduler task"),
    }[installed.system]
    say(
        _("Reminder: {days} at {time} ({kind}).").format(
            days=weekdays(installed.days), time=f"{installed.at:%H:%M}", kind=kind
        )
    )
    for path in installed.files:
        say(_("File: {file}").format(file=path))
    on = reminder.switched_on(job)
    if on is False:
        say(_("It is not switched on: run coach remind install again."))
    elif on is None:
        say(
            _("coach cannot check here whether it is switched on ({tool} was not found).").format(
                tool=job.tool
            )
        )
    else:
        next_time = next_reminder(installed.days, installed.at, datetime.now().astimezone())
        say(_("The next one comes on {next}.").format(next=_when(next_time)))
    days = session_days(current_programme(paths, get_library()))
    if days != installed.days:
        say(
            _("Your programme's session days are now {days}: run coach remind install.").format(
                days=weekdays(days)
            )
        )


@app.command("remove", cls=CoachCommand)
def remove() -> None:
    """Switch the reminder off and remove exactly what install wrote."""
    from coach.files import reminder  # noqa: PLC0415
    from coach.system.reminder_jobs import shown  # noqa: PLC0415

    paths = get_paths()
    installed = reminder.load(paths)
    if installed is None:
        say(_("No reminder is installed."))
        return
    job = _job(paths, installed.days, installed.at, installed.lang)
    outcome = reminder.remove(paths, installed, job)
    for path in outcome.removed:
        say(_("Removed {file}.").format(file=path))
    _said_kept(outcome)
    if outcome.failed and outcome.still_there:  # Windows keeps its own copy of the task
        raise CoachError(
            _("The reminder could not be switched off: {reason}").format(reason=outcome.failed[0]),
            _("Run this, then coach remind remove again: {command}").format(
                command=shown(job.disable[0])
            ),
        )
    if outcome.failed:  # its files are gone: the system forgets it at the next log-in
        from coach.live.console import report_warning  # noqa: PLC0415

        report_warning(
            _(
                "The reminder could not be switched off now ({reason}); its files are "
                "removed, so it stops the next time you log in."
            ).format(reason=outcome.failed[0])
        )
    say(_("The reminder is removed."))


def follow_programme(paths: Paths, programme: Programme) -> None:
    """After `programme use`: an installed reminder moves to the new programme's days, and
    speaks the language the therapist chose in it."""
    from coach.domain.session_days import session_days  # noqa: PLC0415
    from coach.files import reminder  # noqa: PLC0415
    from coach.live.console import report_warning  # noqa: PLC0415

    installed = reminder.load_or_none(paths)  # `coach remind status` names what is wrong
    if installed is None:
        return
    days = session_days(programme)
    lang = programme.lang or installed.lang
    if (days, lang) == (installed.days, installed.lang):
        return
    try:
        job = _job(paths, days, installed.at, lang)
        _install(paths, job)
    except CoachError as exc:
        report_warning(f"{exc} {exc.hint or ''}".strip())
