"""Today's plan from the programme and the recorded sessions: decisions, check-in. Pure.

Only real programme sessions count (run at speed 1, without one-run overrides,
with at least one set done), and only those of the same plan: when the
therapist changes the exercises or their dosage, progression starts again from
the new programme.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coach.domain.model import FULL_PERCENT, Dosage, Programme, ProgrammeExercise, Sides
from coach.domain.progression_rules import Decision, decide
from coach.domain.seen import Effort, Kind, Morning, Seen
from coach.domain.session_record import ExerciseDone, SessionRecord

HISTORY_SESSIONS = 40  # how many recent sessions the rules look at (they need far fewer)


def dosage_of(entry: ProgrammeExercise, done: ExerciseDone) -> Dosage:
    """The dosage a recorded exercise was done at, with the programme's timing."""
    return dataclasses.replace(
        entry.dosage,
        level=done.level,
        sets=done.sets,
        reps=done.reps,
        sides=Sides(done.sides),
        hold_s=done.hold_s,
        duration_s=done.duration_s,
    )


def _before_dosage(entry: ProgrammeExercise, done: ExerciseDone) -> Dosage | None:
    """The dosage the recorded decision started from, with the programme's timing."""
    if done.decision is None or not done.decision.before:
        return None
    before = done.decision.before  # only the fields a decision changes: level, sets, ...
    level = before.get("level", done.level)
    fields: dict[str, Any] = dict(before)
    return dataclasses.replace(
        dosage_of(entry, done), **fields, sides=entry.exercise.sides_at(level)
    )


def seen_for(
    entry: ProgrammeExercise,
    records: Sequence[SessionRecord],
    morning_today: Morning | None = None,
    percent: int = FULL_PERCENT,
) -> list[Seen]:
    """The recorded sessions of one exercise, oldest first, with their next mornings."""
    seen: list[Seen] = []
    for i, record in enumerate(records):
        done = next((e for e in record.exercises if e.id == entry.exercise.id), None)
        if done is None:
            continue
        morning: Morning | None = None
        if i + 1 < len(records):
            following = records[i + 1].before
            if following.about == record.id and following.morning_after:
                morning = Morning(following.morning_after)
        else:
            morning = morning_today
        answers = done.answers
        seen.append(
            Seen(
                day=record.started.date(),
                dosage=dosage_of(entry, done),
                complete=done.full(percent),
                pain=answers.highest_pain,
                effort=Effort(answers.effort) if answers.effort else None,
                morning=morning,
                decision=Kind(done.decision.kind) if done.decision else None,
                reason=done.decision.reason if done.decision else None,
                before=_before_dosage(entry, done),
                pain_before=record.before.pain,
            )
        )
    return seen


def decisions(
    programme: Programme,
    records: Sequence[SessionRecord],
    today: date,
    morning_today: Morning | None = None,
    pain_now: int | None = None,
) -> list[Decision]:
    """Increase, keep or decrease for each exercise of the programme, oldest records first."""
    settings = programme.progression
    return [
        decide(
            entry.exercise,
            entry.dosage,
            seen_for(entry, records, morning_today, settings.full_session_percent),
            today,
            settings,
            lock=entry.lock,
            ceiling=entry.ceiling,
            pain_now=pain_now,
        )
        for entry in programme.exercises
    ]


# -- the week ------------------------------------------------------------------------


def iso_week(day: date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekLook:
    week: str  # "2026-W47"
    done: int
    planned: int

    @property
    def met(self) -> bool:
        return self.done >= self.planned


def checkin_due(
    records: Sequence[SessionRecord], today: date, planned: int, percent: int = FULL_PERCENT
) -> WeekLook | None:
    """On the first start of a new week: how last week went. None when not due.

    Not due on the very first use, nor when this week already had a check-in or
    a real session. Only full sessions count as done.
    """
    this_monday = monday(today)
    this_week = [r for r in records if r.started.date() >= this_monday]
    counting = [r for r in records if r.counts]
    if not counting or any(r.checkin or r.counts for r in this_week):
        return None
    last_monday = this_monday - timedelta(days=7)
    done = sum(
        1 for r in counting if last_monday <= r.started.date() < this_monday and r.full(percent)
    )
    return WeekLook(iso_week(last_monday), done, planned)
