"""`coach start`: choose the plan, run it, save it, say how it went.

Returns the exit code: 0, 130 after Ctrl-C, 143 after SIGTERM.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.text import Text

from coach.domain import decisions, plain_words, session_phrases, warning_signs
from coach.domain.catalogue import Library
from coach.domain.decisions import HISTORY_SESSIONS
from coach.domain.model import Exercise, Programme, ProgressionSettings
from coach.domain.plain_words import explain
from coach.domain.progression_rules import Decision
from coach.domain.seen import Kind, Morning
from coach.domain.session_plan import Overrides, single_plan
from coach.domain.session_record import Before, Checkin, DecisionDone, new_record
from coach.domain.timeline import PlannedExercise, Timeline, compile_timeline
from coach.domain.warning_signs import Reason, pain_jump
from coach.errors import UsageError
from coach.files import check_log, learn_topics
from coach.files.paths import Paths
from coach.files.programmes import current_programme, fingerprint, load_programme
from coach.files.session_lock import session_lock
from coach.files.session_store import Store
from coach.i18n import _, both, language, ngettext
from coach.live import session_questions, warning_check
from coach.live.console import MODE, report_error, report_warning
from coach.live.console import console as make_console
from coach.live.cues import Sound, voice_or_warning
from coach.live.during_session import SymptomWatch
from coach.live.prompts import Asker
from coach.live.runner import Ending, Runner, Settings
from coach.live.summary import session_summary


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
    """Plain mode: asked for, or stdout is not a terminal, or the terminal is dumb."""
    return option or not sys.stdout.isatty() or os.environ.get("TERM") == "dumb"


def _sound(options: StartOptions) -> Sound:
    if sum((options.voice, options.quiet, options.flash)) > 1:
        raise UsageError(_("Choose one of --voice, --quiet and --flash."))
    if options.quiet:
        return Sound.QUIET
    if options.flash:
        return Sound.FLASH
    return Sound.BELL


def dry_run(timeline: Timeline, console: Console) -> None:
    out = sys.stdout
    for phase in timeline.phases:
        out.write(
            f"{session_phrases.stamp(phase.start)} {session_phrases.phase_line(timeline, phase)}\n"
        )
    out.write(f"{session_phrases.stamp(timeline.total)} " + _("session done") + "\n\n")
    for index, item in enumerate(timeline.plan):
        begin, end = timeline.exercise_span(index)
        console.print(
            Text.assemble(
                (item.exercise.name.get(language()), "bold"),
                "  ",
                plain_words.dosage_line(item.dosage),
                "  ",
                (plain_words.seconds(round(end - begin)), "dim"),
            )
        )
    console.print(
        Text(
            _("Total: {duration}").format(duration=plain_words.seconds(round(timeline.total))),
            style="bold",
        )
    )


@dataclass
class Plan:
    """What today's session will run, and everything said about it beforehand."""

    items: list[PlannedExercise]
    title: str
    kind: str  # "programme" or "extra"
    programme: Programme | None = None
    fingerprint: str = ""
    decisions: list[Decision] = field(default_factory=list)


def make_plan(options: StartOptions, paths: Paths, library: Library, store: Store) -> Plan:
    """Today's plan: single exercises, or the programme with today's progression decisions."""
    overrides = Overrides(options.level, options.sets, options.reps, options.hold)
    overrides.check()  # the same limits as files: coach never writes a file it rejects
    if options.ids:
        if options.programme:
            raise UsageError(_("Give exercise ids or --programme, not both."))
        return Plan(single_plan(library, options.ids, overrides), _("Single exercises"), "extra")
    programme = (
        load_programme(options.programme, library)
        if options.programme
        else current_programme(paths, library)
    )
    fp = fingerprint(programme)
    recent = store.latest(HISTORY_SESSIONS, lambda r: r.counts and r.programme_id == fp)
    for problem in recent.problems:
        report_error(problem, warning=True)
    found = decisions.decisions(programme, recent.sessions, date.today())
    adjusted = overrides != Overrides()
    items = [
        PlannedExercise(
            entry.exercise,
            overrides.apply(entry.exercise, d.after),
            entry.note,
            entry.get_ready_s or entry.exercise.get_ready_s,
        )
        for entry, d in zip(programme.exercises, found, strict=True)
    ]
    return Plan(
        items,
        programme.title.get(language()),
        "extra" if adjusted else "programme",
        programme,
        fp,
        [] if adjusted else found,
    )


