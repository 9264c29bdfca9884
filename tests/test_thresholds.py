"""Every number the README and docs/progression.md state for a rule, pinned on both sides.

Each threshold has a test at the value just at it and one just past it, and the two
must give the decisions (or reasons) the documents promise. Most tests call the pure
rules (`decide`, the ladder, the pain trends, the warning-sign schedule); the rules
that live in the command-line path (previews and one-off runs not counting, the
40-session look-back of the undo) run through the real CLI under time-machine, on the
instant session clock. Nothing here reads the real clock.

tools/mutate.py proves these tests catch the mutations they are meant to catch:
`python tools/mutate.py` prints which mutants are killed.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from rich.console import Console

from coach.domain import decisions as decisions_module
from coach.domain.engine import Engine, Event
from coach.domain.ladder import step_down, step_up, volume
from coach.domain.model import Ceiling, Dosage, Exercise, ProgressionSettings, Sides
from coach.domain.pain_trends import pain_high_today, rising, usual, weekly_pain
from coach.domain.progression_rules import Decision, decide
from coach.domain.seen import Effort, Kind, Morning, Seen
from coach.domain.session_record import (
    Answers,
    Before,
    DecisionDone,
    ExerciseDone,
    Recorder,
    SessionRecord,
    SetDone,
    Status,
    new_record,
    session_id,
)
from coach.domain.timeline import Kind as PhaseKind
from coach.domain.timeline import PlannedExercise, compile_timeline
from coach.domain.warning_signs import Check, Reason, Reported, due, pain_jump
from coach.errors import CoachError
from coach.files import check_log
from coach.files.library import load_library
from coach.files.paths import Paths, get_paths
from coach.files.programmes import DEFAULT_PROGRAMME, fingerprint, load_programme
from coach.files.session_store import Store
from coach.files.session_toml import load_record
from coach.live.during_session import SymptomWatch
from coach.live.prompts import Asker
from coach.live.session_outcome import Hurt
from tests.conftest import Run

LIB = load_library(Paths(Path("/none"), Path("/none"))).exercises
BIRD, BRIDGE, WALK = LIB["bird-dog"], LIB["single-leg-bridge"], LIB["walk"]
TODAY = date(2026, 11, 23)  # a Monday
D3 = BIRD.dosage  # level 3, 3 x 10 per side, hold 3 s: the programme's dosage


@pytest.fixture(autouse=True)
def _frozen_clock() -> Iterator[None]:
    """Every test runs at 10:00 UTC on TODAY, whatever the real clock says.

    The store, for one, rejects a session that started in the future.
    """
    with time_machine.travel(datetime(2026, 11, 23, 10, tzinfo=UTC), tick=False):
        yield


def defaults() -> ProgressionSettings:
    """The programme's defaults, read when a test runs (a mutated default shows)."""
    return ProgressionSettings()


def dose(ex: Exercise, level: int, **fields: int) -> Dosage:
    return dataclasses.replace(ex.start_dosage(level), **fields)  # type: ignore[arg-type]


def seen(
    days_ago: int,
    d: Dosage = D3,
    *,
    pain: int | None = 2,
    morning: Morning | None = Morning.SAME,
    complete: bool = True,
    effort: Effort | None = Effort.RIGHT,
    decision: Kind | None = None,
    reason: str | None = None,
    before: Dosage | None = None,
    pain_before: int | None = None,
) -> Seen:
    return Seen(
        day=TODAY - timedelta(days=days_ago),
        dosage=d,
        complete=complete,
        pain=pain,
        effort=effort,
        morning=morning,
        decision=decision,
        reason=reason,
        before=before,
        pain_before=pain_before,
    )


def steady(*days_ago: int, d: Dosage = D3, **changes: Any) -> list[Seen]:
    """Full sessions at one dosage, pain 2, the same next morning, effort about right."""
    return [seen(n, d, **changes) for n in days_ago]


def verdict(
    history: list[Seen],
    *,
    exercise: Exercise = BIRD,
    start: Dosage = D3,
    settings: ProgressionSettings | None = None,
    pain_now: int | None = None,
) -> Decision:
    return decide(exercise, start, history, TODAY, settings or defaults(), pain_now=pain_now)


def reason(history: list[Seen], **kwargs: Any) -> str:
    return verdict(history, **kwargs).reason


# The baseline: three full sessions over 7 days at one dosage, nothing wrong: a step up.
GOOD = (7, 5, 3)


def test_the_baseline_history_steps_up() -> None:
    d = verdict(steady(*GOOD))
    assert (d.kind, d.reason) == (Kind.INCREASE, "increase")
    assert "advise" not in d.facts


# -- pain during: above 5 lowers ------------------------------------------------------


def test_pain_during_5_keeps_the_step_up() -> None:
    history = [*steady(7, 5), seen(3, pain=5)]
    assert reason(history) == "increase"


def test_pain_during_6_lowers() -> None:
    history = [*steady(7, 5), seen(3, pain=6)]
    d = verdict(history)
    assert (d.kind, d.reason) == (Kind.DECREASE, "pain")
    assert d.facts["pain"] == 6 and d.facts["limit"] == 5


def test_pain_reported_with_the_p_key_counts_as_pain_during() -> None:
    assert Answers(pain=3, hurt=[5]).highest_pain == 5
    assert Answers(pain=3, hurt=[6]).highest_pain == 6
    assert Answers(pain=None, hurt=[]).highest_pain is None


# -- pain before today: 7 or more, or 3 or more above the usual ---------------------------


