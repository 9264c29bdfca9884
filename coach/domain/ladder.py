"""The exercise's ladder: one step up or down, and the work a dosage asks per side. Pure."""

from __future__ import annotations

import dataclasses

from coach.domain.model import Ceiling, Dosage, Exercise, ProgressionSettings, Range, Sides

NO_CEILING = Ceiling()


def volume(d: Dosage) -> float:
    """The work per side: sets x reps x hold seconds (a hold of 0 counts as 1), or seconds.

    Without sides (a two-leg bridge) both sides share the work, so each side gets half:
    that is how a two-leg level compares with a one-leg level of the same exercise.
    """
    if d.duration_s is not None:
        return d.duration_s
    work = d.sets * (d.reps or 0) * max(d.hold_s, 1)
    return work / 2 if d.sides is Sides.NONE else work


def changed_field(before: Dosage, after: Dosage) -> str | None:
    if before.level != after.level:
        return "level"
    for name in ("sets", "hold_s", "reps", "duration_s"):
        if getattr(before, name) != getattr(after, name):
            return name
    return None


def _with(dosage: Dosage, **changes: int) -> Dosage:
    return dataclasses.replace(dosage, **changes)  # type: ignore[arg-type]


def _level_start(exercise: Exercise, current: Dosage, number: int, top: bool) -> Dosage:
    """Level `number` at its lowest (going up) or highest (going down) dosage."""
    level = exercise.level(number)

    def pick(r: Range) -> int:
        return r.high if top else r.low

    return dataclasses.replace(
        current,
        level=number,
        sets=pick(level.sets) if level.sets else current.sets,
        reps=pick(level.reps) if level.reps else current.reps,
        hold_s=pick(level.hold_s) if level.hold_s else current.hold_s,
        duration_s=pick(level.duration_s) if level.duration_s else current.duration_s,
        sides=exercise.sides_at(number),
    )


def step_up(
    exercise: Exercise, d: Dosage, settings: ProgressionSettings, ceiling: Ceiling = NO_CEILING
) -> Dosage | None:
    """One step up the ladder, or None at the top (or at the therapist's ceiling)."""
    level = exercise.level(d.level)

    def room(value: int | None, rng_high: int | None, cap: int | None) -> int | None:
        """How far a field may still grow, or None if it may not."""
        if value is None or rng_high is None:
            return None
        limit = rng_high if cap is None else min(rng_high, cap)
        return limit if value < limit else None

    if d.duration_s is not None and level.duration_s:
        limit = room(d.duration_s, level.duration_s.high, ceiling.duration_s)
        if limit is not None:
            return _with(d, duration_s=min(limit, d.duration_s + settings.duration_step_s))
    else:
        if level.reps and (limit := room(d.reps, level.reps.high, ceiling.reps)) is not None:
            return _with(d, reps=min(limit, (d.reps or 0) + settings.reps_step))
        if (
            level.hold_s
            and (limit := room(d.hold_s, level.hold_s.high, ceiling.hold_s)) is not None
        ):
            return _with(d, hold_s=min(limit, d.hold_s + settings.hold_step_s))
        if level.sets and (limit := room(d.sets, level.sets.high, ceiling.sets)) is not None:
            return _with(d, sets=min(limit, d.sets + settings.sets_step))
    top_level = len(exercise.levels) if ceiling.level is None else ceiling.level
    if d.level < top_level:
        higher = _level_start(exercise, d, d.level + 1, top=False)
        if _within(higher, ceiling):
            return higher
    return None


def _within(d: Dosage, ceiling: Ceiling) -> bool:
    """Whether no field of `d` is above the therapist's ceiling for it."""
    for name in ("sets", "reps", "hold_s", "duration_s"):
        cap, value = getattr(ceiling, name), getattr(d, name)
        if cap is not None and value is not None and value > cap:
            return False
    return True


def _down_within(exercise: Exercise, d: Dosage, settings: ProgressionSettings) -> Dosage | None:
    """One step down inside the level (sets, then hold, then reps), or None at its minimum."""
    level = exercise.level(d.level)
    if d.duration_s is not None and level.duration_s:
        if d.duration_s > level.duration_s.low:
            return _with(
                d, duration_s=max(level.duration_s.low, d.duration_s - settings.duration_step_s)
            )
        return None
    if level.sets and d.sets > level.sets.low:
        return _with(d, sets=max(level.sets.low, d.sets - settings.sets_step))
    if level.hold_s and d.hold_s > level.hold_s.low:
        return _with(d, hold_s=max(level.hold_s.low, d.hold_s - settings.hold_step_s))
    if level.reps and d.reps is not None and d.reps > level.reps.low:
        return _with(d, reps=max(level.reps.low, d.reps - settings.reps_step))
    return None


def step_down(exercise: Exercise, d: Dosage, settings: ProgressionSettings) -> Dosage | None:
    """One step back down the ladder, or None at level 1's minimum.

    Inside a level it walks the up-order backwards. The level below is entered at
    the most it allows that is no more work per side than now: a lower level never
    adds volume. When even its minimum is more work, there is no step down.
    """
    lower = _down_within(exercise, d, settings)
    if lower is not None:
        return lower
    if d.level <= 1:
        return None
    candidate: Dosage | None = _level_start(exercise, d, d.level - 1, top=True)
    while candidate is not None and volume(candidate) > volume(d):
        candidate = _down_within(exercise, candidate, settings)
    return candidate
