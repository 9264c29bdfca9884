"""coach next, progress and history over a recorded history."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine

from coach.domain.session_record import (
    Answers,
    Before,
    DecisionDone,
    ExerciseDone,
    SessionRecord,
    SetDone,
    Status,
    session_id,
)
from coach.files.library import load_library
from coach.files.paths import Paths
from coach.files.programmes import DEFAULT_PROGRAMME, fingerprint, load_programme
from coach.files.session_store import Store
from tests.conftest import Run

TODAY = datetime.fromisoformat("2026-11-23T10:00:00+01:00")  # a Monday


def write_history(
    home: Path, days: list[int], pain: int = 2, morning: str = "same", hold: int = 3
) -> list[SessionRecord]:
    paths = Paths(home, home)
    programme = load_programme(DEFAULT_PROGRAMME, load_library(paths))
    store = Store(paths)
    records = []
    previous = None
    for n, days_ago in enumerate(days):
        started = TODAY - timedelta(days=days_ago)
        exercises = []
        for entry in programme.exercises:
            d = entry.dosage
            exercises.append(
                ExerciseDone(
                    id=entry.exercise.id,
                    level=d.level,
                    sets=d.sets,
                    reps=d.reps,
                    sides=d.sides.value,
                    hold_s=hold,
                    duration_s=None,
                    done=[
                        SetDone(s, side, 10, 10) for s in (1, 2, 3) for side in ("left", "right")
                    ],
                    answers=Answers(pain=pain, effort="right", leg=False, saddle=False),
                    decision=DecisionDone(
                        "keep",
                        "first",
                        {"level": d.level},
                        {"nl": "x", "en": "x"},
                        since=(TODAY - timedelta(days=days[0])).date(),
                    ),
                )
            )
        record = SessionRecord(
            id=session_id(started),
            started=started,
            programme="Back",
            language="en",
            exercises=exercises,
            ended=started + timedelta(minutes=20),
            status=Status.COMPLETE,
            programme_id=fingerprint(programme),
            before=Before(
                pain=1 + n % 3, morning_after=morning if previous else None, about=previous
            ),
        )
        store.save(record)
        records.append(record)
        previous = record.id
    return records


def test_history_text_json_csv(run: Run, coach_home: Path) -> None:
    assert "No sessions yet" in run("history").stdout
    write_history(coach_home, [9, 7, 5])
    lines = run("history").stdout.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("2026-11-14 10:00  complete  20 min")
    assert "next morning: the same" in lines[0] and "pain 1 → 2" in lines[0]
    data = json.loads(run("history", "--json").stdout)
    assert [d["id"] for d in data] == [
        "2026-11-14T10-00-00",
        "2026-11-16T10-00-00",
        "2026-11-18T10-00-00",
    ]
    rows = list(csv.DictReader(io.StringIO(run("history", "--csv").stdout)))
    assert len(rows) == 6 and rows[0]["exercise"] == "bird-dog"
    assert rows[0]["reps_done"] == "60" and rows[0]["morning_after"] == "same"
    assert run("history", "--json", "--csv").exit_code == 2


def test_progress_shows_adherence_dosage_and_charts(
    run: Run, coach_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_PLAIN", "0")  # the charts, though CliRunner's stdout is no terminal
    write_history(coach_home, [15, 13, 11, 9, 4])
    with time_machine.travel(TODAY, tick=False):
        result = run("progress", "--weeks", "3")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "the last 3 weeks, from 9 Nov" in out
    assert "week of 9 Nov 3 of 3 100%" in out  # 11, 13, 15 Nov
    assert "week of 16 Nov 1 of 3 33%" in out
    assert "Bird-dog" in out and "3 × 10 per side, hold 3 s" in out and "8 Nov 2026" in out
    assert "Weekly load (reps × hold seconds)" in out and "Pain, 0-10" in out
    assert "next morning the same" in out


def test_progress_export(run: Run, coach_home: Path, tmp_path: Path) -> None:
    write_history(coach_home, [9, 7, 5])
    with time_machine.travel(TODAY, tick=False):
        assert run("progress", "--export", str(tmp_path / "p.csv")).exit_code == 0
        assert run("progress", "--export", str(tmp_path / "p.json")).exit_code == 0
        bad = run("progress", "--export", str(tmp_path / "p.xlsx"))
    assert bad.exit_code == 2 and ".csv or .json" in bad.stderr
    rows = list(csv.DictReader((tmp_path / "p.csv").open()))
    assert len(rows) == 6
    data = json.loads((tmp_path / "p.json").read_text())
    # Eight weeks asked, but the programme began 9 days ago: no empty weeks before it.
    assert [w["done"] for w in data["weeks"]] == [1, 2, 0]
    assert data["exercises"][0] == {
        "exercise": "bird-dog",
        "level": 3,
        "sets": 3,
        "reps": 10,
        "hold_s": 3,
        "duration_s": None,
        "since": "2026-11-14",
    }


def test_next_explains_and_prints_json(run: Run, coach_home: Path) -> None:
    write_history(coach_home, [9, 7, 5])
    with time_machine.travel(TODAY, tick=False):
        text = run("next").stdout
        data = json.loads(run("next", "--json").stdout)
    # A graded step: 2 s more hold with 3 reps fewer, +17 % work per side (at most 25 %).
    assert "Your next session" in text and "▲ Bird-dog: 7 per side, hold 5 s from today." in text
    assert data[0] == {
        "exercise": "bird-dog",
        "decision": "increase",
        "dosage": {"level": 3, "sets": 3, "reps": 7, "hold_s": 5},
        "reason": data[0]["reason"],
    }
    assert "In your last 3 sessions the pain stayed at 2 or lower" in data[0]["reason"]


def test_next_after_a_flare_and_in_dutch(run: Run, coach_home: Path) -> None:
    write_history(coach_home, [5, 3], pain=7)
    with time_machine.travel(TODAY, tick=False):
        data = json.loads(run("--lang", "nl", "next", "--json").stdout)
    # A graded step down: 3 x 10 to 3 x 8 (-20 %), not a set less (-33 %).
    assert data[0]["decision"] == "decrease" and data[0]["dosage"]["reps"] == 8
    assert "een stap terug" in data[0]["reason"]


def test_a_broken_session_file_is_a_warning_not_a_failure(run: Run, coach_home: Path) -> None:
    records = write_history(coach_home, [5, 3])
    path = Store(Paths(coach_home, coach_home)).file_for(records[0])
    path.write_text("schema = 1\nstarted = oops\n")
    result = run("history")
    assert result.exit_code == 0
    assert "warning: " in result.stderr and path.name in result.stderr and "line 2" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1
