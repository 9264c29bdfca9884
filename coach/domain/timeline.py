"""A session compiled from the dosage into timed phases. Pure: no clock, no I/O.

One exercise becomes:

    get ready -> for each set: reps (move -> hold -> return) -> rest -> ...

with `sides = "each"` running all reps on one side, a "switch sides" phase,
then the other side, and `sides = "alternate"` taking turns rep by rep. A
time-based exercise is one countdown. Between exercises there is a rest that
announces what comes next. Phases of zero seconds are left out.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from coach.domain.model import Dosage, Exercise, LocalText, Position, Sides

GET_READY_S = 5
POSITION_CHANGE_S = 15  # down to the floor, up from it, into a chair: time to get there
SWITCH_SIDES_S = 5


class Kind(StrEnum):
    GET_READY = "get-ready"
    MOVE = "move"
    HOLD = "hold"
    RETURN = "return"
    SWITCH = "switch-sides"
    REST = "rest"
    TIMED = "timed"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True)
class PlannedExercise:
    exercise: Exercise
    dosage: Dosage
    note: LocalText | None = None  # the therapist's note, shown when the exercise begins
    get_ready_s: int | None = None  # the programme's or definition's; None: by position


@dataclass(frozen=True)
class Phase:
    index: int
    kind: Kind
    duration: float  # seconds of session time
    start: float  # scheduled start, seconds from the start of the session
    exercise: int  # index into Timeline.plan
    set_no: int = 0  # 1-based; 0 outside a set (get ready, rest after the exercise)
    rep: int = 0  # 1-based; 0 outside a rep
    side: Side | None = None
    rep_start: int = -1  # index of the first phase of this rep, for "repeat the rep"
    ends_rep: bool = False
    ends_set: bool = False  # the last phase of a set: the progress is saved after it
    ends_exercise: bool = False  # the last phase of the exercise's last set
    halfway_cue: bool = False

    @property
    def end(self) -> float:
        return self.start + self.duration


@dataclass(frozen=True)
class Timeline:
    plan: tuple[PlannedExercise, ...]
    phases: tuple[Phase, ...]
    total: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total", self.phases[-1].end if self.phases else 0.0)

    def __len__(self) -> int:
        return len(self.phases)

    def next_phase(self, index: int) -> Phase | None:
        return self.phases[index + 1] if index + 1 < len(self.phases) else None

    def exercise_span(self, exercise: int) -> tuple[float, float]:
        """Scheduled start and end of one exercise, its get-ready included."""
        return self._spans[exercise]

    @functools.cached_property
    def _spans(self) -> dict[int, tuple[float, float]]:
        """Every exercise's span, found in one pass: asking for all of them stays linear."""
        spans: dict[int, tuple[float, float]] = {}
        for phase in self.phases:
            start = spans[phase.exercise][0] if phase.exercise in spans else phase.start
            spans[phase.exercise] = (start, phase.end)
        return spans


class _Builder:
    def __init__(self) -> None:
        self.phases: list[Phase] = []
        self.clock = 0.0

    def add(
        self,
        kind: Kind,
        duration: float,
        exercise: int,
        *,
        set_no: int = 0,
        rep: int = 0,
        side: Side | None = None,
        rep_start: int = -1,
        halfway_cue: bool = False,
        ends_set: bool = False,
    ) -> None:
        if duration <= 0:
            return
        self.phases.append(
            Phase(
                len(self.phases),
                kind,
                float(duration),
                self.clock,
                exercise,
                set_no=set_no,
                rep=rep,
                side=side,
                rep_start=rep_start,
                halfway_cue=halfway_cue,
                ends_set=ends_set,
            )
        )
        self.clock += duration

    def mark_last(
        self, *, ends_rep: bool = False, ends_set: bool = False, ends_exercise: bool = False
    ) -> None:
        last = self.phases[-1]
        self.phases[-1] = dataclasses.replace(
            last,
            ends_rep=last.ends_rep or ends_rep,
            ends_set=last.ends_set or ends_set,
            ends_exercise=last.ends_exercise or ends_exercise,
        )


def _rep_order(dosage: Dosage) -> Iterator[tuple[int, Side | None]]:
    """(rep, side) in the order they are done within one set, without switch phases."""
    reps = dosage.reps or 0
    if dosage.sides is Sides.NONE:
        for rep in range(1, reps + 1):
            yield rep, None
    elif dosage.sides is Sides.ALTERNATE:
        for rep in range(1, reps + 1):
            yield rep, Side.LEFT
            yield rep, Side.RIGHT
    else:
        for side in (Side.LEFT, Side.RIGHT):
            for rep in range(1, reps + 1):
                yield rep, side


def _add_rep(
    b: _Builder, dosage: Dosage, ex: int, set_no: int, rep: int, side: Side | None
) -> None:
    first = len(b.phases)
    for kind, seconds in (
        (Kind.MOVE, dosage.move_s),
        (Kind.HOLD, dosage.hold_s),
        (Kind.RETURN, dosage.return_s),
    ):
        b.add(kind, seconds, ex, set_no=set_no, rep=rep, side=side, rep_start=first)
    if len(b.phases) == first:
        # A dosage of no seconds at all still gets a moment per rep to be counted in.
        b.add(Kind.MOVE, 1, ex, set_no=set_no, rep=rep, side=side, rep_start=first)
    b.mark_last(ends_rep=True)


def get_ready_time(plan: Sequence[PlannedExercise], index: int, override: float | None) -> float:
    """Seconds to get into an exercise's starting position: `--get-ready`, else the programme's
    or definition's, else 15 s when the position changes (the session starts in a chair, at
    the computer), else 5 s."""
    if override is not None:
        return override
    item = plan[index]
    if item.get_ready_s is not None:
        return item.get_ready_s
    before = plan[index - 1].exercise.position if index else Position.CHAIR
    return POSITION_CHANGE_S if item.exercise.position is not before else GET_READY_S


def compile_timeline(plan: Sequence[PlannedExercise], get_ready_s: float | None = None) -> Timeline:
    b = _Builder()
    for ex, item in enumerate(plan):
        d = item.dosage
        b.add(Kind.GET_READY, get_ready_time(plan, ex, get_ready_s), ex)
        if d.duration_s is not None:
            b.add(Kind.TIMED, d.duration_s, ex, set_no=1, halfway_cue=d.halfway_cue, ends_set=True)
        else:
            for set_no in range(1, d.sets + 1):
                previous_side: Side | None = None
                for rep, side in _rep_order(d):
                    if (
                        d.sides is Sides.EACH
                        and previous_side is not None
                        and side != previous_side
                    ):
                        b.add(Kind.SWITCH, SWITCH_SIDES_S, ex, set_no=set_no, side=side)
                    previous_side = side
                    _add_rep(b, d, ex, set_no, rep, side)
                b.mark_last(ends_set=True)
                if set_no < d.sets:
                    b.add(Kind.REST, d.rest_between_sets_s, ex, set_no=set_no)
        b.mark_last(ends_exercise=True)
        if ex + 1 < len(plan):
            b.add(Kind.REST, d.rest_after_s, ex)
    return Timeline(plan=tuple(plan), phases=tuple(b.phases))