def with_pain_before(*answers: int) -> list[Seen]:
    """Full sessions over more than a week with these pain-before answers, oldest first."""
    n = len(answers)
    return [seen(3 + 2 * (n - 1 - i), pain_before=p) for i, p in enumerate(answers)]


def test_pain_before_6_allows_the_step_up() -> None:
    # usual 5: 6 is only 1 above it, so only the absolute threshold could block
    assert reason(with_pain_before(5, 5, 5), pain_now=6) == "increase"


def test_pain_before_7_blocks_the_step_up_and_offers_a_lighter_session() -> None:
    d = verdict(with_pain_before(5, 5, 5), pain_now=7)
    assert (d.kind, d.reason) == (Kind.KEEP, "pain-today")
    assert d.lighter is not None and volume(d.lighter) < volume(D3)


def test_pain_before_at_the_very_first_session_6_vs_7() -> None:
    assert reason([], pain_now=6) == "first"
    assert reason([], pain_now=7) == "pain-today"


def test_pain_before_6_vs_7_starts_the_warning_sign_check() -> None:
    assert not pain_jump(6, [])
    assert pain_jump(7, [])
    assert not pain_high_today(6, None, defaults())
    assert pain_high_today(7, None, defaults())


def test_pain_before_2_above_the_usual_allows_the_step_up() -> None:
    assert reason(with_pain_before(3, 3, 3), pain_now=5) == "increase"
    assert not pain_jump(5, [3, 3, 3])


def test_pain_before_3_above_the_usual_blocks_the_step_up() -> None:
    assert reason(with_pain_before(3, 3, 3), pain_now=6) == "pain-today"
    assert pain_jump(6, [3, 3, 3])


def test_a_usual_between_two_whole_numbers() -> None:
    # Two answers so far: the usual is their median, 2.5.
    assert usual([2, 3]) == 2.5
    assert reason(with_pain_before(2, 3), pain_now=5) != "pain-today"  # 2.5 above
    assert reason(with_pain_before(2, 3), pain_now=6) == "pain-today"  # 3.5 above
    assert not pain_jump(5, [2, 3]) and pain_jump(6, [2, 3])


# The usual is the median of the LAST THREE answers. These histories give a different
# median over the last two, four or five answers, so any other count changes the result.
LOW_USUAL = (9, 6, 0, 4, 1)  # last 3: 1; last 2: 2.5; last 4: 2.5; last 5: 4
HIGH_USUAL = (9, 0, 4, 1, 4)  # last 3: 4; last 2: 2.5; last 4: 2.5; last 5: 4


def test_the_usual_is_the_median_of_the_last_three_answers() -> None:
    assert usual(LOW_USUAL) == 1
    assert usual(HIGH_USUAL) == 4
    assert usual([]) is None


def test_a_jump_measured_from_the_last_three_answers_blocks() -> None:
    # 4 is 3 above the usual of the last three (1); over 2 or 4 answers it would be 1.5.
    assert reason(with_pain_before(*LOW_USUAL), pain_now=4) == "pain-today"
    assert pain_jump(4, LOW_USUAL)
    assert reason(with_pain_before(*LOW_USUAL), pain_now=3) == "increase"


def test_no_jump_measured_from_the_last_three_answers_allows() -> None:
    # 6 is 2 above the usual of the last three (4); over 2 or 4 answers it would be 3.5.
    assert reason(with_pain_before(*HIGH_USUAL), pain_now=6) == "increase"
    assert not pain_jump(6, HIGH_USUAL)


# -- breaks: 14 days lowers, 7-13 days restarts the count ---------------------------------


def ending(gap: int) -> list[Seen]:
    """Three good sessions over more than a week, the last `gap` days ago."""
    return steady(gap + 9, gap + 4, gap)


def test_a_break_of_13_days_keeps_and_restarts() -> None:
    d = verdict(ending(13))
    assert (d.kind, d.reason) == (Kind.KEEP, "restart")


def test_a_break_of_14_days_lowers() -> None:
    d = verdict(ending(14))
    assert (d.kind, d.reason) == (Kind.DECREASE, "break")
    assert d.facts["days"] == 14


def test_a_break_of_6_days_is_no_break() -> None:
    assert reason(ending(6)) == "increase"


def test_a_break_of_7_days_restarts_the_count() -> None:
    assert reason(ending(7)) == "restart"


def test_a_gap_of_6_days_between_sessions_keeps_the_count() -> None:
    # 12, 10 and 4 days ago: three full sessions at this dosage.
    assert reason(steady(12, 10, 4)) == "increase"


def test_a_gap_of_7_days_between_sessions_starts_the_count_again() -> None:
    # 12, 10 and 3 days ago: only the last session counts after the 7-day gap.
    d = verdict(steady(12, 10, 3))
    assert d.reason == "sessions" and d.facts["sessions"] == 1


# -- 3 full sessions and 7 days at this dosage --------------------------------------------


def test_two_full_sessions_are_not_enough() -> None:
    d = verdict(steady(9, 3))
    assert d.reason == "sessions" and d.facts["sessions"] == 2 and d.facts["needed"] == 3


def test_three_full_sessions_are_enough() -> None:
    assert reason(steady(9, 5, 3)) == "increase"


def test_a_session_that_was_not_full_does_not_count() -> None:
    history = [seen(9), seen(5, complete=False), seen(3)]
    assert reason(history) == "sessions"


