"""`coach start` end to end in-process: questions, decisions, the stop rule, the check-in.

The session runs on an instant clock (time moves when the runner waits), and the
days pass under time-machine, so a history of weeks replays in milliseconds.
"""

from __future__ import annotations

import json
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine

from tests.conftest import Run, outcome_skips


@pytest.fixture(autouse=True)
def _instant(instant: None) -> None:
    """Every session here runs on the instant clock."""


def sessions(home: Path) -> list[dict[str, Any]]:
    return [tomllib.loads(p.read_text()) for p in sorted((home / "sessions").rglob("*.toml"))]


def on(day: str) -> time_machine.travel:
    return time_machine.travel(datetime.fromisoformat(day + "T09:00:00+01:00"), tick=False)


AFTER = "\n".join(["2", "2", "", ""])  # pain 2, about right, no symptoms


def start(run: Run, answers: list[str]) -> Any:
    """`coach start`; the warning-sign check has its own tests (test_safety)."""
    return run("start", "--skip-check", input="\n".join([*outcome_skips(), *answers]) + "\n")


def flat(text: str) -> str:
    """The output with rich's line wrapping undone."""
    return " ".join(text.split())


def test_first_session_asks_and_records(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        result = start(run, ["3", "2", "2", "", "", "4", "3", "", "", "Went fine"])
    assert result.exit_code == 0, result.output
    assert "Pain in your back right now" in result.stdout
    assert "morning after" not in result.stdout  # no earlier session to ask about
    assert "Bird-dog: 3 × 10 per side, hold 3 s, as planned by your therapist." in flat(
        result.stdout
    )
    assert "Session complete" in result.stdout
    (record,) = sessions(coach_home)
    assert record["kind"] == "programme" and record["before"] == {"pain": 3}
    bird, bridge = record["exercises"]
    assert bird["answers"] == {"pain": 2, "effort": "right", "saddle": False, "leg": False}
    assert bridge["answers"] == {"pain": 4, "effort": "hard", "saddle": False, "leg": False}
    assert bird["decision"]["kind"] == "keep" and bird["decision"]["reason"] == "first"
    assert "therapeut" in bird["decision"]["text"]["nl"]
    assert record["note"] == "Went fine"
    assert "Did you know?" in result.stdout


def test_stop_rule_ends_the_session_gently(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        result = start(run, ["2", "8", "3", ""])
    assert result.exit_code == 0, result.output
    assert "Stop for today" in result.stdout and "huisartsenpost" in flat(result.stdout)
    (record,) = sessions(coach_home)
    assert record["status"] == "stopped" and record["stop_reason"] == "pain"
    assert record["exercises"][1]["done"] == []  # the bridge never started


def test_leg_symptoms_stop_and_bring_the_check_back(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        result = start(run, ["", "3", "2", "", "y"])
    text = flat(result.stdout)
    assert "numbness, tingling or weakness in a leg is a sign to stop" in text
    assert "contact your therapist or your GP" in text
    assert sessions(coach_home)[0]["stop_reason"] == "leg"
    assert "Did you know?" not in text
    # The warning-sign check runs before the next session, even with --skip-check gone.
    with on("2026-11-04"):
        nxt = run("start", input="\n".join(["n"] * 14) + "\n")
    assert "Last time you noticed new symptoms in a leg" in flat(nxt.stdout)


def test_saddle_symptoms_are_an_emergency_in_a_session(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        result = start(run, ["", "3", "2", "y"])
    text = flat(result.stdout)
    assert "Call a doctor now" in text and "huisartsenpost" in text and "112" in text
    assert "during a session" in text
    assert "Did you know?" not in text and "A note about today" not in text
    record = sessions(coach_home)[0]
    assert record["stop_reason"] == "emergency"
    assert record["exercises"][0]["answers"]["saddle"] is True
    assert "leg" not in record["exercises"][0]["answers"]  # no second question first
    # Sessions are blocked until a doctor has seen the person, as after `coach check`.
    with on("2026-11-03"):
        blocked = start(run, ["n"])
    assert blocked.exit_code == 3 and "Has a doctor seen you" in blocked.stdout
    assert len(sessions(coach_home)) == 1


def test_pain_above_five_is_said_plainly_and_asks_to_go_on(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        result = start(run, ["", "6", "2", "", "", "n"])
    text = flat(result.stdout)
    assert (
        "Pain 6 is above 5 out of 10: next time the load goes one step down, unless it is "
        "at the lightest step already." in text
    )
    assert "Go on with the next exercise?" in text
    record = sessions(coach_home)[0]
    assert record["status"] == "stopped" and record["stop_reason"] == "pain-exercise"
    assert record["exercises"][1]["done"] == []


def test_load_builds_up_over_weeks(run: Run, coach_home: Path) -> None:
    days = ["2026-11-02", "2026-11-04", "2026-11-06"]
    for day in days:
        with on(day):
            morning = [] if day == days[0] else ["2"]  # the same the next morning
            assert (
                start(run, ["1", *morning, *AFTER.split("\n"), *AFTER.split("\n"), ""]).exit_code
                == 0
            )
    # Monday: the weekly check-in (3 of 3: well done), then an increase is offered: a graded
    # step, 3 x 10, hold 3 s (90 per side) -> 3 x 7, hold 5 s (105, +16.7 %, within 25 %).
    with on("2026-11-09"):
        # The check-in's outcome questions first, all skipped: the activities to name (the
        # programme has none), the average pain, and overall.
        skips = ["", "", ""]
        result = start(
            run, [*skips, "1", "2", "n", "n", *AFTER.split("\n"), *AFTER.split("\n"), ""]
        )
    assert "Last week you did 3 of 3 sessions. Well done" in result.stdout
    assert (
        "Bird-dog: 7 per side, hold 5 s from today. In your last 3 sessions the pain stayed "
        "at 2 or lower, and your back felt the same the next morning."
    ) in flat(result.stdout)
    assert "you chose to stay at this dosage" in flat(result.stdout)
    latest = sessions(coach_home)[-1]
    assert latest["exercises"][0]["decision"]["declined"] is True
    assert (latest["exercises"][0]["reps"], latest["exercises"][0]["hold_s"]) == (10, 3)
    # Declined, so it is offered again next time; accepted this time.
    with on("2026-11-11"):
        result = start(run, ["1", "2", "", "", *AFTER.split("\n"), *AFTER.split("\n"), ""])
    latest = sessions(coach_home)[-1]
    assert latest["exercises"][0]["decision"]["kind"] == "increase"
    assert (latest["exercises"][0]["reps"], latest["exercises"][0]["hold_s"]) == (7, 5)
    with on("2026-11-13"):  # inside the faked days: on the real clock, a break would show
        nxt = json.loads(run("next", "--json").stdout)
    assert nxt[0]["exercise"] == "bird-dog"
    assert nxt[0]["dosage"] == {"level": 3, "sets": 3, "reps": 7, "hold_s": 5}


def test_weekly_checkin_asks_what_got_in_the_way(run: Run, coach_home: Path) -> None:
    with on("2026-11-04"):
        start(run, ["", *AFTER.split("\n"), *AFTER.split("\n"), ""])
    with on("2026-11-10"):
        result = start(run, ["1", "", "", *AFTER.split("\n"), *AFTER.split("\n"), ""])
    assert "Last week you did 1 of 3 planned sessions." in result.stdout
    assert "Tie the exercises to something you do every day" in flat(result.stdout)
    latest = sessions(coach_home)[-1]
    assert latest["checkin"] == {"week": "2026-W45", "done": 1, "planned": 3, "reason": "time"}


def test_no_input_skips_every_question(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        result = run("start", "--skip-check", input="")
    assert result.exit_code == 0, result.output
    (record,) = sessions(coach_home)
    assert record["status"] == "complete" and "before" not in record


def test_previews_and_single_exercises_ask_nothing(run: Run, coach_home: Path) -> None:
    with on("2026-11-02"):
        assert run("start", "--speed", "10", "--skip-check", input="").exit_code == 0
        assert run("start", "walk", "--skip-check", input="").exit_code == 0
    kinds = [(r["kind"], r.get("speed", 1.0)) for r in sessions(coach_home)]
    assert sorted(kinds) == [("extra", 1.0), ("programme", 10.0)]
    assert all("before" not in r for r in sessions(coach_home))


def test_a_session_a_dead_process_left_is_closed_as_interrupted(run: Run, coach_home: Path) -> None:
    """Power loss mid-session: the file says in-progress. The next start closes it, sets kept."""
    with on("2026-11-02"):
        start(run, ["2", "2", "2", "", "", "2", "2", "", "", ""])
    (path,) = (coach_home / "sessions").rglob("*.toml")
    text = path.read_text()
    path.write_text(text.replace('status = "complete"', 'status = "in-progress"'))
    with on("2026-11-04"):
        assert run("start", "walk", "--speed", "50", "--skip-check").exit_code == 0
    first = tomllib.loads(path.read_text())
    assert first["status"] == "interrupted"
    assert sum(s["reps"] for s in first["exercises"][0]["done"]) == 60  # the sets are kept
    assert "interrupted" in run("history").stdout
