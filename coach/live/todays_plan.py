"""Today's plan for `coach start`: made (single exercises, or the programme with its
progression decisions), previewed (--dry-run) and, before a programme session, asked
about and confirmed. `guided_session.start` runs it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.text import Text

from coach.domain import decisions, outcomes, plain_words, session_phrases
from coach.domain.catalogue import Library
from coach.domain.model import Exercise, Programme
from coach.domain.outcomes import Outcomes
from coach.domain.plain_words import explain
from coach.domain.progression_rules import Decision
from coach.domain.seen import Kind, Morning
from coach.domain.session_plan import Overrides, single_plan
from coach.domain.session_record import Before, Checkin, SessionRecord
from coach.domain.timeline import PlannedExercise, Timeline, compile_timeline
from coach.domain.warning_signs import Reason, pain_jump
from coach.errors import ExitCode, UsageError
from coach.files.paths import Paths
from coach.files.plan_history import PlanHistory, holds_now, plan_history
from coach.files.programmes import current_programme, fingerprint, load_programme
from coach.files.session_store import Store
from coach.i18n import _, language
from coach.live import outcome_questions, outcome_views, session_questions, warning_check
from coach.live.console import report_error
from coach.live.prompts import Asker
from coach.live.session_outcome import Settings


@dataclass
class Plan:
    """What today's session will run, and everything said about it beforehand."""

    items: list[PlannedExercise]
    title: str
    kind: str  # "programme" or "extra"
    programme: Programme | None = None
    fingerprint: str = ""
    decisions: list[Decision] = field(default_factory=list)
    history: PlanHistory | None = None  # what the programme's decisions were made from


def make_plan(
    ids: list[str],
    programme_file: Path | None,
    overrides: Overrides,
    paths: Paths,
    library: Library,
    store: Store,
) -> Plan:
    """Today's plan: single exercises, or the programme with today's progression decisions."""
    overrides.check()  # the same limits as files: coach never writes a file it rejects
    if ids:
        if programme_file:
            raise UsageError(_("Give exercise ids or --programme, not both."))
        return Plan(single_plan(library, ids, overrides), _("Single exercises"), "extra")
    programme = (
        load_programme(programme_file, library)
        if programme_file
        else current_programme(paths, library)
    )
    fp = fingerprint(programme)
    history = plan_history(paths, store, programme, fp, date.today())
    for problem in history.problems:
        report_error(problem, warning=True)
    found = history.decide(programme, date.today())
    adjusted = overrides != Overrides()
    return Plan(
        planned(programme, found, overrides),
        programme.title.get(language()),
        "extra" if adjusted else "programme",
        programme,
        fp,
        [] if adjusted else found,
        history,
    )


def planned(
    programme: Programme, found: list[Decision], overrides: Overrides | None = None
) -> list[PlannedExercise]:
    """The programme's exercises at the dosages decided (and overridden on the command line)."""
    return [
        PlannedExercise(
            entry.exercise,
            overrides.apply(entry.exercise, d.after) if overrides is not None else d.after,
            entry.note,
            entry.get_ready_s or entry.exercise.get_ready_s,
        )
        for entry, d in zip(programme.exercises, found, strict=True)
    ]


def dry_run(timeline: Timeline, console: Console) -> None:
    """The timeline phase by phase, then each exercise with its dosage, and the total."""
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


def preview(plan: Plan, get_ready: int | None, console: Console) -> None:
    """--dry-run: today's decisions explained and the timeline; nothing runs, nothing is saved."""
    exercises = plan.programme.exercises if plan.programme else []
    for entry, decision in zip(exercises, plan.decisions, strict=False):
        console.print(Text(explain(entry.exercise, decision)))
    dry_run(compile_timeline(plan.items, get_ready), console)


class NoSession(Exception):  # the answers said "not today"; not an error
    """The warning-sign check said: no session today."""

    def __init__(self, code: ExitCode) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Live:
    """What the steps of one `coach start` share."""

    paths: Paths
    store: Store
    console: Console
    settings: Settings
    real: bool  # a programme session at full speed: questions and progression
    asker: Asker
    safety_asker: Asker  # warning signs need real answers: no input is no session
    skip_check: bool = False  # --skip-check: no warning-sign questions


@dataclass(frozen=True)
class Ready:
    """Today's plan as confirmed, with the answers given before it."""

    plan: Plan
    before: Before = field(default_factory=Before)
    checkin: Checkin | None = None


