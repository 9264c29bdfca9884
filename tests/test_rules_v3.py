"""Rules version 3: each new rule pinned on both sides of its numbers, on the pure rules.

The replayed histories through the real CLI are in tests/scenarios/ (41 and up); the
property that no safety event ever lets the load go up is in tests/test_rules_properties.py.
"""

from __future__ import annotations

import dataclasses
import io
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

from coach.domain import decisions as decisions_module
from coach.domain.ladder import volume
from coach.domain.model import Dosage, Programme
from coach.domain.pain_trends import BACK_TO_USUAL, back_to_usual, rising
from coach.domain.progression_rules import AFTER_LIGHTER_SESSIONS, Hold, decide
from coach.domain.seen import Kind, Seen
from coach.domain.session_record import (
    Answers,
    DecisionDone,
    ExerciseDone,
    SessionRecord,
    SetDone,
)
from coach.domain.steps_taken import UNDO_MORE_WORK, lower_step
from coach.domain.warning_signs import (
    SIGNS,
    Check,
    Reason,
    Reported,
    days_between,
    due,
    to_ask,
    together,
)
from coach.files.library import load_library
from coach.files.paths import get_paths
from coach.files.programmes import DEFAULT_PROGRAMME, load_programme
from coach.i18n import set_language
from coach.live.warning_check import urgent_panel
from tests.test_thresholds import (
    BIRD,
    D3,
    TODAY,
    a_record,
    defaults,
    seen,
    steady,
    verdict,
    weekly,
)

NERVE_DAYS = decisions_module.NERVE_DAYS
WINDOW = 28  # four weeks, as docs/progression.md says: a literal, so a changed constant shows


# -- 1. a flare right after a step into a new level --------------------------------------------


def level_change(before: Dosage, after: Dosage) -> list[Seen]:
    """A week at `before`, then the step up to `after`, then a flare (pain 7) at `after`."""
    return [
        *steady(14, 12, 9, d=before),
        seen(7, after, decision=Kind.INCREASE, before=before),
        seen(2, after, pain=7),
    ]


def test_a_flare_after_a_level_change_goes_back_to_the_dosage_before_it() -> None:
    l3 = dataclasses.replace(D3, hold_s=5)  # 3 x 10, hold 5 s: 150 per side
    l4 = dataclasses.replace(BIRD.start_dosage(4), sets=3, reps=8, hold_s=6)  # 144 per side
    d = verdict(level_change(l3, l4))
    assert d.kind is Kind.DECREASE and d.reason == "pain"
    assert d.after == l3 and d.step == "level"


def test_up_to_ten_percent_more_work_is_still_going_back() -> None:
    current = dataclasses.replace(BIRD.start_dosage(4), sets=3, reps=8, hold_s=6)  # 144
    assert volume(current) == 144
    at = dataclasses.replace(D3, sets=1, reps=79, hold_s=2)  # 158 <= 158.4
    past = dataclasses.replace(D3, sets=1, reps=53, hold_s=3)  # 159 > 158.4
    assert volume(at) <= volume(current) * (1 + UNDO_MORE_WORK) < volume(past)
    history = [seen(7, current, decision=Kind.INCREASE, before=at)]
    assert lower_step(BIRD, current, history, defaults()) == at
    history = [seen(7, current, decision=Kind.INCREASE, before=past)]
    lower = lower_step(BIRD, current, history, defaults())
    assert lower is not None and lower != past and volume(lower) <= volume(current)


# -- 2. a locked exercise comes back to its therapist's dosage, never past it -------------------


def locked(history: list[Seen], **kwargs: object) -> object:
    return decide(BIRD, D3, history, TODAY, defaults(), lock=True, **kwargs)  # type: ignore[arg-type]


def test_a_lowered_locked_exercise_climbs_back_to_the_locked_dosage() -> None:
    lower = dataclasses.replace(D3, sets=2)
    history = [
        *steady(16, 14, d=D3),
        seen(10, lower, decision=Kind.DECREASE, reason="morning", before=D3),
        *steady(7, 5, 2, d=lower),
    ]
    d = locked(history)
    assert d.kind is Kind.INCREASE and d.after == D3 and d.facts["home"]  # type: ignore[attr-defined]


