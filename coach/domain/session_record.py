"""What a session did: the record that is saved, built from the engine's events. Pure.

The record holds the plan (programme, dosage per exercise) and, per set and
side, the reps done and the holds that ran their full time, the phases skipped,
start and end times, and whether the session was stopped early. Answers to the
questions before and after (pain, effort, the next morning) have their own
tables so that "Gradual load building" can fill them without a new format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from coach.domain.engine import Event, EventKind
from coach.domain.model import FULL_PERCENT, Dosage, Exercise, local_day
from coach.domain.outcomes import Outcomes
from coach.domain.plain_words import explain
from coach.domain.progression_rules import Decision
from coach.domain.timeline import Kind, Timeline
from coach.i18n import both

RECORD_SCHEMA = 1


class Status(StrEnum):
    IN_PROGRESS = "in-progress"  # saved after a set; a crash leaves it so
    INTERRUPTED = "interrupted"  # its process died (power loss, disk full): closed later
    COMPLETE = "complete"
    STOPPED = "stopped"  # stopped early, what was done is kept


@dataclass
class SetDone:
    set_no: int
    side: str | None  # "left", "right", or None for exercises without sides
    reps: int = 0
    holds: int = 0  # holds that ran their full time
    seconds: float = 0.0  # time-based exercises: the seconds done


@dataclass
class Answers:
    """After an exercise: the highest pain during it (0-10), the effort, new symptoms."""

    pain: int | None = None
    effort: str | None = None  # "easy" | "right" | "hard"
    # Numbness or tingling around the genitals, buttocks or inner thighs, or new trouble
    # with bladder or bowels: an emergency sign.
    saddle: bool | None = None
    leg: bool | None = None  # new or spreading numbness, tingling or weakness in a leg
    hurt: list[int] = field(default_factory=list)  # pain reported with the p key, 0-10
    cut_short: bool = False  # the person stopped this exercise because of pain

    @property
    def highest_pain(self) -> int | None:
        """The highest pain during the exercise: the answer after it, or a report during it."""
        values = [p for p in (self.pain, *self.hurt) if p is not None]
        return max(values) if values else None


@dataclass
class DecisionDone:
    """The progression decision this session started with, and why."""

    kind: str  # "increase" | "keep" | "decrease"
    reason: str
    before: dict[str, int]  # the dosage before it: level, sets, reps, hold_s or duration_s
    text: dict[str, str]  # the reason in plain words, {"nl": ..., "en": ...}
    declined: bool = False
    facts: dict[str, Any] = field(default_factory=dict)  # the data it used
    since: date | None = None  # the first day of this dosage: when it last changed
    step: str | None = None  # what a change changed: level, sets, reps, hold_s, duration_s

    @classmethod
    def of(cls, decision: Decision, exercise: Exercise) -> DecisionDone:
        """`decision` as a session records it: its reason in both languages, as decided."""
        before = {
            k: v
            for k in ("level", "sets", "reps", "hold_s", "duration_s")
            if (v := getattr(decision.before, k)) is not None
        }
        return cls(
            kind=decision.kind.value,
            reason=decision.reason,
            before=before,
            text=both(lambda: explain(exercise, decision)),
            declined=decision.declined,
            facts={k: v for k, v in decision.facts.items() if v is not None},
            since=decision.since,
            step=decision.step,
        )


@dataclass
class Before:
    """Before the session: pain now (0-10), the morning after the last session."""

    pain: int | None = None
    morning_after: str | None = None  # "better" | "same" | "worse"
    about: str | None = None  # the id of the session the morning answer is about


@dataclass
class Checkin:
    """The first start of a week looks back at the last one."""

    week: str  # the week looked back on, ISO: "2026-W47"
    done: int
    planned: int
    reason: str | None = None  # what got in the way: time, pain, forgot, motivation, other


@dataclass
class ExerciseDone:
    id: str
    level: int
    sets: int
    reps: int | None
    sides: str
    hold_s: int
    duration_s: int | None
    done: list[SetDone] = field(default_factory=list)
    skipped: int = 0  # phases skipped with the skip key
    answers: Answers = field(default_factory=Answers)
    decision: DecisionDone | None = None

    @classmethod
    def at(cls, exercise_id: str, dosage: Dosage, **done: Any) -> ExerciseDone:
        """An exercise at `dosage`; `done` fills in what was done (sets, answers, ...)."""
        return cls(
            id=exercise_id,
            level=dosage.level,
            sets=dosage.sets,
            reps=dosage.reps,
            sides=dosage.sides.value,
            hold_s=dosage.hold_s,
            duration_s=dosage.duration_s,
            **done,
        )

    @property
    def reps_done(self) -> int:
        return sum(s.reps for s in self.done)

    @property
    def reps_planned(self) -> int:
        per_set = (self.reps or 0) * (1 if self.sides == "none" else 2)
        return self.sets * per_set

    @property
    def sets_complete(self) -> int:
        """Sets in which every planned rep on every side was done."""
        per_set = (self.reps or 0) * (1 if self.sides == "none" else 2)
        by_set: dict[int, int] = {}
        for entry in self.done:
            by_set[entry.set_no] = by_set.get(entry.set_no, 0) + entry.reps
        return sum(1 for reps in by_set.values() if per_set and reps >= per_set)

    @property
    def share_done(self) -> float:
        """How much of the planned work was done, 0 to 1: reps held to the end, or seconds."""
        if self.duration_s is not None:
            seconds = sum(s.seconds for s in self.done)
            return min(1.0, seconds / self.duration_s) if self.duration_s else 1.0
        planned = self.reps_planned
        return min(1.0, self.reps_done / planned) if planned else 1.0

    def full(self, percent: int = FULL_PERCENT) -> bool:
        """At least `percent` of the planned work done: it counts as a full exercise."""
        return self.share_done * 100 >= percent - 1e-9


@dataclass
class SessionRecord:
    id: str  # the file name without .toml: the local start time, 2026-11-22T10-15-03
    started: datetime
    programme: str
    language: str
    exercises: list[ExerciseDone]
    ended: datetime | None = None
    status: Status = Status.IN_PROGRESS
    speed: float = 1.0
    kind: str = "programme"  # "programme": today's plan; "extra": single exercises, overrides
    programme_id: str = ""  # a fingerprint of the programme file, to see when it changed
    before: Before = field(default_factory=Before)
    checkin: Checkin | None = None
    outcomes: Outcomes | None = None  # the outcome measures, when asked before this session
    note: str | None = None  # the closing note
    # Why the session stopped early: "pain" (the stop rule), "leg" (new leg symptoms),
    # "emergency" (an emergency sign), "pain-exercise" (pain 6-7, the person stopped).
    stop_reason: str | None = None

    @property
    def day(self) -> date:
        """The calendar day it started, where the person is now (`local_day`)."""
        return local_day(self.started)

    @property
    def counts(self) -> bool:
        """A real programme session with work or answers in it: the rules read it."""
        return (
            self.kind == "programme"
            and self.speed == 1.0
            and any(e.done or e.answers.highest_pain is not None for e in self.exercises)
        )

    @property
    def share_done(self) -> float:
        """Planned reps held to the end, over all exercises (time-based ones by seconds)."""
        reps = [e for e in self.exercises if e.duration_s is None]
        timed = [e for e in self.exercises if e.duration_s is not None]
        planned = sum(e.reps_planned for e in reps)
        parts: list[float] = []
        if planned:
            parts.append(sum(min(e.reps_done, e.reps_planned) for e in reps) / planned)
        parts += [e.share_done for e in timed]
        return min(parts) if parts else 0.0

    def full(self, percent: int = FULL_PERCENT) -> bool:
        """A full session: real, and at least `percent` of the planned work done.

        Only full sessions count for adherence ("sessions done this week").
        """
        return self.counts and self.share_done * 100 >= percent - 1e-9

    @property
    def skipped(self) -> int:
        return sum(e.skipped for e in self.exercises)

    def duration_s(self) -> float | None:
        return (self.ended - self.started).total_seconds() if self.ended else None


def session_id(started: datetime) -> str:
    return started.strftime("%Y-%m-%dT%H-%M-%S")


def new_record(
    timeline: Timeline,
    started: datetime,
    programme: str,
    language: str,
    speed: float = 1.0,
    *,
    kind: str = "programme",
    programme_id: str = "",
) -> SessionRecord:
    return SessionRecord(
        id=session_id(started),
        started=started,
        programme=programme,
        language=language,
        speed=speed,
        kind=kind,
        programme_id=programme_id,
        exercises=planned_exercises(timeline),
    )


def planned_exercises(timeline: Timeline) -> list[ExerciseDone]:
    """Each exercise of the timeline, as planned and not yet done."""
    return [ExerciseDone.at(item.exercise.id, item.dosage) for item in timeline.plan]


class Recorder:
    """Folds engine events into the record; says when a set is complete (time to save)."""

    def __init__(self, record: SessionRecord) -> None:
        self.record = record
        self._timed_start: float | None = None

    def _current(self, exercise: int, set_no: int, side: str | None) -> SetDone:
        done = self.record.exercises[exercise].done
        for entry in done:
            if (entry.set_no, entry.side) == (set_no, side):
                return entry
        entry = SetDone(set_no, side)
        done.append(entry)
        return entry

    def feed(self, event: Event) -> bool:
        """Take one event; True when a set was completed and the record should be saved."""
        phase = event.phase
        side = phase.side.value if phase.side else None
        if event.kind is EventKind.SKIPPED:
            self.record.exercises[phase.exercise].skipped += 1
        elif event.kind is EventKind.PHASE and phase.kind is Kind.TIMED:
            self._timed_start = event.at
        elif event.kind is EventKind.REP_DONE and event.value:
            # A rep counts only when its hold (or, without a hold, its move) ran to the end:
            # skipped work is not done work.
            entry = self._current(phase.exercise, phase.set_no, side)
            entry.reps += 1
            if self.record.exercises[phase.exercise].hold_s:
                entry.holds += 1
        elif (
            event.kind in (EventKind.SET_DONE, EventKind.STOPPED)
            and phase.kind is Kind.TIMED
            and self._timed_start is not None
        ):
            entry = self._current(phase.exercise, 1, None)
            entry.seconds = round(event.at - self._timed_start, 1)
            self._timed_start = None
        return event.kind is EventKind.SET_DONE

    def finish(self, ended: datetime, *, stopped: bool) -> SessionRecord:
        self.record.ended = ended
        self.record.status = Status.STOPPED if stopped else Status.COMPLETE
        return self.record
