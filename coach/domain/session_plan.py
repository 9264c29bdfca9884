"""Which exercises a session runs, at which dosage. Pure: no terminal, no clock.

`coach start` runs today's session from the current programme; `coach start
ID...` runs single exercises at their default dosage. The one-run overrides
(--level, --sets, --reps, --hold) apply to every exercise of that run and are
not stored in the programme.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from coach.domain.catalogue import Library
from coach.domain.limits import LIMITS
from coach.domain.model import Dosage, Exercise, Programme
from coach.domain.timeline import PlannedExercise
from coach.errors import UsageError
from coach.i18n import _


@dataclass(frozen=True)
class Overrides:
    level: int | None = None
    sets: int | None = None
    reps: int | None = None
    hold_s: int | None = None

    def check(self) -> None:
        for name, option in (("sets", "--sets"), ("reps", "--reps"), ("hold_s", "--hold")):
            value = getattr(self, name)
            low, high = LIMITS[name]
            if value is not None and not low <= value <= high:
                raise UsageError(
                    _("{option} {value}: expected {low} to {high}").format(
                        option=option, value=value, low=low, high=high
                    )
                )

    def apply(self, exercise: Exercise, dosage: Dosage) -> Dosage:
        if self.level is not None:
            if not 1 <= self.level <= len(exercise.levels):
                raise UsageError(
                    _("--level {value}: {id} has levels 1 to {high}").format(
                        value=self.level, id=exercise.id, high=len(exercise.levels)
                    )
                )
            if self.level != dosage.level:
                dosage = exercise.start_dosage(self.level)
        if exercise.timed:
            return dosage  # sets, reps and hold don't apply to a walk
        changes = {k: v for k in ("sets", "reps", "hold_s") if (v := getattr(self, k)) is not None}
        return dataclasses.replace(dosage, **changes)


def programme_plan(programme: Programme, overrides: Overrides) -> list[PlannedExercise]:
    overrides.check()
    return [
        PlannedExercise(
            e.exercise,
            overrides.apply(e.exercise, e.dosage),
            e.note,
            e.get_ready_s or e.exercise.get_ready_s,
        )
        for e in programme.exercises
    ]


def single_plan(library: Library, ids: list[str], overrides: Overrides) -> list[PlannedExercise]:
    overrides.check()
    plan = []
    for exercise_id in ids:
        exercise = library.get(exercise_id)
        plan.append(
            PlannedExercise(
                exercise,
                overrides.apply(exercise, exercise.dosage),
                get_ready_s=exercise.get_ready_s,
            )
        )
    return plan