def _decision_done(decision: Decision, exercise: Exercise) -> DecisionDone:
    before = {
        k: v
        for k in ("level", "sets", "reps", "hold_s", "duration_s")
        if (v := getattr(decision.before, k)) is not None
    }
    return DecisionDone(
        kind=decision.kind.value,
        reason=decision.reason,
        before=before,
        text=both(lambda: explain(exercise, decision)),
        declined=decision.declined,
        facts={k: v for k, v in decision.facts.items() if v is not None},
        since=decision.since,
        step=decision.step,
    )


class NoSession(Exception):  # the answers said "not today"; not an error
    """The warning-sign check said: no session today."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def _before_session(
    plan: Plan,
    store: Store,
    asker: Asker,
    console: Console,
    record_checkin: list[Checkin],
    safety: Callable[[int | None, list[int]], None],
) -> Before:
    """The weekly check-in, pain now, the morning after; then today's decisions, explained."""
    assert plan.programme is not None  # noqa: S101 -- only for programme sessions
    day = date.today()
    recent_weeks = store.history(since=decisions.monday(day) - timedelta(days=7))
    look = decisions.checkin_due(recent_weeks.sessions, day, plan.programme.sessions_per_week)
    if look is not None:
        reason = session_questions.weekly_checkin(asker, console, look)
        record_checkin.append(Checkin(look.week, look.done, look.planned, reason))
    recent = store.latest(
        HISTORY_SESSIONS, lambda r: r.counts and r.programme_id == plan.fingerprint
    )
    last = recent.sessions[-1] if recent.sessions else None
    before = session_questions.before_session(
        asker, (last.id, last.started.date()) if last else None
    )
    safety(before.pain, [r.before.pain for r in recent.sessions if r.before.pain is not None])
    morning = Morning(before.morning_after) if before.morning_after else None
    plan.decisions = decisions.decisions(
        plan.programme, recent.sessions, day, morning, pain_now=before.pain
    )
    if any(d.reason == "pain-today" for d in plan.decisions) and asker.yes_no(
        _("Your pain is high today, so the load does not go up. Do a lighter session today only?"),
        default=True,
    ):
        plan.decisions = [d.lighter_today() for d in plan.decisions]
    console.print(Text(_("Today"), style="bold"))
    for i, (entry, decision) in enumerate(
        zip(plan.programme.exercises, plan.decisions, strict=True)
    ):
        console.print(Text("  " + explain(entry.exercise, decision)))
        if decision.kind is Kind.INCREASE and not asker.yes_no(
            "  " + _("Take this step up today?"), default=True
        ):
            plan.decisions[i] = decision.declined_by_person()
            console.print(Text("  " + explain(entry.exercise, plan.decisions[i])))
    plan.items = [
        PlannedExercise(
            entry.exercise, d.after, entry.note, entry.get_ready_s or entry.exercise.get_ready_s
        )
        for entry, d in zip(plan.programme.exercises, plan.decisions, strict=True)
    ]
    return before


