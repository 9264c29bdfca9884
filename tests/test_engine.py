"""The timeline compiler and the state machine, driven by a fake clock."""

from __future__ import annotations

import dataclasses

import pytest

from coach.domain.engine import Engine, Event, EventKind
from coach.domain.model import Dosage, Exercise, Sides
from coach.domain.timeline import Kind, PlannedExercise, Side, Timeline, compile_timeline
from coach.files.library import load_library
from coach.files.paths import get_paths

E = EventKind


@pytest.fixture(scope="module")
def bird() -> Exercise:
    return load_library(get_paths()).exercises["bird-dog"]


def plan(exercise: Exercise, **changes: object) -> PlannedExercise:
    return PlannedExercise(exercise, dataclasses.replace(exercise.dosage, **changes))  # type: ignore[arg-type]


def small(bird: Exercise, sides: Sides, reps: int = 2, sets: int = 2) -> Timeline:
    return compile_timeline(
        [
            plan(
                bird,
                sets=sets,
                reps=reps,
                sides=sides,
                move_s=1,
                hold_s=2,
                return_s=1,
                rest_between_sets_s=10,
            )
        ],
        get_ready_s=5,
    )


def kinds(events: list[Event], *wanted: EventKind) -> list[EventKind]:
    """The kinds of the events, countdown ticks left out unless asked for."""
    return [e.kind for e in events if (e.kind in wanted if wanted else e.kind is not E.TICK)]


def started(timeline: Timeline, now: float) -> Engine:
    """An engine whose first event (the first phase starting) has been taken."""
    engine = Engine(timeline, now)
    assert kinds(engine.tick(now)) == [E.PHASE]
    return engine


def current_kind(engine: Engine) -> Kind:
    return engine.phase.kind


def run_to_end(engine: Engine, step: float = 0.25) -> list[Event]:
    now, events = engine.t0, []
    while not engine.finished:
        now += step
        events += engine.tick(now)
    return events


# -- the timeline --------------------------------------------------------------


def test_alternate_takes_turns_rep_by_rep(bird: Exercise) -> None:
    t = small(bird, Sides.ALTERNATE)
    reps = [(p.set_no, p.rep, p.side) for p in t.phases if p.kind is Kind.HOLD]
    assert reps == [
        (1, 1, Side.LEFT),
        (1, 1, Side.RIGHT),
        (1, 2, Side.LEFT),
        (1, 2, Side.RIGHT),
        (2, 1, Side.LEFT),
        (2, 1, Side.RIGHT),
        (2, 2, Side.LEFT),
        (2, 2, Side.RIGHT),
    ]
    assert Kind.SWITCH not in {p.kind for p in t.phases}


def test_each_does_one_side_then_switches(bird: Exercise) -> None:
    t = small(bird, Sides.EACH, sets=1)
    sequence = [(p.kind, p.rep, p.side) for p in t.phases if p.kind in (Kind.HOLD, Kind.SWITCH)]
    assert sequence == [
        (Kind.HOLD, 1, Side.LEFT),
        (Kind.HOLD, 2, Side.LEFT),
        (Kind.SWITCH, 0, Side.RIGHT),
        (Kind.HOLD, 1, Side.RIGHT),
        (Kind.HOLD, 2, Side.RIGHT),
    ]


def test_phase_order_and_total(bird: Exercise) -> None:
    t = small(bird, Sides.NONE, reps=2, sets=2)
    assert [p.kind for p in t.phases] == [
        Kind.GET_READY,
        Kind.MOVE,
        Kind.HOLD,
        Kind.RETURN,
        Kind.MOVE,
        Kind.HOLD,
        Kind.RETURN,
        Kind.REST,
        Kind.MOVE,
        Kind.HOLD,
        Kind.RETURN,
        Kind.MOVE,
        Kind.HOLD,
        Kind.RETURN,
    ]
    assert t.total == 5 + 2 * (2 * 4) + 10
    assert all(b.start == a.end for a, b in zip(t.phases, t.phases[1:], strict=False))
    assert [p.index for p in t.phases if p.ends_set] == [6, 13]
    assert [p.index for p in t.phases if p.ends_exercise] == [13]


def test_zero_second_phases_are_left_out(bird: Exercise) -> None:
    t = compile_timeline(
        [plan(bird, sets=1, reps=1, sides=Sides.NONE, move_s=2, hold_s=0, return_s=0)]
    )
    assert [p.kind for p in t.phases] == [Kind.GET_READY, Kind.MOVE]
    assert t.phases[-1].ends_rep and t.phases[-1].ends_set