def test_six_days_at_this_dosage_are_not_enough() -> None:
    d = verdict(steady(6, 4, 2))
    assert d.reason == "days" and d.facts["days"] == 6 and d.facts["min_days"] == 7


def test_seven_days_at_this_dosage_are_enough() -> None:
    assert reason(steady(7, 4, 2)) == "increase"


# -- a full session: at least 80 % of the planned reps, held to the end ---------------------


def bird_done(reps_done: int) -> ExerciseDone:
    """Bird-dog at 3 x 10 per side: 60 planned reps; `reps_done` of them done."""
    done = []
    left = reps_done
    for set_no in (1, 2, 3):
        for side in ("left", "right"):
            n = min(10, left)
            left -= n
            done.append(SetDone(set_no, side, n, n))
    return ExerciseDone("bird-dog", 3, 3, 10, "alternate", 3, None, done=done)


def hundred_done(reps_done: int) -> ExerciseDone:
    """An exercise with 100 planned reps (5 sets of 10 per side), `reps_done` done."""
    return ExerciseDone(
        "x", 1, 5, 10, "each", 3, None, done=[SetDone(1, "left", reps_done, reps_done)]
    )


def test_80_percent_of_the_reps_is_a_full_exercise() -> None:
    assert bird_done(60).reps_planned == 60
    assert bird_done(48).full()
    assert bird_done(48).full(defaults().full_session_percent)
    assert hundred_done(80).full() and hundred_done(80).full(defaults().full_session_percent)


def test_just_below_80_percent_is_not_full() -> None:
    assert not bird_done(47).full()
    assert not bird_done(47).full(defaults().full_session_percent)
    assert not hundred_done(79).full()
    assert not hundred_done(79).full(defaults().full_session_percent)


def a_record(
    exercises: list[ExerciseDone], days_ago: int = 0, today: date = TODAY, **changes: Any
) -> SessionRecord:
    """A complete session at 09:00 UTC, `days_ago` days before `today`."""
    started = datetime(today.year, today.month, today.day, 9, tzinfo=UTC) - timedelta(days=days_ago)
    record = SessionRecord(
        id=session_id(started),
        started=started,
        programme="Back",
        language="en",
        exercises=exercises,
        ended=started + timedelta(minutes=20),
        status=Status.COMPLETE,
    )
    return dataclasses.replace(record, **changes)


def test_80_percent_is_a_full_session_for_the_weekly_count() -> None:
    assert a_record([hundred_done(80)]).full()
    assert not a_record([hundred_done(79)]).full()
    assert a_record([bird_done(48)]).full() and not a_record([bird_done(47)]).full()


def test_the_rules_see_80_percent_as_full_and_79_as_not() -> None:
    """Through decisions(): the programme's share decides whether a session counts."""
    programme = load_programme(DEFAULT_PROGRAMME, load_library(get_paths()))

    def sessions_counted(reps_last: int) -> int:
        records = [a_record([bird_done(60)], 9), a_record([bird_done(reps_last)], 3)]
        bird = decisions_module.decisions(programme, records, TODAY)[0]
        assert bird.exercise == "bird-dog" and bird.reason == "sessions"
        return int(bird.facts["sessions"])

    assert sessions_counted(48) == 2
    assert sessions_counted(47) == 1


def reps_counted(skip: Callable[[Engine], bool]) -> SetDone:
    """One set of two reps (hold 2 s); `skip` says when to skip the current phase."""
    dosage = dataclasses.replace(
        D3, sets=1, reps=2, sides=Sides.NONE, move_s=1, hold_s=2, return_s=1
    )
    timeline = compile_timeline([PlannedExercise(BIRD, dosage)], get_ready_s=1)
    engine = Engine(timeline, 0.0)
    recorder = Recorder(new_record(timeline, datetime(2026, 11, 23, 9), "Back", "en"))
    now = 0.0
    events: list[Event] = engine.tick(now)
    while not engine.finished:
        if skip(engine):
            events += engine.skip(now)
        else:
            now = engine.deadline
            events += engine.tick(now)
    for event in events:
        recorder.feed(event)
    (done,) = recorder.record.exercises[0].done
    return done


def test_a_rep_counts_when_its_hold_ran_to_the_end() -> None:
    done = reps_counted(lambda engine: False)
    assert (done.reps, done.holds) == (2, 2)


def test_a_rep_whose_hold_was_skipped_does_not_count() -> None:
    skipped: list[int] = []

    def first_hold(engine: Engine) -> bool:
        phase = engine.phase
        if phase.kind is PhaseKind.HOLD and not skipped:
            skipped.append(phase.index)
            return True
        return False

    done = reps_counted(first_hold)
    assert skipped and (done.reps, done.holds) == (1, 1)


# -- worse next mornings ---------------------------------------------------------------


def test_one_worse_morning_lowers_by_default() -> None:
    d = verdict([*steady(7, 5), seen(3, morning=Morning.WORSE)])
    assert (d.kind, d.reason, d.facts["count"]) == (Kind.DECREASE, "morning", 1)


def test_two_worse_mornings_asked_one_worse_morning_waits() -> None:
    two = dataclasses.replace(defaults(), decrease_after_worse_mornings=2)
    d = verdict([*steady(7, 5), seen(3, morning=Morning.WORSE)], settings=two)
    assert (d.kind, d.reason) == (Kind.KEEP, "morning-wait")