def test_a_lowered_locked_exercise_waits_for_the_usual_rules_and_says_it_is_lowered() -> None:
    lower = dataclasses.replace(D3, sets=2)
    history = [
        *steady(20, 18, d=D3),
        seen(5, lower, decision=Kind.DECREASE, reason="morning", before=D3),
        *steady(3, d=lower),
    ]
    d = locked(history)
    assert d.kind is Kind.KEEP and d.reason == "sessions"  # type: ignore[attr-defined]
    assert d.facts["lowered"] and d.facts["locked"]  # type: ignore[attr-defined]
    set_language("en")
    from coach.domain.plain_words import explain

    text = explain(BIRD, d)  # type: ignore[arg-type]
    assert "lower than the dosage your therapist fixed" in text
    assert "as fixed by your therapist" not in text


def test_a_locked_exercise_at_its_dosage_never_goes_up() -> None:
    d = locked(steady(21, 14, 7, 5, 3))
    assert d.kind is Kind.KEEP and d.reason == "locked"  # type: ignore[attr-defined]
    assert "lowered" not in d.facts  # type: ignore[attr-defined]


# -- 3. a slow climb of pain: 2 points over up to four weeks --------------------------------


def test_one_point_every_two_weeks_over_five_weeks_blocks_increases() -> None:
    history = weekly((1, 1), (1, 1), (2, 2), (2, 2), (3, 3))
    assert rising(history, TODAY, 2)[0]
    assert verdict(history).reason == "rising"


def test_one_point_over_four_weeks_does_not() -> None:
    assert verdict(weekly((2, 2), (2, 2), (3, 3), (3, 3))).reason == "increase"


# -- 4. three decreases within four weeks, over all exercises ------------------------------


def done(
    exercise: str, kind: str = "keep", reason: str = "sessions", pain: int = 2
) -> ExerciseDone:
    sides = "alternate" if exercise == "bird-dog" else "each"
    return ExerciseDone(
        exercise,
        3,
        3,
        10,
        sides,
        3,
        None,
        done=[SetDone(n, side, 10, 10) for n in (1, 2, 3) for side in ("left", "right")],
        answers=Answers(pain=pain),
        decision=DecisionDone(kind, reason, {}, {"en": "", "nl": ""}),
    )


def record(
    days_ago: int, *exercises: ExerciseDone, programme_id: str = "", today: date = TODAY
) -> SessionRecord:
    return a_record(list(exercises), days_ago, today, programme_id=programme_id)


def programme_of() -> Programme:
    return load_programme(DEFAULT_PROGRAMME, load_library(get_paths()))


@pytest.fixture
def programme() -> Programme:
    return programme_of()


def flares(first_days_ago: int, today: date = TODAY) -> list[SessionRecord]:
    """A decrease of bird-dog `first_days_ago`, one of the bridge 10 days ago, then pain 6
    in bird-dog two days ago: today's decrease is the third."""
    bird, bridge = "bird-dog", "single-leg-bridge"
    return [
        record(first_days_ago, done(bird, "decrease", "pain"), done(bridge), today=today),
        record(10, done(bird), done(bridge, "decrease", "pain"), today=today),
        record(2, done(bird, pain=6), done(bridge), today=today),
    ]


def test_three_decreases_in_two_exercises_within_four_weeks_advise(programme) -> None:  # type: ignore[no-untyped-def]
    bird, bridge = decisions_module.decisions(programme, flares(WINDOW), TODAY)
    assert bird.kind is Kind.DECREASE and bird.facts["advise"] == "decreases"
    assert bird.facts["flared"] == ["bird-dog", "single-leg-bridge"]
    assert "advise" not in bridge.facts