def test_rest_between_exercises_and_time_based(bird: Exercise) -> None:
    walk_dosage = Dosage(level=1, duration_s=60, halfway_cue=True, rest_after_s=0)
    walk = PlannedExercise(dataclasses.replace(bird, id="walk"), walk_dosage)
    t = compile_timeline([plan(bird, sets=1, reps=1, sides=Sides.NONE, rest_after_s=30), walk])
    rest = [p for p in t.phases if p.kind is Kind.REST]
    assert len(rest) == 1 and rest[0].exercise == 0 and rest[0].duration == 30
    assert t.next_phase(rest[0].index).kind is Kind.GET_READY  # type: ignore[union-attr]
    timed = t.phases[-1]
    assert timed.kind is Kind.TIMED and timed.duration == 60 and timed.halfway_cue
    assert timed.ends_set and timed.ends_exercise


# -- the engine ----------------------------------------------------------------


def test_runs_to_the_end_with_no_drift(bird: Exercise) -> None:
    t = small(bird, Sides.ALTERNATE)
    engine = Engine(t, now=1000.0)
    events = run_to_end(engine, step=0.37)  # an awkward step: lateness must not add up
    starts = [e for e in events if e.kind is E.PHASE]
    assert [e.at for e in starts] == [p.start for p in t.phases]
    assert events[-1].kind is E.SESSION_DONE and events[-1].at == t.total
    assert kinds(events, E.SET_DONE) == [E.SET_DONE] * 2
    assert len(kinds(events, E.REP_DONE)) == 8
    assert all(e.value == 1 for e in events if e.kind is E.REP_DONE)  # every hold ran in full


def test_countdown_ticks_every_second(bird: Exercise) -> None:
    t = small(bird, Sides.NONE)
    engine = started(t, now=0.0)
    events = []
    now = 0.0
    while now < 5:
        now += 0.1
        events += engine.tick(now)
    ticks = [(e.value, round(e.at, 6)) for e in events if e.kind is E.TICK and e.phase.index == 0]
    assert ticks == [(4, 1.0), (3, 2.0), (2, 3.0), (1, 4.0)]


def test_next_change_is_the_next_second_boundary(bird: Exercise) -> None:
    engine = started(small(bird, Sides.NONE), now=0.0)
    assert engine.next_change(0.0) == pytest.approx(1.0)
    assert engine.next_change(1.5) == pytest.approx(2.0)
    assert engine.next_change(4.2) == pytest.approx(5.0)  # the deadline
    engine.pause(4.2)
    assert engine.next_change(6.0) is None


def test_pause_moves_the_deadlines(bird: Exercise) -> None:
    t = small(bird, Sides.NONE)
    engine = started(t, now=0.0)
    engine.tick(2.0)
    assert kinds(engine.pause(2.0)) == [E.PAUSED]
    assert engine.tick(100.0) == []  # nothing moves while paused
    assert engine.seconds_left(100.0) == 3
    resumed = engine.resume(12.0)
    assert kinds(resumed) == [E.RESUMED]
    assert engine.deadline == pytest.approx(15.0)
    events = engine.tick(15.0)
    assert (events[-1].kind, events[-1].at) == (E.PHASE, 15.0)
    assert events[-1].phase.kind is Kind.MOVE


def test_skip_ends_the_phase_now(bird: Exercise) -> None:
    t = small(bird, Sides.NONE)
    engine = started(t, now=0.0)
    events = engine.skip(1.0)
    assert kinds(events) == [E.SKIPPED, E.PHASE]
    assert engine.phase.kind is Kind.MOVE and engine.phase_start == 1.0
    engine.tick(2.0)  # move (1 s) is over; hold (2 s) started at 2.0
    assert current_kind(engine) is Kind.HOLD
    events = engine.skip(2.5)
    assert kinds(events) == [E.SKIPPED, E.PHASE]
    events = engine.tick(3.5)  # return ends at 3.5: the rep is done, its hold was cut short
    rep = next(e for e in events if e.kind is E.REP_DONE)
    assert rep.value == 0


def test_skip_while_paused_stays_paused(bird: Exercise) -> None:
    engine = started(small(bird, Sides.NONE), now=0.0)
    engine.pause(1.0)
    engine.skip(3.0)
    assert engine.paused and engine.phase.kind is Kind.MOVE
    engine.resume(10.0)
    assert engine.deadline == pytest.approx(11.0)  # the full move phase is still ahead


