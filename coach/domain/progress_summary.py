"""Progress, adherence and history as data: for the terminal, CSV, JSON and print. Pure."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from coach.domain import plain_words
from coach.domain.decisions import dosage_of, iso_week, monday
from coach.domain.model import Dosage, Programme
from coach.domain.session_record import ExerciseDone, SessionRecord


@dataclass(frozen=True)
class Week:
    monday: date
    done: int  # real programme sessions
    planned: int

    @property
    def label(self) -> str:
        """ "week of 3 Nov": for people."""
        return plain_words.week_of(self.monday)

    @property
    def iso(self) -> str:
        """ "2026-W45": for exports."""
        return iso_week(self.monday)

    @property
    def adherence_text(self) -> str:
        """ "67%", or "-" for a week in which nothing was planned."""
        return f"{self.adherence}%" if self.planned else "-"

    @property
    def adherence(self) -> int:
        """Sessions done against planned, in percent (at most 100)."""
        return min(100, round(100 * self.done / self.planned)) if self.planned else 0


@dataclass(frozen=True)
class Current:
    """Where an exercise stands now, and since when."""

    id: str
    dosage: Dosage
    since: date | None  # the first session at this dosage; None before the first session


@dataclass(frozen=True)
class PainPoint:
    when: datetime
    before: int | None
    during: int | None  # the highest of the session
    morning: str | None  # the next morning: better, same, worse


def weeks_to_show(asked: int, today: date, began: date | None) -> int:
    """At most `asked` weeks back from this one, and none before the programme began."""
    if began is None or began > today:
        return asked
    return max(1, min(asked, (monday(today) - monday(began)).days // 7 + 1))


def planned_in(programme: Programme, week: date, began: date | None) -> int:
    """Sessions planned in the week of Monday `week`: all of them, except in the week the
    programme began, where only the days from then on count."""
    if began is not None and week + timedelta(days=7) <= began:
        return 0  # the whole week before the programme began
    if began is None or not week <= began < week + timedelta(days=7):
        return programme.sessions_per_week
    left = 7 - began.weekday()  # days from the first one on, that one included
    if programme.days:
        names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        return sum(1 for d in programme.days if names.index(d) >= began.weekday())
    return math.ceil(programme.sessions_per_week * left / 7)


def weeks(
    records: Sequence[SessionRecord],
    programme: Programme,
    today: date,
    count: int,
    began: date | None = None,
) -> list[Week]:
    first = monday(today) - timedelta(weeks=count - 1)
    rows = []
    for i in range(count):
        start = first + timedelta(weeks=i)
        percent = programme.progression.full_session_percent
        done = sum(
            1
            for r in records
            if r.full(percent) and start <= r.started.date() < start + timedelta(days=7)
        )
        rows.append(Week(start, done, planned_in(programme, start, began)))
    return rows


def current(programme: Programme, records: Sequence[SessionRecord]) -> list[Current]:
    """The dosage each exercise is at after the given sessions (oldest first) of its plan."""
    result = []
    for entry in programme.exercises:
        dosage, since = entry.dosage, None
        for record in records:
            done = next((e for e in record.exercises if e.id == entry.exercise.id), None)
            if done is None:
                continue
            now = dosage_of(entry, done)
            if since is None or _key(now) != _key(dosage):
                since = record.started.date()
            if done.decision is not None and done.decision.since is not None:
                since = done.decision.since  # recorded when it was decided: exact
            dosage = now
        result.append(Current(entry.exercise.id, dosage, since))
    return result


def _key(d: Dosage) -> tuple[int | None, ...]:
    return (d.level, d.sets, d.reps, d.hold_s, d.duration_s)


def load(done: ExerciseDone) -> int:
    """Reps done times hold seconds: the weekly load the chart shows."""
    return sum(s.reps for s in done.done) * done.hold_s


def weekly_load(records: Sequence[SessionRecord], rows: Sequence[Week]) -> list[int]:
    totals = []
    for week in rows:
        end = week.monday + timedelta(days=7)
        totals.append(
            sum(
                load(e)
                for r in records
                if r.counts and week.monday <= r.started.date() < end
                for e in r.exercises
            )
        )
    return totals


def pain_points(records: Sequence[SessionRecord]) -> list[PainPoint]:
    points = []
    for record, morning in with_mornings(records):
        if not record.counts:
            continue
        during = [p for e in record.exercises if (p := e.answers.highest_pain) is not None]
        points.append(
            PainPoint(record.started, record.before.pain, max(during) if during else None, morning)
        )
    return points


# -- rows for CSV and JSON ------------------------------------------------------------

COLUMNS = (
    "session",
    "date",
    "time",
    "status",
    "kind",
    "programme",
    "minutes",
    "pain_before",
    "morning_after",
    "exercise",
    "level",
    "sets",
    "reps",
    "sides",
    "hold_s",
    "duration_s",
    "reps_done",
    "reps_planned",
    "seconds_done",
    "pain_during",
    "effort",
    "saddle_or_bladder",
    "leg_symptoms",
    "skipped_steps",
    "decision",
    "reason",
    "stop_reason",
    "note",
    "pain_week",
    "overall",
    "activities",
)


MORNING_LOOKAHEAD = 30  # sessions a next-morning answer may come after (extras in between)


def with_mornings(
    records: Iterable[SessionRecord],
) -> Iterator[tuple[SessionRecord, str | None]]:
    """Each record with the next-morning answer given about it, streaming.

    The answer is given at a later start ("about" names the session). A small window of
    records waits for it, so years of history pass through in flat memory.
    """
    waiting: dict[str, tuple[SessionRecord, str | None]] = {}
    order: list[str] = []
    for record in records:
        about, answer = record.before.about, record.before.morning_after
        if about in waiting and answer:
            waiting[about] = (waiting[about][0], answer)
        waiting[record.id] = (record, None)
        order.append(record.id)
        while len(order) > MORNING_LOOKAHEAD:
            yield waiting.pop(order.pop(0))
    for key in order:
        yield waiting.pop(key)


def rows(records: Iterable[SessionRecord]) -> Iterator[dict[str, Any]]:
    """One row per exercise of each session, for spreadsheets; streaming."""
    for record, morning in with_mornings(records):
        yield from record_rows(record, morning)


def record_rows(record: SessionRecord, morning: str | None) -> list[dict[str, Any]]:
    """The rows of one session."""
    table = []
    duration = record.duration_s()
    base = {
        "session": record.id,
        "date": record.started.date().isoformat(),
        "time": record.started.strftime("%H:%M"),
        "status": record.status.value,
        "kind": record.kind,
        "programme": record.programme,
        "minutes": round(duration / 60, 1) if duration is not None else None,
        "pain_before": record.before.pain,
        "morning_after": morning,
        "stop_reason": record.stop_reason,
        "note": record.note,
    }
    if (o := record.outcomes) is not None:  # the outcome measures, 0-10 (docs/outcomes.md)
        base["pain_week"] = o.pain_week
        base["overall"] = o.effect
        base["activities"] = (
            "; ".join(f"{s.activity}: {'-' if s.score is None else s.score}" for s in o.activities)
            or None
        )
    exercises: list[ExerciseDone | None] = list(record.exercises) or [None]
    for ex in exercises:
        row = dict.fromkeys(COLUMNS)
        row.update(base)
        if ex is not None:
            row.update(
                {
                    "exercise": ex.id,
                    "level": ex.level,
                    "sets": ex.sets if ex.duration_s is None else None,
                    "reps": ex.reps,
                    "sides": ex.sides if ex.duration_s is None else None,
                    "hold_s": ex.hold_s if ex.duration_s is None else None,
                    "duration_s": ex.duration_s,
                    "reps_done": ex.reps_done if ex.reps else None,
                    "reps_planned": ex.reps_planned if ex.reps else None,
                    "seconds_done": sum(s.seconds for s in ex.done) if ex.duration_s else None,
                    "pain_during": ex.answers.highest_pain,
                    "effort": ex.answers.effort,
                    "saddle_or_bladder": ex.answers.saddle,
                    "leg_symptoms": ex.answers.leg,
                    "skipped_steps": ex.skipped,
                    "decision": ex.decision.kind if ex.decision else None,
                    "reason": ex.decision.reason if ex.decision else None,
                }
            )
        table.append(row)
    return table


@dataclass(frozen=True)
class ExerciseWeek:
    """One exercise in one week, for the therapist: planned against done, and how it went."""

    monday: date
    sessions: int
    planned: int  # reps planned over the week (time-based exercises: minutes)
    done: int  # reps held to the end (minutes)
    skipped: int  # steps skipped with the skip key
    pain: int | None  # the highest pain during it
    efforts: tuple[str, ...]  # the effort answers: easy, right, hard
    mornings: tuple[str, ...]  # the next-morning answers after its sessions


def exercise_weeks(
    pairs: Sequence[tuple[SessionRecord, str | None]], exercise_id: str, rows: Sequence[Week]
) -> list[ExerciseWeek]:
    """Per week of `rows`: what was planned and done of `exercise_id` in real sessions."""
    found = []
    for week in rows:
        end = week.monday + timedelta(days=7)
        inside = [
            (ex, morning)
            for record, morning in pairs
            if record.counts and week.monday <= record.started.date() < end
            for ex in record.exercises
            if ex.id == exercise_id
        ]
        planned = done = 0
        for ex, _morning in inside:
            if ex.duration_s is not None:
                planned += round(ex.duration_s / 60)
                done += min(round(sum(s.seconds for s in ex.done) / 60), round(ex.duration_s / 60))
            else:
                planned += ex.reps_planned
                done += min(ex.reps_done, ex.reps_planned)
        pains = [p for ex, _m in inside if (p := ex.answers.highest_pain) is not None]
        found.append(
            ExerciseWeek(
                monday=week.monday,
                sessions=len(inside),
                planned=planned,
                done=done,
                skipped=sum(ex.skipped for ex, _m in inside),
                pain=max(pains) if pains else None,
                efforts=tuple(ex.answers.effort for ex, _m in inside if ex.answers.effort),
                mornings=tuple(m for _ex, m in inside if m),
            )
        )
    return found
