"""The exercise's ladder: one step up or down, and the work a dosage asks per side. Pure.

The steps are graded: a step up inside a level adds at most MAX_STEP_UP of the work per
side, a step down inside a level cuts at most 1 - 1 / (1 + MAX_STEP_UP). A harder level
is entered at no less than MIN_LEVEL_ENTRY of the work per side of now.
"""

from __future__ import annotations

import dataclasses
import math

from coach.domain.model import Ceiling, Dosage, Exercise, ProgressionSettings, Range, Sides

NO_CEILING = Ceiling()

# A step up inside a level adds at most 25% work per side (sets x reps x hold), and a step
# down inside a level cuts at most 20% (1 / 1.25), unless nothing smaller is possible.
# Graded activity raises the quota in small, planned steps (Lindstrom 1992; Lambeek 2007)
# and the NHS back pain leaflets say "increase by a small amount"; no trial fixes the size.
# 25% is the last step of a usual rep range (8 to 10 reps), so the ladders' own small
# steps stay as they are, while +50% (a third set) or +67% (3 s to 5 s hold) are graded.
MAX_STEP_UP = 0.25
MAX_STEP_DOWN = 1 - 1 / (1 + MAX_STEP_UP)  # 0.2
# A harder level is entered at its start, or further up its own ladder when its start is
# less than half the work per side of now: the movement is harder, the drop stays limited.
MIN_LEVEL_ENTRY = 0.5
_EPS = 1e-9  # float slack: a step of exactly 25% (or 20% down) is within the bound


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


def _minutes(seconds: int) -> int:
    """A graded change of a duration: whole minutes when it is a minute or more."""
    return seconds - seconds % 60 if seconds >= 60 else seconds


def _duration_up(d: Dosage, limit: int, step: int) -> Dosage:
    now = d.duration_s or 0
    change = min(step, limit - now)
    most = math.floor(now * MAX_STEP_UP + _EPS)  # the most seconds within the bound
    if change > most:
        change = _minutes(most)
    return _with(d, duration_s=now + max(change, 1))


def _duration_down(d: Dosage, low: int, step: int) -> Dosage:
    now = d.duration_s or 0
    change = min(step, now - low)
    most = now - math.ceil(now / (1 + MAX_STEP_UP) - _EPS)
    if change > most:
        change = _minutes(most)
    return _with(d, duration_s=now - max(change, 1))


def _reps_up(d: Dosage, limit: int, step: int) -> Dosage:
    """Up to `step` reps more; fewer when the full step adds more than the bound."""
    reps, most = d.reps or 0, volume(d) * (1 + MAX_STEP_UP) + _EPS
    for new in range(min(limit, reps + step), reps, -1):
        if volume(_with(d, reps=new)) <= most:
            return _with(d, reps=new)
    return _with(d, reps=reps + 1)  # nothing smaller is possible


def _field_up(
    d: Dosage, name: str, limit: int, step: int, reps_low: int, hold_low: int | None = None
) -> Dosage | None:
    """More hold or sets, with fewer reps at the same time when the step would add more
    than the bound (for sets, a shorter hold too when fewer reps are not enough, down to
    `hold_low`); None if this field cannot add work."""
    now, value, reps = volume(d), getattr(d, name), d.reps or 0
    most = now * (1 + MAX_STEP_UP) + _EPS
    top = min(limit, value + step)
    holds = [d.hold_s] + ([] if hold_low is None else list(range(d.hold_s - 1, hold_low - 1, -1)))

    def changed(new: int, fewer: int, hold: int) -> Dosage:
        if name == "sets":
            return _with(d, sets=new, reps=fewer, hold_s=hold)
        return _with(d, hold_s=new, reps=fewer)

    for new in range(top, value, -1):
        for hold in holds:  # the hold as it is first; the most work within the bound
            fits = [
                candidate
                for fewer in range(reps, reps_low - 1, -1)
                if now < volume(candidate := changed(new, fewer, hold)) <= most
            ]
            if fits:
                return max(fits, key=volume)
    # Not within the bound: the smallest increase, with as few reps as still add work.
    for new in range(value + 1, top + 1):
        for fewer in range(reps_low, reps + 1):
            candidate = changed(new, fewer, d.hold_s)
            if volume(candidate) > now:
                return candidate
    return None


def _up_within(
    exercise: Exercise, d: Dosage, settings: ProgressionSettings, ceiling: Ceiling
) -> Dosage | None:
    """One graded step up inside the level (reps, then hold, then sets), or None at its top."""
    level = exercise.level(d.level)

    def room(value: int | None, rng: Range | None, cap: int | None) -> int | None:
        """How far a field may still grow, or None if it may not."""
        if value is None or rng is None:
            return None
        limit = rng.high if cap is None else min(rng.high, cap)
        return limit if value < limit else None

    if d.duration_s is not None and level.duration_s:
        limit = room(d.duration_s, level.duration_s, ceiling.duration_s)
        return None if limit is None else _duration_up(d, limit, settings.duration_step_s)
    if (limit := room(d.reps, level.reps, ceiling.reps)) is not None:
        return _reps_up(d, limit, settings.reps_step)
    reps = d.reps or 0
    reps_low = min(level.reps.low, reps) if level.reps else reps
    hold_low = min(level.hold_s.low, d.hold_s) if level.hold_s else d.hold_s
    for name, rng, cap, step in (
        ("hold_s", level.hold_s, ceiling.hold_s, settings.hold_step_s),
        ("sets", level.sets, ceiling.sets, settings.sets_step),
    ):
        if (limit := room(getattr(d, name), rng, cap)) is not None:
            graded = _field_up(d, name, limit, step, reps_low, hold_low if name == "sets" else None)
            if graded is not None:
                return graded
    return None