def test_two_worse_mornings_asked_two_in_a_row_lower() -> None:
    two = dataclasses.replace(defaults(), decrease_after_worse_mornings=2)
    history = [seen(7), seen(5, morning=Morning.WORSE), seen(3, morning=Morning.WORSE)]
    d = verdict(history, settings=two)
    assert (d.kind, d.reason, d.facts["count"]) == (Kind.DECREASE, "morning", 2)


def test_two_worse_mornings_asked_not_in_a_row_wait() -> None:
    two = dataclasses.replace(defaults(), decrease_after_worse_mornings=2)
    history = [seen(7, morning=Morning.WORSE), seen(5), seen(3, morning=Morning.WORSE)]
    assert reason(history, settings=two) == "morning-wait"


# -- rising pain: 2 points above a week or two weeks earlier --------------------------------


def weekly(*pains: tuple[int, int] | None, series: str = "pain") -> list[Seen]:
    """Two full sessions a week at one dosage, oldest week first, the last week ending today.

    The last tuple is this week (sessions 4 and 2 days ago), the one before it last week
    (11 and 9 days ago), and so on; None is a week without sessions.
    """
    history = []
    for weeks_ago, pair in zip(range(len(pains) - 1, -1, -1), pains, strict=True):
        if pair is None:
            continue
        for offset, value in zip((4, 2), pair, strict=True):
            if series == "pain":
                history.append(seen(7 * weeks_ago + offset, pain=value))
            else:
                history.append(seen(7 * weeks_ago + offset, pain=2, pain_before=value))
    return history


def test_one_and_a_half_points_above_last_week_is_not_rising() -> None:
    assert reason(weekly((2, 2), (3, 4))) == "increase"
    assert rising(weekly((2, 2), (3, 4)), TODAY, 2) == (False, False)


def test_this_week_is_the_seven_days_before_today() -> None:
    # 7 days ago is this week, 8 days ago last week; a session earlier today is in neither.
    history = [seen(8, pain=2), seen(7, pain=4), seen(0, pain=9)]
    assert weekly_pain(history, TODAY, 2) == [[None, 4], [None, 2]]


def test_two_points_above_last_week_is_rising() -> None:
    d = verdict(weekly((2, 2), (4, 4)))
    assert (d.kind, d.reason, d.facts["points"]) == (Kind.KEEP, "rising", 2)


def test_two_points_above_last_week_with_halves() -> None:
    assert reason(weekly((2, 3), (4, 5))) == "rising"  # 2.5 -> 4.5
    assert reason(weekly((2, 3), (4, 4))) == "increase"  # 2.5 -> 4: 1.5


def test_rising_pain_before_the_session_counts_too() -> None:
    assert reason(weekly((2, 2), (4, 4), series="before")) == "rising"
    assert reason(weekly((2, 2), (3, 4), series="before")) == "increase"


def test_two_points_above_two_weeks_earlier_is_rising() -> None:
    assert reason(weekly((2, 2), (4, 4), (4, 4))) == "rising"


def test_one_and_a_half_points_above_two_weeks_earlier_is_not_rising() -> None:
    assert reason(weekly((2, 3), (4, 4), (4, 4))) == "increase"


def test_two_points_above_three_weeks_earlier_counts_now() -> None:
    """Rules v3: a slow climb over four weeks blocks increases (1.5 points does not)."""
    history = weekly((2, 2), (4, 4), (4, 4), (4, 4))
    assert reason(history) == "rising"
    assert rising(history, TODAY, 2) == (True, False)
    assert reason(weekly((2, 3), (4, 4), (4, 4), (4, 4))) == "increase"


def test_two_points_above_four_weeks_earlier_does_not_count() -> None:
    history = weekly((2, 2), (4, 4), (4, 4), (4, 4), (4, 4))
    assert reason(history) == "increase"
    assert rising(history, TODAY, 2) == (False, False)


# -- pain rising three weeks in a row: advice ------------------------------------------------


def test_strictly_higher_each_week_by_2_in_all_advises() -> None:
    d = verdict(weekly((2, 2), (3, 3), (4, 4)))
    assert d.reason == "rising" and d.facts["advise"] == "rising"


def test_strictly_higher_each_week_by_less_than_2_in_all_does_not_advise() -> None:
    d = verdict(weekly((2, 3), (3, 3), (4, 4)))  # 2.5, 3, 4: 1.5 in all
    assert d.reason == "increase" and "advise" not in d.facts


def test_an_equal_week_does_not_advise() -> None:
    for history in (weekly((2, 2), (4, 4), (4, 4)), weekly((2, 2), (2, 2), (4, 4))):
        d = verdict(history)
        assert d.reason == "rising"  # up 2 points: no increase ...
        assert "advise" not in d.facts  # ... but not higher each week


def test_the_advice_comes_with_a_decrease_too() -> None:
    history = weekly((2, 2), (3, 3), (4, 4))
    history[-1] = dataclasses.replace(history[-1], pain=6)
    d = verdict(history)
    assert d.kind is Kind.DECREASE and d.facts["advise"] == "rising"


def test_a_lighter_day_is_not_a_decrease_that_counts() -> None:
    lighter = dataclasses.replace(D3, sets=2)
    history = [
        seen(20, decision=Kind.DECREASE, reason="pain"),
        seen(10, lighter, decision=Kind.DECREASE, reason="lighter-today", before=D3),
        seen(2, pain=6),
    ]
    assert "advise" not in verdict(history).facts


# -- the effort rule: the LAST effort answer --------------------------------------------------