def advice_day(today: date = TODAY) -> list[SessionRecord]:
    """Bird-dog came down 14 and 9 days ago and had pain 6 two days ago (its third decrease
    today); the bridge did four full sessions at one dosage over 14 days (a step up due)."""
    bird, bridge = "bird-dog", "single-leg-bridge"
    return [
        record(14, done(bird, "decrease", "pain"), done(bridge), today=today),
        record(9, done(bird, "decrease", "pain"), done(bridge), today=today),
        record(6, done(bird), done(bridge), today=today),
        record(2, done(bird, pain=6), done(bridge), today=today),
    ]


def test_nothing_goes_up_on_the_day_the_decreases_advice_is_given(programme) -> None:  # type: ignore[no-untyped-def]
    bird, bridge = decisions_module.decisions(programme, advice_day(), TODAY)
    assert bird.kind is Kind.DECREASE and bird.facts["advise"] == "decreases"
    assert bridge.kind is Kind.KEEP and bridge.reason == "advised"
    assert bridge.after == bridge.before
    without = [r for r in advice_day() if r.started.date() != TODAY - timedelta(days=2)]
    _bird, bridge = decisions_module.decisions(programme, without, TODAY)  # no third decrease
    assert bridge.kind is Kind.INCREASE


def test_a_lighter_day_is_not_one_of_the_decreases(programme) -> None:  # type: ignore[no-untyped-def]
    history = flares(WINDOW)
    lighter = done("single-leg-bridge", "decrease", "lighter-today")
    history[1] = record(10, done("bird-dog"), lighter)
    bird, _bridge = decisions_module.decisions(programme, history, TODAY)
    assert bird.kind is Kind.DECREASE and "advise" not in bird.facts


def test_the_first_of_them_a_day_too_long_ago_does_not(programme) -> None:  # type: ignore[no-untyped-def]
    bird, _bridge = decisions_module.decisions(programme, flares(WINDOW + 1), TODAY)
    assert bird.kind is Kind.DECREASE and "advise" not in bird.facts


def test_the_advice_names_every_step_down_in_words(programme) -> None:  # type: ignore[no-untyped-def]
    from coach.domain.plain_words import explain

    set_language("en")
    bird, _bridge = decisions_module.decisions(programme, flares(WINDOW), TODAY)
    assert "come down a step on 3 days within four weeks: contact" in explain(
        programme.exercises[0].exercise, bird
    )


# -- 5. warning signs together, and a fall that is history --------------------------------


def a_check(days_ago: float, reason: Reason = Reason.MONTHLY, **answers: bool) -> Check:
    return Check(datetime(2026, 11, 23, 9, tzinfo=UTC) - timedelta(days=days_ago), reason, answers)


def panel_text(check: Check, earlier: list[Check], lang: str = "en") -> str:
    set_language(lang)
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(urgent_panel(check, earlier))
    return " ".join(console.export_text().split())


def test_a_known_past_cancer_with_new_night_pain_is_today_or_tomorrow() -> None:
    earlier = [dataclasses.replace(a_check(60, Reason.FIRST, cancer=True), known=("cancer",))]
    now = a_check(0, night=True)
    assert [s.id for s in together(now, earlier)] == ["cancer"]
    text = panel_text(now, earlier)
    assert "today or tomorrow" in text and "within a few days" not in text
    assert "cancer in the past" in text and "worse at night" in text
    assert "vandaag of morgen" in panel_text(now, earlier, "nl")


def test_night_pain_alone_is_within_a_few_days() -> None:
    now = a_check(0, night=True)
    assert together(now, []) == []
    text = panel_text(now, [])
    assert "within a few days" in text and "tomorrow" not in text


def test_a_history_sign_alone_is_not_together() -> None:
    now = a_check(0, cancer=True)
    assert together(now, []) == []


def test_a_fall_a_doctor_has_seen_is_history_and_a_new_fall_is_asked() -> None:
    fell = a_check(40, Reason.FIRST, trauma=True)
    ids = [s.id for s in to_ask([fell])]
    assert "trauma" in ids and "fall" not in ids  # not seen yet: blocked, and asked again
    seen_check = a_check(39, Reason.SEEN)
    ids = [s.id for s in to_ask([fell, seen_check])]
    assert "trauma" not in ids and "fall" in ids
    assert ids.index("fall") == [s.id for s in SIGNS if s.id != "trauma"].index("fall")