def test_repeat_the_current_rep(bird: Exercise) -> None:
    t = small(bird, Sides.ALTERNATE)
    engine = started(t, now=0.0)
    engine.tick(7.5)  # get ready 5, move 1, hold 2: in the first hold
    assert (engine.phase.kind, engine.phase.rep, engine.phase.side) == (Kind.HOLD, 1, Side.LEFT)
    events = engine.repeat_rep(7.5)
    assert kinds(events) == [E.REPEATED, E.PHASE]
    assert engine.phase.kind is Kind.MOVE and engine.phase_start == 7.5
    rest = run_to_end(engine)
    assert len(kinds(rest, E.REP_DONE)) == 8  # the repeated rep is counted once


def test_repeat_outside_a_rep_does_nothing(bird: Exercise) -> None:
    engine = started(small(bird, Sides.NONE), now=0.0)
    assert kinds(engine.repeat_rep(1.0)) == []
    assert engine.phase.kind is Kind.GET_READY


def test_time_based_has_a_halfway_cue(bird: Exercise) -> None:
    walk = PlannedExercise(bird, Dosage(level=1, duration_s=60, halfway_cue=True))
    engine = Engine(compile_timeline([walk], get_ready_s=5), now=0.0)
    events = run_to_end(engine, step=0.5)
    halfway = [e for e in events if e.kind is E.HALFWAY]
    assert [(e.at, e.phase.kind) for e in halfway] == [(35.0, Kind.TIMED)]
    assert kinds(events, E.SET_DONE, E.EXERCISE_DONE, E.SESSION_DONE) == [
        E.SET_DONE,
        E.EXERCISE_DONE,
        E.SESSION_DONE,
    ]


def test_stop(bird: Exercise) -> None:
    engine = started(small(bird, Sides.NONE), now=0.0)
    events = engine.stop(3.0)
    assert kinds(events) == [E.STOPPED] and engine.finished and engine.stopped
    assert engine.tick(50.0) == []
    assert engine.skip(50.0) == [] and engine.pause(50.0) == []


def test_late_tick_catches_up_in_order(bird: Exercise) -> None:
    """A caller that wakes up late gets every event, stamped with its scheduled time."""
    t = small(bird, Sides.NONE)
    engine = Engine(t, now=0.0)
    events = engine.tick(t.total + 5)
    starts = [e.at for e in events if e.kind is E.PHASE]
    assert starts == [p.start for p in t.phases]
    assert engine.finished


def test_progress(bird: Exercise) -> None:
    t = small(bird, Sides.NONE)
    engine = started(t, now=0.0)
    assert engine.progress(0.0) == 0.0
    engine.tick(t.total / 2)
    assert engine.progress(t.total / 2) == pytest.approx(0.5)
    engine.tick(t.total)
    assert engine.progress(t.total) == 1.0


def test_a_rep_counts_only_when_its_hold_ran_to_the_end(bird: Exercise) -> None:
    engine = started(small(bird, Sides.NONE, reps=2, sets=1), 0.0)
    engine.tick(5.0)  # get ready over: the first rep moves
    events = engine.skip(5.5)  # move skipped: the hold still runs in full
    events += engine.tick(7.5)  # hold done
    events += engine.tick(8.5)  # return done: rep 1 counts
    events += engine.skip(9.0)  # rep 2: move skipped
    events += engine.skip(9.0)  # hold skipped
    events += engine.tick(10.0)  # return done: rep 2 does not count
    reps = [e.value for e in events if e.kind is E.REP_DONE]
    assert reps == [1, 0]


def test_without_a_hold_the_move_makes_the_rep(bird: Exercise) -> None:
    timeline = compile_timeline(
        [plan(bird, sets=1, reps=2, sides=Sides.NONE, move_s=1, hold_s=0, return_s=1)],
        get_ready_s=5,
    )
    engine = started(timeline, 0.0)
    events = engine.tick(7.0)  # rep 1 in full
    events += engine.skip(7.2)  # rep 2: move skipped
    events += engine.tick(9.0)
    assert [e.value for e in events if e.kind is E.REP_DONE] == [1, 0]


def test_skip_exercise_ends_it_as_one_skipped_step(bird: Exercise) -> None:
    timeline = compile_timeline(
        [plan(bird, sets=2, reps=3, sides=Sides.NONE), plan(bird, sets=1, reps=1)],
        get_ready_s=5,
    )
    engine = started(timeline, 0.0)
    events = engine.skip_exercise(6.0)
    assert kinds(events, E.SKIPPED) == [E.SKIPPED]
    assert E.EXERCISE_DONE in kinds(events)
    assert engine.phase.exercise == 1 and not engine.finished
    assert all(e.value == 0 for e in events if e.kind is E.REP_DONE)