def start(options: StartOptions, paths: Paths, library: Library) -> int:
    sound = _sound(options)
    store = Store(paths)
    plan = make_plan(options, paths, library, store)
    console = make_console()
    if options.dry_run:
        for entry, decision in zip(
            plan.programme.exercises if plan.programme else [], plan.decisions, strict=False
        ):
            console.print(Text(explain(entry.exercise, decision)))
        dry_run(compile_timeline(plan.items, options.get_ready), console)
        return 0

    plain = wants_plain(options.plain or MODE.plain)
    voice = voice_or_warning(report_warning) if options.voice else None
    settings = Settings(
        plain=plain, sound=sound, voice=voice, speed=options.speed, read_keys=sys.stdin.isatty()
    )
    # Questions and progression belong to real programme sessions, not to previews.
    real = plan.kind == "programme" and options.speed == 1.0
    asker = Asker(console, skip_at_end=True)
    safety_asker = Asker(console)  # warning signs need real answers: no input is no session

    asked: list[warning_signs.Check] = []  # a check answered at the gate of this start

    def pain_check(pain_now: int | None, earlier: list[int]) -> None:
        thresholds = plan.programme.progression if plan.programme else None
        if options.skip_check or asked or not pain_jump(pain_now, earlier, thresholds):
            # asked: the whole check was answered a minute ago; nobody answers it twice
            return
        check = warning_check.check_now(paths, safety_asker, console, Reason.PAIN)
        if not warning_check.after_check(safety_asker, console, check):
            raise NoSession(3 if check.emergency else 0)

    with session_lock(paths):
        store.close_interrupted()  # what a dead process left in progress, with its sets
        if not warning_check.gate(
            paths, safety_asker, console, skip=options.skip_check, asked=asked
        ):
            return 3 if warning_signs.blocked(check_log.load(paths)[0]) else 0
        checkin: list[Checkin] = []
        try:
            before = (
                _before_session(plan, store, asker, console, checkin, pain_check)
                if real
                else Before()
            )
        except NoSession as stop:
            return stop.code
        if real and not plain and sys.stdin.isatty():
            # Time to read today's plan and to get onto the mat before the screen changes.
            asker.text(_("Press Enter to start"), optional=True)
        timeline = compile_timeline(plan.items, options.get_ready)
        started = datetime.now().astimezone().replace(microsecond=0)
        record = store.claim(
            new_record(
                timeline,
                started,
                plan.title,
                language(),
                options.speed,
                kind=plan.kind,
                programme_id=plan.fingerprint,
            )
        )
        record.before = before
        record.checkin = checkin[0] if checkin else None
        for done, item, decision in zip(record.exercises, plan.items, plan.decisions, strict=False):
            done.decision = _decision_done(decision, item.exercise)
        if plain:
            heading = ngettext(
                "{title}: {count} exercise, about {duration}",
                "{title}: {count} exercises, about {duration}",
                len(plan.items),
            )
            sys.stdout.write(
                heading.format(
                    title=plan.title,
                    count=len(plan.items),
                    duration=plain_words.seconds(round(timeline.total)),
                )
                + "\n"
            )
            sys.stdout.flush()
        watch = SymptomWatch(
            record,
            store,
            paths,
            asker,
            console,
            plan.programme.progression if plan.programme else ProgressionSettings(),
            {i: item.exercise.name.get(language()) for i, item in enumerate(plan.items)},
        )
        runner = Runner(
            timeline,
            record,
            store,
            settings,
            console,
            between=watch.after_exercise if real else None,
            hurt=watch.hurt if real else None,
        )
        outcome = runner.run()
        if outcome.terminated:
            # SIGTERM: the work is saved; leave at once, asking nothing.
            report_warning(_("Stopped by a signal (SIGTERM); what you did has been saved."))
            return 143
        if real and outcome.ending is not Ending.DISCARDED and not watch.emergency:
            record.note = session_questions.after_session(asker)
            if record.note:
                store.save(record)
    this_week = store.history(since=decisions.monday(date.today()))
    names = {item.exercise.id: item.exercise.name.get(language()) for item in plan.items}
    per_week = plan.programme.sessions_per_week if plan.programme else None
    counted = [r for r in this_week.sessions if r.full(watch.settings.full_session_percent)]
    fact = None
    if record.stop_reason not in ("emergency", "leg", "pain"):  # no cheerful extras then
        fact = learn_topics.did_you_know(
            learn_topics.topics(), language(), date.today(), len(this_week.sessions)
        )
    console.print(
        session_summary(
            outcome, names, len(counted), per_week, fact, watch.settings.full_session_percent
        )
    )
    for problem in this_week.problems:
        report_error(problem, warning=True)
    if outcome.terminated:
        return 143
    if outcome.interrupted:
        return 130
    return 0