# -- 6. fever: asked again first ----------------------------------------------------------


NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def test_after_a_fever_the_next_start_asks_about_it_first() -> None:
    checks = [a_check(10, Reason.FIRST), a_check(1, Reason.ASKED, fever=True)]
    assert due(checks, NOW) is Reason.FEVER
    assert [s.id for s in to_ask(checks, Reason.FEVER)] == ["fever"]
    gone = a_check(0.5, Reason.FEVER, fever=False)
    assert due([*checks, gone], NOW) is None
    still = a_check(0.5, Reason.FEVER, fever=True)
    assert due([*checks, still], NOW) is Reason.FEVER


def test_a_fever_answer_does_not_count_as_the_four_weekly_check() -> None:
    checks = [a_check(28, Reason.FIRST), a_check(1, Reason.FEVER, fever=False)]
    assert due(checks, NOW) is Reason.MONTHLY


def test_the_fever_advice_says_one_time_frame() -> None:
    text = panel_text(a_check(0, fever=True), [])
    assert "today" in text and "few days" not in text and "soon" not in text.lower()


# -- 7 and 8. no increase after a new leg symptom, on a day with a sign, after a lighter day --


def holds_for(*checks: Check) -> list[Hold]:
    return decisions_module.safety_holds(list(checks), TODAY)


def leg_report(days_ago: float) -> Check:
    return Check(NOW - timedelta(days=days_ago), Reason.SESSION, reported=Reported.LEG)


def test_no_increase_within_seven_days_of_a_leg_symptom() -> None:
    assert holds_for(leg_report(NERVE_DAYS - 1)) == [
        Hold("nerve", TODAY - timedelta(days=NERVE_DAYS - 1) + timedelta(days=NERVE_DAYS))
    ]
    assert holds_for(leg_report(NERVE_DAYS)) == []
    assert holds_for(a_check(3, legs=True))[0].reason == "nerve"
    d = decide(BIRD, D3, steady(7, 5, 3), TODAY, defaults(), holds=holds_for(leg_report(2)))
    assert d.kind is Kind.KEEP and d.reason == "nerve"
    assert d.facts["until"] == (TODAY + timedelta(days=NERVE_DAYS - 2)).isoformat()


def test_no_increase_on_the_day_a_new_warning_sign_is_reported() -> None:
    assert holds_for(a_check(0, night=True)) == [Hold("sign-today")]
    assert holds_for(a_check(1, night=True)) == []
    known = dataclasses.replace(a_check(0, cancer=True), known=("cancer",))
    assert holds_for(known) == []  # history the GP knows is not new
    assert holds_for(a_check(0)) == []  # every answer no
    d = decide(BIRD, D3, steady(7, 5, 3), TODAY, defaults(), holds=[Hold("sign-today")])
    assert d.kind is Kind.KEEP and d.reason == "sign-today"


def lighter_then(*pains: int | None) -> list[Seen]:
    """Usual pain 2; a lighter day 6 days ago (pain 7); then sessions with these pains."""
    history = [seen(n, pain_before=2) for n in (20, 18, 16, 14, 11, 9)]
    history.append(
        seen(6, dataclasses.replace(D3, sets=2), reason="lighter-today", before=D3, pain_before=7)
    )
    for offset, pain in zip(range(len(pains), 0, -1), pains, strict=True):
        history.append(seen(offset, pain_before=pain))
    return history


def test_the_session_after_a_lighter_day_does_not_go_up() -> None:
    assert not back_to_usual(lighter_then(), 2, AFTER_LIGHTER_SESSIONS)
    d = verdict(lighter_then(), pain_now=2)
    assert d.reason == "after-lighter"


def test_two_sessions_back_to_usual_allow_it_again() -> None:
    """Back to usual is at most 1 point above the usual 2: 3 is, 4 is not (MCID 2)."""
    assert BACK_TO_USUAL == 1
    assert back_to_usual(lighter_then(2), 2, AFTER_LIGHTER_SESSIONS)
    assert back_to_usual(lighter_then(3), 3, 2)
    assert not back_to_usual(lighter_then(4), 2, 2)
    assert not back_to_usual(lighter_then(2), 4, 2)
    assert not back_to_usual(lighter_then(2), None, 2)  # today's pain not given