def test_too_hard_two_sessions_ago_then_about_right_steps_up() -> None:
    history = [seen(9), seen(5, effort=Effort.HARD), seen(3, effort=Effort.RIGHT)]
    assert reason(history) == "increase"


def test_too_hard_last_session_waits() -> None:
    history = [seen(9), seen(5), seen(3, effort=Effort.HARD)]
    d = verdict(history)
    assert (d.kind, d.reason) == (Kind.KEEP, "effort")


def test_too_hard_then_no_answer_waits() -> None:
    history = [seen(9), seen(5, effort=Effort.HARD), seen(3, effort=None)]
    assert reason(history) == "effort"


def test_too_hard_at_the_dosage_before_does_not_wait() -> None:
    higher = dataclasses.replace(D3, hold_s=5)
    history = [
        seen(12, effort=Effort.HARD),
        seen(9, higher, decision=Kind.INCREASE, reason="increase", before=D3, effort=None),
        seen(5, higher, effort=None),
        seen(2, higher, effort=None),
    ]
    assert reason(history, start=D3) == "increase"


# -- the step sizes -----------------------------------------------------------------------


def test_a_step_up_adds_the_reps_step_within_25_percent_and_fewer_past_it() -> None:
    # reps_step is 2; bird-dog level 1, 2 sets, hold 3 s (6 to 10 reps).
    # 2 x 8 -> 2 x 10 is exactly +25 % (48 -> 60 per side): the full step is allowed.
    at_bound = dose(BIRD, 1, sets=2, reps=8, hold_s=3)
    assert step_up(BIRD, at_bound, defaults()) == dataclasses.replace(at_bound, reps=10)
    # 2 x 7 -> 2 x 9 would be +28.6 % (42 -> 54): graded to one rep, 2 x 8 (+14.3 %).
    just_past = dose(BIRD, 1, sets=2, reps=7, hold_s=3)
    assert step_up(BIRD, just_past, defaults()) == dataclasses.replace(just_past, reps=8)
    # 2 x 6 -> 2 x 8 would be +33 % (36 -> 48): 2 x 7 (+16.7 %), and the rules take that step.
    low = dose(BIRD, 1, sets=2, reps=6, hold_s=3)
    assert step_up(BIRD, low, defaults()) == dataclasses.replace(low, reps=7)
    d = verdict(steady(*GOOD, d=low), start=low)
    assert d.after == dataclasses.replace(low, reps=7) and d.step == "reps"
    # Well within the bound the step is reps_step, not more: the single-leg bridge's level 1
    # (10 to 15 reps), 2 x 12 -> 2 x 14 (+16.7 %), though 2 x 15 (+25 %) would still fit.
    bridge = dose(BRIDGE, 1, sets=2, reps=12, hold_s=3)
    assert step_up(BRIDGE, bridge, defaults()) == dataclasses.replace(bridge, reps=14)


def test_a_step_down_takes_2_reps_off() -> None:
    d = dose(BIRD, 1, sets=2, reps=10, hold_s=3)
    assert step_down(BIRD, d, defaults()) == dataclasses.replace(d, reps=8)


def test_a_step_up_adds_the_hold_step_within_25_percent_and_fewer_reps_past_it() -> None:
    # hold_step_s is 2; bird-dog level 4 (8 to 10 reps, hold 6 to 10 s), reps at their top.
    # 3 x 10, hold 8 -> hold 10 is exactly +25 % (240 -> 300 per side): allowed as it is.
    at_bound = dose(BIRD, 4, sets=3, reps=10, hold_s=8)
    assert step_up(BIRD, at_bound, defaults()) == dataclasses.replace(at_bound, hold_s=10)
    # Hold 6 -> 8 would be +33 % (180 -> 240): the 2 s come with a rep fewer, 3 x 9, hold 8
    # (216, +20 %), the most work within the bound (3 x 8, hold 8 would be 192).
    d = dose(BIRD, 4, sets=3, reps=10, hold_s=6)
    assert step_up(BIRD, d, defaults()) == dataclasses.replace(d, reps=9, hold_s=8)
    # The programme's dosage, 3 x 10, hold 3 s (90): hold 5 s would be +67 %, and 3 x 8 with
    # it +33 %; 3 x 7, hold 5 s is 105, +16.7 %.
    assert reason(steady(*GOOD)) == "increase"
    assert verdict(steady(*GOOD)).after == dataclasses.replace(D3, reps=7, hold_s=5)


def test_a_step_down_takes_2_seconds_of_hold_off() -> None:
    d = dose(BIRD, 4, sets=3, reps=10, hold_s=10)
    assert step_down(BIRD, d, defaults()) == dataclasses.replace(d, hold_s=8)


def test_a_step_up_adds_one_set_with_fewer_reps_within_25_percent() -> None:
    # Single-leg bridge level 2 (2 to 4 sets, 5 to 10 reps), reps and hold at their top.
    # 2 x 10, hold 5 s (100 per side): 3 x 10 would be +50 %, 3 x 9 +35 %; 3 x 8 is +20 %.
    d = dose(BRIDGE, 2, sets=2, reps=10, hold_s=5)
    assert step_up(BRIDGE, d, defaults()) == dataclasses.replace(d, sets=3, reps=8)
    # At exactly +25 % the set is allowed: reps capped at 6, 2 x 6 (60) -> 3 x 5 (75).
    capped = dose(BRIDGE, 2, sets=2, reps=6, hold_s=5)
    assert step_up(BRIDGE, capped, defaults(), Ceiling(reps=6)) == dataclasses.replace(
        capped, sets=3, reps=5
    )


