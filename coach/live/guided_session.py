"""`coach start`, its use case: choose the plan, run it, save it, say how it went.

`start` reads as the list of its steps; today's plan and the questions before a
session are in `todays_plan.py`. It returns the exit code, named in `ExitCode`
(coach/errors.py): DONE, EMERGENCY when an emergency warning sign stops the session,
INTERRUPTED after Ctrl-C, TERMINATED after SIGTERM.
"""

from __future__ import annotations

import contextlib
import errno
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from rich.console import Console

from coach.domain import decisions, warning_signs
from coach.domain.catalogue import Library
from coach.domain.model import ProgressionSettings
from coach.domain.plain_words import seconds
from coach.domain.session_plan import Overrides
from coach.domain.session_record import (
    Before,
    DecisionDone,
    SessionRecord,
    Status,
    new_record,
    planned_exercises,
)
from coach.domain.timeline import Timeline, compile_timeline
from coach.errors import CoachError, ExitCode, UsageError
from coach.files import check_log, learn_topics
from coach.files.paths import Paths
from coach.files.session_lock import session_lock
from coach.files.session_store import Store
from coach.i18n import _, language, ngettext
from coach.live import session_clock, session_questions, warning_check
from coach.live.console import MODE, decide_plain, report_error, report_warning
from coach.live.console import console as make_console
from coach.live.cues import Sound, voice_or_warning
from coach.live.during_session import SymptomWatch
from coach.live.prompts import Asker
from coach.live.runner import Runner
from coach.live.session_clock import Terminated
from coach.live.session_outcome import Ending, Outcome, Settings
from coach.live.summary import session_summary
from coach.live.todays_plan import Live, NoSession, Plan, Ready, get_ready, make_plan, preview


@dataclass
class StartOptions:
    ids: list[str] = field(default_factory=list)
    programme: Path | None = None
    level: int | None = None
    sets: int | None = None
    reps: int | None = None
    hold: int | None = None
    speed: float = 1.0
    dry_run: bool = False
    plain: bool = False
    voice: bool = False
    quiet: bool = False
    flash: bool = False
    skip_check: bool = False  # for therapists demonstrating coach
    get_ready: int | None = None  # seconds to get into each starting position, this run


def wants_plain(option: bool) -> bool:
    """Plain mode: asked for (`coach start --plain`), or as the root decided it (the
    settings file too), or as the terminal is now (`decide_plain`)."""
    return option or MODE.plain or decide_plain(False, None)


def _sound(options: StartOptions) -> Sound:
    if sum((options.voice, options.quiet, options.flash)) > 1:
        raise UsageError(_("Choose one of --voice, --quiet and --flash."))
    if options.quiet:
        return Sound.QUIET
    if options.flash:
        return Sound.FLASH
    return Sound.BELL


def _live(
    options: StartOptions, paths: Paths, store: Store, console: Console, sound: Sound, plan: Plan
) -> Live:
    """How the session runs: plain or not, the sound, and who asks the questions."""
    plain = wants_plain(options.plain or MODE.plain)
    voice = voice_or_warning(report_warning) if options.voice else None
    settings = Settings(
        plain=plain, sound=sound, voice=voice, speed=options.speed, read_keys=sys.stdin.isatty()
    )
    # Questions and progression belong to real programme sessions, not to previews.
    real = plan.kind == "programme" and options.speed == 1.0
    return Live(
        paths,
        store,
        console,
        settings,
        real,
        asker=Asker(console, skip_at_end=True),
        safety_asker=Asker(console),
        skip_check=options.skip_check,
    )


def _not_today(paths: Paths) -> ExitCode:
    """The check before the session said no: EMERGENCY while an emergency sign stands."""
    blocked = warning_signs.blocked(check_log.load(paths)[0])
    return ExitCode.EMERGENCY if blocked else ExitCode.DONE


def _wait_for_enter(live: Live) -> None:
    if live.real and not live.settings.plain and sys.stdin.isatty():
        # Time to read today's plan and to get onto the mat before the screen changes.
        live.asker.text(_("Press Enter to start"), optional=True)


def _claim_record(live: Live, plan: Plan, timeline: Timeline) -> SessionRecord:
    """The session's record, claimed in the store and saved before the first question.

    If it cannot be written (a full disk, a folder that is read-only) coach stops here,
    before anyone exercises, with the file and the reason.
    """
    started = datetime.now().astimezone().replace(microsecond=0)
    record = live.store.claim(
        new_record(
            timeline,
            started,
            plan.title,
            language(),
            live.settings.speed,
            kind=plan.kind,
            programme_id=plan.fingerprint,
        )
    )
    try:
        live.store.save(record)
    except CoachError as exc:
        raise CoachError(
            exc.message,
            _("coach cannot save your session there: free some space or fix the folder first."),
        ) from None
    return record


def _planned_record(
    live: Live, record: SessionRecord, ready: Ready, timeline: Timeline
) -> SessionRecord:
    """The claimed record, its answers kept, with today's exercises as decided and why."""
    record.exercises = planned_exercises(timeline)
    for done, item, decision in zip(
        record.exercises, ready.plan.items, ready.plan.decisions, strict=False
    ):
        done.decision = DecisionDone.of(decision, item.exercise)
    live.store.save(record)
    return record


def _not_started(live: Live, record: SessionRecord) -> None:
    """No session after all: the answers given before it are kept, an empty record goes."""
    if record.before == Before() and record.checkin is None and record.outcomes is None:
        live.store.delete(record)
        return
    record.status = Status.STOPPED
    record.ended = datetime.now().astimezone().replace(microsecond=0)  # never before the start
    live.store.save(record)


