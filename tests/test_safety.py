"""The warning-sign check: emergency stops everything, urgent warns, answers are stored."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine

from coach.domain.model import ProgressionSettings
from coach.domain.warning_signs import SIGNS, Urgency, pain_jump, to_ask
from tests.conftest import Run

NO = ["n"] * len(SIGNS)


@pytest.fixture(autouse=True)
def _instant(instant: None) -> None:
    """Every session here runs on the instant clock."""


def answers_with(**yes: bool) -> list[str]:
    """Answers to the first check's questions, in the order they are asked."""
    return ["y" if yes.get(s.id) else "n" for s in to_ask([])]


def checks(home: Path) -> list[dict[str, Any]]:
    found = [tomllib.loads(p.read_text()) for p in (home / "checks").glob("*.toml")]
    return sorted(found, key=lambda c: c["when"])


def sessions(home: Path) -> list[Path]:
    return sorted((home / "sessions").rglob("*.toml"))


def flat(text: str) -> str:
    return " ".join(text.split())


def on(day: str) -> time_machine.travel:
    return time_machine.travel(datetime.fromisoformat(day + "T09:00:00+01:00"), tick=False)


def test_every_sign_from_the_clinical_list_is_asked() -> None:
    first = to_ask([])
    assert len([s for s in first if s.urgency is Urgency.EMERGENCY]) == 5
    # After a fall a doctor has seen, a new fall is asked instead (rules v3).
    assert {s.id: s.instead_of for s in SIGNS if s.instead_of} == {"fall": "trauma"}
    assert len(first) == len(SIGNS) - 1
    # Corticosteroids and osteoporosis or steroids with a fall are asked apart: one is
    # history, one news.
    assert len([s for s in SIGNS if s.urgency is Urgency.URGENT]) == 9
    assert {s.id for s in SIGNS if s.history} == {"cancer", "age", "steroids"}
    assert {s.id for s in SIGNS if s.no_exercise} == {"fever"}


def test_check_all_no(run: Run, coach_home: Path) -> None:
    result = run("check", input="\n".join(NO) + "\n")
    assert result.exit_code == 0
    assert "You answered no to every question" in flat(result.stdout)
    assert "fine" not in result.stdout.lower()  # no reassurance
    (stored,) = checks(coach_home)
    assert stored["reason"] == "asked" and set(stored["answers"].values()) == {False}


def test_check_emergency_exits_3_and_blocks_sessions(run: Run, coach_home: Path) -> None:
    result = run("check", input="\n".join(answers_with(bladder=True)) + "\n")
    assert result.exit_code == 3
    text = flat(result.stdout)
    assert "Call your GP now" in text and "huisartsenpost" in text and "112" in text
    assert "lost control of your bladder" in text
    # No session until the person confirms a doctor saw them.
    blocked = run("start", "--skip-check", input="n\n")
    assert blocked.exit_code == 3 and sessions(coach_home) == []
    assert "Has a doctor seen you about this" in blocked.stdout
    seen = run("start", "walk", "--skip-check", "--speed", "50", input="y\n")
    assert seen.exit_code == 0 and len(sessions(coach_home)) == 1
    assert [c["reason"] for c in checks(coach_home)] == ["asked", "seen"]


def test_check_urgent_advises_and_lets_the_person_choose(run: Run, coach_home: Path) -> None:
    result = run("check", input="\n".join(answers_with(weight=True, night=True)) + "\n")
    assert result.exit_code == 0
    text = flat(result.stdout)
    assert "Contact your GP soon" in text and "you answered yes to:" in text
    # Facts, not the questions again.
    assert (
        "- weight loss without trying" in text
        and "Have you lost weight" not in text.split("you answered yes to:")[1]
    )
    assert "you may exercise meanwhile" in text


def test_fever_means_no_exercise_today(run: Run, coach_home: Path) -> None:
    result = run("start", "walk", "--speed", "50", input="\n".join(answers_with(fever=True)))
    text = flat(result.stdout)
    assert "don't exercise today" in text and "Contact your GP today" in text
    assert "exercise today anyway" not in text and "may exercise" not in text
    assert sessions(coach_home) == []


def test_an_emergency_yes_stops_the_questions_at_once(run: Run, coach_home: Path) -> None:
    result = run("check", input="n\ny\n")  # saddle: no; bladder: yes
    assert result.exit_code == 3
    assert "3/14" not in result.stdout  # nobody answers the rest first
    assert "Call a doctor now" in result.stdout
    (stored,) = checks(coach_home)
    assert stored["answers"] == {"saddle": False, "bladder": True}


