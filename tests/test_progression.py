"""The progression rules: a table of histories with the expected decision, and properties."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.ladder import step_down, step_up
from coach.domain.model import Ceiling, Dosage, Exercise, ProgressionSettings
from coach.domain.progression_rules import Decision, decide
from coach.domain.seen import Effort, Kind, Morning, Seen
from coach.files.library import load_library
from coach.files.paths import Paths

LIB = load_library(Paths(Path("/none"), Path("/none"))).exercises
BIRD, BRIDGE, WALK = LIB["bird-dog"], LIB["single-leg-bridge"], LIB["walk"]
TODAY = date(2026, 11, 23)
DEFAULTS = ProgressionSettings()


def dose(
    ex: Exercise,
    level: int,
    sets: int | None = None,
    reps: int | None = None,
    hold: int | None = None,
    duration: int | None = None,
) -> Dosage:
    base = ex.start_dosage(level) if level != ex.dosage.level else ex.dosage
    changes: dict[str, Any] = {"level": level}
    for name, value in (("sets", sets), ("reps", reps), ("hold_s", hold), ("duration_s", duration)):
        if value is not None:
            changes[name] = value
    return dataclasses.replace(base, **changes)


D3 = dose(BIRD, 3, 3, 10, 3)  # the practice's dosage: level 3, 3 x 10, hold 3 s


def s(
    days_ago: int,
    d: Dosage = D3,
    pain: int | None = 2,
    morning: str | None = "same",
    complete: bool = True,
    effort: str | None = "right",
    decision: str | None = None,
) -> Seen:
    return Seen(
        TODAY - timedelta(days=days_ago),
        d,
        complete,
        pain,
        Effort(effort) if effort else None,
        Morning(morning) if morning else None,
        Kind(decision) if decision else None,
    )


def steady(d: Dosage = D3, **changes: Any) -> list[Seen]:
    return [s(7, d, **changes), s(5, d, **changes), s(3, d, **changes)]


# (name, exercise, history, expected kind, reason, expected dosage (level, sets, reps, hold)
#  or None for "unchanged", keyword arguments for decide)
SCENARIOS: list[
    tuple[str, Exercise, list[Seen], Kind, str, tuple[int, ...] | None, dict[str, Any]]
] = [
    ("no history yet", BIRD, [], Kind.KEEP, "first", None, {}),
    ("the first week of a programme", BIRD, [s(5), s(3), s(1)], Kind.KEEP, "days", None, {}),
    (
        "steady progress: hold goes up, with fewer reps to stay within +25%",
        BIRD,
        steady(),
        Kind.INCREASE,
        "increase",
        (3, 3, 7, 5),
        {},
    ),
    ("two sessions are not enough", BIRD, steady()[1:], Kind.KEEP, "sessions", None, {}),
    (
        "a partial session does not count",
        BIRD,
        [s(7), s(5, complete=False), s(3)],
        Kind.KEEP,
        "sessions",
        None,
        {},
    ),
    (
        "a flare: pain 6 during",
        BIRD,
        [s(7), s(5), s(3, pain=6)],
        Kind.DECREASE,
        "pain",
        (3, 3, 8, 3),
        {},
    ),
    ("pain 5 is still fine", BIRD, steady(pain=5), Kind.INCREASE, "increase", (3, 3, 7, 5), {}),
    (
        "next morning worse once: one step down",
        BIRD,
        [s(7), s(5), s(3, morning="worse")],
        Kind.DECREASE,
        "morning",
        (3, 3, 8, 3),
        {},
    ),
    (
        "a worse morning before a better one still counts at this dosage",
        BIRD,
        [s(7), s(5, morning="worse"), s(3)],
        Kind.KEEP,
        "morning-wait",
        None,
        {"settings": ProgressionSettings(decrease_after_worse_mornings=2)},
    ),
    (
        "a programme asking for two worse mornings in a row",
        BIRD,
        [s(7), s(5, morning="worse"), s(3, morning="worse")],
        Kind.DECREASE,
        "morning",
        (3, 3, 8, 3),
        {"settings": ProgressionSettings(decrease_after_worse_mornings=2)},
    ),
    (
        "worse twice, but not in a row, when two in a row are asked for",
        BIRD,
        [s(7, morning="worse"), s(5), s(3, morning="worse")],
        Kind.KEEP,
        "morning-wait",
        None,
        {"settings": ProgressionSettings(decrease_after_worse_mornings=2)},
    ),
    (
        "last effort too hard",
        BIRD,
        [s(7), s(5), s(3, effort="hard")],
        Kind.KEEP,
        "effort",
        None,
        {},
    ),
    (
        "too hard earlier, about right last",
        BIRD,
        [s(7, effort="hard"), s(5), s(3)],
        Kind.INCREASE,
        "increase",
        (3, 3, 7, 5),
        {},
    ),
    (
        "a missed fortnight: resume lower",
        BIRD,
        [s(20), s(18), s(14)],
        Kind.DECREASE,
        "break",
        (3, 3, 8, 3),
        {},
    ),
    (
        "13 days off: no step down, but the count starts again",
        BIRD,
        [s(20), s(17), s(13)],
        Kind.KEEP,
        "restart",
        None,
        {},
    ),
    (
        "an increase 4 days ago is too recent",
        BIRD,
        [
            s(12),
            s(4, dose(BIRD, 3, 3, 10, 5), decision="increase"),
            s(2, dose(BIRD, 3, 3, 10, 5)),
            s(1, dose(BIRD, 3, 3, 10, 5)),
        ],
        Kind.KEEP,
        "days",
        None,
        {},
    ),
    (
        "an increase 7 days ago, three sessions since",
        BIRD,
        [
            s(9),
            s(7, dose(BIRD, 3, 3, 10, 5), decision="increase"),
            s(4, dose(BIRD, 3, 3, 10, 5)),
            s(2, dose(BIRD, 3, 3, 10, 5)),
        ],
        Kind.INCREASE,
        "increase",
        (4, 3, 8, 6),
        {},
    ),
    (
        "level transition up: the next level's start",
        BIRD,
        steady(dose(BIRD, 3, 3, 10, 5)),
        Kind.INCREASE,
        "increase",
        (4, 3, 8, 6),
        {},
    ),
    (
        "level transition down: the previous level, never more work per side",
        BIRD,
        [s(5, dose(BIRD, 4, 3, 8, 6)), s(3, dose(BIRD, 4, 3, 8, 6), pain=7)],
        Kind.DECREASE,
        "pain",
        (3, 3, 10, 4),
        {},
    ),
    (
        "never below level 1's minimum",
        BIRD,
        [s(3, dose(BIRD, 1, 2, 6, 3), pain=8)],
        Kind.KEEP,
        "pain-floor",
        None,
        {},
    ),
    ("the top of the ladder", BIRD, steady(dose(BIRD, 4, 4, 10, 10)), Kind.KEEP, "top", None, {}),
    (
        "the therapist's level ceiling",
        BIRD,
        steady(dose(BIRD, 3, 3, 10, 5)),
        Kind.KEEP,
        "ceiling",
        None,
        {"ceiling": Ceiling(level=3)},
    ),
    (
        "a hold ceiling caps the step",
        BIRD,
        steady(),
        Kind.INCREASE,
        "increase",
        (3, 3, 9, 4),
        {"ceiling": Ceiling(hold_s=4)},
    ),
    (
        "a hold ceiling blocks a level whose start is above it",
        BIRD,
        steady(dose(BIRD, 3, 3, 10, 4)),
        Kind.KEEP,
        "ceiling",
        None,
        {"ceiling": Ceiling(hold_s=4)},
    ),
    (
        "locked: pain still lowers it",
        BIRD,
        [s(3, pain=7)],
        Kind.DECREASE,
        "pain",
        (3, 3, 8, 3),
        {"lock": True},
    ),
    (
        "locked: no increase",
        BIRD,
        steady(),
        Kind.KEEP,
        "locked",
        None,
        {"lock": True},
    ),
    (
        "offered again after it was declined",
        BIRD,
        [s(9), s(7, decision="keep"), s(5), s(3)],
        Kind.INCREASE,
        "increase",
        (3, 3, 7, 5),
        {},
    ),
    (
        "reps go up by 2 first",
        BIRD,
        steady(dose(BIRD, 1, 2, 8, 3)),
        Kind.INCREASE,
        "increase",
        (1, 2, 10, 3),
        {},
    ),
    (
        "reps off the grid stop at the level's top",
        BIRD,
        steady(dose(BIRD, 1, 2, 9, 3)),
        Kind.INCREASE,
        "increase",
        (1, 2, 10, 3),
        {},
    ),
    (
        "fewer sessions needed by the programme",
        BIRD,
        [s(9), s(3)],
        Kind.INCREASE,
        "increase",
        (3, 3, 7, 5),
        {"settings": ProgressionSettings(increase_after_sessions=2)},
    ),
    (
        "a stricter pain limit",
        BIRD,
        steady(pain=4),
        Kind.DECREASE,
        "pain",
        (3, 3, 8, 3),
        {"settings": ProgressionSettings(pain_during_max=3, pain_stop=6)},
    ),
    (
        "better every morning",
        BIRD,
        steady(morning="better"),
        Kind.INCREASE,
        "increase",
        (3, 3, 7, 5),
        {},
    ),
    (
        "a break at the floor keeps",
        BIRD,
        [s(30, dose(BIRD, 1, 2, 6, 3))],
        Kind.KEEP,
        "break-floor",
        None,
        {},
    ),
    (
        "a flare before the last change does not count",
        BIRD,
        [
            s(12, pain=7),
            s(9, dose(BIRD, 3, 2, 10, 3), decision="decrease"),
            s(6, dose(BIRD, 3, 2, 10, 3)),
            s(3, dose(BIRD, 3, 2, 10, 3)),
        ],
        Kind.INCREASE,
        "increase",
        (3, 2, 7, 5),
        {},
    ),
    (
        "bridge: two legs to one leg, at no less than half the work per side",
        BRIDGE,
        steady(dose(BRIDGE, 1, 3, 15, 5)),
        Kind.INCREASE,
        "increase",
        (2, 2, 10, 3),
        {},
    ),
]


@pytest.mark.parametrize(
    ("name", "exercise", "history", "kind", "reason", "after", "extra"),
    SCENARIOS,
    ids=[row[0] for row in SCENARIOS],
)
def test_scenario(
    name: str,
    exercise: Exercise,
    history: list[Seen],
    kind: Kind,
    reason: str,
    after: tuple[int, ...] | None,
    extra: dict[str, Any],
) -> None:
    start = D3 if exercise is BIRD else exercise.dosage
    decision = decide(
        exercise,
        start,
        history,
        TODAY,
        extra.get("settings", DEFAULTS),
        lock=extra.get("lock", False),
        ceiling=extra.get("ceiling", Ceiling()),
    )
    assert (decision.kind, decision.reason) == (kind, reason)
    current = history[-1].dosage if history else start
    assert decision.before == current
    got = decision.after
    expected = after or (current.level, current.sets, current.reps, current.hold_s)
    assert (got.level, got.sets, got.reps, got.hold_s) == expected


def test_enough_scenarios() -> None:
    assert len(SCENARIOS) >= 25


def test_bridge_changes_sides_with_the_level() -> None:
    decision = decide(BRIDGE, BRIDGE.dosage, steady(dose(BRIDGE, 1, 3, 15, 5)), TODAY, DEFAULTS)
    assert decision.before.sides.value == "none" and decision.after.sides.value == "each"


def test_time_based_steps() -> None:
    walk = dose(WALK, 1, duration=600)
    assert decide(WALK, walk, steady(walk), TODAY, DEFAULTS).after.duration_s == 720
    top = dose(WALK, 1, duration=900)
    after = decide(WALK, top, steady(top), TODAY, DEFAULTS).after
    assert (after.level, after.duration_s) == (2, 900)
    assert step_down(WALK, dose(WALK, 2, duration=900), DEFAULTS) == dose(WALK, 1, duration=900)


def test_declining_an_increase_keeps() -> None:
    decision = decide(BIRD, D3, steady(), TODAY, DEFAULTS)
    declined = decision.declined_by_person()
    assert (declined.kind, declined.after, declined.declined) == (Kind.KEEP, D3, True)


def test_up_and_down_walk_the_same_ladder() -> None:
    """Every step up, taken back down, lands where it started."""
    d: Dosage | None = dose(BIRD, 1, 2, 6, 3)
    climbed = []
    while d is not None:
        climbed.append(d)
        d = step_up(BIRD, d, DEFAULTS)
    assert climbed[-1] == dose(BIRD, 4, 4, 10, 10)
    back: Dosage | None = climbed[-1]
    descended = []
    while back is not None:
        descended.append(back)
        back = step_down(BIRD, back, DEFAULTS)
    assert descended[-1] == climbed[0]
    assert set(map(repr, descended)) <= set(map(repr, climbed)) | set(map(repr, descended))


# -- properties ------------------------------------------------------------------

answers = st.tuples(
    st.integers(min_value=1, max_value=6),  # days until the next session
    st.one_of(st.none(), st.integers(min_value=0, max_value=10)),  # pain during
    st.one_of(st.none(), st.sampled_from(list(Effort))),
    st.one_of(st.none(), st.sampled_from(list(Morning))),  # the next morning
    st.booleans(),  # done in full
)


def simulate(
    exercise: Exercise, start: Dosage, plan: list[tuple[Any, ...]]
) -> list[tuple[date, Decision, Seen]]:
    history: list[Seen] = []
    day = TODAY
    steps = []
    for gap, pain, effort, morning, complete in plan:
        day += timedelta(days=gap)
        decision = decide(exercise, start, history, day, DEFAULTS)
        seen = Seen(day, decision.after, complete, pain, effort, None, decision.kind)
        steps.append((day, decision, seen))
        history.append(seen)
        # The morning answer is given at the next start.
        history[-1] = dataclasses.replace(seen, morning=morning)
    return steps


@settings(max_examples=200, deadline=None)
@given(st.lists(answers, min_size=1, max_size=40), st.sampled_from([BIRD, BRIDGE]))
def test_progression_properties(plan: list[tuple[Any, ...]], exercise: Exercise) -> None:
    floor = exercise.start_dosage(1)
    steps = simulate(exercise, exercise.dosage, plan)
    last_increase: date | None = None
    for i, (day, decision, _seen) in enumerate(steps):
        after = decision.after
        # Never below level 1's minimum.
        assert after.level >= 1
        if after.level == 1:
            assert after.sets >= floor.sets and (after.reps or 0) >= (floor.reps or 0)
            assert after.hold_s >= floor.hold_s
        if decision.kind is Kind.INCREASE:
            # Never two increases within the minimum days.
            if last_increase is not None:
                assert (day - last_increase).days >= DEFAULTS.increase_min_days
            last_increase = day
        if i:
            previous_pain = plan[i - 1][1]
            if previous_pain is not None and previous_pain > DEFAULTS.pain_during_max:
                # No increase right after pain above the threshold; a decrease follows it
                # unless the dosage is already at the floor.
                assert decision.kind is not Kind.INCREASE
                if step_down(exercise, decision.before, DEFAULTS) is not None:
                    assert decision.kind is Kind.DECREASE
