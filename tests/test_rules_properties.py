"""The progression rules as properties over random histories, and docs/progression.md in step.

Whatever a person reports, coach never raises the load after a worse morning, after pain
above 5, on a day with high pain before the session, on a day with a new warning sign,
within 7 days of new leg symptoms, while the pain trend blocks it, or past a locked
dosage; a decrease never adds work per side beyond going back over a step into a new level
(`UNDO_MORE_WORK`); nothing goes below level 1's minimum.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.domain.decisions import NERVE_DAYS
from coach.domain.ladder import volume
from coach.domain.model import Exercise, ProgressionSettings
from coach.domain.pain_trends import pain_high_today, rising, usual_pain
from coach.domain.plain_words import dosage_short, explain
from coach.domain.progression_rules import REASONS, Decision, Hold, decide
from coach.domain.seen import Effort, Kind, Morning, Seen
from coach.domain.steps_taken import UNDO_MORE_WORK
from coach.files.library import load_library
from coach.files.paths import Paths

LIB = load_library(Paths(Path("/none"), Path("/none"))).exercises
DOCS = Path(__file__).resolve().parent.parent / "docs" / "progression.md"
DEFAULTS = ProgressionSettings()
START = date(2026, 11, 2)

day_strategy = st.fixed_dictionaries(
    {
        "gap": st.sampled_from([1, 2, 2, 3, 3, 4, 5, 8, 15]),
        "pain_before": st.one_of(st.none(), st.integers(0, 10)),
        "pain": st.one_of(st.none(), st.integers(0, 10)),
        "effort": st.one_of(st.none(), st.sampled_from(list(Effort))),
        "morning": st.one_of(st.none(), st.sampled_from(list(Morning))),
        "complete": st.booleans(),
        "lighter": st.booleans(),
        # A safety event: a new warning sign today, or new leg symptoms in this session.
        "event": st.sampled_from([None, None, None, "sign", "leg"]),
    }
)


def replay(
    exercise: Exercise,
    days: list[dict[str, Any]],
    lock: bool,
    settings: ProgressionSettings = DEFAULTS,
) -> list[tuple[Decision, list[Seen], dict[str, Any]]]:
    """Decide day after day as coach would, feeding each session back into the history."""
    history: list[Seen] = []
    steps = []
    day = START
    nerve_until: date | None = None
    for today in days:
        day += timedelta(days=today["gap"])
        earlier = list(history)
        holds = [Hold("sign-today")] if today.get("event") == "sign" else []
        if nerve_until is not None and day < nerve_until:
            holds.append(Hold("nerve", nerve_until))
        today["holds"], today["day"] = holds, day
        decision = decide(
            exercise,
            exercise.dosage,
            earlier,
            day,
            settings,
            lock=lock,
            pain_now=today["pain_before"],
            holds=holds,
        )
        if today.get("event") == "leg":  # reported in this session: a week without increases
            nerve_until = day + timedelta(days=NERVE_DAYS)
        if today["lighter"]:
            decision = decision.lighter_today()
        steps.append((decision, earlier, today))
        history.append(
            Seen(
                day,
                decision.after,
                today["complete"],
                today["pain"],
                today["effort"],
                None,
                decision.kind,
                reason=decision.reason,
                before=decision.before,
                pain_before=today["pain_before"],
            )
        )
        # The morning after is answered at the next start.
        history[-1] = dataclasses.replace(history[-1], morning=today["morning"])
    return steps


@settings(max_examples=300, deadline=None)
@given(
    st.lists(day_strategy, min_size=1, max_size=30),
    st.sampled_from(["bird-dog", "single-leg-bridge", "walk", "side-plank"]),
    st.booleans(),
    st.builds(
        ProgressionSettings,
        pain_during_max=st.integers(3, 6),
        pain_stop=st.just(8),
        decrease_after_worse_mornings=st.integers(1, 2),
        pain_today_high=st.integers(6, 9),
        pain_today_jump=st.integers(2, 4),
        increase_after_sessions=st.integers(1, 3),
        increase_min_days=st.integers(0, 7),
    ),
)
def test_the_safety_properties(
    days: list[dict[str, Any]], name: str, lock: bool, settings: ProgressionSettings
) -> None:
    exercise = LIB[name]
    floor = exercise.start_dosage(1)
    for decision, earlier, today in replay(exercise, days, lock, settings):
        after, before = decision.after, decision.before
        last = earlier[-1] if earlier else None
        if decision.kind is Kind.INCREASE:
            assert not lock or volume(after) <= volume(exercise.dosage), "past a locked dosage"
            assert not today["holds"], "an increase on a sign day or within 7 days of leg signs"
            assert not rising(earlier, today["day"], settings.rising_pain_points)[0], (
                "an increase while the pain trend blocks it"
            )
            assert last is not None
            assert last.morning is not Morning.WORSE, "an increase after a worse morning"
            assert last.pain is None or last.pain <= settings.pain_during_max, (
                "an increase after pain above 5"
            )
            assert not pain_high_today(today["pain_before"], usual_pain(earlier), settings), (
                "an increase on a day with high pain"
            )
        if decision.kind is Kind.DECREASE:
            assert volume(after) <= volume(before) * (1 + UNDO_MORE_WORK) + 1e-9, (
                "a decrease that adds more than a going-back's work per side"
            )
        # Never below level 1's minimum.
        assert after.level >= 1
        if after.level == 1 and after.duration_s is None:
            assert after.sets >= floor.sets and (after.reps or 0) >= (floor.reps or 0)
            assert after.hold_s >= floor.hold_s
        # Every decision can be said in words.
        assert explain(exercise, decision).strip()


ROW = re.compile(r"^\| `([a-z-]+)` \|", re.M)


def documented_reasons(text: str) -> list[str]:
    """The reason codes in the first column of the decision table."""
    return ROW.findall(text)


def test_every_reason_has_a_row_and_every_row_a_reason() -> None:
    documented = documented_reasons(DOCS.read_text(encoding="utf-8"))
    assert sorted(documented) == sorted(REASONS)
    assert len(documented) == len(set(documented))


def test_the_doc_check_can_fail() -> None:
    text = DOCS.read_text(encoding="utf-8").replace("| `rising` |", "| `riseing` |")
    assert sorted(documented_reasons(text)) != sorted(REASONS)


def test_every_reason_in_the_code_is_explained() -> None:
    """explain() has words for every reason code: none falls through to the bare dosage."""
    bird = LIB["bird-dog"]
    for reason in REASONS:
        facts = {
            "sessions": 3,
            "needed": 3,
            "max_pain": 2,
            "limit": 5,
            "mornings": ["same"],
            "days": 9,
            "pain": 7,
            "points": 2,
            "count": 1,
            "until": "2026-11-10",
            "decreases": 3,
        }
        decision = Decision("bird-dog", Kind.KEEP, bird.dosage, bird.dosage, reason, facts)
        assert explain(bird, decision) != f"Bird-dog: {dosage_short(bird.dosage)}", reason