def get_ready(live: Live, plan: Plan, asked: bool, record: SessionRecord) -> Ready:
    """Before a programme session: the weekly check-in, pain now, the morning after; then
    today's decisions, explained. Each answer is saved in `record` as it is given.
    Raises NoSession when a warning sign says not today."""
    if not live.real:
        return Ready(plan)
    programme = plan.programme
    assert programme is not None  # noqa: S101 -- real sessions are programme sessions
    day = date.today()
    checkin = _weekly_checkin(live, programme, day)
    if checkin is not None:
        record.checkin = checkin
        live.store.save(record)
    _outcomes(live, programme, day, record)
    history = plan.history
    assert history is not None  # noqa: S101 -- make_plan gives a programme plan its history
    last = history.last

    def keep(before: Before) -> None:
        record.before = before
        live.store.save(record)

    before = session_questions.before_session(
        live.asker, (last.id, last.started.date()) if last else None, keep
    )
    earlier = [r.before.pain for r in history.every if r.before.pain is not None]
    _check_pain_jump(live, programme, before.pain, earlier, asked)
    _stop_for_pain(live, programme, before.pain)
    history = replace(history, holds=holds_now(live.paths, day))  # with a check just answered
    found = _todays_decisions(live, programme, history, day, before)
    today = replace(plan, decisions=found, items=planned(programme, found))
    return Ready(today, before, checkin)


def _weekly_checkin(live: Live, programme: Programme, day: date) -> Checkin | None:
    """The first start of a week looks back at the last one."""
    recent_weeks = live.store.history(since=decisions.monday(day) - timedelta(days=7))
    look = decisions.checkin_due(recent_weeks.sessions, day, programme.sessions_per_week)
    if look is None:
        return None
    reason = session_questions.weekly_checkin(live.asker, live.console, look)
    return Checkin(look.week, look.done, look.planned, reason)


def _outcomes(live: Live, programme: Programme, day: date, record: SessionRecord) -> None:
    """The outcome measures: at the start, then at the first session of each week."""
    before = live.store.answers()
    due = outcomes.to_ask(before, programme.activities, day)
    if due is None:
        return

    def keep(answers: Outcomes) -> None:
        record.outcomes = answers
        live.store.save(record)

    given = outcome_questions.ask(live.asker, live.console, due, keep)
    # Worse than at the start: said now, once a week, as `coach next` says it (the load
    # stays what the rules decide).
    worse = outcomes.worse(outcomes.course([*before, (day, given)]))
    if worse:
        live.console.print(outcome_views.contact_panel(worse))


def _check_pain_jump(
    live: Live, programme: Programme, pain_now: int | None, earlier: list[int], asked: bool
) -> None:
    """Pain far above the usual: the warning-sign questions first. Not when they were
    answered at the start a minute ago (nobody answers them twice), nor with --skip-check."""
    if live.skip_check or asked or not pain_jump(pain_now, earlier, programme.progression):
        return
    check = warning_check.check_now(live.paths, live.safety_asker, live.console, Reason.PAIN)
    if not warning_check.after_check(live.safety_asker, live.console, check):
        raise NoSession(ExitCode.EMERGENCY if check.emergency else ExitCode.DONE)


def _stop_for_pain(live: Live, programme: Programme, pain_now: int | None) -> None:
    """Pain before the session at the stop rule's level: the same advice as during one."""
    limit = programme.progression.pain_stop
    if pain_now is not None and pain_now >= limit:
        live.console.print(session_questions.stop_guidance("pain-before", limit))
        raise NoSession(ExitCode.DONE)


def _todays_decisions(
    live: Live, programme: Programme, history: PlanHistory, day: date, before: Before
) -> list[Decision]:
    """Today's decisions, explained; a lighter day and each step up only if the person agrees."""
    morning = Morning(before.morning_after) if before.morning_after else None
    found = history.decide(programme, day, morning, before.pain)
    if any(d.reason == "pain-today" for d in found) and live.asker.yes_no(
        _("Your pain is high today, so the load does not go up. Do a lighter session today only?"),
        default=True,
    ):
        found = [d.lighter_today() for d in found]
    live.console.print(Text(_("Today"), style="bold"))
    if history.carries and history.since is not None:
        live.console.print(Text("  " + plain_words.new_plan(history.since)))
    return [
        _confirmed(live, entry.exercise, d)
        for entry, d in zip(programme.exercises, found, strict=True)
    ]


def _confirmed(live: Live, exercise: Exercise, decision: Decision) -> Decision:
    """The decision, explained; a step up is taken only when the person says yes."""
    live.console.print(Text("  " + explain(exercise, decision)))
    if decision.kind is Kind.INCREASE and not live.asker.yes_no(
        "  " + _("Take this step up today?"), default=True
    ):
        decision = decision.declined_by_person()
        live.console.print(Text("  " + explain(exercise, decision)))
    return decision