def test_a_step_down_takes_a_set_off_with_more_reps_within_20_percent() -> None:
    # Single-leg bridge level 1 (2 to 3 sets, 10 to 15 reps): 3 x 10 -> 2 x 12 is exactly
    # -20 % of the work (30 -> 24 reps x hold); 2 x 11 would be -26.7 %.
    d = dose(BRIDGE, 1, sets=3, reps=10, hold_s=5)
    assert step_down(BRIDGE, d, defaults()) == dataclasses.replace(d, sets=2, reps=12)
    # Level 2, reps at their top (10): 4 x 10 -> 3 x 10 would be -25 % (200 -> 150), so the
    # set gives way to less hold: 4 x 10, hold 4 s (160), exactly -20 %.
    d = dose(BRIDGE, 2, sets=4, reps=10, hold_s=5)
    assert step_down(BRIDGE, d, defaults()) == dataclasses.replace(d, hold_s=4)


def test_a_step_up_adds_2_minutes() -> None:
    assert step_up(WALK, WALK.dosage, defaults()) == dataclasses.replace(
        WALK.dosage, duration_s=720
    )


def test_a_step_down_takes_2_minutes_off() -> None:
    d = dataclasses.replace(WALK.dosage, duration_s=840)
    assert step_down(WALK, d, defaults()) == dataclasses.replace(d, duration_s=720)


# -- undoing a step: only when it adds at most 10 % work per side (UNDO_MORE_WORK) -----------

LEVEL4 = dose(BIRD, 4)  # level 4 at its start: 3 x 8, hold 6: 144 per side; 10 % more: 158.4
# The ladder down from it: level 3's top, 3 x 10, hold 5 (150), is more work, and a set less
# (100) would cut 33 %, so less hold: 3 x 10, hold 4 (120, -20 %).
WALKED_BACK = dose(BIRD, 3, sets=3, reps=10, hold_s=4)


def after_a_step_up_from(undone: Dosage) -> Decision:
    history = [
        seen(9, LEVEL4, decision=Kind.INCREASE, reason="increase", before=undone),
        seen(5, LEVEL4),
        seen(3, LEVEL4, pain=6),
    ]
    return verdict(history, start=LEVEL4)


def test_undoing_a_step_of_equal_work_undoes_it() -> None:
    undone = dose(BIRD, 3, sets=3, reps=8, hold_s=6)
    assert volume(undone) == volume(LEVEL4) == 144
    d = after_a_step_up_from(undone)
    assert (d.kind, d.after) == (Kind.DECREASE, undone)


def test_undoing_a_step_of_at_most_10_percent_more_work_undoes_it() -> None:
    undone = dose(BIRD, 3, sets=1, reps=158, hold_s=1)  # 158 <= 144 x 1.1 = 158.4
    assert volume(undone) == 158
    d = after_a_step_up_from(undone)
    assert (d.kind, d.after) == (Kind.DECREASE, undone)


def test_undoing_a_step_of_more_than_10_percent_more_work_walks_the_ladder() -> None:
    undone = dose(BIRD, 3, sets=1, reps=159, hold_s=1)  # 159 > 158.4
    assert volume(undone) == 159
    d = after_a_step_up_from(undone)
    assert (d.kind, d.after) == (Kind.DECREASE, WALKED_BACK)
    assert step_down(BIRD, LEVEL4, defaults()) == WALKED_BACK
    assert volume(WALKED_BACK) == 120


def test_level_three_top_is_4_percent_more_work_than_level_four_start_so_undone() -> None:
    top = dose(BIRD, 3, sets=3, reps=10, hold_s=5)  # 150 per side: 4.2 % more than 144
    d = after_a_step_up_from(top)
    assert (d.kind, d.after) == (Kind.DECREASE, top)


def test_a_lower_level_is_entered_at_equal_work() -> None:
    # Walking 15 minutes is level 2's least and level 1's most: down to level 1 at 15 minutes.
    level2 = dose(WALK, 2)
    assert level2.duration_s == 900
    assert step_down(WALK, level2, defaults()) == dose(WALK, 1, duration_s=900)


def test_undoing_a_smaller_step_undoes_it() -> None:
    history = [
        seen(9, dataclasses.replace(D3, hold_s=5), decision=Kind.INCREASE, before=D3),
        seen(5, dataclasses.replace(D3, hold_s=5)),
        seen(3, dataclasses.replace(D3, hold_s=5), pain=6),
    ]
    assert verdict(history).after == D3


# -- the warning-sign check: every four weeks, not reset by a sign in a session ----------------

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def check(days_ago: float, reason: Reason, reported: Reported | None = None) -> Check:
    return Check(NOW - timedelta(days=days_ago), reason, {}, reported)


def test_a_full_check_27_days_ago_is_recent_enough() -> None:
    assert due([check(27, Reason.FIRST)], NOW) is None


def test_a_full_check_28_days_ago_is_due_again() -> None:
    assert due([check(28, Reason.FIRST)], NOW) is Reason.MONTHLY
    # Calendar days: 27.99 days ago was the day before 27 days ago.
    assert due([check(27.99, Reason.MONTHLY)], NOW) is Reason.MONTHLY
    assert due([check(27.01, Reason.MONTHLY)], NOW) is None