# -- 9. a new plan carries what just happened ------------------------------------------


def test_a_new_plan_carries_a_flare_of_a_shared_exercise(programme) -> None:  # type: ignore[no-untyped-def]
    old = [record(3, done("bird-dog"), done("single-leg-bridge"), programme_id="old")]
    old.append(record(1, done("bird-dog", pain=7), done("single-leg-bridge"), programme_id="old"))
    bird, bridge = decisions_module.decisions(programme, [], TODAY, carried=old)
    assert bird.kind is Kind.DECREASE and bird.reason == "pain" and bird.facts["new_plan"]
    assert bird.before == programme.exercises[0].dosage  # from the new plan's own dosage
    assert bridge.kind is Kind.KEEP and bridge.reason == "first" and bridge.facts["new_plan"]


def test_without_anything_carried_a_new_plan_starts_as_planned(programme) -> None:  # type: ignore[no-untyped-def]
    bird, _bridge = decisions_module.decisions(programme, [], TODAY)
    assert bird.reason == "first" and "new_plan" not in bird.facts


def test_a_worse_morning_after_the_old_plan_counts(programme) -> None:  # type: ignore[no-untyped-def]
    from coach.domain.seen import Morning

    old = [record(1, done("bird-dog"), done("single-leg-bridge"), programme_id="old")]
    bird, _bridge = decisions_module.decisions(programme, [], TODAY, Morning.WORSE, carried=old)
    assert bird.kind is Kind.DECREASE and bird.reason == "morning"


# -- 10. calendar days where the person is, across both clock changes ---------------------


@pytest.fixture
def amsterdam() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Amsterdam"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.usefixtures("amsterdam")
def test_four_weeks_across_the_spring_clock_change_are_28_days() -> None:
    checked = datetime(2026, 3, 1, 9, 0, tzinfo=AMS)  # winter time
    now = datetime(2026, 3, 29, 9, 0, tzinfo=AMS)  # summer time: 28 days less one hour
    assert now.astimezone(UTC) - checked.astimezone(UTC) == timedelta(days=28, hours=-1)
    assert days_between(checked, now) == 28
    assert due([Check(checked, Reason.FIRST)], now) is Reason.MONTHLY
    assert due([Check(checked, Reason.FIRST)], now - timedelta(hours=10)) is None  # 27 days


@pytest.mark.usefixtures("amsterdam")
def test_four_weeks_across_the_autumn_clock_change_are_28_days() -> None:
    checked = datetime(2026, 10, 4, 23, 30, tzinfo=AMS)  # summer time
    now = datetime(2026, 11, 1, 0, 10, tzinfo=AMS)  # 28 calendar days later, winter time
    assert now.astimezone(UTC) - checked.astimezone(UTC) < timedelta(days=28)
    assert days_between(checked, now) == 28
    assert due([Check(checked, Reason.FIRST)], now) is Reason.MONTHLY
    assert due([Check(checked, Reason.FIRST)], now - timedelta(minutes=20)) is None


@pytest.mark.usefixtures("amsterdam")
def test_a_leg_symptom_late_in_the_evening_counts_by_the_local_day() -> None:
    late = datetime(2026, 3, 28, 23, 30, tzinfo=AMS)  # 22:30 UTC, the same local day
    holds = decisions_module.safety_holds(
        [Check(late, Reason.SESSION, reported=Reported.LEG)], date(2026, 4, 3)
    )
    assert holds == [Hold("nerve", date(2026, 4, 4))]
    assert (
        decisions_module.safety_holds(
            [Check(late, Reason.SESSION, reported=Reported.LEG)], date(2026, 4, 4)
        )
        == []
    )


# -- 12. steroids and a minor fall, asked of everyone --------------------------------------


def test_the_minor_fall_question_asks_about_steroids_too() -> None:
    bones = next(s for s in SIGNS if s.id == "bones")
    assert "corticosteroids" in bones.question and "osteoporosis" in bones.question
    assert "bones" in [s.id for s in to_ask([])]


