"""The steps a history took on the ladder: a step up undone, a step down redone. Pure.

Below `progression_rules`: each increase stores the dosage it started from, and each
decrease the one it came down from, so a step down can retrace the last step up exactly
and a locked exercise can climb back to its therapist's dosage by the way it came down.
"""

from __future__ import annotations

from collections.abc import Sequence

from coach.domain.ladder import NO_CEILING, step_down, volume
from coach.domain.model import Ceiling, Dosage, Exercise, ProgressionSettings
from coach.domain.seen import Kind, Seen

# A flare right after a step into a new level goes back to the dosage before that step
# when it is at most this much more work per side than now: level 3 at 3 x 10, hold 5 s
# (150) against level 4 at 3 x 8, hold 6 s (144) is 4 % more, well inside a difference
# nobody can feel, and it is the dosage the person tolerated for a week. 10 % is half the
# largest graded step down (20 %), so going back never adds a step's work.
UNDO_MORE_WORK = 0.10


def key(d: Dosage) -> tuple[int | None, ...]:
    return (d.level, d.sets, d.reps, d.hold_s, d.duration_s)


def _retrace(history: Sequence[Seen], current: Dosage, step: Kind, back: Kind) -> Dosage | None:
    """The dosage before the last recorded `step` (an increase or a decrease) that led to
    `current`. Steps are stacked as they happened and every step the other way (`back`)
    takes the latest off, so two steps back after two steps retrace both exactly."""
    stack: list[tuple[Dosage, Dosage]] = []
    for seen in history:
        if seen.today_only:
            continue
        if seen.decision is step and seen.before is not None:
            stack.append((seen.before, seen.dosage))
        elif seen.decision is back and stack:
            stack.pop()
    if stack and key(stack[-1][1]) == key(current):
        return stack[-1][0]
    return None


def undo_step(history: Sequence[Seen], current: Dosage) -> Dosage | None:
    """The dosage before the step up that led to `current`, if that step is recorded."""
    return _retrace(history, current, Kind.INCREASE, Kind.DECREASE)


def redo_step(history: Sequence[Seen], current: Dosage) -> Dosage | None:
    """The dosage before the step down that led to `current`, if that step is recorded:
    a locked exercise climbs back by the steps it came down."""
    return _retrace(history, current, Kind.DECREASE, Kind.INCREASE)


def lower_step(
    exercise: Exercise,
    current: Dosage,
    history: Sequence[Seen],
    settings: ProgressionSettings,
    ceiling: Ceiling = NO_CEILING,
) -> Dosage | None:
    """One step down: the last step up undone, or the ladder walked back.

    Undoing a step into a new level may mean a little more work per side than now (up to
    `UNDO_MORE_WORK`): the dosage the person tolerated before the change, not a cut below it.
    """
    undone = undo_step(history, current)
    if undone is not None and volume(undone) <= volume(current) * (1 + UNDO_MORE_WORK) + 1e-9:
        return undone
    return step_down(exercise, current, settings, ceiling)  # may add reps: not past it