def test_a_sign_reported_in_a_session_does_not_reset_the_four_weeks() -> None:
    checks = [
        check(30, Reason.FIRST),
        check(2, Reason.SESSION, Reported.SADDLE_OR_BLADDER),
        check(1, Reason.SEEN),
    ]
    assert due(checks, NOW) is Reason.MONTHLY
    checks[0] = check(27, Reason.FIRST)
    assert due(checks, NOW) is None


def test_a_leg_record_from_a_session_is_not_the_full_check() -> None:
    # The leg record asks for the check after it; it never counts as one.
    assert due([check(30, Reason.FIRST), check(1, Reason.SESSION, Reported.LEG)], NOW) is (
        Reason.SYMPTOMS
    )
    # Leg symptoms, then an emergency, then "a doctor has seen me": the leg report still
    # asks for the full check (it looked only at the last record before, and asked none).
    checks = [
        check(10, Reason.FIRST),
        check(3, Reason.SESSION, Reported.LEG),
        check(2, Reason.SESSION, Reported.SADDLE_OR_BLADDER),
        check(1, Reason.SEEN),
    ]
    assert due(checks, NOW) is Reason.SYMPTOMS
    assert due([*checks, check(0.5, Reason.SYMPTOMS)], NOW) is None  # answered: done


def test_signs_from_a_session_read_back_from_files_do_not_reset_the_four_weeks() -> None:
    paths = get_paths()
    check_log.save(paths, check(29, Reason.FIRST))
    check_log.save(paths, check(1, Reason.SESSION, Reported.SADDLE_OR_BLADDER))
    check_log.save(paths, check(0.5, Reason.SEEN))
    checks, problems = check_log.load(paths)
    assert not problems
    assert due(checks, NOW) is Reason.MONTHLY


# -- during a session: 5 goes on, 6-7 said plainly, 8 stops --------------------------------


class ScriptedAsker(Asker):
    """Answers from a list; remembers every question."""

    def __init__(self, answers: list[str]) -> None:
        super().__init__(Console(file=io.StringIO(), width=200))
        self.answers = answers
        self.questions: list[str] = []

    def _read(self, question: str, default: str | None) -> str:
        self.questions.append(question)
        return self.answers.pop(0) if self.answers else ""


def watch(answers: list[str]) -> tuple[SymptomWatch, ScriptedAsker, io.StringIO]:
    paths = get_paths()
    asker = ScriptedAsker(answers)
    out = io.StringIO()
    record = a_record([bird_done(0), bird_done(0)])
    return (
        SymptomWatch(
            record,
            Store(paths),
            paths,
            asker,
            Console(file=out, width=200),
            defaults(),
            {0: "Bird-dog", 1: "Bridge"},
        ),
        asker,
        out,
    )


GO_ON = "Go on with the next exercise?"


def test_pain_5_after_an_exercise_goes_on_without_a_word() -> None:
    w, asker, out = watch(["5", "2", "n", "n"])
    assert w.after_exercise(0)
    assert not any(GO_ON in q for q in asker.questions)
    assert "above" not in out.getvalue()


def test_pain_6_after_an_exercise_is_said_and_asks_to_go_on() -> None:
    w, asker, out = watch(["6", "2", "n", "n", "y"])
    assert w.after_exercise(0)
    assert any(GO_ON in q for q in asker.questions)
    assert "Pain 6 is above 5" in out.getvalue()


def test_pain_7_after_an_exercise_does_not_stop_the_session() -> None:
    w, asker, _out = watch(["7", "2", "n", "n", "y"])
    assert w.after_exercise(0)
    assert any(GO_ON in q for q in asker.questions)
    assert w.record.stop_reason is None


def test_pain_8_after_an_exercise_stops_the_session() -> None:
    w, asker, _out = watch(["8", "2", "n", "n"])
    assert not w.after_exercise(0)
    assert w.record.stop_reason == "pain"
    assert not any(GO_ON in q for q in asker.questions)


def test_p_key_pain_5_goes_on() -> None:
    w, asker, _out = watch(["5"])
    assert w.hurt(0) is Hurt.GO_ON
    assert len(asker.questions) == 1


def test_p_key_pain_6_offers_to_end_the_exercise() -> None:
    w, _asker, out = watch(["6", "y"])
    assert w.hurt(0) is Hurt.NEXT_EXERCISE
    assert "Pain 6 is above 5" in out.getvalue()


def test_p_key_pain_7_is_not_a_stop() -> None:
    w, _asker, _out = watch(["7", "n"])
    assert w.hurt(0) is Hurt.GO_ON
    assert w.record.stop_reason is None


def test_p_key_pain_8_stops() -> None:
    w, _asker, _out = watch(["8"])
    assert w.hurt(0) is Hurt.STOP
    assert w.record.stop_reason == "pain"


# -- through the CLI: previews and one-off runs don't count ----------------------------------


def on(day: str) -> time_machine.travel:
    return time_machine.travel(datetime.fromisoformat(day + "T09:00:00+01:00"), tick=False)


AFTER = ["2", "2", "", ""]  # pain 2, about right, no symptoms


PLANNED = {"level": 3, "sets": 3, "reps": 10, "hold_s": 3}


def done_so_far(run: Run) -> str:
    """`coach next` for bird-dog: still at the planned dosage; the reason in one line."""
    result = run("next", "--json")
    assert result.exit_code == 0, result.output
    bird = json.loads(result.stdout)[0]
    assert bird["exercise"] == "bird-dog" and bird["decision"] == "keep", bird
    assert bird["dosage"] == PLANNED, bird
    return " ".join(str(bird["reason"]).split())