# -- found in review: each a history that went wrong before -------------------------------


def test_a_saddle_emergency_holds_increases_for_a_week_from_the_doctor_visit() -> None:
    saddle = Check(NOW - timedelta(days=9), Reason.SESSION, reported=Reported.SADDLE_OR_BLADDER)
    seen = Check(NOW - timedelta(days=3), Reason.SEEN)
    assert holds_for(saddle, seen) == [Hold("nerve", TODAY + timedelta(days=4))]
    assert holds_for(saddle) == []  # nine days, no doctor visit after it: over
    assert holds_for(a_check(6, erection=True))[0].reason == "nerve"
    assert holds_for(a_check(6, bladder=True), a_check(5, Reason.SEEN))[0].reason == "nerve"


def test_an_unreadable_check_of_the_last_week_may_have_held_a_nerve_sign() -> None:
    unreadable = Check(NOW - timedelta(days=6), Reason.ASKED, unreadable="x.toml")
    assert holds_for(unreadable) == [Hold("nerve", TODAY + timedelta(days=1))]
    old = Check(NOW - timedelta(days=7), Reason.ASKED, unreadable="x.toml")
    assert holds_for(old) == []


def test_a_doctor_visit_today_holds_with_its_own_words() -> None:
    from coach.domain.plain_words import explain

    set_language("en")
    holds = holds_for(a_check(0, Reason.SEEN))
    assert holds == [Hold("sign-today", seen=True)]
    d = decide(BIRD, D3, steady(7, 5, 3), TODAY, defaults(), holds=holds)
    assert "the day a doctor has seen you about a warning sign" in explain(BIRD, d)


def test_the_lighter_day_stops_holding_once_the_pain_was_back_twice() -> None:
    # Back twice in a row (2, 2), then pain before 4 for weeks: the lighter day is over.
    assert back_to_usual(lighter_then(2, 2, 4, 4), 4, AFTER_LIGHTER_SESSIONS)
    assert not back_to_usual(lighter_then(2, 4, 2, 4), 4, AFTER_LIGHTER_SESSIONS)


def test_a_break_is_not_a_flare_and_one_worse_morning_is_one(programme) -> None:  # type: ignore[no-untyped-def]
    bird, bridge = "bird-dog", "single-leg-bridge"
    history = [
        record(20, done(bird, "decrease", "break"), done(bridge, "decrease", "break")),
        record(10, done(bird, "decrease", "morning"), done(bridge, "decrease", "morning")),
        record(2, done(bird, pain=6), done(bridge)),
    ]
    found, _bridge = decisions_module.decisions(programme, history, TODAY)
    assert found.kind is Kind.DECREASE and "advise" not in found.facts  # two flare days


def test_a_new_plan_counts_only_the_morning_after_the_last_session_before_it(programme) -> None:  # type: ignore[no-untyped-def]
    from coach.domain.seen import Morning

    last = record(2, done("bird-dog", pain=7), done("single-leg-bridge"), programme_id="old")
    bird, _bridge = decisions_module.decisions(
        programme, [], TODAY, carried=[last], morning_only=last.id
    )
    assert bird.reason == "first"  # the therapist knew that pain when agreeing the plan
    bird, _bridge = decisions_module.decisions(
        programme, [], TODAY, Morning.WORSE, carried=[last], morning_only=last.id
    )
    assert bird.kind is Kind.DECREASE and bird.reason == "morning"


def test_a_lowered_locked_exercise_without_a_recorded_step_climbs_one_graded_step() -> None:
    from coach.domain.ladder import MAX_STEP_UP

    lower = dataclasses.replace(D3, sets=2, reps=6)  # 36 a side, far below 3 x 10 x 3 = 90
    d = locked(steady(9, 6, 2, d=lower))
    assert d.kind is Kind.INCREASE  # type: ignore[attr-defined]
    assert volume(d.after) <= volume(lower) * (1 + MAX_STEP_UP) + 1e-9  # type: ignore[attr-defined]
