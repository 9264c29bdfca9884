"""Graded steps on the ladders: a step up inside a level adds at most 25% work per side, a
step down cuts at most 20%, and a harder level starts at no less than half the work."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from coach.domain.ladder import (
    MAX_STEP_DOWN,
    MAX_STEP_UP,
    MIN_LEVEL_ENTRY,
    step_down,
    step_up,
    volume,
)
from coach.domain.model import (
    Ceiling,
    Dosage,
    Exercise,
    Level,
    LocalList,
    LocalText,
    Position,
    ProgressionSettings,
    Range,
    Sides,
)
from coach.errors import Problem
from coach.files.exercise_files import parse_exercise
from coach.files.library import bundled_dir, load_library
from coach.files.paths import Paths
from coach.files.toml_parse import read_toml

LIB = load_library(Paths(Path("/none"), Path("/none"))).exercises
EXERCISES = sorted(LIB.values(), key=lambda e: e.id)
IDS = [e.id for e in EXERCISES]
DEFAULTS = ProgressionSettings()
EPS = 1e-9
MANY = 10_000  # more steps than any ladder has: a walk this long does not end

SETTINGS = [
    DEFAULTS,
    ProgressionSettings(reps_step=1, hold_step_s=1, sets_step=1, duration_step_s=30),
    ProgressionSettings(reps_step=5, hold_step_s=5, sets_step=2, duration_step_s=600),
    ProgressionSettings(reps_step=3, hold_step_s=3, duration_step_s=60),
]
CEILINGS = [Ceiling(), Ceiling(level=2), Ceiling(sets=2, hold_s=4), Ceiling(reps=8)]


def top(exercise: Exercise, number: int) -> Dosage:
    """Level `number` at the high end of each of its ranges."""
    lvl, d = exercise.level(number), exercise.start_dosage(number)
    return dataclasses.replace(
        d,
        sets=lvl.sets.high if lvl.sets else d.sets,
        reps=lvl.reps.high if lvl.reps else d.reps,
        hold_s=lvl.hold_s.high if lvl.hold_s else d.hold_s,
        duration_s=lvl.duration_s.high if lvl.duration_s else d.duration_s,
    )


def entry(exercise: Exercise, number: int) -> Dosage:
    """Where step_up enters level `number` from the top of the level below."""
    entered = step_up(exercise, top(exercise, number - 1), DEFAULTS)
    assert entered is not None and entered.level == number
    return entered


def walk(
    exercise: Exercise, d: Dosage, settings: ProgressionSettings, step: Callable[..., Dosage | None]
) -> list[Dosage]:
    """The steps (`step_up` or `step_down`) inside d's level, from d to the level's end."""
    steps = [d]
    for _ in range(MANY):
        nxt = step(exercise, steps[-1], settings)
        if nxt is None or nxt.level != d.level:
            return steps
        steps.append(nxt)
    raise AssertionError(f"{exercise.id}: {step.__name__} does not end in level {d.level}")


def walk_up(exercise: Exercise, d: Dosage, settings: ProgressionSettings) -> list[Dosage]:
    return walk(exercise, d, settings, step_up)


def walk_down(exercise: Exercise, d: Dosage, settings: ProgressionSettings) -> list[Dosage]:
    return walk(exercise, d, settings, step_down)


def test_the_bounds() -> None:
    assert MAX_STEP_UP == 0.25
    assert round(MAX_STEP_DOWN, 9) == 0.2
    assert MIN_LEVEL_ENTRY == 0.5


# -- every bundled ladder ------------------------------------------------------------


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
@pytest.mark.parametrize("settings", SETTINGS)
def test_every_step_up_inside_a_level_adds_at_most_a_quarter(
    exercise: Exercise, settings: ProgressionSettings
) -> None:
    for lvl in exercise.levels:
        steps = walk_up(exercise, exercise.start_dosage(lvl.number), settings)
        for before, after in pairwise(steps):
            ratio = volume(after) / volume(before)
            assert 1 < ratio <= 1 + MAX_STEP_UP + EPS, (exercise.id, before, after)
            assert exercise.level(after.level).reps is None or after.reps in (
                exercise.level(after.level).reps or Range(0, 0)
            )
        assert volume(steps[-1]) == volume(top(exercise, lvl.number)), (exercise.id, lvl.number)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
@pytest.mark.parametrize("settings", SETTINGS)
def test_every_step_down_inside_a_level_cuts_at_most_a_fifth(
    exercise: Exercise, settings: ProgressionSettings
) -> None:
    for lvl in exercise.levels:
        steps = walk_down(exercise, top(exercise, lvl.number), settings)
        for before, after in pairwise(steps):
            ratio = volume(after) / volume(before)
            assert ratio < 1, (exercise.id, before, after)
            if ratio < 1 - MAX_STEP_DOWN - EPS:
                # Nothing smaller is possible: only a set less is left (hold and reps at
                # the level's lowest), and the reps go up as far as the level allows.
                assert lvl.reps and lvl.hold_s, (exercise.id, before, after)
                assert before.hold_s == lvl.hold_s.low and before.reps == lvl.reps.low
                assert after.sets < before.sets and after.reps == lvl.reps.high
        assert volume(steps[-1]) == volume(exercise.start_dosage(lvl.number))


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_a_harder_level_starts_at_no_less_than_half(exercise: Exercise) -> None:
    for lvl in exercise.levels[1:]:
        below = volume(top(exercise, lvl.number - 1))
        assert volume(entry(exercise, lvl.number)) >= MIN_LEVEL_ENTRY * below - EPS, (
            exercise.id,
            lvl.number,
        )


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_a_start_more_than_a_quarter_lower_says_why_it_is_harder(exercise: Exercise) -> None:
    assert exercise.levels[0].harder is None
    for lvl in exercise.levels[1:]:
        below = volume(top(exercise, lvl.number - 1))
        start = min(volume(exercise.start_dosage(lvl.number)), volume(entry(exercise, lvl.number)))
        if start < below / (1 + MAX_STEP_UP) - EPS:
            assert lvl.harder is not None, (exercise.id, lvl.number)
        if lvl.harder is not None:
            for text in (lvl.harder.nl, lvl.harder.en):
                assert text.strip() and text.endswith("."), (exercise.id, lvl.number)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
@pytest.mark.parametrize("settings", SETTINGS)
@pytest.mark.parametrize("ceiling", CEILINGS)
def test_step_up_ends_at_the_top(
    exercise: Exercise, settings: ProgressionSettings, ceiling: Ceiling
) -> None:
    d = exercise.start_dosage(1)
    for _ in range(MANY):
        nxt = step_up(exercise, d, settings, ceiling)
        if nxt is None:
            break
        if nxt.level == d.level:
            assert volume(nxt) > volume(d), (d, nxt)
        for name in ("level", "sets", "reps", "hold_s", "duration_s"):
            # Never raised past the therapist's ceiling (a level may start above it).
            cap, value, was = getattr(ceiling, name), getattr(nxt, name), getattr(d, name)
            assert cap is None or value is None or value <= max(cap, was or 0), (name, nxt)
        d = nxt
    else:
        raise AssertionError(f"{exercise.id}: step_up does not end")
    if ceiling == Ceiling():
        assert d.level == len(exercise.levels)
        assert volume(d) == volume(top(exercise, d.level))
    # And back down to level 1's minimum, every step less work per side.
    for _ in range(MANY):
        lower = step_down(exercise, d, settings)
        if lower is None:
            break
        assert volume(lower) <= volume(d)
        d = lower
    else:
        raise AssertionError(f"{exercise.id}: step_down does not end")
    assert d.level == 1


# -- small hand-made ladders: the boundaries -------------------------------------------


def made(
    sets: tuple[int, int] = (1, 1),
    reps: tuple[int, int] = (4, 10),
    hold: tuple[int, int] = (1, 1),
    duration: tuple[int, int] | None = None,
) -> Exercise:
    text = LocalText.same("x.")
    if duration is not None:
        level = Level(1, text, text, duration_s=Range(*duration))
        dosage = Dosage(level=1, duration_s=duration[0])
    else:
        level = Level(1, text, text, sets=Range(*sets), reps=Range(*reps), hold_s=Range(*hold))
        dosage = Dosage(level=1, sets=sets[0], reps=reps[0], sides=Sides.EACH, hold_s=hold[0])
    return Exercise(
        id="made",
        name=text,
        summary=text,
        purpose=text,
        start_position=text,
        steps=LocalList(("x.",), ("x.",)),
        feel=text,
        mistakes=LocalList(("x.",), ("x.",)),
        stop=text,
        position=Position.FLOOR,
        equipment=(),
        region=(),
        dosage=dosage,
        levels=(level,),
        sources=(),
    )


def at(ex: Exercise, sets: int, reps: int, hold: int) -> Dosage:
    return dataclasses.replace(ex.dosage, sets=sets, reps=reps, hold_s=hold)


def shape(d: Dosage | None) -> tuple[int, int | None, int] | None:
    return None if d is None else (d.sets, d.reps, d.hold_s)


def test_reps_up_by_exactly_a_quarter_is_allowed() -> None:
    ex = made()
    assert shape(step_up(ex, at(ex, 1, 8, 1), DEFAULTS)) == (1, 10, 1)  # +25%


def test_reps_up_by_more_than_a_quarter_adds_fewer() -> None:
    ex = made()
    assert shape(step_up(ex, at(ex, 1, 7, 1), DEFAULTS)) == (1, 8, 1)  # 9 would be +29%


def test_a_hold_up_by_exactly_a_quarter_keeps_the_reps() -> None:
    ex = made(reps=(10, 10), hold=(4, 5))
    assert shape(step_up(ex, at(ex, 1, 10, 4), DEFAULTS)) == (1, 10, 5)  # +25%


def test_a_longer_hold_comes_with_fewer_reps() -> None:
    ex = made(reps=(4, 10), hold=(3, 5))
    # 3 s to 5 s would be +67%: 7 reps of 5 s is +17%, 8 would be +33%.
    assert shape(step_up(ex, at(ex, 1, 10, 3), DEFAULTS)) == (1, 7, 5)


def test_a_longer_hold_that_cannot_be_graded_is_one_second_more() -> None:
    ex = made(reps=(10, 10), hold=(3, 5))
    # 10 reps is the level's lowest: 4 s (+33%) is the smallest step that adds work.
    assert shape(step_up(ex, at(ex, 1, 10, 3), DEFAULTS)) == (1, 10, 4)


def test_a_set_more_comes_with_fewer_reps() -> None:
    ex = made(sets=(2, 3), reps=(6, 10))
    assert shape(step_up(ex, at(ex, 2, 10, 1), DEFAULTS)) == (3, 8, 1)  # +20%, not +50%


def test_a_set_more_by_exactly_a_quarter_keeps_the_reps() -> None:
    ex = made(sets=(4, 5), reps=(6, 10))
    assert shape(step_up(ex, at(ex, 4, 10, 1), DEFAULTS)) == (5, 10, 1)  # +25%


def test_a_second_set_may_shorten_the_hold_too() -> None:
    ex = made(sets=(1, 3), reps=(8, 12), hold=(3, 5))
    # One set of 12 x 5 s to two sets: 8 reps alone is +33%, so the hold goes to 4 s too.
    after = step_up(ex, at(ex, 1, 12, 5), DEFAULTS)
    assert shape(after) == (2, 9, 4)
    assert after is not None and volume(after) / 60 == pytest.approx(1.2)


def test_a_set_more_that_cannot_be_graded_is_still_one_set() -> None:
    ex = made(sets=(2, 3), reps=(10, 10))
    assert shape(step_up(ex, at(ex, 2, 10, 1), DEFAULTS)) == (3, 10, 1)  # +50%: nothing less


def test_the_ceiling_is_kept_while_grading() -> None:
    ex = made(sets=(2, 3), reps=(6, 10), hold=(3, 5))
    after = step_up(ex, at(ex, 2, 10, 3), DEFAULTS, Ceiling(hold_s=4))
    assert shape(after) == (2, 9, 4)  # +20%, and never 5 s
    assert step_up(ex, at(ex, 3, 8, 4), DEFAULTS, Ceiling(hold_s=4, reps=8)) is None


def test_a_duration_step_up_is_graded_in_whole_minutes() -> None:
    ex = made(duration=(300, 900))
    walk = dataclasses.replace(ex.dosage, duration_s=300)
    assert (step_up(ex, walk, DEFAULTS) or walk).duration_s == 360  # not 420 (+40%)
    walk = dataclasses.replace(ex.dosage, duration_s=480)
    assert (step_up(ex, walk, DEFAULTS) or walk).duration_s == 600  # exactly +25%


def test_reps_down_by_exactly_a_fifth_is_allowed() -> None:
    ex = made()
    assert shape(step_down(ex, at(ex, 1, 10, 1), DEFAULTS)) == (1, 8, 1)  # -20%


def test_reps_down_by_more_than_a_fifth_takes_fewer_off() -> None:
    ex = made()
    assert shape(step_down(ex, at(ex, 1, 9, 1), DEFAULTS)) == (1, 8, 1)  # 7 would be -22%


def test_a_set_less_comes_with_more_reps() -> None:
    ex = made(sets=(2, 3), reps=(6, 12))
    assert shape(step_down(ex, at(ex, 3, 10, 1), DEFAULTS)) == (2, 12, 1)  # -20%, not -33%


def test_a_step_down_takes_the_next_field_when_a_set_less_is_too_much() -> None:
    ex = made(sets=(2, 3), reps=(6, 10), hold=(3, 5))
    # A set less is -33% even with the most reps: the hold goes down instead (-20%).
    assert shape(step_down(ex, at(ex, 3, 10, 5), DEFAULTS)) == (3, 10, 4)


def test_a_step_down_cuts_more_only_when_nothing_smaller_is_possible() -> None:
    ex = made(sets=(1, 2), reps=(10, 10))
    assert shape(step_down(ex, at(ex, 2, 10, 1), DEFAULTS)) == (1, 10, 1)  # -50%


def test_a_duration_step_down_is_graded() -> None:
    ex = made(duration=(300, 900))
    walk = dataclasses.replace(ex.dosage, duration_s=600)
    assert (step_down(ex, walk, DEFAULTS) or walk).duration_s == 480  # -20%
    walk = dataclasses.replace(ex.dosage, duration_s=360)
    assert (step_down(ex, walk, DEFAULTS) or walk).duration_s == 300


# -- the note in the exercise files ----------------------------------------------------


def parsed(change: dict[str, Any], level: int) -> tuple[Exercise | None, list[Problem]]:
    """The bundled bridge with `change` merged into one of its levels."""
    path = bundled_dir() / "single-leg-bridge.toml"
    data = read_toml(path)
    data["levels"][level - 1] = {**data["levels"][level - 1], **change}
    problems: list[Problem] = []
    return parse_exercise(data, path, problems), problems


def test_the_note_is_read_in_both_languages() -> None:
    bridge = LIB["single-leg-bridge"]
    note = bridge.level(2).harder
    assert note is not None and "One leg" in note.en and "Eén been" in note.nl


def test_a_note_on_level_one_is_a_problem() -> None:
    exercise, problems = parsed({"harder": {"nl": "Zwaarder.", "en": "Harder."}}, 1)
    assert exercise is None
    assert [p.key for p in problems] == ["levels[0].harder"]
    assert "\n" not in str(problems[0])


def test_a_note_without_dutch_is_a_problem() -> None:
    exercise, problems = parsed({"harder": {"en": "Harder."}}, 2)
    assert exercise is None
    assert [p.key for p in problems] == ["levels[1].harder.nl"]
    assert "\n" not in str(problems[0])