def test_previews_and_one_off_runs_do_not_count(run: Run, coach_home: Path, instant: None) -> None:
    with on("2026-11-02"):
        first = run("start", "--skip-check", input="\n".join(["1", *AFTER, *AFTER, ""]) + "\n")
        assert first.exit_code == 0, first.output
    with on("2026-11-03"):
        assert "done so far: 1." in done_so_far(run)
        for args in (
            ["start", "--speed", "10", "--skip-check"],  # a preview of the programme
            ["start", "--speed", "0.5", "--skip-check"],  # slower is a preview too
            ["start", "bird-dog", "--skip-check"],  # a one-off run of a programme exercise
            ["start", "--reps", "10", "--skip-check"],  # a one-run change, equal to the plan
            ["start", "--reps", "6", "--skip-check"],  # a one-run change
        ):
            result = run(*args, input="")
            assert result.exit_code == 0, result.output
            assert "done so far: 1." in done_so_far(run), args
    kinds = sorted((r.kind, r.speed) for r in Store(get_paths()).history().sessions)
    assert kinds == [("extra", 1.0)] * 3 + [("programme", 0.5), ("programme", 1.0)] + [
        ("programme", 10.0)
    ]


# -- through the CLI: the undo looks back 40 sessions -----------------------------------------


def write_sessions(home: Path, count: int) -> None:
    """`count` daily sessions up to yesterday; the oldest stepped bird-dog's hold 3 -> 5.

    The newest had pain 6, so today's decision is a step down: an undo back to hold 3
    when the step up is among the sessions the rules read, else the ladder: less hold,
    3 x 10, hold 4 (150 -> 120, -20 %), as a set less would cut 33 %.
    """
    paths = Paths(home, home)
    programme = load_programme(DEFAULT_PROGRAMME, load_library(paths))
    store = Store(paths)
    today = datetime(2026, 11, 23, 9, tzinfo=UTC)
    before = {"level": 3, "sets": 3, "reps": 10, "hold_s": 3}
    for n in range(count):
        started = today - timedelta(days=count - n)
        kind, why = ("increase", "increase") if n == 0 else ("keep", "days")
        exercise = ExerciseDone(
            id="bird-dog",
            level=3,
            sets=3,
            reps=10,
            sides="alternate",
            hold_s=5,
            duration_s=None,
            done=[SetDone(s, side, 10, 10) for s in (1, 2, 3) for side in ("left", "right")],
            answers=Answers(pain=6 if n == count - 1 else 2, effort="right"),
            decision=DecisionDone(
                kind, why, dict(before if n == 0 else {"level": 3}), {"nl": "-", "en": "-"}
            ),
        )
        store.save(
            SessionRecord(
                id=session_id(started),
                started=started,
                programme="Back",
                language="en",
                exercises=[exercise],
                ended=started + timedelta(minutes=20),
                status=Status.COMPLETE,
                programme_id=fingerprint(programme),
                before=Before(),
            )
        )
    found = store.latest(count + 1)
    assert not found.problems and len(found.sessions) == count


def next_bird(run: Run) -> dict[str, Any]:
    with time_machine.travel(datetime(2026, 11, 23, 10, tzinfo=UTC), tick=False):
        result = run("next", "--json")
    assert result.exit_code == 0, result.output
    bird: dict[str, Any] = json.loads(result.stdout)[0]
    assert bird["exercise"] == "bird-dog" and bird["decision"] == "decrease", bird
    return bird


def test_a_step_up_40_sessions_back_is_undone(run: Run, coach_home: Path) -> None:
    assert decisions_module.HISTORY_SESSIONS == 40
    write_sessions(coach_home, 40)
    assert next_bird(run)["dosage"] == {"level": 3, "sets": 3, "reps": 10, "hold_s": 3}


def test_a_step_up_41_sessions_back_is_out_of_sight(run: Run, coach_home: Path) -> None:
    write_sessions(coach_home, 41)
    assert next_bird(run)["dosage"] == {"level": 3, "sets": 3, "reps": 10, "hold_s": 4}


# -- saving: temp file and rename, so an interrupted save leaves the old file whole -----------


@pytest.fixture
def saved(coach_home: Path) -> Iterator[tuple[Store, SessionRecord, Path, bytes]]:
    store = Store(get_paths())
    record = a_record([bird_done(20)], note="first save")
    path = store.save(record)
    yield store, record, path, path.read_bytes()


def test_an_interrupted_save_leaves_the_old_file_whole(
    saved: tuple[Store, SessionRecord, Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, record, path, old = saved
    real_replace = os.replace
    tried: list[str] = []

    def power_cut(src: Any, dst: Any) -> None:
        if Path(dst) == path:
            tried.append(str(src))
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", power_cut)
    record.exercises[0].done.append(SetDone(3, "left", 10, 10))
    record.note = "second save"
    with pytest.raises(CoachError, match="cannot be written"):
        store.save(record)
    monkeypatch.undo()
    assert tried, "the save never got as far as the rename"
    assert Path(tried[0]).parent == path.parent  # the temp file sits next to the target
    assert path.read_bytes() == old
    assert load_record(path).note == "first save"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left


def test_a_save_writes_a_new_file_and_renames_it_over_the_old(
    saved: tuple[Store, SessionRecord, Path, bytes],
) -> None:
    store, record, path, _old = saved
    inode = path.stat().st_ino
    record.note = "second save"
    store.save(record)
    assert path.stat().st_ino != inode  # a new file took its place: not written in place
    assert load_record(path).note == "second save"
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