def step_up(
    exercise: Exercise, d: Dosage, settings: ProgressionSettings, ceiling: Ceiling = NO_CEILING
) -> Dosage | None:
    """One step up the ladder, or None at the top (or at the therapist's ceiling).

    Inside a level each step adds more than nothing and at most MAX_STEP_UP work per side
    (a few reps fewer with a longer hold or an extra set). At the level's top the next
    level is entered at its start, or as far up its own ladder as it takes to be at least
    MIN_LEVEL_ENTRY of the work per side of now.
    """
    within = _up_within(exercise, d, settings, ceiling)
    if within is not None:
        return within
    top_level = len(exercise.levels) if ceiling.level is None else ceiling.level
    if d.level >= top_level:
        return None
    higher: Dosage = _level_start(exercise, d, d.level + 1, top=False)
    while volume(higher) < volume(d) * MIN_LEVEL_ENTRY - _EPS:
        further = _up_within(exercise, higher, settings, ceiling)
        if further is None:
            break
        higher = further
    return higher if _within(higher, ceiling) else None


def _within(d: Dosage, ceiling: Ceiling) -> bool:
    """Whether no field of `d` is above the therapist's ceiling for it."""
    for name in ("sets", "reps", "hold_s", "duration_s"):
        cap, value = getattr(ceiling, name), getattr(d, name)
        if cap is not None and value is not None and value > cap:
            return False
    return True


def _field_down(d: Dosage, name: str, low: int, step: int, reps_high: int) -> Dosage | None:
    """Less hold, fewer sets or fewer reps: for hold and sets with more reps at the same time
    when the step would cut more than the bound; None if this field cannot cut work.
    (A step down never asks a longer hold.)"""
    now, value, reps = volume(d), getattr(d, name), d.reps or 0
    least = now / (1 + MAX_STEP_UP) - _EPS
    more = range(reps, reps + 1) if name == "reps" else range(reps, reps_high + 1)
    bottom = max(low, value - step)

    def changed(new: int, added: int) -> Dosage:
        return _with(d, reps=new) if name == "reps" else _with(d, **{name: new, "reps": added})

    for new in range(bottom, value):  # the biggest cut within the bound
        fits = [c for added in more if least <= volume(c := changed(new, added)) < now]
        if fits:
            return min(fits, key=volume)
    # Not within the bound: the smallest decrease, with as many reps as still cut work.
    for new in range(value - 1, bottom - 1, -1):
        for added in reversed(more):
            if volume(candidate := changed(new, added)) < now:
                return candidate
    return None


def _down_within(
    exercise: Exercise, d: Dosage, settings: ProgressionSettings, ceiling: Ceiling = NO_CEILING
) -> Dosage | None:
    """One graded step down inside the level (sets, then hold, then reps), or None at its
    minimum. The first field whose step cuts at most MAX_STEP_DOWN is taken; when none can,
    the smallest cut."""
    level = exercise.level(d.level)
    if d.duration_s is not None and level.duration_s:
        if d.duration_s > level.duration_s.low:
            return _duration_down(d, level.duration_s.low, settings.duration_step_s)
        return None
    reps = d.reps or 0
    reps_high = reps
    if level.reps:
        cap = level.reps.high if ceiling.reps is None else min(level.reps.high, ceiling.reps)
        reps_high = max(reps, cap)
    least = volume(d) / (1 + MAX_STEP_UP) - _EPS
    found: list[Dosage] = []
    for name, rng, step in (
        ("sets", level.sets, settings.sets_step),
        ("hold_s", level.hold_s, settings.hold_step_s),
        ("reps", level.reps, settings.reps_step),
    ):
        value = getattr(d, name)
        if rng is None or value is None or value <= rng.low:
            continue
        graded = _field_down(d, name, rng.low, step, reps_high)
        if graded is not None:
            if volume(graded) >= least:
                return graded
            found.append(graded)
    return max(found, key=volume) if found else None


def step_down(
    exercise: Exercise, d: Dosage, settings: ProgressionSettings, ceiling: Ceiling = NO_CEILING
) -> Dosage | None:
    """One step back down the ladder, or None at level 1's minimum.

    Inside a level it walks the up-order backwards, graded: a step cuts at most
    MAX_STEP_DOWN of the work per side unless nothing smaller is possible. The level
    below is entered at the most it allows that is no more work per side than now: a
    lower level never adds volume. When even its minimum is more work, there is no step
    down.
    """
    lower = _down_within(exercise, d, settings, ceiling)
    if lower is not None:
        return lower
    if d.level <= 1:
        return None
    candidate: Dosage | None = _level_start(exercise, d, d.level - 1, top=True)
    while candidate is not None and volume(candidate) > volume(d):
        candidate = _down_within(exercise, candidate, settings, ceiling)
    return candidate