def test_history_is_asked_once_when_the_gp_knows(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        first = run("check", input="\n".join([*answers_with(cancer=True), "y"]) + "\n")
    assert "Does your GP or therapist already know about this: cancer in the past?" in flat(
        first.stdout
    )
    assert "will not ask about it again" in flat(first.stdout)
    assert checks(coach_home)[0]["known"] == ["cancer"]
    with on("2026-12-01"):  # four weeks on: the other signs again, not the cancer question
        again = run("start", "walk", "--speed", "50", input="\n".join(["n"] * 13) + "\n")
    assert again.exit_code == 0, again.output
    assert "Have you ever had cancer?" not in again.stdout and "1/13" in again.stdout
    assert len(sessions(coach_home)) == 1


def test_urgent_before_the_first_session(run: Run, coach_home: Path) -> None:
    declined = run(
        "start", "walk", "--speed", "50", input="\n".join([*answers_with(night=True), "n"]) + "\n"
    )
    assert declined.exit_code == 0 and sessions(coach_home) == []  # chose not to exercise
    assert "exercise today anyway" in declined.stdout
    assert checks(coach_home)[0]["answers"]["night"] is True


def test_first_run_gate(run: Run, coach_home: Path) -> None:
    result = run("start", "walk", "--speed", "50", input="\n".join(NO) + "\n")
    assert result.exit_code == 0, result.output
    assert "Before your first session" in result.stdout
    assert len(sessions(coach_home)) == 1
    again = run("start", "walk", "--speed", "50", input="")
    assert "Before your first session" not in again.stdout and again.exit_code == 0


def test_first_run_gate_cannot_be_skipped_silently(run: Run, coach_home: Path) -> None:
    result = run("start", "walk", "--speed", "50", input="")
    assert result.exit_code == 1 and "input ended" in result.stderr
    assert sessions(coach_home) == []
    demo = run("start", "walk", "--speed", "50", "--skip-check", input="")
    assert demo.exit_code == 0 and "was skipped (--skip-check)" in demo.stdout


def test_every_four_weeks(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        run("check", input="\n".join(NO) + "\n")
    with on("2026-11-20"):
        assert "warning-sign" not in run("start", "walk", "--speed", "50", input="").stdout
    with on("2026-11-30"):
        result = run("start", "walk", "--speed", "50", input="\n".join(NO) + "\n")
    assert "It has been four weeks" in result.stdout
    assert [c["reason"] for c in checks(coach_home)] == ["asked", "monthly"]


def test_pain_well_above_usual_asks_again() -> None:
    # 3 or more above the usual (the median of the last three answers), or 7 or more.
    assert pain_jump(6, [2, 3, 3]) and pain_jump(5, [2, 2]) and pain_jump(4, [1])
    assert pain_jump(7, []) and pain_jump(9, [8, 8, 8])  # from the very first session
    assert pain_jump(6, [9, 9, 2, 3, 3])  # only the last three count
    assert not pain_jump(5, [2, 3, 3]) and not pain_jump(6, []) and not pain_jump(None, [1, 1])
    # The programme's thresholds, the same as the rule that allows no increase that day.
    stricter = ProgressionSettings(pain_today_high=6, pain_today_jump=2)
    assert pain_jump(6, [], stricter) and pain_jump(5, [3, 3], stricter)
    assert not pain_jump(7, [5], ProgressionSettings(pain_today_high=9, pain_today_jump=5))


def test_pain_jump_in_a_session(run: Run, coach_home: Path) -> None:
    run("check", input="\n".join(NO) + "\n")
    after = ["2", "2", "", ""] * 2
    for day, pain in (("2026-11-02", "2"), ("2026-11-04", "2")):
        with on(day):
            morning = [] if day == "2026-11-02" else ["2"]
            assert run("start", input="\n".join([pain, *morning, *after, ""]) + "\n").exit_code == 0
    with on("2026-11-06"):
        result = run("start", input="\n".join(["6", "2", *answers_with(saddle=True)]) + "\n")
    assert result.exit_code == 3
    assert "Your pain is high today" in result.stdout
    *_done, last = sessions(coach_home)  # no session ran; the pain given before it is kept
    assert len(_done) == 2
    kept = tomllib.loads(last.read_text())
    assert (kept["status"], kept["before"]["pain"]) == ("stopped", 6)
    assert not any(e.get("done") for e in kept["exercises"])