def _announce(plan: Plan, timeline: Timeline) -> None:
    """Plain mode: one line saying what is coming, before the first set."""
    heading = ngettext(
        "{title}: {count} exercise, about {duration}",
        "{title}: {count} exercises, about {duration}",
        len(plan.items),
    )
    sys.stdout.write(
        heading.format(
            title=plan.title,
            count=len(plan.items),
            duration=seconds(round(timeline.total)),
        )
        + "\n"
    )
    sys.stdout.flush()


def _symptom_watch(live: Live, plan: Plan, record: SessionRecord) -> SymptomWatch:
    """The questions between exercises and after a sign of trouble."""
    return SymptomWatch(
        record,
        live.store,
        live.paths,
        live.asker,
        live.console,
        plan.programme.progression if plan.programme else ProgressionSettings(),
        {i: item.exercise.name.get(language()) for i, item in enumerate(plan.items)},
    )


def _run(live: Live, timeline: Timeline, record: SessionRecord, watch: SymptomWatch) -> Outcome:
    """The session itself: the timed screen, with the questions of a real session."""
    runner = Runner(
        timeline,
        record,
        live.store,
        live.settings,
        live.console,
        between=watch.after_exercise if live.real else None,
        hurt=watch.hurt if live.real else None,
    )
    return runner.run()


def _ask_note(live: Live, record: SessionRecord) -> None:
    record.note = session_questions.after_session(live.asker)
    if record.note:
        live.store.save(record)


def _summarise(
    live: Live, plan: Plan, outcome: Outcome, record: SessionRecord, percent: int
) -> None:
    """How it went, the full sessions this week and, after a good session, a fact to learn."""
    this_week = live.store.history(since=decisions.monday(date.today()))
    names = {item.exercise.id: item.exercise.name.get(language()) for item in plan.items}
    per_week = plan.programme.sessions_per_week if plan.programme else None
    counted = [r for r in this_week.sessions if r.full(percent)]
    fact = None
    if record.stop_reason not in ("emergency", "leg", "pain"):  # no cheerful extras then
        fact = learn_topics.did_you_know(
            learn_topics.topics(), language(), date.today(), len(this_week.sessions)
        )
    live.console.print(session_summary(outcome, names, len(counted), per_week, fact, percent))
    for problem in this_week.problems:
        report_error(problem, warning=True)


def start(options: StartOptions, paths: Paths, library: Library) -> ExitCode:
    """The use case of `coach start`: check, ask, run, save and sum up today's session."""
    sound = _sound(options)
    store = Store(paths)
    overrides = Overrides(options.level, options.sets, options.reps, options.hold)
    plan = make_plan(options.ids, options.programme, overrides, paths, library, store)
    console = make_console()
    if options.dry_run:
        preview(plan, options.get_ready, console)
        return ExitCode.DONE
    live = _live(options, paths, store, console, sound, plan)
    # From here on a signal stops coach only where nothing is half written (session_clock).
    with session_clock.stop_signals():
        try:
            with session_lock(paths):
                return _session(live, plan, options)
        except Terminated as stop:  # at a question: every answer given is saved already
            return _signalled(stop.signum)
        except OSError as exc:  # the terminal is gone (EIO) and no SIGHUP came: a hang-up
            if exc.errno != errno.EIO:
                raise
            return _signalled(session_clock.HANGUP)


def _session(live: Live, plan: Plan, options: StartOptions) -> ExitCode:
    """Holding the session lock: the check, the questions, the session, the summary."""
    live.store.close_interrupted()  # what a dead process left in progress, with its sets
    gate = warning_check.gate(live.paths, live.safety_asker, live.console, skip=live.skip_check)
    if not gate.open:
        return _not_today(live.paths)
    # Saved before the first question: coach proves it can write before anyone exercises,
    # and each answer is kept as it is given.
    record = _claim_record(live, plan, compile_timeline(plan.items, options.get_ready))
    try:
        ready = get_ready(live, plan, gate.asked, record)
        _wait_for_enter(live)
    except NoSession as stop:
        _not_started(live, record)
        return stop.code
    except BaseException:  # a signal, Ctrl-C, a wrong answer, a closed window: answers kept
        with contextlib.suppress(CoachError, OSError):  # the first error is the one to say
            _not_started(live, record)
        raise
    timeline = compile_timeline(ready.plan.items, options.get_ready)
    record = _planned_record(live, record, ready, timeline)
    if live.settings.plain:
        _announce(ready.plan, timeline)
    watch = _symptom_watch(live, ready.plan, record)
    try:
        outcome = _run(live, timeline, record, watch)
    except CoachError as exc:  # the record can't be saved (a disk full since the start)
        if not watch.emergency:
            raise
        if not watch.unsaved:  # said once already otherwise
            report_error(exc)
        return ExitCode.EMERGENCY  # what to do has been shown, the sign noted
    if outcome.signal is not None:  # the work is saved; leave at once, asking nothing
        return _signalled(outcome.signal)
    if live.real and outcome.ending is not Ending.DISCARDED and not watch.emergency:
        _ask_note(live, record)
    _summarise(live, ready.plan, outcome, record, watch.settings.full_session_percent)
    if watch.emergency:  # as after `coach check`: an emergency sign is exit 3
        return ExitCode.EMERGENCY
    return ExitCode.INTERRUPTED if outcome.interrupted else ExitCode.DONE


def _signalled(signum: int) -> ExitCode:
    """Stopped by SIGTERM or SIGHUP: said, when somebody can still read it."""
    code = ExitCode.after(signum)
    if code is ExitCode.HANGUP:  # the window is closed: nobody is left to read a word
        session_clock.terminal_gone()
        return code
    with contextlib.suppress(OSError):
        report_warning(
            _("Stopped by a signal ({signal}); what you did has been saved.").format(
                signal="SIGTERM"
            )
        )
    return code
